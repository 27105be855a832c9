"""Plan checks: one plan per rule that breaks it, a clean plan that passes, and --strict."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.load import load_guide, load_plan
from generator.model import Guide
from generator.plans import Finding, check_guide, check_program, is_lighter, week_load

from .conftest import CONTENT, VALID_EXERCISE

RUNNER = "runner: {run_days: 4, weekly_km: 30, long_run_km: 12}\n"
HEADER = (
    "name: Test plan\nsummary: A plan for the tests.\ngoal: Check the plan checks.\nlevel: intermediate\n"
)

# Strength lines used below (flow mappings, one per line, so findings point at them).
SQUAT_HEAVY = "{exercise: half-squat, sets: 4, reps: 4, rest_seconds: 180, rpe: 8}"
SQUAT_LIGHT = "{exercise: goblet-squat, sets: 3, reps: 10, rest_seconds: 90, rpe: 7}"
HINGE = "{exercise: romanian-deadlift, sets: 3, reps: 8, rest_seconds: 90, rpe: 7}"
HINGE_LIGHT = "{exercise: romanian-deadlift, sets: 2, reps: 8, rest_seconds: 90, rpe: 6}"
CALF = "{exercise: single-leg-calf-raise, sets: 3, reps: 12, per_side: true, rest_seconds: 60, rpe: 7}"
POGO = "{exercise: pogo-hops, sets: 3, contacts: 20, rest_seconds: 90}"
PRIMER = "{exercise: glute-bridge, sets: 2, reps: 10, rest_seconds: 60, rpe: 5}"


def day(name: str, run: str, *exercises: str) -> str:
    text = f"      - day: {name}\n        run: {run}\n"
    if exercises:
        text += "        strength:\n          name: Session\n          exercises:\n"
        text += "".join(f"            - {e}\n" for e in exercises)
    return text


def week(focus: str, *days: str) -> str:
    return f"  - focus: {focus}\n    days:\n" + "".join(days)


def normal_week(
    focus: str = "Steady", *, a: tuple[str, ...] = (SQUAT_LIGHT, HINGE), b: tuple[str, ...] = (CALF,)
) -> str:
    """Four runs; strength after Tuesday's and Thursday's hard runs; long run on Sunday."""
    return week(
        focus,
        day("mon", "{type: rest}"),
        day("tue", "{type: quality, minutes: 50}", *a),
        day("wed", "{type: easy, minutes: 40}"),
        day("thu", "{type: quality, minutes: 45}", *b),
        day("sat", "{type: rest}"),
        day("sun", "{type: long, km: 14}"),
    )


LIGHT_WEEK = normal_week("Deload", a=(HINGE_LIGHT,), b=(PRIMER,))


def plan_text(*weeks: str, runner: str = RUNNER) -> str:
    return HEADER + runner + "weeks:\n" + "".join(weeks)


# A small guide with the slugs the plans use, each made from the test exercise: loading the
# real guide (figures and all) would make every test here wait for it.
EXERCISES = {
    "half-squat": ("strength", "squat", "[quadriceps, glute-max]", "reps: 6\n  rest_seconds: 60\n  rpe: 8"),
    "goblet-squat": (
        "strength",
        "squat",
        "[quadriceps, glute-max]",
        "reps: 10\n  rest_seconds: 60\n  rpe: 7",
    ),
    "romanian-deadlift": (
        "strength",
        "hinge",
        "[hamstrings, glute-max]",
        "reps: 10\n  rest_seconds: 60\n  rpe: 7",
    ),
    "single-leg-calf-raise": (
        "strength",
        "calf",
        "[gastrocnemius]",
        "reps: 12\n  rest_seconds: 60\n  rpe: 7",
    ),
    "glute-bridge": ("strength", "bridge", "[glute-max]", "reps: 12\n  rest_seconds: 60\n  rpe: 6"),
    "pogo-hops": ("plyometric", "hop", "[gastrocnemius]", "contacts: 20\n  rest_seconds: 60"),
}


def small_exercise(slug: str) -> str:
    category, pattern, primary, dose = EXERCISES[slug]
    return (
        VALID_EXERCISE.replace("name: Test hinge", f"name: {slug.replace('-', ' ').capitalize()}")
        .replace("aliases: [TH]", f"aliases: [{slug.upper()}]")
        .replace("category: strength", f"category: {category}")
        .replace("pattern: hinge", f"pattern: {pattern}")
        .replace("primary: [hamstrings, glute-max]", f"primary: {primary}")
        .replace("secondary: [lower-back]", "secondary: []")
        .replace("  reps: 10\n  rest_seconds: 60\n  rpe: 7", f"  {dose}")
    )


@pytest.fixture(scope="module")
def small_content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("plans") / "content"
    shutil.copytree(CONTENT / "vocabulary", root / "vocabulary")
    for folder in ("exercises", "programs", "pages"):
        (root / folder).mkdir()
    (root / "pages" / "index.md").write_text("# Plans\n", encoding="utf-8")
    for slug in EXERCISES:
        (root / "exercises" / f"{slug}.yaml").write_text(small_exercise(slug), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def guide(small_content: Path) -> Guide:
    return load_guide(small_content)


def findings(guide: Guide, tmp_path: Path, text: str) -> list[Finding]:
    file = tmp_path / "plan.yaml"
    file.write_text(text, encoding="utf-8")
    return check_program(load_plan(file, guide), guide, file)


def line_of(text: str, needle: str, nth: int = 0) -> int:
    lines = [i for i, line in enumerate(text.splitlines(), start=1) if needle in line]
    return lines[nth]


def test_a_clean_plan_has_no_findings(guide: Guide, tmp_path: Path) -> None:
    text = plan_text(normal_week(), normal_week(), normal_week(), LIGHT_WEEK, normal_week(), normal_week())
    assert findings(guide, tmp_path, text) == []


def test_heavy_legs_the_day_before_the_long_run(guide: Guide, tmp_path: Path) -> None:
    bad = week(
        "Heavy Saturday",
        day("tue", "{type: quality, minutes: 50}", HINGE),
        day("wed", "{type: easy, minutes: 40}"),
        day("thu", "{type: cross, minutes: 45}"),
        day("sat", "{type: easy, minutes: 30}", SQUAT_HEAVY),
        day("sun", "{type: long, km: 14}"),
    )
    text = plan_text(bad)
    found = findings(guide, tmp_path, text)
    assert [f.rule for f in found] == ["heavy-before-key-run"]
    assert found[0].line == line_of(text, "half-squat")
    assert "half-squat 4 × 4 at RPE 8" in found[0].message
    assert "the day before the long run" in found[0].message
    assert "Doma & Deakin 2015" in str(found[0])


def test_heavy_legs_the_day_before_a_race_across_a_week_boundary(guide: Guide, tmp_path: Path) -> None:
    # Sunday of week 1, then the race on Monday of week 2: the calendar runs on across weeks.
    first = week(
        "Sunday lift",
        day("tue", "{type: easy, minutes: 40}"),
        day("wed", "{type: easy, minutes: 40}"),
        day("thu", "{type: easy, minutes: 40}"),
        day("sun", "{type: easy, minutes: 30}", SQUAT_HEAVY),
    )
    second = week(
        "Race",
        day("mon", "{type: race, km: 10}"),
        day("wed", "{type: easy, minutes: 40}"),
        day("fri", "{type: easy, minutes: 40}"),
        day("sat", "{type: easy, minutes: 40}"),
    )
    rules = [f.rule for f in findings(guide, tmp_path, plan_text(first, second))]
    assert "heavy-before-key-run" in rules


def test_two_sessions_in_race_week(guide: Guide, tmp_path: Path) -> None:
    race = week(
        "Race week",
        day("mon", "{type: rest}"),
        day("tue", "{type: quality, minutes: 40}", PRIMER),
        day("wed", "{type: easy, minutes: 30}", PRIMER),
        day("sat", "{type: easy, minutes: 20}"),
        day("sun", "{type: race, km: 10}"),
    )
    text = plan_text(normal_week(), race)
    found = findings(guide, tmp_path, text)
    assert [f.rule for f in found] == ["race-week"]
    assert "2 strength sessions in the week up to the race on Sunday of week 2" in found[0].message
    assert found[0].line == line_of(text, "name: Session", 3)  # the second session of race week


def test_a_heavy_session_in_race_week(guide: Guide, tmp_path: Path) -> None:
    race = week(
        "Race week",
        day("mon", "{type: rest}"),
        day("tue", "{type: quality, minutes: 40}", SQUAT_HEAVY),
        day("wed", "{type: easy, minutes: 30}"),
        day("sat", "{type: easy, minutes: 20}"),
        day("sun", "{type: race, km: 10}"),
    )
    text = plan_text(normal_week(), race)
    found = findings(guide, tmp_path, text)
    assert [(f.rule, f.line) for f in found] == [("race-week", line_of(text, "half-squat"))]
    assert "heavy work (half-squat 4 × 4 at RPE 8) on Tuesday of week 2" in found[0].message


def test_a_primer_too_close_to_the_race(guide: Guide, tmp_path: Path) -> None:
    race = week(
        "Race week",
        day("tue", "{type: quality, minutes: 40}"),
        day("wed", "{type: easy, minutes: 30}"),
        day("fri", "{type: easy, minutes: 20}", PRIMER),
        day("sun", "{type: race, km: 5}"),
    )
    found = findings(guide, tmp_path, plan_text(normal_week(), race))
    assert [f.rule for f in found] == ["race-week"]
    assert "a strength session 2 days before the race" in found[0].message


def test_plyometric_sessions_less_than_48_hours_apart(guide: Guide, tmp_path: Path) -> None:
    hops = week(
        "Hops",
        day("mon", "{type: rest}"),
        day("tue", "{type: quality, minutes: 50}", POGO, HINGE),
        day("wed", "{type: easy, minutes: 40}", POGO),
        day("thu", "{type: quality, minutes: 45}"),
        day("sun", "{type: long, km: 14}"),
    )
    text = plan_text(hops)
    found = findings(guide, tmp_path, text)
    assert [f.rule for f in found] == ["plyometric-spacing"]
    assert found[0].line == line_of(text, "pogo-hops", 1)
    assert "Tuesday of week 1 and Wednesday of week 1 are only 24 h apart" in found[0].message
    assert "Sci Rep 2023" in str(found[0])


def test_six_weeks_without_a_lighter_week(guide: Guide, tmp_path: Path) -> None:
    text = plan_text(*(normal_week(f"Week {n}") for n in range(1, 8)))
    found = findings(guide, tmp_path, text)
    assert [f.rule for f in found] == ["no-lighter-week"]
    assert found[0].line == line_of(text, "focus: Week 6")
    assert "weeks 1–6 go 6 weeks without a lighter week" in found[0].message


def test_a_lighter_week_is_fewer_sets_or_a_lower_rpe(guide: Guide, tmp_path: Path) -> None:
    file = tmp_path / "plan.yaml"
    file.write_text(plan_text(normal_week(), LIGHT_WEEK, normal_week()), encoding="utf-8")
    program = load_plan(file, guide)
    loads = [week_load(program, guide, w) for w in range(3)]
    assert loads[0].sets == 9 and loads[1].sets == 4
    assert is_lighter(loads[1], loads[0])
    assert not is_lighter(loads[2], loads[1])
    assert not is_lighter(loads[0], loads[0])


def test_a_session_far_above_the_sessions_around_it(guide: Guide, tmp_path: Path) -> None:
    big = (SQUAT_LIGHT, HINGE, CALF, SQUAT_LIGHT, HINGE, CALF, HINGE)
    text = plan_text(normal_week(), normal_week("Spike", a=big), LIGHT_WEEK)
    found = findings(guide, tmp_path, text)
    assert [f.rule for f in found] == ["session-spike"]
    assert found[0].line == line_of(text, "name: Session", 2)
    assert "Tuesday of week 2" in found[0].message


def test_a_plan_must_declare_its_runner(guide: Guide, tmp_path: Path) -> None:
    text = plan_text(normal_week(), runner="")
    found = findings(guide, tmp_path, text)
    assert [(f.rule, f.line) for f in found] == [("runner", 1)]


def test_the_runner_matches_the_calendar(guide: Guide, tmp_path: Path) -> None:
    text = plan_text(normal_week(), runner="runner: {run_days: 6, weekly_km: 50, long_run_km: 18}\n")
    found = findings(guide, tmp_path, text)
    assert [(f.rule, f.line) for f in found] == [("runner", line_of(text, "run_days: 6"))]
    assert "runs 6 days a week, but most weeks of the calendar have 4" in found[0].message


def test_the_shipped_guide_has_no_findings() -> None:
    assert [str(f) for f in check_guide(CONTENT, load_guide(CONTENT))] == []


def runstrong(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    status = main(list(args))
    return status, capsys.readouterr().err


@pytest.fixture
def content_with(small_content: Path, tmp_path: Path) -> Path:
    """A copy of the small guide that a test may add programs to."""
    root = tmp_path / "content"
    shutil.copytree(small_content, root)
    return root


def test_strict_turns_warnings_into_errors(content_with: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (content_with / "programs" / "tired.yaml").write_text(
        plan_text(*(normal_week(f"Week {n}") for n in range(1, 7))), encoding="utf-8"
    )
    status, err = runstrong(capsys, "check", "--content", str(content_with))
    assert status == 0, err
    assert "tired.yaml:" in err and "warning: weeks 1–6" in err
    status, err = runstrong(capsys, "check", "--strict", "--content", str(content_with))
    assert status == 1
    assert err.strip().splitlines()[-1] == "1 plan warning (--strict makes them errors)."
    site = content_with.parent / "site"
    status, err = runstrong(
        capsys, "build", "--strict", "--content", str(content_with), "--site-dir", str(site)
    )
    assert status == 1 and not site.exists()


def test_cards_warn_on_a_coachs_plan_and_strict_refuses_it(
    small_content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hops = week(
        "Hops",
        day("mon", "{type: rest}"),
        day("tue", "{type: quality, minutes: 50}", POGO),
        day("wed", "{type: easy, minutes: 40}", POGO),
        day("thu", "{type: quality, minutes: 45}"),
        day("sun", "{type: long, km: 14}"),
    )
    plan = tmp_path / "coach.yaml"
    plan.write_text(plan_text(hops), encoding="utf-8")
    line = line_of(plan.read_text(), "pogo-hops", 1)
    content = ("--content", str(small_content))
    status, err = runstrong(capsys, "cards", str(plan), "-o", str(tmp_path / "cards.pdf"), *content)
    assert status == 0, err
    assert f"coach.yaml:{line}:26: warning: plyometric sessions on Tuesday" in err
    assert (tmp_path / "cards.pdf").is_file()
    status, err = runstrong(
        capsys, "cards", str(plan), "--strict", "-o", str(tmp_path / "strict.pdf"), *content
    )
    assert status == 1
    assert not (tmp_path / "strict.pdf").exists()
