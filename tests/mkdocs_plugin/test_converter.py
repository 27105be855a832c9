"""The generated pages' Markdown converted by one reused converter (mkdocs_plugin/converter.py):
each page as MkDocs' own ``Page.render`` makes it (HTML, table of contents, title, anchors, links
to anchors), whatever pages were converted before it."""

from __future__ import annotations

import os
from functools import cache
from typing import Any

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator import verbatim
from generator.mkdocs_plugin import converter
from generator.pages.markdown import escape

from ..conftest import ROOT
from ..pages.test_htmlblocks import TEXTS

GOLDEN = ROOT / "tests" / "pages" / "golden"
SOURCES = {
    "romanian-deadlift.md": "exercises/romanian-deadlift.md",
    "by-muscle.md": "exercises/by-muscle.md",
    "library-index.md": "exercises/index.md",
    "foundation.md": "programs/foundation.md",
}


@cache
def _config() -> MkDocsConfig:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    return load_config(config_file=str(ROOT / "mkdocs.yml"))


def _hostile(n: int) -> str:
    """A page of the renderer's kinds of block, each text escaped as a template escapes it."""
    texts = [escape(text) for text in TEXTS]
    lines = [f"# Page {n} {texts[n % len(texts)]}", ""]
    for i, text in enumerate(texts):
        lines += [f"## {text} {{ #s{i} }}", "", text, "", f"- {text}", f"- [{text}](a.md#s{i})", ""]
    lines += ['!!! warning "Safety"', "", f"    {texts[3]}", "", "## Again { #s1 }", "", "## Same title", ""]
    lines += [
        '<div class="rs-facts" markdown>',
        "",
        f"- :material-dumbbell: **Kit:** {texts[0]}",
        "",
        "</div>",
    ]
    return "\n".join(lines) + "\n"


def _documents() -> list[tuple[str, str]]:
    docs = [(source, (GOLDEN / golden).read_text(encoding="utf-8")) for golden, source in SOURCES.items()]
    docs += [(f"exercises/h{n}.md", _hostile(n)) for n in range(3)]
    return docs + docs[::-1]  # each page after every other


def _facts(page: Page) -> tuple[Any, ...]:
    links = {f.src_uri: dict(anchors) for f, anchors in (page.links_to_anchors or {}).items()}
    return (page.content, str(page.toc), page._title_from_render, page.present_anchor_ids, links)


def _page(source: str, markdown: str, files: Files) -> Page:
    file = files.get_file_from_path(source)
    assert file is not None
    page = Page(None, file, _config())
    # As the plugin hands it over: the HTML blocks set aside, front matter read off.
    aside, _ = verbatim.set_aside_html(verbatim.set_aside(markdown)[0])
    page.markdown = aside.split("---\n", 2)[2] if aside.startswith("---\n") else aside
    return page


@pytest.mark.skipif(not converter.SUPPORTED, reason="the converter follows MkDocs 1.6's Page.render")
def test_each_page_is_what_mkdocs_renders_after_any_other() -> None:
    config = _config()
    docs = _documents()
    sources = sorted({source for source, _ in docs} | {"exercises/a.md", "index.md"})
    files = Files([File(p, src_dir=None, dest_dir=config.site_dir, use_directory_urls=True) for p in sources])
    reused = converter.Converter()
    for source, markdown in docs:
        own = _page(source, markdown, files)
        own.render(config, files)
        mine = _page(source, markdown, files)
        reused.render(mine, config, files)
        assert _facts(mine) == _facts(own), source
    assert len({id(reused._markdown(config)) for _ in range(2)}) == 1  # one converter throughout


def test_a_page_handed_over_gets_its_own_render_back() -> None:
    config = _config()
    files = Files([File("exercises/a.md", src_dir=None, dest_dir=config.site_dir, use_directory_urls=True)])
    page = _page("exercises/a.md", "# A\n", files)
    reused = converter.Converter()
    reused.take(page, config, files)
    page.render(config, files)
    assert (
        page.content == '<h1 id="a">A<a class="headerlink" href="#a" title="Permanent link">&para;</a></h1>'
    )
    converter.Converter.release(page)
    assert "render" not in vars(page)
