"""The fonts a PDF embeds carry no TrueType hinting (cards/pdf.py ``_subset``): instructions
snap outlines to a screen's pixels at small sizes, which print at 300 dpi and PDF viewers do
not use, and they were a third of every embedded font (~9 KB of a 50 KB week sheet)."""

from __future__ import annotations

import io
import re
import zlib

import pypdfium2 as pdfium
from fontTools import ttLib

from generator.cards import cards_pdf
from generator.load import load_guide

from ..conftest import CONTENT
from .test_cards import LIVE_URL, qr_codes

HINTING_TABLES = {"fpgm", "prep", "cvt "}
_FONT_FILE = re.compile(rb"/FontFile2 (\d+) 0 R")


def embedded_fonts(pdf: bytes) -> list[ttLib.TTFont]:
    """Each TrueType program the PDF embeds (fpdf2 writes them as plain, Flate-compressed objects)."""
    fonts = []
    for number in _FONT_FILE.findall(pdf):
        start = pdf.index(b"\n" + number + b" 0 obj") + 1
        stream = pdf.index(b"stream", start) + len(b"stream")
        stream += 2 if pdf[stream : stream + 2] == b"\r\n" else 1
        length = int(re.search(rb"/Length (\d+)", pdf[start:stream]).group(1))  # type: ignore[union-attr]
        fonts.append(ttLib.TTFont(io.BytesIO(zlib.decompress(pdf[stream : stream + length]))))
    return fonts


def test_the_embedded_fonts_carry_no_hinting_and_still_print() -> None:
    guide = load_guide(CONTENT)
    program = guide.programs["foundation"]
    pdf = cards_pdf(guide, program, LIVE_URL, "a4-4up", weeks=[1], with_week_sheets=True, slug="foundation")
    fonts = embedded_fonts(pdf)
    assert len(fonts) >= 2
    for font in fonts:
        assert not HINTING_TABLES & set(font.keys()), font["name"].getDebugName(4)
        glyf = font["glyf"]
        assert not any(getattr(glyf[name], "program", None) for name in font.getGlyphOrder())
    # Still every glyph outlined: the text reads back, and the QR codes scan.
    doc = pdfium.PdfDocument(pdf)
    text = " ".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    assert program.name in text and "Week 1" in text
    assert any(qr_codes(pdf))
