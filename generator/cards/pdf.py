"""A thin drawing layer over fpdf2: fonts, type styles, wrapping, QR codes, tick boxes.

Everything the cards and week sheets print goes through here, so the PDFs share one look and
one set of guarantees:
- text is vector text in the vendored DejaVu fonts (embedded as subsets: an en dash, ×, °
  and é print on every machine, and the files stay small);
- QR codes are vector squares (segno's matrix, merged into rectangles), never images;
- the bytes are deterministic: a fixed creation date, and nothing else varies between builds.
"""

from __future__ import annotations

import io
import math
import threading
import zlib
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import cache, cached_property

from fpdf import FPDF, ViewerPreferences
from fpdf.drawing_primitives import convert_to_device_color
from fpdf.fonts import TTFFont
from fpdf.image_datastructures import ImageCache, RasterImageInfo
from fpdf.image_parsing import preload_image

from .embed import CardOutput, char_widths
from .paper import PT_PER_MM, Paper
from .qrcode import qr_path
from .subsetfont import FONT_FILES, SUBSET_CHARACTERS, register_font, subset_file

RGB = tuple[int, int, int]

INK: RGB = (33, 33, 33)
MUTED: RGB = (97, 97, 97)
RULE: RGB = (189, 189, 189)
FAINT: RGB = (224, 224, 224)
ACCENT: RGB = (255, 87, 34)  # Material deep orange: the site's primary colour, used sparingly
BLACK: RGB = (0, 0, 0)

# Builds must produce the same bytes every time (cacheable, diffable, no churn in a deploy), so
# the PDFs carry a fixed date rather than the time of the build.
FIXED_DATE = datetime(2025, 1, 1, tzinfo=UTC)

_IMAGES: dict[bytes, tuple[str, RasterImageInfo]] = {}
_IMAGES_LOCK = threading.Lock()


def _image_info(png: bytes) -> tuple[str, RasterImageInfo]:
    """fpdf2's name and PDF form of a PNG, made once per process (a few hundred kept)."""
    with _IMAGES_LOCK:
        hit = _IMAGES.get(png)
    if hit is not None:
        return hit
    name, _, info = preload_image(ImageCache(), io.BytesIO(png))
    assert isinstance(info, RasterImageInfo)  # a PNG: a raster picture
    if info.get("f") == "FlateDecode" and "smask" not in info:
        # The same pixels deflated harder (fpdf2 uses zlib's default level): made once per
        # process, a still is in every PDF that prints its exercise; 15 % smaller.
        data = info["data"]
        assert isinstance(data, bytes)  # what fpdf2 deflated
        info = RasterImageInfo(info, data=zlib.compress(zlib.decompress(data), 9))
    with _IMAGES_LOCK:
        if len(_IMAGES) >= 512:
            _IMAGES.clear()
        _IMAGES[png] = name, info
    return name, info


# How far a quarter circle's Bézier control points lie along its tangents, per unit of radius
# (the value fpdf2's arcs use: sin(θ)·(√(4 + 3·tan²(θ/2)) − 1)/3 for θ = 90°).
_ARC = (math.sqrt(7) - 1) / 3


@dataclass(frozen=True)
class Style:
    """A type style: DejaVu Sans or Sans Condensed, regular or bold, at a size in points."""

    size: float
    bold: bool = False
    condensed: bool = False
    colour: RGB = INK
    leading: float = 1.22  # line height as a multiple of the size
    spacing: float = 0.0  # extra letter spacing in points (for small capitals-style labels)

    # Worked out once a style (cached_property writes the instance's __dict__, which a frozen
    # dataclass allows): a program's PDF reads them for each of its thousand lines.
    @cached_property
    def font(self) -> tuple[str, str]:
        """fpdf2's family and emphasis of this style."""
        return ("cond" if self.condensed else "sans", "B" if self.bold else "")

    @cached_property
    def size_mm(self) -> float:
        return self.size / PT_PER_MM

    @cached_property
    def line_height(self) -> float:
        return self.size_mm * self.leading

    def scaled(self, k: float) -> Style:
        # Layout scales the same few styles by the same factors tens of thousands of times a
        # program; dataclasses.replace was a tenth of its drawing time.
        key = (self, k)
        style = _SCALED.get(key)
        if style is None:
            style = _SCALED[key] = replace(
                self, size=round(self.size * k, 2), spacing=round(self.spacing * k, 2)
            )
        return style

    def with_(self, **changes: object) -> Style:
        return replace(self, **changes)  # type: ignore[arg-type]


