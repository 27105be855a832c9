"""Which characters the cards and pictures can draw, so none is ever dropped silently.

PDFs (fpdf2) and pictures (Pillow) draw text in the vendored DejaVu fonts. A character those
fonts lack comes out as nothing or as a box, with exit status 0, on 200 printed cards. So the
check runs where the text comes in: ``runstrong check`` (every string of the content files),
a coach's plan, and ``--athlete``. DejaVu Sans draws Latin, Greek, Cyrillic, Armenian and
Georgian letters and many symbols; CJK scripts and most emoji it does not. Hebrew and Arabic
it has glyphs for, but the PDF and picture code neither shapes nor reorders right-to-left
text, so those letters would print disjoined and backwards: refused too.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import cache

from . import fonts

FONT_NAME = "DejaVu Sans"
# Characters that are never drawn as glyphs but are harmless in text.
_CONTROL_OK = frozenset(map(ord, "\n\r\t"))
# Bidirectional embeddings, overrides and isolates (and the marks): a page shows the text
# reordered ("Evil \u202eesrever" reads "Evil reverse") while a PDF draws it as stored, so a
# card and its page would disagree, and a name could pass for another. Refused everywhere.
BIDI_CONTROLS = frozenset(range(0x202A, 0x202F)) | frozenset(range(0x2066, 0x206A)) | {0x200E, 0x200F, 0x061C}


@cache
def drawable() -> frozenset[int]:
    """Code points that every face the cards and pictures use has a glyph for."""
    from fontTools.ttLib import TTFont

    covered: set[int] | None = None
    for path in (fonts.SANS, fonts.SANS_BOLD, fonts.CONDENSED, fonts.CONDENSED_BOLD):
        cmap = set(TTFont(path, lazy=True).getBestCmap())
        covered = cmap if covered is None else covered & cmap
    return frozenset(covered or ()) | _CONTROL_OK


def first_undrawable(text: str) -> str | None:
    """The first character of ``text`` the fonts cannot draw, or None when all can be drawn."""
    if text.isascii():
        return None  # the common case, without touching the font tables
    table = drawable()
    return next(
        (
            ch
            for ch in text
            if ord(ch) not in table
            or ord(ch) in BIDI_CONTROLS
            or unicodedata.bidirectional(ch) in ("R", "AL")
        ),
        None,
    )


def problem(text: str) -> str | None:
    """The sentence an author needs when ``text`` holds a character that would not print."""
    ch = first_undrawable(text)
    if ch is None:
        return None
    name = unicodedata.name(ch, "unnamed character").lower()
    if ord(ch) in BIDI_CONTROLS:
        return (
            f"U+{ord(ch):04X} ({name}) reorders the text around it: a page would show it reversed "
            "while a card prints it as written; remove it"
        )
    if unicodedata.bidirectional(ch) in ("R", "AL"):
        return (
            f"'{ch}' (U+{ord(ch):04X}, {name}) cannot be printed: cards and pictures do not lay out "
            "right-to-left text (Hebrew, Arabic), which would print disjoined and backwards"
        )
    return (
        f"'{ch}' (U+{ord(ch):04X}, {name}) cannot be printed: the font of the cards and pictures, "
        f"{FONT_NAME}, has no glyph for it (Latin, Greek and Cyrillic letters print; Chinese, "
        "Japanese, Korean and most emoji do not)"
    )


def strings(data: object, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every text value in parsed YAML data with its path (keys are field names, not text)."""
    stack: list[tuple[tuple[str | int, ...], object]] = [(path, data)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, str):
            yield where, value
        elif isinstance(value, dict):
            stack += [((*where, k), v) for k, v in value.items()]
        elif isinstance(value, list):
            stack += [((*where, i), v) for i, v in enumerate(value)]
