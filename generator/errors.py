"""Content errors: one line each, in the form editors and terminals turn into links.

    content/exercises/x.yaml:12:5: muscles.primary[1]: 'glute' is not a known muscle
    (did you mean 'glute-max'?)

(printed on one line).
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

# A path into a YAML document: mapping keys and list indexes, e.g. ("muscles", "primary", 1).
DataPath = tuple[str | int, ...]


def format_path(path: DataPath) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def did_you_mean(value: object, candidates: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest candidate, or '' when none is close."""
    if not isinstance(value, str):
        return ""
    pool = list(candidates)
    lowered = {c.lower(): c for c in pool}
    match = difflib.get_close_matches(value.lower(), list(lowered), n=1, cutoff=0.6)
    return f" (did you mean '{lowered[match[0]]}'?)" if match else ""


@dataclass(frozen=True, order=True)
class ContentError:
    file: str
    line: int
    column: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class ContentErrors(Exception):
    """Raised once, after every file was read, with every error found."""

    def __init__(self, errors: Sequence[ContentError]) -> None:
        self.errors = sorted(set(errors))
        super().__init__("\n".join(str(e) for e in self.errors))


def display_path(path: Path) -> str:
    """Paths in messages: relative to the working folder when inside it, as editors expect."""
    # Without resolving links: a link is reported under its own name (and a looping link
    # cannot be resolved at all).
    absolute = Path(os.path.abspath(path))
    try:
        return str(absolute.relative_to(os.getcwd()))
    except ValueError:
        return str(path)
