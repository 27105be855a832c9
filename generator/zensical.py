"""A project folder that Zensical (Material's successor) or a plain MkDocs publishes as is.

Material for MkDocs reaches end of life on 2027-05-05; Zensical reads mkdocs.yml but runs no
MkDocs plugins, so everything the runstrong plugin adds at build time has to be in the folder
already. ``runstrong generate --out DIR`` writes:

- ``DIR/docs/``: the hand-written pages and every generated file (pages, redirects, pictures,
  PDFs): the docs tree the plugin hands MkDocs as virtual files;
- ``DIR/mkdocs.yml``: the guide's config with the runstrong plugin taken out, the nav written
  out as data (what the plugin computes at ``on_config``), ``site_url`` resolved to the address
  the PDFs' QR codes were made for, and ``docs_dir: docs`` / ``custom_dir: theme``;
- ``DIR/theme/``: RunStrong's theme overrides (templates, stylesheets, scripts, the service
  worker's code), so the folder depends on nothing outside it.

Zensical insists that ``docs_dir`` and ``site_dir`` lie inside the config's folder and differ,
which is why the docs are a subfolder and not ``DIR`` itself. ``cd DIR && zensical build
--strict`` then publishes into ``DIR/site`` the same URLs, nav, redirects, pictures and PDFs as
``runstrong build``; so does ``mkdocs build -f DIR/mkdocs.yml``.

What such a site lacks, because the plugin's ``on_post_build`` does not run: the offline
service worker (``sw.js``) and the extra search fields (one-word names, lay terms) that
``runstrong build`` adds to the search index. ``finish_site`` runs the same post-build step
(``generator/postbuild.py``) for a site an engine built from this folder
(``python -m generator.zensical SITE --content CONTENT``): Zensical's own search index
(``search.json``) gets the ranking fields of MkDocs' index, which RunStrong's search worker
lays out for Zensical's ranking (``search_index.tidy_zensical_search``).

No MkDocs import here: the config is read and written as YAML.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from . import urls
from .files import GeneratedFile
from .verbatim import marked, unwrap
from .yamlconfig import PythonName, read_config

DOCS = "docs"
THEME = "theme"
CONFIG = "mkdocs.yml"
PLUGIN = "runstrong"

# MkDocs' own front-matter pattern (mkdocs.utils.meta): a YAML block between '---' lines.
_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(
    PythonName, lambda dumper, value: dumper.represent_scalar(f"tag:yaml.org,2002:python/name:{value}", "")
)


def project_config(config: Mapping[str, Any], site_url: str, nav: list[Any]) -> dict[str, Any]:
    """The engine-neutral config of the project folder, from the guide's mkdocs.yml settings.

    Keeps every setting (theme, Markdown extensions, validation, search) except what only the
    runstrong plugin understands or what names paths outside the folder.
    """
    out = {key: value for key, value in config.items() if key not in ("watch", "site_dir", "docs_dir")}
    out["site_url"] = site_url if site_url.endswith("/") else site_url + "/"
    out["docs_dir"] = DOCS
    theme = dict(out.get("theme") or {"name": "material"})
    if isinstance(theme, str):  # `theme: material`
        theme = {"name": theme}
    theme["custom_dir"] = THEME
    # Zensical's default look ("modern": other fonts, icons and layout) is not the guide's;
    # "classic" is Material's, which the overrides and phone.css are written against. MkDocs
    # keeps unknown theme settings to itself, so the one config serves both engines.
    theme.setdefault("variant", "classic")
    out["theme"] = theme
    plugins = []
    for plugin in out.get("plugins") or []:
        name = next(iter(plugin)) if isinstance(plugin, dict) else plugin
        if name != PLUGIN:
            plugins.append(plugin)
    out["plugins"] = plugins
    if not out.get("nav"):
        out["nav"] = nav
    return out


def dump_config(config: Mapping[str, Any]) -> str:
    head = (
        "# Written by `runstrong generate`: the guide's mkdocs.yml without the runstrong plugin, the\n"
        "# nav it computes written out, for Zensical (`zensical build --strict` here) or a plain\n"
        "# `mkdocs build`. Edit the content and generate again rather than editing this file.\n"
    )
    return head + yaml.dump(dict(config), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def theme_folders(config: Mapping[str, Any], config_file: Path) -> list[Path]:
    """The theme override folders, lowest priority first: RunStrong's packaged theme, then the
    config's own ``custom_dir`` (the MkDocs plugin searches them in the opposite order)."""
    from .install import theme_dir

    folders = [theme_dir()]
    theme = config.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    if custom:
        own = (config_file.parent / str(custom)).resolve()
        if not own.is_dir():
            raise FileNotFoundError(f"{config_file}: theme.custom_dir: {own} is not a folder")
        if own != folders[0].resolve():
            folders.append(own)
    return folders


def _files_under(root: Path) -> Iterator[tuple[str, Path]]:
    """Regular files under ``root`` (symlinks followed, like shutil.copytree), by path."""
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            yield path.relative_to(root).as_posix(), path


