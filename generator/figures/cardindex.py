"""A muscles link-preview card drawn straight as palette indices, in one palette for all of them.

A library without figures has a muscles card per set of muscles (230 at 850 exercises), and
each is the same base (background, panel, site name), text in three colours on the background
and a muscle map on the panel. Drawn in RGB, quantised and deflated whole, a card cost ~35 ms.
Here the card's colours are known before it is drawn: the base's, each text colour at
``TEXT_LEVELS`` steps of coverage over the background, and the map's swatches over the panel.
So the base is mapped to that palette once per process, a card's text is drawn as coverage
and turned into indices with a table, the map comes as indices already (``mapindex``), and
the rows a card shares with another (above and below the text, the map's) are deflated once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from PIL import Image, ImageDraw

from ..urls import SITE_NAME
from . import encode, mapindex, muscles, preview, style
from .fonts import font

TEXT_LEVELS = 16  # steps of a glyph's edge, from the background to the text colour
CORNER_LEVELS = 8  # steps of the panel's rounded corners, from the background to the panel
LEVEL = encode.CARD_COMPRESS_LEVEL  # the site's size budget for the cards (see there)
BAND_ROWS = 32  # a card's rows deflated together: a band of text is the card's own
MERGE = 16  # sum of channel differences up to which a map's edge colour takes a kept one
# The map's flat colours: exact on the card, whatever MERGE says.
FLATS = {(*c, 255) for c in (muscles.BODY, muscles.IDLE, style.ACCENT, muscles.SECONDARY)}
TEXT_COLOURS = (style.ACCENT, style.INK, preview.MUTED)  # kicker, title, summary


def _apart(a: style.RGB, b: style.RGB) -> int:
    return sum(abs(a[c] - b[c]) for c in range(3))


def _mix(a: style.RGB, b: style.RGB, t: float) -> style.RGB:
    r, g, bl = (round(a[c] + t * (b[c] - a[c])) for c in range(3))
    return (r, g, bl)


@dataclass(frozen=True)
class _Layout:
    palette: tuple[style.RGB, ...]
    base: Image.Image  # "L": the base card's indices
    text: dict[style.RGB, list[int]]  # coverage (0-255) -> index, per text colour
    shown: list[int]  # coverage -> 255 where the text shows at all
    swatch: list[int]  # a map swatch (mapindex) -> index


@cache
def _layout() -> _Layout:
    bg = preview.BACKGROUND
    palette: list[style.RGB] = [bg, preview.PANEL, *TEXT_COLOURS]
    palette += [_mix(bg, preview.PANEL, k / CORNER_LEVELS) for k in range(1, CORNER_LEVELS)]
    text: dict[style.RGB, list[int]] = {}
    for colour in TEXT_COLOURS:
        first = len(palette)
        palette += [_mix(bg, colour, k / TEXT_LEVELS) for k in range(1, TEXT_LEVELS)]
        steps = [round(v * TEXT_LEVELS / 255) for v in range(256)]
        index_of = {0: 0, TEXT_LEVELS: palette.index(colour)}
        text[colour] = [index_of.get(k, first + k - 1) for k in steps]
    shown = [255 if round(v * TEXT_LEVELS / 255) else 0 for v in range(256)]
    # The map's swatches over the panel; an edge colour within MERGE of one already in the
    # palette shows as that one (on the panel, a body's faint outline and an idle muscle's
    # are the same few levels apart).
    swatch_index = []
    for r, g, b, a in muscles.SWATCHES:
        over = _mix(preview.PANEL, (r, g, b), a / 255)
        near = min(range(len(palette)), key=lambda i: (_apart(palette[i], over), i))
        if ((r, g, b, a) in FLATS and over not in palette) or _apart(palette[near], over) > MERGE:
            palette.append(over)
            near = len(palette) - 1
        swatch_index.append(near)
    if len(palette) > 256:
        raise ValueError("a muscles card needs more than 256 colours")
    return _Layout(
        tuple(palette),
        _base(palette, text, shown),
        text,
        shown,
        swatch_index + [0] * (256 - len(swatch_index)),
    )


def _base(palette: list[style.RGB], text: dict[style.RGB, list[int]], shown: list[int]) -> Image.Image:
    """``preview._base`` drawn as indices: the panel's coverage reduced as there, its rounded
    corners in ``CORNER_LEVELS`` steps; the accent bar; the site name as text in ink."""
    card = Image.new("L", preview.SIZE, 0)
    ss = 4
    x0, y0, x1, y1 = preview.PANEL_BOX
    w, h = x1 - x0, y1 - y0
    big = Image.new("L", (w * ss, h * ss), 0)
    ImageDraw.Draw(big).rounded_rectangle((0, 0, w * ss - 1, h * ss - 1), radius=28 * ss, fill=255)
    cover = big.resize((w, h), Image.Resampling.LANCZOS)
    corner = [round(v * CORNER_LEVELS / 255) for v in range(256)]
    panel, first = (
        palette.index(preview.PANEL),
        palette.index(_mix(preview.BACKGROUND, preview.PANEL, 1 / CORNER_LEVELS)),
    )
    lut = [0 if k == 0 else panel if k == CORNER_LEVELS else first + k - 1 for k in corner]
    card.paste(cover.point(lut), (x0, y0))
    draw = ImageDraw.Draw(card)
    left = preview.LEFT
    draw.rounded_rectangle((left, 540, left + 44, 548), radius=4, fill=palette.index(style.ACCENT))
    name = Image.new("L", preview.SIZE, 0)
    ImageDraw.Draw(name).text((left + 60, 544), SITE_NAME, fill=255, font=font(34, "bold"), anchor="lm")
    card.paste(name.point(text[style.INK]), (0, 0), name.point(shown))
    return card


def card_indices(
    title: str, summary: str, primary: Sequence[str], secondary: Sequence[str]
) -> Image.Image | None:
    """The card as an "L" picture of indices into ``_layout().palette``, or None when its text
    runs past the text block (a word too long for a line): drawn in RGB then."""
    layout = _layout()
    card = layout.base.copy()
    for (x, y), line, f, colour in preview._runs(title, summary, "Muscles worked"):
        # Each line drawn as coverage in its own box (the text block is most of the card).
        left, top, right, bottom = (int(v) for v in f.getbbox(line))
        if x + right > preview.PANEL_BOX[0] or y + bottom > preview.BRAND_TOP:
            return None
        if right <= left or bottom <= top:
            continue
        cover = Image.new("L", (right - left, bottom - top), 0)
        ImageDraw.Draw(cover).text((-left, -top), line, fill=255, font=f)
        card.paste(cover.point(layout.text[colour]), (x + left, y + top), cover.point(layout.shown))
    swatches = muscles.panel_swatches(primary, secondary, preview.MAP_BOX)
    card.paste(swatches.point(layout.swatch), preview.MAP_AT)
    return card


def muscles_card_png(
    title: str, summary: str, primary: Sequence[str], secondary: Sequence[str]
) -> bytes | None:
    """The card as a palette PNG (or None: ``card_indices``)."""
    card = card_indices(title, summary, primary, secondary)
    if card is None:
        return None
    palette = [(*c, 255) for c in _layout().palette]
    data = mapindex.deflate_bands(card.size, card.tobytes(), _kept, LEVEL, BAND_ROWS)
    return mapindex.png_bytes(card.size, data, palette)


def picture(card: Image.Image) -> Image.Image:
    """An index picture as the RGB card it shows."""
    image = card.copy()
    image.putpalette([v for colour in _layout().palette for v in colour])
    return image.convert("RGB")


_kept: dict[bytes, bytes] = {}
