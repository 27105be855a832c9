"""Plan checks: for every rule, bad plans that break it (the warning at the right line) and a
good plan that does not; a clean plan that passes; --strict; the shipped guide."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.load import load_guide, load_plan
from generator.model import Guide, Weekday
from generator.plans import WHY, Finding, check_guide, check_program, is_lighter, week_load

from .conftest import CONTENT, VALID_EXERCISE, real_guide

RUNNER = "runner: {run_days: 4, weekly_km: 36, long_run_km: 14}\n"


def header(level: str = "intermediate") -> str:
    return f"name: Test plan\nsummary: A plan for the tests.\ngoal: Check the plan checks.\nlevel: {level}\n"


# Strength lines used below (flow mappings, one per line, so findings point at them).
SQUAT_HEAVY = "{exercise: half-squat, sets: 4, reps: 4, rest_seconds: 180, rpe: 8}"
HINGE_HEAVY = "{exercise: romanian-deadlift, sets: 3, reps: 5, rest_seconds: 150, rpe: 8}"
SQUAT_LIGHT = "{exercise: goblet-squat, sets: 3, reps: 10, rest_seconds: 90, rpe: 7}"
HINGE = "{exercise: romanian-deadlift, sets: 3, reps: 8, rest_seconds: 90, rpe: 7}"
ROW = "{exercise: one-arm-row, sets: 3, reps: 8, per_side: true, rest_seconds: 30, rpe: 7}"
CALF = "{exercise: single-leg-calf-raise, sets: 3, reps: 12, per_side: true, rest_seconds: 60, rpe: 7}"
SPLIT = "{exercise: split-squat, sets: 3, reps: 8, per_side: true, rest_seconds: 60, rpe: 7}"
TRUNK = "{exercise: dead-bug, sets: 3, reps: 8, per_side: true, rest_seconds: 30, rpe: 6}"
LIGHT = (
    "{exercise: goblet-squat, sets: 2, reps: 8, rest_seconds: 60, rpe: 6}",
    "{exercise: romanian-deadlift, sets: 2, reps: 8, rest_seconds: 60, rpe: 6}",
    "{exercise: one-arm-row, sets: 1, reps: 8, per_side: true, rest_seconds: 30, rpe: 6}",
)
LIGHT_B = (
    "{exercise: single-leg-calf-raise, sets: 2, reps: 10, per_side: true, rest_seconds: 45, rpe: 6}",
    "{exercise: split-squat, sets: 1, reps: 8, per_side: true, rest_seconds: 45, rpe: 6}",
    "{exercise: dead-bug, sets: 1, reps: 8, per_side: true, rest_seconds: 30, rpe: 6}",
)
PRIMER = "{exercise: glute-bridge, sets: 2, reps: 10, rest_seconds: 60, rpe: 5}"
NORDIC = "{exercise: nordic-curl, sets: 2, reps: 4, rest_seconds: 120, rpe: 7}"


def pogo(contacts: int = 10, sets: int = 2) -> str:
    return f"{{exercise: pogo-hops, sets: {sets}, contacts: {contacts}, rest_seconds: 90}}"


def jumps(slug: str, contacts: int, sets: int = 2, per_side: bool = False) -> str:
    side = ", per_side: true" if per_side else ""
    return f"{{exercise: {slug}, sets: {sets}, contacts: {contacts}{side}, rest_seconds: 90}}"


def day(name: str, run: str, *exercises: str, tests: str = "") -> str:
    text = f"      - day: {name}\n        run: {run}\n"
    if tests:
        text += f"        tests: [{tests}]\n"
    if exercises:
        text += "        strength:\n          name: Session\n          exercises:\n"
        text += "".join(f"            - {e}\n" for e in exercises)
    return text


def week(focus: str, *days: str) -> str:
    return f"  - focus: {focus}\n    days:\n" + "".join(days)


A = (SQUAT_LIGHT, HINGE, ROW)
B = (CALF, SPLIT, TRUNK)
GATE = "calf-raise, step-down, hop"


def normal_week(
    focus: str = "Steady", *, a: tuple[str, ...] = A, b: tuple[str, ...] = B, tests: str = ""
) -> str:
    """Four runs; strength after Tuesday's and Thursday's hard runs; long run on Sunday."""
    return week(
        focus,
        day("mon", "{type: rest}", tests=tests),
        day("tue", "{type: quality, minutes: 50}", *a),
        day("wed", "{type: easy, minutes: 40}"),
        day("thu", "{type: quality, minutes: 45}", *b),
        day("sat", "{type: rest}"),
        day("sun", "{type: long, km: 14}"),
    )


LIGHT_WEEK = normal_week("Deload", a=LIGHT, b=LIGHT_B)


def plan_text(*weeks: str, runner: str = RUNNER, level: str = "intermediate") -> str:
    return header(level) + runner + "weeks:\n" + "".join(weeks)


# A small guide with the slugs the plans use, each made from the test exercise: loading the
# real guide (figures and all) would make every test here wait for it.
# slug: (category, pattern, level, primary movers, dose, tempo)
EXERCISES: dict[str, tuple[str, str, str, str, str, str]] = {
    "half-squat": ("strength", "squat", "intermediate", "[quadriceps, glute-max]", "reps: 6", ""),
    "goblet-squat": ("strength", "squat", "beginner", "[quadriceps, glute-max]", "reps: 10", ""),
    "romanian-deadlift": ("strength", "hinge", "beginner", "[hamstrings, glute-max]", "reps: 10", ""),
    "single-leg-calf-raise": ("strength", "calf", "beginner", "[gastrocnemius]", "reps: 12", ""),
    "glute-bridge": ("strength", "bridge", "beginner", "[glute-max]", "reps: 12", ""),
    "split-squat": ("strength", "lunge", "beginner", "[quadriceps]", "reps: 8", ""),
    "one-arm-row": ("strength", "pull", "beginner", "[lats]", "reps: 10", ""),
    "dead-bug": ("core", "anti-extension", "beginner", "[rectus-abdominis]", "reps: 8", ""),
    "nordic-curl": ("strength", "knee-flexion", "intermediate", "[hamstrings]", "reps: 5", '"4-0-1"'),
    "a-skip": ("plyometric", "hop", "beginner", "[gastrocnemius]", "contacts: 20", ""),
    "pogo-hops": ("plyometric", "hop", "intermediate", "[gastrocnemius]", "contacts: 20", ""),
    "single-leg-hops": ("plyometric", "hop", "advanced", "[gastrocnemius]", "contacts: 8", ""),
    "bounds": ("plyometric", "hop", "advanced", "[gastrocnemius]", "contacts: 10", ""),
    # A coach's own jump the ladder does not list: it climbs by its level.
    "tuck-jump": ("plyometric", "jump", "advanced", "[quadriceps]", "contacts: 6", ""),
}


def small_exercise(slug: str) -> str:
    category, pattern, level, primary, dose, tempo = EXERCISES[slug]
    effort = "" if dose.startswith("contacts") else "\n  rpe: 7"
    text = (
        VALID_EXERCISE.replace("name: Test hinge", f"name: {slug.replace('-', ' ').capitalize()}")
        .replace("aliases: [TH]", f"aliases: [{slug.upper()}-X]")
        .replace("category: strength", f"category: {category}")
        .replace("pattern: hinge", f"pattern: {pattern}")
        .replace("level: beginner", f"level: {level}")
        .replace("primary: [hamstrings, glute-max]", f"primary: {primary}")
        .replace("secondary: [lower-back]", "secondary: []")
        .replace("  reps: 10\n  rest_seconds: 60\n  rpe: 7", f"  {dose}\n  rest_seconds: 60{effort}")
    )
    return text + (f"tempo: {tempo}\n" if tempo else "")


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


def rules(guide: Guide, tmp_path: Path, text: str) -> list[str]:
    return [f.rule for f in findings(guide, tmp_path, text)]


def only(guide: Guide, tmp_path: Path, text: str, rule: str) -> list[Finding]:
    """The findings of one rule (a bad plan may rightly break others too)."""
    return [f for f in findings(guide, tmp_path, text) if f.rule == rule]


def line_of(text: str, needle: str, nth: int = 0) -> int:
    lines = [i for i, line in enumerate(text.splitlines(), start=1) if needle in line]
    return lines[nth]


def test_a_clean_plan_has_no_findings(guide: Guide, tmp_path: Path) -> None:
    text = plan_text(
        normal_week(tests=GATE), normal_week(), normal_week(), LIGHT_WEEK, normal_week(), normal_week()
    )
    assert findings(guide, tmp_path, text) == []


def test_every_finding_names_its_rule_why_and_source() -> None:
    finding = Finding("plan.yaml", 3, 5, "taper", "heavy legs")
    assert str(finding).startswith("plan.yaml:3:5: warning: heavy legs; ")
    assert str(finding).endswith("[taper]")
    for rule, why in WHY.items():
        assert len(why) > 40, rule


# --- heavy legs before a key run ----------------------------------------------------------------


def test_heavy_legs_the_day_before_the_long_run(guide: Guide, tmp_path: Path) -> None:
    bad = week(
        "Heavy Saturday",
        day("tue", "{type: quality, minutes: 50}", *A),
        day("wed", "{type: easy, minutes: 40}"),
        day("thu", "{type: cross, minutes: 45}"),
        day("sat", "{type: easy, minutes: 30}", SQUAT_HEAVY, *B),
        day("sun", "{type: long, km: 14}"),
    )
    text = plan_text(bad)
    found = only(guide, tmp_path, text, "heavy-before-key-run")
    assert [f.line for f in found] == [line_of(text, "half-squat")]
    assert "half-squat 4 × 4 at RPE 8" in found[0].message
    assert "the day before the long run" in found[0].message
    assert "Doma & Deakin 2015" in str(found[0])


def test_heavy_legs_the_day_before_a_quality_session(guide: Guide, tmp_path: Path) -> None:
    # Intervals and tempo runs are key runs too: heavy legs on Monday spoil Tuesday's intervals.
    bad = week(
        "Heavy Monday",
        day("mon", "{type: easy, minutes: 30}", HINGE_HEAVY, ROW),
        day("tue", "{type: quality, minutes: 50}", *B),
        day("thu", "{type: easy, minutes: 45}"),
        day("sun", "{type: long, km: 14}"),
    )
    text = plan_text(bad)
    found = only(guide, tmp_path, text, "heavy-before-key-run")
    assert [f.line for f in found] == [line_of(text, "romanian-deadlift")]
    assert "the day before the quality run" in found[0].message


def test_big_jumping_the_day_before_the_long_run_is_heavy_leg_work(guide: Guide, tmp_path: Path) -> None:
    # 160 contacts of bounds carry no RPE, but they are a leg session all the same.
    bad = week(
        "Bounds Saturday",
        day("tue", "{type: quality, minutes: 50}", *A),
        day("thu", "{type: quality, minutes: 45}", *B),
        day("sat", "{type: easy, minutes: 30}", jumps("bounds", 20, sets=8)),
        day("sun", "{type: long, km: 14}"),
    )
    text = plan_text(bad, level="advanced")
    found = only(guide, tmp_path, text, "heavy-before-key-run")
    assert [f.line for f in found] == [line_of(text, "bounds")]
    assert "160 foot contacts" in found[0].message


def test_a_few_easy_hops_or_a_heavy_day_after_the_run_are_fine(guide: Guide, tmp_path: Path) -> None:
    good = week(
        "Heavy on the hard day",
        day("mon", "{type: rest}", tests=GATE),
        day("tue", "{type: quality, minutes: 50}", pogo(10), SQUAT_HEAVY, HINGE, ROW),
        day("wed", "{type: easy, minutes: 40}"),
        day("thu", "{type: quality, minutes: 45}", *B),
        day("sat", "{type: easy, minutes: 30}"),
        day("sun", "{type: long, km: 14}"),
    )
    assert "heavy-before-key-run" not in rules(guide, tmp_path, plan_text(good))


def test_heavy_legs_the_day_before_a_race_across_a_week_boundary(guide: Guide, tmp_path: Path) -> None:
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
    assert "heavy-before-key-run" in rules(guide, tmp_path, plan_text(first, second))


# --- easy days, consecutive days, new eccentric work ----------------------------------------------


def test_leg_work_on_an_easy_day_while_a_hard_day_has_none(guide: Guide, tmp_path: Path) -> None:
    bad = week(
        "Easy-day lifting",
        day("tue", "{type: quality, minutes: 50}"),
        day("wed", "{type: easy, minutes: 40}", SQUAT_LIGHT, HINGE, ROW),
        day("thu", "{type: quality, minutes: 45}", *B),
        day("sun", "{type: long, km: 14}"),
    )
    text = plan_text(bad)
    found = only(guide, tmp_path, text, "easy-day-strength")
    assert [f.line for f in found] == [line_of(text, "goblet-squat")]
    assert "Wednesday of week 1, an easy-run day, while Tuesday of week 1" in found[0].message


def test_an_easy_day_session_is_fine_when_every_hard_day_has_one(guide: Guide, tmp_path: Path) -> None:
    # Three runs a week: one quality day carries Session A, Session B goes after an easy run.
    good = week(
        "Three runs",
        day("tue", "{type: quality, minutes: 40}", *A),
        day("thu", "{type: easy, minutes: 30}", *B),
        day("sun", "{type: long, km: 12}"),
    )
    runner = "runner: {run_days: 3, weekly_km: 25, long_run_km: 12}\n"
    assert "easy-day-strength" not in rules(guide, tmp_path, plan_text(good, runner=runner))


def test_heavy_legs_on_consecutive_days(guide: Guide, tmp_path: Path) -> None:
    bad = week(
        "Back to back",
        day("tue", "{type: quality, minutes: 50}", SQUAT_HEAVY, ROW),
        day("wed", "{type: quality, minutes: 40}", HINGE_HEAVY, *B),
        day("fri", "{type: easy, minutes: 40}"),
        day("sun", "{type: long, km: 14}"),
    )
    text = plan_text(bad)
    found = only(guide, tmp_path, text, "consecutive-heavy-legs")
    assert [f.line for f in found] == [line_of(text, "romanian-deadlift")]
    assert "the day after heavy leg work on Tuesday of week 1" in found[0].message
    spaced = bad.replace("- day: wed", "- day: thu", 1)
    assert "consecutive-heavy-legs" not in rules(guide, tmp_path, plan_text(spaced))


def nordic_week(focus: str, on: str) -> str:
    """Nordic curls after Thursday's easy run, or on Saturday, the day before the long run."""
    thu = (NORDIC, *B) if on == "thu" else B
    sat = (NORDIC,) if on == "sat" else ()
    return week(
        focus,
        day("tue", "{type: quality, minutes: 50}", *A),
        day("thu", "{type: easy, minutes: 45}", *thu),
        day("sat", "{type: easy, minutes: 30}", *sat),
        day("sun", "{type: long, km: 14}"),
    )