def escaped_front_matter(text: str) -> str:
    """A hand-written page with its front-matter strings HTML-escaped, as the plugin escapes them
    at build time (``on_page_markdown``): without the plugin, the engine prints them as they are."""
    from .handwritten import escape_meta

    match = _FRONT_MATTER.match(text)
    if not match:
        return text
    data = yaml.safe_load(match.group(1))
    if not isinstance(data, dict):
        return text
    escaped = escape_meta(data)
    if escaped == data:
        return text  # nothing to escape: the page is copied byte for byte
    block = yaml.safe_dump(escaped, sort_keys=False, allow_unicode=True, width=100)
    return f"---\n{block}---\n" + text[match.end() :]


def project_files(
    generated: Iterable[GeneratedFile],
    *,
    pages_dir: Path | None,
    config_file: Path,
    site_url: str,
    nav: list[Any],
) -> list[GeneratedFile]:
    """Every file of the project folder, for the writer: docs/, mkdocs.yml, theme/."""
    files: dict[str, GeneratedFile] = {}
    if pages_dir is not None and pages_dir.is_dir():
        for rel, path in _files_under(pages_dir):
            data = path.read_bytes()
            if rel.endswith(".md"):
                data = escaped_front_matter(data.decode("utf-8")).encode("utf-8")
            files[f"{DOCS}/{rel}"] = GeneratedFile(f"{DOCS}/{rel}", data)
    for f in generated:  # over a hand-written file of the same path, as in the plugin
        # Zensical keeps verbatim HTML (of both kinds) as it is: the markers dropped.
        if f.path.endswith(".md") and marked(f.content.decode("utf-8")):
            f = GeneratedFile.text(f.path, unwrap(f.content.decode("utf-8")))
        files[f"{DOCS}/{f.path}"] = replace(f, path=f"{DOCS}/{f.path}")
    config = read_config(config_file)
    for folder in theme_folders(config, config_file):  # a coach's custom_dir over ours
        for rel, path in _files_under(folder):
            files[f"{THEME}/{rel}"] = GeneratedFile(f"{THEME}/{rel}", path.read_bytes())
    files[CONFIG] = GeneratedFile.text(CONFIG, dump_config(project_config(config, site_url, nav)))
    return sorted(files.values(), key=lambda f: f.path)


def finish_site(site: Path, content: Path, config_file: Path | None = None) -> None:
    """What the runstrong plugin adds after a build, for a site built from the project folder.

    Its pages without the templates' indentation (``minify``), as the plugin writes them; then
    the post-build step of every engine (``postbuild.finish_site``): each page's date in the
    sitemap and its ``.gz``, which Zensical leaves out; the search indexes tidied and ranked as
    ``runstrong build`` ranks them, both carrying the content licence of ``config_file`` (the
    project's mkdocs.yml), and last the service worker, which precaches the finished files.
    """
    from .licence import licence_of
    from .load import load_guide
    from .minify import minify_pages
    from .postbuild import finish_site as finish

    # Zensical has no hook per page: its pages are minified here, before the service worker
    # hashes them (the runstrong plugin minifies each page as MkDocs renders it).
    minify_pages(site)
    guide = load_guide(content)
    config = config_file if config_file is not None else site.parent / CONFIG
    settings = read_config(config) if config.is_file() else {}
    licence = licence_of(settings.get("extra")) if config.is_file() else None
    docs = config.parent / str(settings.get("docs_dir") or DOCS)
    finish(site, guide, content / "pages", licence=licence, boosts=page_boosts(docs), content=content)


def page_boosts(docs: Path) -> dict[str, float]:
    """Each page's search boost (front matter ``search: boost``), by URL path, from the docs tree.

    Material multiplies a page's score by it (an exercise over a browse page that lists it);
    Zensical's index has no boosts, so the post-step writes them into its items and the search
    worker ranks boosted pages first among equals. Pages without one are left out (boost 1).
    """
    boosts: dict[str, float] = {}
    for rel, path in _files_under(docs) if docs.is_dir() else ():
        if not rel.endswith(".md"):
            continue
        match = _FRONT_MATTER.match(path.read_text(encoding="utf-8"))
        data = yaml.safe_load(match.group(1)) if match else None
        search = data.get("search") if isinstance(data, dict) else None
        boost = search.get("boost") if isinstance(search, dict) else None
        if isinstance(boost, int | float) and not isinstance(boost, bool) and boost != 1:
            boosts[urls.url_of(rel)] = float(boost)
    return boosts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator.zensical",
        description="Add the service worker (and, to a MkDocs site, the search fields) to a site "
        "built by Zensical or a plain mkdocs build from `runstrong generate`'s folder.",
    )
    parser.add_argument("site", type=Path, help="the built site (DIR/site)")
    parser.add_argument(
        "--content", type=Path, required=True, help="the content folder it was generated from"
    )
    parser.add_argument(
        "--config",
        type=Path,
        default=None,
        help="the project's mkdocs.yml, for the content licence (default: the one beside SITE)",
    )
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site}: no index.html: build the site first", file=sys.stderr)
        return 1
    from .errors import ContentErrors

    try:
        finish_site(args.site, args.content, args.config)
    except ContentErrors as exc:  # every error, one a line, as `runstrong check` prints them
        print(exc, file=sys.stderr)
        return 1
    except OSError as exc:  # a read-only site, a missing worker file: one line, as runstrong says it
        from .failures import describe

        print(f"{parser.prog}: {describe(exc)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
