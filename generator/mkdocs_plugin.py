"""The MkDocs adapter — the only module that imports mkdocs (tests/test_architecture.py holds it).

Two halves, both thin on purpose (MkDocs 2.0 drops plugins; the generator must outlive this
file):

* ``RunStrongPlugin`` publishes a ``pipeline.Site``: its generated files become virtual files
  (``File.generated``: writing into ``docs_dir`` during ``mkdocs serve`` triggers rebuild loops),
  its nav becomes the nav. ``runstrong build`` hands it the Site it made (the content is loaded
  once); a plain ``mkdocs build``/``serve`` leaves the plugin to make the Site itself from its
  typed ``content`` option (a folder, relative to mkdocs.yml). Given the last build's
  ``BuildState``, it makes MkDocs' dirty build render only the pages whose Markdown changed
  (``_mark_unchanged``) and keeps the search index whole (``_merge_search_index``).
* ``build_into``, ``serve`` and ``site_url_of`` run MkDocs for the command line.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
from .files import GeneratedFile
from .handwritten import escape_meta
from .licence import licence_of, stamp_index
from .load import display_path
from .offline import service_worker
from .pages import search_terms
from .pipeline import Site, nav_data
from .progress import Bar
from .redirects import published_outputs
from .search_index import INDEX, clean_search_index
from .writer import seed_folder, write_file

if TYPE_CHECKING:
    from .model import Guide

__all__ = ["MkDocsException", "RunStrongPlugin", "build_into", "default_nav", "serve", "site_url_of"]

# "runstrong", not "mkdocs.plugins.…": MkDocs counts warnings of its own loggers against
# --strict, and a placeholder site_url is a fair state for a fresh clone or a test build.
_log = logging.getLogger("runstrong")

PLUGIN = "runstrong"  # its name in mkdocs.yml's plugins and in the entry point

default_nav = nav_data  # the name the tests and benchmarks know it by


@dataclass
class BuildState:
    """What one build leaves for the next, so an edit rebuilds only what it touches.

    ``runstrong serve`` keeps it in memory between rebuilds; ``runstrong build`` stores it in the
    site's stamp (``build.STAMP``), so it holds hashes only and reads the same on any machine.
    """

    digests: dict[str, str] = field(default_factory=dict)  # generated path → digest of its bytes
    handwritten: dict[str, str] = field(default_factory=dict)  # docs_dir file → sha256 of its bytes
    nav: list[Any] = field(default_factory=list)
    search: dict[str, list[Any]] = field(default_factory=dict)  # page URL → its search index entries
    revisions: dict[str, tuple[int, int, str]] = field(default_factory=dict)  # service worker's hashes

    def to_json(self) -> dict[str, Any]:
        return {"digests": self.digests, "handwritten": self.handwritten, "nav": self.nav}

    @classmethod
    def from_json(cls, data: object) -> BuildState | None:
        if not isinstance(data, dict) or not all(isinstance(data.get(k), t) for k, t in _STATE_FIELDS):
            return None
        return cls(digests=data["digests"], handwritten=data["handwritten"], nav=data["nav"])


_STATE_FIELDS = (("digests", dict), ("handwritten", dict), ("nav", list))


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
        # Under serve, a rebuild is a MkDocs dirty build: pages whose Markdown did not change keep
        # their HTML from the build before (``previous``); ``full`` when that is not safe.
        self.previous: BuildState | None = None
        self.seed: Path | None = None  # runstrong build: the last good site, to start the new one from
        self.state = BuildState()
        self.full = True
        self.pages: list[str] = []  # URLs of the documentation pages, in build order
        self.rebuilt: list[str] = []  # URLs of the pages this build rendered
        self.licence: dict[str, str] | None = None  # mkdocs.yml's extra.license (generator/licence.py)

    @property
    def guide(self) -> Guide | None:
        return self.site.guide if self.site is not None else None

    def content_dir(self) -> Path:
        return Path(self.site.content if self.site is not None else self.config.content)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not config.site_url:
            raise PluginError("set site_url in mkdocs.yml: QR codes on printed cards link to the site")
        if problem := urls.site_url_problem(config.site_url):  # printed into every page as is
            raise PluginError(f"site_url: {problem}")
        try:
            self.licence = licence_of(config.extra)  # the footer prints it: no malformed one
        except ValueError as exc:
            raise PluginError(str(exc)) from None
        if self.site is None:
            content = self.loaded or Path(self.config.content)
            self.site = _site_from_option(content, config.site_url)
            self.loaded = None  # a rebuild (serve) loads the edited content anew
        if urls.is_placeholder(config.site_url) and not self._warned:
            # Not a MkDocs warning: that would fail every --strict build of a fresh clone.
            self._warned = True
            _log.warning(urls.placeholder_warning(config.site_url))
        _add_packaged_theme(config)
        if config.nav is None:
            # The Site's nav is read off its content's pages folder; MkDocs reads docs_dir.
            same = Path(config.docs_dir).resolve() == self.site.pages_dir.resolve()
            config.nav = self.site.nav if same else nav_data(self.site.guide, Path(config.docs_dir))
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.site is not None, "on_config makes the site"
        guide = self.site.guide
        published = published_outputs(guide.exercises, guide.programs, guide.kept_shorts)
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
        _drop_unused_theme_files(files, config)
        self._mark_unchanged(files, config)
        if self.progress:
            self._bar = Bar("MkDocs pages", len(files.documentation_pages()), True)
        return files

    def _mark_unchanged(self, files: Files, config: MkDocsConfig) -> None:
        """On a rebuild, tell MkDocs which generated files are as the last build left them.

        MkDocs' dirty build skips a file whose ``is_modified()`` is False, but calls every file
        with in-memory content modified: a generated file whose bytes did not change is marked
        unmodified here, so an edit of one exercise renders that exercise's page and the pages
        listing it (library, browse pages), not the 900 others. Hand-written pages are always
        rendered (a dozen; their titles label the nav every rendered page shows). Anything that
        changes what every page shows (the nav, a hand-written file, a file added or removed)
        renders every page.
        """
        assert self.site is not None
        docs = Path(config.docs_dir)
        self.state.digests = {f.path: _digest(f) for f in self.site.files}
        self.state.nav = self.site.nav
        handwritten = [f for f in files if f.generated_by is None and _inside(f.abs_src_path, docs)]
        self.state.handwritten = {f.src_uri: _sha256(Path(f.abs_src_path or "")) for f in handwritten}
        # As pages and search entries name them: the home page is "" (its file's URL is "./").
        self.pages = ["" if f.url in (".", "./") else f.url for f in files.documentation_pages()]
        previous = self.previous
        self.full = (
            previous is None
            or previous.nav != self.state.nav
            or previous.digests.keys() != self.state.digests.keys()
            or previous.handwritten != self.state.handwritten
        )
        if previous is None:
            return
        if self.full:
            # Every page again (its nav may have changed); a build starts from an empty folder.
            for file in files.documentation_pages():
                file.is_modified = _modified  # type: ignore[method-assign]
            return
        if self.seed is not None:
            # The new site starts as the last good one (linked, not copied: writer.seed_folder);
            # the files this build writes are unlinked first, so the old site is never written.
            seed_folder(self.seed, Path(config.site_dir))
            if not previous.search:
                previous.search = _entries_by_page(self.seed)
        for file in files:
            generated = file.generated_by is not None
            if generated and previous.digests.get(file.src_uri) == self.state.digests.get(file.src_uri):
                file.is_modified = _unmodified  # type: ignore[method-assign]
            elif file.is_documentation_page() or generated:
                file.is_modified = _modified  # type: ignore[method-assign]
                if self.seed is not None:
                    Path(file.abs_dest_path).unlink(missing_ok=True)

    def on_page_markdown(self, markdown: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        """Escape a hand-written page's front matter: MkDocs and Material print it into HTML as is.

        Generated pages escape their own (``pages/render.py``); escaping again would show '&amp;'.
        """
        if page.file.generated_by is None:
            page.meta = {key: escape_meta(value) for key, value in page.meta.items()}
        return markdown

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """Keep Material's compiled templates between builds (Jinja's bytecode cache).

        Compiling them costs each build ~0.6 s, a third of a one-edit rebuild. Jinja keys each
        entry by the template's name and the hash of its source, so an edited override compiles
        anew; the cache is the render cache's (``--cache-dir``, ``$RUNSTRONG_CACHE``).
        """
        from .build import trusted_cache_dir

        root = trusted_cache_dir()
        if root is None:
            return env  # a cache others can write must never hand Jinja code to run
        folder = root / "templates"
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return env  # a read-only cache costs only the compile time
        env.bytecode_cache = _checked_bytecode_cache(folder)
        return env

    def on_post_page(self, output: str, *, page: MkDocsPage, config: MkDocsConfig) -> str:
        self.rebuilt.append(page.url)
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
        if self.previous is not None and not self.full:
            self._merge_search_index(site)
        clean_search_index(site, *search_terms.index_fields(self.site.guide, Path(config.docs_dir)))
        stamp_index(site / INDEX, self.licence)  # the published data says its terms too
        self.state.search = _entries_by_page(site)
        if self.previous is not None:
            self.state.revisions = self.previous.revisions
        exercise_urls = [urls.exercise_url(slug) for slug in self.site.guide.exercises]
        worker = service_worker(site, exercise_urls, known=self.state.revisions)
        write_file(site / worker.path, worker.content)
        _log.info("runstrong: %d of %d pages rendered", len(self.rebuilt), len(self.pages))

    def _merge_search_index(self, site: Path) -> None:
        """A dirty build's search index holds only the pages it rendered: add back the others'.

        Every page keeps its place in build order, so the index is the one a full build makes.
        """
        assert self.previous is not None
        path = site / INDEX
        if not path.is_file():
            return
        index = json.loads(path.read_text(encoding="utf-8"))
        fresh = _group(index.get("docs", []))
        rebuilt = set(self.rebuilt)
        index["docs"] = [
            entry
            for url in self.pages
            for entry in (fresh.get(url, []) if url in rebuilt else self.previous.search.get(url, []))
        ]
        write_file(path, json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))

    def inherit(self, previous: RunStrongPlugin) -> None:
        """Carry what a rebuild under ``serve`` can reuse from the previous build's plugin."""
        self._warned = previous._warned
        self.previous = previous.state

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self.content_dir()))
        return server


