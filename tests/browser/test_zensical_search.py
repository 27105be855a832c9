"""Search on the site Zensical publishes (issue 21): the MkDocs build's search assertions.

Zensical's search is its own (``search.json``, a worker with three fixed fields and no boosts).
The post-step writes the same entries and ranking fields into ``search.json`` as into MkDocs'
index (generator/search_index.py), and RunStrong's search worker lays them out for Zensical's
ranking (theme/assets/javascripts/workers/rs-search.js). These tests hold the Zensical site to
tests/browser/test_search.py's and test_find.py's checks, the same functions, and compare the
first result of both sites for queries of their own.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.search_index import INDEX, ZENSICAL_INDEX

from .chromium import first_visit, serve_folder
from .searching import returning_visitor, settled
from .test_find import PHONE, exercise_failures, helping_failures, page_failures, section_failures
from .test_search import _results, search_failures

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def zensical_url(zensical_project: Path) -> Iterator[str]:
    with serve_folder(zensical_project / "site") as url:
        yield url


def _page_titles(index: Path, key: str) -> dict[str, str]:
    """URL path → title of each page (an index entry without an anchor)."""
    entries = json.loads(index.read_text(encoding="utf-8"))[key]
    return {e["location"]: e["title"] for e in entries if "#" not in e["location"]}


@pytest.fixture(scope="module")
def zensical_titles(zensical_project: Path) -> dict[str, str]:
    return _page_titles(zensical_project / "site" / ZENSICAL_INDEX, "items")


def _zensical_links(page: Any, term: str) -> list[tuple[str, str]]:
    """(URL path, anchor) of each result Zensical's search lists for ``term``, best first.

    Zensical's search is a dialog in a shadow root (Playwright's locators reach into it):
    a combobox, a status line ("12 results") and a listbox of links.
    """
    box = page.locator("input[role=combobox]").first
    if not box.is_visible():  # the header's search button; on a phone, its icon
        button = page.locator(".md-search__button").first
        if not button.is_visible():
            button = page.locator('label.md-header__button[for="__search"]').first
        button.click()
    # Empty the box and wait for the empty state (no count, no list), so that the count read next
    # is this query's, not the last one's (Zensical keeps the last list until it answers).
    box.fill("")
    page.locator("[role=status]").filter(has_text=re.compile(r"results?$")).first.wait_for(
        state="detached", timeout=15_000
    )
    box.fill(term)
    page.locator("[role=status]").filter(has_text=re.compile(r"\d+ results?")).first.wait_for(timeout=30_000)
    options = page.locator("[role=listbox] [role=option]")
    links: list[str] = settled(page, lambda: options.evaluate_all("els => els.map(e => e.href)"))
    out = []
    for link in links:
        parts = urllib.parse.urlsplit(link)
        out.append((parts.path.lstrip("/"), parts.fragment))
    return out


def _zensical_results(page: Any, term: str) -> list[str]:
    """The URL paths of the pages Zensical's search lists for ``term``, best first, each once."""
    return list(dict.fromkeys(path for path, _ in _zensical_links(page, term)))


class _Zensical:
    """The Zensical site's results in the shapes test_search.py's and test_find.py's checks read."""

    def __init__(self, page: Any, titles: dict[str, str]) -> None:
        self.page, self.titles, self.last = page, titles, ""

    def results(self, term: str) -> list[str]:
        self.last = term
        return [self.titles.get(path, path) for path in _zensical_results(self.page, term)]

    def first(self, term: str) -> list[tuple[str, str]]:
        """The first result as MkDocs groups it: its page, then the section it opens."""
        self.last = term
        links = _zensical_links(self.page, term)
        if not links:
            return []
        path, anchor = links[0]
        return [(self.titles.get(path, path), ""), *([("", anchor)] if anchor else [])]

    def shown(self) -> list[str]:
        return self.results(self.last)


@pytest.fixture(scope="module")
def zensical_page(browser: Any, zensical_url: str) -> Iterator[Any]:
    context = first_visit(browser, viewport=PHONE)
    page = context.new_page()
    page.goto(zensical_url)
    yield page
    context.close()


