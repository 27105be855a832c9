"""The cards' PDF streams are deflated by zlib-ng (cards/streams.py): the same content, other bytes."""

from __future__ import annotations

import contextlib
import re
import zlib

import pytest
from fpdf import FPDF
from zlib_ng import zlib_ng

from generator.cards import cards_pdf, embed, streams
from generator.model import Guide, Program

from .conftest import LIVE_URL

_STREAM = re.compile(rb"/Filter /FlateDecode.*?stream\n(.*?)\nendstream", re.S)


def _deflated(pdf: bytes) -> list[bytes]:
    return _STREAM.findall(pdf)


@pytest.mark.parametrize(("size", "weeks"), [("a4-4up", None), ("a6", [2])])
def test_a_cards_pdf_holds_fpdf2s_streams_deflated_by_zlib_ng(
    guide: Guide, program: Program, monkeypatch: pytest.MonkeyPatch, size: str, weeks: list[int] | None
) -> None:
    def draw() -> bytes:
        return cards_pdf(
            guide, program, LIVE_URL, size, weeks=weeks, with_week_sheets=True, slug="foundation"
        )

    ours = draw()
    with monkeypatch.context() as m:
        m.setattr(embed, "streams", contextlib.nullcontext)
        theirs = draw()
    mine, fpdf2s = _deflated(ours), _deflated(theirs)
    assert len(mine) == len(fpdf2s) > 3  # pages, fonts, ToUnicode maps
    assert [zlib.decompress(s) for s in mine] == [zlib.decompress(s) for s in fpdf2s]
    ours_deflated = 0
    for stream in mine:
        inflated = zlib.decompress(stream)
        # A picture's data is deflated once per process before output (``pdf._image_info``).
        if stream != zlib.compress(inflated, 9):
            assert stream == zlib_ng.compress(inflated, streams.LEVEL)
            ours_deflated += 1
    assert ours_deflated > 3
    assert ours != theirs
    assert draw() == ours  # the same bytes every time


def test_other_documents_keep_fpdf2s_own_deflate() -> None:
    with streams.streams():
        pass  # installed for the process, used only inside
    pdf = FPDF()
    pdf.set_compression(True)
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Hello " * 40)
    found = _deflated(bytes(pdf.output()))
    assert found
    for stream in found:
        assert stream == zlib.compress(zlib.decompress(stream), -1)
