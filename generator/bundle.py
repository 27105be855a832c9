"""Many small render cache entries kept as one entry: a bundle.

A guide's checked files (``load.py``: each file parsed, checked and validated, as a pickle) and
its exercise pages (``pages/pagecache.py``) are each ~900 entries of a few KB at 900 exercises,
always read and written together. As files, a cold build created ~1,800 inodes, each a search
for a free one (``cache.py`` says what that costs), and a build after one edit opened, checked
and hashed ~1,800 files. As one entry each, a build reads two files, and writes those that changed.

Entries are found by their own keys (the bytes they were made from), never by where the
content lies: a restored cache serves a checkout in another folder, and two guides share one
bundle. Each entry carries the generation of the last write that used it; a write keeps what
this use read or made, then the most recently used of the others, up to twice as many as it
used (and a few more): a second guide's entries stay beside the first's, and what no load has
used for longest (old versions of edited files) leaves first.

Its bytes are a header line, then each entry as a line (key, generation, length) and its bytes:
data, never code, so reading a bundle runs nothing whatever it holds. It is checked against its
sha256 as every one-file entry is (``cache.Cache.get``); bytes that are not a bundle are a miss.
"""

from __future__ import annotations

import contextlib
import re

from .cache import Cache, key_of

_FORMAT = b"runstrong-bundle-1\n"
_LINE = re.compile(rb"(\S+) (\d+) (\d+)\n")

SPARE = 64  # entries kept beyond twice the used ones: a small guide's neighbours


class Bundle:
    """Entries by key, kept in ``cache`` as one entry named ``name``."""

    def __init__(self, cache: Cache, name: str) -> None:
        self.cache = cache
        self.key = key_of({"bundle": name})
        self._held: dict[str, tuple[int, bytes]] | None = None  # read when first asked
        self.used: dict[str, bytes] = {}  # what this use read or made

    @property
    def _entries(self) -> dict[str, tuple[int, bytes]]:
        if self._held is None:
            self._held = _unpacked(self.cache.get(self.key))
        return self._held

    @property
    def held(self) -> dict[str, bytes]:
        """The entries the bundle holds in the cache (none when there is no bundle, or not one)."""
        return {key: data for key, (_, data) in self._entries.items()}

    def holds(self, key: str) -> bool:
        return key in self._entries

    def get(self, key: str) -> bytes | None:
        found = self._entries.get(key)
        if found is None:
            return None
        self.used[key] = found[1]
        return found[1]

    def put(self, key: str, data: bytes) -> None:
        if not key or any(c.isspace() for c in key):
            raise ValueError(f"a bundle's key is one word: {key!r}")
        self.used[key] = data

    def close(self) -> None:
        """Write the bundle when this use made anything it did not hold; a cache that cannot be
        written costs the next use its reading time, nothing more."""
        held = self._entries
        if all(key in held and held[key][1] == data for key, data in self.used.items()):
            return
        generation = 1 + max((g for g, _ in held.values()), default=0)
        kept = {key: (generation, data) for key, data in self.used.items()}
        room = 2 * len(self.used) + SPARE
        for key, entry in sorted(held.items(), key=lambda item: (-item[1][0], item[0])):
            if len(kept) >= room:
                break
            kept.setdefault(key, entry)
        with contextlib.suppress(OSError):
            self.cache.put(self.key, _packed(kept))
        self._held = kept


def _packed(entries: dict[str, tuple[int, bytes]]) -> bytes:
    parts = [_FORMAT]
    for key, (generation, data) in sorted(entries.items()):
        parts += [f"{key} {generation} {len(data)}\n".encode(), data]
    return b"".join(parts)


def _unpacked(data: bytes | None) -> dict[str, tuple[int, bytes]]:
    """The entries of a bundle's bytes; none when they are not a bundle, whole."""
    if data is None or not data.startswith(_FORMAT):
        return {}
    entries: dict[str, tuple[int, bytes]] = {}
    at = len(_FORMAT)
    while at < len(data):
        line = _LINE.match(data, at, at + 200)
        if line is None:
            return {}
        start, size = line.end(), int(line[3])
        if start + size > len(data):
            return {}
        key = line[1].decode("utf-8", "replace")
        entries[key] = (int(line[2]), data[start : start + size])
        at = start + size
    return entries
