"""Loader errors: one test per kind, each asserting the message and where it points."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.errors import ContentErrors
from generator.load import load_guide

from .conftest import VALID_EXERCISE, VALID_PROGRAM

Write = Callable[[str, str], Path]


def errors_of(content: Path) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        load_guide(content)
    # Strip the folder so assertions read like the messages authors see.
    return [
        str(e).replace(str(content) + "/", "").replace(str(content.resolve()) + "/", "")
        for e in caught.value.errors
    ]


def test_valid_content_loads(content: Path) -> None:
    guide = load_guide(content)
    assert list(guide.exercises) == ["test-hinge"]
    assert guide.programs_using("test-hinge") == ["test-plan"]


def test_unknown_key_suggests_the_field(content: Path, write: Write) -> None:
    write("exercises/test-hinge.yaml", VALID_EXERCISE.replace("muscles:", "muscels:"))
    assert errors_of(content) == [
        "exercises/test-hinge.yaml:2:1: muscles: missing required field 'muscles'",
        "exercises/test-hinge.yaml:12:1: muscels: unknown field 'muscels' (did you mean 'muscles'?)",
    ]


def test_unknown_nested_key_suggests_within_its_own_mapping(content: Path, write: Write) -> None:
    write("exercises/test-hinge.yaml", VALID_EXERCISE.replace("  rest_seconds: 60", "  rest_secs: 60"))
    errors = errors_of(content)
    assert (
        "exercises/test-hinge.yaml:34:3: dose.rest_secs: unknown field 'rest_secs' (did you mean 'rest_seconds'?)"
        in errors
    )


def test_unknown_muscle_points_at_the_item(content: Path, write: Write) -> None:
    write(
        "exercises/test-hinge.yaml", VALID_EXERCISE.replace("[hamstrings, glute-max]", "[hamstrings, glute]")
    )
    assert errors_of(content) == [
        "exercises/test-hinge.yaml:13:25: muscles.primary[1]: 'glute' is not a known muscle (did you mean 'glute-max'?)"
    ]


def test_muscle_both_primary_and_secondary(content: Path, write: Write) -> None:
    write("exercises/test-hinge.yaml", VALID_EXERCISE.replace("[lower-back]", "[hamstrings]"))
    assert errors_of(content) == [
        "exercises/test-hinge.yaml:14:15: muscles.secondary[0]: 'hamstrings' is already a primary muscle"
    ]


def test_unknown_equipment(content: Path, write: Write) -> None:
    write("exercises/test-hinge.yaml", VALID_EXERCISE.replace("[dumbbells]", "[dumbell]"))
    assert errors_of(content) == [
        "exercises/test-hinge.yaml:10:14: equipment.required[0]: 'dumbell' is not a known piece of equipment "
        "(did you mean 'dumbbells'?)"
    ]


def test_unknown_enum_value_lists_options_and_suggests(content: Path, write: Write) -> None:
    write("exercises/test-hinge.yaml", VALID_EXERCISE.replace("category: strength", "category: strenght"))
    (error,) = errors_of(content)
    assert error.startswith("exercises/test-hinge.yaml:6:11: category: 'strenght' is not a known category")
    assert error.endswith("(did you mean 'strength'?)")
    assert "plyometric" in error


def test_unknown_exercise_in_program(content: Path, write: Write) -> None:
    write("programs/test-plan.yaml", VALID_PROGRAM.replace("exercise: test-hinge", "exercise: test-hindge"))
    assert errors_of(content) == [
        "programs/test-plan.yaml:16:26: weeks[0].days[1].strength.exercises[0].exercise: "
        "'test-hindge' is not an exercise in this guide (did you mean 'test-hinge'?)"
    ]


def test_unknown_exercise_in_variation(content: Path, write: Write) -> None:
    text = VALID_EXERCISE.replace(
        "  - name: Lighter weights\n    how: Use half the load.", "  - exercise: goblet-squat"
    )
    write("exercises/test-hinge.yaml", text)
    assert errors_of(content) == [
        "exercises/test-hinge.yaml:26:15: easier[0].exercise: 'goblet-squat' is not an exercise in this guide"
    ]


def test_duplicate_alias_across_exercises(content: Path, write: Write) -> None:
    other = VALID_EXERCISE.replace("name: Test hinge", "name: Other hinge").replace("[TH]", "[OH, th]")
    write("exercises/other-hinge.yaml", other)
    assert errors_of(content) == [
        "exercises/test-hinge.yaml:3:11: aliases[0]: 'TH' is already the alias of 'other-hinge'"
    ]


def test_bad_file_name_slug(content: Path, write: Write) -> None:
    write("exercises/Goblet Squat.yaml", VALID_EXERCISE)
    (error,) = errors_of(content)
    assert error == (
        "exercises/Goblet Squat.yaml:1:1: file name 'Goblet Squat' is not a valid slug: use lowercase letters, "
        "digits and single hyphens, e.g. 'goblet-squat'"
    )


def test_slug_that_could_escape_the_output_folder(content: Path, write: Write) -> None:
    write(
        "programs/test-plan.yaml", VALID_PROGRAM.replace("exercise: test-hinge", "exercise: ../../etc/passwd")
    )
    (error,) = errors_of(content)
    assert error.startswith(
        "programs/test-plan.yaml:16:26: weeks[0].days[1].strength.exercises[0].exercise: "
        "'../../etc/passwd' is not a valid slug"
    )


def test_wrong_type(content: Path, write: Write) -> None:
    write("exercises/test-hinge.yaml", VALID_EXERCISE.replace("sets: 3", "sets: three"))
    assert errors_of(content) == [
        "exercises/test-hinge.yaml:32:9: dose.sets: expected a whole number, got 'three'"
    ]


def test_list_expected(content: Path, write: Write) -> None:
    write("exercises/test-hinge.yaml", VALID_EXERCISE.replace("aliases: [TH]", "aliases: TH"))
    assert errors_of(content) == ["exercises/test-hinge.yaml:3:10: aliases: expected a list, got 'TH'"]


def test_empty_required_list(content: Path, write: Write) -> None:
    text = VALID_EXERCISE.replace(
        "setup:\n  - Stand tall with the weights in front of the thighs.", "setup: []"
    )
    write("exercises/test-hinge.yaml", text)
    assert errors_of(content) == [
        "exercises/test-hinge.yaml:15:8: setup: must list at least 1 item(s), got 0"
    ]


def test_missing_field(content: Path, write: Write) -> None:
    write("exercises/test-hinge.yaml", VALID_EXERCISE.replace("summary: A hinge used by the tests.\n", ""))
    assert errors_of(content) == ["exercises/test-hinge.yaml:2:1: summary: missing required field 'summary'"]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("sets: 3", "sets: 0", "32:9: dose.sets: must be at least 1, got 0"),
        ("sets: 3", "sets: -2", "32:9: dose.sets: must be at least 1, got -2"),
        ("reps: 10", "reps: 1000", "33:9: dose.reps: must be at most 50, got 1000"),
        ("rpe: 7", "rpe: 11", "35:8: dose.rpe: must be at most 10, got 11"),
        ("rpe: 7", "rpe: 7.3", "35:8: dose.rpe: must be a multiple of 0.5, got 7.3"),
        ("rest_seconds: 60", "rest_seconds: 6000", "34:17: dose.rest_seconds: must be at most 600, got 6000"),
    ],
)
def test_absurd_doses(content: Path, write: Write, old: str, new: str, expected: str) -> None:
    write("exercises/test-hinge.yaml", VALID_EXERCISE.replace(old, new))
    assert errors_of(content) == [f"exercises/test-hinge.yaml:{expected}"]


def test_reps_and_seconds_together(content: Path, write: Write) -> None:
    write("exercises/test-hinge.yaml", VALID_EXERCISE.replace("  reps: 10\n", "  reps: 10\n  seconds: 30\n"))
    assert errors_of(content) == [
        "exercises/test-hinge.yaml:32:3: dose: give exactly one of 'reps', 'seconds' or 'contacts'"
    ]


def test_absurd_dose_in_program(content: Path, write: Write) -> None:
    write("programs/test-plan.yaml", VALID_PROGRAM.replace("reps: 12", "reps: 1000"))
    assert errors_of(content) == [
        "programs/test-plan.yaml:16:53: weeks[0].days[1].strength.exercises[0].reps: must be at most 50, got 1000"
    ]


def test_broken_yaml(content: Path, write: Write) -> None:
    write("exercises/test-hinge.yaml", VALID_EXERCISE.replace("aliases: [TH]", "aliases: [TH"))
    (error,) = errors_of(content)
    assert error == (
        "exercises/test-hinge.yaml:3:10: the '[' opened here is not closed: end it with ']' on the same line, "
        "or write each item on a line of its own"
    )


def test_tab_character(content: Path, write: Write) -> None:
    write("exercises/test-hinge.yaml", VALID_EXERCISE.replace("  sets: 3", "\tsets: 3"))
    assert errors_of(content) == [
        "exercises/test-hinge.yaml:32:1: a tab character; YAML must be indented with spaces"
    ]


def test_non_utf8_bytes(content: Path) -> None:
    raw = VALID_EXERCISE.replace("Stand tall again.", "Stand tall again, caf\u00e9.").encode("utf-8")
    raw = raw.replace("\u00e9".encode(), b"\xe9")
    (content / "exercises" / "test-hinge.yaml").write_bytes(raw)
    assert errors_of(content) == [
        "exercises/test-hinge.yaml:19:26: not valid UTF-8 (byte 0xe9); save the file with UTF-8 encoding"
    ]


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file(content: Path, write: Write, text: str) -> None:
    write("exercises/test-hinge.yaml", text)
    errors = errors_of(content)
    assert "exercises/test-hinge.yaml:1:1: the file is empty; expected a mapping of fields" in errors


def test_top_level_list(content: Path, write: Write) -> None:
    write("exercises/test-hinge.yaml", "- name: x\n")
    assert (
        "exercises/test-hinge.yaml:1:1: expected a mapping of fields at the top level, got a list"
        in errors_of(content)
    )


def test_duplicate_key(content: Path, write: Write) -> None:
    write(
        "exercises/test-hinge.yaml",
        VALID_EXERCISE.replace("level: beginner\n", "level: beginner\nlevel: advanced\n"),
    )
    assert errors_of(content) == [
        "exercises/test-hinge.yaml:9:1: duplicate key 'level' (first written at line 8)"
    ]


def test_yml_extension_is_reported(content: Path, write: Write) -> None:
    write("exercises/lunge.yml", VALID_EXERCISE)
    assert errors_of(content) == [
        "exercises/lunge.yml:1:1: only .yaml files belong in exercises/ (rename it to .yaml)"
    ]


def test_angle_brackets_in_a_name(content: Path, write: Write) -> None:
    write("exercises/test-hinge.yaml", VALID_EXERCISE.replace("name: Test hinge", "name: Test <b>hinge</b>"))
    assert errors_of(content) == [
        "exercises/test-hinge.yaml:2:7: name: 'Test <b>hinge</b>' must be plain text: remove the '<' and '>'"
    ]


def test_every_error_in_every_file_in_one_run(content: Path, write: Write) -> None:
    write(
        "exercises/test-hinge.yaml",
        VALID_EXERCISE.replace("sets: 3", "sets: 0").replace("glute-max", "glute"),
    )
    write("exercises/broken.yaml", "name: [unclosed\n")
    write("programs/test-plan.yaml", VALID_PROGRAM.replace("type: easy", "type: jog"))
    errors = errors_of(content)
    assert len(errors) == 4
    assert [e.split(":")[0] for e in errors] == [
        "exercises/broken.yaml",
        "exercises/test-hinge.yaml",
        "exercises/test-hinge.yaml",
        "programs/test-plan.yaml",
    ]


def test_missing_vocabulary_is_reported(content: Path) -> None:
    (content / "vocabulary" / "muscles.yaml").unlink()
    assert errors_of(content)[0].endswith("vocabulary/muscles.yaml:1:1: required vocabulary file is missing")


def test_real_content_is_valid() -> None:
    guide = load_guide(Path(__file__).resolve().parent.parent / "content")
    assert len(guide.exercises) >= 4
    assert guide.programs


def test_plan_with_a_misspelt_slug(content: Path, tmp_path: Path) -> None:
    from generator.load import load_plan

    plan = tmp_path / "plan.yaml"
    plan.write_text(VALID_PROGRAM.replace("exercise: test-hinge", "exercise: test-hindge"), encoding="utf-8")
    with pytest.raises(ContentErrors) as caught:
        load_plan(plan, load_guide(content))
    (error,) = caught.value.errors
    assert str(error).endswith(
        "plan.yaml:16:26: weeks[0].days[1].strength.exercises[0].exercise: "
        "'test-hindge' is not an exercise in this guide (did you mean 'test-hinge'?)"
    )
