"""A site whose address is still the placeholder prints preview PDFs, not dead QR codes (#10)."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from generator import urls
from generator.cards import cards_pdf, render_cards

from ..conftest import real_guide
from .test_cards import qr_codes

GUIDE = real_guide()
PROGRAM = GUIDE.programs["foundation"]


def _text(pdf: bytes) -> str:
    doc = pdfium.PdfDocument(pdf)
    return " ".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))


@pytest.mark.parametrize(
    ("site_url", "placeholder"),
    [
        ("https://runstrong.example/", True),
        ("http://localhost:8000/", True),
        ("https://www.example.com/guide/", True),
        ("https://coach.github.io/runstrong/", False),
        ("https://runstrong.app/", False),
    ],
)
def test_placeholder_addresses_are_recognised(site_url: str, placeholder: bool) -> None:
    assert urls.is_placeholder(site_url) is placeholder


def test_preview_cards_say_so_where_the_qr_codes_go() -> None:
    pdf = cards_pdf(GUIDE, PROGRAM, "https://runstrong.example/", "a6", weeks=[1], preview=True)
    assert qr_codes(pdf) == [[] for _ in qr_codes(pdf)]
    assert "PREVIEW" in _text(pdf) and "site not published" in _text(pdf)
    published = cards_pdf(GUIDE, PROGRAM, "https://coach.github.io/runstrong/", "a6", weeks=[1])
    assert all(codes for codes in qr_codes(published))
    assert "PREVIEW" not in _text(published)


def test_the_site_pdfs_are_previews_only_while_the_address_is_a_placeholder(render_cache: Path) -> None:
    week_sheet = urls.week_pdf_path("foundation", 1, "a4")
    # One short program is enough to see the flag reach every PDF of the site. Through the run's
    # render cache (its key holds the address, so a cached preview cannot answer for a published
    # address): drawn once per version of the code, not on every run.
    one = GUIDE.model_copy(update={"programs": {"foundation": PROGRAM}})
    cached = {"cache_dir": render_cache}
    placeholder = {f.path: f.read() for f in render_cards(one, "https://runstrong.example/", **cached)}
    real = {f.path: f.read() for f in render_cards(one, "https://coach.github.io/runstrong/", **cached)}
    assert "PREVIEW" in _text(placeholder[week_sheet])
    assert qr_codes(placeholder[week_sheet])[0] == []
    assert qr_codes(real[week_sheet])[0] == ["https://coach.github.io/runstrong/programs/foundation/#week-1"]
