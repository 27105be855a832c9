"""Material's partials rendered once for the pages they print alike (mkdocs_plugin/fragments.py):
the site byte for byte as Material renders every partial on every page, and the pages where a
partial could differ (nav pages, a nav link inside the page's folder, file URLs) rendered."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from generator import build
from generator.build import BuildReport
from generator.mkdocs_plugin import converter, fragments, searchparse

from ..conftest import ROOT, write_fixture_guide
from ..test_build import snapshot


@cache
def _config() -> MkDocsConfig:
    return load_config(config_file=str(ROOT / "mkdocs.yml"))


def _page(path: str, *, directory_urls: bool = True) -> Page:
    file = File(path, src_dir=None, dest_dir="site", use_directory_urls=directory_urls)
    return Page(None, file, _config())


def _nav(*extra: Link) -> Navigation:
    pages = [_page("index.md"), _page("exercises/index.md"), _page("guide/warm-up.md")]
    items: list[object] = [pages[0], Section("Exercises", [pages[1], *extra]), pages[2]]
    return Navigation(items, pages)


def test_pages_outside_the_nav_in_sibling_folders_share_a_key() -> None:
    sibling = fragments.Sibling(_nav())
    a, b = sibling.key(_page("exercises/bounds.md")), sibling.key(_page("exercises/squat.md"))
    assert a is not None and a == b
    # Another folder, another depth: another key (links relative to the page differ).
    assert sibling.key(_page("programs/base.md")) not in (None, a)
    assert sibling.key(_page("exercises/deep/squat.md")) not in (None, a)


@pytest.mark.parametrize(
    ("path", "links", "why"),
    [
        ("exercises/index.md", (), "a nav page"),
        ("index.md", (), "the home page"),
        ("exercises/bounds.md", (Link("Drill", "exercises/bounds/drill/"),), "a nav link under its folder"),
        ("exercises/bounds.md", (Link("Itself", "exercises/bounds/"),), "a nav link to itself"),
    ],
)
def test_a_partial_is_rendered_where_it_could_differ(path: str, links: tuple[Link, ...], why: str) -> None:
    assert fragments.Sibling(_nav(*links)).key(_page(path)) is None, why


def test_file_urls_and_no_page_are_rendered() -> None:
    sibling = fragments.Sibling(_nav())
    assert sibling.key(_page("exercises/bounds.md", directory_urls=False)) is None
    assert sibling.key(None) is None


def test_a_memoized_partial_renders_once_per_key_and_prints_the_same() -> None:
    """The wrapped root function is what ``{% include %}`` runs: the partial's own render runs
    once for siblings, and again for a nav page, whose output differs."""
    env = jinja2.Environment(
        loader=jinja2.DictLoader(
            {
                "partials/nav.html": "{{ count() }}:{{ page.url }}",
                "page.html": "[{% include 'partials/nav.html' %}]",
            }
        )
    )
    runs: list[int] = []
    env.globals["count"] = lambda: runs.append(1) or len(runs)
    nav = _nav()
    fragments.memoize(env, nav)
    page = env.get_template("page.html")
    first = page.render(page=_page("exercises/bounds.md"))
    assert page.render(page=_page("exercises/squat.md")) == first == "[1:exercises/bounds/]"
    assert page.render(page=nav.pages[1]) == "[2:exercises/]"
    assert len(runs) == 2


def test_materials_translations_are_made_once_and_say_the_same() -> None:
    """Material's own ``partials/language.html``, imported with each page's context: the module
    made once an environment, each key's text once, the page as without the memo."""
    config = _config()
    plain, memoized = config.theme.get_env(), config.theme.get_env()
    made: list[object] = []
    language = memoized.get_template(fragments.LANGUAGE)
    make = language.make_module

    def counted(*args: Any) -> Any:
        made.append(args)
        return make(*args)

    language.make_module = counted  # type: ignore[method-assign]
    fragments.memoize(memoized, _nav())
    source = (
        "{% import 'partials/language.html' as lang with context %}{{ lang.t('search') }}|{{ lang.t('toc') }}"
    )
    pages = [env.from_string(source) for env in (plain, memoized)]
    for _ in range(3):
        said = [page.render(config=config) for page in pages]
        assert said[1] == said[0] and "|" in said[0] and said[0] != "|"
    assert len(made) == 1


def test_an_override_of_the_translations_is_left_alone() -> None:
    env = jinja2.Environment(
        loader=jinja2.DictLoader({fragments.LANGUAGE: "{% macro t(key) %}{{ key }}{% endmacro %}"})
    )
    template = env.get_template(fragments.LANGUAGE)
    make = template.make_module
    fragments.memoize(env, _nav())
    assert template.make_module == make


def test_a_build_as_material_alone_makes_it_is_the_same_site(
    fixture_guide_site: tuple[Path, Path, BuildReport], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every file of the fixture guide, built with every partial rendered on every page,
    Material's own search parser (``searchparse.py``) and a Markdown converter made for each
    page (``converter.py``), is the run's build byte for byte."""
    _, memoized, _ = fixture_guide_site
    monkeypatch.setattr(fragments, "SAME_ON_SIBLINGS", ())
    monkeypatch.setattr(fragments, "_language_once", lambda env: None)
    monkeypatch.setattr(searchparse, "install", lambda plugins: False)
    monkeypatch.setattr(converter.Converter, "take", lambda self, page, config, files: None)
    content = write_fixture_guide(tmp_path / "content")
    build.build_site(content, tmp_path / "site", ROOT / "mkdocs.yml", strict=True, processes=1)
    assert snapshot(tmp_path / "site") == snapshot(memoized)
