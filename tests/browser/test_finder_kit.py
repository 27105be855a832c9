"""Issue 18 at 390 × 844: the finder for the kit you have, how-to first, links and targets."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from generator import urls
from generator.pages import finder

from ..conftest import real_guide
from .pagechecks import switch_scheme

pytestmark = [pytest.mark.browser, pytest.mark.no_search]  # conftest.py: an empty search index

PHONE = {"width": 390, "height": 844}
GUIDE = real_guide()
LIBRARY = urls.url_of(urls.LIBRARY_SOURCE)


def _doable(have: set[str]) -> set[str]:
    return {slug for slug, ex in GUIDE.exercises.items() if finder.kit_allows(ex, have)}


def _shown(page: Any) -> set[str]:
    hrefs = page.eval_on_selector_all(
        ".rs-cards > li:not([hidden]) a.rs-card__title", "links => links.map(a => a.getAttribute('href'))"
    )
    return {href.strip("/").split("/")[-1] for href in hrefs}


@pytest.fixture
def phone(new_page: Callable[..., Any]) -> Iterator[Any]:
    """A 390 px page, light; each test checks what it shows in light, then in dark on the same
    page (``in_both_schemes``): both schemes without loading every page twice."""
    page = new_page(viewport=PHONE, color_scheme="light")
    try:
        yield page
    finally:
        page.close()


def in_both_schemes(page: Any, check: Callable[[], None]) -> None:
    """``check()`` on ``page`` in light, again after switching it to dark, then back to light
    (Material remembers the palette for the context's next page)."""
    for scheme in ("light", "dark"):
        switch_scheme(page, scheme)
        check()
    switch_scheme(page, "light")


def _same(shown: set[str], expected: set[str]) -> None:
    assert shown == expected


def settle(page: Any) -> None:
    """Until no CSS transition or finite animation is running (a control fading in is measured
    at its full size, not half-way)."""
    page.wait_for_function(
        "document.getAnimations().every(a => a.playState !== 'running'"
        " || a.effect?.getComputedTiming().iterations === Infinity)"
    )


def _two_kinds() -> list[str]:
    """Two kinds of kit that together open more exercises than either alone."""
    kinds = sorted({e for ex in GUIDE.exercises.values() for e in ex.equipment.required} - {"none"})
    best = max(
        ((a, b) for a in kinds for b in kinds if a < b),
        key=lambda pair: len(_doable(set(pair))) - max(len(_doable({pair[0]})), len(_doable({pair[1]}))),
    )
    return list(best)


def test_two_kinds_of_kit_show_exactly_what_they_allow(phone: Any, site_url: str) -> None:
    kit = _two_kinds()
    expected = _doable(set(kit))
    assert expected > _doable({kit[0]}) and expected > _doable({kit[1]})
    phone.goto(site_url + LIBRARY)
    phone.click(".rs-finder__kit > summary")
    for value in kit:
        phone.check(f"input[name=equipment][value={value}]")
    # Body-weight exercises are doable with any kit; an exercise needing more than this is not.
    assert _doable(set()) <= expected

    def shows_them() -> None:
        assert _shown(phone) == expected
        heading = phone.locator("#all-exercises").inner_text()
        assert heading.startswith(f"{len(expected)} exercises with"), heading
        # The results are brought into view after the change.
        first = phone.locator(".rs-cards > li:not([hidden])").first.bounding_box()
        assert first is not None and first["y"] < PHONE["height"]

    in_both_schemes(phone, shows_them)
    # The address carries both, and opens the same list.
    assert set(phone.evaluate("new URLSearchParams(location.search).get('equipment')").split(",")) == set(kit)
    phone.goto(site_url + LIBRARY + "?equipment=" + ",".join(kit))
    in_both_schemes(phone, lambda: _same(_shown(phone), expected))


def test_options_carry_counts(phone: Any, site_url: str) -> None:
    phone.goto(site_url + LIBRARY)
    level = next(iter(sorted({ex.level.value for ex in GUIDE.exercises.values()})))
    n = sum(1 for ex in GUIDE.exercises.values() if ex.level.value == level)

    def counted() -> None:
        label = phone.locator(f"select[name=level] option[value={level}]").inner_text()
        assert label.endswith(f"({n})"), label
        box = phone.locator("input[name=equipment][value=none] ~ .rs-finder__n").text_content()
        assert box == f"({len(_doable(set()))})"

    in_both_schemes(phone, counted)


def test_no_match_names_the_filters_to_relax(phone: Any, site_url: str) -> None:
    filters = finder.muscle_filters(GUIDE)
    # A muscle and a level no exercise has together.
    level, muscle = next(
        (lv, m)
        for lv in ("advanced", "beginner", "intermediate")
        for m in sorted(filters)
        if not any(finder.matches(ex, {"muscle": m, "level": lv}, filters) for ex in GUIDE.exercises.values())
        and any(finder.matches(ex, {"muscle": m}, filters) for ex in GUIDE.exercises.values())
    )
    phone.goto(site_url + LIBRARY + f"?muscle={muscle}&level={level}")
    advice = phone.locator(".rs-finder__empty")

    def advised() -> None:
        assert _shown(phone) == set()
        assert advice.is_visible()
        text = advice.inner_text()
        assert "Without Level" in text and "Without Main muscle" in text, text

    in_both_schemes(phone, advised)
    phone.locator(".rs-finder__relax", has_text="Without Level").click()
    relaxed = {s for s, ex in GUIDE.exercises.items() if finder.matches(ex, {"muscle": muscle}, filters)}
    in_both_schemes(phone, lambda: _same(_shown(phone), relaxed))


def test_address_values_match_without_case_and_unknown_ones_are_explained(phone: Any, site_url: str) -> None:
    filters = finder.muscle_filters(GUIDE)
    expected = {s for s, ex in GUIDE.exercises.items() if finder.matches(ex, {"muscle": "calves"}, filters)}
    phone.goto(site_url + LIBRARY + "?muscle=Calves")

    def calves() -> None:
        assert _shown(phone) == expected
        assert phone.locator("select[name=muscle]").input_value() == "calves"

    in_both_schemes(phone, calves)
    phone.goto(site_url + LIBRARY + "?muscle=Hamstringz&level=BEGINNER")
    notice = phone.locator(".rs-finder__notice")

    def explained() -> None:
        assert notice.is_visible()
        assert "Hamstringz" in notice.inner_text() and "Hamstrings" in notice.inner_text()
        assert _shown(phone) == {s for s, ex in GUIDE.exercises.items() if ex.level.value == "beginner"}

    in_both_schemes(phone, explained)


def test_an_exercise_page_puts_the_first_step_within_two_screens(phone: Any, site_url: str) -> None:
    for slug in ("romanian-deadlift", "single-leg-calf-raise", "copenhagen-plank"):
        phone.goto(site_url + urls.exercise_url(slug))

        def first_step_near(slug: str = slug) -> None:
            top = phone.evaluate(
                "document.querySelector('#steps ~ ol li').getBoundingClientRect().top + scrollY"
            )
            assert top < 2 * PHONE["height"], (slug, top)
            # Why runners do it follows the how-to.
            order = phone.evaluate("[...document.querySelectorAll('article h2[id]')].map(h => h.id)")
            assert order.index("steps") < order.index("why-runners"), order

        in_both_schemes(phone, first_step_near)


def test_safety_text_is_body_size(phone: Any, site_url: str) -> None:
    phone.goto(site_url + "guide/where-it-hurts/")

    def body_size() -> None:
        body = phone.evaluate(
            "parseFloat(getComputedStyle(document.querySelector('.md-typeset p')).fontSize)"
        )
        box = phone.evaluate(
            "parseFloat(getComputedStyle(document.querySelector('.admonition li')).fontSize)"
        )
        assert box >= body, (box, body)

    in_both_schemes(phone, body_size)


def test_every_heading_of_a_guide_page_has_a_copy_link(phone: Any, site_url: str) -> None:
    phone.goto(site_url + "guide/where-it-hurts/")
    headings = phone.locator("article h2[id]")

    def linked() -> None:
        assert headings.count() >= 3
        for i in range(headings.count()):
            button = headings.nth(i).locator("button.rs-copy-link")
            assert button.count() == 1
            assert button.get_attribute("aria-label").startswith("Copy link to ")
            box = button.bounding_box()
            assert box and box["width"] >= 24 and box["height"] >= 24

    in_both_schemes(phone, linked)


TARGETS = """() => {
  const small = []
  for (const el of document.querySelectorAll("a[href], button, input, select, summary, label[for], [role=button]")) {
    const r = el.getBoundingClientRect()
    const s = getComputedStyle(el)
    // Not shown (Material fades the search box's clear button in with a query, at full size).
    if (!r.width || !r.height || s.visibility === "hidden" || s.opacity === "0" || el.closest("[hidden]")) continue
    if (r.bottom < 0 || r.top > innerHeight * 4) continue
    // Links inside running text are exempt (WCAG 2.5.8 "inline").
    if (el.tagName === "A" && el.closest("p, li, td, dd, figcaption") && !el.closest(".rs-breadcrumb, .rs-browse")) continue
    if (el.type === "checkbox" && el.closest("label")) continue  // its label is the target
    if (r.width < 24 || r.height < 24) small.push(`${el.tagName}.${el.className} ${Math.round(r.width)}x${Math.round(r.height)}`)
  }
  return small
}"""


@pytest.mark.parametrize(
    "path", ["", LIBRARY, urls.exercise_url("romanian-deadlift"), "guide/where-it-hurts/"]
)
def test_no_target_smaller_than_24_px(phone: Any, site_url: str, path: str) -> None:
    phone.goto(site_url + path)

    def no_small_target() -> None:
        settle(phone)
        assert phone.evaluate(TARGETS) == []

    in_both_schemes(phone, no_small_target)


def test_every_page_has_a_link_preview_and_the_manifest_png_icons(site_dir: Path) -> None:
    pages = [p for p in site_dir.rglob("index.html") if "assets" not in p.parts]
    missing = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text:  # a redirect, not a page
            continue
        if 'property="og:image"' not in text:
            missing.append(page.relative_to(site_dir).as_posix())
    assert missing == []
    manifest = json.loads((site_dir / "manifest.webmanifest").read_text(encoding="utf-8"))
    sizes = {icon["sizes"]: icon["src"] for icon in manifest["icons"]}
    for size in ("192x192", "512x512"):
        assert (site_dir / sizes[size]).is_file()
    assert (site_dir / "assets/generated/icons/apple-touch-icon.png").is_file()
    assert 'rel="apple-touch-icon"' in (site_dir / "index.html").read_text(encoding="utf-8")
