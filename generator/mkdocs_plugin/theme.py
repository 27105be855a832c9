"""The theme around the pages: RunStrong's overrides put in, unused theme files left out, and
Material's compiled templates kept between builds."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

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