_SCALED: dict[tuple[Style, float], Style] = {}
_LayoutKey = tuple[str, tuple[str, str], float, float, bool, float]  # text, font, size, spacing, full, width
_WRAPS: dict[_LayoutKey, tuple[str, ...]] = {}
_FITS: dict[_LayoutKey, bool] = {}


@cache
def _colour_operator(colour: RGB) -> str:
    """The fill colour operator fpdf2 writes for text in ``colour`` ('r g b rg')."""
    return convert_to_device_color(*colour).serialize().lower()


# Widths of text (mm) by text, font, size, letter spacing and whether the full fonts are used:
# a pure function of the font files, kept for the process (Document.width).
_WIDTHS: dict[tuple[str, tuple[str, str], float, float, bool], float] = {}


def _measure(text: str, style: Style, full: bool) -> float:
    """Width (mm) of one line of ``text`` as fpdf2's get_string_width measures it, computed
    from the font's advance widths (``embed.char_widths``) without a document.

    Measuring in a document selects fonts in it, and a page's content records every font
    change: documents drew the same but carried font switches made only to measure. fpdf2's
    own measuring splits the text into styled fragments first (a sixth of a cold PDF's time);
    for one font, no shaping and no stretching its sum is this one, to the same float."""
    family, emphasis = style.font
    path = FONT_FILES[family, emphasis]
    widths = char_widths(path if full else subset_file(path), family, emphasis)
    width = sum(widths[ord(c)] for c in text) * style.size * 0.001
    if style.spacing != 0:
        width += style.spacing * len(text)
    return width / PT_PER_MM


