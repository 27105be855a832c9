"""Short links and rename redirects: generated from data, checked for collisions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.load import load_guide
from generator.redirects import redirect_page, render_redirects

from .conftest import VALID_EXERCISE
from .test_load import errors_of

Write = Callable[[str, str], Path]


def test_redirect_is_relative_and_keeps_the_hash() -> None:
    page = redirect_page("exercises/old-name/", "exercises/new-name/", "New name")
    assert page.path == "exercises/old-name/index.html"
    text = page.content.decode()
    assert 'url=../new-name/"' in text
    assert 'location.replace("../new-name/" + location.hash)' in text


def test_renamed_exercise_keeps_its_old_url(content: Path, write: Write) -> None:
    write("exercises/test-hinge.yaml", VALID_EXERCISE + "redirect_from: [old-hinge]\nshort: th\n")
    paths = {f.path for f in render_redirects(load_guide(content))}
    # The short code printed on cards first, then every code a card may have printed before:
    # the slug (the default short link until 'short' was set) and the former slug.
    assert paths == {
        "exercises/old-hinge/index.html",
        "x/th/index.html",
        "x/test-hinge/index.html",
        "x/old-hinge/index.html",
    }


def test_redirect_from_may_not_shadow_a_live_page(content: Path, write: Write) -> None:
    other = VALID_EXERCISE.replace("name: Test hinge", "name: Other").replace("[TH]", "[OT]")
    write("exercises/other.yaml", other + "redirect_from: [test-hinge]\n")
    assert errors_of(content) == [
        "exercises/other.yaml:36:17: redirect_from[0]: 'test-hinge' is still the slug of an exercise: 'test-hinge'"
    ]


def test_short_codes_are_unique(content: Path, write: Write) -> None:
    write("exercises/test-hinge.yaml", VALID_EXERCISE + "short: hinge\n")
    other = VALID_EXERCISE.replace("name: Test hinge", "name: Other").replace("[TH]", "[OT]")
    write("exercises/other.yaml", other + "short: hinge\n")
    assert errors_of(content) == [
        "exercises/test-hinge.yaml:36:8: short: short link 'hinge' is already used by 'other'"
    ]


def test_the_guides_short_link_record_is_complete() -> None:
    """Every code the guide prints is in content/short-links.txt, so building the guide never
    writes into the repository (add a new exercise's line with `runstrong build`, and commit it)."""
    from generator.shortlinks import unrecorded

    from .conftest import CONTENT, real_guide

    guide = real_guide()
    assert unrecorded(CONTENT, guide) == [], "build once and commit content/short-links.txt"
    assert guide.kept_shorts == {}, "the guide's own shorts never changed (tests/site/published-urls.txt)"
