"""The cards' PDF streams deflated by zlib-ng (``generator/deflate.py``), not by fpdf2's zlib.

fpdf2 deflates each page's content stream and each embedded font in ``PDFContentStream``'s
constructor, with Python's zlib at its default level: a tenth of a PDF's drawing time. The
cards' documents (``streams``, around ``CardOutput``'s output) deflate the same bytes at the
same level with zlib-ng: measured on the import's 200 PDFs, drawn five times each way in one
process after a first pass (CPU, median): 2.96 → 2.74 s, 60.4 → 60.6 KB a PDF. Every other
fpdf2 document in the process deflates as fpdf2 does.
"""

from __future__ import annotations

import contextlib
from contextvars import ContextVar

from fpdf.syntax import Name, PDFContentStream

from .. import deflate
from .scoped import scoped

LEVEL = 6  # zlib's default, which fpdf2 asks for (-1)
_OURS: ContextVar[bool] = ContextVar("runstrong_card_streams", default=False)
_ORIGINAL = PDFContentStream.__init__


def _init(self: PDFContentStream, contents: bytes | bytearray, compress: bool = False) -> None:
    if not (compress and _OURS.get()):
        _ORIGINAL(self, contents, compress=compress)
        return
    _ORIGINAL(self, contents, compress=False)  # every attribute as fpdf2 sets it, then deflated
    self._contents = deflate.compress(bytes(contents), LEVEL)
    self.filter = Name("FlateDecode")
    self.length = len(self._contents)


def streams() -> contextlib.AbstractContextManager[None]:
    """Within: PDF streams made in this thread (and context) are deflated by zlib-ng."""
    return scoped(PDFContentStream, "__init__", _init, _OURS)
