"""Image bytes with fixed settings: the same picture always gives the same file."""

from __future__ import annotations

import io
from collections.abc import Iterable

from PIL import Image

PNG_COLOURS = 128  # flat art: a palette PNG is a quarter of the size of an RGBA one
CARD_COLOURS = 256  # preview cards: anti-aliased text on three backgrounds wants more shades
SNAP = 12  # sum of channel differences up to which a palette entry is taken for an exact colour
# zlib level of the cards. Measured on 40 cards of the import (CPU per card): 6 → 22.4 KB in
# 9 ms, 8 → 19.2 KB in 20 ms, 9 (optimize=True) → 18.9 KB in 42 ms. 8: a link preview is
# fetched by every chat app a page is shared to, and drawn once; 9 buys 1 % more for twice the time.
CARD_COMPRESS_LEVEL = 8


def png(image: Image.Image, *, palette: bool = True) -> bytes:
    """PNG without timestamps or text chunks; palette-quantised unless a photo-like image."""
    out = io.BytesIO()
    if palette:
        image = image.quantize(PNG_COLOURS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


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
        nearest = min(
            range(len(entries)),
            key=lambda i: sum(abs(a - b) for a, b in zip(entries[i], colour, strict=True)),
        )
        if sum(abs(a - b) for a, b in zip(entries[nearest], colour, strict=True)) <= SNAP:
            palette[3 * nearest : 3 * nearest + 3] = colour
    quantised.putpalette(palette)
    out = io.BytesIO()
    quantised.save(out, format="PNG", compress_level=CARD_COMPRESS_LEVEL)
    return out.getvalue()
