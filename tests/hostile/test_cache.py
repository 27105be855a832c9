"""A damaged render cache is rendered again, never published; the cache lives out of the way."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from generator.cache import _HEAD as HEAD
from generator.cache import Cache

from .conftest import Good, run_main, runstrong, snapshot


def entries(cache: Path) -> list[Path]:
    return sorted(p for p in cache.rglob("*") if p.is_file() and not p.name.startswith("."))


def test_an_entry_that_fails_its_checksum_is_a_miss(tmp_path: Path) -> None:
    cache = Cache(tmp_path, "figures")
    cache.put("ab" * 32, b"\x89PNG a picture")
    assert cache.get("ab" * 32) == b"\x89PNG a picture"
    (entry,) = entries(tmp_path)
    for damaged in (entry.read_bytes()[:-3], entry.read_bytes()[:10], b"", entry.read_bytes().replace(b"a picture", b"a pictura")):
        entry.write_bytes(damaged)
        assert cache.get("ab" * 32) is None
        assert not entry.exists(), "a damaged entry is removed, so it is rendered again"
        cache.put("ab" * 32, b"\x89PNG a picture")
    entry.write_bytes(b"\x89PNG a picture")  # an entry in the old format, without a checksum
    assert cache.get("ab" * 32) is None


def test_a_build_days_later_from_a_damaged_cache_is_byte_identical(good: Good, tmp_path: Path) -> None:
    """Two promises, one build (the suite stays fast): damaged cache entries are rendered again,
    never published; and content outside git builds the same bytes on another day (sitemap
    dates from the content, not the clock)."""
    outside = subprocess.run(["git", "rev-parse"], cwd=good.content, capture_output=True, check=False)
    assert outside.returncode != 0, "the good content must not be in a git repository"
    cache = tmp_path / "cache"
    shutil.copytree(good.cache, cache)
    pngs = [p for p in entries(cache) if p.read_bytes()[HEAD:].startswith(b"\x89PNG")]
    pdfs = [p for p in entries(cache) if p.read_bytes()[HEAD:].startswith(b"%PDF")]
    assert pngs and pdfs, "the good build cached its pictures and PDFs"
    truncated, flipped = pngs[0], pdfs[0]
    truncated.write_bytes(truncated.read_bytes()[: truncated.stat().st_size // 2])  # a full disk, a killed copy
    data = flipped.read_bytes()
    flipped.write_bytes(data[:-200] + bytes([data[-200] ^ 0x40]) + data[-199:])  # one bit, deep inside
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
        cache,
        cwd=tmp_path,
        module="tests.hostile.inject",
        env={"SOURCE_DATE_EPOCH": ""},
    )
    assert result.code == 0, result.stderr
    assert snapshot(site) == good.tree, "every page, picture and PDF is the one a clean build made 3 days before"
    assert "<lastmod>" in (site / "sitemap.xml").read_text(encoding="utf-8")
    fresh = {p.relative_to(cache): p.read_bytes() for p in entries(cache)}
    clean = {p.relative_to(good.cache): p.read_bytes() for p in entries(good.cache)}
    assert fresh == clean, "damaged entries were replaced by good ones"


def test_the_default_cache_is_the_user_cache_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from generator.build import CACHE_ENV, render_cache_dir

    monkeypatch.delenv(CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.chdir(tmp_path)
    assert render_cache_dir() == tmp_path / "xdg" / "runstrong"
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "mine"))
    assert render_cache_dir() == tmp_path / "mine"


def test_a_coach_running_cards_in_their_folder_finds_no_cache_there(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, good: Good, tmp_path: Path
) -> None:
    from generator.build import CACHE_ENV

    monkeypatch.delenv(CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(good.content / "programs" / "test-plan.yaml", tmp_path / "plan.yaml")
    code, _, err = run_main(capsys, "cards", "plan.yaml", "--content", good.content)
    assert code == 0, err
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "xdg") == ["plan-cards-a6.pdf", "plan.yaml"]
