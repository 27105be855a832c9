"""Week sheets: one landscape page per program week, Monday to Sunday, to pin on the fridge.

Each day is a column: the run (type, minutes or km, what to do) and the strength session with
each exercise and its dose, every item with a box to tick. The week's focus heads the page,
and a QR code opens the week on the site.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .. import text, urls
from ..model import WEEKDAY_NAMES, Day, Program, RunType, Weekday
from .paper import Paper
from .pdf import ACCENT, FAINT, INK, MUTED, RULE, Document, Style
from .printed import PrintedExercise
from .qrcode import quiet_zone

MARGIN = 12.0
GAP = 3.2
QR = 18.0
NOTES_MIN = 22.0
FOOTER = 6.0
STRENGTH_WEIGHT = 1.35  # width of a strength day's column, relative to a run-only day

_STYLES: dict[str, Style] = {
    "label": Style(9, bold=True, colour=ACCENT, spacing=0.5),
    "title": Style(18, bold=True),
    "focus": Style(11, condensed=True, leading=1.3),
    "meta": Style(9, condensed=True, colour=MUTED),
    "day": Style(10.5, bold=True),
    "item": Style(9.5, bold=True, condensed=True),
    "rest": Style(9.5, bold=True, condensed=True, colour=MUTED),
    "detail": Style(9, condensed=True, colour=MUTED, leading=1.2),
    "exercise": Style(9, condensed=True, leading=1.2),
    "caption": Style(7, condensed=True, colour=MUTED, leading=1.15),
    "footer": Style(7.5, condensed=True, colour=MUTED),
}


@dataclass(frozen=True)
class WeekSheet:
    program: Program
    week: int  # 1-based
    program_url: str  # absolute URL of the week on the program page (QR target)
    site: str
    athlete: str | None = None


def week_sheets(
    program: Program, site_url: str, slug: str | None, weeks: list[int], athlete: str | None
) -> list[WeekSheet]:
    """Sheets for some weeks; the QR code points at the program page when it is published."""
    site = urls.display_url(site_url).rstrip("/")
    out = []
    for w in weeks:
        target = ""
        if slug is not None:
            target = urls.absolute(site_url, urls.program_url(slug)) + "#" + urls.program_week_anchor(w)
        out.append(WeekSheet(program, w, target, site, athlete))
    return out


@dataclass
class _Item:
    box: bool
    lines: list[tuple[str, Style]]
    indent: float = 0.0
    box_size: float = 3.8


def _column_items(
    doc: Document, exercises: Mapping[str, PrintedExercise], day: Day | None, width: float, k: float
) -> tuple[list[_Item], bool]:
    """A day's items at scale ``k``, and whether every word fits its line unbroken."""
    st = {name: s.scaled(k) for name, s in _STYLES.items()}
    box, sub_box, indent = 3.8 * k, 3.2 * k, 4.4 * k
    text_w = width - box - 1.8 * k
    sub_w = width - indent - sub_box - 1.8 * k
    fits = doc.width(WEEKDAY_NAMES[day.day] if day else "Wednesday", st["day"]) <= width

    def wrap(value: str, style: Style, w: float, parts: bool = False) -> list[tuple[str, Style]]:
        nonlocal fits
        fits = fits and doc.fits_unbroken(value, style, w)
        lines = doc.wrap_parts(value, style, w) if parts else doc.wrap(value, style, w)
        return [(line, style) for line in lines]

    if day is None:
        return [_Item(False, [("—", st["rest"])], box_size=box)], fits
    items: list[_Item] = []
    run = day.run
    head = text.run_line(run)
    is_rest = run.type is RunType.rest
    lines = wrap(head, st["rest"] if is_rest else st["item"], text_w, parts=True)
    if run.description:
        lines += wrap(run.description, st["detail"], text_w)
    items.append(_Item(not is_rest, lines, box_size=box))
    if day.tests:
        first = " first" if day.strength or run.type is not RunType.rest else ""
        label = f"Capacity tests{first}: {text.test_names(day.tests)}"
        items.append(_Item(True, wrap(label, st["item"], text_w), box_size=box))
    if day.strength:
        items.append(_Item(True, wrap(day.strength.name, st["item"], text_w), box_size=box))
        for p in day.strength.exercises:
            name = exercises[p.exercise].name if p.exercise in exercises else p.exercise
            lines = wrap(name, st["exercise"], sub_w) + wrap(
                text.dose_line(p), st["detail"], sub_w, parts=True
            )
            items.append(_Item(True, lines, indent=indent, box_size=sub_box))
    return items, fits


# Scales of a week's type, largest first: as large as the busiest day allows, never below the
# 9 pt floor (0.8) unless a day is absurdly full.
SCALES = tuple(round(1.3 - 0.05 * i, 2) for i in range(11))


def _items_height(items: list[_Item], k: float) -> float:
    h = 0.0
    for item in items:
        h += sum(style.line_height for _, style in item.lines) + 2.2 * k
    return h


