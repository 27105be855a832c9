"""Content outside git builds byte-identically on another day: dates come from the content."""

from __future__ import annotations

import subprocess
from pathlib import Path

from .conftest import Good, runstrong, snapshot


def test_a_build_three_days_later_is_byte_identical_without_git(good: Good, tmp_path: Path) -> None:
    outside = subprocess.run(["git", "rev-parse"], cwd=good.content, capture_output=True, check=False)
    assert outside.returncode != 0, "the good content must not be in a git repository"
    site = tmp_path / "site"
    result = runstrong(
        "clock:3",
        "--",
        "build",
        "--content",
        good.content,
        "--site-dir",
        site,
        "--cache-dir",
        good.cache,
        cwd=tmp_path,
        module="tests.hostile.inject",
        env={"SOURCE_DATE_EPOCH": ""},
    )
    assert result.code == 0, result.stderr
    assert snapshot(site) == good.tree
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>" in sitemap
