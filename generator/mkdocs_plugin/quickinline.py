"""Python-Markdown's inline step, each pattern skipped where its expression finds nothing.

Python-Markdown's ``InlineProcessor`` hands every text and tail of the tree to each of its ~16
inline patterns in turn (``__handleInline``), through a Python call per pattern
(``__applyPattern``) that looks for the pattern's regular expression from where the last match
ended and, when it finds none, returns the text untouched, ``(data, False, 0)``, for the next
pattern to try. On a generated exercise page ~85 % of the texts (headings, prose, the
placeholders of the HTML set aside by ``verbatim``) hold nothing any pattern matches, and a
text that does (a facts line: an icon, a bold label, a link) matches three or four of them:
most of the inline step's time, ~0.5 ms of a page's ~3 ms of Markdown, is spent finding that out
one Python call at a time.

``QuickInline`` gives one converter's ``InlineProcessor`` the same loop with a first look: before
handing a text to a pattern, the pattern's own compiled expression (``getCompiledRegExp``) is
searched from the same place, and where it finds nothing the loop goes on as that call would
have returned, without the call. A pattern of the old kind (``Pattern``, matched rather than
searched) is always called. Everything else (each match, the nesting, the placeholders) is the
processor's own ``__applyPattern``. It holds for any set of patterns, since it asks the
registered patterns themselves. ``tests/mkdocs_plugin/test_quickinline.py`` holds pages
converted both ways equal.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import markdown
from markdown import util
from markdown.inlinepatterns import InlineProcessor as NewStylePattern
from markdown.treeprocessors import InlineProcessor

# The processor's private methods, as Python names them from outside its class.
_HANDLE = "_InlineProcessor__handleInline"
_APPLY = "_InlineProcessor__applyPattern"

_Search = Callable[[str, int], "re.Match[str] | None"]


class QuickInline:
    """One converter's inline loop: ``refresh`` before each page reads the patterns registered now."""

    def __init__(self, md: markdown.Markdown) -> None:
        self._registry = md.inlinePatterns
        self._patterns: list[Any] = []
        self._searches: list[_Search | None] = []
        # A Registry, not a dict: it has no ``get``.
        inline = md.treeprocessors["inline"] if "inline" in md.treeprocessors else None  # noqa: SIM401
        # Only Python-Markdown's own processor, whose loop this follows; another is left alone.
        self.installed = (
            type(inline) is InlineProcessor and hasattr(inline, _HANDLE) and hasattr(inline, _APPLY)
        )
        if self.installed:
            self._apply: Callable[[Any, str, int, int], tuple[str, bool, int]] = getattr(inline, _APPLY)
            setattr(inline, _HANDLE, self._handle_inline)
        self.refresh()

    def refresh(self) -> None:
        """Read the registered patterns again (an extension may register one at any time)."""
        self._patterns = list(self._registry)
        self._searches = [
            pattern.getCompiledRegExp().search if isinstance(pattern, NewStylePattern) else None
            for pattern in self._patterns
        ]

    def _handle_inline(self, data: str, pattern_index: int = 0) -> str:
        """``InlineProcessor.__handleInline``, a pattern whose expression finds nothing skipped."""
        if isinstance(data, util.AtomicString):
            return data  # the processor leaves it as it is
        patterns, searches = self._patterns, self._searches
        start = 0
        count = len(patterns)
        while pattern_index < count:
            search = searches[pattern_index]
            if search is not None and search(data, start) is None:
                # What __applyPattern returns when its expression finds nothing: the next pattern.
                pattern_index += 1
                start = 0
                continue
            data, matched, start = self._apply(patterns[pattern_index], data, pattern_index, start)
            if not matched:
                pattern_index += 1
        return data
