"""Lists and tables written as finished HTML: the bytes MkDocs' Markdown makes of the Markdown they
replace, or the Markdown itself when a line is not the renderer's own (pages/htmlblocks.py)."""

from __future__ import annotations

import os
import posixpath
import random
from functools import cache
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator import verbatim
from generator.pages import htmlblocks
from generator.pages.markdown import Md, escape, link

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ["exercises/a.md", "exercises/by-muscle.md", "exercises/index.md", "programs/p.md", "index.md"]

# Texts as authors write them, hostile ones among them: each is escaped as a template escapes it.
TEXTS = [
    "Stand tall, feet hip-width apart.",
    "Hips back — weights close; 3 × 10 · rest 90 s.",
    "Ünïcode, “quotes” and 'apostrophes' and 100%",
    "<script>alert(1)</script>",
    "Q&A: a & b &amp; c &#58; d",
    "*not emphasis* and _not either_ and **nor this**",
    "[a link](javascript:alert(1)) and ![an image](x.png)",
    ":material-alert: and :smile: and a:b:c and 10:30",
    "1. not a list",
    "- not a bullet",
    "+ nor this",
    "> not a quote",
    "# not a heading",
    "??? not a fold",
    ": not a definition",
    "~~~ not a fence",
    "--- not a rule",
    "a | pipe { .attr } and `code` and \\ a backslash",
    "    four spaces in front",
    "trailing spaces   ",
    "http://example.com and <http://example.com>",
    "snake_case_words and 2*3*4",
    "[^1] not a footnote",
    "*[HTML]: not an abbreviation",
]


@cache
def _config() -> MkDocsConfig:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    return load_config(config_file=str(ROOT / "mkdocs.yml"))


def _published(markdown: str, source: str) -> str:
    """``markdown`` rendered on the page ``source`` as the plugin renders it: HTML blocks set
    aside, MkDocs' own Markdown (extensions, link resolving), the blocks put back."""
    config = _config()
    files = Files(
        [File(path, src_dir=None, dest_dir=config.site_dir, use_directory_urls=True) for path in SOURCES]
    )
    file = files.get_file_from_path(source)
    assert file is not None
    page = Page(None, file, config)
    # Every line right-stripped, as pages.render's tidying leaves a page.
    markdown = "\n".join(line.rstrip() for line in markdown.splitlines())
    aside, blocks = verbatim.set_aside_html(markdown)
    page.markdown = aside
    page.render(config, files)
    return verbatim.put_back_html(page.content or "", blocks)


@pytest.mark.parametrize("source", SOURCES)
def test_a_list_of_escaped_texts_is_what_markdown_makes_of_it(source: str) -> None:
    items = [escape(text) for text in TEXTS]
    kept = htmlblocks.bullets(items, source)
    as_markdown = Md("\n".join(f"- {item}" for item in items))
    assert verbatim.HTML_OPEN in kept  # every author's text converts: none is left to Markdown
    assert _published(kept, source) == _published(as_markdown, source)
    numbered = htmlblocks.bullets(items, source, ordered=True)
    as_numbered = Md("\n".join(f"{i}. {item}" for i, item in enumerate(items, 1)))
    assert _published(numbered, source) == _published(as_numbered, source)


@pytest.mark.parametrize("source", SOURCES)
def test_links_bold_and_quiet_spans_are_what_mkdocs_makes_of_them(source: str) -> None:
    here = os.path.dirname(source)

    def to(target: str, anchor: str = "") -> str:
        rel = os.path.relpath(target, here or ".")
        return f"{rel}#{anchor}" if anchor else rel

    items = [
        Md(
            f"**Primary:** {link('Hamstrings', to('exercises/by-muscle.md', 'hamstrings'))}, {link('Glutes & co', to('exercises/by-muscle.md', 'glute-max'))}"
        ),
        Md(f"{link('Box <Jump>', to('exercises/a.md'))} (beginner): {escape('A *plyo* drill.')}"),
        Md(f"{link('The library', to('exercises/index.md'))} and {link('home', to('index.md'))}"),
        Md(f"{link('Week 1', to('programs/p.md', 'week-1'))} · {link('the dose', '#dose')}"),
        Md(f"{link('A study, 2020', 'https://example.com/a?b=1&c=2#x')}"),
        Md(f"<span data-search-exclude>**Lighter** — {escape('Use less load.')}</span>"),
        Md(f"**{escape('No kit, dumbbells and gym')}:** this exercise, as written."),
        Md(f"{link('Push-up', to('exercises/a.md'))} <em>(secondary)</em>"),  # a browse page's
    ]
    kept = htmlblocks.bullets(items, source)
    assert verbatim.HTML_OPEN in kept
    assert _published(kept, source) == _published(Md("\n".join(f"- {i}" for i in items)), source)


@pytest.mark.parametrize(
    "item",
    [
        Md(":material-dumbbell: **Equipment:** none"),  # an icon: pymdownx.emoji's to draw
        Md("[A PDF](../assets/p.pdf)"),  # a file: MkDocs resolves and checks it
        Md("two\n\nparagraphs"),  # not one line
        Md("*emphasis*"),  # not the renderer's own Markdown
        Md("<b>raw</b>"),
        Md(""),
    ],
)
def test_what_is_not_the_renderers_markdown_stays_markdown(item: Md) -> None:
    items = [escape("Stand tall."), item]
    block = htmlblocks.bullets(items, "exercises/a.md")
    assert verbatim.HTML_OPEN not in block
    assert block == "\n".join(f"- {i}" for i in items)


