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
# non-breaking space is text). This is the definition; ``minify_html`` makes the same text
# faster (``_CANDIDATE``), and tests/test_minify.py holds the two to each other.
_TAG_ITEMS = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
_TOKENS = re.compile(
    rf"""
    (?P<kept><(?P<name>pre|textarea|code|kbd|script|style)\b{_TAG_ITEMS}>
        .*?</(?P=name)[ \t\n\f\r]*>)
    | (?P<tag><[A-Za-z!/?]{_TAG_ITEMS}>)
    | (?P<space>[ \t\f\r]*\n[ \t\n\f\r]*)
    """,
    re.S | re.I | re.X,
)
# Where ``_TOKENS`` could find a token other than a plain tag or a run: a "<" that opens a
# kept element, or a tag whose text holds a line break or a "<" before its end (a run, or a
# kept element's start, could be found inside it). Every other "<" opens a plain tag (no token
# can start inside it: scanning through it finds what scanning past it finds) or text that is
# no tag, and the runs between candidates are shortened by str methods, not a Python call for
# each of a page's ~1,000 tags and runs: ~0.45 ms a page instead of ~1.1 ms. Possessive, so a
# tag is read once; a candidate is then read by ``_TOKENS`` itself. tests/test_minify.py holds
# ``minify_html`` to ``minify_reference`` on many texts.
_CANDIDATE = re.compile(
    r"""<(?:(?:pre|textarea|code|kbd|script|style)\b
    |[A-Za-z!/?](?:[^>"'\n<]++|"[^"\n<]*+"|'[^'\n<]*+')*+(?:[\n<]|"[^"\n<]*+[\n<]|'[^'\n<]*+[\n<]))""",
    re.I | re.X,
)
_WHITESPACE = " \t\f\r"  # and the line feed, by which a stretch is split


def _token(match: re.Match[str]) -> str:
    return "\n" if match["space"] is not None else match[0]


def minify_reference(text: str) -> str:
    """``minify_html`` as its definition, one token at a time (the tests' reference)."""
    return _TOKENS.sub(_token, text)


def _runs(stretch: str) -> str:
    """``stretch`` (no token but runs in it) with each whitespace run holding a line break
    shortened to one line break."""
    lines = stretch.split("\n")
    if len(lines) == 1:
        return stretch
    inner = (line.strip(_WHITESPACE) for line in lines[1:-1])
    return "\n".join(
        [lines[0].rstrip(_WHITESPACE), *(line for line in inner if line), lines[-1].lstrip(_WHITESPACE)]
    )


def minify_html(text: str) -> str:
    """``text`` with each run of whitespace between tags that holds a line break shortened to
    one line break, outside the elements and tags left as written (module docstring)."""
    out: list[str] = []
    pos = start = 0
    while (candidate := _CANDIDATE.search(text, pos)) is not None:
        at = candidate.start()
        token = _TOKENS.match(text, at)
        if token is None:  # not a tag: text, read on from the next character as _TOKENS does
            pos = at + 1
            continue
        out += [_runs(text[start:at]), token[0]]  # a kept element or a tag: as written
        start = pos = token.end()
    out.append(_runs(text[start:]))
    return "".join(out)


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
