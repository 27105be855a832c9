"""Drawing whole PDFs: session cards (and week sheets) of a program, in this process or a pool."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from .. import display, urls
from ..cache import Cache, key_of, library_versions
from ..figures.print import figure_thumbnail
from ..model import Figure, Guide, Program
from .jobs import PACKS, PdfJob
from .paper import LAYOUTS, Layout
from .pdf import Document
from .printed import Printed, printed
from .session import CardPage, Layouter, Thumbnail, draw_card, draw_cut_marks, entries_of, sessions_of
from .week import draw_week_sheet, week_sheets


def cards_pdf(
    guide: Guide,
    program: Program,
    site_url: str,
    size: str = "a6",
    *,
    athlete: str | None = None,
    weeks: Iterable[int] | None = None,
    with_week_sheets: bool = False,
    slug: str | None = None,
    preview: bool = False,
) -> bytes:
    """Session cards of a program (all weeks, or some, 1-based) as PDF bytes.

    ``preview``: the site is not published yet; QR codes become a box saying so.

    ``size`` is a key of ``LAYOUTS``. ``with_week_sheets`` puts a week sheet per week first;
    ``slug`` (a program of the guide) lets week sheets link the program's page.
    """
    view = printed(guide, program, site_url, weeks, with_week_sheets=with_week_sheets)
    return draw_pdf(
        view, site_url, size, athlete=athlete, with_week_sheets=with_week_sheets, slug=slug, preview=preview
    )


def draw_pdf(
    view: Printed,
    site_url: str,
    size: str,
    *,
    athlete: str | None = None,
    with_week_sheets: bool = False,
    slug: str | None = None,
    preview: bool = False,
    stills: Path | None = None,
) -> bytes:
    """The PDF of a projection (``printed``): it reads nothing else of the guide or program.

    ``stills``: the render cache's folder, to keep the stills in (None: drawn here)."""
    layout = LAYOUTS[size]
    program, chosen = view.program, list(view.weeks)
    what = "Week sheets and session cards" if with_week_sheets else "Session cards"
    span = f"week {chosen[0]}" if len(chosen) == 1 else f"weeks {chosen[0]}–{chosen[-1]}"
    doc = Document(
        title=f"{program.name}: {span}" + (f", {athlete}" if athlete else ""),
        subject=f"{what} for {span} of {program.name}; {layout.description}.",
        keywords="running, strength training, workout cards, RunStrong",
        # The view's key JSON holds every printed text, made where the job's key was (it travels
        # with the job): text() would dump the figures again, a few ms a PDF in a worker.
        text="".join([view.key_json, athlete or "", site_url, layout.description]),
        preview=preview,
    )
    site = urls.display_url(site_url).rstrip("/")
    lay = Layouter(doc, layout.card)
    cards: list[CardPage] = []
    for session in sessions_of(program, chosen):
        cards += lay.plan(session, entries_of(view.exercises, session.strength), athlete=athlete, site=site)

    sheets = week_sheets(program, site_url, slug, chosen, athlete) if with_week_sheets else []
    card_pages = -(-len(cards) // layout.per_sheet)
    total = len(sheets) + card_pages
    for i, sheet in enumerate(sheets, start=1):
        draw_week_sheet(doc, view.exercises, sheet, layout.week_sheet, i, total)
        doc.bookmark(f"Week {sheet.week}: week sheet")
    _draw_cards(doc, lay, layout, cards, _stills(view, Cache(stills, STILLS, linkable=False)))
    return doc.output()


def _draw_cards(
    doc: Document, lay: Layouter, layout: Layout, cards: list[CardPage], thumbnail: Thumbnail
) -> None:
    for start in range(0, len(cards), layout.per_sheet):
        doc.add_page(layout.sheet)
        group = cards[start : start + layout.per_sheet]
        for i, card in enumerate(group):
            x, y = layout.slot(i)
            draw_card(doc, lay, card, x, y, thumbnail)
        if layout.cut_marks:
            x0, y0 = layout.slot(0)
            draw_cut_marks(doc, layout.sheet, layout.card, layout.across, layout.down, x0, y0)
        for card in group:
            if card.page == 1:
                doc.bookmark(f"Card: {card.session.title}")


# Stills by figure (its hash, ``PrintedExercise.still``) and width: a PDF prints each
# exercise's still on every card that lists it, and the PDFs of a worker print the same few
# dozen figures, each job with its own copies of them. figure_thumbnail's own memory is keyed
# by the figure's JSON, a millisecond to make each time.
_STILLS: dict[tuple[str, int], bytes] = {}
STILLS = "stills"  # their namespace in the render cache


def _stills(view: Printed, kept: Cache) -> Callable[[Figure, int], bytes]:
    """The stills of the view's figures, remembered for the process and kept in ``kept``.

    The build's workers each draw PDFs of every program, so each needed every still (~40 ms
    each, 58 for the guide's programs: a third of the PDFs' CPU); kept in the render cache, a
    still one worker drew is read by the others, and by the next build that draws a PDF."""
    keys = {id(ex.figure): ex.still for ex in view.exercises.values() if ex.figure is not None}

    def still(figure: Figure, width_px: int) -> bytes:
        key = keys.get(id(figure))
        if key is None:  # not a figure of the view's exercises: nothing to know it by
            return figure_thumbnail(figure, width_px)
        png = _STILLS.get((key, width_px))
        if png is None:
            entry = key_of(
                {
                    "figure": key,
                    "px": width_px,
                    "thumbnails": display.RENDERER_VERSION,
                    "libraries": library_versions("pillow"),  # its PNG encoder
                }
            )
            png = kept.get(entry)
            if png is None:
                png = figure_thumbnail(figure, width_px)
                kept.put(entry, png)
            if len(_STILLS) >= 1024:
                _STILLS.clear()
            _STILLS[key, width_px] = png
        return png

    return still


def draw_job(job: PdfJob) -> bytes:
    pack = PACKS[job.size]
    return draw_pdf(
        job.view,
        job.site_url,
        pack.layout,
        with_week_sheets=pack.week_sheets,
        slug=job.slug,
        preview=urls.is_placeholder(job.site_url),
        stills=job.stills,
    )
