"""The MkDocs adapter — the only module that imports mkdocs (tests/test_architecture.py holds it).

Two halves, both thin on purpose (MkDocs 2.0 drops plugins; the generator must outlive this
file):

* ``RunStrongPlugin`` publishes a ``pipeline.Site``: its generated files become virtual files
  (``File.generated``: writing into ``docs_dir`` during ``mkdocs serve`` triggers rebuild loops),
  its nav becomes the nav. ``runstrong build`` hands it the Site it made (the content is loaded
  once); a plain ``mkdocs build``/``serve`` leaves the plugin to make the Site itself from its
  typed ``content`` option (a folder, relative to mkdocs.yml).
* ``build_into``, ``serve`` and ``site_url_of`` run MkDocs for the command line.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import config_options as c
from mkdocs.config import load_config
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException, PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkDocsPage

from . import pipeline, urls
from .errors import ContentError, ContentErrors
from .load import display_path
from .offline import service_worker
from .pages import search_terms
from .pipeline import Site, nav_data
from .progress import Bar
from .redirects import published_outputs
from .search_index import clean_search_index
from .writer import write_file

__all__ = ["MkDocsException", "RunStrongPlugin", "build_into", "default_nav", "serve", "site_url_of"]

# "runstrong", not "mkdocs.plugins.…": MkDocs counts warnings of its own loggers against
# --strict, and a placeholder site_url is a fair state for a fresh clone or a test build.
_log = logging.getLogger("runstrong")

PLUGIN = "runstrong"  # its name in mkdocs.yml's plugins and in the entry point

default_nav = nav_data  # the name the tests and benchmarks know it by


class RunStrongConfig(Config):
    # A folder relative to mkdocs.yml (MkDocs resolves it). Not required to exist when the
    # command line hands the plugin a Site made from another folder (--content).
    content = c.Dir(exists=False, default="content")


class RunStrongPlugin(BasePlugin[RunStrongConfig]):
    def __init__(self) -> None:
        self._warned = False
        self.site: Site | None = None  # handed over by the command line, or made in on_config
        self.loaded: pipeline.Loaded | None = None  # content the command line already loaded (serve)
        self.progress = False  # the command line turns bars on for a build on a terminal
        self._bar: Bar | None = None

    @property
    def guide(self) -> Any:
        return self.site.guide if self.site is not None else None

    def content_dir(self) -> Path:
        return Path(self.site.content if self.site is not None else self.config.content)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not config.site_url:
            raise PluginError("set site_url in mkdocs.yml: QR codes on printed cards link to the site")
        if problem := urls.site_url_problem(config.site_url):  # printed into every page as is
            raise PluginError(f"site_url: {problem}")
        if self.site is None:
            content = self.loaded or Path(self.config.content)
            self.site = _site_from_option(content, config.site_url)
            self.loaded = None  # a rebuild (serve) loads the edited content anew
        if urls.is_placeholder(config.site_url) and not self._warned:
            # Not a MkDocs warning: that would fail every --strict build of a fresh clone.
            self._warned = True
            _log.warning(
                "site_url is the placeholder %s: the PDFs are previews without QR codes. Set site_url "
                "in mkdocs.yml or RUNSTRONG_SITE_URL to the published address (README: Publishing).",
                config.site_url,
            )
        _add_packaged_theme(config)
        if config.nav is None:
            # The Site's nav is read off its content's pages folder; MkDocs reads docs_dir.
            same = Path(config.docs_dir).resolve() == self.site.pages_dir.resolve()
            config.nav = self.site.nav if same else nav_data(self.site.guide, Path(config.docs_dir))
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.site is not None, "on_config makes the site"
        guide = self.site.guide
        published = published_outputs(guide.exercises, guide.programs)
        handwritten_by_output = {f.dest_uri: f for f in files if f.generated_by is None}
        for generated in self.site.files:
            if generated.source is not None:  # copied by MkDocs from disk, never held in memory
                file = File.generated(config, generated.path, abs_src_path=str(generated.source))
            else:
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
        if self.progress:
            self._bar = Bar("MkDocs pages", len(files.documentation_pages()), True)
        return files

    def on_page_markdown(self, markdown: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        """Escape a hand-written page's front matter: MkDocs and Material print it into HTML as is.

        Generated pages escape their own (``pages/render.py``); escaping again would show '&amp;'.
        """
        if page.file.generated_by is None:
            page.meta = {key: _escaped(value) for key, value in page.meta.items()}
        return markdown

    def on_post_page(self, output: str, *, page: MkDocsPage, config: MkDocsConfig) -> str:
        if self._bar is not None:
            self._bar.update()
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Plain-text search index, then the offline service worker (which precaches that index)."""
        assert self.site is not None, "on_config makes the site"
        if self._bar is not None:
            self._bar.close()
            self._bar = None
        site = Path(config.site_dir)
        exercises = self.site.guide.exercises.items()
        extra = {urls.exercise_url(slug): search_terms.fields(ex) for slug, ex in exercises}
        clean_search_index(site, extra)
        worker = service_worker(site, [urls.exercise_url(slug) for slug in self.site.guide.exercises])
        write_file(site / worker.path, worker.content)

    def inherit(self, previous: RunStrongPlugin) -> None:
        """Carry what a rebuild under ``serve`` can reuse from the previous build's plugin."""
        self._warned = previous._warned

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self.content_dir()))
        return server