def draw_week_sheet(
    doc: Document,
    exercises: Mapping[str, PrintedExercise],
    sheet: WeekSheet,
    paper: Paper,
    page: int,
    pages: int,
) -> None:
    p = paper.landscape
    doc.add_page(p)
    week = sheet.program.weeks[sheet.week - 1]
    left, right = MARGIN, p.width - MARGIN
    width = right - left
    st = _STYLES

    # Header: program, week, focus; the athlete and a QR code to the week online at the right.
    qr_w = QR if sheet.program_url else 0.0
    head_w = width - qr_w - 58.0
    top = MARGIN
    label = sheet.program.name.upper()
    top = doc.text(left, top, label, doc.fit(label, st["label"], head_w, smallest=7))
    top = doc.text(left, top, f"Week {sheet.week} of {len(sheet.program.weeks)}", st["title"])
    top += 0.8
    focus_lines = doc.wrap(f"Focus: {week.focus}", st["focus"], head_w)[:2]
    top = doc.lines(left, top, focus_lines, st["focus"])
    header_bottom = max(top, MARGIN + QR + 8.0 if qr_w else top)

    ax = right - qr_w - (6.0 if qr_w else 0.0) - 52.0
    meta = st["meta"]
    for i, label_ in enumerate(("Athlete", "Week of")):
        y = MARGIN + 1.0 + i * 8.0
        doc.text(ax, y, label_, meta)
        lx = ax + 15.0
        base = y + meta.line_height - 0.6
        if label_ == "Athlete" and sheet.athlete:
            doc.text(lx, y, sheet.athlete, meta.with_(colour=INK, bold=True))
        else:
            doc.rule(lx, base, ax + 52.0, base, MUTED, 0.15)
    if qr_w:
        doc.qr(sheet.program_url, right - QR, MARGIN, QR)
        cap = st["caption"]
        cy = MARGIN + QR + quiet_zone(sheet.program_url, QR)
        host, _, path = urls.display_url(sheet.program_url).partition("/")
        for line in ("This week online:", host, "/" + path):
            cy = doc.text(right - 40.0, cy, line, cap, align="R", width=40.0)
        header_bottom = max(header_bottom, cy)

    top = header_bottom + 2.0
    doc.rule(left, top, right, top, ACCENT, 0.35)
    top += 2.5

    # Seven columns, Monday first; a day the plan leaves out shows a dash. Days with a strength
    # session hold a list of exercises, so they get wider columns than run-only days.
    days = {d.day: d for d in week.days}
    weights = [STRENGTH_WEIGHT if days.get(wd) and days[wd].strength else 1.0 for wd in Weekday]
    unit = (width - 6 * GAP) / sum(weights)
    widths = [w * unit for w in weights]
    xs = [left + sum(widths[:i]) + i * GAP for i in range(7)]
    bottom = p.height - MARGIN - FOOTER
    grid_bottom = bottom - NOTES_MIN
    # Type as large as the busiest day allows (a sheet is read from across the room), never
    # below the 9 pt floor unless a day is absurdly full.
    tried: dict[float, tuple[list[list[_Item]], float, bool]] = {}

    def at(k: float) -> tuple[list[list[_Item]], float, bool]:
        """The columns at scale ``k``, their tallest and whether the sheet fits (each once)."""
        if k not in tried:
            laid = [_column_items(doc, exercises, days.get(wd), widths[i], k) for i, wd in enumerate(Weekday)]
            columns = [items for items, _ in laid]
            tallest = max(_items_height(c, k) for c in columns)
            tried[k] = columns, tallest, all(ok for _, ok in laid) and tallest <= grid_bottom - top - 9.0 * k
        return tried[k]

    # The largest scale of SCALES that fits (the smallest if none does). Smaller type never
    # needs more lines or height, so the scales that fit are the small end of the list: a
    # binary search finds the first of them in 4 layouts where stepping down took up to 11.
    lo, hi = 0, len(SCALES) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if at(SCALES[mid])[2]:
            hi = mid
        else:
            lo = mid + 1
    k = SCALES[lo]
    columns, tallest, _ = at(k)
    # Columns end a little below the busiest day; the notes get the rest of the page.
    needed = top + 9.0 * k + tallest
    grid_bottom = (
        min(grid_bottom, needed + 16.0) if needed <= grid_bottom else min(bottom - 8.0, needed + 2.0)
    )
    for i, wd in enumerate(Weekday):
        x, col_w = xs[i], widths[i]
        day_style = st["day"].scaled(k)
        y = doc.text(x, top, WEEKDAY_NAMES[wd], day_style)
        doc.rule(x, y + 0.6, x + col_w, y + 0.6, INK, 0.3)
        y += 2.4
        for item in columns[i]:
            ix = x + item.indent
            if item.box:
                first = item.lines[0][1]
                size = item.box_size
                doc.box(ix, y + (first.line_height - size) / 2, size, size, MUTED, 0.22)
            ty = y
            for line, style in item.lines:
                ty = doc.text(ix + item.box_size + 1.8 * k, ty, line, style)
            y = ty + 2.2 * k
        if i < 6:
            gx = x + col_w + GAP / 2
            doc.rule(gx, top, gx, grid_bottom, FAINT, 0.2)

    # Notes across the bottom, then the footer.
    doc.rule(left, grid_bottom + 1.5, right, grid_bottom + 1.5, RULE, 0.2)
    ny = grid_bottom + 2.5
    doc.text(left, ny, "Notes: how did the week feel?", meta)
    y = ny + 8.5
    while y <= bottom - 1.0:
        doc.rule(left, y, right, y, RULE, 0.15)
        y += 7.0
    foot = st["footer"]
    ftop = p.height - MARGIN - foot.line_height
    doc.text(left, ftop, f"RunStrong · {sheet.program.name} · {sheet.site}", foot)
    doc.text(left, ftop, f"page {page}/{pages}", foot, align="R", width=width)
