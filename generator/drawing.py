"""A build's one pool of drawing processes, drawing in the background: the urgent work first.

A cold build draws ~1,100 pictures and PDFs, but the pages need only some of them: the strips'
facts (their layout) and every PDF's size. The animations, muscle maps and link-preview cards
are needed by nobody until the site is assembled. So ``runstrong build`` starts one ``Drawing``
(its workers start once), adds the batches pages wait for as ``urgent`` and the others behind
them, waits only for the urgent ones (``ran``), renders the pages and has MkDocs publish them
while the rest are drawn, and joins the rest just before the site is finished.

The cores are shared by a limit (``share``): how many drawings run at once. While the build
itself only waits, every core draws; while it renders pages, one core is its own. A thread of
this process hands the pool its drawings and stores each one in the render cache as it comes
(only this process reads and writes the cache: ``workers.py``), so the finished drawings are
never all held in memory.

With one worker (or too few drawings to pay for starting one, ``Cached.pool_from``) nothing runs
in the background: ``ran`` draws a batch here, when it is asked for.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from types import TracebackType
from typing import Any

from .workers import Batch, Facts, Plan, Ran, give_back_memory, longest_first, plan_of, pool, ran_of, store

_POLL_SECONDS = 0.05  # how often the feeding thread looks for a new share of the cores
_CHUNK = 8  # drawings handed to a worker at once, at most (``_take``)


def draw_all(draw: Callable[[Any], tuple[bytes, Facts]], jobs: list[Any]) -> list[tuple[bytes, Facts]]:
    """In a worker: a few drawings, in order (module level: the workers import it by name)."""
    made = [draw(job) for job in jobs]
    give_back_memory()
    return made


class Drawing:
    """Batches drawn by one pool, urgent ones first; a context manager that ends its workers."""

    def __init__(self, workers: int = 0) -> None:
        self.workers = max(1, workers or os.cpu_count() or 1)  # 0: one per core
        self._cond = threading.Condition()
        self._plans: list[Plan[Any]] = []
        self._left: list[int] = []  # per batch: drawings not stored yet
        self._urgent: list[tuple[int, str]] = []  # (batch, key) to draw, in order
        self._later: list[tuple[int, str]] = []
        self._limit = self.workers  # drawings at once (``share``)
        self._busy = 0  # drawings the pool has now
        self._failure: BaseException | None = None
        self._pool: ProcessPoolExecutor | None = None
        self._thread: threading.Thread | None = None
        self._closed = False
        self._told: dict[int, int] = {}  # by progress bar: the jobs it was told of
        # Every worker the pool started, by pid (``_submit``), to end on failure: the pool's own
        # table may already have dropped one that is still running (a pool marked broken clears
        # it).
        self._started: dict[int, Any] = {}

    def start(self, warm: Callable[[], None]) -> None:
        """Start the workers now, each running ``warm`` (a module-level function that imports what
        they draw with), while the caller goes on: a cold build loads its content meanwhile."""
        with self._cond:
            if self.workers > 1 and self._pool is None:
                self._start()
                assert self._pool is not None
                for _ in range(self.workers):  # one each: an idle worker takes the next
                    self._submit(warm)

    @property
    def started(self) -> bool:
        """Whether the workers are started (``start``, or a batch large enough to pay for them)."""
        return self._pool is not None

    def beside(self, fn: Callable[..., Any], *args: Any) -> Future[Any] | None:
        """``fn(*args)`` in a worker, outside the batches and their share (a cold load's files
        read ahead while nothing is drawn yet: ``readahead.py``); None without started workers."""
        with self._cond:
            return self._submit(fn, *args) if self._pool is not None and not self._closed else None

    def _start(self) -> None:
        self._pool = pool(self.workers)
        self._thread = threading.Thread(target=self._feed, name="runstrong-drawing", daemon=True)
        self._thread.start()

    def add(self, batch: Batch[Any], *, urgent: bool = False) -> int:
        """Plan ``batch`` (its cache hits are taken now) and queue its drawings; its number."""
        plan = plan_of(batch)
        with self._cond:
            bar = batch.progress
            if bar is not None:  # a bar shared by batches counts them all
                told = self._told[id(bar)] = self._told.get(id(bar), 0) + len(batch.jobs)
                bar.total(told)
                bar.advance(len(batch.jobs) - sum(plan.copies[key] for key in plan.todo))
            index = len(self._plans)
            self._plans.append(plan)
            self._left.append(len(plan.todo))
            queue = self._urgent if urgent else self._later
            queue.extend((index, key) for key in longest_first(plan))
            if self._pool is None and self.workers > 1 and len(plan.todo) >= max(batch.kind.pool_from, 2):
                self._start()  # a pool pays once some batch has enough drawings; then it draws every batch
            self._cond.notify_all()
        return index

    @property
    def busy(self) -> int:
        """The workers drawing now or about to (more drawings queued): the build's own load on
        the cores, which MkDocs leaves them (``spread.free_cores``)."""
        with self._cond:
            if self._pool is None:
                return 0
            queued = len(self._urgent) + len(self._later)
            # Under a lowered share the drawings running still finish: they count until then.
            return max(self._busy, min(self._limit, self._busy + queued))

    def share(self, limit: int) -> None:
        """Draw at most ``limit`` at once (0 pauses the pool; the running drawings finish)."""
        with self._cond:
            self._limit = max(0, min(limit, self.workers))
            self._cond.notify_all()

    def batch(self, index: int) -> Batch[Any]:
        return self._plans[index].batch

    def pending(self, index: int) -> int:
        """Drawings of batch ``index`` not stored yet."""
        with self._cond:
            return self._left[index]

    def ran(self, index: int) -> Ran:
        """Batch ``index`` as ``workers.run_cached`` gives it: waited for (or drawn here, without
        a pool). A drawing that failed, in any batch, is raised here as it was raised there."""
        with self._cond:
            if self._pool is None:
                mine = [(i, key) for i, key in (*self._urgent, *self._later) if i == index]
                self._urgent = [item for item in self._urgent if item[0] != index]
                self._later = [item for item in self._later if item[0] != index]
            else:
                mine = []
                while self._left[index] and self._failure is None:
                    self._cond.wait()
                if self._failure is not None:
                    raise self._failure
        plan = self._plans[index]
        for i, key in mine:  # no pool: drawn here, now
            self._store(i, key, plan.batch.kind.draw(plan.todo[key]))
        return ran_of(plan)

    def _store(self, i: int, key: str, drawn: tuple[bytes, Facts]) -> None:
        store(self._plans[i], key, drawn)
        with self._cond:
            self._left[i] -= 1
            self._cond.notify_all()

    def _feed(self) -> None:
        """The thread that keeps the pool at its share and stores what it draws, as it comes."""
        running: dict[Future[list[tuple[bytes, Facts]]], list[tuple[int, str]]] = {}
        try:
            while True:
                with self._cond:
                    while not self._closed and not running and not self._next_ready():
                        self._cond.wait()
                    if self._closed:
                        return
                    while self._next_ready():
                        chunk = self._take()
                        i = chunk[0][0]
                        plan = self._plans[i]
                        jobs = [plan.todo[key] for _, key in chunk]
                        assert self._pool is not None
                        running[self._submit(draw_all, plan.batch.kind.draw, jobs)] = chunk
                        self._busy += 1
                done, _ = wait(running, timeout=_POLL_SECONDS, return_when=FIRST_COMPLETED)
                for future in done:
                    chunk = running.pop(future)
                    with self._cond:
                        self._busy -= 1
                    for (i, key), drawn in zip(chunk, future.result(), strict=True):
                        self._store(i, key, drawn)  # a drawing is let go once stored
        except BaseException as exc:  # told where the build waits (``ran``), as it was raised
            with self._cond:
                self._failure = exc
                self._cond.notify_all()

    def _submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        """``fn(*args)`` in the pool, noting the workers it has started (it starts them on demand,
        in ``submit``)."""
        assert self._pool is not None
        future = self._pool.submit(fn, *args)
        self._started.update(getattr(self._pool, "_processes", None) or {})
        return future

    def _take(self) -> list[tuple[int, str]]:
        """The next drawings for one worker: one, or a few of the same batch while many are
        queued. A muscle map takes ~10 ms: handed out one by one, a worker would wait on each
        round trip through this process (busy rendering pages) longer than it draws."""
        queue = self._urgent or self._later
        size = max(1, min(_CHUNK, len(queue) // (4 * self.workers)))
        chunk = [queue.pop(0)]
        while len(chunk) < size and queue and queue[0][0] == chunk[0][0]:
            chunk.append(queue.pop(0))
        return chunk

    def _next_ready(self) -> bool:
        return bool(self._urgent or self._later) and self._busy < self._limit

    def close(self, *, failed: bool = False) -> None:
        """End the pool's workers at once: nothing they draw from now on is stored (the feeding
        thread ends here). ``failed``: the build failed (the same: kept for the callers' words).
        Closing again does nothing."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join()
        if self._pool is None:
            return
        ended, self._pool = self._pool, None
        # Ended, not waited for: after a failure a drawing may run for seconds, and after a
        # build an idle worker's own exit frees its heap object by object (~0.3 s of each cold
        # build's end, the site already made).
        for process in self._started.values():
            process.terminate()
        # Then waited for: the pool's own thread sees its workers end and reaps them. Joining them
        # here as well raced it for each exit (one reaper's wait fails, and returned while the
        # worker still counted as running).
        ended.shutdown(wait=True, cancel_futures=True)
        for process in self._started.values():
            process.join()

    def __enter__(self) -> Drawing:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close(failed=error is not None or self._failure is not None)
