"""Image bytes with fixed settings: the same picture always gives the same file."""

from __future__ import annotations

import io
from collections.abc import Iterable

from PIL import Image

from ..deflate import recompress_png

PNG_COLOURS = 128  # flat art: a palette PNG is a quarter of the size of an RGBA one
CARD_COLOURS = 256  # preview cards: anti-aliased text on three backgrounds wants more shades
SNAP = 12  # sum of channel differences up to which a palette entry is taken for an exact colour
# Deflate levels (zlib-ng's, ``generator/deflate.py``), chosen per kind by bytes and CPU: the
# site's size has a budget per kind of file (tests/site/test_size.py). With zlib, 8 was each
# kind's level: 9 (``optimize=True``) cost two to three times the CPU for 2-3 % of the bytes,
# and 6 broke the cards' budget (18.1 KB a card on the fixture guide, budget 16.5). zlib-ng's 9
# is smaller than zlib's 8 and no slower; measured on the import's pictures (every one of each
# kind but the animations drawn one after another in one process: CPU in all, average file):
# zlib 8 → zlib-ng 9: strips 1.35 → 1.36 s and 9.01 → 8.68 KB, muscle-map link previews 1.58 →
# 1.21 s and 17.45 → 17.17 KB, exercise link previews 1.01 → 0.96 s and 16.08 → 15.70 KB, full
# muscle maps (``mapindex.LEVEL``, 9 before too) 0.75 → 0.39 s. zlib-ng's 6 was faster again
# (cards 0.83 s) but 9-10 % larger, past the cards' budget.
CARD_COMPRESS_LEVEL = 9  # link-preview cards
PNG_COMPRESS_LEVEL = 9  # strips and other palette PNGs: the hero of every page


def png(image: Image.Image, *, palette: bool = True, level: int = PNG_COMPRESS_LEVEL) -> bytes:
    """PNG without timestamps or text chunks; palette-quantised unless a photo-like image.

    ``level``: the deflate level (zlib-ng's), as the kind's measurements chose."""
    out = io.BytesIO()
    if palette:
        image = image.quantize(PNG_COLOURS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    image.save(out, format="PNG", compress_level=0)  # stored: deflated below, by zlib-ng
    return recompress_png(out.getvalue(), level)


def card_png(image: Image.Image, exact: Iterable[tuple[int, int, int]] = ()) -> bytes:
    """An opaque link-preview card as a palette PNG: ~19 KB and ~27 ms, where an RGB PNG with
    ``optimize=True`` took ~80 KB and ~105 ms (median of 24 cards of the import, CPU time).

    Cards are flat colours plus the anti-aliased edges of text and shapes, which 256 colours
    hold without visible bands; no dithering, so flat areas stay flat (and compress). The fast
    octree quantiser rounds colours down by a step or two, so the palette entry nearest each of
    the ``exact`` colours (background, panel, ink, accent…) is set back to that colour.
    """
    rgb = image.convert("RGB")
    quantised = rgb.quantize(CARD_COLOURS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    palette = quantised.getpalette() or []
    entries = [tuple(palette[i : i + 3]) for i in range(0, len(palette), 3)]
    for colour in exact:
        r, g, b = colour
        # The nearest entry (sum of channel differences; the first of equals), in one pass.
        distance, nearest = min(
            (abs(e[0] - r) + abs(e[1] - g) + abs(e[2] - b), i) for i, e in enumerate(entries)
        )
        if distance <= SNAP:
            palette[3 * nearest : 3 * nearest + 3] = colour
    quantised.putpalette(palette)
    out = io.BytesIO()
    quantised.save(out, format="PNG", compress_level=0)
    return recompress_png(out.getvalue(), CARD_COMPRESS_LEVEL)
