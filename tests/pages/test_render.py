"""Generated Markdown: golden files for real pages, and escaping of hostile data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.load import load_guide
from generator.pages import render_pages
from generator.pages.markdown import escape

from ..conftest import CONTENT, GuidePictures, real_guide

GOLDEN = Path(__file__).parent / "golden"
# Regenerate after an intended change with:  RUNSTRONG_UPDATE_GOLDEN=1 pytest tests/pages
UPDATE = bool(os.environ.get("RUNSTRONG_UPDATE_GOLDEN"))


@pytest.fixture(scope="module")
def rendered(guide_pictures: GuidePictures, render_cache: Path) -> dict[str, str]:
    """The pages as a build makes them: with the strip facts of the session's one render
    (``guide_pictures`` drew them into ``render_cache``; this only reads them back)."""
    from generator.figures import render_pictures

    guide = real_guide()
    pictures = render_pictures(guide, cache_dir=render_cache)
    assert pictures.stats.rendered == 0, "the session's render is in the cache"
    return {f.path: f.content.decode("utf-8") for f in render_pages(guide, {}, pictures.figures)}


@pytest.mark.parametrize(
    ("path", "golden"),
    [
        ("exercises/romanian-deadlift.md", "romanian-deadlift.md"),
        ("programs/foundation.md", "foundation.md"),
        ("exercises/index.md", "library-index.md"),
        ("exercises/by-muscle.md", "by-muscle.md"),
    ],
)
def test_matches_golden_file(rendered: dict[str, str], path: str, golden: str) -> None:
    expected_file = GOLDEN / golden
    expected = expected_file.read_text(encoding="utf-8") if expected_file.exists() else None
    if UPDATE and rendered[path] != expected:
        # Rewritten, and still a failure: an update run never passes a changed page unseen.
        expected_file.write_text(rendered[path], encoding="utf-8")
        pytest.fail(f"{golden} rewritten: review its diff, then run again without RUNSTRONG_UPDATE_GOLDEN")
    assert rendered[path] == expected


def test_every_exercise_and_program_gets_a_page(rendered: dict[str, str]) -> None:
    guide = real_guide()
    for slug in guide.exercises:
        assert f"exercises/{slug}.md" in rendered
    for slug in guide.programs:
        assert f"programs/{slug}.md" in rendered


@pytest.mark.parametrize(
    ("data", "markdown"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("[click](javascript:alert(1))", "\\[click\\](javascript:alert(1))"),
        ("a | b", "a \\| b"),
        ("**bold** _it_", "\\*\\*bold\\*\\* \\_it\\_"),
        ("# not a heading", "\\# not a heading"),
        ("- not a list", "\\- not a list"),
        ("1. not a list", "1\\. not a list"),
        ("{: .class }", "\\{: .class \\}"),
        ("AT&T", "AT&amp;T"),
        ("one\ntwo\n\nthree", "one two\n\nthree"),
        (", ", ", "),
    ],
)
def test_data_is_escaped(data: str, markdown: str) -> None:
    assert escape(data) == markdown


def test_hostile_exercise_renders_as_text(tmp_path: Path) -> None:
    from ..conftest import VALID_EXERCISE

    content = tmp_path / "content"
    import shutil

    shutil.copytree(CONTENT / "vocabulary", content / "vocabulary")
    (content / "exercises").mkdir()
    hostile = VALID_EXERCISE.replace("A hinge used by the tests.", '"<img src=x onerror=alert(1)>"')
    (content / "exercises" / "test-hinge.yaml").write_text(hostile, encoding="utf-8")
    page = next(f for f in render_pages(load_guide(content)) if f.path == "exercises/test-hinge.md")
    text = page.content.decode()
    assert "<img" not in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
