"""A coach's plan (``runstrong cards PLAN.yaml``) read as warily as the guide's own content, and
text the cards and pictures cannot draw refused up front instead of vanishing from a PDF."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pypdfium2
import pytest

from generator.errors import ContentError, ContentErrors
from generator.load import load_guide, load_plan

from .conftest import GOOD_EXERCISE, GOOD_PROGRAM, Good, bounded, run_main
from .test_yaml import laughs


def plan_bytes(data: str | bytes) -> Callable[[Path], None]:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return lambda path: path.write_bytes(raw)


PLANS: list[tuple[str, Callable[[Path], None], str]] = [
    ("bomb", plan_bytes(laughs(9)), "plan.yaml:5:10: the aliases expand to more than 20,000 values"),
    ("self-alias", plan_bytes("weeks: &w [*w]\n"), "plan.yaml:1:12: alias '*w' is inside the block it names"),
    ("fifo", os.mkfifo, "plan.yaml:1:1: a named pipe (FIFO), not a regular file"),
    ("device", lambda p: p.symlink_to("/dev/zero"), "plan.yaml:1:1: a character device, not a regular file"),
    ("dangling", lambda p: p.symlink_to("sent-by-email.yaml"), "plan.yaml:1:1: a broken symbolic link"),
    ("missing", lambda p: None, "plan.yaml:1:1: file not found"),
    ("nul", plan_bytes(GOOD_PROGRAM.encode() + b"\x00"), "plan.yaml:22:1: a NUL byte"),
    ("latin1", plan_bytes(GOOD_PROGRAM.replace("Test plan", "Séance").encode("latin-1")), "plan.yaml:2:8: not valid UTF-8 (byte 0xe9)"),
    ("sets-text", plan_bytes(GOOD_PROGRAM.replace("sets: 2", "sets: '2'")), "plan.yaml:16:50: weeks[0].days[1].strength.exercises[0].sets: expected a whole number, got '2'"),
    ("rpe-text", plan_bytes(GOOD_PROGRAM.replace("rpe: 6}", "rpe: '6'}")), "plan.yaml:16:86: weeks[0].days[1].strength.exercises[0].rpe: expected a number, got '6'"),
    ("cjk-session", plan_bytes(GOOD_PROGRAM.replace("name: Session A", "name: 训练 A")), "plan.yaml:14:17: weeks[0].days[1].strength.name: '训' (U+8BAD, cjk unified ideograph-8bad) cannot be printed"),
    ("emoji-note", plan_bytes(GOOD_PROGRAM.replace("note: Same again, one more set.", "note: Go 💪")), "plan.yaml:19:21: weeks[0].days[1].strength.exercises[1].note: '💪' (U+1F4AA, flexed biceps) cannot be printed"),
]


@pytest.mark.parametrize(("name", "make", "message"), PLANS, ids=[p[0] for p in PLANS])
def test_each_hostile_plan_is_one_error(good: Good, tmp_path: Path, name: str, make: Callable[[Path], None], message: str) -> None:
    guide = load_guide(good.content)
    plan = tmp_path / "plan.yaml"
    make(plan)
    with bounded(), pytest.raises(ContentErrors) as caught:
        load_plan(plan, guide)
    errors = [str(e) for e in caught.value.errors]
    assert any(message in e for e in errors), errors  # (a merged prescription repeats its error)
    assert all("plan.yaml:" in e and "\n" not in e for e in errors)


@pytest.mark.parametrize("name", ["bomb", "fifo", "cjk-session"])
def test_cards_refuses_a_hostile_plan_in_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, good: Good, tmp_path: Path, name: str
) -> None:
    make, message = next((m, msg) for n, m, msg in PLANS if n == name)
    make(tmp_path / "plan.yaml")
    monkeypatch.chdir(tmp_path)
    code, _, err = run_main(capsys, "cards", "plan.yaml", "--content", good.content)
    assert code == 1
    first, last = err.strip().splitlines()
    assert first.startswith("plan.yaml:") and message in first
    assert last == "1 error found; nothing was built."
    assert not list(tmp_path.glob("*.pdf"))


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("name: Test hinge", "name: 深蹲", "test-hinge.yaml:2:7: name: '深' (U+6DF1, cjk unified ideograph-6df1) cannot be printed"),
        ("  - Hips back, weights close.", "  - Hips back 🏃", "test-hinge.yaml:21:5: cues[0]: '🏃' (U+1F3C3, runner) cannot be printed"),
        ("  - name: Single leg", "  - name: 한 다리", "test-hinge.yaml:30:11: harder[0].name: '한' (U+D55C, hangul syllable han) cannot be printed"),
        ("summary: A hinge used by the tests.", "summary: תרגיל", "test-hinge.yaml:4:10: summary: 'ת' (U+05EA, hebrew letter tav) cannot be printed: cards and pictures do not lay out right-to-left text"),
    ],
)
def test_text_the_font_cannot_draw_is_refused_at_check_time(hostile_content: Path, old: str, new: str, message: str) -> None:
    exercise = hostile_content / "exercises" / "test-hinge.yaml"
    assert old in GOOD_EXERCISE
    exercise.write_text(GOOD_EXERCISE.replace(old, new), encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        load_guide(hostile_content)
    (error,) = caught.value.errors
    assert message in str(error)


def test_greek_and_cyrillic_print_on_the_cards(capsys: pytest.CaptureFixture[str], good: Good, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(GOOD_PROGRAM.replace("name: Session A", "name: Сессия Α"), encoding="utf-8")
    code, _, err = run_main(
        capsys, "cards", plan, "-o", tmp_path / "cards.pdf", "--athlete", "Саша Παπαδοπούλου", "--content", good.content
    )
    assert code == 0, err
    pdf = pypdfium2.PdfDocument(tmp_path / "cards.pdf")
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert "Саша Παπαδοπούλου" in text
    assert "Сессия Α" in text


def test_a_plan_naming_a_renamed_exercise_still_prints_with_a_note(
    capsys: pytest.CaptureFixture[str], good: Good, tmp_path: Path
) -> None:
    content = tmp_path / "content"
    shutil.copytree(good.content, content)
    (content / "exercises" / "test-hinge.yaml").rename(content / "exercises" / "dumbbell-hinge.yaml")
    with (content / "exercises" / "dumbbell-hinge.yaml").open("a", encoding="utf-8") as f:
        f.write("redirect_from: [test-hinge]\n")
    notes: list[ContentError] = []
    load_guide(content, notes)  # the guide's own program names the old slug too
    assert next(str(n).replace(str(content) + "/", "") for n in notes).endswith(
        "programs/test-plan.yaml:16:32: note: 'test-hinge' was renamed 'dumbbell-hinge'; read as 'dumbbell-hinge'"
    )
    plan = tmp_path / "plan.yaml"
    plan.write_text(GOOD_PROGRAM, encoding="utf-8")
    code, _, err = run_main(capsys, "cards", plan, "-o", tmp_path / "cards.pdf", "--content", content)
    assert code == 0, err
    assert "plan.yaml:16:32: note: 'test-hinge' was renamed 'dumbbell-hinge'; read as 'dumbbell-hinge'" in err
    assert (tmp_path / "cards.pdf").read_bytes().startswith(b"%PDF")


def test_a_link_to_a_renamed_exercise_names_the_new_slug(hostile_content: Path) -> None:
    exercises = hostile_content / "exercises"
    (exercises / "test-hinge.yaml").rename(exercises / "dumbbell-hinge.yaml")
    with (exercises / "dumbbell-hinge.yaml").open("a", encoding="utf-8") as f:
        f.write("redirect_from: [test-hinge]\n")
    other = GOOD_EXERCISE.replace("name: Test hinge", "name: Other").replace("aliases: [TH]", "aliases: []")
    (exercises / "other.yaml").write_text(other.replace("  - name: Single leg\n    how: Balance on one leg.", "  - exercise: test-hinge"), "utf-8")
    with pytest.raises(ContentErrors) as caught:
        load_guide(hostile_content)
    (error,) = caught.value.errors
    assert str(error).endswith("other.yaml:30:15: harder[0].exercise: 'test-hinge' was renamed 'dumbbell-hinge'; write 'dumbbell-hinge'")
