"""A content-addressed file cache shared by the expensive renderers (pictures, PDFs).

Keys are hashes of everything that goes into an output (inputs, renderer version, fonts), so
an entry can never be stale: a build where nothing changed renders nothing, and any change
to an input simply misses and renders anew. Each entry carries the hash of its own bytes, so
a damaged entry (a full disk, a crash of another program, a hand edit) is rendered again.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

# Each entry is this header, the sha256 of the data, then the data.
_MAGIC = b"runstrong-cache-1\n"
_HEAD = len(_MAGIC) + 32


def key_of(payload: object) -> str:
    """sha256 of a JSON-ready payload, stable across runs and machines."""
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Cache:
    """Files under ``root/<namespace>/<2 hex>/<key>``; no root means no caching at all."""

    def __init__(self, root: Path | None, namespace: str) -> None:
        self.folder = root / namespace if root is not None else None

    def _path(self, key: str) -> Path | None:
        return self.folder / key[:2] / key if self.folder is not None else None

    def get(self, key: str) -> bytes | None:
        """The cached bytes, or None; an entry that fails its checksum is removed and missed.

        A cache folder outlives crashes, full disks and people: a truncated or altered entry
        must be rendered again, never published.
        """
        path = self._path(key)
        if path is None:
            return None
        try:
            stored = path.read_bytes()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            return None
        header, digest, data = stored[: len(_MAGIC)], stored[len(_MAGIC) : _HEAD], stored[_HEAD:]
        if header == _MAGIC and hashlib.sha256(data).digest() == digest:
            return data
        path.unlink(missing_ok=True)
        return None

    def put(self, key: str, data: bytes) -> None:
        path = self._path(key)
        if path is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename: a build killed mid-write never leaves a truncated file behind.
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(_MAGIC + hashlib.sha256(data).digest() + data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