def test_new_nordic_curls_the_day_before_a_key_run(guide: Guide, tmp_path: Path) -> None:
    bad = plan_text(nordic_week("Nordics Saturday", "sat"))
    found = only(guide, tmp_path, bad, "novel-eccentric")
    assert [f.line for f in found] == [line_of(bad, "nordic-curl")]
    assert (
        "nordic-curl for the first time on Saturday of week 1, the day before the long run"
        in found[0].message
    )
    # Started on Thursday, three days before the long run: the soreness has time to pass.
    assert "novel-eccentric" not in rules(guide, tmp_path, plan_text(nordic_week("Thursday", "thu")))
    # Done every week, Saturday's Nordics are no longer new.
    both = plan_text(nordic_week("Thursday", "thu"), nordic_week("Saturday", "sat"))
    assert "novel-eccentric" not in rules(guide, tmp_path, both)
    # After two weeks without them, Nordics are new again.
    gap = plan_text(
        nordic_week("Thursday", "thu"), normal_week(), normal_week(), nordic_week("Saturday", "sat")
    )
    found = only(guide, tmp_path, gap, "novel-eccentric")
    assert [f.line for f in found] == [line_of(gap, "nordic-curl", 1)]
    assert "for the first time in two weeks" in found[0].message


# --- races: taper, race week, recovery -----------------------------------------------------------


