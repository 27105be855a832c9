"""The runstrong MkDocs plugin: it publishes a ``pipeline.Site``, one event at a time.

Its generated files become virtual files (``File.generated``: writing into ``docs_dir`` during
``mkdocs serve`` triggers rebuild loops) and its nav becomes the nav. ``runstrong build`` hands
it the Site it made (``Handover``: the content is loaded once); a plain ``mkdocs build`` /
``serve`` leaves the plugin to make the Site itself from its typed ``content`` option (a
folder, relative to mkdocs.yml). Each event hands its job to the module that does it: the
Site's files to ``virtual.py``, the dirty build to ``dirty.py``, the spread over the cores to
``spread.py``, the theme to ``theme.py``, the search index of a dirty or spread build to
``searchjoin.py``, what follows the build to ``generator/postbuild.py``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage

from .. import urls
from ..cache import trusted_cache_dir
from ..errors import ContentErrors
from ..handwritten import escape_meta
from ..lastbuild import BuildState
from ..licence import licence_of
from ..memo import NO_MEMO
from ..minify import minify_html
from ..pipeline import Settings, Site, build, nav_data
from ..postbuild import finish_offline, finish_pages
from ..progress import Bar
from ..search_index import group_entries, ranked_key
from ..verbatim import put_back, put_back_html, set_aside, set_aside_html
from . import converter, dirty, fragments, searchjoin, searchparse, spread, theme, virtual
from .handover import Handover

# "runstrong", not "mkdocs.plugins.…": MkDocs counts warnings of its own loggers against
# --strict, and a placeholder site_url is a fair state for a fresh clone or a test build.
_log = logging.getLogger("runstrong")


class RunStrongConfig(base.Config):
    """The plugin's options in mkdocs.yml (``plugins: [runstrong: {content: …}]``)."""

    # A folder relative to mkdocs.yml (MkDocs resolves it). Not required to exist when the
    # command line hands the plugin a Site made from another folder (--content).
    content = c.Dir(exists=False, default="content")
    # The render cache (pictures, PDFs, compiled templates); unset: cache.render_cache_dir().
    cache_dir = c.Optional(c.Dir(exists=False))


