"""Editorial guards on the guide's own content: the words are ours, the credits are there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import CONTENT, ROOT, real_guide

ARTICLE = ROOT.parent / "shared" / "sources" / "strength-exercises-for-runners.txt"
ARTICLE_TITLE = "The Best Strength Training Exercises For Runners, Trainer Says"
SOURCE_EXERCISES = ["push-up-side-plank", "romanian-deadlift", "lateral-lunge-row", "kneeling-squat-jump"]


def six_word_runs(text: str) -> set[str]:
    words = re.findall(r"[a-z']+", text.lower())
    return {" ".join(words[i : i + 6]) for i in range(len(words) - 5)}


@pytest.mark.skipif(not ARTICLE.is_file(), reason="the source article is not beside the repository")
def test_no_sentence_is_copied_from_the_source_article() -> None:
    borrowed = six_word_runs(ARTICLE.read_text(encoding="utf-8")) - six_word_runs(ARTICLE_TITLE)
    for path in [*CONTENT.rglob("*.yaml"), *CONTENT.rglob("*.md")]:
        shared = six_word_runs(path.read_text(encoding="utf-8")) & borrowed
        assert not shared, f"{path.relative_to(ROOT)} repeats the article: {sorted(shared)[:3]}"


def test_the_source_exercises_credit_the_article() -> None:
    guide = real_guide()
    for slug in SOURCE_EXERCISES:
        source = guide.exercises[slug].source
        assert source is not None and source.title == ARTICLE_TITLE, slug


def test_every_exercise_has_the_sections_a_runner_needs() -> None:
    # The schema requires them; this guards the *real* content against thin entries.
    for slug, ex in real_guide().exercises.items():
        assert len(ex.why_runners.split()) >= 40, f"{slug}: why_runners is too thin"
        assert len(ex.steps) >= 3 and len(ex.cues) >= 2 and len(ex.mistakes) >= 2, slug


def test_the_program_uses_only_guide_exercises_and_fills_every_day() -> None:
    guide = real_guide()
    for slug, program in guide.programs.items():
        for number, week in enumerate(program.weeks, 1):
            assert len(week.days) == 7, f"{slug} week {number} does not plan all seven days"


def test_files_are_utf8_text_without_tabs() -> None:
    for path in Path(CONTENT).rglob("*.yaml"):
        assert "\t" not in path.read_bytes().decode("utf-8"), path
