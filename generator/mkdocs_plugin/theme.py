"""The theme around the pages: RunStrong's overrides put in, unused theme files left out, and
the theme's file list kept between the builds of ``serve`` (``ThemeWalk``)."""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.utils import markdown_extensions

from ..cache import checked_bytecode_cache

LUNR = "assets/javascripts/lunr/"


def drop_unused_files(files: Files, config: MkDocsConfig) -> None:
    """Leave out theme files no page or script of the site loads (~2 MB of every site).

    Material's source maps (``*.map``: a browser fetches one only while its developer tools are
    open) and the lunr language packs of languages search is not configured for: its worker
    loads ``lunr/min/lunr.<lang>.min.js`` only for a language other than English (plus
    ``tinyseg.js`` for Japanese, ``wordcut.js`` for Hindi and Thai, the stemmer support with
    any of them and ``lunr.multi`` for several). Without Material's search plugin, nothing
    is dropped from lunr/.
    """
    languages = search_languages(config)
    needed = lunr_files(languages) if languages is not None else None
    themes = [Path(folder) for folder in config.theme.dirs]
    for file in list(files):
        if file.generated_by is not None or not any(_inside(file.abs_src_path, t) for t in themes):
            continue
        uri = file.src_uri
        if uri.endswith(".map") or (needed is not None and uri.startswith(LUNR) and uri not in needed):
            files.remove(file)


def search_languages(config: MkDocsConfig) -> list[str] | None:
    for plugin in config.plugins.values():
        if type(plugin).__module__.startswith("material.plugins.search"):
            return [str(lang) for lang in plugin.config.lang or []]
    return None


def lunr_files(languages: list[str]) -> set[str]:
    """The lunr files Material's search worker loads for ``languages`` (its ``importScripts``)."""
    wanted: list[str] = []
    for lang in languages:
        if lang == "ja":
            wanted.append("tinyseg.js")
        elif lang in ("hi", "th"):
            wanted.append("wordcut.js")
        if lang != "en":
            wanted.append(f"min/lunr.{lang}.min.js")
    if len(languages) > 1:
        wanted.append("min/lunr.multi.min.js")
    if wanted:
        wanted.append("min/lunr.stemmer.support.min.js")
    return {LUNR + name for name in wanted}


def add_packaged_theme(config: MkDocsConfig) -> None:
    """RunStrong's theme overrides, behind a coach's own ``custom_dir`` and ahead of Material.

    Installed from a wheel, the overrides are package data: a guide's mkdocs.yml then needs
    no path into site-packages (the repository's names them as its ``custom_dir``).
    """
    from ..install import theme_dir

    theme = str(theme_dir())
    dirs = config.theme.dirs
    if any(Path(d).resolve() == Path(theme).resolve() for d in dirs):
        return
    dirs.insert(1 if config.theme.custom_dir else 0, theme)


def _inside(path: str | None, folder: Path) -> bool:
    return path is not None and os.path.abspath(path).startswith(os.path.abspath(folder) + os.sep)


# The name of the filter MkDocs' ``Files.add_files_from_theme`` hands ``list_templates``: what
# it keeps depends only on the name and on the theme's ``static_templates`` (read off the same
# theme) and MkDocs' Markdown extensions, so its answers can be kept with the names.
_MKDOCS_FILTER = "Files.add_files_from_theme.<locals>.filter"
RACY_NS = 2_000_000_000  # a folder's mtime this near the listing: listed again next time


def compiled_templates(root: Path | None) -> jinja2.BytecodeCache | None:
    """Material's compiled templates kept in the render cache ``root`` (None: compiled each build)."""
    if root is None:
        return None  # a cache others can write must never hand Jinja code to run
    folder = root / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a read-only cache costs only the compile time
    return checked_bytecode_cache(folder)


