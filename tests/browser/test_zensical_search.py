"""Search on the site Zensical publishes (issue 21): tests/browser/test_search.py's assertions.

Zensical's search is its own (``search.json``, a worker with fixed fields: title ×3, path ×2,
text). ``generator/zensical.py``'s post-step tidies and ranks that index; these queries, the
ones the MkDocs build is held to, show how far that carries.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator import urls

from .chromium import serve_folder
from .searching import settled
from .test_search import FIRST_RESULT, GUIDE, _no_equipment

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def zensical_url(zensical_project: Path) -> Iterator[str]:
    with serve_folder(zensical_project / "site") as url:
        yield url


def _zensical_results(page: Any, term: str) -> list[str]:
    """The URL paths of the pages Zensical's search lists for ``term``, best first, each once.

    Zensical's search is a dialog in a shadow root (Playwright's locators reach into it):
    a combobox, a status line ("12 results") and a listbox of links.
    """
    box = page.locator("input[role=combobox]").first
    if not box.is_visible():
        page.locator(".md-search__button").first.click()
    box.fill("")
    box.fill(term)
    page.locator("[role=status]").filter(has_text=re.compile(r"\d+ results?")).first.wait_for(timeout=30_000)
    options = page.locator("[role=listbox] [role=option]")
    links: list[str] = settled(page, lambda: options.evaluate_all("els => els.map(e => e.href)"))
    pages: list[str] = []
    for link in links:
        path = urllib.parse.urlsplit(link).path.lstrip("/")
        if path not in pages:
            pages.append(path)
    return pages


# Queries where Zensical's fixed ranking cannot follow ours: it ranks a match in any title
# above every match in text and has no boost, so "Glute bridge" (a title with "glute") comes
# before the glute-med exercises, "Capacity tests and the plyometric gate" before the jumps, and
# "Exercises by equipment" among the body-weight exercises. MkDocs' index lifts the exercises'
# lay words above titles (boosts in mkdocs.yml). Pinned, so a change either way is seen.
ZENSICAL_TITLE_FIRST = {"glute med", "body weight", "plyo", "no equipment"}


def test_zensical_search_passes_the_mkdocs_builds_search_assertions(browser: Any, zensical_url: str) -> None:
    """tests/browser/test_search.py's queries, through Zensical's own search on its site."""
    by_url = {urls.exercise_url(slug): ex for slug, ex in GUIDE.exercises.items()}

    def url_of(name: str) -> str:
        return next(urls.exercise_url(s) for s, ex in GUIDE.exercises.items() if ex.name == name)

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    wrong: dict[str, list[str]] = {}
    try:
        page.goto(zensical_url)
        assert _zensical_results(page, "RDL")[0] == url_of("Romanian deadlift")
        assert url_of("Romanian deadlift") in _zensical_results(page, "hamstrings")[:3]
        assert url_of("Push-up with side plank") in _zensical_results(page, "side plank")[:3]
        for term, fits in FIRST_RESULT.items():
            found = _zensical_results(page, term)
            first = by_url.get(found[0]) if found else None
            if first is None or not fits(first):
                wrong[term] = found[:3]
        found = _zensical_results(page, "no equipment")
        if sum(1 for p in found[:4] if p in by_url and _no_equipment(by_url[p])) < 3:
            wrong["no equipment"] = found[:4]
        _zensical_results(page, "backpack")
        hrefs = page.locator("[role=listbox] [role=option]").evaluate_all("els => els.map(e => e.href)")
        assert any(h.partition("#")[2] == "substitutes" for h in hrefs), hrefs
    finally:
        page.close()
    assert set(wrong) == ZENSICAL_TITLE_FIRST, wrong
