"""QR codes as vector paths: segno's matrix, the dark modules merged into rectangles."""

from __future__ import annotations

from functools import lru_cache

import segno

QR_QUIET_MODULES = 4  # the quiet zone the QR standard asks for, in modules


def quiet_zone(url: str, size: float) -> float:
    """The blank margin (mm) a QR code of ``url`` drawn ``size`` mm wide needs around it."""
    return QR_QUIET_MODULES * size / _qr_modules(url)


@lru_cache(maxsize=1024)
def _qr_modules(url: str) -> int:
    """Modules across ``url``'s code. The size is the version's, which the mask does not
    change: encoded with a fixed mask, skipping the search for the best one (7 ms of 8). A
    preview PDF needs only the size, for the room a code would take."""
    code = segno.make(url, error="m", micro=False, boost_error=True, mask=0)
    return len(code.matrix)


@lru_cache(maxsize=1024)
def _qr_matrix(url: str) -> tuple[tuple[bool, ...], ...]:
    # Error level M (15 %): survives a crease or a smudge, and boost_error picks a higher level
    # whenever that costs no extra size.
    code = segno.make(url, error="m", micro=False, boost_error=True)
    return tuple(tuple(bool(v) for v in row) for row in code.matrix)


@lru_cache(maxsize=1024)
def qr_path(url: str, size: float) -> str:
    """The dark modules of ``url``'s code, ``size`` pt square, as rectangles ('re') of a path
    whose origin is the code's top-left corner (y grows up, as in PDF: rows go down)."""
    matrix = _qr_matrix(url)
    n = len(matrix)
    module = size / n
    # Each square reaches a hair into its neighbours, so no viewer's anti-aliasing leaves a
    # seam between squares (a printer never would); 3 % of a module changes no reading.
    hair = module * 0.03
    out = []
    for (row0, row1), (col0, col1) in _rectangles(matrix):
        w = (col1 - col0) * module + (hair if col1 < n else 0.0)
        h = (row1 - row0) * module + (hair if row1 < n else 0.0)
        out.append(f"{col0 * module:.2f} {-row0 * module:.2f} {w:.2f} {-h:.2f} re")
    return "\n".join(out)


def _rectangles(matrix: tuple[tuple[bool, ...], ...]) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Dark modules as rectangles: horizontal runs, extended down while the next row repeats them."""
    runs_by_row: list[set[tuple[int, int]]] = []
    for row in matrix:
        runs: set[tuple[int, int]] = set()
        start = None
        for col, dark in enumerate([*row, False]):
            if dark and start is None:
                start = col
            elif not dark and start is not None:
                runs.add((start, col))
                start = None
        runs_by_row.append(runs)
    out = []
    for r, runs in enumerate(runs_by_row):
        for run in sorted(runs):
            if r > 0 and run in runs_by_row[r - 1]:
                continue  # already covered by a rectangle started above
            end = r + 1
            while end < len(runs_by_row) and run in runs_by_row[end]:
                end += 1
            out.append(((r, end), run))
    return out
