"""Printed cards and week sheets, read back as a runner's phone and a PDF viewer read them:
text extraction, QR codes decoded from rendered pages, page sizes, file sizes, metadata."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest
import zxingcpp

from generator import text, urls
from generator.build import BuildReport
from generator.cards import LAYOUTS, cards_pdf, render_cards
from generator.cards.jobs import PACKS
from generator.cards.session import Session, sessions_of
from generator.load import load_guide, load_plan
from generator.model import Guide, Program
from generator.pipeline import Settings, generate

from ..conftest import real_guide
from .conftest import LIVE_URL

SITE_URL = "https://runstrong.example/"  # site_url of mkdocs.yml, which the built site uses
PT_PER_MM = 72 / 25.4


@pytest.fixture(scope="module")
def a6_cards(guide: Guide, program: Program) -> bytes:
    return cards_pdf(guide, program, SITE_URL, "a6")


def page_texts(pdf: bytes) -> list[str]:
    doc = pdfium.PdfDocument(pdf)
    return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]


def flat(value: str) -> str:
    """Text as read, whatever the line breaks: a wrapped dose drops its ' · ' at the break, and a
    word broken after its hyphen ('Cross-' / 'training', which pdfium reads as U+FFFE) joins up."""
    value = value.replace("\ufffe", "-").replace("·", " ")
    return re.sub(r"(\w)- (\w)", r"\1-\2", " ".join(value.split()))


def qr_codes(pdf: bytes, dpi: int = 200) -> list[list[str]]:
    """The QR codes of each page, decoded from the page rendered as a picture."""
    doc = pdfium.PdfDocument(pdf)
    return [
        sorted(r.text for r in zxingcpp.read_barcodes(doc[i].render(scale=dpi / 72).to_pil()))
        for i in range(len(doc))
    ]


def cards_by_session(pages: list[str], sessions: list[Session]) -> list[list[int]]:
    """The card pages of each session, in order: its first card and any '(continued)' ones."""
    groups: list[list[int]] = []
    i = 0
    for session in sessions:
        title = flat(session.title)
        group = []
        while i < len(pages) and title in flat(pages[i]) and (not group or "(continued)" in pages[i]):
            group.append(i)
            i += 1
        assert group, f"no card for {session.title}"
        groups.append(group)
    assert i == len(pages)  # no card left over
    return groups


def test_every_card_prints_each_exercise_name_and_dose(
    guide: Guide, program: Program, a6_cards: bytes
) -> None:
    pages = page_texts(a6_cards)
    sessions = sessions_of(program)
    groups = cards_by_session(pages, sessions)
    # Foundation's sessions hold 4–6 exercises: one card, or a card and its continuation.
    assert all(1 <= len(g) <= 2 for g in groups)
    for group, session in zip(groups, sessions, strict=True):
        text_of = " ".join(flat(pages[i]) for i in group)
        for p in session.strength.exercises:
            ex = guide.exercises[p.exercise]
            assert flat(ex.name) in text_of
            assert flat(text.dose_line(p)) in text_of
            assert flat(f"“{ex.cues[0]}”") in text_of


def test_qr_codes_are_the_short_links_of_the_exercises_on_the_card(
    guide: Guide, program: Program, a6_cards: bytes
) -> None:
    decoded = qr_codes(a6_cards)
    pages = page_texts(a6_cards)
    sessions = sessions_of(program)
    for group, session in zip(cards_by_session(pages, sessions), sessions, strict=True):
        expected = sorted(
            urls.absolute(SITE_URL, urls.short_url(guide.short_code(p.exercise)))
            for p in session.strength.exercises
        )
        assert sorted(code for i in group for code in decoded[i]) == expected
        # …and the short URL is printed under each code, for typing.
        printed_text = re.sub(r"\s", "", " ".join(pages[i] for i in group)).replace("/", "")
        for p in session.strength.exercises:
            printed = urls.display_url(urls.absolute(SITE_URL, urls.short_url(guide.short_code(p.exercise))))
            assert printed.replace("/", "") in printed_text


def test_qr_codes_of_the_published_pdfs_open_pages_of_the_built_site(
    guide: Guide, program: Program, built_site: tuple[Path, BuildReport]
) -> None:
    """The foundation's A4 pack as the build prints it once the site has a real address.

    The test site keeps mkdocs.yml's placeholder address, so its own PDFs are previews without
    QR codes (tests/cards/test_preview.py); the codes of a published pack must open pages of
    that same site, whose paths do not depend on the address.
    """
    site, _ = built_site
    pack = PACKS["a4"]
    pdf = cards_pdf(
        guide, program, LIVE_URL, pack.layout, with_week_sheets=pack.week_sheets, slug="foundation"
    )
    found = {code for page in qr_codes(pdf, dpi=150) for code in page}
    assert any("/x/" in c for c in found) and any("#week-" in c for c in found)
    for url in found:
        parts = urlsplit(url)
        assert url.startswith(LIVE_URL)
        page = site / parts.path.lstrip("/") / "index.html"
        assert page.is_file(), f"{url} opens nothing in the built site"
        if parts.fragment:
            assert f'id="{parts.fragment}"' in page.read_text(encoding="utf-8")
        if "/x/" in parts.path:
            assert 'http-equiv="refresh"' in page.read_text(encoding="utf-8")


def test_every_program_page_links_its_pdfs_and_they_open(built_site: tuple[Path, BuildReport]) -> None:
    site, report = built_site
    html = (site / "programs" / "foundation" / "index.html").read_text(encoding="utf-8")
    guide = real_guide()
    paths = [urls.program_pdf_path("foundation", s) for s in urls.PROGRAM_PDF_SIZES]
    paths += [
        urls.week_pdf_path("foundation", w, s)
        for w in range(1, len(guide.programs["foundation"].weeks) + 1)
        for s in urls.WEEK_PDF_SIZES
    ]
    for path in paths:
        assert f'href="../../{path}"' in html, path
        pdf = pdfium.PdfDocument((site / path).read_bytes())
        assert len(pdf) >= 1
    # Every program gets the same set: its packs plus a sheet per week and size.
    assert report.pdfs == sum(
        len(urls.PROGRAM_PDF_SIZES) + len(p.weeks) * len(urls.WEEK_PDF_SIZES) for p in guide.programs.values()
    )
    assert re.search(r"Print pack, A4 \(PDF, \d+ KB\)", html)


@pytest.mark.parametrize(
    ("size", "points"),
    [
        ("a6", (297.64, 419.53)),
        ("a5", (419.53, 595.28)),
        ("a4", (595.28, 841.89)),
        ("letter", (612.0, 792.0)),
        ("4x6", (288.0, 432.0)),
        ("a4-4up", (595.28, 841.89)),
        ("letter-4up", (612.0, 792.0)),
    ],
)
def test_page_sizes(guide: Guide, program: Program, size: str, points: tuple[float, float]) -> None:
    doc = pdfium.PdfDocument(cards_pdf(guide, program, SITE_URL, size, weeks=[1]))
    for i in range(len(doc)):
        assert doc[i].get_size() == pytest.approx(points, abs=0.01)


@pytest.mark.parametrize(
    ("size", "landscape"), [("a4-4up", (841.89, 595.28)), ("letter-4up", (792.0, 612.0))]
)
def test_week_sheets_are_landscape_and_show_the_week(
    guide: Guide, program: Program, size: str, landscape: tuple[float, float]
) -> None:
    pdf = cards_pdf(guide, program, SITE_URL, size, weeks=[2], with_week_sheets=True, slug="foundation")
    doc = pdfium.PdfDocument(pdf)
    assert doc[0].get_size() == pytest.approx(landscape, abs=0.01)
    sheet = flat(doc[0].get_textpage().get_text_range())
    week = program.weeks[1]
    assert "Week 2 of 4" in sheet
    assert flat(f"Focus: {week.focus}") in sheet  # an en dash: "8–10"
    for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"):
        assert day in sheet
    for day in week.days:
        assert flat(text.run_line(day.run)) in sheet
        for p in day.strength.exercises if day.strength else []:
            assert flat(text.dose_line(p)) in sheet
    assert qr_codes(pdf)[0] == [SITE_URL + "programs/foundation/#week-2"]
    # Four cards to a sheet: the two sessions of week 2 share the second page.
    assert len(doc) == 2


def test_two_renders_are_byte_identical(guide: Guide, program: Program) -> None:
    """Also with other documents drawn in between, as a site build draws many."""
    first = cards_pdf(guide, program, SITE_URL, "a4-4up", with_week_sheets=True, slug="foundation")
    cards_pdf(guide, program, SITE_URL, "a5", weeks=[3], athlete="Someone else")
    second = cards_pdf(guide, program, SITE_URL, "a4-4up", with_week_sheets=True, slug="foundation")
    assert first == second
    assert b"/CreationDate (D:20250101000000Z)" in first


def test_pdfs_are_small_with_embedded_unicode_fonts_and_metadata(guide: Guide, program: Program) -> None:
    pdf = cards_pdf(guide, program, SITE_URL, "a6", weeks=[1], athlete="Renée")
    doc = pdfium.PdfDocument(pdf)
    assert len(pdf) / len(doc) < 200 * 1024
    assert len(pdf) < 200 * 1024  # a week of cards: two sessions, a card and its continuation each
    assert pdf.count(b"/FontFile2") >= 2  # embedded TrueType subsets, no base-14 fonts
    assert b"/Helvetica" not in pdf
    pages = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    for character in ("×", "°", "é", "“"):
        assert character in pages
    meta = doc.get_metadata_dict()
    assert meta["Title"] == "Foundation strength for runners: week 1, Renée"
    assert meta["Author"] == "RunStrong"
    assert "Session cards" in meta["Subject"]
    assert b"/Lang (en)" in pdf


def test_an_athlete_named_outside_latin_still_prints(guide: Guide, program: Program) -> None:
    pdf = cards_pdf(guide, program, SITE_URL, "a6", weeks=[1], athlete="Анна Ковальчук")
    assert "Анна Ковальчук" in page_texts(pdf)[0]


def test_figures_are_printed_at_300_dpi_and_described(a6_cards: bytes) -> None:
    doc = pdfium.PdfDocument(a6_cards)
    images = list(doc[0].get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_IMAGE]))
    assert len(images) == 3  # one still per exercise
    for image in images:
        assert image.get_metadata().horizontal_dpi >= 300
    assert a6_cards.count(b"/Alt (") >= 3  # alternative text for screen readers


Write = Callable[[str, str], Path]

LONG_SESSION = textwrap.dedent(
    """\
    name: Long plan
    summary: One long session.
    goal: Test pagination.
    level: beginner
    weeks:
      - focus: Many exercises
        days:
          - day: tue
            run: {type: easy, minutes: 30}
            strength:
              name: Everything
              exercises:
    """
)


def test_long_sessions_continue_on_the_next_card_and_never_overflow(
    content: Path, write: Write, tmp_path: Path
) -> None:
    """Eight exercises with long notes: more cards, every mark inside the card; no figure, no picture."""
    note = "Slow on the way down, " * 8
    items = "".join(
        f"            - {{exercise: test-hinge, sets: {n}, reps: 10, rest_seconds: 60, rpe: 7, note: '{note.strip()}'}}\n"
        for n in range(3, 11)
    )
    plan = write("plan.yaml", LONG_SESSION + items)
    guide = load_guide(content)
    program = load_plan(plan, guide)
    for size in ("a6", "4x6", "a4-4up"):
        doc = pdfium.PdfDocument(cards_pdf(guide, program, SITE_URL, size))
        texts = [flat(doc[i].get_textpage().get_text_range()) for i in range(len(doc))]
        joined = " ".join(texts)
        assert joined.count("Test hinge") == 8
        if size != "a4-4up":
            assert len(doc) >= 3
            assert "page 1/" in texts[0] and "Continued on the next card" in texts[0]
            assert "(continued)" in texts[1]
        for i in range(len(doc)):
            page = doc[i]
            width, height = page.get_size()
            assert not list(page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_IMAGE]))
            card_w, card_h = (LAYOUTS[size].card.width * PT_PER_MM, LAYOUTS[size].card.height * PT_PER_MM)
            for obj in page.get_objects():
                left, bottom, right, top = obj.get_bounds()
                assert left >= -0.5 and right <= width + 0.5 and bottom >= -0.5 and top <= height + 0.5
                if size != "a4-4up":  # one card a page: nothing in the card's 5 mm edge
                    edge = 5 * PT_PER_MM
                    assert edge <= left and right <= card_w - edge, (size, i, obj.get_bounds())
                    assert edge <= bottom and top <= card_h - edge, (size, i, obj.get_bounds())


def test_generate_adds_the_pdfs_as_site_assets(
    guide: Guide, built_site: tuple[Path, BuildReport], render_cache: Path
) -> None:
    # The session's build drew every picture and PDF into render_cache: none is drawn again here.
    files = {f.path: f.read() for f in generate(guide, Settings(SITE_URL))}  # PDFs from the cache are linked
    pdfs = {f.path for f in render_cards(guide, SITE_URL, cache_dir=render_cache)}
    assert urls.program_pdf_path("foundation", "a4") in pdfs
    assert urls.week_pdf_path("foundation", 4, "letter") in pdfs
    assert pdfs <= set(files)
    assert all(path.startswith(urls.asset_path("pdf") + "/") for path in pdfs)
    assert all(files[p].startswith(b"%PDF-") for p in pdfs)