class Document:
    """One PDF being drawn. Units are millimetres from the page's top-left corner."""

    def __init__(
        self, *, title: str, subject: str, keywords: str = "", text: str = "", preview: bool = False
    ) -> None:
        """``text``: everything the document will print (or more), to pick the fonts that cover it.

        ``preview``: the site has no real address yet (``urls.is_placeholder``): every QR code
        is drawn as a box saying so, since a code to a placeholder address opens nothing.
        """
        self.preview = preview
        pdf = FPDF(unit="mm", format="A4")
        pdf.set_auto_page_break(False)
        pdf.set_margin(0)
        pdf.set_creation_date(FIXED_DATE)
        pdf.set_title(title)
        pdf.set_subject(subject)
        pdf.set_author("RunStrong")
        pdf.set_creator("RunStrong")
        if keywords:
            pdf.set_keywords(keywords)
        pdf.set_lang("en")
        pdf.viewer_preferences = ViewerPreferences(display_doc_title=True)
        self.pdf = pdf
        self._fonts: set[tuple[str, str]] = set()
        self._full_fonts = not set(text) <= SUBSET_CHARACTERS
        self._style: Style | None = None
        # The stroke colour, line width and fill colour last set, so an unchanged one is not set
        # again: fpdf2 would build a colour object for each call to find it unchanged (a card
        # draws a few hundred rules and boxes in three colours). Only this class sets them, and
        # fpdf2 keeps them from page to page, so these stay its own.
        self._draw: RGB | None = None
        self._width: float | None = None
        self._fill: RGB | None = None

    # --- pages -------------------------------------------------------------------------

    def add_page(self, paper: Paper) -> None:
        self.pdf.add_page(format=(paper.width, paper.height))
        self._style = None  # fpdf2 resets nothing, but a new page must not inherit a stale state

    def bookmark(self, title: str, level: int = 0) -> None:
        """An entry in the PDF outline (the viewer's sidebar), pointing at the current page."""
        self.pdf.set_y(0)
        self.pdf.start_section(title, level=level, strict=False)

    def output(self) -> bytes:
        return bytes(self.pdf.output(output_producer_class=CardOutput))

    # --- text --------------------------------------------------------------------------

    def use(self, style: Style) -> None:
        if style == self._style:
            return
        pdf, last = self.pdf, self._style
        family, emphasis = style.font
        if (family, emphasis) not in self._fonts:
            # Registered on first use: parsing a TTF is most of a small PDF's cost.
            register_font(pdf, family, emphasis, full=self._full_fonts)
            self._fonts.add((family, emphasis))
        # Only what changed (fpdf2 would find the rest unchanged, at a cost: styles change
        # on most lines of a card).
        if last is None or last.font != style.font or last.size != style.size:
            pdf.set_font(family, emphasis, style.size)
        if last is None or last.colour != style.colour:
            pdf.set_text_color(*style.colour)
        if last is None or last.spacing != style.spacing:
            pdf.set_char_spacing(style.spacing)
        self._style = style

    def width(self, text: str, style: Style) -> float:
        """Width (mm) of one line of text; memoised for the process, as layout measures the same
        words often (fpdf2's measuring was a quarter of a PDF's drawing time), and measured
        outside the document (``_measurer``), so measuring leaves nothing in it."""
        key = (text, style.font, style.size, style.spacing, self._full_fonts)
        width = _WIDTHS.get(key)
        if width is None:
            width = _WIDTHS[key] = _measure(text, style, self._full_fonts)
        return width

    def wrap(self, text: str, style: Style, width: float) -> list[str]:
        """Greedy word wrap to ``width`` mm; a word wider than a line breaks after a hyphen, or
        where it must. Memoised for the process, as widths are: a week's sheet is laid out in
        its program's PDFs and in the week's own, at the same sizes."""
        key = (text, style.font, style.size, style.spacing, self._full_fonts, width)
        lines = _WRAPS.get(key)
        if lines is None:
            if len(_WRAPS) >= 65536:
                _WRAPS.clear()
            lines = _WRAPS[key] = tuple(self._wrap(text, style, width))
        return list(lines)

    def _wrap(self, text: str, style: Style, width: float) -> list[str]:
        lines: list[str] = []
        current, used = "", 0.0
        for word in text.split():
            # fpdf2 does not kern here, so widths add up: measure each word once, not each line.
            extra = self.width(f" {word}" if current else word, style)
            if used + extra <= width + 1e-9:
                current, used = (f"{current} {word}" if current else word), used + extra
                continue
            if current:
                lines.append(current)
            current = word
            while self.width(current, style) > width and len(current) > 1:
                cut = self._break(current, style, width)
                lines.append(current[:cut])
                current = current[cut:]
            used = self.width(current, style)
        if current:
            lines.append(current)
        return lines or [""]

    def _break(self, word: str, style: Style, width: float) -> int:
        hyphens = [i + 1 for i, c in enumerate(word[:-1]) if c == "-"]
        for cut in reversed(hyphens):
            if self.width(word[:cut], style) <= width:
                return cut
        cut = len(word) - 1
        while cut > 1 and self.width(word[:cut], style) > width:
            cut -= 1
        return cut

    def fits_unbroken(self, text: str, style: Style, width: float) -> bool:
        """Whether every word (or hyphenated piece) of ``text`` fits a line of ``width`` mm
        (memoised for the process, as ``wrap`` is)."""
        key = (text, style.font, style.size, style.spacing, self._full_fonts, width)
        fits = _FITS.get(key)
        if fits is None:
            if len(_FITS) >= 65536:
                _FITS.clear()
            pieces = [p for word in text.split() for p in word.replace("-", "- ").split()]
            fits = _FITS[key] = all(self.width(p, style) <= width for p in pieces)
        return fits

    def wrap_parts(self, text: str, style: Style, width: float, sep: str = " · ") -> list[str]:
        """Wrap an 'a · b · c' line between its parts where it can, so 'RPE 7' stays whole; the
        line break then stands for the separator."""
        lines: list[str] = []
        for part in text.split(sep):
            candidate = f"{lines[-1]}{sep}{part}" if lines else part
            if lines and self.width(candidate, style) <= width:
                lines[-1] = candidate
            else:
                lines += self.wrap(part, style, width)
        return lines or [""]

    def fit(self, text: str, style: Style, width: float, smallest: float) -> Style:
        """The style shrunk (down to ``smallest`` pt, then condensed) until ``text`` fits one line."""
        for condensed in (style.condensed, True):
            s = style.with_(condensed=condensed)
            while self.width(text, s) > width and s.size > smallest:
                s = s.with_(size=round(s.size - 0.25, 2))
            if self.width(text, s) <= width:
                return s
        return s

    def text(
        self, x: float, top: float, text: str, style: Style, *, align: str = "L", width: float = 0
    ) -> float:
        """One line whose line box starts at ``top``; returns the top of the next line.

        ``align`` "R" or "C" aligns within ``width`` from ``x``.
        """
        self.use(style)
        if align != "L":
            w = self.width(text, style)
            x = x + (width - w) if align == "R" else x + (width - w) / 2
        # Baseline: centre the font's ascent+descent (≈1.16 em for DejaVu) in the line box.
        baseline = top + (style.line_height - 1.164 * style.size_mm) / 2 + 0.928 * style.size_mm
        # The line fpdf2's text() writes (filled text, no underline), without its checks for
        # what cards never use: a card prints a thousand lines, and text() was a third of it.
        pdf = self.pdf
        font = pdf.current_font
        assert isinstance(font, TTFFont)  # use() selected one of the document's fonts
        if not pdf.current_font_is_set_on_page:
            pdf._out(pdf._set_font_for_page(font, pdf.font_size_pt))
        line = f"BT {x * pdf.k:.2f} {(pdf.h - baseline) * pdf.k:.2f} Td {font.encode_text(text)} ET"
        if pdf.fill_color != pdf.text_color:
            line = f"q {_colour_operator(style.colour)} {line} Q"
        pdf._out(line)
        return top + style.line_height

    def lines(self, x: float, top: float, lines: list[str], style: Style) -> float:
        for line in lines:
            top = self.text(x, top, line, style)
        return top

    # --- shapes ------------------------------------------------------------------------

    def rule(
        self, x0: float, y0: float, x1: float, y1: float, colour: RGB = RULE, weight: float = 0.2
    ) -> None:
        """A line; ``weight`` in mm (the line fpdf2's ``line`` writes)."""
        self._stroke(colour, weight)
        pdf = self.pdf
        k, h = pdf.k, pdf.h
        pdf._out(f"{x0 * k:.2f} {(h - y0) * k:.2f} m {x1 * k:.2f} {(h - y1) * k:.2f} l S")

    def _stroke(self, colour: RGB, weight: float) -> None:
        """fpdf2's ``set_draw_color`` and ``set_line_width``, skipped when nothing changes (as
        they would find: they write an operator only for a change)."""
        if colour != self._draw:
            self.pdf.set_draw_color(*colour)
            self._draw = colour
        if weight != self._width:
            self.pdf.set_line_width(weight)
            self._width = weight

    def _fill_colour(self, colour: RGB) -> None:
        if colour != self._fill:
            self.pdf.set_fill_color(*colour)
            self._fill = colour

    def dashed(
        self, x0: float, y0: float, x1: float, y1: float, colour: RGB = RULE, weight: float = 0.2
    ) -> None:
        self.pdf.set_dash_pattern(dash=0.6, gap=0.9)
        self.rule(x0, y0, x1, y1, colour, weight)
        self.pdf.set_dash_pattern()

    def box(self, x: float, y: float, w: float, h: float, colour: RGB = MUTED, weight: float = 0.25) -> None:
        """An empty box to write in or tick; a slightly rounded corner reads as a form field.

        The path fpdf2's ``rect(round_corners=True)`` draws (four sides, a quarter-circle Bézier
        at each corner), written in one go: fpdf2 evaluates each arc with trigonometry, a tenth of
        a program's drawing time for its few hundred boxes."""
        pdf = self.pdf
        self._stroke(colour, weight)
        k, top = pdf.k, pdf.h
        r = min(w, h) * 0.12
        c = _ARC * r
        x0, x1, y0, y1 = x * k, (x + w) * k, (top - y) * k, (top - y - h) * k
        r, c = r * k, c * k
        # fpdf2's content stream: the lines rect() would write.
        pdf._out(
            f"{x0 + r:.2f} {y0:.2f} m\n{x1 - r:.2f} {y0:.2f} l\n"
            f"{x1 - r + c:.2f} {y0:.2f} {x1:.2f} {y0 - r + c:.2f} {x1:.2f} {y0 - r:.2f} c\n"
            f"{x1:.2f} {y1 + r:.2f} l\n"
            f"{x1:.2f} {y1 + r - c:.2f} {x1 - r + c:.2f} {y1:.2f} {x1 - r:.2f} {y1:.2f} c\n"
            f"{x0 + r:.2f} {y1:.2f} l\n"
            f"{x0 + r - c:.2f} {y1:.2f} {x0:.2f} {y1 + r - c:.2f} {x0:.2f} {y1 + r:.2f} c\n"
            f"{x0:.2f} {y0 - r:.2f} l\n"
            f"{x0:.2f} {y0 - r + c:.2f} {x0 + r - c:.2f} {y0:.2f} {x0 + r:.2f} {y0:.2f} c\nh S"
        )

    def fill(self, x: float, y: float, w: float, h: float, colour: RGB) -> None:
        self._fill_colour(colour)
        self.pdf.rect(x, y, w, h, style="F")

    def image(self, png: bytes, x: float, y: float, w: float, h: float, alt: str) -> None:
        """A raster picture; ``alt`` becomes its alternative text (a tagged Figure in the PDF).

        The picture's PDF form (its pixels inflated and compressed again, fpdf2's ``preload_image``)
        is made once per process (``_image_info``), not once per document: a program's stills
        are the same few dozen pictures in every one of its PDFs."""
        name, info = _image_info(png)
        images = self.pdf.image_cache.images
        if name not in images and info.get("iccp") is None:
            # As fpdf2 registers a picture first used, with no use yet: pdf.image counts this one.
            images[name] = RasterImageInfo(info, i=len(images) + 1, usages=0, iccp_i=None)
        self.pdf.image(io.BytesIO(png), x=x, y=y, w=w, h=h, alt_text=alt)

    def qr(self, url: str, x: float, y: float, size: float) -> None:
        """A QR code of ``url``, ``size`` mm square, in vector squares of pure black.

        The caller keeps ``quiet_zone(url, size)`` mm around it free of ink.
        """
        if self.preview:
            self._preview_mark(x, y, size)
            return
        pdf = self.pdf
        self._fill_colour(BLACK)
        # One path of all the squares, filled once, placed by a translation: the path is the
        # same wherever the code goes, so it is made once per process per link and size.
        pdf._out(f"q 1 0 0 1 {x * pdf.k:.2f} {(pdf.h - y) * pdf.k:.2f} cm\n{qr_path(url, size * pdf.k)}\nf Q")

    def _preview_mark(self, x: float, y: float, size: float) -> None:
        """Where a QR code goes on a preview: a box that says the link is not live yet."""
        self.box(x, y, size, size, MUTED, weight=0.3)
        k = size / 15.0
        bold = Style(5.5 * k, bold=True, condensed=True, colour=MUTED)
        small = Style(4.2 * k, condensed=True, colour=MUTED)
        top = y + size / 2 - (bold.line_height + 2 * small.line_height) / 2
        top = self.text(x, top, "PREVIEW", bold, align="C", width=size)
        top = self.text(x, top, "no QR code:", small, align="C", width=size)
        self.text(x, top, "site not published", small, align="C", width=size)
