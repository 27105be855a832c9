"""The site's download files: every program's PDFs, cached by what each prints.

Computing the cache keys and reading cached PDFs needs only the projection of what a PDF
prints (``printed.py``) and the jobs (``jobs.py``); the drawing code (``draw.py``) is imported
when a PDF is missing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .. import urls
from ..cache import Cache
from ..files import GeneratedFile
from ..model import Guide
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
    """
    assert set(PACKS) == set(urls.PROGRAM_PDF_SIZES) >= set(urls.WEEK_PDF_SIZES)
    cache = Cache(cache_dir, "pdf")
    jobs = []
    for slug, program in guide.programs.items():
        views = {s: printed(guide, program, site_url, with_week_sheets=s) for s in (False, True)}
        for size in urls.PROGRAM_PDF_SIZES:
            view = views[PACKS[size].week_sheets]
            jobs.append(PdfJob(urls.program_pdf_path(slug, size), view, site_url, size, slug))
        for week in range(1, len(program.weeks) + 1):
            for size in urls.WEEK_PDF_SIZES:
                view = printed(guide, program, site_url, [week], with_week_sheets=PACKS[size].week_sheets)
                jobs.append(PdfJob(urls.week_pdf_path(slug, week, size), view, site_url, size, slug))
    keys = {job.path: job.key() for job in jobs}
    if progress is not None:
        progress.total(len(set(keys.values())))
    done: dict[str, bytes] = {}
    todo: dict[str, PdfJob] = {}  # by key: two downloads that print the same are drawn once
    for job in jobs:
        hit = cache.get(keys[job.path])
        if hit is None:
            todo.setdefault(keys[job.path], job)
        else:
            done[keys[job.path]] = hit
    if progress is not None:
        progress.advance(len(done))  # the cached ones, at once
    if todo:
        # The drawing code (fpdf2, fontTools, Pillow: half a second to import) only when a PDF
        # is missing: a build where every PDF is cached computes keys and reads files.
        from .draw import draw_all

        made = draw_all(list(todo.values()), workers, progress.advance if progress is not None else None)
    else:
        made = []
    for key, data in zip(todo, made, strict=True):
        cache.put(key, data)
        done[key] = data
    return [GeneratedFile(job.path, done[keys[job.path]]) for job in jobs]