class RunStrongPlugin(BasePlugin[RunStrongConfig]):
    def __init__(self) -> None:
        self._given = Handover()
        self._warned = False  # the placeholder site_url is said once (serve rebuilds)
        self._plan_said: tuple[str, ...] = ()  # the plan warnings last said (serve rebuilds)
        self._bar: Bar | None = None
        self.site: Site | None = None  # the Site this build publishes (on_config)
        self.state = BuildState()  # what this build leaves for the next (dirty.state_of)
        self.full = True  # every page rendered (no last build, or what every page shows changed)
        self.pages: list[str] = []  # URLs of the documentation pages, in build order
        self.rebuilt: list[str] = []  # URLs of the pages this build rendered
        self.licence: dict[str, str] | None = None  # mkdocs.yml's extra.license (generator/licence.py)
        self._aside: dict[str, list[str]] = {}  # page URL → its verbatim HTML, set aside (verbatim.py)
        self._html: dict[str, list[str]] = {}  # page URL → its HTML kept from Markdown only (verbatim.py)
        self._spread: spread.Spread | None = None  # the workers rendering shares of the pages
        self._files: Files | None = None  # this build's files (on_files)
        self._kept: set[str] = set()  # sources of the pages kept as the last build left them
        self._nav: Navigation | None = None  # this build's nav (on_nav)
        self._converter = converter.Converter()  # the generated pages' Markdown (converter.py)

    def hand_over(self, given: Handover) -> None:
        """Set what the command line made for this build (before MkDocs runs)."""
        self._given = given

    def inherit(self, previous: RunStrongPlugin) -> None:
        """Carry what a rebuild under ``serve`` can reuse from the previous build's plugin."""
        self._warned = previous._warned
        self._plan_said = previous._plan_said
        self._given = Handover(previous=previous.state, memory=previous._given.memory)

    def chosen_cache(self) -> Path | None:
        """The ``cache_dir`` option (the command line sets it), or None for the default."""
        return Path(self.config.cache_dir) if self.config.cache_dir else None

    def cache_dir(self) -> Path | None:
        """The render cache, or None (nothing cached) when it is not the user's alone."""
        return trusted_cache_dir(self.chosen_cache())

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not config.site_url:
            raise PluginError("set site_url in mkdocs.yml: QR codes on printed cards link to the site")
        if problem := urls.site_url_problem(config.site_url):  # printed into every page as is
            raise PluginError(f"site_url: {problem}")
        try:
            self.licence = licence_of(config.extra)  # the footer prints it: no malformed one
        except ValueError as exc:
            raise PluginError(str(exc)) from None
        if self._given.memory is not None:
            # Every environment the theme makes, Material's search plugin's too (it renders its
            # language partials at on_config, ~0.05 s a build compiling them), reads the kept
            # file list and compiled templates.
            self._given.memory.theme.install(config, self._template_cache())
        self.site = self._given.site or self._make_site(config.site_url)
        if urls.is_placeholder(config.site_url) and not self._warned:
            # Not a MkDocs warning: that would fail every --strict build of a fresh clone.
            self._warned = True
            _log.warning(urls.placeholder_warning(config.site_url))
        theme.add_packaged_theme(config)
        if config.nav is None:
            # The Site's nav is read off its content's pages folder; MkDocs reads docs_dir.
            same = Path(config.docs_dir).resolve() == self.site.pages_dir.resolve()
            config.nav = self.site.nav if same else nav_data(self.site.guide, Path(config.docs_dir))
        return config

    def _make_site(self, site_url: str) -> Site:
        """The Site of a plain ``mkdocs build``/``serve`` (or a serve rebuild): made here."""
        content = self._given.loaded or Path(self.config.content)
        memo = self._given.memory.memo if self._given.memory is not None else NO_MEMO
        try:
            site = build(content, Settings(site_url, cache_dir=self.chosen_cache()), memo=memo)
        except ContentErrors as exc:
            raise PluginError(f"the content has {len(exc.errors)} error(s):\n{exc}") from None
        self._say_plan_warnings(tuple(str(finding) for finding in site.warnings))
        return site

    def _say_plan_warnings(self, findings: tuple[str, ...]) -> None:
        """Say the plan checks' warnings (a coach previewing a program must see them), and
        under ``serve`` again only when an edit changed them: when they are gone, say so."""
        if findings == self._plan_said:
            return
        for finding in findings:
            _log.warning(finding)  # the runstrong logger: MkDocs' --strict does not count it
        if not findings:
            _log.info("runstrong: the plan checks find nothing now")
        self._plan_said = findings

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.site is not None, "on_config makes the site"
        virtual.add_site_files(files, config, self.site)
        theme.drop_unused_files(files, config)
        self._files = files
        self._mark_unchanged(files, config)
        given, cache = self._given, self.config.cache_dir
        count = spread.processes_for(spread.to_render(files), given.processes, least=given.spread_from)
        if given.progress:
            told = "MkDocs pages" + (f" ({count} processes)" if count > 1 else "")
            self._bar = Bar(told, len(files.documentation_pages()), True)
        if count > 1:  # enough pages left to render: spread over the cores (spread.py)
            cores = given.spreading or (lambda _: None)
            cores(count)
            self._spread = spread.start(
                files, config, self.site, processes=count, cache_dir=cache, bar=self._bar,
                waiting=lambda: cores(count - 1),
            )  # fmt: skip
        return files

    def _mark_unchanged(self, files: Files, config: MkDocsConfig) -> None:
        """On a rebuild, render only what the edit changed (``dirty.py`` says how)."""
        assert self.site is not None
        self.state = dirty.state_of(self.site, files, Path(config.docs_dir))
        # As pages and search entries name them: the home page is "" (its file's URL is "./").
        self.pages = ["" if f.url in (".", "./") else f.url for f in files.documentation_pages()]
        previous = self._given.previous
        self.full = dirty.needs_full(previous, self.state)
        if previous is not None:
            seed = self._given.seed
            self._kept = dirty.mark(files, previous, self.state, full=self.full, seed=seed, config=config)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        # The nav labelled as a full build labels it.
        dirty.read_kept_nav_pages(nav, config, self._kept, self._given.previous)
        self._nav = nav
        self._converter = converter.Converter()  # this build's config's extensions
        # Material's search reads each page with a faster parser of the same sections (after
        # every plugin's on_config, which makes the search plugin's index).
        searchparse.install(config.plugins)
        if self._spread is not None:
            self._spread.expect(files)
        return nav

    def on_pre_page(self, page: MkDocsPage, *, config: MkDocsConfig, files: Files) -> MkDocsPage:
        if isinstance(page.file, dirty.Generated):  # the renderer's Markdown: one converter
            self._converter.take(page, config, files)
        return page

    def on_page_markdown(self, markdown: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        """Escape a hand-written page's front matter: MkDocs and Material print it into HTML as is.

        Generated pages escape their own (``pages/render.py``); escaping again would show '&amp;'.
        Their verbatim HTML is set aside until the page is rendered (``on_post_page``).
        """
        if page.file.generated_by is None:
            page.meta = {key: escape_meta(value) for key, value in page.meta.items()}
            return markdown
        # The library's cards: finished HTML that neither Markdown nor search need read.
        markdown, self._aside[page.url] = set_aside(markdown)
        # An exercise page's lists and tables: finished HTML Markdown need not read (search does).
        markdown, self._html[page.url] = set_aside_html(markdown)
        return markdown

    def on_page_content(self, html: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        """Put back the HTML kept from Markdown only, before search and the template read the page."""
        converter.Converter.release(page)
        blocks = self._html.pop(page.url, [])
        return put_back_html(html, blocks) if blocks else html

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """Keep Material's compiled templates between builds (Jinja's bytecode cache).

        Compiling them costs each build ~0.6 s, a third of a one-edit rebuild. Jinja keys each
        entry by the template's name and the hash of its source, so an edited override compiles
        anew; the cache is the render cache's (the ``cache_dir`` option, ``--cache-dir``).
        Every page is read by now: the kept ones get the anchors the last build found.
        """
        dirty.restore_anchors(files, self._kept, self._given.previous)
        if self._nav is not None:  # the partials every exercise page prints alike: once (fragments.py)
            fragments.memoize(env, self._nav)
        env.bytecode_cache = self._template_cache()
        return env

    def _template_cache(self) -> jinja2.BytecodeCache | None:
        return theme.compiled_templates(self.cache_dir())

    def on_post_page(self, output: str, *, page: MkDocsPage, config: MkDocsConfig) -> str:
        self.rebuilt.append(page.url)
        if self._bar is not None:
            self._bar.update()
        if self._spread is not None:  # after its last page, the workers' pages join the site
            self._spread.built(page.file)
        html = minify_html(output)  # the templates' indentation: ~14 % of a page (minify.py)
        blocks = self._aside.pop(page.url, [])
        return put_back(html, [minify_html(block) for block in blocks]) if blocks else html

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        # The theme's own pages (404.html) as every page; sitemap.xml is left as it is.
        return minify_html(output_content) if template_name.endswith(".html") else output_content

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """The dirty build's search index made whole, then the post-build step of every engine."""
        assert self.site is not None, "on_config makes the site"
        made = self._spread.results() if self._spread is not None else []  # the workers' pages
        self._spread = None
        if self._bar is not None:
            self._bar.close()
            self._bar = None
        if not self._given.finish:
            return  # a spread build's worker: the parent finishes the site
        if self._given.spreading is not None:
            self._given.spreading(1)  # this process finishes the site, the drawings go on
        previous, memory = self._given.previous, self._given.memory
        rendered = {spread.page_url(url) for url in self.rebuilt}
        partial = searchjoin.joined(self.pages, rendered, previous, full=self.full, made=made)
        self.rebuilt += spread.rendered_urls(made)
        if previous is not None:
            self.state.revisions = previous.revisions
            searchjoin.seed_ranking(previous, memory)
        # What reads only pages is done while the pool still draws (a cold build's tail was ~1.3 s);
        # the service worker, which precaches pictures, once they are in the site.
        site_dir = Path(config.site_dir)
        entries = finish_pages(
            site_dir,
            self.site.guide,
            Path(config.docs_dir),
            licence=self.licence,
            content=Path(self.site.content),
            partial=partial,
        )
        self.state.search = group_entries(entries)
        if self._files is not None:
            self.state.pages = dirty.page_facts(self._files)
        self.state.ranked = ranked_key()
        if memory is not None:
            memory.memo.sweep()  # what this build did not use: edited away
            memory.ranked, memory.rendered = self.state.ranked, frozenset(rendered)
        if self._given.late is not None:  # the pictures drawn beside the pages, waited for now
            dirty.put_late(self._given.late(), config, self.state, previous)
        finish_offline(site_dir, self.site.guide, known=self.state.revisions)
        _log.info("runstrong: %d of %d pages rendered", len(self.rebuilt), len(self.pages))

    def on_build_error(self, *, error: Exception) -> None:
        if self._spread is not None:  # the workers end with the build
            self._spread.stop()
            self._spread = None

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(Path(self.site.content if self.site is not None else self.config.content)))
        return server
