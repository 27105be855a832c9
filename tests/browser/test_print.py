"""Printing from the browser: exercise and program pages come out clean, black on white."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from ..conftest import real_guide

pytestmark = [pytest.mark.browser, pytest.mark.no_search]  # conftest.py: an empty search index


def printed(new_page: Callable[..., Any], url: str, *, dark: bool = False) -> Any:
    page = new_page(color_scheme="dark" if dark else "light")
    page.goto(url)
    page.emulate_media(media="print")
    return page


def style(page: Any, selector: str, prop: str, pseudo: str | None = None) -> str:
    return page.evaluate(
        "([sel, prop, pseudo]) => getComputedStyle(document.querySelector(sel), pseudo).getPropertyValue(prop)",
        [selector, prop, pseudo],
    )


@pytest.mark.parametrize("dark", [False, True])
def test_exercise_page_prints_without_chrome_in_black_on_white(
    new_page: Callable[..., Any], site_url: str, dark: bool
) -> None:
    page = printed(new_page, site_url + "exercises/romanian-deadlift/", dark=dark)
    try:
        for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"):
            assert style(page, chrome, "display") == "none", chrome
        assert style(page, "body", "background-color") == "rgb(255, 255, 255)"
        assert style(page, "article h1", "color") == "rgb(0, 0, 0)"
        assert style(page, ".md-typeset p", "color") == "rgb(0, 0, 0)"
        assert style(page, "h2#why-runners + p", "color") == "rgb(0, 0, 0)"
        assert style(page, ".md-typeset table", "break-inside") == "avoid"
        assert style(page, ".md-typeset h2", "break-after") == "avoid"
        # An external link prints where it goes; a link within the guide does not.
        source_url = real_guide().exercises["romanian-deadlift"].source.url
        source = f'.md-typeset a[href="{source_url}"]'
        page.wait_for_selector(source + ".rs-external", state="attached")
        href = page.eval_on_selector(source, "a => a.getAttribute('href')")
        assert href in style(page, source, "content", "::after")
        internal = '.md-typeset a[href$="/by-pattern/#hinge"]'
        assert style(page, internal, "content", "::after") in ("none", "normal")
    finally:
        page.close()


def test_program_page_prints_its_tables_whole_and_hides_the_download_buttons(
    new_page: Callable[..., Any], site_url: str
) -> None:
    page = printed(new_page, site_url + "programs/foundation/")
    try:
        assert page.locator(".rs-downloads").count() >= 2  # the print section and a line per week
        assert style(page, ".rs-downloads", "display") == "none"
        assert style(page, ".md-header", "display") == "none"
        assert style(page, ".md-typeset table", "break-inside") == "avoid"
        assert style(page, ".md-typeset__scrollwrap", "overflow-x") == "visible"
        page.emulate_media(media="screen")
        assert style(page, ".rs-downloads", "display") != "none"
        assert page.locator('a.md-button[href$="foundation-a4.pdf"]').count() == 1
    finally:
        page.close()
