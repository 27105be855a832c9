"""The search index after the build (issue 11): plain text, one entry per exercise page plus the
sections a search opens directly, within a size bound, the same after a partial rebuild."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator import urls
from generator.search_index import (
    DEEP_LINKED,
    INDEX,
    TEASER_CHARS,
    UNINDEXED,
    clean_search_index,
    searched_words,
)

BOILERPLATE = "Imported from free-exercise-db; not reviewed for runners yet."
TAGS = ["Hamstrings", "RDL"]


# A section longer than its teaser (a search result shows the teaser, searches the rest).
LONG = " ".join(f"Swap {i}: a backpack hinge with a slow lowering." for i in range(12))


def _exercise(slug: str, n: int, substitutes: str = "") -> list[dict[str, Any]]:
    """Material's entries of an exercise page: the page, its heading section, then a section per
    heading, each with the page's tags and boost and HTML in the text."""
    page = urls.exercise_url(slug)

    def entry(anchor: str, title: str, text: str) -> dict[str, Any]:
        location = f"{page}#{anchor}" if anchor else page
        return {"location": location, "title": title, "text": text, "tags": TAGS, "boost": 3}

    return [
        entry("", f"Exercise {n}", ""),
        entry(slug, f"Exercise {n}", f"<p>A hinge number {n} for <strong>runners</strong>.</p>"),
        entry("why-runners", "Why runners do it", f"<p>{BOILERPLATE}</p>"),
        entry("steps", "Steps", f"<ol><li>Push the hips back{n}.</li><li>Stand up quickly{n}.</li></ol>"),
        entry("cues", "Cues", "<ul><li>Brace.</li></ul>"),
        entry(
            "substitutes",
            "No kit, dumbbells or gym",
            f"<p>No kit: backpack hinge{n}. {substitutes or BOILERPLATE}</p>",
        ),
        entry("programs", "Programs that use it", "<p>Base block</p>"),
        entry("related", "Related exercises", ""),
        entry("source", "Source", "<p>Adapted from free-exercise-db.</p>"),
    ]


def _site(
    tmp_path: Path, exercises: int = 4, substitutes: str = ""
) -> tuple[Path, dict[str, dict[str, str]]]:
    docs = [{"location": "", "title": "Home", "text": "<p>Welcome.</p>"}]
    for n in range(exercises):
        docs += _exercise(f"ex-{n}", n, substitutes)
    docs += [
        {"location": "programs/plan/", "title": "Plan", "text": ""},
        {"location": "programs/plan/#week-1", "title": "Week 1", "text": f"<p>{BOILERPLATE}</p>"},
        {"location": "programs/plan/#week-2", "title": "Week 2", "text": "<p>Hills.</p>"},
    ]
    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    index = {"config": {"lang": ["en"]}, "docs": docs}
    (site / INDEX).write_text(json.dumps(index), encoding="utf-8")
    fields = {urls.exercise_url(f"ex-{n}"): {"terms": "hamstring", "names": ""} for n in range(exercises)}
    return site, fields


def _docs(site: Path) -> list[dict[str, Any]]:
    return list(json.loads((site / INDEX).read_text(encoding="utf-8"))["docs"])


