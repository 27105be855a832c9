"""Fonts in the cards' PDFs: registered from one parsed copy per process, embedded from raw bytes.

fpdf2 parses a TrueType file for every ``add_font`` (about 4 ms a font, four a PDF) and, at
output, cuts each font down with fontTools (``fontfile``'s docstring says why that is slow).
Here a font is parsed once per process (``_prototype``) and each document gets a copy that
shares the read-only parts (widths, character map, descriptor) and has its own record of the
glyphs it prints; ``CardOutput``, fpdf2's output with the font step replaced, embeds each
font as ``fontfile.FontSource.cut`` makes it. The PDF objects are the ones fpdf2 writes (a
Type0 font over a CIDFontType2 with widths, a ToUnicode map for copying and searching text,
the descriptor and the font file), except the CIDToGIDMap: ``/Identity``, as the cut font
numbers its glyphs by code.
"""

from __future__ import annotations

import copy
import logging
import threading
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import PDFFontDescriptor, SubsetMap, TTFFont
from fpdf.output import CIDSystemInfo, OutputProducer, PDFContentStream, PDFFont, PDFFontStream
from fpdf.syntax import Name, PDFArray

from .fontfile import font_source
from .serialize import output_dicts
from .streams import streams

LOGGER = logging.getLogger(__name__)

_PROTOTYPES = threading.Lock()


class _CardFont(TTFFont):
    """fpdf2's TrueType font, remembering each text's encoding within its document.

    Cards print the same words again and again (labels, footers, a program's exercise names
    on every week's cards), and fpdf2 encodes a text character by character on each print.
    A text's codes never change within a document (a glyph keeps the code it first got), so
    the encoding of the same text is the same string: remembered, the bytes stay the same."""

    __slots__ = ("codes", "encoded")
    encoded: dict[str, str]  # by text, its codes as fpdf2 writes them
    codes: dict[str, str]  # by character, its code (as a character; "" if the font lacks it)

    def encode_text(self, text: str) -> str:
        encoded = self.encoded.get(text)
        if encoded is None:
            if self.is_symbol:  # fpdf2 maps a symbol font's characters first
                encoded = super().encode_text(text)
            else:  # fpdf2's encoding, each character's code looked up once a document
                mapped = []
                for char in text:
                    code = self.codes.get(char)
                    if code is None:
                        picked = self.subset.pick(ord(char))
                        code = self.codes[char] = "" if picked is None else chr(picked)
                    mapped.append(code)
                encoded = f"({self.escape_text(''.join(mapped))}) Tj"
            self.encoded[text] = encoded
        return encoded


@cache
def _prototype(path: Path, family: str, emphasis: str) -> _CardFont:
    """The font as fpdf2's add_font parses it, once per process (for a scratch document)."""
    font = _CardFont(FPDF(unit="mm", format="A4"), path, f"{family.lower()}{emphasis}", emphasis)
    font.encoded, font.codes = {}, {}
    return font


def add_font(pdf: FPDF, family: str, emphasis: str, path: Path) -> None:
    """``pdf.add_font(family, emphasis, path)``, from the process's parsed copy of the font.

    The copy shares what drawing only reads and starts its own glyph record (``subset``):
    which glyphs this document prints, under which codes. Only ``CardOutput`` may write such
    a document: fpdf2's own font output cuts the font it is given in place."""
    with _PROTOTYPES:
        prototype = _prototype(path, family, emphasis)
    font = copy.copy(prototype)
    font.i = len(pdf.fonts) + 1
    font.missing_glyphs = []
    font.biggest_size_pt = 0
    font.subset = SubsetMap(font)
    font.encoded, font.codes = {}, {}
    pdf.fonts[prototype.fontkey] = font


def char_widths(path: Path, family: str, emphasis: str) -> Mapping[int, float]:
    """The font's advance widths (thousandths of the size) by character, as fpdf2 measures
    text with them (a character the font lacks: the width of its '.notdef' glyph)."""
    with _PROTOTYPES:
        return _prototype(path, family, emphasis).cw