def _add_packaged_theme(config: MkDocsConfig) -> None:
    """RunStrong's theme overrides, behind a coach's own ``custom_dir`` and ahead of Material.

    Installed from a wheel, the overrides are package data: a guide's mkdocs.yml then needs
    no path into site-packages (the repository's names them as its ``custom_dir``).
    """
    from .install import theme_dir

    theme = str(theme_dir())
    dirs = config.theme.dirs
    if any(Path(d).resolve() == Path(theme).resolve() for d in dirs):
        return
    dirs.insert(1 if config.theme.custom_dir else 0, theme)


def _site_from_option(content: Path | pipeline.Loaded, site_url: str) -> Site:
    """The Site of a plain ``mkdocs build``/``serve``: made here, from the ``content`` option."""
    try:
        return pipeline.build(content, pipeline.Settings(site_url))
    except ContentErrors as exc:
        raise PluginError(f"the content has {len(exc.errors)} error(s):\n{exc}") from None


def _escaped(value: object) -> object:
    if isinstance(value, str):
        return html.escape(value)
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    if isinstance(value, dict):
        return {k: _escaped(v) for k, v in value.items()}
    return value


# ---- running MkDocs for the command line ------------------------------------------------


def plugin_of(config: MkDocsConfig) -> RunStrongPlugin:
    plugin = config.plugins.get(PLUGIN)
    if not isinstance(plugin, RunStrongPlugin):
        raise PluginError(
            f"{config.config_file_path}: plugins: add '{PLUGIN}' (it publishes the generated pages)"
        )
    return plugin


def build_into(
    config_file: Path,
    site_dir: Path,
    docs_dir: Path,
    make_site: Callable[[str], Site],
    *,
    strict: bool = True,
    progress: bool = False,
) -> Site:
    """Load mkdocs.yml, make the Site for its ``site_url`` and have MkDocs publish it into ``site_dir``.

    ``make_site`` is called once, with the checked ``site_url`` (QR codes print it); the Site is
    handed to the plugin, so the content is loaded once per build.
    """
    quiet_mkdocs()
    config = load_config(
        config_file=str(config_file), site_dir=str(site_dir), docs_dir=str(docs_dir), strict=strict
    )
    if config.site_url and (problem := urls.site_url_problem(config.site_url)):
        from .failures import Failure

        raise Failure(f"{config_file}: site_url: {problem}")
    plugin = plugin_of(config)
    plugin.site = make_site(config.site_url or "")
    plugin.progress = progress
    mkdocs_build(config)
    return plugin.site


def site_url_of(config_file: Path) -> str:
    """``site_url`` of an mkdocs.yml (QR codes on printed cards need the published address)."""
    quiet_mkdocs()
    site_url = load_config(config_file=str(config_file)).site_url
    if not site_url:
        message = "set site_url: printed cards link to the published site"
        raise ContentErrors([ContentError(str(config_file), 1, 1, "site_url", message)])
    if problem := urls.site_url_problem(site_url):
        raise ContentErrors([ContentError(str(config_file), 1, 1, "site_url", problem)])
    return site_url


def serve(config_file: Path, loaded: pipeline.Loaded, dev_addr: str) -> None:
    """Live-reloading preview of ``content``: MkDocs' own server and builder, our config loading.

    As ``mkdocs serve`` does (mkdocs/commands/serve.py), but each build's config gets the content
    folder as the plugin's typed option — no environment variable — and each rebuild's plugin
    inherits the previous one's state, so an edit re-renders only what it touches.
    """
    import shutil
    import tempfile
    from urllib.parse import urlsplit

    from mkdocs.livereload import LiveReloadServer, _serve_url

    quiet_mkdocs()
    site_dir = tempfile.mkdtemp(prefix="runstrong-serve-")
    content = loaded.content
    docs_dir = loaded.pages_dir
    previous: list[RunStrongPlugin] = []

    def get_config() -> MkDocsConfig:
        config = load_config(
            config_file=str(config_file), site_dir=site_dir, docs_dir=str(docs_dir), dev_addr=dev_addr
        )
        plugin = plugin_of(config)
        plugin.config.content = str(content)
        if previous:
            plugin.inherit(previous[-1])
            previous.clear()
        else:
            plugin.loaded = loaded  # the first build: loaded once, by the command line
        previous.append(plugin)
        return config

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    config.site_url = serve_url = _serve_url(host, port, mount_path)

    def builder(config: MkDocsConfig | None = None) -> None:
        logging.getLogger("mkdocs.commands.serve").info("Building documentation...")
        if config is None:
            config = get_config()
            config.site_url = serve_url
        mkdocs_build(config, serve_url=serve_url)

    server = LiveReloadServer(builder=builder, host=host, port=port, root=site_dir, mount_path=mount_path)

    def error_handler(code: int) -> bytes | None:
        page = Path(site_dir, f"{code}.html")
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_handler
    try:
        builder(config)
        server.watch(config.docs_dir)
        if config.config_file_path:
            server.watch(config.config_file_path)
        server = config.plugins.on_serve(server, config=config, builder=builder)
        for item in config.watch:
            server.watch(item)
        try:
            server.serve()
        except KeyboardInterrupt:
            logging.getLogger("mkdocs.commands.serve").info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


def quiet_mkdocs() -> None:
    """Show MkDocs' warnings and errors (they fail a strict build) but not its chatter."""
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_runstrong", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
        handler.setLevel(logging.WARNING)
        handler._runstrong = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.propagate = False
    logger.setLevel(logging.WARNING)
