"""Zensical, Material's successor, publishes the guide from `runstrong generate`'s folder (issue 11).

One ``zensical build --strict`` of the project ``runstrong generate`` writes (the session's
render cache makes the generate step a copy, not a render), compared with the session's MkDocs
build of the same content (``built_site``): the same URLs and files, the same nav, and the same
redirect pages, pictures and PDFs byte for byte. Zensical is in the test extras, so a missing
zensical fails here instead of skipping: a skipped test would hide that the guide stopped being
publishable by it.
"""

from __future__ import annotations

import gzip
import html
import json
import re
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from generator import urls, verbatim
from generator.build import BuildReport
from generator.files import GeneratedFile
from generator.pagedates import page_dates
from generator.search_index import INDEX, ZENSICAL_INDEX, ZENSICAL_SEPARATOR
from generator.yamlconfig import read_config
from generator.zensical import dump_config, escaped_front_matter, project_config, project_files

from .browser.test_search import GUIDE
from .conftest import CONTENT, ROOT
from .site.test_published_urls import published, recorded

# Files each engine ships with its theme (Material's bundle, lunr and its language packs,
# Zensical's bundle and its two variants' stylesheets), each engine's search index, MkDocs'
# gzipped sitemap, and runstrong build's own bookkeeping at the root (dot-files: the no-change
# stamp): the engine's, not the guide's. Everything else must be the same.
_ENGINE_OWNED = re.compile(
    r"^assets/javascripts/(bundle\.|workers/|lunr/|LICENSE$)"
    r"|^assets/stylesheets/(main\.|palette\.|classic/|modern/)"
    r"|\.map$|^search/search_index\.json$|^search\.json$|^sitemap\.xml\.gz$|^\.[^/]*$"
)


def _files(site: Path) -> set[str]:
    return {
        rel
        for p in site.rglob("*")
        if p.is_file() and not _ENGINE_OWNED.search(rel := p.relative_to(site).as_posix())
    }