def test_an_exercise_page_is_one_plain_entry_plus_its_deep_linked_sections(tmp_path: Path) -> None:
    site, fields = _site(tmp_path)
    assert clean_search_index(site, fields) == 1 + 4 * 2 + 3
    docs = _docs(site)
    assert not [d for d in docs if "<" in d["title"] + d["text"]]  # no tags left
    for n in range(4):
        page = urls.exercise_url(f"ex-{n}")
        entries = [d for d in docs if d["location"].startswith(page)]
        # The page first (Material makes the first entry of a page its heading), then the
        # sections a search opens directly: #substitutes is a promised anchor.
        assert [d["location"] for d in entries] == [page, *(f"{page}#{a}" for a in DEEP_LINKED)]
        article, substitutes = entries
        assert article["title"] == f"Exercise {n}"
        assert (
            article["tags"] == TAGS and article["boost"] == 3 and article["terms"].split()[0] == "hamstring"
        )
        assert "names" not in article  # an empty field is not written
        # The words of the other sections about this exercise are on the page's entry, in the
        # page's order; those naming other pages (programs, credits) are not.
        # The result shows a teaser (whole sentences, a line or two); the rest is searched too.
        full = f"A hinge number {n} for runners. {BOILERPLATE} Push the hips back{n}. Stand up quickly{n}. Brace."
        assert len(article["text"]) <= TEASER_CHARS and full.startswith(article["text"])
        # The rest is searched as its words (no stop words, no marks): what lunr indexes of it.
        rest = full.removeprefix(article["text"])
        assert article["body"] == searched_words(rest) and "the" not in article["body"].split()
        # The kept section keeps its whole text and the page's boost, not a copy of its fields.
        kept = {k: v for k, v in substitutes.items() if k not in ("forms", "body_forms")}
        assert kept == {
            "location": f"{page}#substitutes",
            "title": "No kit, dumbbells or gym",
            "text": f"No kit: backpack hinge{n}. {BOILERPLATE}",
            "body": "",
            "boost": 3,
        }
    # Other pages keep an entry per section (program weeks are deep-linked from printed sheets).
    assert [d["location"] for d in docs if d["location"].startswith("programs/")] == [
        "programs/plan/",
        "programs/plan/#week-1",
        "programs/plan/#week-2",
    ]
    assert BOILERPLATE in next(d["text"] for d in docs if d["location"] == "programs/plan/#week-1")


def test_the_index_grows_with_the_words_of_a_page_not_with_its_sections(tmp_path: Path) -> None:
    site, fields = _site(tmp_path, exercises=40)
    before = (site / INDEX).stat().st_size
    clean_search_index(site, fields)
    after = (site / INDEX).stat().st_size
    assert after < before / 2
    for doc in _docs(site):
        page = doc["location"].split("#")[0]
        if page in fields and "#" not in doc["location"]:
            # The entry is its text plus a bounded overhead: location, title, tags, fields.
            size = len(json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
            text = (doc["text"] + doc["body"] + doc.get("body_forms", "")).encode("utf-8")
            assert size <= len(text) + 300, doc


@pytest.mark.parametrize(
    "substitutes", ["", LONG], ids=["short sections", "a section longer than its teaser"]
)
def test_cleaning_twice_changes_nothing(tmp_path: Path, substitutes: str) -> None:
    site, fields = _site(tmp_path, substitutes=substitutes)
    clean_search_index(site, fields)
    once = (site / INDEX).read_bytes()
    clean_search_index(site, fields)
    assert (site / INDEX).read_bytes() == once


@pytest.mark.parametrize(
    "substitutes", ["", LONG], ids=["short sections", "a section longer than its teaser"]
)
def test_a_partial_rebuild_gives_the_index_of_a_full_build(tmp_path: Path, substitutes: str) -> None:
    """A dirty build keeps the last build's (cleaned) entries for the pages it did not render
    and has Material's raw ones for those it did (mkdocs_plugin): cleaning the mix must give
    what cleaning everything raw gives (a kept section's teaser was split again: its text lost)."""
    site, fields = _site(tmp_path, substitutes=substitutes)
    raw = _docs(site)
    clean_search_index(site, fields)
    full = (site / INDEX).read_bytes()
    cleaned = _docs(site)
    rebuilt = {urls.exercise_url("ex-1"), "programs/plan/"}
    mixed = [d for d in raw if d["location"].split("#")[0] in rebuilt]
    mixed += [d for d in cleaned if d["location"].split("#")[0] not in rebuilt]
    order = [d["location"].split("#")[0] for d in raw]
    mixed.sort(key=lambda d: order.index(d["location"].split("#")[0]))  # pages in build order
    (site / INDEX).write_text(json.dumps({"config": {"lang": ["en"]}, "docs": mixed}), encoding="utf-8")
    clean_search_index(site, fields)
    assert (site / INDEX).read_bytes() == full


def test_the_kept_sections_are_promised_anchors() -> None:
    assert "substitutes" in DEEP_LINKED
    assert set(DEEP_LINKED) | set(UNINDEXED) <= set(urls.ANCHORS)


def test_the_searched_words_are_what_lunr_indexes() -> None:
    # Stop words are dropped by the index's pipeline and marks are words nobody types: the
    # body keeps every other word, in order, as often as it comes.
    text = "Hold the bar · 3 × 10 — slowly, then lower it; the bar again (RPE 7)."
    assert searched_words(text) == "Hold bar 3 10 slowly lower bar again RPE 7"
    assert searched_words("") == ""
