"""Published HTML without the templates' indentation: every page's bytes, ~14 % of them.

Material's templates indent every line, and an exercise page is ~28 KB of which ~4 KB is the
whitespace between tags; on a library of 900 exercises that is ~4 MB a phone on poor signal
never needs. Each run of whitespace that holds a line break becomes one line break. That is
exact for the page a reader sees: outside ``white-space: pre`` a browser shows any run of
spaces and line breaks as one space, and a line break alone is such a run, so the text, the
spaces between inline elements and the layout stay as they were.

Left as written, byte for byte:

- the elements whose whitespace is their content: ``<pre>`` and ``<textarea>``, ``<code>``
  and ``<kbd>`` (Material prints them with ``white-space: pre-wrap``), and ``<script>`` and
  ``<style>``, whose text is a program (a template literal keeps its indentation);
- everything inside a tag: attribute values (an ``alt`` or a ``title``) are read as written.

What is not done, and why: attributes keep their quotes and order, closing tags stay and no
whitespace is removed outright (only shortened). A full minifier (minify-html) saves ~1.8 MB
more on the import, but rewrites ``href="x"`` as ``href=x`` and sorts attributes: every
consumer that reads the pages as text (a coach's scripts, the project's tests, search
engines' snippets) would see other markup for the same page. This keeps the markup and drops
only what no one reads.

Deterministic (a pure function of the text) and idempotent: a page minified twice is the
page minified once, so a dirty build that keeps last build's pages and minifies the pages it
renders makes the bytes a full build makes.
"""

from __future__ import annotations

import re
from pathlib import Path

from .writer import write_file

# One pass, left to right: an element kept whole, a tag kept whole (quoted attribute values
# may hold ">" and line breaks), or a run of whitespace holding a line break. HTML's
# whitespace is space, tab, line feed, form feed and carriage return: not U+00A0 (a
# non-breaking space is text).
_TOKENS = re.compile(
    r"""
    (?P<kept><(?P<name>pre|textarea|code|kbd|script|style)\b(?:[^>"']|"[^"]*"|'[^']*')*>
        .*?</(?P=name)[ \t\n\f\r]*>)
    | (?P<tag><[A-Za-z!/?](?:[^>"']|"[^"]*"|'[^']*')*>)
    | (?P<space>[ \t\f\r]*\n[ \t\n\f\r]*)
    """,
    re.S | re.I | re.X,
)


def _token(match: re.Match[str]) -> str:
    return "\n" if match["space"] is not None else match[0]


def minify_html(text: str) -> str:
    """``text`` with each run of whitespace between tags that holds a line break shortened to
    one line break, outside the elements and tags left as written (module docstring)."""
    return _TOKENS.sub(_token, text)


def minify_pages(site: Path) -> int:
    """Minify every HTML page of a built ``site`` in place (for an engine that has no hook per
    page: Zensical). A page already minified is left alone, so its file (maybe a hardlink the
    last site shares: ``lastbuild``) is not replaced; a changed one is replaced, never written
    through. Returns the number of pages rewritten."""
    rewritten = 0
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        small = minify_html(text)
        if small != text:
            write_file(page, small.encode("utf-8"))
            rewritten += 1
    return rewritten
