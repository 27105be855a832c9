"""Session cards: one card (or more, if it must continue) per strength session of a program.

A card reads top to bottom like the session itself: which session it is, then one block per
exercise in order — a still of the movement, its name, the dose, the one cue, the coach's
note, a box per set to log the load, and a QR code that opens the exercise's page — then room
for notes. Blocks never split: a session that does not fit continues on the next card.

Layout is computed first (``plan_cards``), drawing second (``draw_card``), so a card can be
drawn anywhere on a sheet: alone on its page, or as one of four on an A4 sheet.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from .. import text, urls
from ..model import WEEKDAY_NAMES, Figure, Program, StrengthSession, Weekday
from .paper import MM_PER_INCH, Paper
from .pdf import ACCENT, FAINT, MUTED, RULE, Document, Style
from .printed import PrintedExercise
from .qrcode import quiet_zone

# Figures are printed at 300 dpi of their printed size or better.
PRINT_DPI = 300


@dataclass(frozen=True)
class Session:
    """A strength session in its place in a program."""

    program: str
    week: int  # 1-based
    weeks: int
    day: Weekday
    strength: StrengthSession

    @property
    def title(self) -> str:
        return f"Week {self.week} · {WEEKDAY_NAMES[self.day]} · {self.strength.name}"


def sessions_of(program: Program, weeks: Iterable[int] | None = None) -> list[Session]:
    """The strength sessions of a program (or of some of its weeks, 1-based) in training order."""
    chosen = set(weeks) if weeks is not None else None
    out = []
    for w, week in enumerate(program.weeks, start=1):
        if chosen is not None and w not in chosen:
            continue
        for day in sorted(week.days, key=lambda d: list(Weekday).index(d.day)):
            if day.strength:
                out.append(Session(program.name, w, len(program.weeks), day.day, day.strength))
    return out


@dataclass(frozen=True)
class Entry:
    """What one exercise block of a card prints."""

    number: int
    name: str
    dose: str
    cue: str
    note: str | None
    sets: int
    loaded: bool  # log a load (kg) per set, or tick each set done (body weight)
    qr_url: str
    printed_url: str
    figure: Figure | None  # drawn as a still beside the text

    @property
    def has_figure(self) -> bool:
        return self.figure is not None


def entries_of(exercises: Mapping[str, PrintedExercise], strength: StrengthSession) -> list[Entry]:
    """The blocks of a session's card, from the printed fields of its exercises only."""
    out = []
    for n, p in enumerate(strength.exercises, start=1):
        ex = exercises[p.exercise]
        out.append(
            Entry(
                number=n,
                name=ex.name,
                dose=text.dose_line(p),
                cue=ex.cue,
                note=p.note,
                sets=p.sets,
                loaded=ex.loaded,
                qr_url=ex.qr_url,
                printed_url=urls.display_url(ex.qr_url),
                figure=ex.figure,
            )
        )
    return out


# --- metrics: every size of a card derives from its paper -----------------------------------


@dataclass(frozen=True)
class Metrics:
    """Sizes (mm) and type of a card; A6 is the reference, bigger cards scale up."""

    paper: Paper
    k: float = field(init=False)

    def __post_init__(self) -> None:
        ratio = min(self.paper.width / 105.0, self.paper.height / 148.0)
        # Sub-linear: an A4 card gets bigger type (readable from the floor) but also more room.
        object.__setattr__(self, "k", max(1.0, ratio) ** 0.7)

    def mm(self, value: float) -> float:
        return value * self.k

    @property
    def margin(self) -> float:
        return self.mm(7.0)

    @property
    def inner_width(self) -> float:
        return self.paper.width - 2 * self.margin

    # Type. Everything a runner reads mid-session is 9 pt or more (LOOK.md).
    def style(self, name: str) -> Style:
        return _STYLES[name].scaled(self.k)

    @property
    def thumb(self) -> float:
        return self.mm(15.0)

    @property
    def thumb_px(self) -> int:
        """Pixels across the still, for PRINT_DPI at its printed size."""
        return math.ceil(self.thumb / MM_PER_INCH * PRINT_DPI)

    @property
    def qr(self) -> float:
        return self.mm(16.0)  # ≥ 15 mm: a phone reads it at arm's length in gym light

    @property
    def gutter(self) -> float:
        return self.mm(2.5)

    @property
    def block_pad(self) -> float:
        return self.mm(2.2)

    @property
    def footer(self) -> float:
        return self.mm(6.0)

    @property
    def notes_line(self) -> float:
        return self.mm(6.5)