def race_block(km: float, heavy_week: str, race_runner: str, *after: str) -> str:
    race = week(
        "Race week",
        day("mon", "{type: rest}"),
        day("tue", "{type: quality, minutes: 40}", PRIMER),
        day("wed", "{type: easy, minutes: 30}"),
        day("sat", "{type: easy, minutes: 20}"),
        day("sun", f"{{type: race, km: {km}}}"),
    )
    runner = f"runner: {{run_days: 4, weekly_km: 60, long_run_km: 32, race: '{race_runner}'}}\n"
    return plan_text(normal_week(), heavy_week, race, *after, runner=runner)


def heavy_on(weekday: str) -> str:
    days = [("tue", "{type: quality, minutes: 50}"), ("thu", "{type: quality, minutes: 45}")]
    return week(
        "Last heavy",
        *(day(d, r, SQUAT_HEAVY, *B) if d == weekday else day(d, r) for d, r in days),
        day("wed", "{type: easy, minutes: 40}"),
        day("sun", "{type: long, km: 14}"),
    )


def test_heavy_legs_ten_days_before_a_marathon(guide: Guide, tmp_path: Path) -> None:
    # Thursday of week 2 is 10 days before Sunday of week 3; a marathon wants 14.
    text = race_block(42.2, heavy_on("thu"), "a marathon")
    found = only(guide, tmp_path, text, "taper")
    assert [f.line for f in found] == [line_of(text, "half-squat")]
    assert "10 days before the marathon on Sunday of week 3" in found[0].message
    assert "14 days or more" in found[0].message


