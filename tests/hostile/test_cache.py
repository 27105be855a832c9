"""A damaged render cache is rendered again, never published; the cache lives out of the way."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.cache import Cache

from .conftest import Good, run_main, runstrong, snapshot


def entries(cache: Path) -> list[Path]:
    return sorted(p for p in cache.rglob("*") if p.is_file() and not p.name.startswith("."))


def blobs(cache: Path) -> list[Path]:
    """The files holding outputs' bytes as published (the rest are small key records)."""
    return [p for p in entries(cache) if "blobs" in p.parts]


def test_an_entry_that_fails_its_checksum_is_a_miss(tmp_path: Path) -> None:
    cache = Cache(tmp_path, "figures")
    key = "ab" * 32
    cache.put(key, b"\x89PNG a picture", {"frame_px": 400})
    assert cache.get(key) == b"\x89PNG a picture"
    found = cache.entry(key)
    assert found is not None and found.read() == b"\x89PNG a picture" and found.facts == {"frame_px": 400}
    (blob,) = blobs(tmp_path)
    assert blob == found.path and blob.read_bytes() == b"\x89PNG a picture"  # as published: linkable
    good = blob.read_bytes()
    damages = (good[:-3], good[:10], b"", good.replace(b"a picture", b"a pictura"))
    for damaged, read in zip(damages, [cache.get, cache.entry] * 2, strict=True):
        blob.write_bytes(damaged)  # in place, as through a hardlink in a published site
        assert read(key) is None
        assert not blob.exists(), "a damaged entry is removed, so it is rendered again"
        cache.put(key, b"\x89PNG a picture")
    (record,) = [p for p in entries(tmp_path) if p not in blobs(tmp_path)]
    for broken in (
        b"",
        b"{",
        b"\xff\xfe",
        b'{"format": "runstrong-cache-2"}',
        b'{"format": "runstrong-cache-2", "blob": "../../x", "size": 1}',
        b'{"format": "runstrong-cache-2", "blob": "' + b"A" * 64 + b'", "size": 1}',  # not lower-case hex
        b'{"format": "runstrong-cache-2", "blob": "' + b"a" * 64 + b'\n", "size": 1}',
    ):
        record.write_bytes(broken)
        assert cache.entry(key) is None and cache.get(key) is None
        assert not record.exists(), "an unreadable record is removed"
        cache.put(key, b"\x89PNG a picture")
    record.write_bytes(b"runstrong-cache-1\n" + bytes(32) + b"\x89PNG a picture")  # the old format
    assert cache.get(key) is None


def test_a_one_file_entry_that_fails_its_checksum_is_a_miss(tmp_path: Path) -> None:
    """An entry only the build reads (a parsed file, a page) is one file: a line naming its
    bytes' sha256, then the bytes; any damage is a miss, and the file is removed."""
    cache = Cache(tmp_path, "pages", linkable=False)
    key = "ef" * 32
    cache.put(key, b"# A page\n\nIts text.\n")
    (entry,) = entries(tmp_path)
    assert entry == tmp_path / "pages" / "keys" / key and not blobs(tmp_path)
    assert cache.get(key) == b"# A page\n\nIts text.\n" and cache.holds(key)
    with pytest.raises(TypeError):
        cache.entry(key)  # nothing a site could link
    with pytest.raises(TypeError):
        cache.put(key, b"# A page", {"frame_px": 400})  # no record to keep facts in
    good = entry.read_bytes()
    head, _, body = good.partition(b"\n")
    damages = (
        good[:-3],  # truncated
        good.replace(b"Its text", b"Its test"),  # one letter
        head + b"\n",  # the bytes lost
        head,  # no newline: no bytes at all
        b"",
        good.replace(b"runstrong-cache-whole-1", b"runstrong-cache-whole-9"),  # another format
        head.replace(head[-64:], head[-64:].upper()) + b"\n" + body,  # not the hex it wrote
        b'{"format": "runstrong-cache-2", "blob": "' + b"a" * 64 + b'", "size": 1}',  # the two-file record
    )
    for damaged in damages:
        entry.write_bytes(damaged)
        assert cache.get(key) is None, damaged
        assert not entry.exists(), "a damaged entry is removed, so it is made again"
        cache.put(key, b"# A page\n\nIts text.\n")
    # An entry of the two-file layout read as one file, and the other way round: a miss.
    Cache(tmp_path, "figures").put(key, b"\x89PNG a picture")
    (tmp_path / "figures" / "keys" / key).replace(tmp_path / "pages" / "keys" / key)
    assert cache.get(key) is None
    cache.put(key, b"# A page")
    (tmp_path / "pages" / "keys" / key).replace(tmp_path / "figures" / "keys" / key)
    assert Cache(tmp_path, "figures").entry(key) is None


