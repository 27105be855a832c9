"""Image bytes with fixed settings: the same picture always gives the same file."""

from __future__ import annotations

import io

from PIL import Image

PNG_COLOURS = 128  # flat art: a palette PNG is a quarter of the size of an RGBA one


def png(image: Image.Image, *, palette: bool = True) -> bytes:
    """PNG without timestamps or text chunks; palette-quantised unless a photo-like image."""
    out = io.BytesIO()
    if palette:
        image = image.quantize(PNG_COLOURS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