def test_heavy_legs_ten_days_before_a_half_or_a_10k(guide: Guide, tmp_path: Path) -> None:
    # Thursday of week 2 is 10 days out: fine for a 10K (7) and a half (10).
    assert "taper" not in rules(guide, tmp_path, race_block(10, heavy_on("thu"), "10K"))
    assert "taper" not in rules(guide, tmp_path, race_block(21.1, heavy_on("thu"), "half marathon"))
    # Tuesday of week 3 (5 days out) is too close for both.
    race = race_block(10, normal_week(), "10K").replace(PRIMER, SQUAT_HEAVY)
    assert "taper" in rules(guide, tmp_path, race)


def test_two_sessions_in_race_week(guide: Guide, tmp_path: Path) -> None:
    race = week(
        "Race week",
        day("mon", "{type: rest}"),
        day("tue", "{type: quality, minutes: 40}", PRIMER),
        day("wed", "{type: easy, minutes: 30}", PRIMER),
        day("sat", "{type: easy, minutes: 20}"),
        day("sun", "{type: race, km: 10}"),
    )
    runner = "runner: {run_days: 4, weekly_km: 36, long_run_km: 14, race: 10K}\n"
    text = plan_text(normal_week(), race, runner=runner)
    found = only(guide, tmp_path, text, "race-week")
    assert len(found) == 1
    assert "2 strength sessions in the week up to the race on Sunday of week 2" in found[0].message
    assert found[0].line == line_of(text, "name: Session", 3)  # the second session of race week


def test_a_big_jumping_primer_in_race_week(guide: Guide, tmp_path: Path) -> None:
    # 120 contacts three days before the race: a primer in name only.
    race = week(
        "Race week",
        day("mon", "{type: rest}"),
        day("tue", "{type: quality, minutes: 40}"),
        day("thu", "{type: easy, minutes: 30}", pogo(20, sets=6)),
        day("sun", "{type: race, km: 10}"),
    )
    runner = "runner: {run_days: 3, weekly_km: 36, long_run_km: 14, race: 10K}\n"
    text = plan_text(normal_week(tests=GATE), race, runner=runner)
    found = only(guide, tmp_path, text, "race-week")
    assert [f.line for f in found] == [line_of(text, "pogo-hops", 0)]
    assert "120 foot contacts on Thursday of week 2" in found[0].message
    small = text.replace(pogo(20, sets=6), pogo(10))
    assert "race-week" not in rules(guide, tmp_path, small)


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
    found = only(guide, tmp_path, text, "race-week")
    assert [f.line for f in found] == [line_of(text, "half-squat")]
    assert "heavy work (half-squat 4 × 4 at RPE 8) on Tuesday of week 2" in found[0].message


def test_a_primer_too_close_to_the_race(guide: Guide, tmp_path: Path) -> None:
    race = week(
        "Race week",
        day("tue", "{type: quality, minutes: 40}"),
        day("wed", "{type: easy, minutes: 30}"),
        day("fri", "{type: easy, minutes: 20}", PRIMER),
        day("sun", "{type: race, km: 5}"),
    )
    found = only(guide, tmp_path, plan_text(normal_week(), race), "race-week")
    assert len(found) == 1
    assert "a strength session 2 days before the race" in found[0].message


def test_heavy_squats_two_days_after_a_half_marathon(guide: Guide, tmp_path: Path) -> None:
    # The old in-season plan: "repeat weeks 1–6" put heavy squats on the Tuesday after the half.
    text = race_block(21.1, normal_week(), "half marathon", normal_week("After", a=(SQUAT_HEAVY, HINGE, ROW)))
    found = only(guide, tmp_path, text, "race-recovery")
    assert [f.line for f in found] == [line_of(text, "half-squat")]
    assert "2 days after the half marathon on Sunday of week 3: wait 5 days" in found[0].message


def test_the_recovery_window_grows_with_the_distance(guide: Guide, tmp_path: Path) -> None:
    after = week(
        "After",
        day("tue", "{type: easy, minutes: 30}"),
        day("thu", "{type: quality, minutes: 45}", SQUAT_HEAVY, *B),
        day("sun", "{type: long, km: 14}"),
    )
    # Thursday is 4 days after the race: past a 10K's 3, inside a half's 5 and a marathon's 10.
    assert "race-recovery" not in rules(guide, tmp_path, race_block(10, normal_week(), "10K", after))
    assert "race-recovery" in rules(guide, tmp_path, race_block(21.1, normal_week(), "half", after))
    # A marathon: 9 days after is still too soon, 11 days is past its 10.
    easy = normal_week("Easy", a=(ROW,), b=(TRUNK,))

    def heavy(on: str) -> str:
        other = "thu" if on == "tue" else "tue"
        return week(
            "Heavy again",
            day(on, "{type: quality, minutes: 45}", SQUAT_HEAVY, *B),
            day(other, "{type: easy, minutes: 30}"),
            day("sun", "{type: long, km: 14}"),
        )

    nine = race_block(42.2, normal_week(), "marathon", easy, heavy("tue"))
    found = only(guide, tmp_path, nine, "race-recovery")
    assert [f.line for f in found] == [line_of(nine, "half-squat")]
    assert "9 days after the marathon on Sunday of week 3: wait 10 days" in found[0].message
    eleven = race_block(42.2, normal_week(), "marathon", easy, heavy("thu"))
    assert "race-recovery" not in rules(guide, tmp_path, eleven)


def test_hops_two_days_after_a_10k(guide: Guide, tmp_path: Path) -> None:
    after = week(
        "After",
        day("tue", "{type: easy, minutes: 30}", pogo(10), ROW),
        day("thu", "{type: quality, minutes: 45}", *B),
        day("sun", "{type: long, km: 14}"),
    )
    text = race_block(10, normal_week(tests=GATE), "10K", after)
    found = only(guide, tmp_path, text, "race-recovery")
    assert [f.line for f in found] == [line_of(text, "pogo-hops")]
    assert "jumping (pogo-hops)" in found[0].message


