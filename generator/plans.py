"""Plan checks: does a program follow the guide's own programming rules?

A program can be valid YAML, name only real exercises and still be a bad plan: heavy squats
the day before the long run, two sessions in race week, hops on consecutive days. These
checks read the calendar (every day of every week, in order, across week boundaries) and
the doses, and report each finding as a warning at the line that causes it, with the rule
and where it comes from (CONTENT.md's programming table and the studies behind it).
``runstrong check`` runs them on every program of the guide and ``runstrong cards`` on a
coach's plan; ``--strict`` makes any warning an error.

What counts as what, so a coach can predict the checks:
- *heavy*: a reps dose at RPE ≥ 8, or ≤ 6 reps at RPE ≥ 7 (the build phase's 3–6 at RPE 7–8);
- *lower-body*: an exercise whose movement pattern loads the legs (hinge, squat, lunge, calf…);
- *plyometric session*: one that prescribes foot contacts;
- *lighter week*: ≤ 80 % of the previous week's sets or strength minutes, or an average RPE
  at least 1 lower, or no strength at all;
- *session spike*: a session's strength minutes (``totals.session_minutes``) above 1.5 × and
  10 min more than the median of the other sessions of this week and the 3 before it.
"""

from __future__ import annotations

import itertools
import statistics
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import DataPath, display_path
from .model import WEEKDAY_NAMES, Day, Guide, Pattern, Prescription, Program, RunType, Weekday
from .text import number, volume
from .totals import session_minutes
from .yamlsource import Document, YamlProblem, parse, read_source

LOWER_BODY_PATTERNS = frozenset(
    {
        Pattern.hinge,
        Pattern.squat,
        Pattern.lunge,
        Pattern.lateral,
        Pattern.jump,
        Pattern.hop,
        Pattern.calf,
        Pattern.dorsiflexion,
        Pattern.bridge,
        Pattern.knee_flexion,
        Pattern.isometric,
    }
)
# Runs that heavy legs must not come the day before.
KEY_RUNS = {RunType.long: "the long run", RunType.race: "the race", RunType.test: "the time trial"}
RACE_WEEK_DAYS = 7  # the race day and the six days before it
PRIMER_MIN_DAYS = 3  # a race-week primer goes at least this many days before the race
PLYO_MIN_DAYS = 2  # 48 h
LIGHTER_RATIO = 0.8
LIGHTER_RPE_DROP = 1.0
WEEKS_WITHOUT_LIGHTER = 6
SPIKE_RATIO = 1.5
SPIKE_MIN_MINUTES = 10
SPIKE_WEEKS = 4  # this week and the three before it

# Why each rule exists, printed with every finding so a coach can weigh it.
WHY: dict[str, str] = {
    "heavy-before-key-run": (
        "keep heavy leg work at least 2 days before a long run or race: a strength session impairs "
        "a run done soon after it (Doma & Deakin 2015)"
    ),
    "race-week": (
        "race week holds at most one short, light session, at least 3 days before the race; the last "
        "heavy session comes 7–10 days out for a 5–10K, 10–14 for a half or marathon (CONTENT.md taper)"
    ),
    "plyometric-spacing": (
        "leave 48–72 h between plyometric sessions: daily hopping left some runners with shin or foot "
        "pain (Sci Rep 2023)"
    ),
    "no-lighter-week": "make every 3rd–4th week lighter (fewer sets or lower RPE) so the work is absorbed",
    "session-spike": "raise the load gradually: a session far above the recent ones is a spike, not progress",
    "runner": "every program declares the runner it assumes (run days a week, weekly volume, long run)",
}


@dataclass(frozen=True, order=True)
class Finding:
    file: str
    line: int
    column: int
    rule: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: warning: {self.message}; {WHY[self.rule]} [{self.rule}]"


# The position helper each rule gets: (data path, rule, message) → a Finding at that line.
_At = Callable[[DataPath, str, str], Finding]


