"""A partial build's search index (``search_index.Partial``, ``clean_index``): the engine wrote the
entries of the pages it rendered, the others come from the last build's finished index, and the
index is the one a full build writes, whatever the edit did to the pages' headings and fields."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from generator import search_index
from generator.search_index import Partial, clean_index

CONFIG = {"lang": ["en"], "separator": r"[\s\-]+", "pipeline": ["stopWordFilter"]}
TOPICS = {"guide/hurts/": ["pain"], "guide/hurts/#knee": ["runner's knee", "knee pain"], "guide/hurts/#shin": ["shin splints", "sprain"]}  # fmt: skip
PAGES = ["", "exercises/calf-raise/", "exercises/lunge/", "guide/hurts/"]


def _exercise(slug: str, title: str, tags: list[str], text: str) -> list[dict[str, Any]]:
    """An exercise page as Material indexes it: the article, then a section per heading."""
    page = f"exercises/{slug}/"
    return [
        {"location": page, "title": title, "text": f"<p>{text}</p>", "tags": tags, "boost": 2},
        {"location": f"{page}#set-up", "title": "Set-up", "text": "<p>Stand <strong>tall</strong>.</p>"},
        {"location": f"{page}#substitutes", "title": "No kit", "text": "<ul><li>A backpack</li></ul>"},
        {"location": f"{page}#related", "title": "Related", "text": "<p>Other lunges and hops</p>"},
    ]


def raw() -> dict[str, list[dict[str, Any]]]:
    return {
        "": [{"location": "", "title": "Home", "text": "<p>Strength for runners.</p>"}],
        "exercises/calf-raise/": _exercise("calf-raise", "Calf raise", ["Calves"], "Rise on the toes. " * 12),
        "exercises/lunge/": _exercise(
            "lunge", "Reverse lunge", ["Quadriceps"], "Step back into lunges; mind a sprain. " * 12
        ),
        "guide/hurts/": [
            {"location": "guide/hurts/", "title": "Where it hurts", "text": "<p>Pain and what to do.</p>"},
            {
                "location": "guide/hurts/#knee",
                "title": "Knee",
                "text": "<p>Squats, done slowly, load the knee.</p>",
            },
            {
                "location": "guide/hurts/#shin",
                "title": "Shin",
                "text": "<p>Calf raises and hopping last.</p>",
            },
        ],
    }


def fields() -> dict[str, dict[str, Any]]:
    return {
        "exercises/calf-raise/": {"names": ["CR"], "terms": ["calf", "heel raise"], "titles": ["Calf raise"]},
        "exercises/lunge/": {"names": [], "terms": ["lunge"], "titles": ["Reverse lunge"], "helps": ["knee"]},
    }


def _index(pages: dict[str, list[dict[str, Any]]], only: set[str] | None = None) -> dict[str, Any]:
    docs = [copy.deepcopy(e) for url in PAGES for e in pages.get(url, []) if only is None or url in only]
    return {"config": dict(CONFIG), "docs": docs}


def _edit(pages: dict[str, list[dict[str, Any]]], exercises: dict[str, dict[str, Any]], how: str) -> set[str]:
    """Edit the pages (and fields) as ``how`` says; returns the pages the build renders again."""
    calf = pages["exercises/calf-raise/"]
    match how:
        case "text":
            calf[0]["text"] = "<p>Push through the big toes while skipping.</p>" * 5
        case "heading added":
            calf.insert(
                2, {"location": "exercises/calf-raise/#cues", "title": "Cues", "text": "<p>Slow down.</p>"}
            )
        case "heading removed":
            del calf[2]  # the substitutes section
        case "heading renamed":
            calf[1] = {**calf[1], "location": "exercises/calf-raise/#setting-up", "title": "Setting up"}
        case "title":  # a word the whole index is named by: every entry's forms may change
            calf[0]["title"] = "Calf raise on a step"
            exercises["exercises/calf-raise/"]["titles"] = ["Calf raise on a step"]
        case "alias of a kept page":  # the lunge page is kept, but its fields changed
            exercises["exercises/lunge/"]["names"] = ["RL"]
            return set()
        case "guide heading":
            pages["guide/hurts/"][1]["title"] = "Knees"
            return {"guide/hurts/"}
    return {"exercises/calf-raise/"}


HOWS = ["text", "heading added", "heading removed", "heading renamed", "title", "alias of a kept page", "guide heading"]  # fmt: skip


@pytest.mark.parametrize("finished", [False, True], ids=["others plained again", "others known plain"])
@pytest.mark.parametrize("memo", ["cold", "warm"])
@pytest.mark.parametrize("how", HOWS)
def test_a_partial_index_is_the_full_index(how: str, memo: str, finished: bool) -> None:
    """``finished``: the kept pages' entries are said to come from a finished index (as the
    plugin says of the last build's), and are not made plain again: the same index."""
    before, exercises = raw(), fields()
    search_index._FORMS.clear()
    last = clean_index(_index(before), exercises, TOPICS)["docs"]  # the last build's finished index
    kept: dict[str, list[dict[str, Any]]] = {}
    for entry in last:
        kept.setdefault(str(entry["location"]).split("#")[0], []).append(entry)

    after = raw()
    rendered = _edit(after, exercises, how)
    if memo == "cold":
        search_index._FORMS.clear()
    others = {url: kept[url] for url in PAGES if url not in rendered}
    partial = Partial(PAGES, rendered, others, others.keys() if finished else ())
    made = clean_index(_index(after, only=rendered), exercises, TOPICS, partial)
    search_index._FORMS.clear()
    full = clean_index(_index(after), copy.deepcopy(exercises), TOPICS)
    assert made == full
    assert [e["location"] for e in made["docs"]] == [e["location"] for e in full["docs"]]


def test_a_page_rendered_without_entries_has_none() -> None:
    """A page the engine wrote with no entry (search: exclude) does not get its old ones back."""
    before, exercises = raw(), fields()
    last = clean_index(_index(before), exercises, TOPICS)["docs"]
    others = {"": [e for e in last if e["location"] == ""]}
    partial = Partial(["", "guide/hurts/"], {"guide/hurts/"}, others)
    made = clean_index({"config": dict(CONFIG), "docs": []}, exercises, TOPICS, partial)
    assert [e["location"] for e in made["docs"]] == [""]