# --- the declared runner ----------------------------------------------------------------------------


def test_a_plan_must_declare_its_runner(guide: Guide, tmp_path: Path) -> None:
    text = plan_text(normal_week(), runner="")
    found = only(guide, tmp_path, text, "runner")
    assert [f.line for f in found] == [1]


def test_the_runner_matches_the_calendar(guide: Guide, tmp_path: Path) -> None:
    text = plan_text(normal_week(), runner="runner: {run_days: 6, weekly_km: 50, long_run_km: 18}\n")
    found = only(guide, tmp_path, text, "runner")
    assert [f.line for f in found] == [line_of(text, "run_days: 6")]
    assert "runs 6 days a week, but most weeks of the calendar have 4" in found[0].message


def test_weeks_and_long_runs_beyond_the_declared_runner(guide: Guide, tmp_path: Path) -> None:
    big = normal_week("Big").replace("{type: long, km: 14}", "{type: long, km: 24}")
    text = plan_text(normal_week(), big, runner="runner: {run_days: 4, weekly_km: 36, long_run_km: 14}\n")
    found = only(guide, tmp_path, text, "runner-volume")
    assert sorted(f.line for f in found) == [line_of(text, "focus: Big"), line_of(text, "km: 24")]
    assert any(
        "week 2 runs about" in f.message and "than the declared runner's 36 km" in f.message for f in found
    )
    assert any("the long run on Sunday of week 2 is about 24 km" in f.message for f in found)
    # Minutes count at the runner's own pace when it gives both.
    minutes = "runner: {run_days: 4, weekly_km: 36, weekly_minutes: 240, long_run_km: 14}\n"
    assert only(guide, tmp_path, plan_text(normal_week(), runner=minutes), "runner-volume") == []


def test_the_declared_race_against_the_calendar(guide: Guide, tmp_path: Path) -> None:
    race = week(
        "Race",
        day("tue", "{type: quality, minutes: 40}", PRIMER),
        day("wed", "{type: easy, minutes: 30}"),
        day("sat", "{type: easy, minutes: 20}"),
        day("sun", "{type: race, km: 42.2}"),
    )
    declared = "runner: {run_days: 4, weekly_km: 60, long_run_km: 32, race: 10K}\n"
    text = plan_text(normal_week(), race, runner=declared)
    found = only(guide, tmp_path, text, "runner-race")
    assert [f.line for f in found] == [line_of(text, "km: 42.2")]
    assert (
        "the race on Sunday of week 2 is 42.2 km, but the runner is declared to race 10K" in found[0].message
    )
    no_race = plan_text(normal_week(), runner=declared)
    found = only(guide, tmp_path, no_race, "runner-race")
    assert [f.line for f in found] == [line_of(no_race, "runner:")]
    assert "declared to race (10K), but the calendar holds no race day" in found[0].message
    undeclared = plan_text(
        normal_week(), race, runner="runner: {run_days: 4, weekly_km: 60, long_run_km: 32}\n"
    )
    assert "runner-race" in rules(guide, tmp_path, undeclared)
    right = plan_text(normal_week(), race, runner=declared.replace("10K", "a marathon"))
    assert "runner-race" not in rules(guide, tmp_path, right)


# --- plyometrics --------------------------------------------------------------------------------


def test_plyometric_sessions_less_than_48_hours_apart(guide: Guide, tmp_path: Path) -> None:
    hops = week(
        "Hops",
        day("mon", "{type: rest}", tests=GATE),
        day("tue", "{type: quality, minutes: 50}", pogo(), *A),
        day("wed", "{type: easy, minutes: 40}", pogo()),
        day("thu", "{type: quality, minutes: 45}", *B),
        day("sun", "{type: long, km: 14}"),
    )
    text = plan_text(hops)
    found = only(guide, tmp_path, text, "plyometric-spacing")
    assert [f.line for f in found] == [line_of(text, "pogo-hops", 1)]
    assert "Tuesday of week 1 and Wednesday of week 1 are only 24 h apart" in found[0].message
    assert "Engeroff et al. 2023" in str(found[0])


def test_contacts_above_the_limits_of_the_level(guide: Guide, tmp_path: Path) -> None:
    # A beginner: 40 contacts a session at most. A-skips are a beginner's exercise.
    beginner = normal_week(a=(jumps("a-skip", 25), *A), tests=GATE)
    text = plan_text(beginner, level="beginner")
    found = only(guide, tmp_path, text, "contact-limit")
    assert [f.line for f in found] == [line_of(text, "a-skip")]
    assert (
        "50 foot contacts on Tuesday of week 1, above the 40 a session of a beginner program"
        in found[0].message
    )
    assert "contact-limit" not in rules(guide, tmp_path, plan_text(beginner))  # intermediate: 80
    # The weekly limit: three sessions of 60 for an intermediate are 180, above 160.
    three = week(
        "Three hop days",
        day("mon", "{type: easy, minutes: 30}", pogo(30), tests=GATE),
        day("wed", "{type: quality, minutes: 40}", pogo(30), *A),
        day("fri", "{type: quality, minutes: 40}", pogo(30), *B),
        day("sun", "{type: long, km: 14}"),
    )
    found = only(guide, tmp_path, plan_text(three), "contact-limit")
    assert ["180 foot contacts in week 1, above the 160 a week" in f.message for f in found] == [True]


def test_contacts_that_grow_too_fast(guide: Guide, tmp_path: Path) -> None:
    def hop_week(focus: str, contacts: int, tests: str = "") -> str:
        return normal_week(focus, a=(pogo(contacts), *A), tests=tests)

    text = plan_text(hop_week("First", 10, GATE), hop_week("Doubled", 20))
    found = only(guide, tmp_path, text, "contact-growth")
    assert [f.line for f in found] == [line_of(text, "pogo-hops", 1)]
    assert "a session of 40 after at most 20" in found[0].message
    steady = plan_text(hop_week("First", 10, GATE), hop_week("More", 15), hop_week("More", 20))
    assert "contact-growth" not in rules(guide, tmp_path, steady)
    # Back to the level of the weeks before a lighter week is not growth.
    back = plan_text(hop_week("First", 15, GATE), hop_week("Light", 5), hop_week("Back", 15))
    assert "contact-growth" not in rules(guide, tmp_path, back)