@pytest.mark.parametrize("source", ["exercises/a.md", "index.md"])
def test_a_table_is_what_the_tables_extension_makes_of_it(source: str) -> None:
    head = [escape("Sets × reps"), escape("Rest"), escape("Effort | RPE")]
    rows = [[escape(t), escape("90 s"), escape("RPE 7")] for t in TEXTS[:12]]
    kept = htmlblocks.table(head, rows, source)
    lines = [
        "| " + " | ".join(head) + " |",
        "| --- | --- | --- |",
        *("| " + " | ".join(r) + " |" for r in rows),
    ]
    assert verbatim.HTML_OPEN in kept
    assert _published(kept, source) == _published(Md("\n".join(lines)), source)
    ragged = htmlblocks.table(head, [rows[0][:2]], source)  # a short row: left to Markdown
    assert verbatim.HTML_OPEN not in ragged


def test_the_related_box_is_what_md_in_html_makes_of_it() -> None:
    items = [
        Md(f"{link('B', 'by-muscle.md#x')} (beginner): {escape('A drill & more.')}"),
        Md(f"{link('C', 'index.md')}"),
    ]
    kept = htmlblocks.related(items, "exercises/a.md")
    assert verbatim.HTML_OPEN in kept
    box = htmlblocks.related([*items, Md(":smile:")], "exercises/a.md")  # left to Markdown
    assert verbatim.HTML_OPEN not in box
    as_markdown = Md(
        '<div class="rs-related" data-search-exclude markdown>\n\n'
        + "\n".join(f"- {i}" for i in items)
        + "\n\n</div>"
    )
    assert _published(kept, "exercises/a.md") == _published(as_markdown, "exercises/a.md")


@pytest.mark.parametrize("source", ["exercises/a.md", "index.md"])
@pytest.mark.parametrize("text", [TEXTS[1], TEXTS[4], TEXTS[5], TEXTS[9], TEXTS[13], TEXTS[20]])
def test_a_paragraph_is_what_markdown_and_attr_list_make_of_it(source: str, text: str) -> None:
    library = os.path.relpath("exercises/index.md", os.path.dirname(source) or ".")
    line = Md(f"{escape(text)} in {link('the library', library)}.")
    for css_class, searched, attrs in [
        ("", True, ""),
        ("rs-lead", True, "{ .rs-lead }"),
        ("", False, "{ data-search-exclude }"),
    ]:
        kept = htmlblocks.paragraph(line, source, css_class=css_class, searched=searched)
        assert verbatim.HTML_OPEN in kept
        as_markdown = Md(f"{line}\n{attrs}" if attrs else line)
        assert _published(kept, source) == _published(as_markdown, source)
    two = Md(f"{escape('One.')}\n\n{escape('Two.')}")  # two paragraphs: left to Markdown
    assert htmlblocks.paragraph(two, source) == two
    with pytest.raises(ValueError):
        htmlblocks.paragraph(line, source, css_class="x", searched=False)


def test_the_breadcrumb_is_what_md_in_html_makes_of_it() -> None:
    items = [link("Exercises", "index.md"), link(TEXTS[5], "by-muscle.md#glute-max")]
    kept = htmlblocks.breadcrumb(items, "exercises/a.md")
    assert verbatim.HTML_OPEN in kept
    body = "\n".join(f"{i}. {item}" for i, item in enumerate(items, 1))
    nav = '<nav class="rs-breadcrumb" aria-label="Breadcrumb" data-search-exclude markdown>'
    as_markdown = Md(f"{nav}\n\n{body}\n\n</nav>")
    assert _published(kept, "exercises/a.md") == _published(as_markdown, "exercises/a.md")
    assert verbatim.HTML_OPEN not in htmlblocks.breadcrumb([Md(":smile:")], "exercises/a.md")


def test_zensical_gets_the_html_as_raw_html_blocks() -> None:
    block = htmlblocks.bullets([escape("x")], "exercises/a.md")
    page = f"# T\n\n{block}\n\nAfter.\n"
    assert verbatim.marked(page)
    assert verbatim.unwrap(page) == "# T\n\n<ul>\n<li>x</li>\n</ul>\n\nAfter.\n"


def test_plain_text_is_its_own_html_as_the_token_by_token_reading_says() -> None:
    """``inline``'s shortcut for text of plain runs and colons gives what reading it token by
    token gives (shuffled pieces, colons and every character the tokens start with)."""
    pieces = [*"ab :_-+1*\\[]()<>&#!|{}`~.", ":smile:", "a:b", ":x-y:", "10:30", "&amp;", "**", "é"]
    rng = random.Random(19)
    for _ in range(5_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert htmlblocks.inline(text, "exercises/a.md") == htmlblocks._tokens(text, "exercises/a.md"), text


def test_a_relative_url_is_what_relpath_makes_of_it() -> None:
    """The page-to-page href, worked out from the paths' parts, is posixpath.relpath's answer,
    plain paths or not (empty, ".", ".." and doubled slashes fall back to relpath itself)."""
    parts = ["a", "b", "exercises", "index", "", ".", ".."]
    rng = random.Random(19)
    for _ in range(5_000):
        url = "/".join(rng.choice(parts) for _ in range(rng.randint(0, 4)))
        page = "/".join(rng.choice(parts) for _ in range(rng.randint(0, 4)))
        rel = posixpath.relpath("/" + url, "/" + page)
        assert htmlblocks._relative_url(url, page) == (rel + "/" if url.endswith("/") or not url else rel)
