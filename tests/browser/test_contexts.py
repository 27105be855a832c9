"""The browser tests open their contexts without the site's offline service worker unless they
look at it (``first_visit`` in chromium.py): read from their source, no browser started.

A context that lets the worker register pays for its precache of the whole site in the
background (~2.5 s of CPU in the 3 s after a first page, measured) while its test reads
something else; a test that checks the worker says so by reading ``navigator.serviceWorker``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

HERE = Path(__file__).parent
OPENS = {"new_context", "new_page"}  # a Browser's: each opens a context of its own


def _unblocked_contexts(source: str, name: str) -> list[str]:
    """``name:line`` of each Browser context opened without ``service_workers`` in a function
    whose code never reads ``navigator.serviceWorker``."""
    found = []
    for function in ast.walk(ast.parse(source)):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if "serviceWorker" in (ast.get_source_segment(source, function) or ""):
            continue  # a test of the worker (or its setup): it must run
        for call in ast.walk(function):
            if (
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Attribute)
                and call.func.attr in OPENS
                and isinstance(call.func.value, ast.Name)
                and call.func.value.id == "browser"
                and not any(k.arg == "service_workers" for k in call.keywords)
            ):
                found.append(f"{name}:{call.lineno}")
    return found


def test_every_context_blocks_the_service_worker_unless_its_test_reads_it() -> None:
    files = sorted(HERE.glob("*.py"))
    assert len(files) > 5
    opened = [p for p in files if "first_visit(" in p.read_text(encoding="utf-8")]
    assert len(opened) >= 3, "the browser tests open their contexts with first_visit"
    unblocked = [where for p in files for where in _unblocked_contexts(p.read_text(encoding="utf-8"), p.name)]
    assert unblocked == [], f"use first_visit(browser, ...) (chromium.py): {unblocked}"


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("def t(browser):\n    c = browser.new_context(viewport=1)\n", ["x.py:2"]),
        ("def t(browser):\n    p = browser.new_page()\n", ["x.py:2"]),
        ("def t(browser):\n    c = browser.new_context(service_workers='block')\n", []),
        ("def t(browser):\n    c = browser.new_context()\n    c.evaluate('navigator.serviceWorker')\n", []),
        ("def t(context):\n    p = context.new_page()\n", []),  # a page in a context made elsewhere
    ],
)
def test_the_check_finds_an_unblocked_context(source: str, found: list[str]) -> None:
    assert _unblocked_contexts(source, "x.py") == found