class CardOutput(OutputProducer):
    """fpdf2's output, with each font embedded from ``fontfile`` instead of fontTools' subsetter,
    each object's dictionary made by ``serialize.object_dict`` (the same bytes, faster) and
    each stream deflated by zlib-ng (``streams.py``)."""

    def bufferize(self) -> bytearray:
        with output_dicts(), streams():
            return super().bufferize()

    def _add_fonts(self, *_: object) -> dict[int, PDFFont]:  # type: ignore[override]
        embedded: dict[int, PDFFont] = {}
        for font in sorted(self.fpdf.fonts.values(), key=lambda f: f.i):
            # The documents register their fonts with add_font above: TrueType outlines, no colour.
            assert isinstance(font, TTFFont) and not font.is_cff and not font.color_font, font
            embedded[font.i] = self._embed(font)
        return embedded

    def _embed(self, font: TTFFont) -> PDFFont:
        used = [(glyph, code) for glyph, code in font.subset.items() if glyph is not None]
        if font.missing_glyphs:
            missing = ", ".join(repr(chr(c)) for c in font.missing_glyphs[:10])
            LOGGER.warning("Font %s has no glyph for %s", font.name, missing)
        chars = {code: _chars(glyph.unicode) for glyph, code in used}
        source = font_source(Path(font.ttffile))
        data = source.cut({code: (glyph.glyph_name, chars[code]) for glyph, code in used})
        name = f"MPDFAA+{font.name}"

        composite = PDFFont(subtype="Type0", base_font=name, encoding="Identity-H")
        self._add_pdf_obj(composite, "fonts")
        widths = {code: glyph.glyph_width for glyph, code in used}
        cid_font = PDFFont(
            subtype="CIDFontType2", base_font=name, d_w=font.desc.missing_width, w=_widths(widths)
        )
        self._add_pdf_obj(cid_font, "fonts")
        composite.descendant_fonts = PDFArray([cid_font])

        # Compressed (fpdf2 writes it plain): 3 KB of a 50 KB week sheet.
        to_unicode = PDFContentStream(_to_unicode(chars).encode("latin-1"), compress=True)
        self._add_pdf_obj(to_unicode, "fonts")
        composite.to_unicode = to_unicode

        system = CIDSystemInfo()
        self._add_pdf_obj(system, "fonts")
        cid_font.c_i_d_system_info = system

        # The descriptor is the process's (the prototype's): each document writes its own copy.
        descriptor: PDFFontDescriptor = copy.copy(font.desc)
        descriptor.font_name = Name(name)
        self._add_pdf_obj(descriptor, "fonts")
        cid_font.font_descriptor = descriptor
        cid_font.c_i_d_to_g_i_d_map = Name("Identity")  # type: ignore[assignment]

        stream = PDFFontStream(contents=data)
        self._add_pdf_obj(stream, "fonts")
        descriptor.font_file2 = stream  # type: ignore[attr-defined]
        # fpdf2's caches of picked glyphs hold every document's glyph record until cleared.
        font.subset.pick.cache_clear()
        font.subset.get_glyph.cache_clear()
        return composite


def _chars(unicode: object) -> tuple[int, ...]:
    return tuple(c for c in unicode if c) if isinstance(unicode, tuple) else ()


def _widths(widths: dict[int, int]) -> str:
    """The CIDFont's W array: each run of consecutive codes, then their widths."""
    runs: list[tuple[int, list[int]]] = []
    for code in sorted(widths):
        if runs and runs[-1][0] + len(runs[-1][1]) == code:
            runs[-1][1].append(widths[code])
        else:
            runs.append((code, [widths[code]]))
    return "[" + " ".join(f"{start} [{' '.join(map(str, ws))}]" for start, ws in runs) + "]"


def _to_unicode(chars: dict[int, tuple[int, ...]]) -> str:
    """The ToUnicode CMap: which characters each code prints (copying and searching the text)."""
    entries = [
        f"<{code:04X}> <{''.join(_utf16(c) for c in cs)}>\n" for code, cs in sorted(chars.items()) if cs
    ]
    # At most 100 mappings a block (Adobe Technical Note #5014).
    blocks = "".join(
        f"{len(entries[i : i + 100])} beginbfchar\n{''.join(entries[i : i + 100])}endbfchar\n"
        for i in range(0, len(entries), 100)
    )
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo\n<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        f"{blocks}endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"
    )


def _utf16(char: int) -> str:
    if char > 0xFFFF:  # a surrogate pair
        return f"{0xD800 | (char - 0x10000) >> 10:04X}{0xDC00 | (char & 0x3FF):04X}"
    return f"{char:04X}"
