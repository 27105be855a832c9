"""``runstrong serve``'s builds in one process (``run.Session``: each plugin inherits the last
one's state and memory, ``handover.Memory``): after each edit, the site a fresh process builds,
byte for byte; an edit that breaks another file fails the build, as in a fresh process; the
theme's file list (``theme.ThemeWalk``) follows files added and removed."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.exceptions import Abort

from generator import pipeline
from generator.errors import ContentErrors
from generator.mkdocs_plugin.run import Session, quiet_mkdocs
from generator.mkdocs_plugin.theme import ThemeWalk

from ..conftest import ROOT
from ..test_build import snapshot
from .conftest import Warnings

CONFIG = ROOT / "mkdocs.yml"
ADDRESS = "127.0.0.1:8000"
URL = "http://127.0.0.1:8000/"


def _build(session: Session, *, first: bool) -> None:
    config = session.config()
    config.site_url = URL  # as serve builds: for its own address
    mkdocs_build(config, serve_url=URL, dirty=not first)


def _fresh(content: Path, site: Path, cache: Path) -> dict[str, bytes]:
    session = Session(CONFIG, pipeline.load(content, cache), site, ADDRESS, cache)
    _build(session, first=True)
    return snapshot(site)


def _replace(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{file.name} no longer has {old!r}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def _second_hinge(hinge: Path) -> str:
    lines = [
        line
        for line in hinge.read_text(encoding="utf-8").split("\n")
        if not line.startswith(("short:", "aliases:"))
    ]
    return "\n".join(lines).replace("name: Test hinge\n", "name: Test hinge two\n", 1)


def test_a_session_builds_after_each_edit_what_a_fresh_process_builds(
    fixture_guide: Path, render_cache: Path, tmp_path: Path, warnings: Warnings
) -> None:
    quiet_mkdocs()
    content, served = fixture_guide, tmp_path / "served"
    session = Session(CONFIG, pipeline.load(content, render_cache), served, ADDRESS, render_cache)
    _build(session, first=True)
    hinge, plan = content / "exercises" / "test-hinge.yaml", content / "programs" / "test-plan.yaml"
    edits = [
        ("a summary", lambda: _replace(hinge, "summary: A hip", "summary: A served hip")),
        (
            "a muscle's name",
            lambda: _replace(
                content / "vocabulary" / "muscles.yaml",
                "name: Hamstrings",
                "name: Hamstrings (back of thigh)",
            ),
        ),
        ("a program's dose", lambda: _replace(plan, "sets: 2, reps: 12", "sets: 4, reps: 12")),
        (
            "a level",
            lambda: _replace(
                content / "exercises" / "test-split-squat.yaml", "level: beginner", "level: advanced"
            ),
        ),
    ]
    second = content / "exercises" / "test-hinge-two.yaml"
    edits += [
        ("an exercise added", lambda: second.write_text(_second_hinge(hinge), encoding="utf-8")),
        ("an exercise removed", second.unlink),  # its page, previews, redirects: gone
    ]
    for i, (told, edit) in enumerate(edits):
        edit()
        _build(session, first=False)
        fresh = _fresh(content, tmp_path / f"fresh-{i}", render_cache)
        kept = snapshot(served)
        assert kept.keys() == fresh.keys(), f"after {told}: {sorted(kept.keys() ^ fresh.keys())}"
        assert not [p for p in fresh if kept[p] != fresh[p]], f"after {told}: files differ"

    # An edit that breaks a link in another file (a program naming the exercise) fails the build
    # of the session as it fails a fresh one; fixing it builds the fresh site again.
    (content / "exercises" / "test-calf-hold.yaml").rename(tmp_path / "calf.yaml")
    warnings.messages.clear()
    with pytest.raises(Abort):
        _build(session, first=False)
    with pytest.raises(ContentErrors) as fresh:
        pipeline.load(content, render_cache)
    said = "\n".join(warnings.messages)
    assert len(fresh.value.errors) == 2 and all(str(e) in said for e in fresh.value.errors), said
    (tmp_path / "calf.yaml").rename(content / "exercises" / "test-calf-hold.yaml")
    _build(session, first=False)
    assert snapshot(served) == _fresh(content, tmp_path / "fresh-fixed", render_cache)


def test_the_theme_walk_lists_what_jinja_lists_and_follows_files_added_and_removed(tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    (theme / "assets" / "icons").mkdir(parents=True)
    for name in ("main.html", "assets/app.js", "assets/icons/a.svg", ".hidden"):
        (theme / name).write_text("x", encoding="utf-8")
    loader = jinja2.FileSystemLoader([str(theme)])
    walk = ThemeWalk()
    assert walk._names_of(loader) == jinja2.FileSystemLoader.list_templates(loader)
    (theme / "assets" / "icons" / "b.svg").write_text("x", encoding="utf-8")  # a folder's mtime
    (theme / "assets" / "new").mkdir()
    (theme / "assets" / "new" / "c.css").write_text("x", encoding="utf-8")
    assert walk._names_of(loader) == jinja2.FileSystemLoader.list_templates(loader)
    assert "assets/new/c.css" in walk._names_of(loader)
    (theme / "assets" / "icons" / "a.svg").unlink()
    assert walk._names_of(loader) == jinja2.FileSystemLoader.list_templates(loader)
    assert "assets/icons/a.svg" not in walk._names_of(loader)


def test_the_theme_walk_keeps_a_list_only_of_folders_that_settled(tmp_path: Path) -> None:
    """A folder changed just before the listing may change again within its mtime's granularity
    (whole seconds on some file systems): that list is read again; an old one is kept."""
    theme = tmp_path / "theme"
    (theme / "icons").mkdir(parents=True)
    (theme / "icons" / "a.svg").write_text("x", encoding="utf-8")
    loader = jinja2.FileSystemLoader([str(theme)])
    walk = ThemeWalk()
    walk._names_of(loader)
    assert walk._stamp is None, "a folder changed a moment ago: not trusted yet"
    old = 1_000_000_000_000_000_000  # 2001
    for folder in (theme, theme / "icons"):
        os.utime(folder, ns=(old, old))
    walk._names_of(loader)
    assert walk._stamp is not None
    kept = walk._stamp
    assert walk._names_of(loader) == ["icons/a.svg"] and walk._stamp is kept  # nothing listed again
    (theme / "icons" / "b.svg").write_text("x", encoding="utf-8")
    os.utime(theme / "icons", ns=(old + 1, old + 1))  # a second later, on a coarse clock
    assert walk._names_of(loader) == ["icons/a.svg", "icons/b.svg"]
