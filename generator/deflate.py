"""zlib-ng's deflate (zlib's format) for the strips, link-preview cards and muscle maps (their
PNGs) and for the cards' PDF page and font streams (``cards/streams.py``). The site's icons and
the PDFs' printed stills are still Pillow's PNGs (small, drawn once a process), and a still's
data in a PDF stays zlib's (``cards/pdf._image_info``, once a process per picture).

A cold build of a 900-exercise library spent ~2.9 s of its ~27 s of CPU in zlib (perf over
the whole build: `libz` was 12 % of every sample, nearly all of it in the drawing workers):
the strips, the muscle maps, the link-preview cards. zlib-ng (the ``zlib-ng`` package, a
maintained fork with SIMD match finding; the streams are plain zlib streams that any PNG
reader inflates) writes smaller files at its level 9 than zlib at 8, in less time for most
kinds: measured on 30 of each kind of the import's PNGs (filter-0 palette rows, CPU a file),
zlib 8 → zlib-ng 9: strips 6.6 → 7.5 ms and 8.4 → 8.0 KB, full muscle maps 9.6 → 6.6 ms and
12.8 → 12.5 KB, muscle link previews 13.4 → 10.5 ms and 17.4 → 17.0 KB. zlib-ng 6 was 5-6 times
faster than zlib 8 but ~8 % larger.

The bytes are zlib-ng's, not zlib's: the same input gives the same bytes with the same zlib-ng
(the package pins the library it ships), so builds stay byte-identical from one to the next.
"""

from __future__ import annotations

import struct

from zlib_ng import zlib_ng

RAW = -15  # wbits of a raw deflate stream (no zlib header or checksum): the caller frames it
SYNC_FLUSH = zlib_ng.Z_SYNC_FLUSH
FINISH = zlib_ng.Z_FINISH
_PNG = b"\x89PNG\r\n\x1a\n"


def compress(data: bytes, level: int) -> bytes:
    """``data`` as one zlib stream (header, deflate, Adler-32)."""
    return zlib_ng.compress(data, level)


def compressobj(level: int, wbits: int = RAW, zdict: bytes | None = None) -> zlib_ng._Compress:
    """A compressor of a raw deflate stream (by default), primed with ``zdict`` if given."""
    if zdict:
        return zlib_ng.compressobj(level, zlib_ng.DEFLATED, wbits, zdict=zdict)
    return zlib_ng.compressobj(level, zlib_ng.DEFLATED, wbits)


def adler32(data: bytes) -> int:
    return zlib_ng.adler32(data)


def crc32(data: bytes) -> int:
    return zlib_ng.crc32(data)


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc32(kind + data))


def recompress_png(png: bytes, level: int) -> bytes:
    """``png`` with its image data deflated again at ``level`` here, as one IDAT chunk; every
    other chunk kept as it is, in its place. Pillow writes a PNG with the system's zlib: asked
    for level 0 (stored, a copy) it leaves the deflating to this, and everything else it decides
    (bit depth, palette, transparency, filters) stays its own."""
    if not png.startswith(_PNG):
        raise ValueError("not a PNG")
    chunks: list[tuple[bytes, bytes]] = []
    pos = len(_PNG)
    while pos + 8 <= len(png):
        (size,) = struct.unpack(">I", png[pos : pos + 4])
        chunks.append((png[pos + 4 : pos + 8], png[pos + 8 : pos + 8 + size]))
        pos += 12 + size
    stream = b"".join(data for kind, data in chunks if kind == b"IDAT")
    if not stream:
        raise ValueError("a PNG without image data")
    raw = zlib_ng.decompress(stream)
    out = [_PNG]
    written = False
    for kind, data in chunks:
        if kind != b"IDAT":
            out.append(png_chunk(kind, data))
        elif not written:  # the first IDAT's place holds the whole stream
            out.append(png_chunk(b"IDAT", compress(raw, level)))
            written = True
    return b"".join(out)
