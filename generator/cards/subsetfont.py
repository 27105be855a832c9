"""The cards' fonts cut to the Latin glyphs they print, once for every process.

Most of a small PDF's cost was fpdf2 parsing, then subsetting, a 6,000-glyph TTF; cards print
Latin text, so each font is cut once to Latin-1, Latin Extended-A and common punctuation and
symbols (~420 glyphs: 10× faster per document). A document whose text needs more (an athlete
named in Cyrillic) embeds the full font instead (``pdf.Document``).
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from functools import cache
from pathlib import Path

import fontTools
from fontTools import subset, ttLib
from fpdf import FPDF

from .. import fonts
from .embed import add_font

FONT_FILES = {
    ("sans", ""): fonts.SANS,
    ("sans", "B"): fonts.SANS_BOLD,
    ("cond", ""): fonts.CONDENSED,
    ("cond", "B"): fonts.CONDENSED_BOLD,
}
SUBSET_CHARACTERS = frozenset(
    chr(c)
    for c in (
        *range(0x20, 0x7F),
        *range(0xA0, 0x180),
        *range(0x218, 0x21C),  # Romanian comma-below letters
        *range(0x2010, 0x205F),  # dashes, quotes, bullets, ellipsis, primes
        *range(0x2070, 0x20A0),  # super- and subscripts
        0x20AC, 0x2122, 0x2153, 0x2154, 0x2190, 0x2191, 0x2192, 0x2193, 0x2194,
        0x2212, 0x2248, 0x2260, 0x2264, 0x2265, 0x25A1, 0x25A2, 0x25CF, 0x2713, 0x2714,
        0x0A, 0x0D, 0x09,
    )
)  # fmt: skip


def register_font(pdf: FPDF, family: str, emphasis: str, *, full: bool) -> None:
    path = FONT_FILES[family, emphasis]
    # Parsed once per process and embedded from raw bytes (embed.py): fpdf2 parsed each font
    # for each document and cut it with fontTools at output, most of a week sheet's time.
    add_font(pdf, family, emphasis, path if full else subset_file(path))


# Bump when the subsetting options below change: subset files are named by their inputs. The
# PDFs' cache keys do not see it: bump jobs.CARDS_VERSION with it.
SUBSET_VERSION = "2"


@cache
def subset_file(path: Path) -> Path:
    """The Latin subset of a font as a file (fpdf2's public add_font reads fonts from files).

    Kept in the temp folder under a name made of a hash of what makes it (the font, the
    characters, fontTools' version, the options), so a process finds the subset another one
    cut and skips cutting it (0.9 s for the four fonts: each worker of the PDF pool and each
    `runstrong cards` would pay it). The hash of the file's bytes is kept beside it and
    checked, so a damaged file is cut again, never embedded.
    """
    inputs = hashlib.sha256(path.read_bytes())
    inputs.update("".join(sorted(SUBSET_CHARACTERS)).encode("utf-8"))
    inputs.update(f"{fontTools.version}/{SUBSET_VERSION}".encode())
    target = Path(tempfile.gettempdir()) / f"runstrong-{path.stem}-{inputs.hexdigest()[:16]}.ttf"
    check = target.with_name(target.name + ".sha256")
    try:
        if hashlib.sha256(target.read_bytes()).hexdigest() == check.read_text(encoding="ascii"):
            return target
    except (OSError, UnicodeDecodeError):
        pass  # not cut yet, or damaged: cut it again
    data = _subset(path)
    _replace(target, data)  # the font first: a matching checksum never points at half a font
    _replace(check, hashlib.sha256(data).hexdigest().encode("ascii"))
    return target


def _replace(target: Path, data: bytes) -> None:
    partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    partial.write_bytes(data)
    partial.replace(target)  # atomic: a parallel build never reads half a file


@cache
def _subset(path: Path) -> bytes:
    options = subset.Options()
    options.notdef_outline = True
    options.recommended_glyphs = True
    options.layout_features = []  # fpdf2 does no shaping here: kerning and ligature tables go
    options.name_IDs = ["*"]
    options.glyph_names = True
    # No TrueType hinting (instructions, fpgm, prep, cvt): it snaps outlines to a screen's
    # pixel grid at small sizes, which a printer at 300 dpi and PDF viewers do not use. It was
    # a third of each embedded font: ~9 KB of a 50 KB week sheet. (2.7 → 1.7 MB of fonts
    # over the 100 PDFs of two programs.)
    options.hinting = False
    options.drop_tables += ["FFTM"]
    font = ttLib.TTFont(path, recalcTimestamp=False, lazy=True)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in SUBSET_CHARACTERS])
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()
