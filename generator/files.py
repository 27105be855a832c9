"""The one thing every renderer returns: a file of the generated docs tree."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GeneratedFile:
    """A file of the generated docs tree; ``path`` is POSIX and relative to the docs root."""

    path: str
    content: bytes

    @classmethod
    def text(cls, path: str, text: str) -> GeneratedFile:
        return cls(path, text.encode("utf-8"))