_STYLES: dict[str, Style] = {
    "label": Style(9, bold=True, colour=ACCENT, spacing=0.5),
    "title": Style(12, bold=True),
    "meta": Style(9, condensed=True, colour=MUTED),
    "athlete": Style(9, bold=True),
    "number": Style(10, bold=True, colour=ACCENT),
    "name": Style(10, bold=True),
    "dose": Style(9.5, condensed=True, bold=True, leading=1.25),
    "cue": Style(9, condensed=True, colour=MUTED, leading=1.2),
    "note": Style(9, condensed=True, leading=1.2),
    "log": Style(9, condensed=True, colour=MUTED),
    "caption": Style(6, condensed=True, colour=MUTED, leading=1.15),
    "footer": Style(7.5, condensed=True, colour=MUTED),
}


# --- layout ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    entry: Entry
    height: float
    name: list[str]
    dose: list[str]
    cue: list[str]
    note: list[str]
    caption: list[str]
    caption_style: Style
    boxes: list[tuple[float, float]]  # top-left of each log box, relative to the log row
    box_size: tuple[float, float]
    log_height: float


@dataclass(frozen=True)
class CardPage:
    session: Session
    blocks: list[Block]
    page: int  # 1-based, within the session
    pages: int
    athlete: str | None
    site: str  # the site as printed in the footer
    qr_column: float  # width of the QR code column, the same on every card of a session

    @property
    def last(self) -> bool:
        return self.page == self.pages


