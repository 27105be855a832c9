"""A build's one drawing pool (generator/drawing.py): the urgent batches first, a batch waited for
alone while the others draw on, the cores shared by a limit, a failure raised where the build
waits, and no worker left behind however the build ends."""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

import pytest

from generator import drawing
from generator.cache import Cache
from generator.drawing import Drawing, draw_all
from generator.workers import Batch, Cached, Facts


def gated(job: tuple[str, str]) -> tuple[bytes, Facts]:
    """Draw ``word`` once ``gate`` (a file) exists: a drawing the test holds back ('' never);
    'fire' fails. Module level: the workers import it by name."""
    word, gate = job
    if word == "fire":
        raise ValueError(f"cannot draw {word}")
    deadline = time.monotonic() + 120
    while gate and not Path(gate).exists():
        if time.monotonic() > deadline:
            raise TimeoutError(f"the gate {gate} never opened")
        time.sleep(0.02)
    return word.upper().encode(), {"word": word}


HELD = Cached[tuple[str, str]](key=lambda job: f"k-{job[0]}", path=lambda job: f"w/{job[0]}.txt", draw=gated)


class Order:
    """A progress bar that notes the order the drawings came in."""

    def __init__(self, name: str, seen: list[str]) -> None:
        self.name, self.seen = name, seen

    def total(self, n: int) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        self.seen.extend([self.name] * n)


def _batch(
    words: list[str], gate: Path | str, cache: Path, bar: Order | None = None
) -> Batch[tuple[str, str]]:
    return Batch(HELD, [(word, str(gate)) for word in words], Cache(cache, "held"), bar)


def _no_workers_left() -> None:
    assert multiprocessing.active_children() == []


def test_an_urgent_batch_is_waited_for_alone_while_the_later_one_draws_on(tmp_path: Path) -> None:
    gate = tmp_path / "gate"
    with Drawing(2) as drawing:
        urgent = drawing.add(_batch(["strip-a", "strip-b"], "", tmp_path), urgent=True)
        later = drawing.add(_batch(["anim-a", "anim-b", "anim-c"], gate, tmp_path))
        ran = drawing.ran(urgent)  # returns while every later drawing waits at its gate
        assert [d.file.read() for d in ran.done] == [b"STRIP-A", b"STRIP-B"]
        assert drawing.pending(later) == 3
        assert drawing.busy == 2, "both workers hold a later drawing"
        gate.touch()
        done = drawing.ran(later)
    assert [d.file.read() for d in done.done] == [b"ANIM-A", b"ANIM-B", b"ANIM-C"]
    assert [d.facts for d in done.done] == [{"word": w} for w in ("anim-a", "anim-b", "anim-c")]
    _no_workers_left()


def test_urgent_drawings_go_before_the_later_ones_queued_earlier(tmp_path: Path) -> None:
    seen: list[str] = []
    with Drawing(2) as drawing:
        drawing.share(1)  # one at a time: the order they are handed out is the order they come
        later = drawing.add(_batch([f"later-{i}" for i in range(6)], "", tmp_path, Order("later", seen)))
        urgent = drawing.add(
            _batch([f"urgent-{i}" for i in range(3)], "", tmp_path, Order("urgent", seen)), urgent=True
        )
        drawing.ran(urgent)
        drawing.ran(later)
    first_urgent = seen.index("urgent")
    assert first_urgent <= 1, f"at most the one drawing already handed out goes first: {seen}"
    assert seen[first_urgent : first_urgent + 3] == ["urgent"] * 3, seen


def test_the_share_limits_the_drawings_at_once_and_zero_pauses(tmp_path: Path) -> None:
    gate = tmp_path / "gate"
    with Drawing(2) as drawing:
        drawing.share(0)
        later = drawing.add(_batch(["a", "b", "c"], gate, tmp_path))
        assert drawing.busy == 0, "paused: nothing handed out"
        drawing.share(1)
        assert drawing.busy == 1, "one core is the build's own"
        gate.touch()
        drawing.share(2)
        assert [d.file.read() for d in drawing.ran(later).done] == [b"A", b"B", b"C"]
        assert drawing.busy == 0
    _no_workers_left()


def test_a_failed_later_drawing_is_raised_where_the_build_waits_and_no_worker_is_left(tmp_path: Path) -> None:
    """A drawing that fails while the pages are rendered is raised at the join, as it was raised
    in the worker; the build then ends at once: a drawing still running (held at a gate that
    never opens) is ended with its worker, not waited for."""
    started = time.monotonic()
    with pytest.raises(ValueError, match="cannot draw fire"), Drawing(2) as drawing:
        later = drawing.add(_batch(["fire", "stuck"], tmp_path / "never", tmp_path))
        urgent = drawing.add(_batch(["x", "y"], "", tmp_path), urgent=True)
        drawing.ran(urgent)  # the failure is the later batch's: not raised before it is asked for
        drawing.ran(later)
    assert time.monotonic() - started < 60, "the stuck drawing was waited for"
    _no_workers_left()


def test_an_error_of_the_build_itself_ends_the_workers(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError, match="MkDocs failed"), Drawing(2) as drawing:
        drawing.add(_batch(["p", "q"], tmp_path / "never", tmp_path))
        raise RuntimeError("MkDocs failed")
    _no_workers_left()


def test_without_a_pool_a_batch_is_drawn_when_asked_for(tmp_path: Path) -> None:
    seen: list[str] = []
    with Drawing(1) as drawing:
        later = drawing.add(_batch(["b", "a"], "", tmp_path, Order("later", seen)))
        assert drawing.pending(later) == 2 and drawing.busy == 0 and seen == []
        assert [d.file.read() for d in drawing.ran(later).done] == [b"B", b"A"]
        assert seen == ["later", "later"]
    with Drawing(2) as again:  # all in the cache now: nothing to draw, no pool started
        kept = again.ran(again.add(_batch(["a", "b"], "", tmp_path)))
        assert (kept.drawn, kept.cached) == (0, 2)
        assert again.busy == 0


def warm() -> None:
    """What an early worker runs first (module level: the workers import it by name)."""


def test_workers_started_early_draw_whatever_comes_and_closing_twice_is_nothing(tmp_path: Path) -> None:
    """A cold build starts the workers before it loads the content (``Drawing.start``): they then
    draw every batch, even one too small to have started a pool on its own."""
    drawing = Drawing(2)
    drawing.start(warm)
    assert len(multiprocessing.active_children()) == 2
    one = drawing.add(_batch(["only"], "", tmp_path))
    assert [d.file.read() for d in drawing.ran(one).done] == [b"ONLY"]
    drawing.close()
    drawing.close(failed=True)  # the command line's own, after the build's: nothing left to end
    _no_workers_left()


def test_a_worker_gives_the_memory_back_after_each_chunk(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(drawing, "give_back_memory", lambda: calls.append("given back"))
    assert draw_all(lambda word: (word.encode(), {}), ["a", "b"]) == [(b"a", {}), (b"b", {})]
    assert calls == ["given back"]
