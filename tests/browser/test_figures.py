"""Exercise pictures in Chromium: they load, the strip stays readable on a phone, the
animation shows a still under reduced motion and can be paused from the keyboard."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from generator import display, urls

from ..conftest import real_guide

pytestmark = [pytest.mark.browser, pytest.mark.no_search]  # conftest.py: an empty search index

SLUG = "push-up-side-plank"  # four strip frames: the widest strip of the four originals


def _open(new_page: Callable[..., Any], url: str, width: int = 1280, **context: Any) -> Any:
    page = new_page(viewport={"width": width, "height": 900}, **context)
    page.goto(url)
    return page


def _loaded_images(page: Any, url: str) -> list[tuple[str, int]]:
    """(src, naturalWidth) of every shown image of a page, lazy ones loaded without scrolling.

    The hero's still is display: none until paused, and a hidden image never loads: it is
    left out (test_reduced_motion_shows_a_still… loads it).
    """
    page.goto(url)
    page.evaluate(
        "document.querySelectorAll('article img[loading=lazy]').forEach(i => { if (i.offsetParent)"
        " i.loading = 'eager' })"
    )
    page.wait_for_function(
        "Array.from(document.images).filter(i => i.offsetParent).every(i => i.complete)", timeout=15_000
    )
    return page.evaluate(
        "Array.from(document.querySelectorAll('article img')).filter(i => i.offsetParent)"
        ".map(i => [i.src, i.naturalWidth])"
    )


def test_exercise_pictures_load(new_page: Callable[..., Any], site_url: str) -> None:
    """Every exercise page shows its muscle map, strip and animation, and each loads.

    With JavaScript off: what a page shows and loads is its HTML and CSS (the markup of
    pages/pictures.py, figures.css), and a broken picture still fails (naturalWidth 0). The
    hero's script (figures.js: pause, play, a still for a failed animation) runs in the tests
    below. 37 pages with Material's scripts cost ~38 s of CPU, without ~11 s (measured)."""
    guide = real_guide()
    # One tab for every page: a new one each costs ~1 s.
    page = _open(new_page, "about:blank", java_script_enabled=False)
    try:
        for slug, ex in guide.exercises.items():
            images = dict(_loaded_images(page, site_url + urls.exercise_url(slug)))
            expected = [display.muscle_map_path(ex.muscles.primary, ex.muscles.secondary)]
            if ex.figure is not None:
                expected += [urls.figure_strip_path(slug), urls.figure_animation_path(slug)]
            for path in expected:
                width = next((w for src, w in images.items() if src.endswith(path)), None)
                assert width, f"{slug}: {path} did not load ({images})"
    finally:
        page.close()


def test_library_thumbnails_load(new_page: Callable[..., Any], site_url: str) -> None:
    page = _open(new_page, "about:blank")
    try:
        images = _loaded_images(page, site_url + urls.url_of(urls.LIBRARY_SOURCE))
    finally:
        page.close()
    small = [w for src, w in images if "/muscles/small/" in src]
    assert small and all(w > 0 for w in small)


def _strip(page: Any) -> dict[str, Any]:
    return page.evaluate(
        """() => {
          const frames = Array.from(document.querySelectorAll('.rs-strip__frame'))
          const boxes = frames.map(f => f.getBoundingClientRect())
          const badges = Array.from(document.querySelectorAll('.rs-strip__step'))
          return {
            widths: boxes.map(b => b.width),
            rows: new Set(boxes.map(b => Math.round(b.top))).size,
            perRow: Math.max(...Object.values(boxes.reduce((n, b) => {
              const k = Math.round(b.top); n[k] = (n[k] || 0) + 1; return n }, {}))),
            fonts: badges.map(b => parseFloat(getComputedStyle(b).fontSize)),
            numbers: badges.map(b => b.textContent.trim()),
            pageWidth: document.documentElement.scrollWidth,
          }
        }"""
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_strip_is_a_readable_grid_on_a_phone(
    new_page: Callable[..., Any], site_url: str, scheme: str
) -> None:
    page = _open(new_page, site_url + urls.exercise_url(SLUG), 390, color_scheme=scheme)
    try:
        strip = _strip(page)
    finally:
        page.close()
    figure = real_guide().exercises[SLUG].figure
    assert figure is not None
    steps = [str(figure.keyframes[k].step) for k in figure.strip_keyframes() if figure.keyframes[k].step]
    assert strip["numbers"] == steps
    assert min(strip["widths"]) >= 160, strip
    assert min(strip["fonts"]) >= 16, strip
    assert strip["perRow"] <= 2 and strip["rows"] == 2, strip
    assert strip["pageWidth"] <= 390  # nothing wider than the phone


def test_strip_is_one_row_on_a_desktop(new_page: Callable[..., Any], site_url: str) -> None:
    page = _open(new_page, site_url + urls.exercise_url(SLUG), 1280)
    try:
        strip = _strip(page)
    finally:
        page.close()
    assert strip["rows"] == 1 and min(strip["widths"]) >= 160, strip


def _hero(page: Any) -> dict[str, Any]:
    return page.evaluate(
        """() => {
          const hero = document.querySelector('.rs-hero')
          const shown = el => el.offsetParent !== null
          const moving = hero.querySelector('.rs-hero__moving')
          const still = hero.querySelector('.rs-hero__still')
          const button = hero.querySelector('.rs-hero__toggle')
          const r = hero.getBoundingClientRect()
          return {moving: shown(moving), still: shown(still), stillLoaded: still.complete && still.naturalWidth > 0,
                  button: shown(button) ? button.textContent.trim() : null,
                  label: button.getAttribute('aria-label'), width: r.width, height: r.height}
        }"""
    )


def test_reduced_motion_shows_a_still_with_a_play_button(new_page: Callable[..., Any], site_url: str) -> None:
    page = _open(new_page, site_url + urls.exercise_url(SLUG), 390, reduced_motion="reduce")
    try:
        page.wait_for_function("document.querySelector('.rs-hero__still').complete")
        hero = _hero(page)
        assert (hero["moving"], hero["still"], hero["stillLoaded"]) == (False, True, True), hero
        assert hero["button"] == "Play" and hero["label"] == "Play the animation"
        page.click(".rs-hero__toggle")
        hero = _hero(page)
        assert (hero["moving"], hero["still"], hero["button"]) == (True, False, "Pause"), hero
    finally:
        page.close()


def test_animation_pauses_from_the_keyboard_with_a_visible_focus(
    new_page: Callable[..., Any], site_url: str
) -> None:
    page = _open(new_page, site_url + urls.exercise_url(SLUG), 1280, reduced_motion="no-preference")
    try:
        hero = _hero(page)
        assert (hero["moving"], hero["still"], hero["button"]) == (True, False, "Pause"), hero
        # The hero is cropped to the figure: no wider than a frame of it (the animation is 480).
        assert hero["width"] < 0.8 * 480, hero
        page.focus(".rs-hero__toggle")
        outline = page.evaluate(
            "(() => { const s = getComputedStyle(document.activeElement);"
            " return [document.activeElement.classList.contains('rs-hero__toggle'),"
            " s.outlineStyle, parseFloat(s.outlineWidth)] })()"
        )
        page.keyboard.press("Enter")
        hero = _hero(page)
        assert (hero["moving"], hero["still"], hero["button"]) == (False, True, "Play"), hero
        assert hero["label"] == "Play the animation"
        page.keyboard.press("Space")
        assert _hero(page)["button"] == "Pause"
    finally:
        page.close()
    assert outline[0] and outline[1] != "none" and outline[2] >= 2, outline
