"""The fonts a PDF embeds carry no TrueType hinting (cards/subsetfont.py ``_subset``): instructions
snap outlines to a screen's pixels at small sizes, which print at 300 dpi and PDF viewers do
not use, and they were a third of every embedded font (~9 KB of a 50 KB week sheet)."""

from __future__ import annotations

import io
import re
import zlib

import pypdfium2 as pdfium
import pytest
from fontTools import ttLib
from fpdf import FPDF
from PIL import ImageChops

from generator.cards import cards_pdf
from generator.cards import pdf as pdf_module
from generator.cards.paper import A6
from generator.cards.pdf import Document, Style
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


def _sheet(measure: bool) -> bytes:
    """A page of text in two styles; ``measure``: text in other styles measured between lines,
    as layout does (wrapping, fitting) before it draws."""
    doc = Document(title="t", subject="s", text="Nordic curl 3 × 8, RPE 7 – café")
    doc.add_page(A6)
    body, title = Style(9), Style(14, bold=True)
    top = doc.text(8, 8, "Nordic curl", title)
    for line in ("3 × 8, RPE 7 – slow", "café stop after"):
        if measure:
            doc.width(line, Style(11, condensed=True, bold=True))
            doc.wrap(f"{line} and more words", Style(7, condensed=True), 30)
        top = doc.text(8, top, line, body)
    return doc.output()


def test_measuring_text_leaves_nothing_in_the_document() -> None:
    # Layout measures text in styles it may never draw; measured in the document, each style
    # measured selected a font on the open page (a font switch in its content, the font
    # registered and embedded). Measured apart, a document's bytes are what it draws.
    assert _sheet(measure=True) == _sheet(measure=False)
    assert len(embedded_fonts(_sheet(measure=True))) == 2  # sans and sans bold, not the condensed


def test_glyphs_copied_as_they_are_print_the_same_pixels(monkeypatch: pytest.MonkeyPatch) -> None:
    # fpdf2 saves each document's font subset with fontTools; its glyphs are embedded as the
    # Latin subset holds them (not unpacked and compiled again to recompute boxes they carry):
    # a third of a PDF's drawing time, and the pages show the same pixels either way.
    guide = load_guide(CONTENT)
    program = guide.programs["foundation"]

    def draw() -> bytes:
        return cards_pdf(guide, program, LIVE_URL, "a6", weeks=[1], slug="foundation")

    copied = draw()
    original = pdf_module.register_font

    def recompiling(pdf: FPDF, family: str, emphasis: str, *, full: bool) -> None:
        original(pdf, family, emphasis, full=full)
        pdf.fonts[f"{family}{emphasis}"].ttfont.recalcBBoxes = True  # type: ignore[union-attr]

    monkeypatch.setattr(pdf_module, "register_font", recompiling)
    recompiled = draw()
    a, b = pdfium.PdfDocument(copied), pdfium.PdfDocument(recompiled)
    assert len(a) == len(b)
    for i in range(min(len(a), 3)):
        pixels = [doc[i].render(scale=150 / 72).to_pil().convert("RGB") for doc in (a, b)]
        assert ImageChops.difference(*pixels).getbbox() is None, i
