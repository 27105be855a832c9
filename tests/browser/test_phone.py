"""Issue 10 in a real Chromium: phone layout, WCAG 2.2 AA (axe-core), keyboard, finder, copy-link.

One built site (the session's ``built_site``) and one browser serve every test. Tests that only
read a page share a context per set of options (``new_page``); a test that changes what a
context keeps (permissions, the clipboard, offline, the service worker) opens its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlencode

import pytest

from generator import urls
from generator.pages import finder

from ..conftest import CONTENT, real_guide
from . import pagechecks
from .chromium import first_visit
from .pagechecks import SCHEMES, fit_and_axe, open_in_scheme, switch_scheme

# Other test files imported these from here before pagechecks.py held them: still importable.
AXE, WIDER_THAN_VIEWPORT, _axe = pagechecks.AXE, pagechecks.WIDER_THAN_VIEWPORT, pagechecks.axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.no_search]  # conftest.py: an empty search index

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
GUIDE = real_guide()


def _program_with_notes() -> str:
    """The program whose session notes are longest: the widest session table of the guide."""

    def longest(slug: str) -> int:
        program = GUIDE.programs[slug]
        notes = [
            len(p.note or "")
            for w in program.weeks
            for d in w.days
            if d.strength
            for p in d.strength.exercises
        ]
        return max(notes, default=0)

    return max(sorted(GUIDE.programs), key=longest)


def _handwritten_page() -> str:
    pages = sorted(p for p in (CONTENT / "pages").rglob("*.md") if p.name != "index.md")
    return urls.url_of(pages[0].relative_to(CONTENT / "pages").as_posix())


PROGRAM = _program_with_notes()
FINDER_QUERY = {"muscle": "calves", "equipment": "none"}
# One page of every kind the site has (issue 10's list, plus the programs index).
PAGES = {
    "home": "",
    "library": urls.url_of(urls.LIBRARY_SOURCE),
    "finder results": urls.url_of(urls.LIBRARY_SOURCE) + "?" + urlencode(FINDER_QUERY),
    "exercise": urls.exercise_url("romanian-deadlift"),
    "program": urls.program_url(PROGRAM),
    "programs": urls.url_of(urls.PROGRAMS_SOURCE),
    "browse": urls.url_of(urls.library_group_source("by-muscle")),
    "hand-written": _handwritten_page(),
}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
def test_every_page_type_fits_the_screen_and_passes_axe_light_and_dark(
    browser: Any, site_url: str, viewport: dict[str, int]
) -> None:
    """Each kind of page, opened once per width: the width check and axe-core in the light
    scheme, then again after switching the same page to dark (both schemes at both widths)."""
    context = open_in_scheme(browser, viewport)
    problems: dict[str, object] = {}
    try:
        page = context.new_page()
        for kind, path in PAGES.items():
            page.emulate_media(color_scheme="light")  # the last page's switch stays with the tab
            page.goto(site_url + path)
            assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES["light"], kind
            for scheme in ("light", "dark"):
                switch_scheme(page, scheme)
                fit_and_axe(page, f"{kind} ({scheme})", problems)
    finally:
        context.close()
    assert problems == {}


def test_program_sessions_list_every_exercise_with_its_dose_and_note_on_a_phone(
    new_page: Callable[..., Any], site_url: str
) -> None:
    """A session is a short list (issue 15: a five-column table stacked into a card per
    exercise made each week ~6 screens): one item per exercise, dose, rest, effort and the
    coach's note all on screen."""
    page = new_page(viewport=PHONE)
    try:
        page.goto(site_url + PAGES["program"])
        week = GUIDE.programs[PROGRAM].weeks[0]
        day = next(d for d in week.days if d.strength)
        assert day.strength is not None
        anchor = urls.program_session_anchor(1, day.day.value)
        items = page.locator(f".rs-session:has(h3#{anchor}) ol > li")
        assert items.count() == len(day.strength.exercises)
        for i, p in enumerate(day.strength.exercises):
            item = items.nth(i)
            text = item.inner_text()
            assert GUIDE.exercises[p.exercise].name in text and "rest" in text
            if p.note:
                assert p.note in text
            box = item.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    finally:
        page.close()


def test_keyboard_focus_never_lands_on_something_invisible(
    new_page: Callable[..., Any], site_url: str
) -> None:
    """Tab from the top of a phone page: every stop is on screen, has a size and shows focus."""
    page = new_page(viewport=PHONE)
    try:
        page.goto(site_url + PAGES["exercise"])
        seen = []
        for _ in range(12):
            page.keyboard.press("Tab")
            stop = page.evaluate(
                """() => {
                  const el = document.activeElement, box = el.getBoundingClientRect(), s = getComputedStyle(el)
                  return {what: el.tagName + "." + el.className + " " + (el.getAttribute("aria-label") || el.textContent.trim().slice(0, 20)),
                          w: box.width, h: box.height, x: box.x, right: box.right,
                          visible: s.visibility !== "hidden", outline: s.outlineStyle}
                }"""
            )
            seen.append(stop["what"])
            assert stop["w"] > 0 and stop["h"] > 0, stop
            assert stop["visible"] and stop["x"] >= 0 and stop["right"] <= PHONE["width"] + 1, stop
            assert stop["outline"] != "none", stop
        # The header's menu button is among the stops (a label Material left out of the tab order).
        assert any("md-header__button" in s for s in seen), seen
    finally:
        page.close()