def test_bounds_before_the_rung_below(guide: Guide, tmp_path: Path) -> None:
    first = normal_week("Pogo", a=(pogo(), *A), tests=GATE)
    bounds = normal_week("Bounds", a=(jumps("bounds", 8), *A))
    text = plan_text(first, bounds, level="advanced")
    found = only(guide, tmp_path, text, "jump-ladder")
    assert [f.line for f in found] == [line_of(text, "bounds")]
    assert "bounds (rung 4 of the ladder) on Tuesday of week 2 after none of rung 3" in found[0].message


def test_single_leg_hops_a_week_after_the_first_pogos(guide: Guide, tmp_path: Path) -> None:
    first = normal_week("Pogo", a=(pogo(), *A))
    hops = normal_week("Hops", a=(jumps("single-leg-hops", 5, per_side=True), *A))
    found = only(guide, tmp_path, plan_text(first, hops, level="advanced"), "jump-ladder")
    assert ["after under two weeks of rung 2" in f.message for f in found] == [True]
    # A coach's own advanced jump, not on the ladder, climbs by its level (rung 3).
    tuck = normal_week("Tuck", a=(jumps("tuck-jump", 5), *A))
    assert "jump-ladder" in rules(guide, tmp_path, plan_text(tuck, level="advanced"))


def test_the_ladder_climbed_rung_by_rung(guide: Guide, tmp_path: Path) -> None:
    weeks = [
        normal_week("Pogo", a=(pogo(), *A)),
        normal_week("Pogo", a=(pogo(), *A)),
        normal_week("Hops", a=(jumps("single-leg-hops", 5, per_side=True), *A)),
        LIGHT_WEEK,
        normal_week("Bounds", a=(jumps("bounds", 10), *A)),
    ]
    assert "jump-ladder" not in rules(guide, tmp_path, plan_text(*weeks, level="advanced"))


def test_jumps_before_the_gate(guide: Guide, tmp_path: Path) -> None:
    hops = normal_week("Hops", a=(pogo(), *A))
    text = plan_text(hops)
    found = only(guide, tmp_path, text, "plyometric-gate")
    assert [f.line for f in found] == [line_of(text, "pogo-hops")]
    assert "before the gate's calf-raise, hop, step-down tests" in found[0].message
    # Only a calf test is not the gate.
    partial = plan_text(normal_week("Hops", a=(pogo(), *A), tests="calf-raise"))
    assert [
        "hop, step-down tests" in f.message for f in only(guide, tmp_path, partial, "plyometric-gate")
    ] == [True]
    # Tested on Monday, or on an earlier week: through the gate. An advanced runner needs no gate.
    assert "plyometric-gate" not in rules(
        guide, tmp_path, plan_text(normal_week("Hops", a=(pogo(), *A), tests=GATE))
    )
    earlier = plan_text(normal_week(tests=GATE), hops)
    assert "plyometric-gate" not in rules(guide, tmp_path, earlier)
    assert "plyometric-gate" not in rules(guide, tmp_path, plan_text(hops, level="advanced"))


# --- levels and effort ----------------------------------------------------------------------------


def test_exercises_above_the_program_level(guide: Guide, tmp_path: Path) -> None:
    # Nordic curls (intermediate) in week 1 of a beginner's four weeks; bounds (advanced) never.
    weeks = [
        normal_week("Nordic", b=(NORDIC, *B)),
        normal_week(),
        normal_week("Later", b=(NORDIC, *B)),
        LIGHT_WEEK,
    ]
    text = plan_text(*weeks, level="beginner")
    found = only(guide, tmp_path, text, "exercise-level")
    assert [f.line for f in found] == [line_of(text, "nordic-curl")]
    assert "nordic-curl is intermediate, above this beginner program in the first half" in found[0].message
    bounds = plan_text(
        normal_week(tests=GATE), normal_week("Bounds", a=(jumps("bounds", 5), *A)), level="beginner"
    )
    found = only(guide, tmp_path, bounds, "exercise-level")
    assert [f.line for f in found] == [line_of(bounds, "bounds")]
    assert "bounds is advanced" in found[0].message


def test_an_rpe_above_the_ceiling(guide: Guide, tmp_path: Path) -> None:
    grind = "{exercise: half-squat, sets: 3, reps: 3, rest_seconds: 180, rpe: 9}"
    text = plan_text(normal_week(a=(grind, HINGE, ROW)))
    found = only(guide, tmp_path, text, "rpe-ceiling")
    line = line_of(text, "rpe: 9")
    assert [(f.line, f.column) for f in found] == [(line, text.splitlines()[line - 1].index("rpe: 9") + 6)]
    assert "half-squat at RPE 9 on Tuesday of week 1, above the guide's ceiling of RPE 8" in found[0].message
    assert "rpe-ceiling" not in rules(guide, tmp_path, plan_text(normal_week(a=(SQUAT_HEAVY, HINGE, ROW))))


# --- weeks ------------------------------------------------------------------------------------------


def test_five_weeks_without_a_lighter_week(guide: Guide, tmp_path: Path) -> None:
    text = plan_text(*(normal_week(f"Week {n}") for n in range(1, 7)))
    found = only(guide, tmp_path, text, "no-lighter-week")
    assert [f.line for f in found] == [line_of(text, "focus: Week 5")]
    assert "weeks 1–5 go 5 training weeks without a lighter week" in found[0].message


