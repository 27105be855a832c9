"""Running MkDocs for the command line: a build into a folder, the live preview, ``site_url``.

``configure`` reads mkdocs.yml and checks its ``site_url`` (the address QR codes print);
``MkDocsBuild.publish`` hands the plugin the ``Site`` made for it and runs MkDocs. ``serve`` is
``mkdocs serve`` with our config loading: each rebuild's plugin inherits the last one's state.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from .. import urls
from ..errors import ContentError, ContentErrors
from ..failures import Failure
from ..lastbuild import BuildState, LastSite
from ..pipeline import Loaded, Site
from ..schedule import Later
from ..seeding import Seed
from .handover import PLUGIN, Handover, Memory
from .plugin import RunStrongPlugin
from .spread import PARALLEL_FROM, free_cores

POLL_SECONDS = 0.25  # how often serve looks for edited files


def plugin_of(config: MkDocsConfig) -> RunStrongPlugin:
    plugin = config.plugins.get(PLUGIN)
    if not isinstance(plugin, RunStrongPlugin):
        raise PluginError(
            f"{config.config_file_path}: plugins: add '{PLUGIN}' (it publishes the generated pages)"
        )
    return plugin


@dataclass(frozen=True)
class MkDocsBuild:
    """mkdocs.yml loaded for one build into a folder, its ``site_url`` checked; not run yet."""

    config: MkDocsConfig
    plugin: RunStrongPlugin

    @property
    def site_url(self) -> str:
        return self.config.site_url or ""

    @property
    def pages(self) -> int:
        """The pages of the last ``publish`` (Markdown pages; redirects and 404 are not pages)."""
        return len(self.plugin.pages)

    def publish(
        self,
        site: Site,
        *,
        later: Later | None = None,
        last: LastSite | None = None,
        seed: Seed | None = None,
        progress: bool = False,
        processes: int = 0,
    ) -> BuildState:
        """Have MkDocs publish ``site``; returns the state the next build starts from.

        ``later``: the pictures still drawing (``site.pending``), joined after the last page is
        rendered, before the site is finished. With the ``last`` site and its state, pages whose
        Markdown did not change are taken from that site instead of rendered again (a dirty build
        into a folder seeded from it: ``seed``, made by another process meanwhile, else the last
        site's own files linked then). ``processes``: how many render the pages (0: one per free
        core, the drawing pool's busy workers counted as this build's, which pause while the pages
        are spread, when there are enough pages to render to pay for the workers:
        ``spread.free_cores``, ``spread.PARALLEL_FROM``).
        """
        previous = last.state if last is not None else None
        if seed is None and last is not None:
            site_dir = Path(self.config.site_dir)
            seed = Seed(last.folder, last.files, site_dir, site_dir, start=False)
        drawing = later.pictures.drawing if later is not None else None
        if processes:
            count, least = processes, 1
        else:
            count, least = free_cores(drawing.busy if drawing is not None else 0), PARALLEL_FROM
        given = Handover(
            site=site,
            previous=previous,
            seed=seed,
            progress=progress,
            processes=count,
            spread_from=least,
            late=later.join if later is not None else None,
            spreading=(lambda cores: drawing.share(drawing.workers - cores)) if drawing is not None else None,
        )
        self.plugin.hand_over(given)
        _hide_dirty_warning()
        # Always a dirty build: into the empty staging folder it renders every page but those
        # marked kept (a spread build's workers render them); with a seed, what changed.
        mkdocs_build(self.config, dirty=True)
        return self.plugin.state


def configure(
    config_file: Path, site_dir: Path, docs_dir: Path, *, strict: bool, cache_dir: Path
) -> MkDocsBuild:
    """Load mkdocs.yml for a build of ``docs_dir`` into ``site_dir``; a bad ``site_url`` fails here."""
    quiet_mkdocs()
    config = load_config(
        config_file=str(config_file), site_dir=str(site_dir), docs_dir=str(docs_dir), strict=strict
    )
    if config.site_url and (problem := urls.site_url_problem(config.site_url)):
        raise Failure(f"{config_file}: site_url: {problem}")
    plugin = plugin_of(config)
    plugin.config.cache_dir = str(cache_dir)
    return MkDocsBuild(config, plugin)


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


class Session:
    """The builds of one ``runstrong serve``: each one's config, whose plugin inherits the last
    build's state and memory (``Handover.memory``), so an edit costs what it touched."""

    def __init__(
        self, config_file: Path, loaded: Loaded, site_dir: Path, dev_addr: str, cache_dir: Path
    ) -> None:
        self.config_file, self.loaded, self.site_dir = config_file, loaded, site_dir
        self.dev_addr, self.cache_dir = dev_addr, cache_dir
        self._previous: RunStrongPlugin | None = None

    def config(self) -> MkDocsConfig:
        """mkdocs.yml read for the next build (MkDocs reads it anew each build, as its own serve)."""
        config = load_config(
            config_file=str(self.config_file),
            site_dir=str(self.site_dir),
            docs_dir=str(self.loaded.pages_dir),
            dev_addr=self.dev_addr,
        )
        plugin = plugin_of(config)
        plugin.config.content = str(self.loaded.content)
        plugin.config.cache_dir = str(self.cache_dir)
        if self._previous is not None:
            plugin.inherit(self._previous)
        else:
            # The first build: loaded once, by the command line; its memory kept for the next.
            plugin.hand_over(Handover(loaded=self.loaded, memory=Memory()))
        self._previous = plugin
        return config


