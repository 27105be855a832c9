"""HTML a generated page publishes as it is written: kept out of an engine's Markdown and search.

The library page lists every exercise as a card of finished HTML (``pages/finder.py``): 666 KB
of a 900-exercise library's 670 KB page. Python-Markdown parses such a raw HTML block only to
pass it through, and Material's search parses the rendered page again, though the cards keep
their summaries and facts out of search: together ~1.4 s of every build that renders the
library, which is every build after a summary edit (the library shows each summary).

A renderer wraps such HTML in two marker comments (``wrap``). An engine that knows them (the
MkDocs adapter) replaces each marked block with a placeholder before the Markdown is converted
(``set_aside``) and puts the block back into the finished page (``put_back``), so neither
Markdown nor search reads it; ``unwrap`` drops the markers for an engine that takes the Markdown
as it is (``runstrong generate`` for Zensical), which then publishes the same HTML.

What a marked block must be, so that the page is the same either way: raw HTML that starts and
ends a Markdown block of its own (a blank line before and after, as ``wrap`` writes it) and
holds no Markdown. What search loses: the text of the marked HTML (the library's card titles,
each the title of its own exercise page, which search finds first anyway).

A second kind, HTML kept from Markdown only (``wrap_html``): an exercise page's lists and
tables, which the renderer can write as the HTML Python-Markdown makes of them
(``pages/htmlblocks.py``). Each is put back right after the Markdown is converted
(``put_back_html``, MkDocs' ``on_page_content``), so search, the template and the minifier read
the page they read before; only Python-Markdown's ~20 inline patterns per list item are saved
(about half of a page's Markdown time). ``unwrap`` drops both kinds' markers.
"""

from __future__ import annotations

import re

OPEN = "<!--rs:verbatim-->"
CLOSE = "<!--/rs:verbatim-->"
# A placeholder is a comment too: Markdown passes a comment block through untouched, and
# neither search nor the minifier reads one. Its number says which block goes back there.
_PLACEHOLDER = "<!--rs:verbatim {}-->"
_BLOCK = re.compile(rf"^{re.escape(OPEN)}\n(.*?)\n{re.escape(CLOSE)}$", re.M | re.S)
_MARKED = re.compile(r"<!--rs:verbatim (\d+)-->")

HTML_OPEN = "<!--rs:html-->"
HTML_CLOSE = "<!--/rs:html-->"
_HTML_PLACEHOLDER = "<!--rs:html {}-->"
_HTML_BLOCK = re.compile(rf"^{re.escape(HTML_OPEN)}\n(.*?)\n{re.escape(HTML_CLOSE)}$", re.M | re.S)
_HTML_MARKED = re.compile(r"<!--rs:html (\d+)-->")


def wrap(html: str) -> str:
    """``html`` marked as verbatim: its own Markdown block, published exactly as written."""
    return f"{OPEN}\n{html}\n{CLOSE}"


def wrap_html(html: str) -> str:
    """``html`` marked as kept from Markdown only (search and the page read it as before)."""
    return f"{HTML_OPEN}\n{html}\n{HTML_CLOSE}"


def marked(markdown: str) -> bool:
    """Whether ``markdown`` holds a block of either kind."""
    return OPEN in markdown or HTML_OPEN in markdown


def unwrap(markdown: str) -> str:
    """The page with its markers (of both kinds) dropped and the HTML left in place (an engine
    publishing the Markdown as it is)."""
    return _HTML_BLOCK.sub(lambda m: m[1], _BLOCK.sub(lambda m: m[1], markdown))


def _aside(block: re.Pattern[str], placeholder: str, markdown: str) -> tuple[str, list[str]]:
    blocks: list[str] = []

    def numbered(match: re.Match[str]) -> str:
        blocks.append(match[1])
        return placeholder.format(len(blocks) - 1)

    return block.sub(numbered, markdown), blocks


def _back(marked: re.Pattern[str], kind: str, html: str, blocks: list[str]) -> str:
    if not blocks:
        return html
    found = [int(n) for n in marked.findall(html)]
    if sorted(found) != list(range(len(blocks))):
        raise ValueError(f"{kind} HTML: placeholders {found} for {len(blocks)} block(s)")
    return marked.sub(lambda m: blocks[int(m[1])], html)


def set_aside(markdown: str) -> tuple[str, list[str]]:
    """The page with each verbatim block replaced by a placeholder, and the blocks in order."""
    return _aside(_BLOCK, _PLACEHOLDER, markdown)


def put_back(html: str, blocks: list[str]) -> str:
    """The rendered page with each placeholder replaced by its block.

    Raises ValueError when a block's placeholder is missing or repeated: a page would publish
    without its HTML (or with it twice), never silently.
    """
    return _back(_MARKED, "verbatim", html, blocks)


def set_aside_html(markdown: str) -> tuple[str, list[str]]:
    """The page with each block kept from Markdown only (``wrap_html``) replaced by a
    placeholder, and the blocks in order."""
    return _aside(_HTML_BLOCK, _HTML_PLACEHOLDER, markdown)


def put_back_html(html: str, blocks: list[str]) -> str:
    """The converted Markdown with each ``set_aside_html`` placeholder replaced by its block
    (ValueError as ``put_back``)."""
    return _back(_HTML_MARKED, "Markdown-free", html, blocks)