def test_alternating_sets_while_the_rpe_climbs_is_no_deload(guide: Guide, tmp_path: Path) -> None:
    # 4 sets, then 3, then 4...: each "lighter" than the week before, never lighter than the peak,
    # and the RPE climbs from 7 to 8.
    def every(sets: int, rpe: float) -> tuple[tuple[str, ...], tuple[str, ...]]:
        def dose(line: str) -> str:
            return line.replace("sets: 3", f"sets: {sets}").replace("rpe: 7}", f"rpe: {rpe}}}")

        return tuple(dose(x) for x in A), tuple(dose(x) for x in B)

    rpes = [7, 7.5, 7.5, 8, 8]
    weeks = []
    for n, rpe in enumerate(rpes, start=1):
        a, b = every(5 if n % 2 else 4, rpe)
        weeks.append(normal_week(f"Week {n}", a=a, b=b))
    text = plan_text(*weeks)
    assert [f.line for f in only(guide, tmp_path, text, "no-lighter-week")] == [
        line_of(text, "focus: Week 5")
    ]


def test_a_cut_of_a_quarter_is_not_a_lighter_week(guide: Guide, tmp_path: Path) -> None:
    quarter = normal_week(
        "Quarter", a=(SQUAT_LIGHT, HINGE, ROW), b=(CALF, TRUNK.replace("sets: 3", "sets: 1"))
    )
    weeks = [normal_week("W1"), normal_week("W2"), normal_week("W3"), quarter, normal_week("W5")]
    assert "no-lighter-week" in rules(guide, tmp_path, plan_text(*weeks))
    # With the heavier RPE, even a big cut is no deload.
    harder = LIGHT_WEEK.replace("rpe: 6", "rpe: 7.5")
    weeks = [normal_week("W1"), normal_week("W2"), normal_week("W3"), harder, normal_week("W5")]
    assert "no-lighter-week" in rules(guide, tmp_path, plan_text(*weeks))


def test_a_lighter_week_cuts_a_third_of_the_peak(guide: Guide, tmp_path: Path) -> None:
    file = tmp_path / "plan.yaml"
    file.write_text(plan_text(normal_week(), LIGHT_WEEK, normal_week()), encoding="utf-8")
    program = load_plan(file, guide)
    loads = [week_load(program, guide, w) for w in range(3)]
    assert loads[0].sets == 18 and loads[1].sets == 9
    assert is_lighter(loads[1], loads[0])
    assert not is_lighter(loads[2], loads[1])
    assert not is_lighter(loads[0], loads[0])


def test_a_session_far_above_the_sessions_around_it(guide: Guide, tmp_path: Path) -> None:
    big = (SQUAT_LIGHT, HINGE, CALF, SQUAT_LIGHT, HINGE, CALF, HINGE, ROW)
    text = plan_text(normal_week(), normal_week("Spike", a=big), LIGHT_WEEK)
    found = only(guide, tmp_path, text, "session-spike")
    assert [f.line for f in found] == [line_of(text, "name: Session", 2)]
    assert "Tuesday of week 2" in found[0].message


def test_a_family_missing_two_weeks_running(guide: Guide, tmp_path: Path) -> None:
    no_upper = normal_week("No rows", a=(SQUAT_LIGHT, HINGE))
    text = plan_text(normal_week(), no_upper, no_upper.replace("No rows", "Still no rows"))
    found = only(guide, tmp_path, text, "balance")
    assert [f.line for f in found] == [line_of(text, "focus: Still no rows")]
    assert "no upper body (push-up, row) in weeks 2 and 3" in found[0].message
    # No calf work at all, and the squat in week 1 only (as the old Foundation did).
    squat_once = [normal_week("W1", b=(SPLIT, TRUNK)), normal_week("W2", a=(HINGE, ROW), b=(TRUNK,))]
    messages = [f.message for f in only(guide, tmp_path, plan_text(*squat_once), "balance")]
    assert any(m.startswith("no calf and shin") for m in messages)
    assert not any(m.startswith("no knee-dominant") for m in messages)  # week 2 only: one week
    # One week without, then back: fine.
    text = plan_text(normal_week(), no_upper, normal_week())
    assert "balance" not in rules(guide, tmp_path, text)


# --- moved days, the CLI ----------------------------------------------------------------------------


def test_checks_run_on_a_copy_with_days_moved(guide: Guide, tmp_path: Path) -> None:
    """Another runner's week: Thursday's session moved to Saturday, the day before the long run."""
    text = plan_text(normal_week(b=(SQUAT_HEAVY, *B)))
    file = tmp_path / "plan.yaml"
    file.write_text(text, encoding="utf-8")
    program = load_plan(file, guide)
    first = program.weeks[0]
    moved = [
        d.model_copy(update={"day": Weekday.sat}) if d.day is Weekday.thu else d
        for d in first.days
        if d.day is not Weekday.sat
    ]
    copy = program.model_copy(update={"weeks": [first.model_copy(update={"days": moved})]})
    found = [f for f in check_program(copy, guide, file) if f.rule == "heavy-before-key-run"]
    assert [f.line for f in found] == [line_of(text, "half-squat")]  # still points at its line
    assert "Saturday of week 1" in found[0].message
    # And with no file at all, positions fall back to line 1.
    assert all(f.line == 1 for f in check_program(copy, guide, tmp_path / "gone.yaml"))


def test_the_shipped_guide_has_no_findings() -> None:
    assert [str(f) for f in check_guide(CONTENT, real_guide())] == []


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
        plan_text(*(normal_week(f"Week {n}") for n in range(1, 6))), encoding="utf-8"
    )
    status, err = runstrong(capsys, "check", "--content", str(content_with))
    assert status == 0, err
    assert "tired.yaml:" in err and "warning: weeks 1–5" in err
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
        day("mon", "{type: rest}", tests=GATE),
        day("tue", "{type: quality, minutes: 50}", pogo(), *A),
        day("wed", "{type: easy, minutes: 40}", pogo()),
        day("thu", "{type: quality, minutes: 45}", *B),
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


