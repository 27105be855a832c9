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


# Resolves once the page has painted two more frames (a list being laid out is laid out by
# then), or after 250 ms if the page paints no frames (it never should; nothing hangs on it).
NEXT_FRAMES = """() => new Promise(done => {
  setTimeout(done, 250)
  requestAnimationFrame(() => requestAnimationFrame(done))
})"""


def settled(page: Any, read: Callable[[], T]) -> T:
    """``read()`` again after the page has painted (``NEXT_FRAMES``) until two reads agree, at
    most 50 times: a slow search worker may still be laying the list out.

    The callers wait first for the search's own sign that this query's results are in (the
    result count for this query, after the box was emptied and the list with it), so what can
    still change is only the layout of those results, which a painted frame completes. (Before,
    three reads 100 ms apart: 300 ms of sleep a query, 25 s over test_search and test_find.)"""
    value = read()
    for _ in range(50):
        page.evaluate(NEXT_FRAMES)
        again = read()
        if again == value:
            break
        value = again
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
