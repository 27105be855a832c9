"""Pictures drawn from data with Pillow: pose figures, animations, muscle maps, link previews.

The one entry point for the build is ``render_pictures``: the picture files plus, for each
exercise with a figure, the facts pages need to show it (``display.FigureFacts``). Pages read
those and ``generator.display`` (sizes, names, alt text), never this package. Like every
renderer, this writes nothing into the docs tree; its only side effect is the optional
picture cache in ``cache_dir``, and a picture found there is handed over as that file on disk
(``GeneratedFile.linked``), not read into memory.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .. import urls
from ..display import (
    ANIMATION_SIZE,
    MUSCLE_MAP_SIZE,
    MUSCLE_MAP_SMALL_SIZE,
    PREVIEW_SIZE,
    RENDERER_VERSION,
    FigureFacts,
    muscle_map_alt,
)
from ..files import GeneratedFile
from ..memo import NO_MEMO, Memo
from ..model import Guide
from ..workers import Batch, Cached, Facts, Ran, run_batches
from .alt import animation_alt, describe, figure_alt
from .cache import Cache
from .jobs import Job, all_jobs, run
from .phrases import all_phrases

if TYPE_CHECKING:
    from ..progress import Progress

__all__ = [
    "ANIMATION_SIZE",
    "MUSCLE_MAP_SIZE",
    "MUSCLE_MAP_SMALL_SIZE",
    "PREVIEW_SIZE",
    "RENDERER_VERSION",
    "FigureStats",
    "Pictures",
    "animation_alt",
    "describe",
    "figure_alt",
    "muscle_map_alt",
    "picture_batch",
    "pictures_of",
    "render_figures",
    "render_pictures",
]


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


@dataclass(frozen=True)
class Pictures:
    """Every picture of a guide, and what pages need to know about them."""

    files: list[GeneratedFile]  # in path order; from the cache as links to its files
    stats: FigureStats
    figures: Mapping[str, FigureFacts] = field(default_factory=dict)  # by exercise slug


# The one cached-job runner (generator/workers.py) runs the pictures: animations first, the
# longest jobs, so no worker is left with a big one at the end.
PICTURES = Cached[Job](
    key=lambda job: job.key,
    path=lambda job: job.path,
    draw=run,
    first=lambda job: (job.kind != "animation", job.path),
)


def render_pictures(
    guide: Guide, *, cache_dir: Path | None = None, workers: int = 1, progress: Progress | None = None
) -> Pictures:
    """Every picture of the guide, in path order; renders only what the cache lacks.

    ``workers`` > 1 spreads the rendering over that many processes (one job per picture).
    ``progress`` is told the total, then each picture as it is ready (the cached ones at once).
    Equal inputs draw equal pictures: drawn once. Each result is stored as it arrives and
    handed over as the cache's file, so a cold build never holds every picture in memory.
    """
    start = time.perf_counter()
    batch = picture_batch(guide, cache_dir=cache_dir, progress=progress)
    return pictures_of(guide, batch, run_batches([batch], workers=workers)[0], start, cache_dir=cache_dir)


def picture_batch(
    guide: Guide,
    *,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
    memo: Memo = NO_MEMO,
) -> Batch[Job]:
    """``render_pictures``' jobs, to run with other kinds in one pool (``workers.run_batches``);
    ``memo``: a serve session's (``generator/memo.py``)."""
    jobs = sorted(all_jobs(guide, memo), key=lambda j: j.path)
    return Batch(PICTURES, jobs, Cache(cache_dir, "figures"), progress)


def pictures_of(
    guide: Guide, batch: Batch[Job], ran: Ran, start: float, *, cache_dir: Path | None = None
) -> Pictures:
    """What ``render_pictures`` returns, from its batch as run (``start``: when it started;
    ``cache_dir``: the render cache, where the figures' keyframe phrases are kept)."""
    jobs = batch.jobs
    files = [done.file for done in ran.done]
    stats = FigureStats(
        rendered=ran.drawn,
        cached=ran.cached,
        seconds=time.perf_counter() - start,
        bytes=sum(f.size for f in files),
    )
    facts = {job.path: done.facts for job, done in zip(jobs, ran.done, strict=True)}
    return Pictures(files, stats, _figure_facts(guide, facts, cache_dir))


def _figure_facts(guide: Guide, facts: Mapping[str, Facts], cache_dir: Path | None) -> dict[str, FigureFacts]:
    """Each drawn strip's facts: its cached layout plus its keyframes' words (``phrases.py``)."""
    drawn = {
        slug: (ex.figure, layout)
        for slug, ex in guide.exercises.items()
        if ex.figure is not None and (layout := facts.get(urls.figure_strip_path(slug)))
    }
    words = all_phrases([figure for figure, _ in drawn.values()], cache_dir)
    return {
        slug: FigureFacts.from_layout(layout, phrases)
        for (slug, (_, layout)), phrases in zip(drawn.items(), words, strict=True)
    }


def render_figures(
    guide: Guide, *, cache_dir: Path | None = None, workers: int = 1
) -> tuple[list[GeneratedFile], FigureStats]:
    """``render_pictures`` without the facts: (files, stats)."""
    pictures = render_pictures(guide, cache_dir=cache_dir, workers=workers)
    return pictures.files, pictures.stats


def prepare() -> None:
    """Make what every muscle map and link-preview card of a process draws on (~0.4 s of CPU:
    the maps' indexed bodies, the cards' base and layout), in a drawing worker that would
    otherwise wait (``schedule.prepare_workers``); each is kept for the process."""
    from . import cardindex, muscles, preview

    muscles._full()
    muscles._small()
    preview._base()
    cardindex._layout()
