"""generator/minify.py: the published pages without the templates' indentation, and nothing else
changed; and the fixture guide's built pages are written that way (by the MkDocs plugin)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from generator.build import BuildReport
from generator.minify import minify_html, minify_pages, minify_reference

PAGE = """<!doctype html>
<html lang="en">
  <head>
    <title>Bounds - RunStrong</title>
  </head>
  <body>
    <p class="rs-lead">Long   strides,
        with flight</p>
    <a href="../x/" title="line one
        line two">go</a> <strong>on</strong>\u00a0\u00a0next
  </body>
</html>
"""


def test_runs_of_whitespace_with_a_line_break_become_one_line_break() -> None:
    small = minify_html(PAGE)
    assert small == (
        '<!doctype html>\n<html lang="en">\n<head>\n<title>Bounds - RunStrong</title>\n</head>\n'
        '<body>\n<p class="rs-lead">Long   strides,\nwith flight</p>\n<a href="../x/" title="line one\n'
        '        line two">go</a> <strong>on</strong>\u00a0\u00a0next\n</body>\n</html>\n'
    )
    # Spaces without a line break, a non-breaking space, attributes (quotes, order, a value's
    # line breaks) are as written: only runs a browser shows as one space are shortened.
    assert "Long   strides" in small and "\u00a0\u00a0next" in small
    assert 'href="../x/"' in small and 'title="line one\n        line two"' in small


@pytest.mark.parametrize(
    "kept",
    [
        "<pre><code>def f():\n    return 1\n\n\n    # end\n</code></pre>",
        '<pre class="x"  >a\n   b</pre  >',
        "<textarea>one\n    two</textarea>",
        "<code>  a\n  b  </code>",
        "<CODE>a\n    b</CODE>",
        "<kbd>Ctrl\n    C</kbd>",
        "<script>\n  const t = `a\n    b`\n</script>",
        '<script type="application/json">{"a":\n   1}</script>',
        "<style>\n  .a { color: red }\n</style>",
    ],
)
def test_whitespace_that_is_content_is_left_as_written(kept: str) -> None:
    page = f"<div>\n    {kept}\n    </div>"
    assert minify_html(page) == f"<div>\n{kept}\n</div>"


def test_a_tag_name_that_only_starts_like_a_kept_one_is_minified() -> None:
    page = "<p>\n  a</p>\n  <preview>\n   b</preview>\n  <codex>\n  c</codex>"
    assert minify_html(page) == "<p>\na</p>\n<preview>\nb</preview>\n<codex>\nc</codex>"


def test_a_quoted_attribute_may_hold_the_end_of_a_tag_and_a_kept_name() -> None:
    page = '<a title="x > <pre>\n  y">\n   link</a>\n   <pre>\n   z</pre>'
    assert minify_html(page) == '<a title="x > <pre>\n  y">\nlink</a>\n<pre>\n   z</pre>'


@pytest.mark.parametrize("page", [PAGE, "", "\n\n", "text only", "<p>a</p>", "<pre>\n\n</pre>\n \n"])
def test_minifying_twice_changes_nothing(page: str) -> None:
    once = minify_html(page)
    assert minify_html(once) == once


# Pieces that make the hard cases when shuffled: unclosed quotes, a "<" or a line break inside
# a tag or a quoted value, a kept element never closed, kept names in any case, a near-name.
_PIECES = [
    *"<>\"'\n \t\r\f\u00a0ap=/?!",
    "<pre>",
    "</pre>",
    "</PRE >",
    '<code class="x">',
    "</code >",
    "<div>",
    "</div>",
    '<a title="',
    "<!--",
    "-->",
    "<script>",
    "</script>",
    "<b\n>",
    "<textarea",
    "</kbd>",
    "<kbd",
    "<preview>",
    "\n\n",
    "  \n ",
    " \n\t",
]


def test_minify_html_is_its_definition_on_many_texts() -> None:
    """``minify_html`` skips the plain tags ``minify_reference`` reads one by one: the same text
    out, on shuffled pieces of HTML (seeded: the same texts on every run)."""
    rng = random.Random(19)
    for _ in range(10_000):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 40)))
        assert minify_html(text) == minify_reference(text), repr(text)
    indented = PAGE.replace(">\n", ">\n      ")
    assert minify_html(indented) == minify_reference(indented)


def test_the_text_a_reader_sees_is_unchanged() -> None:
    def shown(html: str) -> str:  # text content as a browser lays it out (white-space: normal)
        return re.sub(r"[ \t\n\f\r]+", " ", re.sub(r"<[^>]+>", "", html)).strip()

    assert shown(minify_html(PAGE)) == shown(PAGE)


def test_minify_pages_replaces_only_the_pages_that_change(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text("<p>\n   a</p>", encoding="utf-8")
    (site / "b.html").write_text("<p>\nb</p>", encoding="utf-8")
    (site / "data.json").write_text('{\n   "a": 1}', encoding="utf-8")
    untouched = (site / "b.html").stat().st_ino
    assert minify_pages(site) == 1
    assert (site / "a" / "index.html").read_text(encoding="utf-8") == "<p>\na</p>"
    assert (site / "b.html").stat().st_ino == untouched  # not rewritten (it may be a shared link)
    assert (site / "data.json").read_text(encoding="utf-8") == '{\n   "a": 1}'  # pages only
    assert minify_pages(site) == 0


def test_the_built_pages_are_minified(fixture_guide_site: tuple[Path, Path, BuildReport]) -> None:
    """Every page MkDocs wrote (exercise, program, browse and hand-written pages, the 404 page)
    is as ``minify_html`` leaves it: no line of the templates' indentation is left."""
    _, site, _ = fixture_guide_site
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert minify_html(text) == text, page
    sample = (site / "404.html").read_text(encoding="utf-8")
    assert "\n  <" not in sample and 'class="md-header"' in sample


def test_the_theme_keeps_white_space_only_where_minify_leaves_it() -> None:
    """A stylesheet rule that shows white space as written (``pre``, ``pre-wrap``, ``pre-line``,
    ``break-spaces``) on an element minify shortens would show the page differently: the
    theme's own rules may only name the elements left as written (Material's: code, kbd, pre)."""
    kept = {"pre", "textarea", "code", "kbd", "script", "style"}
    root = Path(__file__).resolve().parent.parent / "theme" / "assets" / "stylesheets"
    sheets = sorted(root.glob("*.css"))
    assert sheets
    for sheet in sheets:
        css = re.sub(r"/\*.*?\*/", "", sheet.read_text(encoding="utf-8"), flags=re.S)
        for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
            if not re.search(r"white-space\s*:\s*(pre|pre-wrap|pre-line|break-spaces)\b", body):
                continue
            for selector in selectors.split(","):
                last = re.split(r"[\s>+~]+", selector.strip())[-1]
                tag = re.match(r"[a-zA-Z][a-zA-Z0-9-]*", last)
                assert tag and tag[0].lower() in kept, f"{sheet.name}: {selector.strip()} keeps white space"
