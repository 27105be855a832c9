"""The old site removed after a swap: within the budget while the build waits, the rest by a
detached process (generator/removal.py), never followed through a link."""

from __future__ import annotations

import os
import time
from pathlib import Path

from generator.removal import remove_soon
from generator.writer import atomic_folder, clean_stale


def tree(root: Path, count: int) -> Path:
    for i in range(count):
        page = root / f"section-{i % 5}" / f"page-{i}" / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"<p>{i}</p>\n", encoding="utf-8")
    return root


def gone_within(path: Path, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not path.exists() and not [p for p in path.parent.iterdir() if ".trash-" in p.name]:
            return True
        time.sleep(0.05)
    return False


def test_a_small_folder_is_removed_before_the_call_returns(tmp_path: Path) -> None:
    old = tree(tmp_path / ".site.new-1-x", 30)
    remove_soon(old, tmp_path / ".site.trash-")
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_what_the_budget_leaves_is_removed_by_a_detached_process(tmp_path: Path) -> None:
    old = tree(tmp_path / ".site.new-1-x", 200)
    remove_soon(old, tmp_path / ".site.trash-", budget=0)  # nothing waited for
    assert not old.exists(), "renamed at once, so a later run sees a trash folder, not an orphan"
    left = [p.name for p in tmp_path.iterdir()]
    assert all(name.startswith(".site.trash-") for name in left), left
    assert gone_within(old, 20), sorted(p.name for p in tmp_path.iterdir())


def test_links_are_removed_not_followed(tmp_path: Path) -> None:
    kept = tree(tmp_path / "kept", 3)
    old = tree(tmp_path / "old", 3)
    (old / "folder-link").symlink_to(kept, target_is_directory=True)
    (old / "file-link").symlink_to(kept / "section-0" / "page-0" / "index.html")
    os.link(kept / "section-1" / "page-1" / "index.html", old / "hardlink.html")
    remove_soon(old, tmp_path / ".old.trash-")
    assert not old.exists()
    assert sorted(p.relative_to(kept).as_posix() for p in kept.rglob("*.html")) == [
        "section-0/page-0/index.html",
        "section-1/page-1/index.html",
        "section-2/page-2/index.html",
    ]


def test_a_trash_folder_is_left_to_its_live_remover_and_cleaned_when_it_died(tmp_path: Path) -> None:
    site = tree(tmp_path / "site", 2)
    live = tree(tmp_path / f".site.trash-{os.getppid()}-abcd", 2)  # a live process (our parent)
    dead = tree(tmp_path / ".site.trash-999999999-abcd", 2)  # no such process
    clean_stale(site)
    assert live.exists() and not dead.exists()


def test_a_build_over_a_site_leaves_only_the_new_site(tmp_path: Path) -> None:
    site = tree(tmp_path / "site", 50)
    with atomic_folder(site) as staging:
        (staging / "index.html").write_text("new\n", encoding="utf-8")
    assert [p.name for p in site.iterdir()] == ["index.html"]
    assert gone_within(tmp_path / ".site.new-none", 20)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
