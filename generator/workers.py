"""The one runner of cached render jobs (pictures and PDFs), and its worker processes.

``run_cached`` takes jobs that each have a cache key: the ones the render cache holds are
handed over as the cache's files (never read into memory), the others are drawn once per key
(two jobs that draw the same bytes share one drawing), in worker processes when there are
enough of them, stored as each arrives, and handed over the same way.

Workers start by ``spawn``: a fresh interpreter (fork and exec at once, as ``subprocess`` does),
never a ``fork`` of the build. ``fork`` from a process with threads (``runstrong serve`` rebuilds
on a watcher's thread; MkDocs' live-reload server runs beside it) copies locks other threads
held at that instant, and a worker can hang on one forever. (``forkserver`` is safe too, but its
workers are the server's children, not the build's, which the die-with-the-build guard below
cannot watch as directly.) So a worker starts with nothing of the build's memory: everything a
job needs travels in the job, as arguments — the cache folder stays in the parent (only it reads
and writes the cache), and nothing is passed through globals or the environment. A worker
imports the renderer itself (a second or so), so a pool is only started for enough jobs.

A ``ProcessPoolExecutor``'s workers outlive a parent killed with SIGKILL (no cleanup runs): three
``kill -9`` of a build once left six workers drawing, about 1 GB. Each worker asks the kernel
to kill it when its parent dies (Linux's PR_SET_PDEATHSIG) and, for a parent that died before
it asked, checks that its parent is still the one that started it.
"""

from __future__ import annotations

import ctypes
import functools
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar, cast

from .cache import Cache
from .files import GeneratedFile

_PR_SET_PDEATHSIG = 1  # linux/prctl.h

Facts = dict[str, Any]  # what a renderer measured while drawing (a strip's layout), JSON-ready
J = TypeVar("J")


class Ticks(Protocol):
    """A progress bar's side that the runner moves (``progress.Progress``)."""

    def total(self, n: int) -> None: ...

    def advance(self, n: int = 1) -> None: ...


def start_method() -> BaseContext:
    """The start method of every render pool: safe from any thread of the build."""
    return multiprocessing.get_context("spawn")


def pool(max_workers: int, mp_context: BaseContext | None = None) -> ProcessPoolExecutor:
    """A process pool whose workers end when the process that made it ends, however it ends.

    ``mp_context`` defaults to ``start_method()``; the tests pass others to check each one."""
    return ProcessPoolExecutor(
        max_workers=max_workers,
        mp_context=mp_context or start_method(),
        initializer=die_with_parent,
        initargs=(os.getpid(),),
    )


def die_with_parent(parent: int) -> None:
    """In a worker: be killed when ``parent`` dies; exit now if it already has."""
    prctl = _c_function("prctl") if sys.platform.startswith("linux") else None
    if prctl is not None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)  # the parent died before the request above: nobody waits for this worker


@dataclass(frozen=True)
class Cached(Generic[J]):
    """How to run one kind of job: its key, its output path, how to draw it, and when a pool pays.

    ``draw`` must be a module-level function (workers import it by name) returning the bytes
    and the facts to keep with them. ``first`` orders the drawings for the pool, longest first,
    so no worker is left alone with a long job at the end. Below ``pool_from`` drawings, starting
    workers (each imports the renderer again) costs more than it saves.
    """

    key: Callable[[J], str]
    path: Callable[[J], str]
    draw: Callable[[J], tuple[bytes, Facts]]
    first: Callable[[J], Any] = field(default=lambda _job: 0)
    pool_from: int = 2


@dataclass(frozen=True)
class Done:
    file: GeneratedFile  # the cache's file, linked; bytes only when there is no cache
    facts: Facts


@dataclass(frozen=True)
class Ran:
    done: list[Done]  # one per job, in the jobs' order
    drawn: int  # drawings made in this run (equal jobs share one)
    cached: int  # jobs served from the cache


@dataclass(frozen=True)
class Batch(Generic[J]):
    """One kind of jobs to run (``run_batches``): its jobs, its cache, its progress bar."""

    kind: Cached[J]
    jobs: Sequence[J]
    cache: Cache
    progress: Ticks | None = None


def run_cached(
    kind: Cached[J],
    jobs: Sequence[J],
    cache: Cache,
    *,
    workers: int,
    progress: Ticks | None = None,
) -> Ran:
    """Each job's output, in the order of ``jobs``: from ``cache``, or drawn and stored there.

    ``progress`` is told the total (jobs), then each as it is ready (the cached ones at once).
    """
    return run_batches([Batch(kind, jobs, cache, progress)], workers=workers)[0]


@dataclass
class Plan(Generic[J]):
    """What a batch needs drawn, and what it already has."""

    batch: Batch[J]
    keys: list[str]
    found: dict[str, tuple[Path | bytes, Facts]]  # by key: the cache's file (uncached: the bytes)
    todo: dict[str, J]  # by key: equal inputs draw equal bytes, once
    copies: dict[str, int]  # jobs each drawing serves (for the progress count)


