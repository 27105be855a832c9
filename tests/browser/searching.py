"""Typing a query into a site's search and reading its results once they have settled: shared by
the search tests of the MkDocs build (test_search.py, test_find.py) and of Zensical's."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")


def query_material(page: Any, box: Any, term: str) -> None:
    """Search Material's header box ``box`` for ``term`` and wait until its results are this query's."""
    # Empty the box and wait for the list to empty, so the results read next are this query's.
    box.fill("")
    box.press("Backspace")
    page.locator(".md-search-result__meta").filter(has_not_text="matching").wait_for(timeout=15_000)
    # The whole query at once, then one key so Material (which listens to keys) searches it:
    # only this query's results can arrive, however slow the machine.
    box.fill(term)
    box.press("End")
    # "3 matching documents", not "No matching documents": every query here has results, and a
    # search run before the worker had the whole index (a loaded machine) can find none.
    page.locator(".md-search-result__meta").filter(has_text=re.compile(r"\d+ matching")).wait_for(
        timeout=30_000
    )


def settled(page: Any, read: Callable[[], T]) -> T:
    """``read()`` again until it gives the same answer three times running (a slow search worker
    may still be laying the list out), at most 50 times."""
    value = read()
    steady = 0
    for _ in range(50):
        page.wait_for_timeout(100)
        again = read()
        steady = steady + 1 if again == value else 0
        value = again
        if steady == 3:
            break
    return value


@contextmanager
def returning_visitor(browser: Any, url: str, viewport: dict[str, int]) -> Iterator[Any]:
    """A browser context that has visited ``url`` once and waited for the offline service worker,
    so every page it opens next is answered by that worker (as every visit after a runner's first)."""
    context = browser.new_context(viewport=viewport)
    try:
        first = context.new_page()
        first.goto(url)
        first.wait_for_function("navigator.serviceWorker.ready.then(() => true)")
        first.close()
        yield context
    finally:
        context.close()
