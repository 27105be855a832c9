"""Issue 18 in a real Chromium at 390 × 844: search in a runner's words, and short results.

Each query is typed into the header search as on a phone; the first result must be the page
(and, for a guide page, the section) the query is about. Expectations are read from the guide's
own data where they can be (an exercise that needs a step, one that trains the calves), so the
test holds as the guide grows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from generator.model import Exercise

from ..conftest import real_guide
from .chromium import first_visit
from .searching import query_material, settled

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
GUIDE = real_guide()
BY_NAME = {ex.name: ex for ex in GUIDE.exercises.values()}
HURTS = "Where it hurts"


def _needs(*kit: str) -> Callable[[Exercise], bool]:
    return lambda ex: bool(set(kit) & set(ex.equipment.required))


def _no_kit(ex: Exercise) -> bool:
    return set(ex.equipment.required) <= {"none"}


def _named(name: str) -> Callable[[Exercise], bool]:
    return lambda ex: ex.name == name


def _called(alias: str) -> Callable[[Exercise], bool]:
    return lambda ex: alias.lower() in (a.lower() for a in ex.aliases)


def _pattern(value: str) -> Callable[[Exercise], bool]:
    return lambda ex: ex.pattern.value == value


# A symptom or a body part the guide has a section for: that section of "Where it hurts" first.
GUIDE_SECTION: dict[str, str] = {
    "knee pain": "front-of-the-knee",
    "knee": "front-of-the-knee",
    "runner's knee": "front-of-the-knee",
    "runners knee": "front-of-the-knee",
    "sore knees": "front-of-the-knee",
    "IT band": "outside-of-the-knee-it-band",
    "ITB": "outside-of-the-knee-it-band",
    "shin splints": "shin",
    "shin pain": "shin",
    "achilles": "achilles-and-calf",
    "achilles tendon": "achilles-and-calf",
    "hamstring strain": "back-of-the-thigh-hamstring",
    "pulled hamstring": "back-of-the-thigh-hamstring",
    # Typos: nothing matches as typed, the nearest word of the index does.
    "achiles": "achilles-and-calf",
    "hamstirng": "back-of-the-thigh-hamstring",
}

# Pain the guide has no section of its own for yet: the page, first.
GUIDE_PAGE: dict[str, str] = {
    "heel pain": HURTS,
    "plantar fasciitis": HURTS,
    "hip pain": HURTS,
    "lower back": HURTS,
    "back pain": HURTS,
    "warm up": "A ten-minute warm-up before you lift",
    "warm-up": "A ten-minute warm-up before you lift",
    "capacity test": "Capacity tests and the plyometric gate",
    "print cards": "For coaches",
}

# Everything else a runner types: an exercise that fits, first.
FIRST_EXERCISE: dict[str, Callable[[Exercise], bool]] = {
    "RDL": _named("Romanian deadlift"),
    "romanian deadlift": _named("Romanian deadlift"),
    "romanain deadlift": _named("Romanian deadlift"),
    "side plank": _named("Side plank"),
    "box jump": _named("Box jump"),
    "wall sit": _named("Wall sit"),
    "split squat": _named("Split squat"),
    "step up": _named("Step-up"),
    "bulgarian split squat": _called("Bulgarian split squat"),
    "calf raise": lambda ex: "calf raise" in ex.name.lower(),
    "lunges": lambda ex: "lunge" in ex.name.lower() or ex.pattern.value == "lunge",
    "squats": lambda ex: "squat" in ex.name.lower(),
    "stairs": _needs("step"),
    "no weights": _no_kit,
    "no equipment": _no_kit,
    "bodyweight": _no_kit,
    "exercises with no kit": _no_kit,
    "dumbbell": _needs("dumbbells"),
    "band": _needs("mini-band", "resistance-band"),
    "glutes": lambda ex: "glute-max" in ex.muscles.primary,
    "core": lambda ex: any(GUIDE.muscles[m].group == "Core" for m in ex.muscles.primary),
}


def open_search(page: Any) -> Any:
    """The search box, opened as on a phone (the header button), ready for a query."""
    box = page.locator("input.md-search__input")
    if not box.is_visible():
        page.locator('label.md-header__button[for="__search"]').first.click()
    box.wait_for(state="visible")
    return box


def first_results(page: Any, term: str) -> list[tuple[str, str]]:
    """(title, anchor) of the links of the first result group: the page, then its sections."""
    query_material(page, open_search(page), term)
    script = """() => {
      const first = document.querySelector(".md-search-result__list > li")
      if (!first) return []
      return [...first.querySelectorAll("a.md-search-result__link")].map(a => [
        (a.querySelector("h1, h2") || a).textContent.trim(),
        (a.getAttribute("href") || "").split("#")[1] || "",
      ])
    }"""
    return settled(page, lambda: [(title, anchor) for title, anchor in page.evaluate(script)])


def titles(page: Any) -> list[str]:
    return [
        t.strip()
        for t in page.locator(".md-search-result__item > .md-search-result__link h1").all_inner_texts()
    ]


@pytest.fixture(scope="module")
def phone_page(browser: Any, site_url: str) -> Any:
    context = first_visit(browser, viewport=PHONE)
    page = context.new_page()
    page.goto(site_url)
    yield page
    context.close()


def test_there_are_enough_queries() -> None:
    assert len(GUIDE_SECTION) + len(GUIDE_PAGE) + len(FIRST_EXERCISE) >= 25


# The checks, for any engine's site (MkDocs' here, Zensical's in test_zensical_search.py).
# ``first(term)``: (title, anchor) of the first result's links, the page then its best
# section; ``shown()``: the titles of the pages the last query listed, best first.
First = Callable[[str], list[tuple[str, str]]]


def section_failures(first: First) -> dict[str, list[tuple[str, str]]]:
    wrong = {}
    for term, anchor in GUIDE_SECTION.items():
        links = first(term)
        # The page is the group's heading; its best section is the first link under it.
        if not links or links[0][0] != HURTS or len(links) < 2 or links[1][1] != anchor:
            wrong[term] = links[:3]
    return wrong


def page_failures(first: First) -> dict[str, list[tuple[str, str]]]:
    wrong = {}
    for term, title in GUIDE_PAGE.items():
        links = first(term)
        if not links or links[0][0] != title:
            wrong[term] = links[:2]
    return wrong


def exercise_failures(first: First, shown: Callable[[], list[str]]) -> dict[str, list[str]]:
    wrong = {}
    for term, fits in FIRST_EXERCISE.items():
        links = first(term)
        exercise = BY_NAME.get(links[0][0]) if links else None
        if exercise is None or not fits(exercise):
            wrong[term] = shown()[:3]
    return wrong


def helping_failures(first: First, shown: Callable[[], list[str]]) -> list[str]:
    """After the guide section come the exercises it links to (wall sit, step-up… for the knee):
    [] when they do, else the titles listed."""
    first("knee pain")
    titles = shown()
    helping = {"Wall sit", "Split squat", "Step-up", "Lateral step-down"}
    return [] if titles[:1] == [HURTS] and helping & set(titles[1:5]) else titles[:5]


def test_symptoms_and_body_parts_open_the_guide_section_first(phone_page: Any) -> None:
    assert section_failures(lambda term: first_results(phone_page, term)) == {}


def test_guide_pages_are_found_by_what_they_are_about(phone_page: Any) -> None:
    assert page_failures(lambda term: first_results(phone_page, term)) == {}


def test_exercise_names_kit_and_word_forms_open_a_fitting_exercise_first(phone_page: Any) -> None:
    assert exercise_failures(lambda term: first_results(phone_page, term), lambda: titles(phone_page)) == {}


def test_a_symptom_lists_the_exercises_its_section_sends_you_to(phone_page: Any) -> None:
    assert helping_failures(lambda term: first_results(phone_page, term), lambda: titles(phone_page)) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_each_result_is_a_few_lines_not_a_screen(
    new_page: Callable[..., Any], site_url: str, scheme: str
) -> None:
    page = new_page(viewport=PHONE, color_scheme=scheme)
    try:
        page.goto(site_url)
        first_results(page, "calf")
        heights = page.evaluate(
            """() => [...document.querySelectorAll(".md-search-result__link")]
                 .slice(0, 8).map(a => a.getBoundingClientRect().height)"""
        )
        # Title plus two lines of teaser: far below a screen (844 px); before, 1,200–1,800 px.
        assert heights and max(heights) < 220, heights
    finally:
        page.close()