def test_generate_writes_a_project_both_engines_read(zensical_project: Path) -> None:
    config = (zensical_project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "runstrong" not in yaml.safe_load(re.sub(r"!!python/name:\S+", "", config))["plugins"]
    assert (zensical_project / "docs" / "index.md").is_file()
    assert (zensical_project / "theme" / "main.html").is_file()


def test_zensical_publishes_the_same_urls_and_files(
    zensical_project: Path, built_site: tuple[Path, BuildReport]
) -> None:
    site, mkdocs = zensical_project / "site", built_site[0]
    assert published(site) == published(mkdocs)
    assert set(recorded()) <= published(site)  # every URL ever promised
    missing, extra = _files(mkdocs) - _files(site), _files(site) - _files(mkdocs)
    assert not missing and not extra, f"missing {sorted(missing)[:10]}, extra {sorted(extra)[:10]}"
    assert (site / "sw.js").is_file()  # the post-step's service worker


class _NavLinks(HTMLParser):
    """(URL path, label) of each page link in the primary nav and the tabs, resolved against
    the page: the engines write the same link as '..' or './..'."""

    def __init__(self, page_url: str) -> None:
        super().__init__()
        self.page_url = page_url
        self.links: list[tuple[str, str]] = []
        self._nav_depth = 0  # inside <nav class="md-nav--primary"> or <nav class="md-tabs">
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "nav" and (self._nav_depth or {"md-nav--primary", "md-tabs"} & set(classes)):
            self._nav_depth += 1
        elif tag == "a" and self._nav_depth and ({"md-nav__link", "md-tabs__link"} & set(classes)):
            href = dict(attrs).get("href") or ""
            self._href = None if href.startswith("#") else href  # '#…': the page's own contents
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav" and self._nav_depth:
            self._nav_depth -= 1
        elif tag == "a" and self._href is not None:
            url = urlsplit(urljoin(f"https://site{self.page_url}", self._href)).path
            self.links.append((url, " ".join("".join(self._text).split())))
            self._href = None

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text.append(data)


def nav_links(site: Path, page_url: str) -> list[tuple[str, str]]:
    parser = _NavLinks(page_url)
    parser.feed((site / page_url.lstrip("/") / "index.html").read_text(encoding="utf-8"))
    return parser.links


def _nav_data(project: Path) -> tuple[set[str], set[str], list[str]]:
    """Top-level titles, all titles and every page's URL path of the nav written into the config."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    nav = yaml.safe_load(re.sub(r"!!python/name:\S+", "", text))["nav"]
    top: set[str] = set()
    titles: set[str] = set()
    pages: list[str] = []

    def walk(entries: list[object], depth: int) -> None:
        for entry in entries:
            items = entry.items() if isinstance(entry, dict) else [(None, entry)]
            for title, value in items:
                if title is not None:
                    titles.add(title)
                    if depth == 0:
                        top.add(title)
                if isinstance(value, list):
                    walk(value, depth + 1)
                else:
                    pages.append("/" + urls.url_of(str(value)))

    walk(nav, 0)
    return top, titles, pages


@pytest.mark.parametrize(
    "page", ["/", "/programs/", "/exercises/by-muscle/", "/exercises/romanian-deadlift/"]
)
def test_zensical_nav_is_the_mkdocs_builds(
    zensical_project: Path, built_site: tuple[Path, BuildReport], page: str
) -> None:
    links = nav_links(zensical_project / "site", page)
    assert links == nav_links(built_site[0], page)
    top, _, _ = _nav_data(zensical_project)
    assert top - {"Home"} <= {label for _, label in links}  # every tab, on every page


def test_every_entry_of_the_nav_data_is_published(zensical_project: Path) -> None:
    """The nav written out as data is the site's nav: each of its pages is built and, with
    navigation.prune, shows its own branch, so together they show every title."""
    _, titles, pages = _nav_data(zensical_project)
    shown: set[str] = set()
    for page in pages:
        shown |= {label for _, label in nav_links(zensical_project / "site", page)}
    assert titles - {"Home"} <= shown


def test_redirects_pictures_and_pdfs_are_the_same_bytes(
    zensical_project: Path, built_site: tuple[Path, BuildReport]
) -> None:
    site, mkdocs = zensical_project / "site", built_site[0]
    redirect = site / "x" / "rdl" / "index.html"
    assert b'http-equiv="refresh"' in redirect.read_bytes()
    generated = sorted((mkdocs / "assets" / "generated").rglob("*"))
    samples = [
        redirect.relative_to(site).as_posix(),
        *(
            next(p for p in generated if p.suffix == s).relative_to(mkdocs).as_posix()
            for s in (".webp", ".png")
        ),
        next(p for p in generated if p.suffix == ".pdf").relative_to(mkdocs).as_posix(),
    ]
    for rel in samples:
        assert (site / rel).read_bytes() == (mkdocs / rel).read_bytes(), rel


def test_theme_overrides_render_under_minijinja(
    zensical_project: Path, built_site: tuple[Path, BuildReport]
) -> None:
    """main.html's link-preview tags come out as under Jinja2; search is Zensical's own component."""
    page = "exercises/romanian-deadlift/index.html"
    meta = re.compile(r'<meta (?:property|name)="(?:og|twitter):[^>]*>')
    html, mkdocs_html = (
        (root / page).read_text(encoding="utf-8") for root in (zensical_project / "site", built_site[0])
    )
    assert meta.findall(html) == meta.findall(mkdocs_html)
    assert any("og:image" in tag and "/assets/generated/" in tag for tag in meta.findall(html))
    assert 'class="md-search__button"' in html and 'class="md-search__form"' not in html
    assert 'class="md-search__form"' in mkdocs_html


def test_front_matter_is_escaped_as_the_plugin_escapes_it() -> None:
    """Without the plugin's on_page_markdown, the engine prints front matter as written."""
    page = '---\ntitle: "Sets & reps <3"\nnav_order: 2\n---\n# Body\n'
    assert escaped_front_matter(page) == "---\ntitle: Sets &amp; reps &lt;3\nnav_order: 2\n---\n# Body\n"
    plain = "---\ntitle: Plain\n---\n# Body\n"
    assert escaped_front_matter(plain) == plain  # nothing to escape: the same bytes


def test_verbatim_html_is_written_as_it_is(tmp_path: Path) -> None:
    """Zensical has no plugin to set the library's cards aside: it gets them unmarked."""
    cards = '<ul class="rs-cards">\n<li><a href="a/">A</a></li>\n</ul>'
    page = f"# Library\n\n{verbatim.wrap(cards)}\n\nAfter.\n"
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n", encoding="utf-8")
    generated = [GeneratedFile.text("exercises/index.md", page), GeneratedFile.text("other.md", "# Other\n")]
    files = {
        f.path: f.content.decode()
        for f in project_files(
            generated, pages_dir=None, config_file=config, site_url="https://x.example/", nav=[]
        )
    }
    assert files["docs/exercises/index.md"] == f"# Library\n\n{cards}\n\nAfter.\n"
    assert files["docs/other.md"] == "# Other\n"


def test_project_config_drops_the_plugin_and_keeps_python_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RS_TEST_SITE_URL", "https://coach.example/guide")
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(
        "site_name: Coach\n"
        "site_url: !ENV [RS_TEST_SITE_URL, 'https://runstrong.example/']\n"
        "watch: [content]\n"
        "theme: {name: material, variant: modern}\n"
        "plugins:\n  - search\n  - runstrong:\n      content: content\n"
        "markdown_extensions:\n"
        "  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
        encoding="utf-8",
    )
    read = read_config(config_file)
    assert read["site_url"] == "https://coach.example/guide"
    config = project_config(read, read["site_url"], [{"Home": "index.md"}])
    assert config["site_url"] == "https://coach.example/guide/"
    assert config["plugins"] == ["search"] and "watch" not in config
    assert config["docs_dir"] == "docs" and config["nav"] == [{"Home": "index.md"}]
    assert config["theme"] == {"name": "material", "variant": "modern", "custom_dir": "theme"}  # the coach's
    # What MkDocs (and, after its namespace swap, Zensical) resolves: the function itself.
    from material.extensions.emoji import twemoji

    written = yaml.load(dump_config(config), Loader=yaml.UnsafeLoader)  # resolves the tags, as MkDocs does
    assert written["markdown_extensions"][0]["pymdownx.emoji"]["emoji_index"] is twemoji


_TAG = re.compile(r"{{.*?}}|{%.*?%}", re.DOTALL)
_METHOD_CALL = re.compile(r"\.\s*([A-Za-z_]\w*)\s*\(")
_MACROS = {"t"}  # lang.t(…): a macro of the theme's partials/language.html, which both engines have


def test_theme_templates_call_no_python_methods() -> None:
    """MiniJinja has no Python: `x.rstrip('/')` stops a Zensical build (issue 11), even in a
    branch the guide's pages never take. Filters and tests (`x | trim('/')`) work in both."""
    calls = [
        f"{path.relative_to(ROOT)}: .{name}("
        for path in sorted((ROOT / "theme").rglob("*.html"))
        for tag in _TAG.findall(path.read_text(encoding="utf-8"))
        for name in _METHOD_CALL.findall(tag)
        if name not in _MACROS
    ]
    assert not calls


# --- Parity with runstrong build: search, sitemap, offline, licence, INHERIT (issue 21) -------


def test_zensical_search_index_is_tidied_and_ranked_like_mkdocs(
    zensical_project: Path, built_site: tuple[Path, BuildReport]
) -> None:
    site = zensical_project / "site"
    index = json.loads((site / ZENSICAL_INDEX).read_text(encoding="utf-8"))
    items = index["items"]
    assert not [i["location"] for i in items if re.search(r"<[a-z/][^>]*>", i["text"] + i["title"])]
    mkdocs_index = json.loads((built_site[0] / INDEX).read_text(encoding="utf-8"))
    mkdocs = {d["location"]: d for d in mkdocs_index["docs"]}
    for slug, exercise in GUIDE.exercises.items():
        page = urls.exercise_url(slug)
        entries = [i for i in items if i["location"].split("#")[0] == page]
        assert [i["location"] for i in entries] == [page, page + "#substitutes"], slug
        assert all("path" in i and "tags" in i for i in entries), slug  # what Zensical's worker reads
        # The ranking fields of MkDocs' index, the same (rs-search.js lays them out for Zensical)
        for field in ("names", "terms", "helps", "forms", "boost"):
            assert entries[0].get(field) == mkdocs[page].get(field), (slug, field)
        # The whole text (Zensical shows the passage around the match), not a teaser.
        assert html.escape(exercise.cues[-1], quote=False) in entries[0]["text"], slug
    # The guide's topics by section, as in MkDocs' index, and Zensical's config for the worker.
    topics = {i["location"]: i["topics"] for i in items if "topics" in i}
    assert topics == {loc: d["topics"] for loc, d in mkdocs.items() if "topics" in d} != {}
    assert index["config"]["separator"] == ZENSICAL_SEPARATOR and "_" not in ZENSICAL_SEPARATOR
    assert "with" in index["config"]["stop_words"]
    assert (
        index["license"]
        == mkdocs_index["license"]
        == {
            "name": "CC BY 4.0",
            "url": "https://creativecommons.org/licenses/by/4.0/",
        }
    )


def test_zensical_sitemap_has_dates_and_gz_and_search_is_precached(
    zensical_project: Path, built_site: tuple[Path, BuildReport]
) -> None:
    site = zensical_project / "site"
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<loc>") == sitemap.count("<lastmod>") > 50
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()).decode("utf-8") == sitemap
    mkdocs_sitemap = (built_site[0] / "sitemap.xml").read_text(encoding="utf-8")
    assert gzip.decompress((built_site[0] / "sitemap.xml.gz").read_bytes()).decode("utf-8") == mkdocs_sitemap
    dates, mkdocs_dates = _sitemap_dates(sitemap), _sitemap_dates(mkdocs_sitemap)
    assert dates == mkdocs_dates  # each page the same date on both engines
    # Each page's own date, from the files it is made from (generator/pagedates.py).
    pages, newest = page_dates(GUIDE, CONTENT)
    base = min(mkdocs_dates, key=len)
    for location, day in mkdocs_dates.items():
        epoch = pages.get(location.removeprefix(base), newest)
        assert day == time.strftime("%Y-%m-%d", time.gmtime(epoch)), location
    worker = (site / "sw.js").read_text(encoding="utf-8")
    assert '"search.json"' in worker  # offline search on the Zensical site too


