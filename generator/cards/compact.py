"""A drawn PDF made smaller without changing a mark on it: qpdf's object and cross-reference
streams, and its streams compressed again.

fpdf2 writes every object (fonts' dictionaries, the structure tree that makes the cards
accessible, the outline) as plain text and the cross-reference table as 20 bytes an object:
a fifth of a week sheet. qpdf (through pikepdf) packs the small objects into compressed
object streams and the table into a stream, and compresses fpdf2's streams anew. The pages,
the text, the fonts, the pictures, the tags and the outline are the same objects; only how
the file stores them changes (PDF 1.5, which every viewer and printer of the last twenty years
reads). Measured on the 100 PDFs of two programs: 6.72 → 5.37 MB, ~15 ms a PDF.

Deterministic: the same PDF in gives the same bytes out (``deterministic_id``: the file's /ID
is a hash of its content, not of the time).
"""

from __future__ import annotations

import io

import pikepdf


def compact(pdf: bytes) -> bytes:
    """``pdf`` stored in object streams, its streams recompressed."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        out = io.BytesIO()
        document.save(
            out,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            recompress_flate=True,
            deterministic_id=True,
        )
    return out.getvalue()
