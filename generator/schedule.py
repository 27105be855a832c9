"""What a build draws when: nobody waits for a picture they do not need.

The pages need two things of the drawings: each strip's facts (its layout, ``display.FigureFacts``)
and each PDF's size. Everything else drawn (the animations, the muscle maps, the link-preview
cards: two thirds of a cold build's drawing) is needed by nobody until the site is assembled.
So a build's one pool (``drawing.Drawing``) draws the strips and PDFs first, the pages are
rendered as soon as those are in, and the other pictures keep drawing while the pages are
rendered and published; ``Later.join`` waits for them just before the site is finished (its
service worker precaches the finished site's files, with their sizes).

How the cores are shared: while this process only waits, every core draws; while it renders
pages, one core is its own (``Drawing.share``); MkDocs counts the pool's busy workers as the
build's own load, not another program's (``mkdocs_plugin/spread.py``): when it spreads the
pages over the cores the drawings pause, and go on after the last page.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from . import progress as said
from .memo import NO_MEMO, Memo

if TYPE_CHECKING:
    from .drawing import Drawing
    from .figures.jobs import Job
    from .files import GeneratedFile
    from .model import Guide
    from .progress import Bar
    from .workers import Batch


# Exercises from which a first build starts its drawing workers before it loads the content: each
# costs ~0.3 s of CPU starting, paid back by a large guide's drawings, not by a small or broken one.
WARM_FROM = 100


def worth_warming(content: Path) -> bool:
    """Whether ``content`` has enough exercises for its drawing workers to start while it loads."""
    try:
        with os.scandir(content / "exercises") as found:
            return sum(1 for _ in zip(found, range(WARM_FROM), strict=False)) >= WARM_FROM
    except OSError:
        return False


def warm_up() -> None:
    """In a drawing worker started early (``Drawing.start``): import what every drawing needs."""
    from .cards import draw, render
    from .figures import jobs

    # Imported is all: the drawings that follow find them loaded. The PDFs' drawing code too
    # (fpdf2, fontTools: ~0.2 s of a worker's CPU), which ``cards.render`` leaves to the first
    # PDF a worker draws: the PDFs are queued second, before the pages, so that import was paid
    # on the build's longest path rather than here, while the content loads.
    del draw, render, jobs


def prepare_workers(drawing: Drawing) -> None:
    """After a cold load's read-ahead, while its workers would wait for the load to end: each
    makes what the muscle maps and link previews share (``figures.prepare``), which the first
    of them made on the build's longest stretch (the pictures after the pages). A pool hands
    the jobs to whichever worker is free: one may make it twice (the second time costs nothing)."""
    from .figures import prepare

    for _ in range(drawing.workers):
        drawing.beside(prepare)


@dataclass(frozen=True)
class Pictures:
    """A guide's pictures for a build's pool: the strips, whose facts pages show, queued first;
    the rest (animations, muscle maps, link previews) queued behind the PDFs (``render_files``):
    a drawing handed to a worker is not taken back, so nothing later is queued before them."""

    drawing: Drawing
    strips: int  # the Drawing's batch of strips
    later: Batch[Job]  # every other picture, not queued yet
    started: float
    bar: Bar  # the step the pages wait for: strips and PDFs


def start_pictures(
    guide: Guide, drawing: Drawing, cache_dir: Path | None, *, progress: bool = False, memo: Memo = NO_MEMO
) -> Pictures:
    """Queue the strips of ``guide`` in ``drawing``; the caller goes on while they are drawn.

    ``cache_dir``: the trusted render cache (``cache.trusted_cache_dir``), or None.
    """
    from .figures import picture_batch
    from .progress import Bar

    started = time.perf_counter()
    bar = Bar("strips and PDFs", None, progress)
    batch = picture_batch(guide, cache_dir=cache_dir, memo=memo)
    strips = [job for job in batch.jobs if job.kind == "strip"]
    later = [job for job in batch.jobs if job.kind != "strip"]
    index = drawing.add(replace(batch, jobs=strips, progress=bar), urgent=True)
    return Pictures(drawing, index, replace(batch, jobs=later), started, bar)


@dataclass
class Later:
    """The pictures drawing while the pages are rendered and published."""

    pictures: Pictures
    index: int  # their batch in the Drawing
    progress: bool
    done: list[GeneratedFile] = field(default_factory=list)  # their files, once joined

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(job.path for job in self.pictures.later.jobs)

    def join(self) -> list[GeneratedFile]:
        """Their files, once drawn (every core draws now: the build only waits for them)."""
        drawing = self.pictures.drawing
        waited = time.perf_counter()
        drawing.share(drawing.workers)
        ran = drawing.ran(self.index)
        if self.progress and said.LEVEL >= said.VERBOSE:
            now = time.perf_counter()
            print(
                f"other pictures (drawn beside the pages): {len(ran.done)} ready, {ran.drawn} of them "
                f"drawn, {now - self.pictures.started:.1f} s after the pictures started; "
                f"{now - waited:.1f} s waited for",
                flush=True,
            )
        self.done = [done.file for done in ran.done]
        return self.done


class SizesWhenDrawn(Mapping[str, int]):
    """Each PDF's size (path → bytes), waited for only when a page asks for one: its length is
    known at once (the PDFs' paths), its sizes once the PDF batch is drawn. While this process
    waits for them, every core draws; then one is its own again."""

    def __init__(self, drawing: Drawing, index: int, bar: Bar) -> None:
        self._drawing, self._index, self._bar = drawing, index, bar
        batch = drawing.batch(index)
        self._count = len({batch.kind.path(job) for job in batch.jobs})
        self._sizes: dict[str, int] = {}
        self._files: list[GeneratedFile] | None = None

    def files(self) -> list[GeneratedFile]:
        """The PDFs, drawn (waited for here)."""
        if self._files is None:
            drawing = self._drawing
            drawing.share(drawing.workers)
            self._files = [done.file for done in drawing.ran(self._index).done]
            drawing.share(drawing.workers - 1)
            self._bar.close()
            self._sizes = {f.path: f.size for f in self._files}
        return self._files

    def __getitem__(self, path: str) -> int:
        self.files()
        return self._sizes[path]

    def __iter__(self) -> Iterator[str]:
        self.files()
        return iter(self._sizes)

    def __len__(self) -> int:
        return self._count


def render_files(
    guide: Guide,
    site_url: str,
    cache_dir: Path | None,
    pictures: Pictures,
    *,
    progress: bool = False,
    memo: Memo = NO_MEMO,
) -> tuple[list[GeneratedFile], Later]:
    """Every generated file but the later pictures, in path order (the strips and PDFs drawn
    first, waited for); and the later pictures, still drawing. ``memo``: a serve session's
    (``generator/memo.py``)."""
    from .api import render_api
    from .cards.render import card_batch
    from .figures import pictures_of
    from .figures.site import render_site_images
    from .pages import render_pages
    from .pages.render import PHASE_NAMES, all_arrangements
    from .progress import step
    from .redirects import render_redirects

    drawing, bar = pictures.drawing, pictures.bar
    # The PDFs need the site_url their QR codes print: queued now, before every later picture.
    pdf_batch = drawing.add(
        card_batch(guide, site_url, cache_dir=cache_dir, progress=bar, memo=memo), urgent=True
    )
    later = Later(pictures, drawing.add(pictures.later), progress)
    # While the strips and PDFs are drawn, what needs none of them: every layout of every
    # program's week, checked once by the plan checks (the program pages say which are offered,
    # and the open data, api/, lists them for the page script), the open data, the redirects
    # and the site's icons.
    arrangements = all_arrangements(guide, cache_dir)
    files = [
        *render_api(guide, arrangements, {p.value: name for p, name in PHASE_NAMES.items()}, memo),
        *render_redirects(guide, memo),
        *render_site_images(guide, cache_dir),
    ]
    strips = pictures_of(
        guide,
        drawing.batch(pictures.strips),
        drawing.ran(pictures.strips),
        pictures.started,
        cache_dir=cache_dir,
    )
    # Pages show the strips as the renderer measured them and link the PDFs with their sizes
    # (plain data: pages import nothing of the renderer and read no picture). The exercise pages
    # need no PDF: they are rendered while the PDFs are still drawn.
    sizes = SizesWhenDrawn(drawing, pdf_batch, bar)
    with step("pages", progress):
        drawing.share(drawing.workers - 1)  # this process renders now: one core is its own
        pages = render_pages(guide, sizes, strips.figures, arrangements, cache_dir=cache_dir, memo=memo)
        files += [*pages, *sizes.files(), *strips.files]
    paths = [f.path for f in files] + list(later.paths)
    if len(paths) != len(set(paths)):
        duplicates = sorted({p for p in paths if paths.count(p) > 1})
        raise RuntimeError(f"two renderers produced the same file: {duplicates}")
    return sorted(files, key=lambda f: f.path), later