def _sitemap_dates(sitemap: str) -> dict[str, str]:
    return dict(re.findall(r"<loc>([^<]+)</loc>\s*<lastmod>([^<]+)</lastmod>", sitemap))


def test_inherit_is_resolved_before_the_project_is_written(tmp_path: Path) -> None:
    """MkDocs' INHERIT: the base first, this file over it (mappings merged, lists replaced)."""
    (tmp_path / "base").mkdir()
    (tmp_path / "base" / "common.yml").write_text(
        "site_name: Base\ntheme: {name: material, features: [a, b], palette: {scheme: slate}}\n"
        "extra: {license: {name: CC BY 4.0}}\nplugins: [search]\n",
        encoding="utf-8",
    )
    (tmp_path / "mkdocs.yml").write_text(
        "INHERIT: base/common.yml\nsite_name: Coach\ntheme: {features: [c]}\n", encoding="utf-8"
    )
    config = read_config(tmp_path / "mkdocs.yml")
    assert "INHERIT" not in config
    assert config["site_name"] == "Coach" and config["plugins"] == ["search"]
    assert config["theme"] == {"name": "material", "features": ["c"], "palette": {"scheme": "slate"}}
    assert config["extra"] == {"license": {"name": "CC BY 4.0"}}
    (tmp_path / "base" / "common.yml").write_text("INHERIT: ../mkdocs.yml\n", encoding="utf-8")
    with pytest.raises(ValueError, match="inherits from itself"):
        read_config(tmp_path / "mkdocs.yml")
