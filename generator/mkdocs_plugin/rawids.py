"""MkDocs' search for anchors in a page's raw HTML, skipped where no tag can name one.

MkDocs 1.6 feeds every page's whole Markdown to an HTML parser before converting it
(``_RawHTMLPreprocessor``), to learn the ``id``s (and ``<a name>``s) its raw HTML defines, which
links to the page's anchors may then point at: ~0.15 ms of CPU a generated page, whose raw HTML
(the renderer's lists and tables are set aside as comments by then, ``verbatim.py``) almost
never defines one.

The parser reads an attribute's name as ``[^\\s/>][^\\s/=>]*`` after a quote, a space or a slash,
lowercased (``html.parser``'s ``attrfind_tolerant``), so an ``id`` or ``name`` attribute can only
be where ``_MAYBE`` matches. Where it does not match anywhere in the page, the page defines no
anchor in raw HTML, and the set is empty without parsing; elsewhere MkDocs' parser runs as it
always does. ``tests/mkdocs_plugin/test_rawids.py`` holds both ways equal.
"""

from __future__ import annotations

import re

from mkdocs.structure import pages as mkdocs_pages

_MAYBE = re.compile(r"""(?i)(?<=['"\s/])(?:id|name)(?=[\s/=>]|\Z)""")


class RawHTMLAnchors(mkdocs_pages._RawHTMLPreprocessor):
    """MkDocs' preprocessor of a page's raw HTML anchors, with a first look for any."""

    def run(self, lines: list[str]) -> list[str]:
        # Searched as the parser reads it, joined: a line's start follows a line break, a space.
        if _MAYBE.search("\n".join(lines)):
            return super().run(lines)
        self.present_anchor_ids = set()
        return lines