def test_a_build_keeps_blobs_only_for_what_a_site_links(good: Good) -> None:
    """Only pictures and PDFs (which a site hardlinks) are a blob and a record; every other entry
    is one file, and no entry sits in a fanned-out folder: a cold build of a large library
    spent more creating ~5,400 extra files and ~1,000 folders than writing them (cache.py)."""
    # (The site-digest records, ``sites/``, are not entries: cache.site_records.)
    kept = [p for p in (p.relative_to(good.cache) for p in entries(good.cache)) if p.parts[0] != "sites"]
    namespaces = {p.parts[0] for p in kept if p.parts[1:2] == ("keys",)}
    assert {"figures", "pdf", "parsed", "checked", "pages"} <= namespaces
    for path in kept:
        if path.parts[1] not in ("keys", "blobs"):
            continue
        assert len(path.parts) == 3, f"{path}: an entry directly in its folder"
        if path.parts[0] not in ("figures", "pdf"):
            assert path.parts[1] == "keys", path
            assert (good.cache / path).read_bytes().startswith(b"runstrong-cache-whole-1 "), path
    assert {p.parts[0] for p in kept if p.parts[1] == "blobs"} == {"figures", "pdf"}


def test_a_sites_pictures_and_pdfs_are_links_to_the_cache_not_copies(good: Good) -> None:
    """MkDocs copied every picture and PDF out of the render cache: a new file and its bytes
    each (~1,100 for 900 exercises). They are linked (``Generated.copy_file``); an edit through
    a link is caught by the blob's hash (the test above builds from such a cache)."""
    cached = {p.name: p for p in blobs(good.cache)}  # named by the sha256 of their bytes
    published = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in good.site.rglob("*") if p.is_file()}
    from_cache = {p: cached[digest] for p, digest in published.items() if digest in cached}
    assert {".png", ".pdf"} <= {p.suffix for p in from_cache}
    copied = [str(p.relative_to(good.site)) for p, blob in from_cache.items() if not os.path.samefile(p, blob)]
    assert copied == []


def test_equal_bytes_share_one_blob(tmp_path: Path) -> None:
    # Two exercises' maps with equal bytes (or a PDF printed twice) are one file in the cache.
    cache = Cache(tmp_path, "figures")
    one, two = cache.put("aa" * 32, b"same"), cache.put("bb" * 32, b"same")
    assert one is not None and two is not None and one.path == two.path
    assert len(blobs(tmp_path)) == 1 and cache.get("aa" * 32) == cache.get("bb" * 32) == b"same"
    assert Cache(None, "figures").put("aa" * 32, b"same") is None  # no folder, no cache


def test_a_build_days_later_from_a_damaged_cache_is_byte_identical(good: Good, tmp_path: Path) -> None:
    """Two promises, one build (the suite stays fast): damaged cache entries are rendered again,
    never published; and content outside git builds the same bytes on another day (sitemap
    dates from the content, not the clock)."""
    outside = subprocess.run(["git", "rev-parse"], cwd=good.content, capture_output=True, check=False)
    assert outside.returncode != 0, "the good content must not be in a git repository"
    cache = tmp_path / "cache"
    shutil.copytree(good.cache, cache)
    pngs = [p for p in blobs(cache) if p.read_bytes().startswith(b"\x89PNG")]
    pdfs = [p for p in blobs(cache) if p.read_bytes().startswith(b"%PDF")]
    assert pngs and pdfs, "the good build cached its pictures and PDFs"
    truncated, flipped = pngs[0], pdfs[0]
    truncated.write_bytes(
        truncated.read_bytes()[: truncated.stat().st_size // 2]
    )  # a full disk, a killed copy
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
    assert snapshot(site) == good.tree, (
        "every page, picture and PDF is the one a clean build made 3 days before"
    )
    assert "<lastmod>" in (site / "sitemap.xml").read_text(encoding="utf-8")
    # Render-cache entries only: not the digests of the site's files (cache.site_records).
    fresh = {p.relative_to(cache): p.read_bytes() for p in entries(cache) if "sites" not in p.parts}
    clean = {p.relative_to(good.cache): p.read_bytes() for p in entries(good.cache) if "sites" not in p.parts}
    assert fresh == clean, "damaged entries were replaced by good ones"


def test_the_default_cache_is_the_user_cache_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from generator.cache import CACHE_ENV, render_cache_dir

    monkeypatch.delenv(CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.chdir(tmp_path)
    assert render_cache_dir() == tmp_path / "xdg" / "runstrong"
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "mine"))
    assert render_cache_dir() == tmp_path / "mine"


def test_a_coach_running_cards_in_their_folder_finds_no_cache_there(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, good: Good, tmp_path: Path
) -> None:
    from generator.cache import CACHE_ENV

    monkeypatch.delenv(CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(good.content / "programs" / "test-plan.yaml", tmp_path / "plan.yaml")
    code, _, err = run_main(capsys, "cards", "plan.yaml", "--content", good.content)
    assert code == 0, err
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "xdg") == ["plan-cards-a6.pdf", "plan.yaml"]
