"""The navigation the plugin builds from the content and the hand-written pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.load import load_guide
from generator.pipeline import nav_data


def _page(docs: Path, relative: str, front: str) -> None:
    path = docs / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front}\n---\n\n# Page\n", encoding="utf-8")


def test_pages_in_a_folder_share_one_section_in_nav_order(content: Path) -> None:
    docs = content / "pages"
    _page(docs, "guide/zeta.md", "nav_order: 30\nnav_title: Zeta")
    _page(docs, "guide/alpha.md", "nav_order: 20\nnav_title: Alpha")
    _page(docs, "guide/warm-up.md", "nav_order: 25")
    _page(docs, "about.md", "nav_order: 90\nnav_title: About")
    nav = nav_data(load_guide(content), docs)
    titles = [next(iter(item)) if isinstance(item, dict) else item for item in nav]
    assert titles[-2:] == ["Guide", "About"], "the section sits where its first page sorts"
    guide = nav[-2]["Guide"]
    assert guide == [{"Alpha": "guide/alpha.md"}, "guide/warm-up.md", {"Zeta": "guide/zeta.md"}]


def test_top_level_pages_stay_top_level(content: Path) -> None:
    docs = content / "pages"
    _page(docs, "about.md", "nav_title: About")
    nav = nav_data(load_guide(content), docs)
    assert {"About": "about.md"} in nav


def test_the_nav_is_plain_data_without_mkdocs(content: Path) -> None:
    """Zensical's config takes the same nav: the pipeline makes it with no MkDocs import."""
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path; from generator.load import load_guide; "
        "from generator.pipeline import nav_data; "
        f"nav = nav_data(load_guide(Path({str(content)!r})), Path({str(content / 'pages')!r})); "
        "assert not [m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material')], 'mkdocs imported'; "
        "print(nav)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert str(nav_data(load_guide(content), content / "pages")) == result.stdout.strip()


@pytest.mark.parametrize(
    "text",
    [
        "Title: A page\nSummary: one\n    two\n\n# Body\n",
        "title: x\nTitle: again\n\nbody",
        "  Key-1: spaced\n\ttabbed more\nnot meta\n",
        "# Heading\ntitle: not meta\n",
        "key:\n\nbody",
        "a: 1\r\nb: 2\r\n\r\nbody",
    ],
)
def test_page_metadata_is_read_as_mkdocs_reads_it(text: str) -> None:
    """handwritten.py reads MultiMarkdown metadata itself (only the adapter imports MkDocs)."""
    from mkdocs.utils.meta import get_data

    from generator.handwritten import multimarkdown_meta

    assert multimarkdown_meta(text) == get_data(text)[1]


def test_the_content_option_is_a_folder_relative_to_the_config(tmp_path: Path) -> None:
    from mkdocs.config import load_config

    (tmp_path / "docs").mkdir()
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(
        "site_name: t\nsite_url: https://example.org/\nplugins:\n  - runstrong:\n      content: my-content\n",
        encoding="utf-8",
    )
    config = load_config(config_file=str(config_file))
    assert Path(config.plugins["runstrong"].config.content) == tmp_path / "my-content"


def test_lunr_files_follow_the_search_languages() -> None:
    from generator.mkdocs_plugin.theme import LUNR, lunr_files

    assert lunr_files(["en"]) == set(), "English needs no language pack"
    assert lunr_files(["de"]) == {LUNR + "min/lunr.de.min.js", LUNR + "min/lunr.stemmer.support.min.js"}
    assert lunr_files(["en", "ja"]) == {
        LUNR + "tinyseg.js",
        LUNR + "min/lunr.ja.min.js",
        LUNR + "min/lunr.multi.min.js",
        LUNR + "min/lunr.stemmer.support.min.js",
    }


def test_the_lunr_rule_is_the_search_workers() -> None:
    """lunr_files mirrors what Material's search worker loads: a Material whose worker loads
    other files fails here, before a site ships without a language pack it needs."""
    import material

    workers = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "workers"
    worker = next(workers.glob("search.*.min.js")).read_text(encoding="utf-8")
    for rule in (
        'case"ja":r.push(`${e}/tinyseg.js`)',
        'case"hi":case"th":r.push(`${e}/wordcut.js`)',
        'n!=="en"&&r.push(`${e}/min/lunr.${n}.min.js`)',
        "t.lang.length>1&&r.push(`${e}/min/lunr.multi.min.js`)",
        "r.length&&(yield importScripts(`${e}/min/lunr.stemmer.support.min.js`,...r))",
    ):
        assert rule in worker, rule


def test_the_site_ships_no_source_maps_and_no_unused_language_packs(content: Path, tmp_path: Path) -> None:
    from generator.build import build_site

    from .conftest import ROOT

    site = tmp_path / "site"
    build_site(content, site, ROOT / "mkdocs.yml")
    files = [p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()]
    assert not [f for f in files if f.endswith(".map") or f.startswith("assets/javascripts/lunr/")]
    assert any(f.startswith("assets/javascripts/workers/search.") for f in files), "search still ships"
    assert (site / "search" / "search_index.json").is_file()
    pages = [p for p in site.rglob("*.html")]
    assert pages and not [p for p in pages if "lunr/" in (text := p.read_text("utf-8")) or ".js.map" in text]


def test_the_plugin_options_are_typed(tmp_path: Path) -> None:
    """The plugin's options are a typed ``base.Config``: MkDocs checks them as it loads mkdocs.yml."""
    from mkdocs.config.defaults import MkDocsConfig

    (tmp_path / "docs").mkdir()

    def load(options: object) -> tuple[list[object], list[object], MkDocsConfig]:
        config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
        config.load_dict(
            {"site_name": "t", "site_url": "https://example.org/", "plugins": [{"runstrong": options}]}
        )
        errors, warnings = config.validate()
        return errors, warnings, config

    errors, warnings, config = load({"content": "mine", "cache_dir": "cache"})
    assert (errors, warnings) == ([], [])
    plugin = config.plugins["runstrong"]
    assert Path(plugin.config.content) == tmp_path / "mine"
    assert Path(plugin.config.cache_dir) == tmp_path / "cache"
    assert plugin.cache_dir() == tmp_path / "cache"

    errors, _, config = load({})
    assert errors == []
    assert Path(config.plugins["runstrong"].config.content) == tmp_path / "content", "the default"
    assert config.plugins["runstrong"].config.cache_dir is None

    for bad in ({"content": 3}, {"contnet": "x"}, {"cache_dir": ["a"]}):
        errors, warnings, _ = load(bad)
        assert errors or warnings, bad
