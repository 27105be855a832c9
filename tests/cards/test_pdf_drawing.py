"""The PDFs' drawing shortcuts write what fpdf2 (and fontTools) would, only faster (issue #19).

Fonts are parsed once per process and cut from raw glyph bytes (cards/fontfile.py, embed.py),
pictures are turned into PDF images once per process, QR codes are one cached path, and text,
boxes and widths skip fpdf2's general-purpose machinery (cards/pdf.py). Each test below draws
the same thing both ways and compares what a reader gets: the bytes, or the rendered pixels
and the extracted text where the bytes legitimately differ.
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp
from fontTools import ttLib
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fpdf import FPDF
from PIL import Image, ImageChops, ImageDraw

from generator import fonts
from generator.cards import embed, fontfile, qrcode, subsetfont
from generator.cards import pdf as pdf_module
from generator.cards.paper import A6
from generator.cards.pdf import Document, Style

# Accented letters are composites in DejaVu (a base letter and a mark): they test the
# rewriting of component glyph numbers.
TEXT = "Nordic curl 3 × 8 · RPE 7–8 … café Åsa Ørsted naïve Łódź señor “quoted” 90 s ½ ✓"
CYRILLIC = "Мария Ковалёва, присед 3 × 8"


def _render(pdf: bytes) -> list[Image.Image]:
    doc = pdfium.PdfDocument(pdf)
    return [doc[i].render(scale=2).to_pil().convert("RGB") for i in range(len(doc))]


def _texts(pdf: bytes) -> list[str]:
    doc = pdfium.PdfDocument(pdf)
    return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]


def _same_pixels(a: bytes, b: bytes) -> None:
    pages_a, pages_b = _render(a), _render(b)
    assert len(pages_a) == len(pages_b)
    for x, y in zip(pages_a, pages_b, strict=True):
        assert ImageChops.difference(x, y).getbbox() is None


# --- fonts -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "text"),
    [
        (subsetfont.subset_file(fonts.SANS), TEXT),
        (subsetfont.subset_file(fonts.CONDENSED_BOLD), TEXT),
        (fonts.SANS, TEXT + CYRILLIC),  # the full font: hinted, thousands of glyphs
    ],
)
def test_a_cut_font_draws_each_code_as_the_source_glyph(path: Path, text: str) -> None:
    source = ttLib.TTFont(path)
    best = source.getBestCmap()
    chars = sorted(set(text) - {" "})
    # Codes as fpdf2 hands them out: 0 is '.notdef', 0x20 the space, the rest in order of use;
    # one glyph under two codes, and a gap (no code 40) that must hold an empty glyph.
    glyphs: dict[int, tuple[str, tuple[int, ...]]] = {0: (".notdef", ()), 0x20: (best[0x20], (0x20,))}
    code = 1
    for char in chars:
        code += code in (0x20, 40)
        glyphs[code] = (best[ord(char)], (ord(char),))
        code += 1
    glyphs[code] = glyphs[1]
    data = fontfile.FontSource.read(path).cut(glyphs)
    cut = ttLib.TTFont(io.BytesIO(data))

    cut_glyphs, source_glyphs = cut.getGlyphSet(), source.getGlyphSet()
    order, source_order = cut.getGlyphOrder(), source.getGlyphOrder()
    for code, (name, unicodes) in glyphs.items():
        drawn, expected = DecomposingRecordingPen(cut_glyphs), DecomposingRecordingPen(source_glyphs)
        cut_glyphs[order[code]].draw(drawn)
        source_glyphs[name].draw(expected)
        assert drawn.value == expected.value, (code, name)
        assert cut["hmtx"][order[code]][0] == source["hmtx"][name][0]
        for u in unicodes:  # the font's own map: to the first code printing the character
            assert cut.getBestCmap()[u] == order[min(c for c, g in glyphs.items() if u in g[1])]
    # Components the text never prints itself follow the last code; unused codes are empty.
    assert len(order) > max(glyphs)
    assert cut["glyf"][order[40]].numberOfContours == 0
    assert cut["maxp"].numGlyphs == len(order) and cut["hhea"].numberOfHMetrics == len(order)
    assert source_order[0] == ".notdef"
    # The file is whole: every table reads back, and the checksums hold.
    for tag in cut.reader.tables:
        cut[tag]
    head = cut.reader["head"]
    assert cut.reader.tables["head"].checkSum == fontfile._checksum(head[:8] + b"\0\0\0\0" + head[12:])
    assert fontfile._checksum(data) == 0xB1B0AFBA


def _written(text: str, *, ours: bool) -> bytes:
    """One page of text in the four card fonts: fpdf2's way (parse, then fontTools subsetting at
    output), or ours (the process's parsed font, cut from raw bytes)."""
    pdf = FPDF(unit="mm", format=(105, 148))
    pdf.set_creation_date(pdf_module.FIXED_DATE)
    pdf.add_page()
    full = not set(text) <= subsetfont.SUBSET_CHARACTERS
    for i, ((family, emphasis), path) in enumerate(subsetfont.FONT_FILES.items()):
        path = path if full else subsetfont.subset_file(path)
        if ours:
            embed.add_font(pdf, family, emphasis, path)
        else:  # as the cards did before: glyphs copied, not recompiled (recalcBBoxes off)
            pdf.add_font(family, emphasis, path)
            pdf.fonts[f"{family}{emphasis}"].ttfont.recalcBBoxes = False  # type: ignore[union-attr]
        pdf.set_font(family, emphasis, 9)
        pdf.text(5, 10 + 12 * i, text[:40])
        pdf.text(5, 16 + 12 * i, text[40:])
    return bytes(pdf.output(output_producer_class=embed.CardOutput) if ours else pdf.output())


@pytest.mark.parametrize("text", [TEXT, TEXT + CYRILLIC, "x"])
def test_fonts_cut_from_raw_bytes_print_and_read_as_fonttools_cuts(text: str) -> None:
    theirs, ours = _written(text, ours=False), _written(text, ours=True)
    _same_pixels(theirs, ours)
    assert _texts(ours) == _texts(theirs)
    assert b"/CIDToGIDMap /Identity" in ours
    assert len(ours) < len(theirs)  # no 128 KB map per font (compressed, still ~250 bytes)


def test_documents_share_the_parsed_font_but_not_their_glyphs() -> None:
    # Two documents drawn from the same parsed font, one after the other and interleaved, embed
    # the same fonts as a document drawn alone: each keeps its own record of glyphs and codes.
    def page(doc: Document, words: str) -> None:
        doc.text(8, 8, words, Style(10, bold=True))
        doc.text(8, 20, words.upper(), Style(9, condensed=True))

    def alone(words: str) -> bytes:
        doc = Document(title="t", subject="s", text=words)
        doc.add_page(A6)
        page(doc, words)
        return doc.output()

    first, second = "Nordic curl café", "Single-leg bridge ×3"
    expected = alone(first), alone(second)
    a = Document(title="t", subject="s", text=first)
    b = Document(title="t", subject="s", text=second)
    a.add_page(A6)
    b.add_page(A6)
    page(b, second)
    page(a, first)
    assert (a.output(), b.output()) == expected


# --- text, widths, boxes -----------------------------------------------------------------


@pytest.mark.parametrize("full", [False, True])
def test_widths_are_fpdf2s_to_the_same_float(full: bool) -> None:
    measurer = FPDF(unit="mm", format="A4")
    for (family, emphasis), path in subsetfont.FONT_FILES.items():
        measurer.add_font(family, emphasis, path if full else subsetfont.subset_file(path))
    samples = ["", " ", "Nordic curl", "3 × 8 · RPE 7–8", "café …", "WWW iii", "Ковалёва" if full else "ŁÓDŹ"]
    for text in samples:
        for style in (
            Style(9),
            Style(10.5, bold=True),
            Style(7.25, condensed=True, spacing=0.5),
            Style(12.8, True, True),
        ):
            family, emphasis = style.font
            measurer.set_font(family, emphasis, style.size)
            measurer.set_char_spacing(style.spacing)
            assert pdf_module._measure(text, style, full) == measurer.get_string_width(text), (text, style)


def _drawn(*, ours: bool) -> bytes:
    doc = Document(title="t", subject="s", text=TEXT)
    doc.add_page(A6)
    pdf = doc.pdf
    top = 6.0
    for i, style in enumerate(
        (Style(9), Style(9, colour=pdf_module.ACCENT), Style(12, bold=True, spacing=0.5))
    ):
        line = TEXT[i * 20 : i * 20 + 30]
        if ours:
            top = doc.text(6, top, line, style)
            doc.box(6 + 12 * i, 80, 9.0 + i, 5.5, weight=0.22)
        else:  # fpdf2's own calls, at the baseline and in the box Document draws
            doc.use(style)
            baseline = top + (style.line_height - 1.164 * style.size_mm) / 2 + 0.928 * style.size_mm
            pdf.text(6, baseline, line)
            top += style.line_height
            pdf.set_draw_color(*pdf_module.MUTED)
            pdf.set_line_width(0.22)
            w, h = 9.0 + i, 5.5
            pdf.rect(6 + 12 * i, 80, w, h, style="D", round_corners=True, corner_radius=min(w, h) * 0.12)
    return doc.output()


def test_text_lines_and_boxes_are_written_as_fpdf2_writes_them() -> None:
    assert _drawn(ours=True) == _drawn(ours=False)


def _ruled(*, ours: bool) -> bytes:
    """Rules, boxes and fills in colours and weights that repeat and change, over two pages."""
    doc = Document(title="t", subject="s", text=TEXT)
    pdf = doc.pdf
    strokes = [
        (pdf_module.RULE, 0.2),
        (pdf_module.RULE, 0.2),
        (pdf_module.MUTED, 0.2),
        (pdf_module.MUTED, 0.3),
    ]
    for page in range(2):
        doc.add_page(A6)
        for i, (colour, weight) in enumerate(strokes * 2):
            y = 10.0 + 8 * i + page
            fill = pdf_module.FAINT if i % 3 else pdf_module.ACCENT
            if ours:
                doc.rule(5, y, 60, y + 1, colour, weight)
                doc.box(70, y, 6, 5, colour, weight)
                doc.fill(80, y, 4, 4, fill)
            else:  # fpdf2's own calls, each colour and width set every time
                pdf.set_draw_color(*colour)
                pdf.set_line_width(weight)
                pdf.line(5, y, 60, y + 1)
                pdf.rect(70, y, 6, 5, style="D", round_corners=True, corner_radius=5 * 0.12)
                pdf.set_fill_color(*fill)
                pdf.rect(80, y, 4, 4, style="F")
    return doc.output()


def test_rules_boxes_and_fills_set_a_colour_or_width_only_as_fpdf2_would() -> None:
    assert _ruled(ours=True) == _ruled(ours=False)


def test_an_unchanged_colour_or_width_is_not_set_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """fpdf2 builds a colour object on every call to find it unchanged: a card's few hundred rules
    and boxes in three colours set each one only when it changes."""
    doc = Document(title="t", subject="s", text=TEXT)
    doc.add_page(A6)
    calls: list[str] = []

    def counted(name: str) -> Callable[..., None]:
        original = getattr(doc.pdf, name)

        def call(*args: object) -> None:
            calls.append(name)
            original(*args)

        return call

    for name in ("set_draw_color", "set_line_width", "set_fill_color"):
        monkeypatch.setattr(doc.pdf, name, counted(name))
    for y in range(10, 90, 8):
        doc.rule(5, y, 60, y, pdf_module.RULE, 0.2)
        doc.box(70, y, 6, 5, pdf_module.RULE, 0.2)
        doc.fill(80, y, 4, 4, pdf_module.FAINT)
    assert sorted(calls) == ["set_draw_color", "set_fill_color", "set_line_width"]


# --- pictures ---------------------------------------------------------------------------


def _png(shade: int) -> bytes:
    image = Image.new("L", (120, 120), 255)
    ImageDraw.Draw(image).ellipse((20, 10, 100, 110), fill=shade)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _pictures(*, ours: bool) -> bytes:
    doc = Document(title="t", subject="s")
    for _ in range(2):  # two pages: the same pictures again, and one new
        doc.add_page(A6)
        for i, png in enumerate((_png(60), _png(60), _png(130))):
            if ours:
                doc.image(png, 5 + 30 * i, 5, 20, 20, alt="a still")
            else:
                doc.pdf.image(io.BytesIO(png), x=5 + 30 * i, y=5, w=20, h=20, alt_text="a still")
    return doc.output()


def _image_pixels(pdf: bytes) -> list[bytes]:
    """Each embedded picture's pixels (its stream inflated)."""
    out = []
    for match in re.finditer(rb" obj\s*<<(.*?)>>\s*stream\r?\n", pdf, re.S):
        if b"/Subtype /Image" in match.group(1):
            length = int(re.search(rb"/Length (\d+)", match.group(1)).group(1))  # type: ignore[union-attr]
            out.append(zlib.decompress(pdf[match.end() : match.end() + length]))
    return out


def test_a_picture_made_once_per_process_prints_what_fpdf2_prints() -> None:
    pdf_module._IMAGES.clear()
    fresh = _pictures(ours=True)  # made here
    again = _pictures(ours=True)  # from the process's memory
    theirs = _pictures(ours=False)
    assert fresh == again
    assert fresh.count(b"/Subtype /Image") == 2  # each picture once per document
    # The same pixels, deflated harder: smaller streams, the same pages.
    assert _image_pixels(fresh) == _image_pixels(theirs) and len(_image_pixels(fresh)) == 2
    assert len(fresh) < len(theirs)
    _same_pixels(fresh, theirs)


# --- QR codes ---------------------------------------------------------------------------

URLS = ["https://a.io/x/1", "https://strength.runclub.org/x/pogos/", "https://coach.example.com/" + "p" * 120]


def test_a_qr_code_is_the_same_cached_or_fresh_and_scans_wherever_it_is_drawn() -> None:
    def codes() -> bytes:
        doc = Document(title="t", subject="s")
        doc.add_page(A6)
        doc.qr(URLS[1], 8, 8, 30)
        doc.qr(URLS[0], 55, 60, 25)  # elsewhere, and another size
        doc.qr(URLS[1], 50, 105, 18)
        return doc.output()

    qrcode.qr_path.cache_clear()
    fresh = codes()
    assert qrcode.qr_path.cache_info().misses == 3
    assert codes() == fresh
    page = pdfium.PdfDocument(fresh)[0].render(scale=400 / 72).to_pil()
    found = sorted(r.text for r in zxingcpp.read_barcodes(page))
    assert found == sorted([URLS[1], URLS[0], URLS[1]])


def test_a_previews_room_for_a_code_is_the_codes_size() -> None:
    for url in URLS:
        assert qrcode._qr_modules(url) == len(qrcode._qr_matrix(url))


def test_a_qr_path_covers_exactly_the_dark_modules() -> None:
    url = URLS[1]
    matrix = qrcode._qr_matrix(url)
    n = len(matrix)
    size = n * 10.0  # 10 pt a module: the hairs are 0.3 pt
    image = Image.new("L", (n * 10, n * 10), 255)
    draw = ImageDraw.Draw(image)
    for line in qrcode.qr_path(url, size).splitlines():
        x, y, w, h, op = line.split()
        assert op == "re"
        left, top = float(x), -float(y)
        draw.rectangle(
            (round(left), round(top), round(left + float(w)) - 1, round(top - float(h)) - 1), fill=0
        )
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            assert (image.getpixel((c * 10 + 5, r * 10 + 5)) == 0) == dark, (r, c)


# --- stills -------------------------------------------------------------------------------


def test_a_still_one_worker_drew_is_read_by_the_next_from_the_render_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.cards import draw
    from generator.cards.render import card_batch
    from generator.load import load_guide

    from ..conftest import CONTENT

    guide = load_guide(CONTENT)
    jobs = card_batch(guide, "https://strength.runclub.org/", cache_dir=tmp_path).jobs
    job = next(j for j in jobs if j.size == "a6")
    assert job.stills == tmp_path and job.key() == replace(job, stills=None).key()
    draw._STILLS.clear()
    first = draw.draw_job(job)
    kept = list((tmp_path / draw.STILLS).rglob("*"))
    assert kept, "no still kept"
    # Another process: nothing in memory, and no way to draw a still.
    draw._STILLS.clear()

    def no_drawing(*_: object) -> bytes:
        raise AssertionError("a still drawn again")

    monkeypatch.setattr(draw, "figure_thumbnail", no_drawing)
    assert draw.draw_job(job) == first
    # Without a cache folder (`runstrong cards`), stills are drawn, and print the same.
    monkeypatch.undo()
    draw._STILLS.clear()
    assert draw.draw_job(replace(job, stills=None)) == first
