"""The page templates are compiled once and kept in the render cache, checked like every entry."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from generator.pages import render

from ..conftest import real_guide


def test_templates_compiled_once_are_read_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env = render._environment()
    compiled: list[str] = []
    original = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: str, name: str | None = None, *args: object) -> object:
        compiled.append(name or "")
        return original(self, source, name, *args)  # type: ignore[call-overload]

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    guide = real_guide()
    try:
        env.cache.clear()  # type: ignore[union-attr]
        first = render.render_pages(guide, cache_dir=tmp_path)
        assert compiled
        assert any((tmp_path / "page-templates").rglob("__jinja2_*"))
        compiled.clear()
        env.cache.clear()  # type: ignore[union-attr]  # a new process: nothing compiled in memory
        again = render.render_pages(guide, cache_dir=tmp_path)
        assert compiled == [], "read from the cache, not compiled"
        assert [f.content for f in again] == [f.content for f in first]
        # A damaged entry is compiled again, never run (cache.checked_bytecode_cache).
        for entry in (tmp_path / "page-templates").rglob("__jinja2_*"):
            entry.write_bytes(b"\0" * 40)
        env.cache.clear()  # type: ignore[union-attr]
        assert [f.content for f in render.render_pages(guide, cache_dir=tmp_path)] == [
            f.content for f in first
        ]
        assert compiled
    finally:
        env.bytecode_cache = None
        env.cache.clear()  # type: ignore[union-attr]
