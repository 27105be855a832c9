"""Text that recurs on a large share of the exercise pages is shown but kept out of the search
index (pages/search_terms.generic_texts, ``data-search-exclude``): it says nothing about one
exercise, and it was a tenth of the index of a 900-exercise import."""

from __future__ import annotations

import pytest

from generator import urls
from generator.load import load_guide
from generator.model import Exercise, Guide, Mistake, Variation
from generator.pages import render_pages
from generator.pages.search_terms import GENERIC_MIN_PAGES, generic_texts

from ..conftest import CONTENT

CUE = "Move slowly and with control."
FIX = "Stop the set when the form breaks down."
WHY = "Imported; not reviewed for runners yet."
LIGHTER = Variation(name="Lighter", how="Use less load, a shorter range or fewer reps.")


@pytest.fixture(scope="module")
def guide() -> Guide:
    return load_guide(CONTENT)


def library(guide: Guide, copies: int, sharing: int) -> Guide:
    """The guide plus ``copies`` copies of one exercise, the first ``sharing`` of them with the
    same cue, fix, why and easier version (an importer's placeholders); the rest their own."""
    base = guide.exercises["glute-bridge"]
    added: dict[str, Exercise] = {}
    for i in range(copies):
        same = i < sharing
        added[f"copy-{i}"] = base.model_copy(
            update={
                "name": f"Copy {i}",
                "setup": [f"Set-up of copy {i}."],
                "steps": [f"Step one of copy {i}.", f"Step two of copy {i}."],
                "harder": [Variation(name="Heavier", how=f"More, copy {i}.")],
                "cues": [CUE if same else f"Cue of copy {i}."],
                "mistakes": [Mistake(mistake=f"Mistake {i}.", fix=FIX if same else f"Fix {i}.")],
                "why_runners": WHY if same else f"Why copy {i}.",
                "easier": [LIGHTER if same else Variation(name="Lighter", how=f"Less, copy {i}.")],
            }
        )
    return guide.model_copy(update={"exercises": {**guide.exercises, **added}})


def test_text_on_a_quarter_of_the_pages_is_generic(guide: Guide) -> None:
    n = len(guide.exercises)
    copies = max(GENERIC_MIN_PAGES, n)  # the copies' share: over a quarter of the library
    big = library(guide, copies, sharing=copies)
    found = generic_texts(big)
    assert {CUE, FIX, WHY, f"{LIGHTER.name} — {LIGHTER.how}"} <= found
    assert not any("copy" in text.lower() for text in found)


def test_text_on_few_pages_is_searched(guide: Guide) -> None:
    assert generic_texts(guide) == frozenset()  # the guide's own exercises: none is generic
    few = library(guide, GENERIC_MIN_PAGES + 5, sharing=GENERIC_MIN_PAGES - 1)
    assert CUE not in generic_texts(few)  # 19 pages: too few, whatever the share
    many = library(guide, 8 * GENERIC_MIN_PAGES, sharing=GENERIC_MIN_PAGES + 5)
    assert CUE not in generic_texts(many)  # 25 of ~200 pages: under a quarter


def test_the_page_shows_generic_text_marked_for_search_to_skip(guide: Guide) -> None:
    copies = max(GENERIC_MIN_PAGES, len(guide.exercises))
    big = library(guide, copies, sharing=copies - 1)
    pages = {f.path: f.content.decode("utf-8") for f in render_pages(big)}
    shared = pages[urls.exercise_source("copy-0")]
    for text in (CUE, FIX, WHY):
        assert f"<span data-search-exclude>{text}</span>" in shared
    # The list is written as finished HTML (pages/htmlblocks.py): the label bold in HTML.
    assert (
        "<span data-search-exclude><strong>Lighter</strong> — Use less load, a shorter range or fewer reps.</span>"
        in shared
    )
    own = pages[urls.exercise_source(f"copy-{copies - 1}")]
    assert "data-search-exclude>Cue" not in own and f"Cue of copy {copies - 1}." in own
    assert "<span data-search-exclude>" not in pages[urls.exercise_source("glute-bridge")]
