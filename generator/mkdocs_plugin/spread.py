"""MkDocs' page rendering spread over the machine's cores (``runstrong build`` into a folder).

MkDocs renders one page at a time: on a 900-exercise guide that is most of a cold build's MkDocs
step, with one core busy and the others idle. When a build has enough pages to render
(``processes_for``), this process keeps a share and hands the others to worker processes
(``share.py``), each a MkDocs build of the same config into a folder of its own; the shares
are cut by the pages' Markdown sizes, the parent's larger by what a worker spends starting.
After its own last page, the parent takes the workers' pages into the site (renamed, never
copied), gives MkDocs their anchors so it validates every page's anchor links as one process
would, and says their warnings again through the same loggers (``--strict`` counts them). The
search index, the sitemap, the 404 page and the post-build step are the parent's alone, once:
the index gets the workers' entries in page order (``search_index.Partial``).

Workers start by ``spawn`` (``workers.start_method``, safe from any thread), die with the
build (``workers.die_with_parent``), and are stopped when the parent's build fails. Serve's
rebuilds are small and stay in one process.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from ..pipeline import Site
from ..workers import Ticks, start_method
from ..writer import move_files
from . import dirty
from .share import Rendered, ShareJob, page_url, render_share, write_job

# Measured on imports of 60 to 884 exercises (ARCHITECTURE.md, "Decisions measured"): a worker
# costs ~2.3 s of CPU (an interpreter, MkDocs, Material, the Site unpickled, the theme read, its
# own sitemap and search index), so a build of ~100 pages gains nothing and ~200 a little,
# paid for with 50 % more CPU; from ~300 the MkDocs step is ~1.5x faster on two cores.
PARALLEL_FROM = 300
# Markdown bytes the parent renders while a worker starts (~2 s of CPU), less what it alone does
# (copying the pictures and PDFs): its share is larger by this much. Tuned on the 884-exercise
# import by the CPU time of each process (parent 14.4 s, worker 14.8 s with 600 KB).
HEAD_START = 600_000
PAGE_COST = 4_000  # a page's fixed work (Material's template), as Markdown bytes
SHARE_FOLDER = ".runstrong-share-"  # a worker's folder inside the staging folder


def processes_for(pages: int, cores: int, *, least: int = PARALLEL_FROM) -> int:
    """How many processes render ``pages`` pages on ``cores`` cores: one below ``least`` pages,
    else one per core while each has at least half of ``least`` pages."""
    if pages < least or cores < 2:
        return 1
    return max(1, min(cores, pages * 2 // least))


def to_render(files: Files) -> int:
    """The generated pages MkDocs is to render (the rest are kept from the last site)."""
    return sum(1 for f in files.documentation_pages() if isinstance(f, dirty.Generated) and not f.unchanged)


def cores() -> int:
    """The cores this process may run on (a container's share, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def free_cores(ours: int = 0) -> int:
    """The cores the pages may use now: this process's, and those nothing else keeps busy.

    Linux shares a busy machine's time between sessions, not processes (autogroup): where
    another program keeps the other cores busy, a worker gains nothing and costs ~20 % more CPU
    (measured: ARCHITECTURE.md). Like ``make -l``, the kernel's count of runnable tasks
    (``/proc/loadavg``, this process excluded) is looked at five times, 10 ms apart. ``ours``:
    the build's own drawing processes busy now (``drawing.Drawing.busy``): not another program's,
    they pause while the pages are spread (``Handover.spreading``)."""
    looks = []
    try:
        for _ in range(5):
            with open("/proc/loadavg", encoding="ascii") as loadavg:
                looks.append(int(loadavg.read().split()[3].split("/")[0]) - 1)
            time.sleep(0.01)
    except (OSError, ValueError, IndexError):  # not Linux: every core
        return cores()
    return free_of(cores(), looks, ours)


def free_of(total: int, others: list[int], ours: int = 0) -> int:
    """``total`` cores less the median of the other runnable tasks seen, the build's own
    ``ours`` (its drawing workers) not among them; this process keeps one."""
    busy = sorted(others)[len(others) // 2] if others else 0
    return max(1, min(total, total - max(busy - ours, 0)))


def split(sizes: dict[str, int], processes: int, head_start: int = HEAD_START) -> list[set[str]]:
    """Pages (by Markdown size) in ``processes`` shares of about equal work, the first (the
    parent's) larger by ``head_start`` — at most half a share, so a small build's workers still
    get pages: the largest page to the least loaded share, in turn."""
    total = sum(sizes.values()) + PAGE_COST * len(sizes)
    shares: list[set[str]] = [set() for _ in range(processes)]
    load = [-min(head_start, total // (2 * processes))] + [0] * (processes - 1)
    for path in sorted(sizes, key=lambda p: (-sizes[p], p)):
        least = min(range(processes), key=lambda i: (load[i], i))
        shares[least].add(path)
        load[least] += sizes[path] + PAGE_COST
    return shares


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    folder: Path
    job_file: Path  # the worker's job until it reads it (share.write_job)
    result: Rendered | None = None


@dataclass
class Spread:
    """Worker processes rendering shares of the pages while this process renders its own."""

    files: Files
    site_dir: Path
    workers: list[_Worker]
    bar: Ticks | None
    own: set[str] = field(default_factory=set)  # the parent's pages not yet built (dest URIs)
    failure: Exception | None = None
    joined: bool = False
    # Called when this process has built its own pages and waits for the workers' (its core
    # is free for the build's drawings meanwhile).
    waiting: Callable[[], None] | None = None

    def expect(self, files: Files) -> None:
        """The parent's own pages (after MkDocs knows which are drafts): the last one built joins."""
        # MkDocs' own test of a page to build (a kept page, generated or hand-written, is not).
        self.own = {
            f.dest_uri
            for f in files.documentation_pages(inclusion=InclusionLevel.is_included)
            if f.is_modified()
        }

    def built(self, file: File) -> None:
        """The parent built ``file``: the workers are heard, and joined after its last page (before
        MkDocs checks the anchor links, which then sees every page's)."""
        self.poll()
        self.own.discard(file.dest_uri)
        if not self.own and not self.joined:
            self.join()

    def poll(self, timeout: float | None = 0) -> bool:
        """Read what the workers said so far (``timeout=None``: wait for a word); True while
        some worker has more to say."""
        listening = [w for w in self.workers if not w.conn.closed]
        ready = wait([w.conn for w in listening], timeout) if listening else []
        for worker in listening:
            if worker.conn not in ready:
                continue
            try:
                message = worker.conn.recv()
            except EOFError:
                worker.conn.close()
                if worker.result is None and self.failure is None:
                    worker.process.join(1)  # its pipe closes as it ends: reaped, it has a code
                    code = worker.process.exitcode
                    words = f"a page-rendering process ended unexpectedly (exit code {code})"
                    self.failure = PluginError(words)
                continue
            self._take(worker, message)
        return any(not w.conn.closed for w in self.workers)

    def _take(self, worker: _Worker, message: tuple[Any, ...]) -> None:
        kind = message[0]
        if kind == "tick":
            if self.bar is not None:
                self.bar.advance(message[1])
        elif kind == "done":
            worker.result = message[1]
        else:  # "failed": what it said, then the error, as if said here
            _say(message[1])
            if self.failure is None:
                self.failure = message[2]

    def join(self) -> None:
        """Wait for every worker; take its pages into the site and its anchors into MkDocs' pages."""
        self.joined = True
        if self.waiting is not None:
            self.waiting()
        while self.poll(timeout=None):
            pass  # each word read as it comes: a worker's last, its pages, may be megabytes
        if self.failure is not None:
            return  # raised by ``results``, outside any page (MkDocs would blame the page)
        for worker in self.workers:
            made = worker.result
            assert made is not None
            _say(made.said)
            move_files(worker.folder, self.site_dir, made.outputs)
            for path, ids in made.anchors.items():
                page = _page(self.files, path)
                if page is not None:
                    page.present_anchor_ids = set(ids)
                    page.links_to_anchors = {
                        target: links
                        for name, links in made.links.get(path, {}).items()
                        if (target := self.files.get_file_from_path(name)) is not None
                    }

    def results(self) -> list[Rendered]:
        """The workers' pages (joined now if the parent's last page was never built), or their error."""
        if not self.joined:
            self.join()
        self.stop()
        if self.failure is not None:
            raise self.failure
        return [w.result for w in self.workers if w.result is not None]

    def stop(self) -> None:
        """End the workers (a failed build) and remove their folders."""
        for worker in self.workers:
            if worker.process.is_alive():
                worker.process.terminate()
            worker.process.join()
            worker.conn.close()
            shutil.rmtree(worker.folder, ignore_errors=True)
            worker.job_file.unlink(missing_ok=True)  # a worker that ended before reading it


def start(files: Files, config: MkDocsConfig, site: Site, *, processes: int, cache_dir: str | None,
          bar: Ticks | None, waiting: Callable[[], None] | None = None) -> Spread | None:  # fmt: skip
    """Spread the generated pages this build renders over ``processes`` processes (this one
    and workers; ``processes_for`` says how many pay); the workers' pages are kept here."""
    if processes < 2:
        return None
    todo = [f for f in files.documentation_pages() if isinstance(f, dirty.Generated) and not f.unchanged]
    if len(todo) < processes:
        return None
    sizes = {f.src_uri: len(f.content_bytes) for f in todo}
    shares = split(sizes, processes)
    for file in todo:
        if file.src_uri not in shares[0]:
            file.unchanged = True
    site_dir = Path(config.site_dir)
    context = start_method()  # "spawn": a fresh interpreter, never a fork of this build
    workers = []
    for number, share in enumerate(shares[1:], start=1):
        folder = site_dir / f"{SHARE_FOLDER}{number}"
        job_file = site_dir / f"{SHARE_FOLDER}{number}.job"
        job = ShareJob(
            config_file=str(Path(config.config_file_path or "mkdocs.yml").resolve()),
            docs_dir=str(Path(config.docs_dir).resolve()),
            site_dir=str(folder),
            cache_dir=cache_dir,
            site=site,
            pages=frozenset(share),
        )
        mine, theirs = context.Pipe(duplex=False)
        process = context.Process(  # type: ignore[attr-defined]
            target=render_share, args=(str(job_file), os.getpid(), theirs), daemon=True
        )
        workers.append(_Worker(process, mine, folder, job_file))
        try:
            write_job(job, job_file)
            process.start()
        except BaseException:  # (a full disk, out of processes) none of them outlives the build
            workers.pop()
            job_file.unlink(missing_ok=True)
            Spread(files, site_dir, workers, bar).stop()
            raise
        finally:
            theirs.close()
    return Spread(files, site_dir, workers, bar, waiting=waiting)


def rendered_urls(results: list[Rendered]) -> list[str]:
    return [url for made in results for url in made.search]


def _page(files: Files, path: str) -> Any:
    file = files.get_file_from_path(path)
    return file.page if file is not None else None


def _say(said: list[Any]) -> None:
    for record in said:
        logging.getLogger(record.logger).log(record.level, record.message)


__all__ = ["Spread", "page_url", "processes_for", "split", "start"]
