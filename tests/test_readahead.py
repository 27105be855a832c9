"""A cold load's exercise files read ahead on the drawing workers (``generator/readahead.py``):
the load that follows gives what a load alone gives (the guide, the errors, the figure checks)
and leaves the render cache as a load alone leaves it."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator import load, pipeline, readahead
from generator.drawing import Drawing
from generator.errors import ContentErrors
from generator.schedule import warm_up


def _entries(cache: Path) -> dict[str, object]:
    """Every entry of the render cache by its key's path: its bytes; the checked files' bundle
    (``bundle.py``) as its entries, each unpickled (two pickles of equal objects may share their
    parts otherwise). Entries only a build reads are one file each (``cache.Cache(linkable=False)``):
    a line, then the bytes."""
    found: dict[str, object] = {}
    for ref in sorted(cache.glob("*/keys/*")):
        data = ref.read_bytes().partition(b"\n")[2]
        if ref.parts[-3] == "checked":
            found[str(ref.relative_to(cache))] = {
                k: pickle.loads(v) for k, v in load.checked_files(cache).held.items()
            }
        else:
            found[str(ref.relative_to(cache))] = data
    assert found, f"no entry in {cache}"
    return found


def _loaded(content: Path, cache: Path, drawing: Drawing | None) -> tuple[object, ...]:
    load._READ.clear()  # a new process: nothing read yet
    try:
        loaded = pipeline.load(content, cache, drawing=drawing)
    except ContentErrors as exc:
        return ("errors", [str(e) for e in exc.errors])
    return (loaded.guide, loaded.notes, loaded.warnings)


def test_files_read_ahead_load_as_a_load_alone_reads_them(
    real_content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(readahead, "CHUNK", 3)  # the workers' chunks and this process's
    (real_content / "exercises" / "typo.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    alone = _loaded(real_content, tmp_path / "alone", None)
    with Drawing(2) as drawing:
        drawing.start(warm_up)
        checks: load.FigureChecks = {}
        load._READ.clear()
        read = readahead.read_ahead(real_content, load.checked_files(tmp_path / "ahead"), drawing, checks)
        files = len(list((real_content / "exercises").glob("*.yaml")))
        assert read == files - 1  # all but the broken file, left to the load to say
        assert len(checks) == 37  # every figure checked on the way (the real guide's 37)
        ahead = _loaded(real_content, tmp_path / "ahead", drawing)
    assert ahead == alone and ahead[0] == "errors"
    assert any("typo.yaml:1:" in error for error in ahead[1])
    assert _entries(tmp_path / "ahead") == _entries(tmp_path / "alone")
    (real_content / "exercises" / "typo.yaml").unlink()
    valid = _loaded(real_content, tmp_path / "ahead", None)  # as the next build finds the cache
    assert valid == _loaded(real_content, tmp_path / "alone", None)


def test_nothing_is_read_ahead_without_workers_or_for_what_the_cache_holds(
    content: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    with Drawing(2) as idle:  # no workers started
        assert readahead.read_ahead(content, load.checked_files(cache), idle, {}) == 0
    _loaded(content, cache, None)
    with Drawing(2) as drawing:
        drawing.start(warm_up)
        assert (
            readahead.read_ahead(content, load.checked_files(cache), drawing, {}) == 0
        )  # the cache holds it
        outside = tmp_path / "outside.yaml"  # a link leaving the content folder is never read
        outside.write_text((content / "exercises" / "test-hinge.yaml").read_text("utf-8") + "\n")
        (content / "exercises" / "linked.yaml").symlink_to(outside)
        assert readahead.read_ahead(content, load.checked_files(cache), drawing, {}) == 0


def test_after_a_cold_read_ahead_the_workers_make_what_the_pictures_share(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The workers wait while the load ends: each is handed what every muscle map and preview
    draws on (``figures.prepare``), once per worker, only when files were read ahead (a cold
    cache: the pictures are to draw)."""
    handed: list[str] = []
    made: list[Any] = []
    beside = Drawing.beside

    def recorded(self: Drawing, fn: Callable[..., Any], *args: Any) -> Any:
        handed.append(f"{fn.__module__}.{fn.__name__}")
        future = beside(self, fn, *args)
        if fn.__name__ == "prepare":
            made.append(future)
        return future

    monkeypatch.setattr(Drawing, "beside", recorded)
    with Drawing(2) as drawing:
        drawing.start(warm_up)
        _loaded(content, tmp_path / "cache", drawing)
        assert (
            handed.count("generator.figures.prepare") == 2
            and handed[-2:] == ["generator.figures.prepare"] * 2
        ), handed
        assert [future.result(timeout=120) for future in made] == [None, None]  # made, not failed
        handed.clear()
        _loaded(content, tmp_path / "cache", drawing)  # the cache holds every file now
        assert handed == []
