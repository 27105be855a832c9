"""Pictures drawn from data with Pillow: pose figures, animations, muscle maps, link previews.

The one entry point for the build is ``render_figures``; page templates use the alt-text
helpers re-exported here and the paths in ``generator.urls`` (``figure_strip_path`` …).
Like every renderer, this returns files and writes nothing into the docs tree; its only
side effect is the optional picture cache in ``cache_dir``.
"""

from __future__ import annotations

import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..files import GeneratedFile
from ..model import Figure, Guide
from .alt import animation_alt, describe, figure_alt, muscle_map_alt
from .cache import RENDERER_VERSION, Cache
from .jobs import Job, all_jobs, run
from .strip import strip_pixels

__all__ = [
    "ANIMATION_SIZE",
    "MUSCLE_MAP_SIZE",
    "MUSCLE_MAP_SMALL_SIZE",
    "PREVIEW_SIZE",
    "RENDERER_VERSION",
    "FigureStats",
    "animation_alt",
    "describe",
    "figure_alt",
    "muscle_map_alt",
    "render_figures",
    "strip_size",
]

# Display sizes in CSS pixels (the images themselves are drawn at 2×, for sharp phone screens):
# pages give them as width/height so the layout does not jump while they load.
ANIMATION_SIZE = (480, 270)
MUSCLE_MAP_SIZE = (240, 300)
MUSCLE_MAP_SMALL_SIZE = (80, 90)
PREVIEW_SIZE = (1200, 630)  # link-preview cards are shown by chat apps at their own size


def strip_size(figure: Figure) -> tuple[int, int]:
    """Display size of an exercise's keyframe strip (it grows with the number of keyframes)."""
    width, height = strip_pixels(figure)
    return width // 2, height // 2


@dataclass(frozen=True)
class FigureStats:
    rendered: int  # pictures drawn in this run
    cached: int  # pictures taken from the cache unchanged
    seconds: float
    bytes: int  # total size of all pictures returned

    def __str__(self) -> str:
        return (
            f"{self.rendered} pictures rendered, {self.cached} from cache, "
            f"{self.bytes / 1024:.0f} KB, {self.seconds:.2f} s"
        )


def render_figures(
    guide: Guide, *, cache_dir: Path | None = None, workers: int = 1
) -> tuple[list[GeneratedFile], FigureStats]:
    """Every picture of the guide, in path order; renders only what the cache lacks.

    ``workers`` > 1 spreads the rendering over that many processes (one job per picture).
    """
    start = time.perf_counter()
    cache = Cache(cache_dir, "figures")
    jobs = sorted(all_jobs(guide), key=lambda j: j.path)
    keys = {job.path: job.key for job in jobs}
    done: dict[str, bytes] = {}
    todo: list[Job] = []
    for job in jobs:
        hit = cache.get(keys[job.path])
        if hit is None:
            todo.append(job)
        else:
            done[job.path] = hit
    # Equal inputs draw equal pictures (two exercises with the same muscles): draw once.
    unique: dict[str, Job] = {}
    for job in todo:
        unique.setdefault(keys[job.path], job)
    results = _run_all(list(unique.values()), workers)
    for key, data in results.items():
        cache.put(key, data)
    for job in todo:
        done[job.path] = results[keys[job.path]]
    files = [GeneratedFile(job.path, done[job.path]) for job in jobs]
    stats = FigureStats(
        rendered=len(unique),
        cached=len(jobs) - len(todo),
        seconds=time.perf_counter() - start,
        bytes=sum(len(f.content) for f in files),
    )
    return files, stats


def _run_all(jobs: list[Job], workers: int) -> dict[str, bytes]:
    if workers <= 1 or len(jobs) <= 1:
        return {job.key: run(job) for job in jobs}
    # Longest first (animations), so no worker is left with a big job at the end.
    order = sorted(jobs, key=lambda j: (j.kind != "animation", j.path))
    with ProcessPoolExecutor(max_workers=min(workers, len(order))) as pool:
        return {job.key: data for job, data in zip(order, pool.map(run, order), strict=True)}
