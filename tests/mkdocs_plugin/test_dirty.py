"""Dirty builds (generator/mkdocs_plugin/dirty.py): a one-edit build keeps the hand-written pages
the last build left as they are, yet the site, the nav labels and the anchor-link warnings are a
full build's."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator import build, cli
from generator.mkdocs_plugin import dirty
from generator.writer import _umask

from ..conftest import ROOT
from ..test_build import snapshot
from .conftest import Warnings

CONFIG = ROOT / "mkdocs.yml"

# A top-level page (a tab of every page's nav) whose label is its rendered title (no nav_title;
# the H1 has markup, which the rendered title drops), with front matter Material's nav prints
# (escaped), and a link to an anchor of a generated page: the exercise's source, a section
# only an exercise with a source has.
GUIDE_PAGE = """---
subtitle: Sets & reps
---
# Strength *for* runners

Read [where the hinge comes from](exercises/test-hinge.md#source).

## Why it helps

Text.
"""


SOURCE = "source:\n  title: A book about hinges\n  url: https://example.org/hinges\n"


def _guide(content: Path, tmp_path: Path) -> list[str]:
    (content / "pages" / "strength.md").write_text(GUIDE_PAGE, encoding="utf-8")
    _edit(content, "test-hinge", "summary:", SOURCE + "summary:")
    site = tmp_path / "site"
    return ["build", "--content", str(content), "--site-dir", str(site), "--config", str(CONFIG)]


def _edit(content: Path, slug: str, old: str, new: str) -> None:
    exercise = content / "exercises" / f"{slug}.yaml"
    text = exercise.read_text(encoding="utf-8")
    assert old in text
    exercise.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_one_edit_build_keeps_the_hand_written_pages_and_is_a_full_build(
    content: Path, tmp_path: Path, warnings: Warnings
) -> None:
    command = _guide(content, tmp_path)
    site = tmp_path / "site"
    assert cli.main(command) == 0
    assert not warnings.messages, warnings.messages
    pages = [site / "strength" / "index.html", site / "index.html"]
    nodes = [page.stat().st_ino for page in pages]
    pictures = {p: (p.stat().st_ino, p.read_bytes()) for p in (site / "assets" / "generated").rglob("*.*")}
    program = site / "programs" / "test-plan" / "index.html"
    assert "Strength for runners" in program.read_text(encoding="utf-8")  # the rendered title labels the nav
    _edit(content, "test-hinge", "used by the tests", "edited")

    assert cli.main(command) == 0
    assert [page.stat().st_ino for page in pages] == nodes, "hand-written pages kept (linked), not rendered"
    # Every picture the edit did not change is the last site's file, linked: the ones drawn
    # beside the pages (animations, muscle maps, previews: dirty.put_late) too, never copied again.
    same = [p for p, (_, data) in pictures.items() if p.is_file() and p.read_bytes() == data]
    assert len(same) > len(pictures) // 2
    assert [p for p in same if p.stat().st_ino != pictures[p][0]] == []
    assert not warnings.messages, warnings.messages
    full = tmp_path / "full"
    build.build_site(content, full, CONFIG)
    assert snapshot(site) == snapshot(full)


def test_a_kept_page_still_warns_of_an_anchor_the_edit_removed(
    content: Path, tmp_path: Path, warnings: Warnings
) -> None:
    """The guide page links to the hinge's source; an edit removes the source, and with it the
    section. The guide page is kept, yet its link is checked against the exercise page as now
    built: MkDocs' warning, as a full build says it, on which the repository's mkdocs.yml
    (``strict: true``) fails the build."""
    command = _guide(content, tmp_path)
    assert cli.main(command) == 0
    assert not warnings.messages, warnings.messages
    _edit(content, "test-hinge", SOURCE, "")
    assert cli.main(command) == 1
    broken = [m for m in warnings.messages if "#source" in m]
    assert len(broken) == 1 and "'strength.md'" in broken[0], warnings.messages
    warnings.messages.clear()
    full = ["build", "--content", str(content), "--site-dir", str(tmp_path / "full"), "--config", str(CONFIG)]
    assert cli.main(full) == 1
    assert [m for m in warnings.messages if "#source" in m] == broken, "as a full build says it"


def test_an_edited_hand_written_page_renders_every_page(content: Path, tmp_path: Path) -> None:
    """A hand-written page's own edit may change its title (the nav every page shows): all again."""
    command = _guide(content, tmp_path)
    site = tmp_path / "site"
    assert cli.main(command) == 0
    program = site / "programs" / "test-plan" / "index.html"
    node = program.stat().st_ino
    source = content / "pages" / "strength.md"
    source.write_text(GUIDE_PAGE.replace("Strength *for* runners", "Stronger runners"), encoding="utf-8")
    assert cli.main(command) == 0
    assert program.stat().st_ino != node
    assert "Stronger runners" in program.read_text(encoding="utf-8")
    full = tmp_path / "full"
    build.build_site(content, full, CONFIG)
    assert snapshot(site) == snapshot(full)


@pytest.mark.parametrize(
    ("extension", "plugin", "kept"),
    [(None, None, True), ("pymdownx.snippets", None, False), ("markdown_include.include", None, False),
     (None, "macros", False)],
)  # fmt: skip
def test_hand_written_pages_are_rendered_where_a_page_may_print_another_file(
    extension: str | None, plugin: str | None, kept: bool
) -> None:
    """A snippet or macro may print a generated file an edit changed: no hand-written page is kept."""
    from mkdocs.config import load_config

    from generator.mkdocs_plugin import dirty

    config = load_config(str(CONFIG))
    if extension:
        config.markdown_extensions.append(extension)
    if plugin:
        config.plugins[plugin] = config.plugins["material/search"]  # any plugin object, by that name
    assert dirty.keeps_handwritten(config) is kept


def test_the_steps_that_read_pages_only_run_before_the_late_pictures_are_waited_for(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sitemap's dates and the search index read pages only: done while the pool still draws
    the pictures (a cold build of 900 exercises waited ~6 s for them, then spent ~1.3 s on one
    core); the service worker, which precaches pictures, after they are in the site."""
    from generator.mkdocs_plugin import plugin

    steps: list[str] = []

    def recorded(name: str, step: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            steps.append(name)
            return step(*args, **kwargs)

        return run

    monkeypatch.setattr(plugin, "finish_pages", recorded("pages", plugin.finish_pages))
    monkeypatch.setattr(plugin, "finish_offline", recorded("offline", plugin.finish_offline))
    monkeypatch.setattr(dirty, "put_late", recorded("late pictures", dirty.put_late))
    site = tmp_path / "site"
    assert (
        cli.main(["build", "--content", str(content), "--site-dir", str(site), "--config", str(CONFIG)]) == 0
    )
    assert steps == ["pages", "late pictures", "offline"]
    assert "muscles/" in (site / "sw.js").read_text(encoding="utf-8"), "the late pictures are precached"


def test_a_generated_file_never_writes_through_a_link_to_the_last_site(tmp_path: Path) -> None:
    """Its output may be a link to the last site's file (a seeded staging folder): replaced,
    never written in place, whether its bytes are in memory or a render-cache file (linked)."""
    last, site = tmp_path / "last", tmp_path / "site"
    last.mkdir()
    site.mkdir()
    for name in ("data.json", "picture.png"):
        (last / name).write_bytes(b"the last site's bytes")
        os.link(last / name, site / name)
    in_memory = dirty.Generated("data.json", None, str(site), True)
    in_memory._content = b"new bytes"
    in_memory.copy_file()
    blob = tmp_path / "blob"
    blob.write_bytes(b"a new picture")
    blob.chmod(0o666 & ~_umask())
    cached = dirty.Generated("picture.png", None, str(site), True)
    cached.abs_src_path = str(blob)
    cached.copy_file()
    assert [(last / n).read_bytes() for n in ("data.json", "picture.png")] == [b"the last site's bytes"] * 2
    assert (site / "data.json").read_bytes() == b"new bytes"
    assert os.path.samefile(site / "picture.png", blob)
