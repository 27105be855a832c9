"""Many small render cache entries kept as one entry (generator/bundle.py)."""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import bundle
from generator.bundle import Bundle
from generator.cache import Cache


def _bundle(root: Path) -> Bundle:
    return Bundle(Cache(root, "checked", linkable=False), "checked files")


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


def _use(root: Path, read: list[str], made: dict[str, bytes]) -> dict[str, bytes | None]:
    """One use: ``read`` asked for, ``made`` put; what the reads found."""
    used = _bundle(root)
    found = {key: used.get(key) for key in read}
    for key, data in made.items():
        used.put(key, data)
    used.close()
    return found


def test_a_bundle_is_one_file_holding_what_its_uses_read_or_made(tmp_path: Path) -> None:
    assert _use(tmp_path, ["a"], {"a": b"A", "b": b"B"}) == {"a": None}
    assert len(_files(tmp_path)) == 1  # one file, not one an entry
    assert _use(tmp_path, ["a", "b"], {"c": b"C"}) == {"a": b"A", "b": b"B"}
    assert _bundle(tmp_path).held == {"a": b"A", "b": b"B", "c": b"C"}
    assert len(_files(tmp_path)) == 1


def test_a_use_that_made_nothing_new_writes_nothing(tmp_path: Path) -> None:
    _use(tmp_path, [], {"a": b"A", "b": b"B"})
    (written,) = _files(tmp_path)
    before = os.stat(written)
    assert _use(tmp_path, ["a"], {"b": b"B"}) == {"a": b"A"}  # "b" made again, the same bytes
    after = os.stat(written)
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_two_guides_share_a_bundle_and_old_versions_leave_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write keeps what its use used, then the most recently used others, up to twice as
    many as it used and ``SPARE`` more: two guides of one cache both stay; what no load has
    used for longest leaves first."""
    monkeypatch.setattr(bundle, "SPARE", 0)
    one = {f"one-{i}": b"1" for i in range(10)}
    other = {f"other-{i}": b"2" for i in range(10)}
    _use(tmp_path, [], one)
    _use(tmp_path, [], other)
    assert _use(tmp_path, sorted(one), {}) == one  # read in full after the other guide's load
    # The same guide, its first file edited each time: an entry is keyed by the file's bytes.
    edits = [{**one, "one-0": b"", f"one-0-edit-{n}": b"1"} for n in range(12)]
    for edited in edits:
        _use(tmp_path, [], {k: v for k, v in edited.items() if k != "one-0"})
    held = _bundle(tmp_path).held
    assert len(held) == 20
    assert "one-0-edit-11" in held and "one-0" not in held  # the last load's files, and...
    assert sum(1 for key in held if key.startswith("one-")) == 20  # ...the newest versions
    assert not any(key.startswith("other-") for key in held)  # the other guide's went first...
    _use(tmp_path, [], other)  # ...and come back when that guide is loaded again
    assert _bundle(tmp_path).held.items() >= other.items()


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[:-7],  # cut short: its sha256 no longer matches
        lambda raw: raw.replace(b"AAAA", b"ZZZZ"),  # changed: the same
    ],
)
def test_a_damaged_bundle_is_a_miss(tmp_path: Path, damage: Callable[[bytes], bytes]) -> None:
    _use(tmp_path, [], {"a": b"AAAA"})
    (written,) = _files(tmp_path)
    written.write_bytes(damage(written.read_bytes()))
    assert _use(tmp_path, ["a"], {}) == {"a": None}


@pytest.mark.parametrize(
    "held",
    [
        b"not a bundle",
        b"runstrong-bundle-0\na 1 1\nA",  # another version's
        b"runstrong-bundle-1\na 1 5\nA",  # an entry longer than what is left
        b"runstrong-bundle-1\na one 1\nA",  # a generation that is not a number
        b"runstrong-bundle-1\na 1 1\nAtrailing",  # bytes after the last entry
        pickle.dumps({"a": (1, b"A")}),  # a pickle (an earlier form): never unpickled
    ],
)
def test_bytes_that_are_not_a_bundle_are_a_miss(tmp_path: Path, held: bytes) -> None:
    """A well-formed cache entry under the bundle's key holding something else: nothing is
    taken from it, and nothing in it is run."""
    store = _bundle(tmp_path)
    store.cache.put(store.key, held)
    assert _use(tmp_path, ["a"], {}) == {"a": None}


def test_any_bytes_round_trip_under_any_one_word_key(tmp_path: Path) -> None:
    made = {"a": b"", "b" * 64: bytes(range(256)) * 3, "c": b"line\nbreaks\n1 2 3\n"}
    _use(tmp_path, [], made)
    assert _bundle(tmp_path).held == made
    with pytest.raises(ValueError):
        _bundle(tmp_path).put("two words", b"")


def test_a_cache_that_cannot_be_written_costs_nothing_but_time(tmp_path: Path) -> None:
    root = tmp_path / "cache"
    (root / "checked").mkdir(parents=True)
    (root / "checked" / "keys").write_text("a file where the entries' folder goes")
    _use(root, [], {"a": b"A"})  # no error
    assert _use(root, ["a"], {}) == {"a": None}
