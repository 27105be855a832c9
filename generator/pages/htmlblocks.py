"""An exercise page's lists and tables as the HTML Python-Markdown makes of them, kept from Markdown.

Python-Markdown runs ~20 inline patterns over every list item and table cell, and MkDocs then
resolves each link: on a 900-exercise library about half of what converting the exercise pages
costs. The renderer already knows these blocks' parts (escaped text, its own links, bold
labels), so it writes them as finished HTML, marked for the engine to keep from Markdown only
(``verbatim.wrap_html``): search and the template read the same page as before.

The HTML must be the bytes Python-Markdown (with MkDocs' links) makes of the Markdown it
replaces, so ``inline`` accepts only the Markdown the renderer itself writes:

- text from ``markdown.escape``: backslash escapes (dropped, as Markdown drops them), character
  references (kept as written, as Markdown keeps them), a bare ``&`` (``&amp;``);
- ``[text](target)`` links from ``markdown.link``, to a page (``x.md#anchor``: the URL MkDocs
  gives it, relative to the page's), an anchor of the page, or an ``http(s)`` address;
- ``**bold**``, the ``<span data-search-exclude>`` of ``render._Quiet`` and a browse page's
  ``<em>``.

Anything else (an icon shortcode, raw HTML, a line break, a link to a file) makes ``inline``
return None, and the block stays Markdown: the fallback is the page as it was, never a guess.
``tests/pages/test_htmlblocks.py`` compares both ways on many texts.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Sequence

from .. import urls, verbatim
from .markdown import Md

_TOKEN = re.compile(
    r"""
      \\(?P<escaped>[\\`*_{}\[\]()#+\-.!|>])
    | \[(?P<text>(?:\\.|[^\\\[\]])*)\]\((?P<target>[^()\s<>"'\\]*)\)
    | \*\*(?P<strong>(?:\\.|[^\\*\[\]])+?)\*\*(?!\*)
    | (?P<span><span\ data-search-exclude>|</span>|<em>|</em>)
    | (?P<entity>&(?:\#[0-9]+|\#x[0-9a-fA-F]+|[a-zA-Z0-9]+);)
    | (?P<amp>&)
    | (?P<plain>[^\\\[\]*<>&_`{}|#!:\n]+)
    """,
    re.X,
)
# A word-like run of colons and letters is an icon shortcode (pymdownx.emoji): left to Markdown.
_SAFE_COLON = re.compile(r":(?![A-Za-z0-9_+-]+:)")
_SCHEME = re.compile(r"^https?://")
# Text that is only plain runs and such colons is its own HTML: most list items and cells, told
# in one C-speed match instead of a Python step per token (~30 % of the pages step's time).
_ALL_PLAIN = re.compile(r"(?:[^\\\[\]*<>&_`{}|#!:\n]|:(?![A-Za-z0-9_+-]+:))*")


def _url(target: str, source: str) -> str | None:
    """The href MkDocs writes for a link the renderer made on the page ``source``, or None."""
    if target.startswith("#"):
        return target
    if _SCHEME.match(target):
        return target.replace("&", "&amp;")
    path, _, anchor = target.partition("#")
    if not path.endswith(".md"):
        return None  # a file (a PDF, an image): MkDocs' own resolving is kept
    href = _relative_url(_dest_url(path, posixpath.dirname(source)), urls.url_of(source))
    return f"{href}#{anchor}" if anchor else href


# A library's pages link the same few hundred pages (each browse page, each related exercise)
# ~20,000 times from a handful of folders: each destination worked out once.
@functools.lru_cache(maxsize=1 << 14)
def _dest_url(path: str, folder: str) -> str:
    """The URL of the page ``path`` links to from a page in ``folder``."""
    return urls.url_of(posixpath.normpath(posixpath.join(folder, path)))


def _relative_url(url: str, page: str) -> str:
    """``url`` relative to the directory URL ``page`` (both from the site's root), as MkDocs'
    ``get_relative_url`` makes it for a page link."""
    to, start = url.split("/"), page.split("/")
    if "." in to or ".." in to or "." in start or ".." in start or "" in to[:-1] or "" in start[:-1]:
        rel = posixpath.relpath("/" + url, "/" + page)  # not a plain path: relpath's own reading
    else:  # relpath's answer for two plain paths (tests/pages/test_htmlblocks.py holds them equal)
        to, start = to[:-1] if to[-1] == "" else to, start[:-1] if start[-1] == "" else start
        common = 0
        for a, b in zip(to, start, strict=False):
            if a != b:
                break
            common += 1
        rel = "/".join([".."] * (len(start) - common) + to[common:]) or "."
    return rel + "/" if url.endswith("/") or url == "" else rel


def inline(md: str, source: str) -> str | None:
    """The HTML Python-Markdown makes of the renderer's one-line Markdown ``md`` on the page
    ``source``, or None when ``md`` holds anything the module docstring does not list."""
    return md if _ALL_PLAIN.fullmatch(md) else _tokens(md, source)


def _tokens(md: str, source: str) -> str | None:
    """``inline``, one token at a time (what the plain text's shortcut must equal)."""
    out: list[str] = []
    pos = 0
    while pos < len(md):
        m = _TOKEN.match(md, pos)
        if m is None:
            if md[pos] == ":" and _SAFE_COLON.match(md, pos):
                out.append(":")
                pos += 1
                continue
            return None
        pos = m.end()
        if m["plain"] is not None:
            out.append(m["plain"])
        elif m["escaped"] is not None:
            out.append(m["escaped"] if m["escaped"] != ">" else "&gt;")
        elif m["entity"] is not None:
            out.append(m["entity"])
        elif m["amp"] is not None:
            out.append("&amp;")
        elif m["span"] is not None:
            out.append(m["span"])
        elif m["target"] is not None:
            href = _url(m["target"], source)
            text = inline(m["text"], source)
            if href is None or text is None or not text:
                return None
            out.append(f'<a href="{href}">{text}</a>')
        else:
            inner = inline(m["strong"], source)
            if inner is None:
                return None
            out.append(f"<strong>{inner}</strong>")
    return "".join(out)


def _cells(items: Sequence[str], source: str) -> list[str] | None:
    """Each item as HTML, or None when one of them is not the Markdown ``inline`` knows."""
    done: list[str] = []
    for item in items:
        text = item.strip()
        converted = inline(text, source) if text and "\n" not in text else None
        if converted is None:
            return None
        done.append(converted)
    return done


def bullets(items: Sequence[str], source: str, *, ordered: bool = False) -> Md:
    """A list of one-line ``items`` (Markdown): finished HTML kept from Markdown when each item
    is the renderer's own Markdown, else the Markdown list (``- item`` / ``1. item``)."""
    html = _cells(items, source)
    if html is None or not items:
        lines = [f"{i}. {item}" if ordered else f"- {item}" for i, item in enumerate(items, 1)]
        return Md("\n".join(lines))
    tag = "ol" if ordered else "ul"
    body = "\n".join(f"<li>{item}</li>" for item in html)
    return Md(verbatim.wrap_html(f"<{tag}>\n{body}\n</{tag}>"))


def table(head: Sequence[str], rows: Sequence[Sequence[str]], source: str) -> Md:
    """A table (Markdown cells): finished HTML as the ``tables`` extension writes it, else the
    Markdown table."""
    cells = _cells([*head, *(cell for row in rows for cell in row)], source)
    if cells is None or any(len(row) != len(head) for row in rows):
        lines = ["| " + " | ".join(head) + " |", "| " + " | ".join("---" for _ in head) + " |"]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return Md("\n".join(lines))
    width = len(head)
    out = ["<table>", "<thead>", "<tr>", *(f"<th>{c}</th>" for c in cells[:width]), "</tr>", "</thead>"]
    out.append("<tbody>")
    for r in range(len(rows)):
        row = cells[width * (r + 1) : width * (r + 2)]
        out += ["<tr>", *(f"<td>{c}</td>" for c in row), "</tr>"]
    out += ["</tbody>", "</table>"]
    return Md(verbatim.wrap_html("\n".join(out)))


def paragraph(md: str, source: str, *, css_class: str = "", searched: bool = True) -> Md:
    """A paragraph of one line, with attr_list's ``{ .css_class }`` or ``{ data-search-exclude }``
    (one of them at most): finished HTML, else the Markdown paragraph."""
    if css_class and not searched:
        raise ValueError("a paragraph takes a class or data-search-exclude, not both")
    attrs = f"{{ .{css_class} }}" if css_class else "" if searched else "{ data-search-exclude }"
    html = _cells([md], source)
    if html is None:
        return Md(f"{md}\n{attrs}" if attrs else md)
    tag = f'<p class="{css_class}">' if css_class else "<p>" if searched else "<p data-search-exclude>"
    return Md(verbatim.wrap_html(f"{tag}{html[0]}</p>"))


def breadcrumb(items: Sequence[str], source: str) -> Md:
    """The trail above a page's title, kept out of search (as ``related``'s box)."""
    html = _cells(items, source)
    if html is None or not items:
        body = "\n".join(f"{i}. {item}" for i, item in enumerate(items, 1))
        head = '<nav class="rs-breadcrumb" aria-label="Breadcrumb" data-search-exclude markdown>'
        return Md(f"{head}\n\n{body}\n\n</nav>")
    lis = "\n".join(f"<li>{item}</li>" for item in html)
    nav = '<nav aria-label="Breadcrumb" class="rs-breadcrumb" data-search-exclude="data-search-exclude">'
    return Md(verbatim.wrap_html(f"{nav}\n<ol>\n{lis}\n</ol>\n</nav>"))


def related(items: Sequence[str], source: str) -> Md:
    """The related exercises' list in its box, kept out of search. ``md_in_html`` writes the box's
    valueless ``data-search-exclude`` as ``="data-search-exclude"``, and so does this: Material's
    search skips the box, then strips the attribute from the page."""
    html = _cells(items, source)
    if html is None or not items:
        body = "\n".join(f"- {item}" for item in items)
        return Md(f'<div class="rs-related" data-search-exclude markdown>\n\n{body}\n\n</div>')
    lis = "\n".join(f"<li>{item}</li>" for item in html)
    box = '<div class="rs-related" data-search-exclude="data-search-exclude">'
    return Md(verbatim.wrap_html(f"{box}\n<ul>\n{lis}\n</ul>\n</div>"))


class Blocks:
    """The helpers bound to one page (its source path), handed to a template as ``h``."""

    def __init__(self, source: str) -> None:
        self.source = source

    def bullets(self, items: Sequence[str], ordered: bool = False) -> Md:
        return bullets(items, self.source, ordered=ordered)

    def table(self, head: Sequence[str], rows: Sequence[Sequence[str]]) -> Md:
        return table(head, rows, self.source)

    def related(self, items: Sequence[str]) -> Md:
        return related(items, self.source)

    def paragraph(self, md: str, css_class: str = "", searched: bool = True) -> Md:
        return paragraph(md, self.source, css_class=css_class, searched=searched)

    def breadcrumb(self, items: Sequence[str]) -> Md:
        return breadcrumb(items, self.source)
