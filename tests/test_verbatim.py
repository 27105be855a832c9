"""Verbatim HTML: set aside from an engine's Markdown and search, put back into the page as written."""

from __future__ import annotations

import markdown
import pytest

from generator import verbatim
from generator.minify import minify_html

CARDS = '<ul class="rs-cards">\n<li class="rs-card" data-level="beginner"><a href="a/">A &amp; B</a>' + (
    '<p data-search-exclude>Say *this* and <em>that</em>\n  on two lines.</p></li>\n<li><a href="c/">C</a></li>\n</ul>'
)


def page(*blocks: str) -> str:
    parts = ["# Library", "Some *Markdown* text.\n{ .rs-lead }"]
    for i, block in enumerate(blocks):
        parts += [f"## Letter {i}", verbatim.wrap(block), "A paragraph after it."]
    return "\n\n".join(parts) + "\n"


def convert(text: str) -> str:
    # The extensions mkdocs.yml turns on that read raw HTML blocks or attributes.
    return markdown.markdown(text, extensions=["md_in_html", "attr_list", "toc", "tables"])


@pytest.mark.parametrize(
    "blocks",
    [
        [CARDS],
        [CARDS, CARDS.replace("A &amp; B", "Other")],
        ['<div class="x">\n\n<p>a blank line inside</p>\n\n</div>'],
        ["<ul>\n<li>1 &lt; 2</li>\n</ul>", "<p>second</p>", "<table><tr><td>3</td></tr></table>"],
    ],
)
def test_set_aside_and_put_back_publish_the_html_markdown_publishes(blocks: list[str]) -> None:
    text = page(*blocks)
    as_is = convert(verbatim.unwrap(text))
    aside, kept = verbatim.set_aside(text)
    assert kept == blocks
    assert all(block not in aside for block in blocks)  # Markdown never reads them
    assert verbatim.put_back(convert(aside), kept) == as_is
    # Minified as the plugin does it: the page, then each block, gives the page minified.
    assert verbatim.put_back(minify_html(convert(aside)), [minify_html(b) for b in kept]) == minify_html(
        as_is
    )


def test_unwrap_drops_only_the_markers() -> None:
    text = page(CARDS)
    assert verbatim.OPEN not in verbatim.unwrap(text) and verbatim.CLOSE not in verbatim.unwrap(text)
    assert verbatim.unwrap(text) == text.replace(verbatim.OPEN + "\n", "").replace("\n" + verbatim.CLOSE, "")


def test_a_page_without_blocks_is_left_alone() -> None:
    text = "# Title\n\n<!-- a comment -->\n\n<ul><li>x</li></ul>\n"
    assert verbatim.set_aside(text) == (text, [])
    assert verbatim.put_back("<p>x</p>", []) == "<p>x</p>"


@pytest.mark.parametrize(
    "html", ["<p>nothing here</p>", "<!--rs:verbatim 0--><!--rs:verbatim 0-->", "<!--rs:verbatim 1-->"]
)
def test_a_lost_or_repeated_placeholder_fails(html: str) -> None:
    with pytest.raises(ValueError, match="placeholders"):
        verbatim.put_back(html, ["<ul></ul>"])


def test_markers_in_text_are_not_blocks() -> None:
    # Renderers escape content: a summary that spells a marker is text, never a block.
    text = "Escaped: &lt;!--rs:verbatim--&gt;\n\n" + verbatim.wrap("<p>x</p>") + "\n"
    aside, kept = verbatim.set_aside(text)
    assert kept == ["<p>x</p>"] and aside.startswith("Escaped: &lt;!--rs:verbatim--&gt;")


def test_html_kept_from_markdown_only_goes_back_where_markdown_left_it() -> None:
    lists = ["<ul>\n<li>1 &lt; 2</li>\n</ul>", "<table>\n<tr>\n<td>3</td>\n</tr>\n</table>"]
    text = (
        "# T\n\n" + "\n\n".join(verbatim.wrap_html(b) for b in lists) + "\n\n" + verbatim.wrap(CARDS) + "\n"
    )
    assert verbatim.marked(text) and not verbatim.marked("# T\n\n<ul><li>x</li></ul>\n")
    aside, kept = verbatim.set_aside_html(text)
    assert kept == lists and verbatim.wrap(CARDS) in aside  # the other kind is left for set_aside
    plain = text.replace(verbatim.wrap(CARDS), "")
    aside, kept = verbatim.set_aside_html(plain)
    assert verbatim.put_back_html(convert(aside), kept) == convert(verbatim.unwrap(plain))
    with pytest.raises(ValueError, match="placeholders"):
        verbatim.put_back_html("<p>the placeholders were lost</p>", kept)