def serve(config_file: Path, loaded: Loaded, dev_addr: str, *, cache_dir: Path) -> None:
    """Live-reloading preview of ``content``: MkDocs' own server and builder, our config loading.

    As ``mkdocs serve`` does (mkdocs/commands/serve.py), but each build's config gets the content
    folder as the plugin's typed option — no environment variable — and each rebuild's plugin
    inherits the previous one's state, so an edit re-renders only what it touches.
    """
    import shutil
    import tempfile
    from urllib.parse import urlsplit

    from mkdocs.livereload import LiveReloadServer

    # Logging is the caller's (the command line shows the address and each rebuild).
    _hide_dirty_warning()
    site_dir = tempfile.mkdtemp(prefix="runstrong-serve-")
    session = Session(config_file, loaded, Path(site_dir), dev_addr, cache_dir)
    get_config = session.config
    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    # As MkDocs' server says it: the mount path with one slash at each end.
    config.site_url = serve_url = f"http://{host}:{port}" + ("/" + mount_path.lstrip("/")).rstrip("/") + "/"

    def builder(config: MkDocsConfig | None = None) -> None:
        logging.getLogger("mkdocs.commands.serve").info("Building documentation...")
        first = config is not None
        if config is None:
            config = get_config()
            config.site_url = serve_url
        # A rebuild renders only the pages whose Markdown changed (dirty.mark).
        mkdocs_build(config, serve_url=serve_url, dirty=not first)

    class Server(LiveReloadServer):
        def _serve_request(self, environ: dict[str, Any], start_response: Any) -> Any:
            # A path no file can have ('GET /%00': a NUL byte) is not found, not a logged traceback.
            if "\0" in environ.get("PATH_INFO", ""):
                return None
            try:
                return super()._serve_request(environ, start_response)
            except ValueError:
                return None

    # MkDocs polls for changes every 0.5 s (0.25 s of an edit's wait on average); a content
    # folder of 1,000 files is stat'ed in a few milliseconds, so it is polled twice as often.
    server: LiveReloadServer = Server(
        builder=builder,
        host=host,
        port=port,
        root=site_dir,
        mount_path=mount_path,
        polling_interval=POLL_SECONDS,
    )

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
    (``dirty.mark``). Dropped where it is logged, so --strict does not count it either."""
    logger = logging.getLogger("mkdocs.commands.build")
    if _dirty_warning not in logger.filters:
        logger.addFilter(_dirty_warning)


class _Stderr(logging.StreamHandler):
    """Writes to ``sys.stderr`` as it is when a record comes, not as it was when the handler was
    made: the handler is made once a process, and a caller that swapped stderr since (a redirect,
    a test's capture) and closed the old one got "--- Logging error ---" and a traceback instead
    of MkDocs' one-line error."""

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr  # emit runs under the handler's lock (Handler.handle)
        super().emit(record)


def quiet_mkdocs() -> None:
    """Show MkDocs' warnings and errors (they fail a strict build) but not its chatter."""
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_runstrong", False) for h in logger.handlers):
        handler = _Stderr()
        handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
        handler.setLevel(logging.WARNING)
        handler._runstrong = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.propagate = False
    logger.setLevel(logging.WARNING)
