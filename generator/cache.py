"""A content-addressed file cache shared by the expensive renderers (pictures, PDFs).

Keys are hashes of everything that goes into an output (inputs, renderer version, fonts), so
an entry can never be stale: a build where nothing changed renders nothing, and any change
to an input simply misses and renders anew.

Two kinds of file, so an output can leave the cache without passing through memory:

- ``blobs/<2 hex>/<sha256>``: an output's bytes exactly as published, named by their sha256.
  A site can hardlink or copy the file as it is, and two keys with equal bytes (two
  exercises with the same muscles) share one blob.
- ``keys/<2 hex>/<key>``: a few lines of JSON naming the blob, its size and any facts the
  renderer found while drawing (a strip's frame width, where its figure starts), which pages
  need and which would otherwise cost decoding the picture again.

A blob is checked against its name (a streaming sha256) before it is handed out: a damaged
entry (a full disk, a crash of another program, a hand edit, an edit through a hardlink in a
published site) is removed and rendered again, never published. Every file is written to a
temporary name and renamed, so a blob is never changed in place once written.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_REF_FORMAT = "runstrong-cache-2"
_CHUNK = 1 << 16

CACHE_ENV = "RUNSTRONG_CACHE"  # where rendered pictures are kept between builds


def render_cache_dir(chosen: Path | None = None) -> Path:
    """The render cache's folder: ``chosen`` (the ``--cache-dir`` option), else ``$RUNSTRONG_CACHE``,
    else the user's cache folder (``~/.cache/runstrong`` on Linux).

    Pictures and PDFs are cached by content hash, so a no-change build renders none; in the user's
    cache folder, a coach running ``runstrong`` from their own folder finds no ``.cache/`` left in it.
    The command line resolves it once and hands the folder down as an argument.
    """
    if chosen is not None:
        return chosen
    from platformdirs import user_cache_dir

    return Path(os.environ.get(CACHE_ENV) or user_cache_dir("runstrong", appauthor=False))


def key_of(payload: object) -> str:
    """sha256 of a JSON-ready payload, stable across runs and machines."""
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Entry:
    """A verified cache entry: its bytes are the file at ``path`` (never rewritten in place)."""

    path: Path
    size: int
    digest: str  # sha256 of the bytes, hex: the blob's name
    facts: dict[str, Any] = field(default_factory=dict)

    def read(self) -> bytes:
        return self.path.read_bytes()


def file_digest(path: Path) -> str:
    """sha256 of a file, read in chunks (a cache holds thousands of pictures; none is loaded whole)."""
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


class Cache:
    """Entries under ``root/<namespace>/``; no root means no caching at all."""

    def __init__(self, root: Path | None, namespace: str) -> None:
        self.folder = root / namespace if root is not None else None

    def _ref(self, key: str) -> Path | None:
        return self.folder / "keys" / key[:2] / key if self.folder is not None else None

    def _blob(self, digest: str) -> Path:
        assert self.folder is not None
        return self.folder / "blobs" / digest[:2] / digest

    def _record(self, key: str) -> tuple[Path, Path, str, int, dict[str, Any]] | None:
        """(ref, blob, digest, size, facts) as the key's record says, or None; a record that
        cannot be read is removed."""
        ref = self._ref(key)
        if ref is None:
            return None
        try:
            record = json.loads(ref.read_text(encoding="utf-8"))
            if record.get("format") != _REF_FORMAT:
                raise ValueError("another format")
            digest, size, facts = str(record["blob"]), int(record["size"]), dict(record.get("facts") or {})
            if len(digest) != 64 or not all(c in "0123456789abcdef" for c in digest):
                raise ValueError("not a sha256")
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            return None
        except (OSError, UnicodeDecodeError, ValueError, AttributeError, KeyError, TypeError):
            ref.unlink(missing_ok=True)
            return None
        return ref, self._blob(digest), digest, size, facts

    def entry(self, key: str) -> Entry | None:
        """The entry for ``key``, its blob verified by a streaming hash, or None; a damaged
        entry is removed and missed.

        A cache folder outlives crashes, full disks and people: a truncated or altered entry
        must be rendered again, never published.
        """
        found = self._record(key)
        if found is None:
            return None
        ref, blob, digest, size, facts = found
        try:
            good = blob.stat().st_size == size and file_digest(blob) == digest
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            good = False
        if not good:
            _drop(blob, ref)
            return None
        return Entry(blob, size, digest, facts)

    def get(self, key: str) -> bytes | None:
        """The cached bytes (read once and checked as read), or None (see ``entry``)."""
        found = self._record(key)
        if found is None:
            return None
        ref, blob, digest, _, _ = found
        try:
            data = blob.read_bytes()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            data = None
        if data is None or hashlib.sha256(data).hexdigest() != digest:
            _drop(blob, ref)
            return None
        return data

    def put(self, key: str, data: bytes, facts: dict[str, Any] | None = None) -> Entry | None:
        """Store ``data`` (and the renderer's ``facts``) for ``key``; the entry, or None uncached."""
        ref = self._ref(key)
        if ref is None:
            return None
        digest = hashlib.sha256(data).hexdigest()
        blob = self._blob(digest)
        # An existing blob of these bytes is reused only if it is intact.
        try:
            intact = blob.stat().st_size == len(data) and file_digest(blob) == digest
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            intact = False
        if not intact:
            _write(blob, data)
        record = {"format": _REF_FORMAT, "blob": digest, "size": len(data), "facts": facts or {}}
        _write(ref, json.dumps(record, sort_keys=True, separators=(",", ":")).encode("utf-8"))
        return Entry(blob, len(data), digest, dict(facts or {}))


def _drop(blob: Path, ref: Path) -> None:
    """Remove a damaged entry: its blob (no other key may use it as it is) and its record."""
    blob.unlink(missing_ok=True)
    ref.unlink(missing_ok=True)


def _write(path: Path, data: bytes) -> None:
    """Write then rename: a build killed mid-write never leaves a truncated file behind, and a
    file that may be hardlinked into a published site is replaced, never rewritten."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        # Readable by all like any published file (mkstemp makes 600): a site may link to it.
        os.fchmod(fd, 0o644)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