class Layouter:
    """Measures blocks and splits sessions into card pages for one card size."""

    def __init__(self, doc: Document, paper: Paper) -> None:
        self.doc = doc
        self.m = Metrics(paper)

    # Columns of a block: [figure] gutter [text] gutter [QR].
    def text_x(self, entry: Entry) -> float:
        return self.m.thumb + self.m.gutter if entry.has_figure else 0.0

    def text_width(self, entry: Entry, qr_column: float) -> float:
        return self.m.inner_width - self.text_x(entry) - self.m.gutter - qr_column

    def captions(self, entry: Entry, width: float) -> list[str]:
        """The short URL under a QR code: one line if it fits, else the host, then the path
        (broken after a hyphen if it must)."""
        style = self.m.style("caption")
        if self.doc.width(entry.printed_url, style) <= width:
            return [entry.printed_url]
        host, _, path = entry.printed_url.partition("/")
        return [host, *self.doc.wrap("/" + path, style, width)]

    def qr_column(self, entries: list[Entry]) -> float:
        """As wide as the QR code, or as the widest host name under it (the same all session)."""
        style = self.m.style("caption")
        hosts = [e.printed_url.partition("/")[0] for e in entries]
        widest = max((self.doc.width(h, style) for h in hosts), default=0.0)
        return min(max(self.m.qr + self.m.mm(1.0), widest), self.m.inner_width * 0.32)

    def header_height(self) -> float:
        m = self.m
        return (
            m.style("label").line_height
            + m.style("title").line_height
            + m.mm(1.2)
            + m.style("meta").line_height
            + m.mm(2.4)
        )

    def notes_min(self) -> float:
        return self.m.mm(2.0) + self.m.style("meta").line_height

    def body_height(self) -> float:
        m = self.m
        return m.paper.height - 2 * m.margin - self.header_height() - m.footer

    def block(self, entry: Entry, qr_column: float, max_height: float | None = None) -> Block:
        m, d = self.m, self.doc
        width = self.text_width(entry, qr_column)
        number_w = d.width(f"{entry.number}", m.style("number")) + m.mm(1.6)
        name = d.wrap(entry.name, m.style("name"), width - number_w)
        dose = d.wrap_parts(entry.dose, m.style("dose"), width)
        cue = d.wrap(f"“{entry.cue}”", m.style("cue"), width)
        note = d.wrap(entry.note, m.style("note"), width) if entry.note else []
        boxes, box_size, log_h = self._log_row(entry, width)
        caption = self.captions(entry, qr_column)
        caption_style = m.style("caption")

        def text_height() -> float:
            return (
                len(name) * m.style("name").line_height
                + len(dose) * m.style("dose").line_height
                + len(cue) * m.style("cue").line_height
                + len(note) * m.style("note").line_height
                + m.mm(1.2)
                + log_h
            )

        qr_h = m.qr + quiet_zone(entry.qr_url, m.qr) + len(caption) * caption_style.line_height
        fig_h = m.thumb if entry.has_figure else 0.0
        # Only an absurdly long note can outgrow a card: shorten it rather than overflow.
        while (
            max_height is not None and max(text_height(), qr_h, fig_h) > max_height and (note or len(cue) > 1)
        ):
            if note:
                note = note[:-1]
                if note:
                    note[-1] = note[-1].rstrip(".,;: ") + "…"
            else:
                cue = cue[:-1]
                cue[-1] = cue[-1] + "…”"
        height = max(text_height(), qr_h, fig_h)
        return Block(entry, height, name, dose, cue, note, caption, caption_style, boxes, box_size, log_h)

    def _log_row(
        self, entry: Entry, width: float
    ) -> tuple[list[tuple[float, float]], tuple[float, float], float]:
        """A box per set after the label: wide boxes for a load in kg, square ones to tick."""
        m = self.m
        label_w = self.doc.width("sets" if not entry.loaded else "kg", m.style("log")) + m.mm(1.5)
        w, h = (m.mm(9.0), m.mm(5.5)) if entry.loaded else (m.mm(5.0), m.mm(5.0))
        step, row_step = w + m.mm(1.4), h + m.mm(1.4)
        per_row = max(1, int((width - label_w + m.mm(1.4)) // step))
        boxes = [(label_w + (i % per_row) * step, (i // per_row) * row_step) for i in range(entry.sets)]
        rows = math.ceil(entry.sets / per_row)
        return boxes, (w, h), rows * row_step - m.mm(1.4)

    def plan(
        self, session: Session, entries: list[Entry], *, athlete: str | None, site: str
    ) -> list[CardPage]:
        """Split a session into card pages; the last one keeps room for notes."""
        m = self.m
        full = self.body_height()
        qr_column = self.qr_column(entries)
        blocks = [self.block(e, qr_column, max_height=full - 2 * m.block_pad) for e in entries]
        pages: list[list[Block]] = [[]]
        used = 0.0
        for b in blocks:
            need = b.height + 2 * m.block_pad
            if pages[-1] and used + need > full:
                pages.append([])
                used = 0.0
            pages[-1].append(b)
            used += need
        # The notes area takes what is left, at least one line beside its label.
        if used + self.notes_min() > full and len(pages[-1]) > 1:
            pages.append([pages[-1].pop()])
        n = len(pages)
        return [CardPage(session, p, i, n, athlete, site, qr_column) for i, p in enumerate(pages, start=1)]


# --- drawing -----------------------------------------------------------------------------

# The still of a figure as a PNG of the given width in pixels.
Thumbnail = Callable[[Figure, int], bytes]


def draw_card(
    doc: Document, lay: Layouter, page: CardPage, x0: float, y0: float, thumbnail: Thumbnail
) -> None:
    """Draw one card page with its top-left corner at (x0, y0) on the current sheet."""
    m = lay.m
    left, right = x0 + m.margin, x0 + m.paper.width - m.margin
    width = right - left
    top = y0 + m.margin

    # Header: program, then which session, then who and when.
    label = page.session.program.upper()
    label_style = doc.fit(label, m.style("label"), width, smallest=7.0)
    top = doc.text(left, top, _ellipsis(doc, label, label_style, width), label_style)
    title = page.session.title + (" (continued)" if page.page > 1 else "")
    title_style = doc.fit(title, m.style("title"), width, smallest=9.5)
    top = doc.text(left, top, _ellipsis(doc, title, title_style, width), title_style)
    top += m.mm(1.2)
    _athlete_line(doc, m, left, top, width, page.athlete)
    top += m.style("meta").line_height + m.mm(1.4)
    doc.rule(left, top, right, top, ACCENT, weight=m.mm(0.35))
    top += m.mm(1.0)

    for i, block in enumerate(page.blocks):
        if i:
            doc.rule(left, top, right, top, FAINT, weight=m.mm(0.2))
        _draw_block(doc, lay, block, left, top + m.block_pad, width, page.qr_column, thumbnail)
        top += block.height + 2 * m.block_pad

    bottom = y0 + m.paper.height - m.margin - m.footer
    if page.last:
        _notes(doc, m, left, top, right, bottom)
    else:
        doc.text(left, bottom - m.style("meta").line_height, "Continued on the next card →", m.style("meta"))

    # Footer: where the site lives, and which card of the session this is.
    doc.rule(left, bottom + m.mm(1.5), right, bottom + m.mm(1.5), RULE, weight=m.mm(0.15))
    foot = m.style("footer")
    ftop = bottom + m.footer - foot.line_height
    doc.text(left, ftop, f"RunStrong · {page.site}", foot)
    doc.text(left, ftop, f"page {page.page}/{page.pages}", foot, align="R", width=width)


def _athlete_line(
    doc: Document, m: Metrics, left: float, top: float, width: float, athlete: str | None
) -> None:
    meta = m.style("meta")
    baseline = top + meta.line_height - m.mm(0.6)
    date_x = left + width * 0.62
    x = left
    doc.text(x, top, "Athlete", meta)
    x += doc.width("Athlete", meta) + m.mm(1.5)
    if athlete:
        style = doc.fit(athlete, m.style("athlete"), date_x - x - m.mm(3), smallest=7.5)
        doc.text(x, top, _ellipsis(doc, athlete, style, date_x - x - m.mm(3)), style)
    else:
        doc.rule(x, baseline, date_x - m.mm(3), baseline, MUTED, weight=m.mm(0.15))
    doc.text(date_x, top, "Date", meta)
    x = date_x + doc.width("Date", meta) + m.mm(1.5)
    doc.rule(x, baseline, left + width, baseline, MUTED, weight=m.mm(0.15))


def _draw_block(
    doc: Document,
    lay: Layouter,
    b: Block,
    left: float,
    top: float,
    width: float,
    qr_col: float,
    thumbnail: Thumbnail,
) -> None:
    m, e = lay.m, b.entry
    if e.figure is not None:
        png = thumbnail(e.figure, m.thumb_px)
        doc.image(png, left, top, m.thumb, m.thumb, alt=f"{e.name}: the position to aim for")
    x = left + lay.text_x(e)
    y = top
    number = f"{e.number}"
    doc.text(x, y, number, m.style("number"))
    nx = x + doc.width(number, m.style("number")) + m.mm(1.6)
    for line in b.name:
        y = doc.text(nx, y, line, m.style("name"))
    y = doc.lines(x, y, b.dose, m.style("dose"))
    y = doc.lines(x, y, b.cue, m.style("cue"))
    y = doc.lines(x, y, b.note, m.style("note"))
    y += m.mm(1.2)
    log = m.style("log")
    label = "kg" if e.loaded else "sets"
    bw, bh = b.box_size
    doc.text(x, y + (bh - log.line_height) / 2, label, log)
    for bx, by in b.boxes:
        doc.box(x + bx, y + by, bw, bh, MUTED, weight=m.mm(0.22))

    # The QR code sits at the top right of its column, its quiet zone kept clear; the short
    # URL right-aligned under it.
    qx = left + width - m.qr
    doc.qr(e.qr_url, qx, top, m.qr)
    cy = top + m.qr + quiet_zone(e.qr_url, m.qr)  # the caption starts past the quiet zone
    for line in b.caption:
        cy = doc.text(left + width - qr_col, cy, line, b.caption_style, align="R", width=qr_col)


def _notes(doc: Document, m: Metrics, left: float, top: float, right: float, bottom: float) -> None:
    """'Notes' and ruled lines filling the rest of the card (one line beside the label at least)."""
    top += m.mm(0.8)
    meta = m.style("meta")
    doc.rule(left, top, right, top, FAINT, weight=m.mm(0.2))
    label_top = top + m.mm(1.2)
    doc.text(left, label_top, "Notes", meta)
    first = label_top + meta.line_height - m.mm(0.6)
    doc.rule(left + doc.width("Notes", meta) + m.mm(1.5), first, right, first, RULE, weight=m.mm(0.15))
    y = first + m.notes_line
    while y <= bottom - m.mm(0.5):
        doc.rule(left, y, right, y, RULE, weight=m.mm(0.15))
        y += m.notes_line


def _ellipsis(doc: Document, text_: str, style: Style, width: float) -> str:
    if doc.width(text_, style) <= width:
        return text_
    while text_ and doc.width(text_ + "…", style) > width:
        text_ = text_[:-1]
    return text_.rstrip() + "…"


# --- sheets: one card a page, or several with cut marks ------------------------------------


def draw_cut_marks(
    doc: Document, sheet: Paper, card: Paper, across: int, down: int, x0: float, y0: float
) -> None:
    """Thin marks where to cut: ticks at the sheet edges and small crosses where cuts meet."""
    k = 0.15
    tick = 5.0
    xs = [x0 + i * card.width for i in range(across + 1)]
    ys = [y0 + j * card.height for j in range(down + 1)]
    for x in xs[1:-1]:
        doc.rule(x, 0, x, tick, MUTED, k)
        doc.rule(x, sheet.height - tick, x, sheet.height, MUTED, k)
    for y in ys[1:-1]:
        doc.rule(0, y, tick, y, MUTED, k)
        doc.rule(sheet.width - tick, y, sheet.width, y, MUTED, k)
    for x in xs[1:-1]:
        for y in ys[1:-1]:
            doc.rule(x - 3, y, x + 3, y, MUTED, k)
            doc.rule(x, y - 3, x, y + 3, MUTED, k)