class ThemeWalk:
    """The theme folders' file names, kept between the builds of one process (``serve``).

    Every MkDocs build lists the theme's files (``add_files_from_theme``: Material has ~2,000
    folders, mostly icons) and filters each name: ~0.1 s of a one-edit rebuild, for a list that
    changes only when a file is added, removed or renamed in a theme folder. Each of those
    changes its folder's mtime, so the list is kept with the mtime of every folder it was read
    from, and read again when one of them (or the folders searched) changed. A file edited in
    place changes no name: Jinja reads templates anew from each build's environment anyway.
    A folder changed within ``RACY_NS`` of the listing may change again with the same mtime (a
    file system that keeps whole seconds): such a list is read again next time (as git does).
    """

    def __init__(self) -> None:
        self._stamp: tuple[tuple[str, int], ...] | None = None
        self._names: list[str] = []
        self._kept: dict[tuple[object, ...], list[str]] = {}  # filtered lists, by what filtered them

    def install(self, config: MkDocsConfig, compiled: jinja2.BytecodeCache | None = None) -> None:
        """Have each environment this config's theme makes list its files through this walk
        (and keep its compiled templates in ``compiled``, when given)."""
        theme = config.theme
        make_env = type(theme).get_env

        def get_env() -> jinja2.Environment:
            env = make_env(theme)
            if compiled is not None:
                env.bytecode_cache = compiled
            loader = env.loader
            if isinstance(loader, jinja2.FileSystemLoader):
                env.list_templates = functools.partial(self.list_templates, loader, theme)  # type: ignore[method-assign]
            return env

        theme.get_env = get_env  # type: ignore[method-assign]

    def list_templates(
        self,
        loader: jinja2.FileSystemLoader,
        theme: Any,
        extensions: Collection[str] | None = None,
        filter_func: Callable[[str], bool] | None = None,
    ) -> list[str]:
        """As ``jinja2.Environment.list_templates``, from the kept names when no folder changed."""
        names = self._names_of(loader)
        if extensions is not None:
            if filter_func is not None:
                raise TypeError("either extensions or filter_func can be passed, but not both")
            return [name for name in names if "." in name and name.rsplit(".", 1)[1] in extensions]
        if filter_func is None:
            return names
        if getattr(filter_func, "__qualname__", "") != _MKDOCS_FILTER:
            return [name for name in names if filter_func(name)]
        key = (tuple(theme.static_templates), tuple(markdown_extensions))
        if (kept := self._kept.get(key)) is None:
            kept = self._kept[key] = [name for name in names if filter_func(name)]
        return list(kept)

    def _names_of(self, loader: jinja2.FileSystemLoader) -> list[str]:
        roots = [str(path) for path in loader.searchpath]
        stamp = self._stamp
        if stamp is None or [p for p, _ in stamp[: len(roots)]] != roots or not _unchanged(stamp):
            taken = time.time_ns()
            stamp = _folder_stamp(roots, followlinks=loader.followlinks)  # before reading: a change
            self._names = jinja2.FileSystemLoader.list_templates(loader)  # after it is seen next time
            racy = any(mtime > taken - RACY_NS for _, mtime in stamp)
            self._stamp = None if racy else stamp
            self._kept.clear()
        return list(self._names)


def _folder_stamp(roots: list[str], *, followlinks: bool) -> tuple[tuple[str, int], ...]:
    """The searched folders (first, in order), then every folder under them, with its mtime."""
    stamp = [(root, _mtime(root)) for root in roots]
    for root in roots:
        for folder, _, _ in os.walk(root, followlinks=followlinks):
            stamp.append((folder, _mtime(folder)))
    return tuple(stamp)


def _unchanged(stamp: tuple[tuple[str, int], ...]) -> bool:
    return all(_mtime(folder) == mtime for folder, mtime in stamp)


def _mtime(folder: str) -> int:
    try:
        return os.stat(folder).st_mtime_ns
    except OSError:
        return -1  # gone (or not there yet): a folder that appears changes its parent's mtime
