"""Progress on the long steps of a build (PDFs, pictures, pages, MkDocs), and how much to say.

A cold build of a 900-exercise library takes minutes; a bar that moves says it is working and
how far it is. tqdm draws the bars on a terminal: small, pure Python, redrawn in place on one
line. The pictures and PDFs steps count each file as it is ready (the cached ones at once), so
the bar moves while they are drawn.

How much is said is the command line's choice (``-q``, ``-v``; ``LEVEL``): quiet says nothing
but errors and warnings; normal adds the summary line, and bars on a terminal only (a CI log or
a pipe gets the summary line, no bar chatter); verbose also writes each step as lines a log
keeps: where it starts, how far it is at each quarter, and its count and time when done.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Protocol

QUIET, NORMAL, VERBOSE = 0, 1, 2
LEVEL = NORMAL  # set once by the command line (-q, -v)


class Progress(Protocol):
    """What a renderer tells about its work: how many items, then each as it is ready."""

    def total(self, count: int) -> None: ...

    def advance(self, count: int = 1) -> None: ...


def wanted(enabled: bool = True) -> bool:
    """Progress when asked: bars on a terminal, or lines in verbose mode; never when quiet."""
    if not enabled or LEVEL <= QUIET:
        return False
    return LEVEL >= VERBOSE or sys.stdout.isatty()


class Bar:
    """A counting bar, lines in a log (verbose), or nothing: callers update it the same way."""

    def __init__(self, description: str, total: int | None, enabled: bool) -> None:
        self._bar: Any = None
        self._lines = False
        self.description = description
        self.count = 0
        self.expected = total
        self._started = time.perf_counter()
        self._quarter = 0
        if not wanted(enabled):
            return
        if not sys.stdout.isatty():  # verbose, into a log or a pipe: lines, not redraws
            self._lines = True
            print(f"{description}…", flush=True)
            return
        try:
            from tqdm import tqdm
        except ImportError:  # an install without tqdm still builds, silently
            return
        # leave=False: the bar disappears when done, so the terminal ends with the summary.
        self._bar = tqdm(total=total, desc=description, unit="", leave=False, file=sys.stdout)

    def total(self, count: int) -> None:
        self.expected = count
        if self._bar is not None:
            self._bar.total = count
            self._bar.refresh()

    def advance(self, count: int = 1) -> None:
        self.update(count)

    def update(self, n: int = 1) -> None:
        if n <= 0:
            return
        self.count += n
        if self._bar is not None:
            self._bar.update(n)
        elif self._lines and self.expected:
            quarter = min(4, self.count * 4 // self.expected)
            if 0 < quarter < 4 and quarter > self._quarter:
                self._quarter = quarter
                print(f"{self.description}: {self.count} of {self.expected}", flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
        if self._lines:
            self._lines = False
            counted = f"{self.count} " if self.expected else ""
            print(
                f"{self.description}: {counted}done in {time.perf_counter() - self._started:.1f} s",
                flush=True,
            )
        elif LEVEL >= VERBOSE and wanted():  # verbose on a terminal: the bar goes, the line stays
            counted = f"{self.count} " if self.expected else ""
            print(
                f"{self.description}: {counted}done in {time.perf_counter() - self._started:.1f} s",
                flush=True,
            )


@contextmanager
def step(description: str, enabled: bool, total: int | None = None) -> Iterator[Bar]:
    """A bar for one step; without a ``total`` it shows the step's name and elapsed time."""
    bar = Bar(description, total, enabled)
    try:
        yield bar
    finally:
        bar.close()
