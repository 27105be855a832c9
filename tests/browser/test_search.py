"""Search as a runner uses it: type a term in the header, read the first results."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.browser


def search(browser: Any, site_url: str, term: str) -> list[str]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(site_url)
        box = page.locator("input.md-search__input")
        box.click()
        # Material searches on key events once its worker has the index; typing like a
        # person (not fill()) is what triggers it reliably.
        box.press_sequentially(term, delay=20)
        meta = page.locator(".md-search-result__meta")
        meta.filter(has_text="matching").wait_for(timeout=15_000)
        titles = page.locator(".md-search-result__item > .md-search-result__link h1").all_inner_texts()
        return [t.strip() for t in titles]
    finally:
        page.close()


def test_rdl_finds_the_romanian_deadlift_first(browser: Any, site_url: str) -> None:
    assert search(browser, site_url, "RDL")[0] == "Romanian deadlift"


def test_hamstrings_finds_the_romanian_deadlift(browser: Any, site_url: str) -> None:
    assert "Romanian deadlift" in search(browser, site_url, "hamstrings")[:3]


def test_side_plank_finds_the_push_up_with_side_plank(browser: Any, site_url: str) -> None:
    assert search(browser, site_url, "side plank")[0] == "Push-up with side plank"


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("", None),
        ("exercises/", "Exercise library"),
        ("exercises/romanian-deadlift/", "Romanian deadlift"),
        ("exercises/push-up-side-plank/", "Push-up with side plank"),
        ("exercises/lateral-lunge-row/", "Lateral lunge with row"),
        ("exercises/kneeling-squat-jump/", "Kneeling squat jump"),
        ("programs/foundation/", None),
    ],
)
def test_pages_open_without_console_errors(browser: Any, site_url: str, path: str, heading: str | None) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        response = page.goto(site_url + path)
        assert response is not None and response.status == 200
        if heading:
            assert page.locator("article h1").first.inner_text().strip().removesuffix("¶") == heading
        assert errors == []
    finally:
        page.close()
