"""Shared fixtures: a small valid content folder that tests can break one line at a time."""

from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.build import CACHE_ENV, BuildReport, build_site
from generator.figures import FigureStats
from generator.files import GeneratedFile

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


def write_content(root: Path, exercise: str = VALID_EXERCISE, program: str = VALID_PROGRAM) -> Path:
    """A content folder at ``root``: the real vocabularies, a home page, one exercise
    (``test-hinge``) and one program (``test-plan``)."""
    shutil.copytree(CONTENT / "vocabulary", root / "vocabulary")
    (root / "exercises").mkdir()
    (root / "programs").mkdir()
    (root / "pages").mkdir()
    (root / "pages" / "index.md").write_text("# Test guide\n", encoding="utf-8")
    (root / "exercises" / "test-hinge.yaml").write_text(exercise, encoding="utf-8")
    (root / "programs" / "test-plan.yaml").write_text(program, encoding="utf-8")
    return root


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A content folder with the real vocabularies, one exercise and one program."""
    return write_content(tmp_path / "content")


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


@pytest.fixture(scope="session", autouse=True)
def render_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """ONE picture-and-PDF cache for the whole run, empty at its start.

    Drawing the guide's pictures takes most of a build; with a cache per test, every test that
    builds, generates or renders the real guide would draw all of them again (a minute each on
    two cores). Through ``$RUNSTRONG_CACHE`` the cache reaches ``build_site``, ``generate`` and
    every ``runstrong`` child process; tests that render on purpose pass this folder as
    ``cache_dir``. It starts empty, so nothing a developer's own cache holds (a stale renderer
    version, a damaged entry) can make the run pass, and the run writes nothing into the user's
    cache folder. Tests that need a cold or broken cache make their own (tests/hostile).
    """
    cache = tmp_path_factory.mktemp("render-cache")
    previous = os.environ.get(CACHE_ENV)
    os.environ[CACHE_ENV] = str(cache)
    try:
        yield cache
    finally:
        if previous is None:
            os.environ.pop(CACHE_ENV, None)
        else:
            os.environ[CACHE_ENV] = previous


@dataclass(frozen=True)
class GuidePictures:
    """The session's one render of every picture of the guide."""

    files: list[GeneratedFile]
    stats: FigureStats
    cached_before: int  # how many of them the session's cache held already (0 in a full run)
    to_draw: int  # distinct pictures the cache lacked


@pytest.fixture(scope="session")
def guide_pictures(render_cache: Path) -> GuidePictures:
    """Every picture of the guide, drawn ONCE per run into the session's ``render_cache``.

    ``built_site`` asks for it first, so in a full run this is the cold render; tests that need
    the guide's pictures take them from here instead of drawing the guide again.
    """
    from generator.figures import render_figures
    from generator.figures.cache import Cache
    from generator.figures.jobs import all_jobs
    from generator.load import load_guide

    guide = load_guide(CONTENT)
    cache = Cache(render_cache, "figures")
    keys = [job.key for job in all_jobs(guide)]
    missing = {key for key in keys if cache.get(key) is None}
    files, stats = render_figures(guide, cache_dir=render_cache, workers=os.cpu_count() or 1)
    return GuidePictures(files, stats, len(keys) - sum(key in missing for key in keys), len(missing))


@pytest.fixture(scope="session")
def built_site(
    tmp_path_factory: pytest.TempPathFactory, render_cache: Path, guide_pictures: GuidePictures
) -> tuple[Path, BuildReport]:
    """One real, strict MkDocs build of the guide's own content, shared by site and browser tests.

    Its pictures come from ``guide_pictures`` and its PDFs land in the session's
    ``render_cache``: any later build, ``runstrong`` run or render of the guide in the session
    takes them from there instead of drawing them again. Tests that build the guide ask for
    this fixture even when they do not read its site, so that they never draw cold.
    """
    site = tmp_path_factory.mktemp("built") / "site"
    report = build_site(CONTENT, site, ROOT / "mkdocs.yml", strict=True)
    return site, report
