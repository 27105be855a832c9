"""The one cached-job runner (generator/workers.py): the cache first, each drawing once, pools
started safely from any thread, a worker's error raised in the build."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

from generator import workers as workers_module
from generator.cache import Cache
from generator.workers import Batch, Cached, Facts, give_back_memory, run_batches, run_cached, start_method


def shout(word: str) -> tuple[bytes, Facts]:
    """A job's drawing (module level: workers import it by name); 'fire' fails."""
    if word == "fire":
        raise ValueError(f"cannot draw {word}")
    return word.upper().encode(), {"letters": len(word)}


WORDS = Cached[str](key=lambda word: f"k-{word}", path=lambda word: f"words/{word}.txt", draw=shout)


class Count:
    def __init__(self) -> None:
        self.total_n, self.done = 0, 0

    def total(self, n: int) -> None:
        self.total_n = n

    def advance(self, n: int = 1) -> None:
        self.done += n


def test_the_start_method_is_safe_from_a_thread() -> None:
    # fork copies the locks other threads hold (serve rebuilds on a watcher's thread).
    assert start_method().get_start_method() == "spawn"


def test_hits_are_the_cache_files_misses_are_drawn_once_and_stored(tmp_path: Path) -> None:
    cache = Cache(tmp_path, "words")
    cache.put("k-old", b"OLD", {"letters": 3})
    count = Count()
    ran = run_cached(WORDS, ["old", "new", "new", "wide"], cache, workers=1, progress=count)
    assert (ran.drawn, ran.cached) == (2, 1)  # 'new' twice: one drawing serves both
    assert [d.file.path for d in ran.done] == [
        "words/old.txt",
        "words/new.txt",
        "words/new.txt",
        "words/wide.txt",
    ]
    assert [d.file.read() for d in ran.done] == [b"OLD", b"NEW", b"NEW", b"WIDE"]
    assert all(d.file.source is not None for d in ran.done)  # handed over as the cache's files
    assert [d.facts for d in ran.done][1:] == [{"letters": 3}, {"letters": 3}, {"letters": 4}]
    assert (count.total_n, count.done) == (4, 4)
    again = run_cached(WORDS, ["new", "wide"], cache, workers=1)
    assert (again.drawn, again.cached) == (0, 2)


def test_without_a_cache_the_bytes_are_in_memory() -> None:
    ran = run_cached(WORDS, ["a", "b"], Cache(None, "words"), workers=1)
    assert [(d.file.source, d.file.content) for d in ran.done] == [(None, b"A"), (None, b"B")]


def test_a_pool_started_from_a_thread_gives_what_one_process_gives(tmp_path: Path) -> None:
    words = ["alpha", "beta", "gamma", "delta", "beta"]
    alone = run_cached(WORDS, words, Cache(None, "words"), workers=1)
    pooled: list[object] = []
    # As serve rebuilds: on a thread other than the main one, with the main one still running.
    thread = threading.Thread(
        target=lambda: pooled.append(run_cached(WORDS, words, Cache(tmp_path, "words"), workers=2))
    )
    thread.start()
    thread.join(120)
    assert not thread.is_alive(), "the pool hung"
    (ran,) = pooled
    assert isinstance(ran, type(alone)) and ran.drawn == 4
    assert [d.file.read() for d in ran.done] == [d.file.read() for d in alone.done]
    assert [d.facts for d in ran.done] == [d.facts for d in alone.done]


def test_a_worker_error_is_raised_in_the_build(tmp_path: Path) -> None:
    for workers in (1, 2):
        with pytest.raises(ValueError, match="cannot draw fire"):
            run_cached(
                WORDS, ["ice", "fire", "water"], Cache(tmp_path / str(workers), "words"), workers=workers
            )


def double(word: str) -> tuple[bytes, Facts]:
    return (word * 2).encode(), {}


DOUBLED = Cached[str](key=lambda word: f"d-{word}", path=lambda word: f"doubled/{word}.txt", draw=double)


def test_batches_of_two_kinds_share_one_pool_and_one_bar(tmp_path: Path) -> None:
    # A cold build's pictures and PDFs: one pool for both (its workers start once), each
    # batch's outputs in its own jobs' order, from its own cache, and one bar counting all.
    bar = Count()
    words = Batch(WORDS, ["bee", "ant", "bee"], Cache(tmp_path, "words"), bar)
    doubled = Batch(DOUBLED, ["x", "y"], Cache(tmp_path, "doubled"), bar)
    ran = run_batches([words, doubled], workers=2)
    assert [d.file.read() for d in ran[0].done] == [b"BEE", b"ANT", b"BEE"]
    assert [d.file.read() for d in ran[1].done] == [b"xx", b"yy"]
    assert [d.file.path for d in ran[1].done] == ["doubled/x.txt", "doubled/y.txt"]
    assert (ran[0].drawn, ran[1].drawn) == (2, 2)
    assert bar.total_n == 5 and bar.done == 5
    again = run_batches([words, doubled], workers=2)  # all kept now: nothing drawn
    assert (again[0].drawn, again[0].cached, again[1].drawn, again[1].cached) == (0, 3, 0, 2)


def _resident_mib() -> float:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * 4096 / 2**20


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim, /proc")
def test_memory_a_drawing_freed_goes_back_to_the_system() -> None:
    # Buffers of a drawing's size class (malloc'd, not Python's small-object arenas), freed in an
    # order that leaves the heap's free space in the middle, as a worker's drawings do.
    kept, freed = [], []
    for n in range(60_000):
        (kept if n % 10 == 0 else freed).append(bytes(1000) + bytes([n % 256]))
    before = _resident_mib()
    del freed
    give_back_memory()
    assert before - _resident_mib() > 30, "the freed ~50 MB stayed with the process"
    assert len(kept) == 6_000


def test_a_pool_worker_gives_the_memory_back_after_each_drawing(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(workers_module, "give_back_memory", lambda: calls.append("given back"))
    assert workers_module._draw_one(shout, "word") == (b"WORD", {"letters": 4})
    assert calls == ["given back"]
