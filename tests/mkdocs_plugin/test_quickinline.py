"""The inline step's first look (mkdocs_plugin/quickinline.py): the same HTML as Python-Markdown's
own loop, that loop skipped for a text no pattern matches."""

from __future__ import annotations

from typing import Any

import pytest
from markdown.treeprocessors import InlineProcessor

from generator.mkdocs_plugin.quickinline import QuickInline
from generator.pages.markdown import escape

from ..pages.test_htmlblocks import TEXTS
from .guidemarkdown import guide_markdown

# Each inline pattern's own syntax, and the near misses of it a first look must not skip wrongly.
TRICKY = [
    "a `code` span",
    "escaped \\* star",
    "[ref][1] and [short] and ![img][x]",
    "a line  \nbreak",
    "<b>raw</b> and <!-- comment --> and <a@b.c>",
    "&copy; &#169; &#xA9; & alone",
    "**strong** *em* ***both*** __strong__ _em_",
    ":smile: :material-run-fast: :+1:",
    "a: b: c",
    "\x02wzxhzdk:3\x03",
]


def _document() -> str:
    texts = TEXTS + [escape(text) for text in TEXTS] + TRICKY
    lines: list[str] = []
    for i, text in enumerate(texts):
        lines += [
            f"## {text} {{ #s{i} }}",
            "",
            text,
            "",
            f"- {text}",
            f"- **{text}**",
            "",
            f"| {text} |",
            "|---|",
            "",
        ]
        lines += ['!!! note "A note"', "", f"    {text}", ""]
    return "\n".join(lines)


def test_the_html_is_python_markdowns_own() -> None:
    plain, quick = guide_markdown(), guide_markdown()
    assert QuickInline(quick).installed
    document = _document()
    for _ in range(2):  # the second time after a reset, as the converter reuses it
        plain.reset()
        quick.reset()
        assert quick.convert(document) == plain.convert(document)
        assert quick.toc_tokens == plain.toc_tokens  # type: ignore[attr-defined]


def test_a_pattern_is_called_only_where_it_finds_something(monkeypatch: pytest.MonkeyPatch) -> None:
    applied: list[Any] = []
    apply = InlineProcessor._InlineProcessor__applyPattern  # type: ignore[attr-defined]

    def counted(self: Any, pattern: Any, data: str, *args: Any) -> Any:
        applied.append(pattern)
        return apply(self, pattern, data, *args)

    monkeypatch.setattr(InlineProcessor, "_InlineProcessor__applyPattern", counted)
    md = guide_markdown()
    QuickInline(md)
    assert md.convert("## Set-up\n\nStand tall, feet hip-width apart: 3 × 10.") == (
        '<h2 id="set-up">Set-up<a class="headerlink" href="#set-up" title="Permanent link">&para;</a></h2>\n'
        "<p>Stand tall, feet hip-width apart: 3 × 10.</p>"
    )
    assert applied == []  # a plain text: no pattern called
    md.reset()
    assert md.convert("Stand **tall**.") == "<p>Stand <strong>tall</strong>.</p>"
    assert applied and all(pattern is md.inlinePatterns["em_strong"] for pattern in applied)


def test_a_pattern_registered_later_is_looked_for() -> None:
    md = guide_markdown()
    quick = QuickInline(md)
    from markdown.inlinepatterns import SimpleTagInlineProcessor

    md.inlinePatterns.register(SimpleTagInlineProcessor(r"(\+\+)(.+?)\+\+", "ins"), "ins", 65)
    quick.refresh()
    assert md.convert("a ++b++ c") == "<p>a <ins>b</ins> c</p>"


def test_another_inline_processor_is_left_alone() -> None:
    md = guide_markdown()

    class Other(InlineProcessor):
        pass

    md.treeprocessors.register(Other(md), "inline", 20)
    assert not QuickInline(md).installed
    assert md.convert("Stand **tall**.") == "<p>Stand <strong>tall</strong>.</p>"
