"""The search ranking's memo (``search_index._FORMS``, seeded from the last build's index by
``remember_ranked``) gives the index a ranking with no memo gives, whatever changed since."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from generator import search_index
from generator.search_index import rank_entries, remember_ranked

TOPICS = {"guide/hurts/#knee": ["runner's knee", "knee pain"], "guide/hurts/#shin": ["shin splints"]}
DOCS: list[dict[str, Any]] = [
    {
        "location": "exercises/calf-raise/",
        "title": "Calf raise",
        "tags": ["Calves"],
        "text": "Rise on the toes. Lower slowly down the stairs. " * 6,
    },
    {
        "location": "exercises/lunge/",
        "title": "Reverse lunge",
        "tags": ["Quadriceps"],
        "text": "Step back into lunges with a tall chest. " * 6,
    },
    {
        "location": "guide/hurts/#knee",
        "title": "Knee",
        "text": "Squats and lunges, done slowly, load the knee kindly.",
    },
    {"location": "guide/hurts/#shin", "title": "Shin", "text": "Calf raises and hopping come back last."},
]


def _cold(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    search_index._FORMS.clear()
    return rank_entries(copy.deepcopy(docs), TOPICS)


def _next_input(finished: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What a one-edit build ranks: the kept pages' finished entries, and fresh entries for the
    pages it renders again (hand-written pages, with their topics, always are)."""
    fresh = {d["location"]: d for d in DOCS}
    return [copy.deepcopy(fresh[d["location"]] if d["location"] in TOPICS else d) for d in finished]


def _edited(docs: list[dict[str, Any]], how: str) -> list[dict[str, Any]]:
    out = copy.deepcopy(docs)
    if how == "text":  # a page's text: new words, the names the index knows unchanged
        out[0] = {**DOCS[0], "text": "Push through the big toes while skipping. " * 6}
    elif how == "title":  # a title: a word the whole index is named by, so every entry's forms may change
        out[1] = {**DOCS[1], "title": "Reverse lunge to step-up"}
    elif how == "page added":
        out.append(
            {
                "location": "exercises/skip/",
                "title": "A-skip",
                "tags": ["Hip flexors"],
                "text": "Skipping drills.",
            }
        )
    return out


@pytest.mark.parametrize("how", ["text", "title", "page added"])
def test_a_memo_seeded_from_the_last_index_ranks_an_edited_index_as_no_memo_does(how: str) -> None:
    finished = _cold(DOCS)  # the last build's index
    named = search_index._RANKED["last"]
    expected = _cold(_edited(_next_input(finished), how))
    search_index._FORMS.clear()
    remember_ranked(copy.deepcopy(finished), named)
    assert rank_entries(_edited(_next_input(finished), how), TOPICS) == expected
    assert expected != finished


def test_a_seeded_memo_ranks_the_kept_pages_without_ranking_them_again() -> None:
    finished = _cold(DOCS)
    search_index._FORMS.clear()
    remember_ranked(copy.deepcopy(finished), search_index._RANKED["last"])
    seeded = len(search_index._FORMS)
    assert seeded == len(DOCS)
    assert rank_entries(_next_input(finished), TOPICS) == finished
    assert len(search_index._FORMS) == seeded  # every entry answered by the memo
    # Another build's words (a stale key) seed nothing that a ranking would read.
    search_index._FORMS.clear()
    remember_ranked(copy.deepcopy(finished), "another")
    assert rank_entries(_next_input(finished), TOPICS) == finished
    assert len(search_index._FORMS) == 2 * seeded
