"""MkDocs adapter: load the content, add generated pages as virtual files, build the nav.

Thin on purpose (MkDocs 2.0 drops plugins; the generator must outlive this file). Generated
files are added with ``File.generated`` rather than written into ``docs_dir``, because writing
into ``docs_dir`` during ``mkdocs serve`` triggers rebuild loops.
"""

from __future__ import annotations

import html
import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkDocsPage

from . import urls
from .build import CONTENT_ENV, generate
from .errors import ContentErrors
from .handwritten import Page, PageMeta, scan
from .load import display_path, load_guide
from .model import Guide
from .offline import write_service_worker
from .pages import search_terms
from .pages.render import GROUPINGS
from .redirects import published_outputs
from .search_index import clean_search_index

# "runstrong", not "mkdocs.plugins.…": MkDocs counts warnings of its own loggers against
# --strict, and a placeholder site_url is a fair state for a fresh clone or a test build.
_log = logging.getLogger("runstrong")


class RunStrongConfig(Config):
    content = c.Type(str, default="content")


class RunStrongPlugin(BasePlugin[RunStrongConfig]):
    def __init__(self) -> None:
        self._warned = False
        self.guide: Guide | None = None

    def content_dir(self, config: MkDocsConfig) -> Path:
        override = os.environ.get(CONTENT_ENV)
        if override:
            return Path(override)
        return Path(config.config_file_path).parent / self.config.content

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            self.guide = load_guide(self.content_dir(config))
        except ContentErrors as exc:
            raise PluginError(f"the content has {len(exc.errors)} error(s):\n{exc}") from None
        if config.nav is None:
            config.nav = default_nav(self.guide, Path(config.docs_dir))
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.guide is not None, "on_config loads the guide"
        if not config.site_url:
            raise PluginError("set site_url in mkdocs.yml: QR codes on printed cards link to the site")
        if problem := urls.site_url_problem(config.site_url):  # printed into every page as is
            raise PluginError(f"site_url: {problem}")
        if urls.is_placeholder(config.site_url) and not self._warned:
            # Not a MkDocs warning: that would fail every --strict build of a fresh clone.
            self._warned = True
            _log.warning(
                "site_url is the placeholder %s: the PDFs are previews without QR codes. Set site_url "
                "in mkdocs.yml or RUNSTRONG_SITE_URL to the published address (README: Publishing).",
                config.site_url,
            )
        published = published_outputs(self.guide.exercises, self.guide.programs)
        handwritten_by_output = {f.dest_uri: f for f in files if f.generated_by is None}
        for generated in generate(self.guide, config.site_url):
            file = File.generated(config, generated.path, content=generated.content)
            # The loader checked the paths it can compute; this checks the files themselves.
            mine = files.get_file_from_path(generated.path) or handwritten_by_output.get(file.dest_uri)
            if mine is not None and mine.generated_by is None:
                owner = published.get(file.dest_uri, f"the generated file {generated.path}")
                raise PluginError(
                    f"{display_path(Path(mine.abs_src_path or mine.src_path))}:1: {file.dest_uri} is already "
                    f"published by {owner}; rename or move this file"
                )
            files.append(file)
        return files

    def on_page_markdown(self, markdown: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        """Escape a hand-written page's front matter: MkDocs and Material print it into HTML as is.

        Generated pages escape their own (``pages/render.py``); escaping again would show '&amp;'.
        """
        if page.file.generated_by is None:
            page.meta = {key: _escaped(value) for key, value in page.meta.items()}
        return markdown

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Plain-text search index, then the offline service worker (which precaches that index)."""
        assert self.guide is not None, "on_config loads the guide"
        site = Path(config.site_dir)
        exercises = self.guide.exercises.items()
        extra = {urls.exercise_url(slug): search_terms.fields(ex) for slug, ex in exercises}
        clean_search_index(site, extra)
        write_service_worker(site, [urls.exercise_url(slug) for slug in self.guide.exercises])

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self.content_dir(config)))
        return server


def default_nav(guide: Guide, docs_dir: Path) -> list[Any]:
    """Home, the library's browse pages, programs, then the hand-written pages.

    Exercise pages are deliberately absent: a 1,000-exercise nav would be written into
    every page of the site (ARCHITECTURE.md measured 270 KB a page).
    """
    nav: list[Any] = []
    if (docs_dir / urls.HOME_SOURCE).is_file():
        nav.append({"Home": urls.HOME_SOURCE})
    exercises: list[Any] = [{"All exercises": urls.LIBRARY_SOURCE}]
    exercises += [
        {g.title.removeprefix("Exercises ").capitalize(): urls.library_group_source(g.key)} for g in GROUPINGS
    ]
    nav.append({"Exercises": exercises})
    programs: list[Any] = [{"All programs": urls.PROGRAMS_SOURCE}]
    programs += [{html.escape(p.name): urls.program_source(slug)} for slug, p in guide.programs.items()]
    nav.append({"Programs": programs})
    pages = [page for page in scan(docs_dir).pages if page.path != urls.HOME_SOURCE]
    handwritten = sorted((*_nav_meta(page), page.path) for page in pages)
    # Pages in a folder (guide/…) share one section named after the folder, placed where its
    # first page sorts: a dozen guide pages stay one tab instead of a dozen.
    sections: dict[str, list[Any]] = {}
    for _, title, path in handwritten:
        entry = {html.escape(title): path} if title else path  # Material prints nav titles as is
        folder, _, rest = path.partition("/")
        if rest:
            if folder not in sections:
                sections[folder] = []
                nav.append({folder.replace("-", " ").capitalize(): sections[folder]})
            sections[folder].append(entry)
        else:
            nav.append(entry)
    return nav


def _nav_meta(page: Page) -> tuple[int, str]:
    """A hand-written page's place and label in the nav, from its front matter.

    ``nav_order: N`` sorts the page (default 100); ``nav_title`` gives a short tab label
    where the page title is too long for one. The loader has validated both (``PageMeta``).
    """
    if page.front is None or not isinstance(page.front.data, dict):
        return (100, "")
    meta = PageMeta.from_content(page.front.data)
    return (100 if meta.nav_order is None else meta.nav_order, meta.nav_title or "")


def _escaped(value: object) -> object:
    if isinstance(value, str):
        return html.escape(value)
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    if isinstance(value, dict):
        return {k: _escaped(v) for k, v in value.items()}
    return value