def test_every_rule_is_documented_for_coaches_and_in_the_readme() -> None:
    """The rules live in plans.py; the pages that list them must name every one."""
    root = CONTENT.parent
    coaches = (CONTENT / "pages" / "guide" / "for-coaches.md").read_text(encoding="utf-8")
    readme = (root / "README.md").read_text(encoding="utf-8")
    for rule in WHY:
        assert f"`[{rule}]`" in coaches, rule
        assert f"| `{rule}` |" in readme, rule


def test_a_days_capacity_tests_show_on_the_program_page(guide: Guide, tmp_path: Path) -> None:
    from generator.pages.render import render_pages

    file = tmp_path / "plan.yaml"
    file.write_text(plan_text(normal_week(tests=GATE), normal_week()), encoding="utf-8")
    with_plan = guide.model_copy(update={"programs": {"plan": load_plan(file, guide)}})
    page = next(f for f in render_pages(with_plan) if f.path == "programs/plan.md").content.decode()
    monday = next(line for line in page.splitlines() if line.startswith('<li data-day="mon"'))
    assert "capacity tests (single-leg calf raises, step-down quality, hop test)" in monday
    assert "one contact is one landing, on one foot or both feet together" in page


def test_more_bad_plans_of_each_class(guide: Guide, tmp_path: Path) -> None:
    # Hops on a recovery day while Thursday's intervals go without a session.
    recovery = week(
        "Recovery hops",
        day("mon", "{type: rest}", tests=GATE),
        day("tue", "{type: quality, minutes: 50}", *A),
        day("wed", "{type: recovery, minutes: 30}", pogo(10), *B),
        day("thu", "{type: quality, minutes: 45}"),
        day("sun", "{type: long, km: 14}"),
    )
    text = plan_text(recovery)
    assert [f.line for f in only(guide, tmp_path, text, "easy-day-strength")] == [line_of(text, "pogo-hops")]
    # A big jumping day straight after a heavy squat day is two heavy leg days in a row.
    back_to_back = week(
        "Squats then bounds",
        day("mon", "{type: easy, minutes: 30}", SQUAT_HEAVY, *B),
        day("tue", "{type: easy, minutes: 30}", jumps("bounds", 25, sets=2), ROW),
        day("thu", "{type: quality, minutes: 45}", *A),
        day("sun", "{type: long, km: 14}"),
    )
    text = plan_text(back_to_back, level="advanced")
    assert [f.line for f in only(guide, tmp_path, text, "consecutive-heavy-legs")] == [
        line_of(text, "exercise: bounds")
    ]
    # A second jumping session added at full size: the week's contacts double.
    one = normal_week("One hop day", a=(pogo(15), *A), tests=GATE)
    two = normal_week("Two hop days", a=(pogo(15), *A), b=(pogo(15), *B))
    text = plan_text(one, two)
    found = only(guide, tmp_path, text, "contact-growth")
    assert ["60 in the week after at most 30" in f.message for f in found] == [True]
    # RPE 8.5 is above the ceiling too.
    text = plan_text(normal_week(a=(SQUAT_HEAVY.replace("rpe: 8", "rpe: 8.5"), HINGE, ROW)))
    assert [f.line for f in only(guide, tmp_path, text, "rpe-ceiling")] == [line_of(text, "rpe: 8.5")]
    # A 10K declared, a half marathon raced.
    half = week(
        "Race",
        day("tue", "{type: quality, minutes: 40}", PRIMER),
        day("wed", "{type: easy, minutes: 30}"),
        day("sun", "{type: race, km: 21.1}"),
    )
    runner = "runner: {run_days: 4, weekly_km: 40, long_run_km: 22, race: 10K}\n"
    text = plan_text(normal_week(), half, runner=runner)
    assert [f.line for f in only(guide, tmp_path, text, "runner-race")] == [line_of(text, "km: 21.1")]


def test_the_library_is_scanned_for_families_once_per_guide(
    guide: Guide, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every arrangement of every program runs the balance rule, which asks what families the
    # whole library trains: a scan per check cost a 900-exercise import 12.5 s of CPU.
    from generator import plans

    scans: list[int] = []
    real = plans._scan_families
    monkeypatch.setattr(plans, "_scan_families", lambda g: scans.append(id(g)) or real(g))
    plans._EXAMPLES.clear()
    text = plan_text(normal_week(), normal_week(), LIGHT_WEEK)
    first = findings(guide, tmp_path, text)
    for _ in range(3):
        assert findings(guide, tmp_path, text) == first
    assert scans == [id(guide)]
    # Another library (one exercise fewer) is another answer, scanned afresh.
    smaller = guide.model_copy(update={"exercises": dict(list(guide.exercises.items())[:-1])})
    assert plans._family_examples(smaller) is not plans._family_examples(guide)
    assert len(scans) == 2


def test_serve_says_the_plan_warnings_and_again_when_an_edit_changes_them(content_with: Path) -> None:
    """A coach previewing a program sees its warnings, and sees them go when the plan is fixed."""
    from .test_serve import serving, wait_for, wait_for_line

    program = content_with / "programs" / "tired.yaml"
    program.write_text(plan_text(*(normal_week(f"Week {n}") for n in range(1, 6))), encoding="utf-8")
    log = content_with.parent / "serve.out"
    with serving(content_with, log) as base:
        assert wait_for(base + "programs/", "Programs"), log.read_text("utf-8")
        assert wait_for_line(log, r".*tired\.yaml:\d+.*warning: weeks 1–5.*"), log.read_text("utf-8")
        said = log.read_text("utf-8").count("warning: weeks 1–5")
        assert said == 1, log.read_text("utf-8")  # said once, not once per step of the build
        program.write_text(
            plan_text(normal_week("Week 1"), normal_week("Week 2"), LIGHT_WEEK), encoding="utf-8"
        )
        assert wait_for_line(log, r"\d\d:\d\d:\d\d plan checks: no warnings now"), log.read_text("utf-8")
        assert log.read_text("utf-8").count("warning: weeks 1–5") == 1
