"""The table of contents' heading texts remembered (mkdocs_plugin/tocmemo.py): the same HTML and
table of contents as Python-Markdown's own ``toc``, each plain heading text rendered once."""

from __future__ import annotations

import markdown
import pytest
from markdown.extensions import toc
from markdown.postprocessors import Postprocessor

from generator.mkdocs_plugin.tocmemo import TocMemo
from generator.pages.markdown import escape

from ..pages.test_htmlblocks import TEXTS
from .guidemarkdown import guide_markdown

HEADINGS = [
    *TEXTS,
    *(escape(text) for text in TEXTS),
    "Set-up",
    "Set-up",
    "**Bold** and `code`",
    "A :material-run-fast: icon",
    "<span>raw</span> HTML",
    "Footnote[^1]",
    "&amp; and &copy;",
]


def _page(n: int) -> str:
    lines = [f"# Page {n}", ""]
    for i, text in enumerate(HEADINGS[n:] + HEADINGS[:n]):
        lines += [f"{'#' * (2 + i % 3)} {text}", "", "Text.", ""]
    lines += ["## Set-up { #setup data-toc-label='Getting ready' }", "", "[^1]: A note.", ""]
    return "\n".join(lines)


def test_the_pages_and_tables_of_contents_are_python_markdowns_own() -> None:
    plain, memo = guide_markdown(), guide_markdown()
    assert TocMemo(memo).installed
    for n in [0, 1, 2, 0, 5]:  # the same headings again, on other pages and after a reset
        plain.reset()
        memo.reset()
        assert memo.convert(_page(n)) == plain.convert(_page(n))
        assert memo.toc_tokens == plain.toc_tokens  # type: ignore[attr-defined]
        assert memo.toc == plain.toc  # type: ignore[attr-defined]


def test_a_heading_text_is_rendered_once(monkeypatch: pytest.MonkeyPatch) -> None:
    rendered: list[str | None] = []
    render = toc.render_inner_html

    def counted(el: object, md: markdown.Markdown) -> str:
        rendered.append(getattr(el, "text", None))
        return render(el, md)  # type: ignore[arg-type]

    # TocMemo reads the module's function when it is made: the counter is what it calls.
    monkeypatch.setattr(toc, "render_inner_html", counted)
    md = guide_markdown()
    TocMemo(md)
    for _ in range(3):
        md.reset()
        md.convert("## Set-up\n\n## Steps { #steps }\n\n## **Cues**\n")
    assert rendered.count("Set-up") == 1
    assert rendered.count("Steps") == 1
    assert len([text for text in rendered if text not in ("Set-up", "Steps")]) == 3  # a child: each time


def test_another_postprocessor_renders_every_heading() -> None:
    class Shout(Postprocessor):
        def run(self, text: str) -> str:
            return text.upper()

    md = guide_markdown()
    TocMemo(md)
    assert md.convert("## Set-up") == md.convert("## Set-up")
    md.postprocessors.register(Shout(md), "shout", 1)
    md.reset()
    md.convert("## Set-up")
    assert md.toc_tokens[0]["name"] == "SET-UP"  # type: ignore[attr-defined]
