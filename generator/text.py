"""How doses, runs and rests read in words — shared by pages and printed cards."""

from __future__ import annotations

from collections.abc import Iterable

from .model import CapacityTest, Dose, Run, Runner, RunType, tempo_seconds

RUN_LABELS: dict[RunType, str] = {
    RunType.rest: "Rest",
    RunType.easy: "Easy run",
    RunType.recovery: "Recovery run",
    RunType.quality: "Quality run",
    RunType.long: "Long run",
    RunType.race: "Race",
    RunType.test: "Time trial",
    RunType.cross: "Cross-training",
}


def duration(seconds: int) -> str:
    """60 → '60 s', 120 → '2 min', 150 → '2 min 30 s' (how a coach says a rest)."""
    if seconds < 120:
        return f"{seconds} s"
    minutes, rest = divmod(seconds, 60)
    return f"{minutes} min" + (f" {rest} s" if rest else "")


def number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def volume(dose: Dose) -> str:
    """'3 × 10', '3 × 8 per side', '2 × 30 s', '3 × 20 contacts'."""
    if dose.reps is not None:
        each = f"{dose.reps}"
    elif dose.seconds is not None:
        each = f"{dose.seconds} s"
    else:
        each = f"{dose.contacts} contacts"
    return f"{dose.sets} × {each}" + (" per side" if dose.per_side else "")


# Jumps have no RPE: a set ends when the landings do, which is what the card tells the athlete.
CONTACTS_EFFORT = "Quality, not effort: stop when landings get loud or slow"
CONTACTS_EFFORT_SHORT = "stop if landings get loud"


def effort(dose: Dose) -> str:
    """RPE with its plain-language twin: reps left in the tank (RPE 10 = none left)."""
    if dose.rpe is None:
        return CONTACTS_EFFORT
    in_reserve = 10 - dose.rpe
    if dose.rpe < 5:
        return f"RPE {number(dose.rpe)}"
    return f"RPE {number(dose.rpe)} (about {number(in_reserve)} reps in reserve)"


def effort_short(dose: Dose) -> str:
    """'RPE 7', or for jumps the landing rule: for table cells and cards."""
    return CONTACTS_EFFORT_SHORT if dose.rpe is None else f"RPE {number(dose.rpe)}"


def dose_line(dose: Dose) -> str:
    """The one-line prescription printed on pages and cards: '3 × 10 · rest 60 s · RPE 7'."""
    return f"{volume(dose)} · rest {duration(dose.rest_seconds)} · {effort_short(dose)}"


def tempo_line(tempo: str) -> str:
    """'3-1-1' → '3 s down, 1 s pause, 1 s up'."""
    lower, pause, lift = tempo_seconds(tempo)
    pause_text = f"{pause} s pause" if pause else "no pause"
    return f"{lower} s down, {pause_text}, {lift} s up"


def run_line(run: Run) -> str:
    parts = [RUN_LABELS[run.type]]
    if run.minutes:
        parts.append(f"{run.minutes} min")
    if run.km:
        parts.append(f"{number(run.km)} km")
    return " · ".join(parts)


TEST_NAMES: dict[CapacityTest, str] = {
    CapacityTest.calf_raise: "single-leg calf raises",
    CapacityTest.side_plank: "side-plank hold",
    CapacityTest.single_leg_bridge: "single-leg bridges",
    CapacityTest.step_down: "step-down quality",
    CapacityTest.hop: "hop test",
}


def test_names(tests: Iterable[CapacityTest]) -> str:
    """'single-leg calf raises, step-down quality, hop test': a day's capacity tests."""
    return ", ".join(TEST_NAMES[t] for t in tests)


def runner_line(runner: Runner) -> str:
    """'runs 4 days a week, about 30 km, with a long run of 12 km; racing a 10K'."""
    volume = f"{number(runner.weekly_km)} km" if runner.weekly_km else f"{runner.weekly_minutes} min"
    long_run = f"{number(runner.long_run_km)} km" if runner.long_run_km else f"{runner.long_run_minutes} min"
    line = f"runs {runner.run_days} days a week, about {volume} in all, with a long run of {long_run}"
    return line + (f"; racing: {runner.race}" if runner.race else "")
