"""The generator at library scale: 873 messy third-party exercises, imported into a temp folder.

The data set is test input only (its text has unclear rights); it lives in shared/, beside
the repository, and is never copied into content/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.free_exercise_db import DATASET, write_content
from generator.load import load_guide
from generator.mkdocs_plugin import default_nav
from generator.pages import render_pages

pytestmark = pytest.mark.skipif(not DATASET.is_file(), reason=f"{DATASET} is not beside the repository")


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("library") / "content"
    assert write_content(target) > 850
    return target


def test_the_whole_import_validates_and_renders(library: Path) -> None:
    guide = load_guide(library)
    assert len(guide.exercises) > 850
    pages = {f.path: f.content.decode() for f in render_pages(guide)}
    index = pages["exercises/index.md"]
    assert "\n## A\n" in index, "a long library gets letter headings"
    for slug in guide.exercises:
        assert f"exercises/{slug}.md" in pages
        assert f"]({slug}.md)" in index


def test_exercises_stay_out_of_the_nav_at_scale(library: Path) -> None:
    guide = load_guide(library)
    nav = repr(default_nav(guide, library / "pages"))
    assert not any(f"exercises/{slug}.md" in nav for slug in guide.exercises)
