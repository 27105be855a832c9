"""The site's download files: every program's PDFs, cached by what each prints.

Computing the cache keys and reading cached PDFs needs only the projection of what a PDF
prints (``printed.py``) and the jobs (``jobs.py``); the drawing code (``draw.py``) is imported
when a PDF is missing.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from .. import urls
from ..cache import Cache
from ..files import GeneratedFile
from ..memo import NO_MEMO, Memo
from ..model import Guide, Program
from ..workers import Batch, Cached, Facts, run_batches
from .jobs import PACKS, PdfJob
from .printed import printed

if TYPE_CHECKING:
    from ..progress import Progress


def render_cards(
    guide: Guide,
    site_url: str,
    *,
    cache_dir: Path | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
) -> list[GeneratedFile]:
    """Every program's PDFs as site assets: the whole program per size, and each week.

    While ``site_url`` is a placeholder (``urls.is_placeholder``) the PDFs are previews: no
    QR code, which would open nothing, but a box saying the site is not published.

    PDFs are cached on disk by a hash of what they print (``printed``: the exercises' names,
    cues, short links and figures, the weeks' runs, sessions and doses), the site URL, the
    layout, thumbnail and card versions and the fonts: a no-change build draws none, and an
    edit draws only the PDFs that print what changed. The ones to draw are spread over
    ``workers`` processes (default: one per core); the bytes are the same either way.
    ``progress`` is told the total, then each PDF as it is ready (the cached ones at once).
    A PDF from the cache is handed over as the cache's file (``GeneratedFile.linked``).
    """
    batch = card_batch(guide, site_url, cache_dir=cache_dir, progress=progress)
    ran = run_batches([batch], workers=workers or os.cpu_count() or 1)[0]
    return [done.file for done in ran.done]


def card_batch(
    guide: Guide,
    site_url: str,
    *,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
    memo: Memo = NO_MEMO,
) -> Batch[PdfJob]:
    """``render_cards``' jobs, to run with other kinds in one pool (``workers.run_batches``).

    ``memo``: a serve session's (``generator/memo.py``): a program's jobs are made again only
    when it or an exercise it names changed (``printed`` reads nothing else of the guide)."""
    assert set(PACKS) == set(urls.PROGRAM_PDF_SIZES) >= set(urls.WEEK_PDF_SIZES)
    jobs = []
    for slug, program in guide.programs.items():
        used = tuple((s, guide.exercises.get(s)) for s in program.exercise_slugs())
        args = (slug, program, used, site_url, str(cache_dir))
        jobs += memo.get("program pdfs", args, _program_jobs, guide, slug, program, site_url, cache_dir)
    return Batch(PDFS, jobs, Cache(cache_dir, "pdf"), progress)


def _program_jobs(
    guide: Guide, slug: str, program: Program, site_url: str, cache_dir: Path | None
) -> list[PdfJob]:
    """The PDFs of one program: the whole program and each week, in every size."""
    jobs = []
    views = {s: printed(guide, program, site_url, with_week_sheets=s) for s in (False, True)}
    for size in urls.PROGRAM_PDF_SIZES:
        view = views[PACKS[size].week_sheets]
        jobs.append(PdfJob(urls.program_pdf_path(slug, size), view, site_url, size, slug, cache_dir))
    for week in range(1, len(program.weeks) + 1):
        # One view for the sizes that print the same (A4 and Letter): its key is made once.
        week_views = {
            s: printed(guide, program, site_url, [week], with_week_sheets=s)
            for s in {PACKS[size].week_sheets for size in urls.WEEK_PDF_SIZES}
        }
        for size in urls.WEEK_PDF_SIZES:
            view = week_views[PACKS[size].week_sheets]
            path = urls.week_pdf_path(slug, week, size)
            jobs.append(PdfJob(path, view, site_url, size, slug, cache_dir))
    return jobs


def draw(job: PdfJob) -> tuple[bytes, Facts]:
    """One PDF, drawn here or in a worker (module level: workers import it by name).

    The drawing code (fpdf2, fontTools, Pillow: half a second to import) is imported only when
    a PDF is missing: a build where every PDF is cached computes keys and reads files."""
    from .draw import draw_job

    return draw_job(job), {}


# Whole programs (up to 20 pages) first, weeks (2-5 pages) after, so no worker is left drawing
# a long PDF alone at the end. Below POOL_MIN_JOBS PDFs to draw, starting worker processes
# (each imports the drawing code and finds the font subsets) costs more than it saves: one
# edit's few PDFs are drawn here.
POOL_MIN_JOBS = 4
PDFS = Cached[PdfJob](
    key=lambda job: job.key(),
    path=lambda job: job.path,
    draw=draw,
    first=lambda job: len(job.view.weeks) == 1,
    pool_from=POOL_MIN_JOBS,
)
