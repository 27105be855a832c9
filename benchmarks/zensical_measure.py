"""Zensical beside MkDocs in the scale benchmark: the same generated project, built by it."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import time
from pathlib import Path

from benchmarks.build_times import size_of
from benchmarks.processes import PYTHON


def zensical_command() -> str | None:
    """The zensical executable of this Python's environment (the test extras install it)."""
    return shutil.which("zensical", path=str(Path(PYTHON).parent)) or shutil.which("zensical")


def zensical_builds(project: Path, runs: int) -> tuple[list[float], float] | str:
    """Seconds of ``zensical build --clean`` runs in the generated project, then one build on the
    cache the last one left (no change); or why there are none.

    ``--clean`` empties Zensical's build cache first, so each run is a whole build like a plain
    ``mkdocs build``; the cached rebuild is what Zensical does when nothing changed.
    """
    zensical = zensical_command()
    if zensical is None:
        return "not installed"
    times = []
    for flags in [["--clean"]] * runs + [[]]:
        started = time.perf_counter()
        result = subprocess.run(
            [zensical, "build", "--strict", *flags], cwd=project, capture_output=True, text=True
        )
        if result.returncode:
            return f"failed: {(result.stderr.strip().splitlines() or ['?'])[-1][:60]}"
        times.append(time.perf_counter() - started)
    return times[:-1], times[-1]


def zensical_rows(
    zensical: tuple[list[float], float] | str, floor: float
) -> list[tuple[str, str, float | None]]:
    if isinstance(zensical, str):
        return [("zensical build of the generated tree", zensical, None)]
    clean, cached = statistics.median(zensical[0]), zensical[1]
    return [
        ("zensical build of the generated tree", f"{clean:.2f} s", clean / floor),
        ("zensical build, its cache warm, no change", f"{cached:.2f} s", cached / floor),
    ]


def zensical_sizes(project: Path) -> str:
    """Zensical's site and its own search index (search.json), for comparison (no target)."""
    site = project / "site"
    if not (site / "index.html").is_file():
        return ""
    index = site / "search.json"
    index_mb = f", search.json {index.stat().st_size / 1e6:.2f} MB" if index.is_file() else ""
    return f"zensical's site {size_of(site) / 1e6:.1f} MB{index_mb}"
