"""Image bytes with fixed settings: the same picture always gives the same file."""

from __future__ import annotations

import io
from collections.abc import Iterable

from PIL import Image

PNG_COLOURS = 128  # flat art: a palette PNG is a quarter of the size of an RGBA one
CARD_COLOURS = 256  # preview cards: anti-aliased text on three backgrounds wants more shades
SNAP = 12  # sum of channel differences up to which a palette entry is taken for an exact colour
# zlib level of the cards. Measured on 40 cards of the import (CPU per card): 6 → 22.4 KB in
# 9 ms, 8 → 19.2 KB in 20 ms, 9 (optimize=True) → 18.9 KB in 42 ms; again on 10 muscles cards
# (benchmarks.figure_times): 6 → 22.3 KB in 8.6 ms, 8 → 19.2 KB in 19.6 ms, Z_RLE 29.6 KB in
# 3.5 ms. 8: the site's size has a budget per kind of file (tests/site/test_size.py), and 6
# broke the cards' (18.1 KB a card on the fixture guide, budget 16.5); the 11 ms a card it
# saved is drawn beside the pages in a cold build (schedule.py), not in front of them.
CARD_COMPRESS_LEVEL = 8
# zlib level of the muscle maps (one per set of muscles: 264 full maps and 264 thumbnails in a
# library of 850). Measured on 14 full maps of the import (CPU per map, 480 × 600): 9
# (optimize=True) → 11.6 KB in 41 ms, 8 → 11.8 KB in 13 ms, 7 → 12.8 KB in 5 ms; thumbnails
# 3.8 KB in 6.5 ms at 9, 3.8 KB in 3.5 ms at 8. 9 took three quarters of a map's cost for 2 %
# of its bytes; 7 would cost a page 10 % more map.
MAP_COMPRESS_LEVEL = 8
# zlib level of the strips (``png``'s default; one per exercise, the hero of every page).
# Measured on the 37 strips of the import (CPU per strip, after quantising): 9 → 8.72 KB in
# 24 ms, 8 → 9.01 KB in 10 ms, 7 → 10.1 KB in 5 ms, Z_RLE 11.0 KB in 2 ms. 9 was two fifths of a
# strip's cost for 3 % of its bytes (0.3 KB a page).
PNG_COMPRESS_LEVEL = 8


def png(image: Image.Image, *, palette: bool = True, level: int = PNG_COMPRESS_LEVEL) -> bytes:
    """PNG without timestamps or text chunks; palette-quantised unless a photo-like image.

    ``level``: zlib's, as the kind's measurements chose (``optimize=True`` wrote the same bytes
    as level 9 on the 37 strips of the import, so it is not used)."""
    out = io.BytesIO()
    if palette:
        image = image.quantize(PNG_COLOURS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    image.save(out, format="PNG", compress_level=level)
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
        r, g, b = colour
        # The nearest entry (sum of channel differences; the first of equals), in one pass.
        distance, nearest = min(
            (abs(e[0] - r) + abs(e[1] - g) + abs(e[2] - b), i) for i, e in enumerate(entries)
        )
        if distance <= SNAP:
            palette[3 * nearest : 3 * nearest + 3] = colour
    quantised.putpalette(palette)
    out = io.BytesIO()
    quantised.save(out, format="PNG", compress_level=CARD_COMPRESS_LEVEL)
    return out.getvalue()
