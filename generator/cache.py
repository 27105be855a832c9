"""A content-addressed file cache shared by the expensive renderers (pictures, PDFs).

Keys are hashes of everything that goes into an output (inputs, renderer version, fonts), so
an entry can never be stale: a build where nothing changed renders nothing, and any change
to an input simply misses and renders anew.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path


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
        path = self._path(key)
        if path is None or not path.is_file():
            return None
        return path.read_bytes()

    def put(self, key: str, data: bytes) -> None:
        path = self._path(key)
        if path is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename: a build killed mid-write never leaves a truncated file behind.
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