def run_batches(batches: Sequence[Batch[Any]], *, workers: int) -> list[Ran]:
    """``run_cached`` of several kinds at once, their drawings in one pool.

    A cold build draws pictures and PDFs: one pool for both starts its workers once (each
    imports the renderers, about a second) and never leaves a core idle between the two.
    Drawings go to the pool batch by batch, each batch's longest first, so the pool ends on
    the shortest jobs of the last batch. A progress bar shared by batches counts them all.
    """
    plans = [plan_of(batch) for batch in batches]
    totals: dict[int, tuple[Ticks, int, int]] = {}  # by bar: the bar, its jobs, its cached jobs
    for plan in plans:
        bar = plan.batch.progress
        if bar is not None:
            _, jobs, cached = totals.get(id(bar), (bar, 0, 0))
            served = sum(plan.copies[key] for key in plan.todo)
            totals[id(bar)] = (bar, jobs + len(plan.batch.jobs), cached + len(plan.batch.jobs) - served)
    for bar, jobs, cached in totals.values():
        bar.total(jobs)
        bar.advance(cached)
    for i, key, drawn in _draw_all(plans, workers):
        store(plans[i], key, drawn)
    return [ran_of(plan) for plan in plans]


def store(plan: Plan[J], key: str, drawn: tuple[bytes, Facts]) -> None:
    """A drawing into the render cache, and its files into the batch's progress."""
    data, facts = drawn
    stored = plan.batch.cache.put(key, data, facts)
    plan.found[key] = (data if stored is None else stored.path, facts)
    if plan.batch.progress is not None:
        for _ in range(plan.copies[key]):  # one step a file, as the bar counts them
            plan.batch.progress.advance()


def plan_of(batch: Batch[J]) -> Plan[J]:
    keys = [batch.kind.key(job) for job in batch.jobs]
    plan = Plan(batch, keys, {}, {}, {})
    for job, key in zip(batch.jobs, keys, strict=True):
        if key in plan.found or key in plan.todo:
            plan.copies[key] = plan.copies.get(key, 0) + 1
            continue
        hit = batch.cache.entry(key)
        if hit is None:
            plan.todo[key] = job
            plan.copies[key] = 1
        else:
            plan.found[key] = (hit.path, hit.facts)
    return plan


def ran_of(plan: Plan[J]) -> Ran:
    out = []
    for job, key in zip(plan.batch.jobs, plan.keys, strict=True):
        made, facts = plan.found[key]
        path = plan.batch.kind.path(job)
        file = GeneratedFile(path, made) if isinstance(made, bytes) else GeneratedFile.linked(path, made)
        out.append(Done(file, facts))
    cached = len(plan.batch.jobs) - sum(plan.copies[key] for key in plan.todo)
    return Ran(out, len(plan.todo), cached)


def _draw_all(plans: Sequence[Plan[Any]], workers: int) -> Iterator[tuple[int, str, tuple[bytes, Facts]]]:
    """(batch, key, drawing) for each job to draw, as each is ready: here, or spread over a pool."""
    order = [
        (i, key, plan.batch.kind.draw, plan.todo[key])
        for i, plan in enumerate(plans)
        for key in longest_first(plan)
    ]
    # A pool pays when some batch has enough drawings for its kind (Cached.pool_from).
    enough = any(len(plan.todo) >= max(plan.batch.kind.pool_from, 2) for plan in plans)
    if workers <= 1 or not enough or len(order) < 2:
        yield from ((i, key, draw(job)) for i, key, draw, job in order)
        return
    with pool(min(workers, len(order))) as workers_pool:
        futures = {workers_pool.submit(_draw_one, draw, job): (i, key) for i, key, draw, job in order}
        # Stored as each is ready; a worker's error is raised here as it was there. A drawing is
        # let go once handed on (as_completed lets go of it too): never all of them in memory.
        for future in as_completed(futures):
            i, key = futures.pop(future)
            yield i, key, future.result()


def _draw_one(draw: Callable[[J], tuple[bytes, Facts]], job: J) -> tuple[bytes, Facts]:
    """In a worker: one drawing, then its memory given back (module level: workers import it)."""
    made = draw(job)
    give_back_memory()
    return made


def give_back_memory() -> None:
    """Return the heap's free memory to the system (glibc's ``malloc_trim``; elsewhere nothing).

    A drawing's frames and buffers are freed when it is done, but glibc keeps the freed heap,
    so each worker held its largest drawing's high-water mark for the rest of the build. Given
    back after each chunk (``drawing.draw_all``) or drawing (``_draw_one``): cold builds of the
    884-exercise import peaked at 454-466 MiB of all processes at once (nine runs) against
    463-500 without it (three runs, alternating with the first three), for ~0.3 ms a call."""
    trim = _c_function("malloc_trim")  # glibc's own: none in macOS' or musl's C library
    if trim is not None:
        trim(0)


@functools.cache
def _c_function(name: str) -> Callable[..., int] | None:
    """A function of the process's own C library (``prctl``, ``malloc_trim``), if it has one."""
    try:
        return cast(Callable[..., int], getattr(ctypes.CDLL(None, use_errno=True), name))
    except (OSError, AttributeError):
        return None


def longest_first(plan: Plan[J]) -> list[str]:
    first = plan.batch.kind.first
    return sorted(plan.todo, key=lambda key: first(plan.todo[key]))
