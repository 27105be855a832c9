"""Every picture of every exercise page loads in Chromium (naturalWidth > 0)."""

from __future__ import annotations

from typing import Any

import pytest

from generator import urls
from generator.load import load_guide

from ..conftest import CONTENT

pytestmark = pytest.mark.browser


def _loaded_images(browser: Any, url: str) -> list[tuple[str, int]]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(url)
        # Scroll each image into view: the strip and the muscle map load lazily.
        for img in page.locator("article img").all():
            img.scroll_into_view_if_needed()
        page.wait_for_function("Array.from(document.images).every(i => i.complete)", timeout=15_000)
        return page.evaluate(
            "Array.from(document.querySelectorAll('article img')).map(i => [i.src, i.naturalWidth])"
        )
    finally:
        page.close()


def test_exercise_pictures_load(browser: Any, site_url: str) -> None:
    guide = load_guide(CONTENT)
    for slug, ex in guide.exercises.items():
        images = dict(_loaded_images(browser, site_url + urls.exercise_url(slug)))
        expected = [urls.muscle_map_path(slug)]
        if ex.figure is not None:
            expected += [urls.figure_strip_path(slug), urls.figure_animation_path(slug)]
        for path in expected:
            width = next((w for src, w in images.items() if src.endswith(path)), None)
            assert width, f"{slug}: {path} did not load ({images})"


def test_library_thumbnails_load(browser: Any, site_url: str) -> None:
    images = _loaded_images(browser, site_url + urls.url_of(urls.LIBRARY_SOURCE))
    small = [w for src, w in images if "/muscles/small/" in src]
    assert small and all(w > 0 for w in small)
