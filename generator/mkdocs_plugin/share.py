"""One worker process of a spread build: a share of the pages rendered by MkDocs' own build.

A worker (``spread.py`` starts it) loads the same mkdocs.yml, is handed the same ``Site``, and
runs ``mkdocs build`` into a folder of its own, with every generated file outside its share
marked unchanged, as a dirty build marks what it keeps (``dirty.Generated``): MkDocs renders the
share's pages (and the dozen hand-written ones, whose titles label the nav every page shows;
the parent keeps its own copies of those) and copies nothing else of the Site. What a page's
HTML depends on — its Markdown, the nav, the theme, the config — is the same here as in the
parent, so each page is byte for byte the page a one-process build writes.

What goes back to the parent (``Rendered``): where each page was written, its search entries
(the parent merges them in page order), the anchors each page has and the anchors it links to
(the parent validates every page's anchor links, as one process would), and every warning said
while one of the share's pages was read or built (``Said``: the parent says it again through
the same logger, so ``--strict`` counts it). Warnings said outside the share's pages (the
config, the nav, the hand-written pages) are the parent's own too, and are dropped here.
"""

from __future__ import annotations

import logging
import os
import pickle
import signal
import sys
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import base, load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ..pipeline import Site
from ..search_index import entries_by_page
from ..workers import die_with_parent
from ..writer import write_file
from . import dirty
from .handover import PLUGIN, Handover

SHARE_PLUGIN = "runstrong-share"  # the worker's second plugin, added to the loaded config


@dataclass(frozen=True)
class ShareJob:
    """All a worker needs, as arguments (workers start by ``spawn``, with nothing of the parent)."""

    config_file: str
    docs_dir: str
    site_dir: str  # the worker's own folder (inside the parent's staging folder)
    cache_dir: str | None
    site: Site
    pages: frozenset[str]  # the share: generated pages' paths (``GeneratedFile.path``)


def write_job(job: ShareJob, path: Path) -> None:
    """Hand ``job`` to its worker as a new file (``render_share`` reads it, then removes it).

    Not as the worker's argument: ``spawn`` writes a process's arguments into a pipe, which
    holds 64 KB, and the Site of 900 exercises is ~10 MB, so the build waited in
    ``Process.start`` until the new interpreter had imported MkDocs and read all of it
    (0.8-1.1 s on the 884-exercise import, while the drawings were paused for the pages). Now
    ``start`` returns in ~0.1 s, the pickling included; the worker reads the file when ready."""
    write_file(path, pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL))


def _read_job(path: Path) -> ShareJob:
    with open(path, "rb") as given:
        job = pickle.load(given)
    path.unlink()
    if not isinstance(job, ShareJob):
        raise TypeError(f"{path} holds no share of pages")
    return job


@dataclass(frozen=True)
class Said:
    """A log record of the worker, to be said again in the parent."""

    logger: str
    level: int
    message: str


@dataclass
class Rendered:
    """What a worker made: the share's pages, as the parent assembles them."""

    outputs: list[str] = field(default_factory=list)  # each page's file, relative to site_dir
    search: dict[str, list[Any]] = field(default_factory=dict)  # page URL → its search entries
    anchors: dict[str, list[str]] = field(default_factory=dict)  # page → the anchors it has
    links: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)  # page → page → anchor → link
    said: list[Said] = field(default_factory=list)


def page_url(url: str) -> str:
    """A page's URL as search entries name it (the home page is "", its file's URL "./")."""
    return "" if url in (".", "./") else url


class _Said(logging.Handler):
    """Keeps each warning said while a page of the share is read or built, and every error
    (a worker's failure is its own: the parent may never meet it)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.page: str | None = None  # the share's page being read or built, if any
        self.records: list[Said] = []

    def emit(self, record: logging.LogRecord) -> None:
        if self.page is not None or record.levelno >= logging.ERROR:
            self.records.append(Said(record.name, record.levelno, record.getMessage()))


class _NoOptions(base.Config):
    """The share plugin is added by the worker, not configured in mkdocs.yml."""


class SharePlugin(BasePlugin[_NoOptions]):
    """The worker's side of the build: marks what it keeps, follows the share's pages, ticks."""

    def __init__(self, share: frozenset[str], said: _Said, conn: Connection) -> None:
        self.share = share
        self.said = said
        self.conn = conn
        self.files: Files | None = None

    def mine(self, page: Page) -> bool:
        return isinstance(page.file, dirty.Generated) and page.file.src_uri in self.share

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # After the runstrong plugin's on_files: every generated file outside the share is kept.
        for file in files:
            if isinstance(file, dirty.Generated) and file.src_uri not in self.share:
                file.unchanged = True
        self.files = files
        return files

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        self.said.page = page.file.src_uri if self.mine(page) else None
        return page

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.said.page = None
        return html

    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        self.said.page = page.file.src_uri if self.mine(page) else None
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        self.said.page = None
        if self.mine(page):
            self.conn.send(("tick", 1))
        return output

    def rendered(self, site_dir: Path) -> Rendered:
        """The share's pages as written, with their search entries and anchors."""
        assert self.files is not None, "on_files ran"
        made = Rendered(said=self.said.records)
        entries = entries_by_page(site_dir)
        for file in self.files.documentation_pages():
            page = file.page
            if page is None or not isinstance(file, dirty.Generated) or file.src_uri not in self.share:
                continue
            made.outputs.append(file.dest_uri)
            url = page_url(file.url)
            made.search[url] = entries.get(url, [])
            made.anchors[file.src_uri] = sorted(page.present_anchor_ids or ())
            made.links[file.src_uri] = {
                target.src_uri: dict(links) for target, links in (page.links_to_anchors or {}).items()
            }
        return made


def render_share(job_file: str, parent: int, conn: Connection) -> None:
    """A worker process's whole life: read its job (``write_job``), build the share, send
    ``("done", Rendered)`` or ``("failed", said, exception)``; progress goes as ``("tick", n)``
    meanwhile. ``parent``: the process id of the build (``workers.die_with_parent``)."""
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    said = _Said()
    root = logging.getLogger()
    root.addHandler(said)
    root.setLevel(logging.WARNING)
    try:
        job = _read_job(Path(job_file))
        config = load_config(
            config_file=job.config_file, site_dir=job.site_dir, docs_dir=job.docs_dir, strict=False
        )
        plugin = config.plugins[PLUGIN]
        assert isinstance(plugin, BasePlugin) and hasattr(plugin, "hand_over"), "the parent's config has it"
        plugin.config.cache_dir = job.cache_dir
        plugin.hand_over(Handover(site=job.site, finish=False))
        share = SharePlugin(job.pages, said, conn)
        config.plugins[SHARE_PLUGIN] = share
        mkdocs_build(config, dirty=True)  # an empty folder: what is not kept is rendered
        conn.send(("done", share.rendered(Path(job.site_dir))))
    except Exception as exc:  # told by the parent in one line, as if it had happened there
        conn.send(("failed", said.records, _sendable(exc)))
    conn.close()
    # Nothing left to write or say: no teardown of the heap (a second, while the parent waits).
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _sendable(exc: Exception) -> Exception:
    """``exc`` itself if it survives pickling (MkDocs' own errors do), else its words."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return PluginError(f"{type(exc).__name__}: {exc}")
    exc.__traceback__ = None
    return exc
