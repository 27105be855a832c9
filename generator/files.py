"""The one thing every renderer returns: a file of the generated docs tree."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class GeneratedFile:
    """A file of the generated docs tree; ``path`` is POSIX and relative to the docs root.

    Either its bytes are in memory (``content``) or it is a file on disk (``source``, e.g. a
    render-cache entry) whose bytes *are* the output: the writer hardlinks or copies it and
    MkDocs copies it, so a site's thousands of unchanged pictures are never all held in memory.
    A ``source`` is never rewritten in place (only replaced by a rename), because a link to it
    may sit in a published site.
    """

    path: str
    content: bytes = b""
    source: Path | None = None

    @classmethod
    def text(cls, path: str, text: str) -> GeneratedFile:
        return cls(path, text.encode("utf-8"))

    @classmethod
    def linked(cls, path: str, source: Path) -> GeneratedFile:
        """A file whose bytes are read from ``source`` only when they are written out."""
        return cls(path, b"", source)

    @property
    def size(self) -> int:
        return self.source.stat().st_size if self.source is not None else len(self.content)

    def read(self) -> bytes:
        """The bytes, from memory or from ``source`` (for the few readers that need them)."""
        return self.source.read_bytes() if self.source is not None else self.content
