"""Safe Markdown output: data is text, never markup.

Every ``{{ value }}`` in a template is escaped by default (a ``finalize`` hook), because a
name like ``<script>`` or ``[x](javascript:…)`` in YAML must print as itself, not run or
link. Markdown that the renderer builds on purpose (links, chips) is wrapped in ``Md`` and
passes through untouched.
"""

from __future__ import annotations

import functools
import json
import re

# Characters that start inline markup in Python-Markdown and its extensions (attr_list's
# braces, tables' pipes); only ones Markdown accepts a backslash before, or the backslash
# would show. '&' and '<' become entities so raw HTML can never form.
_INLINE = re.compile(r"([\\`*_\[\]{}|#!])")
# At the start of a paragraph these would turn prose into a heading, list or quote.
_BULLET_START = re.compile(r"^(\s*)([-+>])(\s)")
_NUMBER_START = re.compile(r"^(\s*)(\d+)([.)])(\s)")
# At the start of a paragraph these open a block of an extension the site enables: '???' a
# collapsible box (pymdownx.details), ':' a definition (def_list), '~~~' a fence
# (superfences), '-' a rule ('---') or a snippet. Python-Markdown accepts no backslash before
# '?', ':' or '~', so the first character becomes its character reference (shown as itself).
_BLOCK_START = {"?": "&#63;", ":": "&#58;", "~": "&#126;", "-": "\\-", "=": "&#61;"}
# Four spaces (or a tab) in front of a line make it a code block: one space is kept.
_CODE_INDENT = re.compile(r"^(?: {4,}|\s*\t)\s*")
# ':material-alert:' anywhere becomes an icon (pymdownx.emoji): its first colon, a reference.
_SHORTCODE = re.compile(r":(?=[A-Za-z0-9_+-]+:)")


class Md(str):
    """A string that already is Markdown (built by the renderer, not taken from data)."""


def escape(value: object) -> Md:
    if isinstance(value, Md):
        return value
    return Md(_escaped(str(value)))


@functools.lru_cache(maxsize=65536)
def _escaped(text: str) -> str:
    # A library repeats the same texts on many pages (names, muscles, summaries in lists): each
    # is escaped once. A pure function of the text, so the cache changes no output.
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE.sub(r"\\\1", text)
    text = _SHORTCODE.sub("&#58;", text)
    if "\n" not in text:
        return Md(_inline_start(_CODE_INDENT.sub(" ", text)))
    # Authors' paragraphs: lines of one paragraph join; blank lines separate paragraphs.
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip())]
    return Md("\n\n".join(_inline_start(p) for p in paragraphs if p))


def block(value: object, width: int = 4) -> Md:
    """Escaped text as the body of an indented block (an admonition): every paragraph indented,
    so a second paragraph stays inside the block instead of ending it."""
    return Md(escape(value).replace("\n", "\n" + " " * width).replace("\n" + " " * width + "\n", "\n\n"))


def _inline_start(text: str) -> str:
    text = _NUMBER_START.sub(r"\1\2\\\3\4", _BULLET_START.sub(r"\1\\\2\3", text))
    stripped = text.lstrip()
    if stripped[:1] in _BLOCK_START:
        lead = len(text) - len(stripped)
        text = text[:lead] + _BLOCK_START[stripped[0]] + stripped[1:]
    return text


def finalize(value: object) -> object:
    """Jinja's output hook: escape everything that is not already Markdown."""
    if value is None:
        return ""
    return value if isinstance(value, Md) else escape(value)


def link(text: object, target: str) -> Md:
    return Md(f"[{escape(text)}]({target})")


def front_matter(fields: dict[str, object]) -> Md:
    """YAML front matter; values are written as JSON, which YAML reads back exactly."""
    lines = ["---"]
    lines += [
        f"{key}: {json.dumps(value, ensure_ascii=False, sort_keys=True)}" for key, value in fields.items()
    ]
    lines.append("---")
    return Md("\n".join(lines))