def test_the_menu_and_search_open_from_the_keyboard(new_page: Callable[..., Any], site_url: str) -> None:
    page = new_page(viewport=PHONE)
    try:
        page.goto(site_url + PAGES["exercise"])
        page.locator('label.md-header__button[for="__drawer"]').focus()
        page.keyboard.press("Enter")
        assert page.evaluate("document.getElementById('__drawer').checked")
        page.keyboard.press("Escape")
        assert not page.evaluate("document.getElementById('__drawer').checked")
        page.locator('label.md-header__button[for="__search"]').focus()
        page.keyboard.press("Enter")
        page.wait_for_function("document.activeElement.classList.contains('md-search__input')")
        assert page.get_attribute(".md-search", "aria-label")
    finally:
        page.close()


def _finder_expected(query: dict[str, str]) -> set[str]:
    filters = finder.muscle_filters(GUIDE)
    return {slug for slug, ex in GUIDE.exercises.items() if finder.matches(ex, query, filters)}


def _shown_cards(page: Any) -> set[str]:
    hrefs = page.eval_on_selector_all(
        ".rs-cards > li:not([hidden]) a.rs-card__title", "links => links.map(a => a.getAttribute('href'))"
    )
    return {href.strip("/").split("/")[-1] for href in hrefs}


def test_finder_url_opened_fresh_shows_only_the_matching_exercises(
    new_page: Callable[..., Any], site_url: str
) -> None:
    expected = _finder_expected(FINDER_QUERY)
    # calves = gastrocnemius + soleus (both "Calves (…)" in the vocabulary).
    assert set(finder.muscle_filters(GUIDE)["calves"]) == {"gastrocnemius", "soleus"}
    assert expected, "the guide has body-weight calf exercises"
    assert len(expected) < len(GUIDE.exercises)
    page = new_page(viewport=PHONE)
    try:
        page.goto(site_url + PAGES["finder results"])
        assert _shown_cards(page) == expected
        count = page.locator(".rs-finder__count").inner_text()
        assert count == f"{len(expected)} exercise" + ("" if len(expected) == 1 else "s")
        assert page.locator("select[name=muscle]").input_value() == "calves"
        assert page.locator("input[name=equipment][value=none]").is_checked()
        # Thumbnails of the key frame come from the keyframe strips.
        with_figure = [s for s in expected if GUIDE.exercises[s].figure is not None]
        thumbs = page.locator(".rs-cards > li:not([hidden]) .rs-thumb img").count()
        assert thumbs == len(with_figure)
    finally:
        page.close()


def test_finder_filters_combine_instantly_and_live_in_the_address(
    new_page: Callable[..., Any], site_url: str
) -> None:
    page = new_page(viewport=DESKTOP)
    try:
        page.goto(site_url + PAGES["library"])
        assert _shown_cards(page) == set(GUIDE.exercises)
        page.select_option("select[name=level]", "beginner")
        assert _shown_cards(page) == _finder_expected({"level": "beginner"})
        page.click(".rs-finder__kit > summary")
        page.check("input[name=equipment][value=none]")
        both = {"level": "beginner", "equipment": "none"}
        assert _shown_cards(page) == _finder_expected(both)
        assert parse_qs(page.evaluate("location.search").lstrip("?")) == {
            "equipment": ["none"],
            "level": ["beginner"],
        }
        page.click(".rs-finder__reset")
        page.wait_for_function("location.search === ''")
        assert _shown_cards(page) == set(GUIDE.exercises)
    finally:
        page.close()


def test_without_javascript_the_library_is_a_plain_list(new_page: Callable[..., Any], site_url: str) -> None:
    page = new_page(viewport=PHONE, java_script_enabled=False)
    try:
        page.goto(site_url + PAGES["finder results"])
        assert page.locator("form.rs-finder").is_hidden()
        assert _shown_cards(page) == set(GUIDE.exercises)
    finally:
        page.close()


@pytest.mark.parametrize("kind", ["exercise", "program"])
def test_copy_link_puts_the_absolute_section_url_on_the_clipboard(
    browser: Any, site_url: str, kind: str
) -> None:
    if kind == "exercise":
        anchor = "mistakes"
    else:
        day = next(d for d in GUIDE.programs[PROGRAM].weeks[0].days if d.strength)
        anchor = urls.program_session_anchor(1, day.day.value)
    context = first_visit(browser, viewport=PHONE, has_touch=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    try:
        page = context.new_page()
        page.goto(site_url + PAGES[kind])
        button = page.locator(f"#{anchor} .rs-copy-link")
        box = button.bounding_box()
        assert box is not None and box["width"] >= 44 and box["height"] >= 44  # a thumb-sized target
        button.tap()
        page.wait_for_function("document.getElementById('rs-live')?.textContent === 'Link copied'")
        assert page.evaluate("navigator.clipboard.readText()") == site_url + PAGES[kind] + "#" + anchor
        assert page.get_attribute("#rs-live", "aria-live") == "polite"
        # By keyboard too: another section, Enter on the focused button.
        other = page.locator(
            "details[open] .rs-copy-link[data-rs-for^=week-]" if kind == "program" else "#dose .rs-copy-link"
        )
        target = other.first.evaluate("b => b.dataset.rsFor")
        other.first.focus()
        page.keyboard.press("Enter")
        page.wait_for_function(f"navigator.clipboard.readText().then(t => t.endsWith('#{target}'))")
    finally:
        context.close()


# The page opened offline with its figure: test_program.py's offline test (one visit, one precache).
