"""Shared fixtures: a small valid content folder that tests can break one line at a time."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build import BuildReport, build_site

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"

# Line numbers matter: tests assert them. Line 1 is the schema comment.
VALID_EXERCISE = textwrap.dedent(
    """\
    # yaml-language-server: $schema=../schema/exercise.schema.json
    name: Test hinge
    aliases: [TH]
    summary: A hinge used by the tests.
    why_runners: Strong hips for the push-off.
    category: strength
    pattern: hinge
    level: beginner
    equipment:
      required: [dumbbells]
      optional: [mini-band]
    muscles:
      primary: [hamstrings, glute-max]
      secondary: [lower-back]
    setup:
      - Stand tall with the weights in front of the thighs.
    steps:
      - Push the hips back.
      - Stand tall again.
    cues:
      - Hips back, weights close.
    mistakes:
      - mistake: Rounding the back.
        fix: Keep the chest proud.
    easier:
      - name: Lighter weights
        how: Use half the load.
    harder:
      - name: Single leg
        how: Balance on one leg.
    dose:
      sets: 3
      reps: 10
      rest_seconds: 60
      rpe: 7
    """
)

VALID_PROGRAM = textwrap.dedent(
    """\
    # yaml-language-server: $schema=../schema/program.schema.json
    name: Test plan
    summary: Two weeks for the tests.
    goal: Check the loader.
    level: beginner
    weeks:
      - focus: Learn the hinge
        days:
          - day: mon
            run: {type: easy, minutes: 30}
          - day: tue
            run: {type: quality, minutes: 45, description: 5 × 3 min hard}
            strength:
              name: Session A
              exercises:
                - {exercise: test-hinge, sets: 2, reps: 12, rest_seconds: 60, rpe: 6}
          - day: sun
            run: {type: long, km: 14}
    """
)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A content folder with the real vocabularies, one exercise and one program."""
    root = tmp_path / "content"
    shutil.copytree(CONTENT / "vocabulary", root / "vocabulary")
    (root / "exercises").mkdir()
    (root / "programs").mkdir()
    (root / "pages").mkdir()
    (root / "pages" / "index.md").write_text("# Test guide\n", encoding="utf-8")
    (root / "exercises" / "test-hinge.yaml").write_text(VALID_EXERCISE, encoding="utf-8")
    (root / "programs" / "test-plan.yaml").write_text(VALID_PROGRAM, encoding="utf-8")
    return root


@pytest.fixture
def write(content: Path) -> Callable[[str, str], Path]:
    """Write a file into the test content folder: write('exercises/x.yaml', text)."""

    def _write(relative: str, text: str) -> Path:
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return _write


@pytest.fixture
def real_content(tmp_path: Path) -> Path:
    """A copy of the guide's real content that a test may change."""
    target = tmp_path / "real-content"
    shutil.copytree(CONTENT, target)
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildReport]:
    """One real, strict MkDocs build of the guide's own content, shared by site and browser tests."""
    site = tmp_path_factory.mktemp("built") / "site"
    report = build_site(CONTENT, site, ROOT / "mkdocs.yml", strict=True)
    return site, report