def _checked_bytecode_cache(folder: Path) -> Any:
    """Jinja's file bytecode cache, each entry checked like the render cache's (cache.py): the
    sha256 of its bytes first, so a damaged entry is compiled again, never run."""
    import io

    from jinja2 import FileSystemBytecodeCache
    from jinja2.bccache import Bucket

    from .cache import read_own, write_own

    class Checked(FileSystemBytecodeCache):
        def load_bytecode(self, bucket: Bucket) -> None:
            # Only the user's own regular file (cache.read_own): bytecode is code that runs.
            raw = read_own(Path(self._get_cache_filename(bucket)))
            if raw is None:
                return
            if hashlib.sha256(raw[32:]).digest() == raw[:32]:
                bucket.load_bytecode(io.BytesIO(raw[32:]))

        def dump_bytecode(self, bucket: Bucket) -> None:
            out = io.BytesIO()
            bucket.write_bytecode(out)
            data = out.getvalue()
            # Through the one writer (a temporary file, then a rename); a cache that cannot be
            # written costs only the compile time.
            with contextlib.suppress(OSError):
                write_own(Path(self._get_cache_filename(bucket)), hashlib.sha256(data).digest() + data)

    return Checked(str(folder))


def _digest(file: GeneratedFile) -> str:
    if file.source is not None:  # a cache blob is named by the hash of its bytes (files.py)
        return f"{file.source.name}:{file.size}"
    return hashlib.sha256(file.content).hexdigest()


