"""The fonts of the pictures: the DejaVu Sans the generator ships (``generator/fonts``).

Vendored fonts, not the system's, so every machine draws byte-identical pictures and nothing
is downloaded. The fonts' identity is part of every cache key, so a font update re-renders.
"""

from __future__ import annotations

from functools import cache

from PIL import ImageFont

from .. import fonts as vendored

FILES = {"regular": vendored.SANS, "bold": vendored.SANS_BOLD}

Font = ImageFont.FreeTypeFont


@cache
def font(size: int, weight: str = "regular") -> Font:
    return ImageFont.truetype(str(FILES[weight]), size)


def identity() -> str:
    """What the cache key needs to know about the fonts in use."""
    return ";".join(f"{weight}={path.name}:{path.stat().st_size}" for weight, path in sorted(FILES.items()))
