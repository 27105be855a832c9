"""The one writer (generator/writer.py): what the other tests of it do not cover."""

from __future__ import annotations

import os
import time
from pathlib import Path

from generator.writer import _umask, link_or_copy, move_files, normalise_permissions


def test_permissions_are_normalised_and_only_what_differs_is_changed(tmp_path: Path) -> None:
    umask = _umask()
    root = tmp_path / "staging"
    (root / "a").mkdir(parents=True)
    right, wrong = root / "a" / "right.html", root / "wrong.html"
    right.write_bytes(b"")
    wrong.write_bytes(b"")
    os.chmod(right, 0o666 & ~umask)
    os.chmod(wrong, 0o600)
    os.chmod(root / "a", 0o700)
    root.chmod(0o700)
    before = right.stat().st_ctime_ns
    time.sleep(0.05)  # a chmod would give it a later ctime
    normalise_permissions(root)
    modes = {p.relative_to(root).as_posix(): p.stat().st_mode & 0o777 for p in [root, *root.rglob("*")]}
    folder, file = 0o777 & ~umask, 0o666 & ~umask
    assert modes == {".": folder, "a": folder, "a/right.html": file, "wrong.html": file}
    assert right.stat().st_ctime_ns == before, "a file of the right mode is not chmod'ed (a journal write)"


def test_a_source_is_linked_only_when_its_mode_is_a_published_files(tmp_path: Path) -> None:
    """A render-cache blob is linked into a site when ``normalise_permissions`` would leave it
    alone; a link it would chmod (a umask of 002 against a 644 blob) would change the cache's
    file with it, so that one is copied."""
    blob = tmp_path / "blob"
    blob.write_bytes(b"\x89PNG a picture")
    old = os.umask(0o022)
    try:
        blob.chmod(0o644)
        link_or_copy(blob, tmp_path / "linked.png")
        old_mask = os.umask(0o002)
        link_or_copy(blob, tmp_path / "copied.png")
        os.umask(old_mask)
    finally:
        os.umask(old)
    assert os.path.samefile(blob, tmp_path / "linked.png")
    copied = tmp_path / "copied.png"
    assert not os.path.samefile(blob, copied) and copied.read_bytes() == blob.read_bytes()
    normalise_permissions(tmp_path)  # as a staging folder is
    assert blob.stat().st_mode & 0o777 == 0o644, "the cache's file keeps its mode"


def _tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text() for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_page_folder_the_target_lacks_moves_whole(tmp_path: Path) -> None:
    source, target = tmp_path / "worker", tmp_path / "site"
    for path in ("exercises/squat/index.html", "exercises/lunge/index.html", "index.html"):
        (source / path).parent.mkdir(parents=True, exist_ok=True)
        (source / path).write_text(path)
    (target / "exercises").mkdir(parents=True)  # the parent's own pages made it
    folder = os.stat(source / "exercises" / "squat").st_ino

    move_files(source, target, ["exercises/squat/index.html", "exercises/lunge/index.html", "index.html"])

    assert os.stat(target / "exercises" / "squat").st_ino == folder  # renamed, not made again
    assert _tree(target) == {
        p: p for p in ("exercises/squat/index.html", "exercises/lunge/index.html", "index.html")
    }
    assert sorted(p.name for p in (source / "exercises").iterdir()) == []  # nothing left to remove


def test_a_folder_is_moved_a_file_at_a_time_when_it_cannot_move_whole(tmp_path: Path) -> None:
    source, target = tmp_path / "worker", tmp_path / "site"
    files = {
        "a/index.html": "a",  # its folder holds a page folder too (a/b/)
        "a/b/index.html": "b",
        "c/index.html": "c",  # its folder holds a file that is not the worker's page
        "c/stray.txt": "stray",
        "d/index.html": "d",  # the target has this folder already, with a file of its own
    }
    for path, text in files.items():
        (source / path).parent.mkdir(parents=True, exist_ok=True)
        (source / path).write_text(text)
    (target / "d").mkdir(parents=True)
    (target / "d" / "kept.txt").write_text("kept")

    move_files(source, target, ["a/index.html", "a/b/index.html", "c/index.html", "d/index.html"])

    assert _tree(target) == {
        "a/index.html": "a",
        "a/b/index.html": "b",
        "c/index.html": "c",
        "d/index.html": "d",
        "d/kept.txt": "kept",
    }
    assert _tree(source) == {"c/stray.txt": "stray"}  # what was not listed stays where it was
