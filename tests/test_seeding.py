"""A one-edit build's staging folder started as the last site (generator/seeding.py): by cp in
another process, or by ``writer.seed_folder``, the same folder either way, the old site untouched."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from generator import seeding
from generator.removal import DETACH_FROM, at_once
from generator.writer import seed_folder

FILES = {
    "index.html": b"<p>home</p>",
    "exercises/a/index.html": b"<p>a</p>",
    "exercises/b/index.html": b"<p>b</p>",
    "generated/a.png": b"png",
    "search/search_index.json": b"{}",
    "sitemap.xml": b"<urlset/>",
    "sitemap.xml.gz": b"gz",
}
OWNED = ["index.html", "exercises/a/index.html", "exercises/b/index.html", "generated/a.png"]


def last_site(root: Path) -> tuple[Path, list[str]]:
    site = root / "site"
    for name, data in FILES.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_bytes(data)
    (site / "empty-folder").mkdir()
    (site / "a-link.html").symlink_to(site / "index.html")  # never carried over
    return site, sorted(FILES)


def staging_of(root: Path) -> Path:
    return Path(tempfile.mkdtemp(prefix=".site.new-1-", dir=root))


def described(folder: Path, last: Path) -> dict[str, tuple[bytes, bool] | None]:
    """Each entry: its bytes and whether it is the last site's inode (None: a folder)."""
    out: dict[str, tuple[bytes, bool] | None] = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            out[name] = (b"link", False)
        elif path.is_dir():
            out[name] = None
        else:
            out[name] = (path.read_bytes(), os.path.samefile(path, last / name))
    return out


@pytest.mark.parametrize("cp", [True, False])
def test_a_seed_is_the_folder_seed_folder_makes_and_leaves_nothing_beside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cp: bool
) -> None:
    last, names = last_site(tmp_path)
    before = described(last, last)
    expected = staging_of(tmp_path)
    seed_folder(last, expected, owned=OWNED)
    if not cp:  # no GNU cp here: seed_folder does the work
        monkeypatch.setattr(seeding.shutil, "which", lambda name: None)
    staging = staging_of(tmp_path)
    with seeding.seeding(last, names, staging, tmp_path / "site") as seed:
        assert seed is not None
        assert seed.into(staging, OWNED) == len(names)
    assert described(staging, last) == described(expected, last)
    made = described(staging, last)
    assert made["sitemap.xml"] == (b"<urlset/>", False), "an engine rewrites it in place: copied"
    assert made["exercises/a/index.html"] == (b"<p>a</p>", True), "owned: linked, unlinked before a write"
    assert "a-link.html" not in made
    assert described(last, last) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["site", expected.name, staging.name])


def test_a_seed_not_used_or_refused_is_removed(tmp_path: Path) -> None:
    last, names = last_site(tmp_path)
    staging = staging_of(tmp_path)
    with seeding.seeding(last, names, staging, tmp_path / "site"):
        pass  # a build that renders every page: the seed is dropped
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["site", staging.name])
    (staging / "written-meanwhile").write_bytes(b"")  # the rename would replace it: seed_folder then
    with seeding.seeding(last, names, staging, tmp_path / "site") as seed:
        assert seed is not None and seed.into(staging, OWNED) == len(names)
    assert (staging / "written-meanwhile").exists() and (staging / "sitemap.xml").read_bytes() == b"<urlset/>"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["site", staging.name])


def test_a_large_retired_folder_goes_to_the_remover_at_once() -> None:
    assert at_once(DETACH_FROM) == 0
    assert at_once(DETACH_FROM - 1) is None  # removal.BUDGET: a small site is gone on return
