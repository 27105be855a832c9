"""Whole PDFs: session cards (and week sheets) of a program, and the site's download files."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .. import fonts, urls
from ..cache import Cache, key_of
from ..figures.cache import RENDERER_VERSION
from ..figures.print import print_thumbnail
from ..files import GeneratedFile
from ..model import Guide, Program
from .paper import LAYOUTS, Layout
from .pdf import Document
from .session import CardPage, Layouter, draw_card, draw_cut_marks, entries_of, sessions_of
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
    layout = LAYOUTS[size]
    chosen = sorted(set(weeks)) if weeks is not None else list(range(1, len(program.weeks) + 1))
    what = "Week sheets and session cards" if with_week_sheets else "Session cards"
    span = f"week {chosen[0]}" if len(chosen) == 1 else f"weeks {chosen[0]}–{chosen[-1]}"
    used = program.exercise_slugs()
    printed = [program.model_dump_json(), athlete or "", site_url, layout.description]
    printed += [guide.exercises[e].name + guide.exercises[e].cues[0] for e in sorted(used)]
    doc = Document(
        title=f"{program.name}: {span}" + (f", {athlete}" if athlete else ""),
        subject=f"{what} for {span} of {program.name}; {layout.description}.",
        keywords="running, strength training, workout cards, RunStrong",
        text="".join(printed),
        preview=preview,
    )
    site = urls.display_url(site_url).rstrip("/")
    lay = Layouter(doc, layout.card)
    cards: list[CardPage] = []
    for session in sessions_of(program, chosen):
        cards += lay.plan(session, entries_of(guide, session.strength, site_url), athlete=athlete, site=site)

    sheets = week_sheets(program, site_url, slug, chosen, athlete) if with_week_sheets else []
    card_pages = -(-len(cards) // layout.per_sheet)
    total = len(sheets) + card_pages
    for i, sheet in enumerate(sheets, start=1):
        draw_week_sheet(doc, guide, sheet, layout.week_sheet, i, total)
        doc.bookmark(f"Week {sheet.week}: week sheet")
    _draw_cards(doc, lay, layout, cards)
    return doc.output()


def _draw_cards(doc: Document, lay: Layouter, layout: Layout, cards: list[CardPage]) -> None:
    for start in range(0, len(cards), layout.per_sheet):
        doc.add_page(layout.sheet)
        group = cards[start : start + layout.per_sheet]
        for i, card in enumerate(group):
            x, y = layout.slot(i)
            draw_card(doc, lay, card, x, y, print_thumbnail)
        if layout.cut_marks:
            x0, y0 = layout.slot(0)
            draw_cut_marks(doc, layout.sheet, layout.card, layout.across, layout.down, x0, y0)
        for card in group:
            if card.page == 1:
                doc.bookmark(f"Card: {card.session.title}")


@dataclass(frozen=True)
class Pack:
    """What one download of the site holds: a card layout, with or without week sheets."""

    layout: str
    week_sheets: bool


# Keys are the paper a runner prints on; urls.PROGRAM_PDF_SIZES lists them for the pages.
PACKS: dict[str, Pack] = {
    "a4": Pack("a4-4up", week_sheets=True),
    "letter": Pack("letter-4up", week_sheets=True),
    "a6": Pack("a6", week_sheets=False),
    "a5": Pack("a5", week_sheets=False),
    "4x6": Pack("4x6", week_sheets=False),
}


# Bump whenever the card or sheet layout changes what any PDF looks like.
CARDS_VERSION = "1"


def render_cards(guide: Guide, site_url: str, *, cache_dir: Path | None = None) -> list[GeneratedFile]:
    """Every program's PDFs as site assets: the whole program per size, and each week.

    While ``site_url`` is a placeholder (``urls.is_placeholder``) the PDFs are previews: no
    QR code, which would open nothing, but a box saying the site is not published.

    PDFs are cached on disk by a hash of everything they print (the program, its exercises,
    the site URL, the layout and thumbnail versions, the fonts): a no-change build makes none.
    """
    assert set(PACKS) == set(urls.PROGRAM_PDF_SIZES) >= set(urls.WEEK_PDF_SIZES)
    cache = Cache(cache_dir, "pdf")
    files = []
    for slug, program in guide.programs.items():
        for size in urls.PROGRAM_PDF_SIZES:
            pdf = _pack_pdf(guide, slug, site_url, size, None, cache)
            files.append(GeneratedFile(urls.program_pdf_path(slug, size), pdf))
        for week in range(1, len(program.weeks) + 1):
            for size in urls.WEEK_PDF_SIZES:
                pdf = _pack_pdf(guide, slug, site_url, size, week, cache)
                files.append(GeneratedFile(urls.week_pdf_path(slug, week, size), pdf))
    return files


def _pack_pdf(guide: Guide, slug: str, site_url: str, size: str, week: int | None, cache: Cache) -> bytes:
    program = guide.programs[slug]
    used = sorted(program.exercise_slugs())
    key = key_of(
        {
            "cards": CARDS_VERSION,
            "thumbnails": RENDERER_VERSION,
            "fonts": [f"{p.name}:{p.stat().st_size}" for p in sorted(fonts.FONT_DIR.glob("*.ttf"))],
            "pack": [slug, site_url, size, week, urls.is_placeholder(site_url)],
            "program": program.model_dump(mode="json"),
            # Names, cues, short codes and figures of the exercises all print.
            "exercises": {ex: guide.exercises[ex].model_dump(mode="json") for ex in used},
        }
    )
    made = cache.get(key)
    if made is None:
        pack = PACKS[size]
        weeks = [week] if week is not None else None
        made = cards_pdf(
            guide,
            program,
            site_url,
            pack.layout,
            weeks=weeks,
            with_week_sheets=pack.week_sheets,
            slug=slug,
            preview=urls.is_placeholder(site_url),
        )
        cache.put(key, made)
    return made
