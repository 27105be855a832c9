"""Material's search sections read by a faster parser (generator/mkdocs_plugin/searchparse.py):
the same sections as Material's own parser on the built pages and on hostile HTML, and the
pages it does not read itself left to html.parser."""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import pytest
from material.plugins.search.plugin import Parser

from generator.build import BuildReport
from generator.mkdocs_plugin import searchparse


def _sections(parser_class: type[Any], html: str) -> list[Any] | str:
    """What a parser makes of ``html`` (every field the index reads), or the error it raised."""
    parser = parser_class()
    try:
        parser.feed(html)
        parser.close()
    except Exception as exc:  # Material's parser can fail on some HTML: so must this one
        return type(exc).__name__
    return [(s.el.tag, s.el.attrs, s.depth, s.id, s.title, s.text, s.is_excluded()) for s in parser.data]


def _articles(site: Path) -> list[str]:
    """The rendered Markdown of each built page (what search reads, as the page prints it)."""
    found = []
    for page in sorted(site.rglob("*.html")):
        match = re.search(r"<article[^>]*>(.*)</article>", page.read_text(encoding="utf-8"), re.S)
        if match:
            found.append(match[1])
    return found


def test_the_built_pages_give_materials_sections(fixture_guide_site: tuple[Path, Path, BuildReport]) -> None:
    _, site, _ = fixture_guide_site
    articles = _articles(site)
    assert len(articles) > 10
    read = [html for html in articles if searchparse._events(html) is not None]
    assert len(read) > len(articles) // 2  # most pages are read without html.parser
    for html in articles:
        assert _sections(searchparse.FastParser, html) == _sections(Parser, html)


# Shuffled, these make the hard cases: excluded boxes nesting others of their tag, headings
# with and without ids, permalinks, kept tags left empty, void and self-closed tags, character
# references, tags and attributes in capitals, quotes of both kinds, and what only html.parser
# reads (comments, declarations, scripts, a "<" in text, unquoted values).
PIECES = [
    *[
        "<p>",
        "</p>",
        "<P>",
        "</P>",
        "<div>",
        "</div>",
        "<div data-search-exclude>",
        "<DIV DATA-SEARCH-EXCLUDE>",
    ],
    *[
        "<h1 id=t>",
        "</h1>",
        "<h2 id=a>",
        '<h2 id="q&amp;r">',
        "</h2>",
        "<h3>",
        "</h3>",
        "<h2 id>",
        "<hx>",
        "</hx>",
    ],
    *[
        '<a class="headerlink" href="#a">',
        "</a>",
        "¶",
        "<pre>",
        "</pre>",
        "<code>",
        "</code>",
        "<sub>",
        "</sub>",
    ],
    *["<ul>", "</ul>", "<li>", "</li>", "<br>", "<br/>", "<br />", "<img src=x>", '<img alt="a &amp; b">'],
    *[
        "text",
        " ",
        "\n",
        "a\nb",
        "\xa0",
        "&amp;",
        "&lt;",
        "&#60;",
        "&",
        "&amp",
        "x<y",
        "< p>",
        "</ p>",
        "</p >",
    ],
    *[
        "<script>",
        "</script>",
        "<style>",
        "</style>",
        "<object>",
        "</object>",
        "<!-- c -->",
        "<!DOCTYPE html>",
    ],
    *[
        '<td class="linenodiv">',
        "</td>",
        "<p class='x'>",
        "<p class=x>",
        '<p class="a"class="b">',
        '<span title="">',
    ],
    *["<p\t\n>", "<e-x>", "</e-x>", '<div data-search-exclude="">', '<section id="s">', "</section>"],
]


@pytest.mark.parametrize("seed", [1, 2])
def test_hostile_html_gives_materials_sections(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(4_000):
        html = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 24)))
        assert _sections(searchparse.FastParser, html) == _sections(Parser, html), repr(html)


@pytest.mark.parametrize(
    "html",
    [
        "<p>a</p><!-- c -->",
        "<script>x</script>",
        "a < b",
        "<p class=x>a</p>",
        "<p title='x'>a</p>",
        "<!DOCTYPE html>",
    ],
)
def test_what_the_fast_reading_does_not_know_is_left_to_html_parser(html: str) -> None:
    assert searchparse._events(html) is None
    assert _sections(searchparse.FastParser, html) == _sections(Parser, html)
