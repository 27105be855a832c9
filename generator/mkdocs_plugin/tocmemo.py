"""The table of contents' heading texts worked out once per text in a build, not once per page.

Python-Markdown's ``toc`` extension renders every heading's inner HTML for the page's table of
contents (``render_inner_html``: the heading serialized, unescaped, run through every
postprocessor) and strips its tags for the name (``strip_tags``): ~0.2 ms a generated page,
whose headings are mostly the same few texts on every page ("Set-up", "Steps", "Cues"…).

Both are functions of their input alone where the input holds no placeholder: ``strip_tags``
is a pure function of a string; a heading with no child elements has the inner HTML of its
text, whatever its tag and attributes, through the postprocessors, which change only the
placeholders (``\\x02…\\x03``) that Python-Markdown's stashes put into a text (the three of
``_PURE``; any other postprocessor, or a placeholder, or a child element: rendered as always).
``TocMemo`` gives one converter's ``toc`` processor these two functions, remembered by their
input, through its own copy of the processor's ``run`` (the same code, its module's globals
with the two memoized): the extension's module, and any other Markdown, is untouched.
``tests/mkdocs_plugin/test_tocmemo.py`` holds pages converted both ways equal.
"""

from __future__ import annotations

import functools
import types
from collections.abc import Callable
from typing import Any
from xml.etree.ElementTree import Element

import markdown
from markdown import postprocessors
from markdown.extensions import footnotes, md_in_html, toc

# The postprocessors that change nothing in a text without a placeholder (Python-Markdown's own).
_PURE = frozenset(
    {
        postprocessors.RawHtmlPostprocessor,
        postprocessors.AndSubstitutePostprocessor,
        footnotes.FootnotePostprocessor,
        md_in_html.MarkdownInHTMLPostprocessor,
    }
)
_MEMO_SIZE = 4096  # distinct heading texts a build keeps (a library repeats a few dozen)


class TocMemo:
    """One converter's ``toc`` processor, its heading texts remembered."""

    def __init__(self, md: markdown.Markdown) -> None:
        self._md = md
        self._inner: dict[str, str] = {}
        # A Registry, not a dict: it has no ``get``.
        proc = md.treeprocessors["toc"] if "toc" in md.treeprocessors else None  # noqa: SIM401
        run = toc.TocTreeprocessor.run
        called = set(run.__code__.co_names)
        # Only Python-Markdown's own processor, whose ``run`` calls the two by these names.
        self.installed = type(proc) is toc.TocTreeprocessor and {"render_inner_html", "strip_tags"} <= called
        if proc is None or not self.installed:
            return
        self._render: Callable[[Element, markdown.Markdown], str] = run.__globals__["render_inner_html"]
        scope = dict(run.__globals__)
        scope["render_inner_html"] = self._render_inner_html
        scope["strip_tags"] = functools.lru_cache(maxsize=_MEMO_SIZE)(run.__globals__["strip_tags"])
        code = types.FunctionType(run.__code__, scope, run.__name__, run.__defaults__, run.__closure__)
        proc.run = types.MethodType(code, proc)  # type: ignore[method-assign]

    def _render_inner_html(self, el: Element, md: Any) -> str:
        text = el.text
        if (
            len(el)
            or type(text) is not str
            or "\x02" in text
            or "\x03" in text
            or md is not self._md
            or not all(type(pp) in _PURE for pp in md.postprocessors)
        ):
            return self._render(el, md)
        html = self._inner.get(text)
        if html is None:
            html = self._render(el, md)
            if len(self._inner) < _MEMO_SIZE:
                self._inner[text] = html
        return html
