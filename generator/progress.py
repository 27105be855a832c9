"""Progress bars on the long steps of a build (PDFs, pictures, pages, MkDocs), on a terminal only.

A cold build of a 900-exercise library takes minutes; a bar says it is working and how far it
is. tqdm draws them: small, pure Python, and it redraws in place on one line. Nothing at all is
printed when stdout is not a terminal (CI logs, tests, pipes): a log gets the summary line only.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


def wanted(enabled: bool = True) -> bool:
    """Bars only when asked and stdout is a terminal."""
    return enabled and sys.stdout.isatty()


class Bar:
    """A counting bar, or nothing: callers update it the same way either way."""

    def __init__(self, description: str, total: int | None, enabled: bool) -> None:
        self._bar: Any = None
        if wanted(enabled):
            try:
                from tqdm import tqdm
            except ImportError:  # an install without tqdm still builds, silently
                return
            # leave=False: the bar disappears when done, so the terminal ends with the summary.
            self._bar = tqdm(total=total, desc=description, unit="", leave=False, file=sys.stdout)

    def update(self, n: int = 1) -> None:
        if self._bar is not None:
            self._bar.update(n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


@contextmanager
def step(description: str, enabled: bool, total: int | None = None) -> Iterator[Bar]:
    """A bar for one step; without a ``total`` it shows the step's name and elapsed time."""
    bar = Bar(description, total, enabled)
    try:
        yield bar
    finally:
        bar.close()