def _sha256(path: Path) -> str:
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def _inside(path: str | None, folder: Path) -> bool:
    return path is not None and os.path.abspath(path).startswith(os.path.abspath(folder) + os.sep)


def _unmodified() -> bool:
    return False


def _modified() -> bool:
    return True


def _group(entries: list[Any]) -> dict[str, list[Any]]:
    """Search index entries by the URL of their page ("exercises/x/#setup" → "exercises/x/")."""
    pages: dict[str, list[Any]] = {}
    for entry in entries:
        pages.setdefault(str(entry.get("location", "")).split("#", 1)[0], []).append(entry)
    return pages


def _entries_by_page(site: Path) -> dict[str, list[Any]]:
    path = site / INDEX
    if not path.is_file():
        return {}
    return _group(json.loads(path.read_text(encoding="utf-8")).get("docs", []))


LUNR = "assets/javascripts/lunr/"


def _drop_unused_theme_files(files: Files, config: MkDocsConfig) -> None:
    """Leave out theme files no page or script of the site loads (~2 MB of every site).

    Material's source maps (``*.map``: a browser fetches one only while its developer tools are
    open) and the lunr language packs of languages search is not configured for: its worker
    loads ``lunr/min/lunr.<lang>.min.js`` only for a language other than English (plus
    ``tinyseg.js`` for Japanese, ``wordcut.js`` for Hindi and Thai, the stemmer support with
    any of them and ``lunr.multi`` for several). Without Material's search plugin, nothing
    is dropped from lunr/.
    """
    languages = _search_languages(config)
    needed = _lunr_files(languages) if languages is not None else None
    themes = [Path(folder) for folder in config.theme.dirs]
    for file in list(files):
        if file.generated_by is not None or not any(_inside(file.abs_src_path, t) for t in themes):
            continue
        uri = file.src_uri
        if uri.endswith(".map") or (needed is not None and uri.startswith(LUNR) and uri not in needed):
            files.remove(file)


