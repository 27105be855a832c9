"""The offline service worker: a precache list of the built site, written as ``sw.js``.

After one visit a runner's phone keeps every page of the guide (exercises, programs, browse
and guide pages, the ``/x/`` short links printed on cards as QR codes and the rename
redirects), the open data the program pages read (``api/``), the small pictures (keyframe
strips, muscle maps) and the theme's files, so the guide opens at the gym with no signal.
Animations and PDFs are kept as they are first shown or opened (theme/assets/javascripts/
rs-sw.js), and a page neither stored nor reachable shows our offline page, which lists what
is stored. Material's ``offline`` plugin is not used: it targets file:// and turns off
directory URLs, which breaks every published URL and short link.

The list is read off the finished site (Material's asset names carry content hashes only
known then), each entry with a revision (a hash of the file) so that a new build re-downloads
only what changed. Files go in by priority until ``PRECACHE_BUDGET`` is reached (a library of
1,000 exercises); the rest are still kept when viewed. Pure file work, no MkDocs: the plugin
asks for ``service_worker`` after a build and has the writer put it in the site.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from . import urls
from .files import GeneratedFile

WORKER = "sw.js"
WORKER_SOURCE = "assets/javascripts/rs-sw.js"  # theme/assets/javascripts/rs-sw.js, as MkDocs copied it
PRECACHE_BUDGET = 20 * 1024 * 1024  # bytes a first visit may download in the background

# Never precached: source maps, printable PDFs and link-preview cards (not for reading on the
# phone), search-language packs for other languages, and the worker's own source.
_SKIP_PREFIXES = (
    urls.asset_path("pdf") + "/",
    urls.asset_path("previews") + "/",
    "assets/javascripts/lunr/",
    WORKER_SOURCE,
)


@dataclass(frozen=True)
class Entry:
    path: str  # URL path from the site root ("" is the home page, "exercises/" the library)
    revision: str
    size: int


# Revisions already computed, by file path in the site: (mtime_ns, size, sha256 hex, of which
# the revision is the first 16 digits). Under `runstrong serve` an
# edit rewrites a few files; hashing the other thousands again would cost most of the rebuild.
Known = dict[str, tuple[int, int, str]]


def _files(site: Path) -> dict[str, os.stat_result]:
    """Every file of the site by its path from the root ('/'-separated), with its stat: one walk
    of the folder, not a ``Path`` and a ``stat`` per question (~3,000 files at 900 exercises)."""
    found: dict[str, os.stat_result] = {}
    root = str(site)
    for folder, _, names in os.walk(root):
        # os.walk names each folder by joining onto ``root``: its tail is the relative name
        # (os.path.relpath made both absolute again, per folder: ~0.1 ms x 4,500 folders).
        prefix = folder[len(root) :].lstrip(os.sep).replace(os.sep, "/")
        prefix = prefix + "/" if prefix else ""
        for name in names:
            try:
                info = os.stat(os.path.join(folder, name))  # a link counts as what it points to
            except OSError:
                continue
            if stat.S_ISREG(info.st_mode):
                found[prefix + name] = info
    return found


def _in_path_order(names: Iterable[str]) -> list[str]:
    """Sorted as ``Path`` objects sort: part by part ('a/x' before 'a-b/x')."""
    return sorted(names, key=lambda name: name.split("/"))


class _Site:
    """The finished site's files, and each one's entry (its revision read or remembered)."""

    def __init__(self, site: Path, known: Known | None) -> None:
        self.site = site
        self.files = _files(site)
        self.known = known

    def entry(self, url_path: str, name: str) -> Entry:
        info = self.files[name]
        if self.known is not None:
            seen = self.known.get(name)
            if seen is not None and seen[:2] == (info.st_mtime_ns, info.st_size):
                return Entry(url_path, seen[2][:16], info.st_size)
        data = (self.site / name).read_bytes()
        entry = Entry(url_path, hashlib.sha256(data).hexdigest()[:16], len(data))
        if self.known is not None:
            self.known[name] = (info.st_mtime_ns, info.st_size, entry.revision)
        return entry

    def page(self, url_path: str) -> Entry | None:
        name = url_path + "index.html"
        return self.entry(url_path, name) if name in self.files else None


def precache_entries(
    site: Path, exercise_urls: list[str], budget: int = PRECACHE_BUDGET, known: Known | None = None
) -> list[Entry]:
    """What a first visit stores, most needed first, within ``budget`` bytes.

    Order: the home page, the library, the offline page and the theme; the exercise pages;
    every other page (programs, browse and guide pages, the ``/x/`` short links and rename
    redirects, which are printed on cards as QR codes); the open data (``api/``); the keyframe
    strips and muscle maps. Not the animations: at ~115 KB each they were half of the first
    visit (4.3 of 9.0 MB for 37 exercises), so each is kept when its page is first shown, like
    a PDF when it is first opened; a page whose animation is not stored shows its still frame
    (figures.js).
    """
    built = _Site(site, known)
    core: list[Entry] = []
    first = ("", urls.url_of(urls.LIBRARY_SOURCE), urls.url_of(urls.OFFLINE_SOURCE))
    for url_path in first:
        if page := built.page(url_path):
            core.append(page)
    # The search index of either engine: MkDocs' search/search_index.json, Zensical's search.json.
    for name in (
        "manifest.webmanifest",
        "sitemap.xml",
        "search/search_index.json",
        "search.json",
        "404.html",
    ):
        if name in built.files:
            core.append(built.entry(name, name))
    generated = urls.GENERATED_ASSETS + "/"
    theme: list[Entry] = []
    pictures: list[Entry] = []
    for rel in _in_path_order(name for name in built.files if name.startswith("assets/")):
        if rel.endswith(".map") or rel.startswith(_SKIP_PREFIXES):
            continue
        if not rel.startswith(generated):
            theme.append(built.entry(rel, rel))
        elif rel.endswith(".webp"):
            continue
        else:
            pictures.append(built.entry(rel, rel))
    pages = [page for url in exercise_urls if (page := built.page(url))]
    listed = {*first, *exercise_urls}
    others = sorted(
        url
        for name in built.files
        if (name == "index.html" or name.endswith("/index.html"))
        and (url := name.removesuffix("index.html")) not in listed
        and not url.startswith("assets/")
    )
    pages += [page for url in others if (page := built.page(url))]
    data = [
        built.entry(rel, rel)
        for rel in _in_path_order(n for n in built.files if n.startswith("api/") and n.endswith(".json"))
    ]
    chosen: list[Entry] = []
    total = 0
    for entry in [*core, *theme, *pages, *data, *pictures]:
        if total + entry.size > budget and chosen:
            continue
        chosen.append(entry)
        total += entry.size
    return chosen


def service_worker(
    site: Path, exercise_urls: list[str], budget: int = PRECACHE_BUDGET, known: Known | None = None
) -> GeneratedFile:
    """``sw.js`` for the site root: the precache list, then the worker's code.

    ``known`` keeps file revisions between builds (``runstrong serve``), keyed by time and size.
    """
    return _worker(site, exercise_urls, budget, known)[0]


def _worker(
    site: Path, exercise_urls: list[str], budget: int, known: Known | None = None
) -> tuple[GeneratedFile, list[Entry]]:
    """The worker file and the entries it precaches.

    The version is a hash of the list, so a build that changes any precached file changes
    ``sw.js`` itself, which is what makes browsers install the new worker.
    """
    source = site / WORKER_SOURCE
    if not source.is_file():
        raise FileNotFoundError(f"{source}: the service worker's code is missing (theme/{WORKER_SOURCE})")
    entries = precache_entries(site, exercise_urls, budget, known)
    files = [[e.path, e.revision] for e in entries]
    version = hashlib.sha256(json.dumps(files).encode()).hexdigest()[:12]
    head = (
        "// Written by the RunStrong build (generator/offline.py): the precache list, then\n"
        f"// {WORKER_SOURCE}.\n"
        "const PRECACHE = "
        + json.dumps(
            {"version": version, "offline": urls.url_of(urls.OFFLINE_SOURCE), "files": files},
            separators=(",", ":"),
        )
        + "\n"
    )
    return GeneratedFile.text(WORKER, head + source.read_text(encoding="utf-8")), entries


def write_service_worker(
    site: Path, exercise_urls: list[str], budget: int = PRECACHE_BUDGET, known: Known | None = None
) -> list[Entry]:
    """Write ``sw.js`` at the site root (through the writer); returns what it precaches.

    ``known``: revisions kept from the last build (see ``service_worker``)."""
    from .writer import write_file

    worker, entries = _worker(site, exercise_urls, budget, known)
    write_file(site / worker.path, worker.content)
    return entries
