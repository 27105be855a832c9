"""The cards' object dictionaries (cards/serialize.py) write the bytes fpdf2's own would (issue #19)."""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from fpdf import FPDF, syntax
from fpdf.syntax import PDFObject

from generator.cards import cards_pdf, embed, serialize
from generator.model import Guide, Program

from .conftest import LIVE_URL


@pytest.mark.parametrize(
    ("size", "weeks", "athlete", "site"),
    [
        ("a4-4up", None, None, LIVE_URL),  # week sheets, 4 cards a page, stills, QR codes, outline
        ("a6", [2], "Renée", LIVE_URL),
        ("letter-4up", [1], "Анна Ковальчук", "https://runstrong.example/"),  # full fonts, previews
    ],
)
def test_a_cards_pdf_is_the_bytes_fpdf2s_dictionaries_write(
    guide: Guide,
    program: Program,
    monkeypatch: pytest.MonkeyPatch,
    size: str,
    weeks: list[int] | None,
    athlete: str | None,
    site: str,
) -> None:
    def draw() -> bytes:
        return cards_pdf(
            guide, program, site, size, weeks=weeks, athlete=athlete, with_week_sheets=True, slug="foundation"
        )

    ours = draw()
    with monkeypatch.context() as m:
        m.setattr(embed, "output_dicts", contextlib.nullcontext)
        theirs = draw()
    assert ours == theirs


def test_a_cards_pdf_never_walks_its_objects_with_dir(
    guide: Guide, program: Program, monkeypatch: pytest.MonkeyPatch
) -> None:
    def walked(*_: object, **__: object) -> None:
        raise AssertionError("fpdf2's generic walk of an object's attributes")

    monkeypatch.setattr(syntax, "build_obj_dict", walked)  # what fpdf2's own dictionaries call
    assert cards_pdf(guide, program, LIVE_URL, "a4-4up", with_week_sheets=True, slug="foundation")


def test_other_documents_keep_fpdf2s_own_dictionaries(monkeypatch: pytest.MonkeyPatch) -> None:
    with serialize.output_dicts():
        pass  # installed for the process, used only inside
    seen: list[PDFObject] = []
    original = serialize._ORIGINAL

    def theirs(obj: PDFObject, handler: Any = None) -> dict[str, object]:
        seen.append(obj)
        return original(obj, handler)

    monkeypatch.setattr(serialize, "_ORIGINAL", theirs)
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Hello")
    pdf.output()
    assert seen


def test_an_objects_dictionary_is_fpdf2s_key_for_key() -> None:
    pdf = FPDF()
    pdf.set_title("T")
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.start_section("One")
    pdf.cell(text="Hello")
    pdf.output()  # gives every object an id
    objects = list(pdf.pages.values())
    for obj in objects:
        assert list(serialize.object_dict(obj).items()) == list(serialize._ORIGINAL(obj).items())
