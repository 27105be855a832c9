"""MkDocs adapter: load the content, add generated pages as virtual files, build the nav.

Thin on purpose (MkDocs 2.0 drops plugins; the generator must outlive this file). Generated
files are added with ``File.generated`` rather than written into ``docs_dir``, because writing
into ``docs_dir`` during ``mkdocs serve`` triggers rebuild loops.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from . import urls
from .build import CONTENT_ENV, generate
from .errors import ContentErrors
from .load import load_guide
from .model import Guide
from .pages.render import GROUPINGS


class RunStrongConfig(Config):
    content = c.Type(str, default="content")


class RunStrongPlugin(BasePlugin[RunStrongConfig]):
    def __init__(self) -> None:
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
        for generated in generate(self.guide, config.site_url):
            if files.get_file_from_path(generated.path) is not None:
                raise PluginError(
                    f"'{generated.path}' is generated from content; remove the hand-written file of that name"
                )
            files.append(File.generated(config, generated.path, content=generated.content))
        return files

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
    programs += [{p.name: urls.program_source(slug)} for slug, p in guide.programs.items()]
    nav.append({"Programs": programs})
    pages = [path for path in _markdown_files(docs_dir) if path != urls.HOME_SOURCE]
    handwritten = sorted((*_nav_meta(docs_dir / path), path) for path in pages)
    # Pages in a folder (guide/…) share one section named after the folder, placed where its
    # first page sorts: a dozen guide pages stay one tab instead of a dozen.
    sections: dict[str, list[Any]] = {}
    for _, title, path in handwritten:
        entry = {title: path} if title else path
        folder, _, rest = path.partition("/")
        if rest:
            if folder not in sections:
                sections[folder] = []
                nav.append({folder.replace("-", " ").capitalize(): sections[folder]})
            sections[folder].append(entry)
        else:
            nav.append(entry)
    return nav


def _markdown_files(docs_dir: Path) -> list[str]:
    return [p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md")]


def _nav_meta(page: Path) -> tuple[int, str]:
    """A hand-written page's place and label in the nav, from its front matter.

    ``nav_order: N`` sorts the page (default 100); ``nav_title`` gives a short tab label
    where the page title is too long for one.
    """
    text = page.read_text(encoding="utf-8")
    meta: object = {}
    if text.startswith("---") and text.count("---") >= 2:
        try:
            meta = yaml.safe_load(text.split("---", 2)[1]) or {}
        except yaml.YAMLError:
            meta = {}
    if not isinstance(meta, dict):
        return (100, "")
    order = meta.get("nav_order", 100)
    title = meta.get("nav_title", "")
    return (order if isinstance(order, int) else 100, title if isinstance(title, str) else "")