@dataclass(frozen=True)
class _Slot:
    """One listed day of the calendar: its absolute day number and where it is written."""

    at: int  # days since Monday of week 1
    week: int  # 0-based index into program.weeks
    index: int  # 0-based index into the week's days
    day: Day

    @property
    def path(self) -> DataPath:
        return ("weeks", self.week, "days", self.index)

    def label(self) -> str:
        return f"{WEEKDAY_NAMES[self.day.day]} of week {self.week + 1}"


def is_heavy(p: Prescription) -> bool:
    if p.rpe is None:
        return False
    return p.rpe >= 8 or (p.reps is not None and p.reps <= 6 and p.rpe >= 7)


def check_guide(content: Path, guide: Guide) -> list[Finding]:
    """Findings for every program of a loaded guide (its files give the line numbers)."""
    findings: list[Finding] = []
    for slug, program in guide.programs.items():
        findings += check_program(program, guide, content / "programs" / f"{slug}.yaml")
    return sorted(findings)


def check_program(program: Program, guide: Guide, file: Path) -> list[Finding]:
    doc = _document(file)
    shown = display_path(file)

    def at(path: DataPath, rule: str, message: str) -> Finding:
        pos = doc.position(path) if doc else None
        return Finding(shown, pos.line if pos else 1, pos.column if pos else 1, rule, message)

    slots = list(_calendar(program))
    findings = [
        *_runner(program, at),
        *_heavy_before_key_run(slots, guide, at),
        *_race_week(slots, at),
        *_plyometric_spacing(slots, at),
        *_lighter_weeks(program, guide, at),
        *_spikes(slots, guide, at),
    ]
    return sorted(set(findings))


def _document(file: Path) -> Document | None:
    try:
        return parse(read_source(file))
    except YamlProblem:
        return None  # the loader has already read this file; positions fall back to line 1


def _calendar(program: Program) -> Iterator[_Slot]:
    order = list(Weekday)
    slots = [
        _Slot(w * 7 + order.index(day.day), w, i, day)
        for w, week in enumerate(program.weeks)
        for i, day in enumerate(week.days)
    ]
    yield from sorted(slots, key=lambda s: s.at)


def _runner(program: Program, at: _At) -> Iterator[Finding]:
    runner = program.runner
    if runner is None:
        yield at(("name",), "runner", "the program does not say which runner it is for: add 'runner:'")
        return
    counts = [
        sum(1 for d in week.days if d.run.type not in (RunType.rest, RunType.cross)) for week in program.weeks
    ]
    usual, _ = Counter(counts).most_common(1)[0]
    if usual != runner.run_days:
        yield at(
            ("runner", "run_days"),
            "runner",
            f"the runner runs {runner.run_days} days a week, but most weeks of the calendar have {usual}",
        )


def _heavy_before_key_run(slots: list[_Slot], guide: Guide, at: _At) -> Iterator[Finding]:
    runs = {s.at: s for s in slots}
    for s in slots:
        after = runs.get(s.at + 1)
        if s.day.strength is None or after is None or after.day.run.type not in KEY_RUNS:
            continue
        for e, p in enumerate(s.day.strength.exercises):
            if is_heavy(p) and guide.exercises[p.exercise].pattern in LOWER_BODY_PATTERNS:
                yield at(
                    (*s.path, "strength", "exercises", e, "exercise"),
                    "heavy-before-key-run",
                    f"heavy lower-body work ({p.exercise} {_dose(p)}) on {s.label()}, "
                    f"the day before {KEY_RUNS[after.day.run.type]}",
                )
                break


def _race_week(slots: list[_Slot], at: _At) -> Iterator[Finding]:
    for race in (s for s in slots if s.day.run.type is RunType.race):
        sessions = [s for s in slots if s.day.strength and 0 <= race.at - s.at < RACE_WEEK_DAYS]
        where = f"the race on {race.label()}"
        for s in sessions[1:]:
            days = ", ".join(x.label() for x in sessions)
            yield at(
                (*s.path, "strength", "name"),
                "race-week",
                f"{len(sessions)} strength sessions in the week up to {where} ({days})",
            )
        for s in sessions:
            assert s.day.strength is not None
            if race.at - s.at < PRIMER_MIN_DAYS:
                gap = race.at - s.at
                when = "on race day" if gap == 0 else f"{gap} day{'s' if gap > 1 else ''} before {where}"
                yield at((*s.path, "strength", "name"), "race-week", f"a strength session {when}")
            for e, p in enumerate(s.day.strength.exercises):
                if is_heavy(p):
                    yield at(
                        (*s.path, "strength", "exercises", e, "exercise"),
                        "race-week",
                        f"heavy work ({p.exercise} {_dose(p)}) on {s.label()}, in the week up to {where}",
                    )


