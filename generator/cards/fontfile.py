"""The font a PDF embeds: a TrueType cut to the glyphs the document prints, made from raw bytes.

fpdf2 cuts each embedded font with fontTools' subsetter: it parses the tables, computes the
glyph closure, prunes every table and compiles them again, for each font of each PDF (four
fonts a PDF, two fifths of a week sheet's drawing time). The cards' fonts are plain TrueType
outlines without layout tables or hinting (``subsetfont._subset``), so a subset is mostly copying:
each used glyph's bytes as they are (a composite glyph's component numbers rewritten), its
advance width, and a few small tables shared by every document. ``FontSource`` reads a font
file once per process; ``FontSource.cut`` makes one document's font in well under a
millisecond.

Glyphs are numbered by the codes the document's text uses (glyph *n* prints code *n*), so the
PDF maps codes to glyphs with ``/CIDToGIDMap /Identity`` instead of fpdf2's 128 KB map per
font; glyphs that only composites use follow the last code.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fontTools import ttLib

# Composite glyph flags (OpenType 'glyf'): which fields follow a component's glyph number.
_ARG_WORDS = 0x0001
_SCALE = 0x0008
_MORE = 0x0020
_XY_SCALE = 0x0040
_TWO_BY_TWO = 0x0080

# Tables copied as they are, when the font has them. Hinting tables ('cvt ', 'fpgm', 'prep')
# only in the full fonts (the Latin cuts have none): their glyphs' instructions refer to them.
_COPIED = ("OS/2", "cvt ", "fpgm", "gasp", "prep")
# The names a subset keeps (fontTools' default): copyright, family, style, unique id, full
# name, version, PostScript name; Windows English records only.
_NAME_IDS = range(7)


@dataclass(frozen=True)
class FontSource:
    """A TrueType font read once: every glyph's bytes and metrics, and the tables subsets share."""

    head: bytes
    hhea: bytes
    maxp: bytes
    post: bytes  # the header of a format 3 'post' (no glyph names: PDFs do not need them)
    tables: dict[str, bytes]  # copied as they are (and the pruned 'name')
    glyphs: tuple[bytes, ...]  # each glyph's 'glyf' record, by glyph id
    metrics: tuple[tuple[int, int], ...]  # advance width and left side bearing, by glyph id
    parts: tuple[tuple[tuple[int, int], ...], ...]  # a composite's (offset, glyph id) per component
    ids: Mapping[str, int]  # glyph id by glyph name

    @classmethod
    def read(cls, path: Path) -> FontSource:
        font = ttLib.TTFont(path, lazy=True)
        if "glyf" not in font:
            raise ValueError(f"{path}: not a TrueType ('glyf') font")
        raw = {tag: font.reader[tag] for tag in font.reader.tables}
        count = struct.unpack_from(">H", raw["maxp"], 4)[0]
        long_loca = struct.unpack_from(">h", raw["head"], 50)[0] == 1
        loca = (
            struct.unpack_from(f">{count + 1}I", raw["loca"])
            if long_loca
            else tuple(2 * v for v in struct.unpack_from(f">{count + 1}H", raw["loca"]))
        )
        glyf = raw["glyf"]
        glyphs = tuple(glyf[loca[i] : loca[i + 1]] for i in range(count))
        metric_count = struct.unpack_from(">H", raw["hhea"], 34)[0]
        hmtx = raw["hmtx"]
        metrics = [struct.unpack_from(">Hh", hmtx, 4 * i) for i in range(metric_count)]
        last_advance = metrics[-1][0]
        bearings = struct.unpack_from(f">{count - metric_count}h", hmtx, 4 * metric_count)
        metrics += [(last_advance, lsb) for lsb in bearings]
        names = font["name"]
        names.names = [
            n for n in names.names if n.nameID in _NAME_IDS and n.platformID == 3 and n.langID == 0x409
        ]
        tables = {tag: raw[tag] for tag in _COPIED if tag in raw}
        tables["name"] = names.compile(font)
        post = bytearray(raw["post"][:32])
        struct.pack_into(">I", post, 0, 0x00030000)
        return cls(
            head=raw["head"],
            hhea=raw["hhea"],
            maxp=raw["maxp"],
            post=bytes(post),
            tables=tables,
            glyphs=glyphs,
            metrics=tuple(metrics),
            parts=tuple(_components(g) for g in glyphs),
            ids={name: i for i, name in enumerate(font.getGlyphOrder())},
        )

    def cut(self, glyphs: Mapping[int, tuple[str, Iterable[int]]]) -> bytes:
        """A TrueType font whose glyph *code* is the source's glyph named ``glyphs[code][0]``.

        ``glyphs``: by code, the glyph's name and the characters it prints (for the font's own
        'cmap'; PDF viewers map codes through the PDF's CIDToGIDMap and ToUnicode). Code 0 is
        always the '.notdef' glyph; codes no glyph uses hold an empty glyph.
        """
        order = [-1] * (max(glyphs, default=0) + 1)  # source glyph id by new glyph id
        order[0] = 0
        for code, (name, _) in glyphs.items():
            order[code] = self.ids[name]
        new_id: dict[int, int] = {}
        for gid, source in enumerate(order):
            new_id.setdefault(source, gid)
        # Components of composites (an 'é' is an 'e' and an accent) the text does not use itself.
        i = 0
        while i < len(order):
            for _, part in self.parts[order[i]] if order[i] >= 0 else ():
                if part not in new_id:
                    new_id[part] = len(order)
                    order.append(part)
            i += 1

        glyf, offsets = bytearray(), [0]
        hmtx = bytearray()
        for source in order:
            if source >= 0:
                start = len(glyf)
                glyf += self.glyphs[source]
                for offset, part in self.parts[source]:
                    struct.pack_into(">H", glyf, start + offset, new_id[part])
                glyf += b"\0" * (-len(glyf) % 4)
                hmtx += struct.pack(">Hh", *self.metrics[source])
            else:
                hmtx += b"\0\0\0\0"
            offsets.append(len(glyf))
        short = offsets[-1] < 0x20000
        loca = (
            struct.pack(f">{len(offsets)}H", *(o // 2 for o in offsets))
            if short
            else struct.pack(f">{len(offsets)}I", *offsets)
        )
        head = bytearray(self.head)
        struct.pack_into(">I", head, 8, 0)  # checkSumAdjustment: set once the file is whole
        struct.pack_into(">h", head, 50, 0 if short else 1)
        hhea = bytearray(self.hhea)
        struct.pack_into(">H", hhea, 34, len(order))
        maxp = bytearray(self.maxp)
        struct.pack_into(">H", maxp, 4, len(order))
        chars: dict[int, int] = {}  # a character printed under two codes maps to the first
        for code, (_, cs) in sorted(glyphs.items()):
            for c in cs:
                if 0 < c <= 0xFFFF:
                    chars.setdefault(c, code)
        tables = {
            **self.tables,
            "cmap": _cmap(chars),
            "glyf": bytes(glyf),
            "head": bytes(head),
            "hhea": bytes(hhea),
            "hmtx": bytes(hmtx),
            "loca": loca,
            "maxp": bytes(maxp),
            "post": self.post,
        }
        return _sfnt(tables)


@cache
def font_source(path: Path) -> FontSource:
    """``FontSource.read`` once per process and file."""
    return FontSource.read(path)


def _components(glyph: bytes) -> tuple[tuple[int, int], ...]:
    """Where a composite glyph names its components: (byte offset, glyph id) of each."""
    if len(glyph) < 10 or struct.unpack_from(">h", glyph, 0)[0] >= 0:
        return ()
    out = []
    at = 10
    while True:
        flags, gid = struct.unpack_from(">HH", glyph, at)
        out.append((at + 2, gid))
        at += 4 + (4 if flags & _ARG_WORDS else 2)
        at += 2 if flags & _SCALE else 4 if flags & _XY_SCALE else 8 if flags & _TWO_BY_TWO else 0
        if not flags & _MORE:
            return tuple(out)


def _cmap(chars: Mapping[int, int]) -> bytes:
    """A 'cmap' with one Windows Unicode (BMP) format 4 subtable: character → glyph id.

    One segment per run of characters whose glyph ids run alongside (idDelta), then the final
    0xFFFF segment the format requires."""
    segments: list[tuple[int, int, int]] = []  # start, end, delta
    for char, gid in sorted(chars.items()):
        if segments and segments[-1][1] == char - 1 and (segments[-1][2] + char) & 0xFFFF == gid:
            segments[-1] = (segments[-1][0], char, segments[-1][2])
        else:
            segments.append((char, char, (gid - char) & 0xFFFF))
    segments.append((0xFFFF, 0xFFFF, 1))
    n = len(segments)
    search = 2 ** (n.bit_length() - 1)
    body = struct.pack(">HHHH", 2 * n, 2 * search, search.bit_length() - 1, 2 * n - 2 * search)
    body += struct.pack(f">{n}H", *(s[1] for s in segments)) + b"\0\0"
    body += struct.pack(f">{n}H", *(s[0] for s in segments))
    body += struct.pack(f">{n}H", *(s[2] for s in segments))
    body += b"\0\0" * n  # idRangeOffset: every segment maps by its delta
    subtable = struct.pack(">HHH", 4, 6 + len(body), 0) + body
    return struct.pack(">HHHHI", 0, 1, 3, 1, 12) + subtable


def _checksum(data: bytes) -> int:
    padded = data + b"\0" * (-len(data) % 4)
    return sum(struct.unpack(f">{len(padded) // 4}I", padded)) & 0xFFFFFFFF


def _sfnt(tables: Mapping[str, bytes]) -> bytes:
    """The font file: the table directory (tags sorted), then each table padded to 4 bytes,
    with the head table's whole-file checksum adjustment."""
    tags = sorted(tables)
    n = len(tags)
    search = 2 ** (n.bit_length() - 1)
    header = struct.pack(">IHHHH", 0x00010000, n, 16 * search, search.bit_length() - 1, 16 * (n - search))
    offset = len(header) + 16 * n
    directory, body = bytearray(), bytearray()
    for tag in tags:
        data = tables[tag]
        record = (tag.encode("latin-1"), _checksum(data), offset + len(body), len(data))
        directory += struct.pack(">4sIII", *record)
        body += data + b"\0" * (-len(data) % 4)
    font = bytearray(header + directory + body)
    head_at = offset + sum(len(tables[t]) + (-len(tables[t]) % 4) for t in tags[: tags.index("head")])
    struct.pack_into(">I", font, head_at + 8, (0xB1B0AFBA - _checksum(bytes(font))) & 0xFFFFFFFF)
    return bytes(font)
