"""Python-Markdown's inline step, skipped for a text that none of its patterns can match.

Python-Markdown's ``InlineProcessor`` hands every text and tail of the tree to each of its ~16
inline patterns in turn, through a Python call per pattern (``__applyPattern``) that searches the
text with the pattern's regular expression and, when it finds nothing, goes on to the next. On
a generated exercise page ~85 % of the texts (headings, prose, the placeholders of the HTML set
aside by ``verbatim``) hold nothing any pattern matches: ~30 % of the inline step's time, ~0.4 ms
of a page's ~3 ms of Markdown, spent finding that out one call at a time.

``QuickInline`` gives one converter's ``InlineProcessor`` a first look: the same searches, each
pattern's own compiled expression (``getCompiledRegExp``) over the whole text, in one tight
loop. When none finds a match, the text is returned as it came, which is what the processor's
own loop returns when no pattern matches (each ``__applyPattern`` returns the text untouched when
its search finds nothing); otherwise the processor's own loop runs. It holds for any set of
patterns, since it asks the registered patterns themselves. ``tests/mkdocs_plugin/
test_quickinline.py`` holds pages converted both ways equal.
"""

from __future__ import annotations

from collections.abc import Callable

import markdown
from markdown import util
from markdown.treeprocessors import InlineProcessor

# The processor's private method, as Python names it from outside its class.
_HANDLE = "_InlineProcessor__handleInline"


class QuickInline:
    """One converter's first look: ``refresh`` before each page reads the patterns registered now."""

    def __init__(self, md: markdown.Markdown) -> None:
        self._patterns = md.inlinePatterns
        self._searches: list[Callable[[str], object]] = []
        # A Registry, not a dict: it has no ``get``.
        inline = md.treeprocessors["inline"] if "inline" in md.treeprocessors else None  # noqa: SIM401
        # Only Python-Markdown's own processor, whose loop this follows; another is left alone.
        self.installed = type(inline) is InlineProcessor and hasattr(inline, _HANDLE)
        if self.installed:
            self._handle: Callable[[str, int], str] = getattr(inline, _HANDLE)
            setattr(inline, _HANDLE, self._first_look)
        self.refresh()

    def refresh(self) -> None:
        """Read the registered patterns again (an extension may register one at any time)."""
        self._searches = [pattern.getCompiledRegExp().search for pattern in self._patterns]

    def _first_look(self, data: str, pattern_index: int = 0) -> str:
        if isinstance(data, util.AtomicString):
            return data  # the processor leaves it as it is
        for search in self._searches:
            if search(data):
                return self._handle(data, pattern_index)
        return data  # no pattern matches anywhere in it: the processor's loop changes nothing