def _plyometric_spacing(slots: list[_Slot], at: _At) -> Iterator[Finding]:
    plyo = [s for s in slots if s.day.strength and any(p.contacts for p in s.day.strength.exercises)]
    for before, s in itertools.pairwise(plyo):
        if s.at - before.at < PLYO_MIN_DAYS:
            assert s.day.strength is not None
            e = next(i for i, p in enumerate(s.day.strength.exercises) if p.contacts)
            yield at(
                (*s.path, "strength", "exercises", e, "exercise"),
                "plyometric-spacing",
                f"plyometric sessions on {before.label()} and {s.label()} are only "
                f"{24 * (s.at - before.at)} h apart",
            )


@dataclass(frozen=True)
class _WeekLoad:
    sets: int
    minutes: int
    rpe: float | None  # set-weighted average of the RPE doses

    @property
    def trains(self) -> bool:
        return self.sets > 0


def week_load(program: Program, guide: Guide, week: int) -> _WeekLoad:
    sets = minutes = 0
    rpe_sets = 0
    rpe_sum = 0.0
    for day in program.weeks[week].days:
        if day.strength is None:
            continue
        minutes += session_minutes(day.strength, guide)
        for p in day.strength.exercises:
            sets += p.sets
            if p.rpe is not None:
                rpe_sets += p.sets
                rpe_sum += p.rpe * p.sets
    return _WeekLoad(sets, minutes, rpe_sum / rpe_sets if rpe_sets else None)


def is_lighter(week: _WeekLoad, before: _WeekLoad) -> bool:
    if not before.trains:
        return False
    if not week.trains:
        return True
    easier = week.rpe is not None and before.rpe is not None and week.rpe <= before.rpe - LIGHTER_RPE_DROP
    return (
        week.sets <= LIGHTER_RATIO * before.sets or week.minutes <= LIGHTER_RATIO * before.minutes or easier
    )


def _lighter_weeks(program: Program, guide: Guide, at: _At) -> Iterator[Finding]:
    loads = [week_load(program, guide, w) for w in range(len(program.weeks))]
    streak = 0
    for w, load in enumerate(loads):
        if not load.trains or (w > 0 and is_lighter(load, loads[w - 1])):
            streak = 0
            continue
        streak += 1
        if streak == WEEKS_WITHOUT_LIGHTER:
            first = w + 2 - WEEKS_WITHOUT_LIGHTER
            yield at(
                ("weeks", w, "focus"),
                "no-lighter-week",
                f"weeks {first}–{w + 1} go {WEEKS_WITHOUT_LIGHTER} weeks without a lighter week",
            )


def _spikes(slots: list[_Slot], guide: Guide, at: _At) -> Iterator[Finding]:
    sessions = [(s, session_minutes(s.day.strength, guide)) for s in slots if s.day.strength]
    for s, minutes in sessions:
        # The norm is what the runner has been doing: the other sessions of this week and the
        # three before it. Later weeks do not count, or every session before a taper would look
        # like a spike; a month, not a week, so the first session after a deload does not either.
        around = [m for other, m in sessions if other is not s and 0 <= s.week - other.week < SPIKE_WEEKS]
        if not around:
            continue
        norm = statistics.median(around)
        if minutes > SPIKE_RATIO * norm and minutes - norm >= SPIKE_MIN_MINUTES:
            yield at(
                (*s.path, "strength", "name"),
                "session-spike",
                f"the session on {s.label()} takes about {minutes} min of strength work, far above the "
                f"{number(norm)} min of the sessions of the last {SPIKE_WEEKS} weeks",
            )


def _dose(p: Prescription) -> str:
    effort = f" at RPE {number(p.rpe)}" if p.rpe is not None else ""
    return volume(p) + effort
