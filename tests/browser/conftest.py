"""Real Chromium (Debian's package) driven by Playwright, against the built site on localhost.

Playwright never downloads a browser here: it launches /usr/bin/chromium. Without Chromium
the browser tests skip on a developer's machine but *fail* under CI (CI is set), so a CI run
can never pass by silently skipping them.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from .chromium import CHROMIUM, first_visit, launch, serve_folder


def _require_chromium() -> None:
    if Path(CHROMIUM).exists() or shutil.which(CHROMIUM):
        return
    message = f"Chromium not found at {CHROMIUM}: install Debian's chromium package"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


# A site built earlier (``runstrong build --site-dir DIR``) to iterate on browser tests without
# rebuilding: RUNSTRONG_BROWSER_SITE=DIR. Unset (CI, test.sh), the session's own build is used.
PREBUILT_ENV = "RUNSTRONG_BROWSER_SITE"


@pytest.fixture(scope="session")
def site_dir(request: pytest.FixtureRequest) -> Path:
    prebuilt = os.environ.get(PREBUILT_ENV)
    if prebuilt:
        return Path(prebuilt)
    site, _ = request.getfixturevalue("built_site")
    return Path(site)


# Material's search worker fetches the whole search index and builds its index on every page
# load: ~0.5 s of the browser's CPU a page, half of what a page costs (20 exercise pages: 21 s
# of CPU, 12 s with no index to build; measured). A test module whose tests never type a query
# says so (``pytest.mark.no_search``): its pages get the same index with no documents, so the
# search box still opens and its worker still starts, at no cost. Modules that search
# (test_search, test_find) get the whole index.
SEARCH_INDEX = "search/search_index.json"


@pytest.fixture(scope="session")
def _site_urls(site_dir: Path) -> Iterator[dict[bool, str]]:
    """The built site served twice: {True: as built, False: with a search index of no pages}."""
    index = json.loads((site_dir / SEARCH_INDEX).read_text(encoding="utf-8"))
    empty = json.dumps({**index, "docs": []}).encode()
    with serve_folder(site_dir) as whole, serve_folder(site_dir, {SEARCH_INDEX: empty}) as searchless:
        yield {True: whole, False: searchless}


@pytest.fixture(scope="module")
def site_url(request: pytest.FixtureRequest, _site_urls: dict[bool, str]) -> str:
    return _site_urls[request.node.get_closest_marker("no_search") is None]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def new_page(browser: Any) -> Iterator[Callable[..., Any]]:
    """``new_page(**options)``: a new page in a browser context the module's tests share, one
    context per set of options (viewport, colour scheme, reduced motion…). Close it when done.

    A fresh context costs Chromium about a second of CPU (a new renderer, a cold HTTP cache that
    fetches and compiles Material's scripts and styles again); a page in a warm one a fraction
    of that. A page of its own keeps a test's session storage, focus and scroll its own; the
    site keeps nothing else in a context but a program's start date (program.js, local storage)
    and its service worker, which these contexts do not run: every page is a first visit, as in
    a fresh context (the worker is tested where it matters, each in a context of its own). A
    test that changes what a context keeps (permissions, the clipboard, local storage) opens a
    context of its own (``first_visit``); one that tests the worker, a plain one.
    """
    contexts: dict[str, Any] = {}

    def open_page(**options: Any) -> Any:
        key = json.dumps(options, sort_keys=True)
        if key not in contexts:
            contexts[key] = first_visit(browser, **options)
        return contexts[key].new_page()

    try:
        yield open_page
    finally:
        for context in contexts.values():
            context.close()