def test_zensical_search_passes_the_mkdocs_builds_search_assertions(
    zensical_page: Any, zensical_titles: dict[str, str]
) -> None:
    """tests/browser/test_search.py's queries, through Zensical's own search on its site."""
    assert search_failures(_Zensical(zensical_page, zensical_titles).results) == {}


def test_zensical_search_passes_the_mkdocs_builds_find_assertions(
    zensical_page: Any, zensical_titles: dict[str, str]
) -> None:
    """tests/browser/test_find.py's: symptoms open their section, pages, exercises that fit."""
    site = _Zensical(zensical_page, zensical_titles)
    wrong = {
        **section_failures(site.first),
        **page_failures(site.first),
        **exercise_failures(site.first, site.shown),
    }
    assert wrong == {}
    assert helping_failures(site.first, site.shown) == []


def test_zensical_search_opens_an_exercise_at_its_substitutes(zensical_page: Any) -> None:
    assert any(anchor == "substitutes" for _, anchor in _zensical_links(zensical_page, "backpack"))


def test_zensical_search_highlights_the_words_in_the_title_it_shows(zensical_page: Any) -> None:
    """The worker ranks on other fields than the dialog shows: the found words are marked in
    the shown title and text, never past their end (the topics, names and terms are not shown)."""
    _zensical_links(zensical_page, "isometric calf")  # a phrase: one token of the names
    first = zensical_page.locator("[role=listbox] [role=option]").first
    assert first.locator("h2").inner_text().strip() == "Isometric calf hold"
    marked = first.locator("h2 mark").all_inner_texts()  # neighbouring words share one mark
    assert " ".join(marked).lower().split() == ["isometric", "calf"], marked
    assert "calf" in [m.lower() for m in first.locator("mark").all_inner_texts()[len(marked) :]]  # text


# Queries of runners and coaches beyond the ones above (symptoms, everyday words,
# abbreviations, typos), each with one best page: both engines open the same page first.
# (Where several pages fit equally, as the no-kit exercises for "at home", each engine may
# list them in another order: those are held to "fits" above, not here.)
BOTH_FIRST = [
    "shin splints",
    "plantar fasciitis",
    "sore knee",
    "sit bone",
    "RFESS",
    "SL RDL",
    "Nordics",
    "monster walk",
    "press up",
    "tib raise",
    "farmers carry",
    "kettlebell",
    "taper",
    "RPE",
    "how often",
    "QR code",
    "glossary",
    "step down",
    "achiles",
]


def test_both_engines_open_the_same_page_first(
    browser: Any,
    site_url: str,
    site_dir: Path,
    zensical_page: Any,
) -> None:
    mkdocs_location = {title: loc for loc, title in _page_titles(site_dir / INDEX, "docs").items()}
    context = first_visit(browser, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    differ = {}
    try:
        page.goto(site_url)
        for term in BOTH_FIRST:
            mkdocs = [mkdocs_location.get(t, t) for t in _results(page, term)[:1]]
            zensical = _zensical_results(zensical_page, term)[:1]
            if mkdocs != zensical:
                differ[term] = (mkdocs, zensical)
    finally:
        context.close()
    assert differ == {}


def test_zensical_search_works_on_a_second_visit_and_offline(browser: Any, zensical_url: str) -> None:
    """As on the MkDocs site: the offline service worker answers every visit after the first,
    and the search worker it serves must still find RunStrong's engine (its ?material= query)."""
    with returning_visitor(browser, zensical_url, PHONE) as context:
        page = context.new_page()
        page.goto(zensical_url)
        assert page.evaluate("navigator.serviceWorker.controller !== null"), "the worker answers the visit"
        assert "exercises/romanian-deadlift/" in _zensical_results(page, "RDL")[:3]
        page.close()
        context.set_offline(True)
        page = context.new_page()
        page.goto(f"{zensical_url}exercises/nordic-curl/")
        assert _zensical_results(page, "hamstrings"), "search offline, from what is stored"