def _search_languages(config: MkDocsConfig) -> list[str] | None:
    for plugin in config.plugins.values():
        if type(plugin).__module__.startswith("material.plugins.search"):
            return [str(lang) for lang in plugin.config.lang or []]
    return None


def _lunr_files(languages: list[str]) -> set[str]:
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
    previous: BuildState | None = None,
    seed: Path | None = None,
) -> RunStrongPlugin:
    """Load mkdocs.yml, make the Site for its ``site_url`` and have MkDocs publish it into ``site_dir``.

    ``make_site`` is called once, with the checked ``site_url`` (QR codes print it); the Site is
    handed to the plugin, so the content is loaded once per build. With the ``previous`` build's
    state and its site (``seed``), pages whose Markdown did not change are taken from that site
    instead of rendered again. Returns the plugin: its ``site`` and ``state`` for the next build.
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
    plugin.previous, plugin.seed = previous, seed
    if previous is not None:
        _hide_dirty_warning()
    # A dirty build into an empty folder is a full build; with a seed it renders what changed.
    mkdocs_build(config, dirty=previous is not None)
    return plugin


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

    # Logging is the caller's (the command line shows the address and each rebuild).
    _hide_dirty_warning()
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
        first = config is not None
        if config is None:
            config = get_config()
            config.site_url = serve_url
        # A rebuild renders only the pages whose Markdown changed (RunStrongPlugin._mark_unchanged).
        mkdocs_build(config, serve_url=serve_url, dirty=not first)

    class Server(LiveReloadServer):  # type: ignore[misc]
        def _serve_request(self, environ: dict[str, Any], start_response: Any) -> Any:
            # A path no file can have ('GET /%00': a NUL byte) is not found, not a logged traceback.
            if "\0" in environ.get("PATH_INFO", ""):
                return None
            try:
                return super()._serve_request(environ, start_response)
            except ValueError:
                return None

    server = Server(builder=builder, host=host, port=port, root=site_dir, mount_path=mount_path)

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


def _dirty_warning(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith("A 'dirty' build is being performed")


def _hide_dirty_warning() -> None:
    """MkDocs warns at every dirty build that its nav may be stale: the plugin keeps it exact
    (``_mark_unchanged``). Dropped where it is logged, so --strict does not count it either."""
    logger = logging.getLogger("mkdocs.commands.build")
    if _dirty_warning not in logger.filters:
        logger.addFilter(_dirty_warning)


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
