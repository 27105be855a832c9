"""Plan checks: does a program follow the guide's own programming rules?

A program can be valid YAML, name only real exercises and still be a bad plan: heavy squats
the day before the intervals, 160 contacts of bounds before the long run, heavy legs eight days
before a marathon. These checks read the calendar (every day of every week, in order, across
week boundaries), the doses and the runner the program declares, and report each finding as a
warning at the line that causes it, with the rule, why it exists and where it comes from.
``runstrong check`` runs them on every program of the guide and ``runstrong cards`` on a
coach's plan; ``--strict`` makes any warning an error.

What counts as what (heavy, key run, a race's distance, a rung of the jump ladder, a movement
family) lives in ``plan_terms.py``; this module holds the rules. Each rule is a generator of
findings over the calendar, so every problem of a plan is reported in one run.

The checks also run on re-arranged copies of a program (days moved to a runner's own week):
a finding's position is looked up in the file by week, session name and weekday, best effort,
and falls back to the nearest written parent, never failing.
"""

from __future__ import annotations

import functools
import itertools
import statistics
import weakref
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import plan_terms as t
from .errors import DataPath, display_path
from .model import WEEKDAY_NAMES, CapacityTest, Day, Exercise, Guide, Prescription, Program, RunType, Weekday
from .plan_terms import is_heavy
from .text import number, volume
from .totals import contacts, session_minutes
from .yamlsource import Document, YamlProblem, parse, read_source

__all__ = ["WHY", "Finding", "check_guide", "check_program", "is_heavy", "is_lighter", "week_load"]

# Why each rule exists and its source, printed with every finding so a coach can weigh it.
WHY: dict[str, str] = {
    "runner": "every program declares the runner it assumes (run days a week, weekly volume, long run)",
    "runner-volume": (
        "the calendar is the declared runner's running: a week or long run well above what they run "
        "adds load the program never accounted for (CONTENT.md: every program declares its runner)"
    ),
    "runner-race": "the race the runner is declared to target must be the race the calendar holds",
    "heavy-before-key-run": (
        "keep heavy leg work (heavy lifts, or a big or advanced jumping session) off the day before a "
        "long run, race, time trial or quality session: a strength session impairs a run done soon "
        "after it (Doma & Deakin 2015)"
    ),
    "easy-day-strength": (
        "leg work goes on hard-run days, after the run, so easy days stay easy; this week has a hard "
        "run day with no session (CONTENT.md programming practice)"
    ),
    "consecutive-heavy-legs": (
        "heavy leg days need 48 h between them to recover, and running fills the day between "
        "(CONTENT.md: 48–72 h between heavy or plyometric sessions)"
    ),
    "novel-eccentric": (
        "new eccentric work (Nordic curls, slow 4 s lowering) brings days of soreness the first time; "
        "start it well away from a key run (Doma & Deakin 2015 on strength before running)"
    ),
    "taper": (
        "the last heavy leg session comes 7 days or more before a 5–10K, 10 or more before a half "
        "marathon and 14 or more before a marathon (CONTENT.md taper; the glossary)"
    ),
    "race-week": (
        "race week holds at most one short, light primer (a few sets, under 30 contacts), 3 days or "
        "more before the race (CONTENT.md race week)"
    ),
    "race-recovery": (
        "muscle damage takes days to clear after a race, about a week after a marathon (Warhol et al. "
        "1985): no heavy legs or jumps for 3 days after a 5–10K, 5 after a half, 10 after a marathon"
    ),
    "plyometric-spacing": (
        "leave 48–72 h between plyometric sessions: daily hopping left some runners with shin or foot "
        "pain (Engeroff et al. 2023)"
    ),
    "contact-limit": (
        "jumping is dosed in foot contacts, low and by level: beginners 40 a session and 80 a week, "
        "intermediates 80 and 160, advanced runners 100 and 200 (CONTENT.md plyometric doses)"
    ),
    "contact-growth": (
        "add about 10 contacts a session a week at most: daily hopping left some runners with shin "
        "or foot pain (Engeroff et al. 2023; CONTENT.md progression)"
    ),
    "jump-ladder": (
        "climb the jump ladder one rung at a time, two weeks or more on each: skips and two-leg "
        "pogos, then single-leg hops, then bounds (capacity-tests page, the plyometric gate)"
    ),
    "plyometric-gate": (
        "a beginner or intermediate runner passes the plyometric gate first: 20 single-leg calf "
        "raises each side, a controlled step-down, quiet landings (capacity-tests page)"
    ),
    "exercise-level": (
        "an exercise one level above the program's comes only in its second half, as the "
        "progression; two levels above, never (each exercise page gives its level)"
    ),
    "rpe-ceiling": (
        "the guide's sets stop at RPE 8, two reps in reserve: heavier buys little for a runner and "
        "costs form and recovery (glossary: RPE; CONTENT.md programming table)"
    ),
    "no-lighter-week": (
        "make every 3rd–5th week lighter, cutting a third or more of the block's peak with the RPE "
        "not rising, so the work is absorbed (glossary: deload; CONTENT.md)"
    ),
    "session-spike": "raise the load gradually: a session far above the recent ones is a spike, not progress",
    "balance": (
        "every week touches every movement family: calf and shin, hinge, knee-dominant, single-leg, "
        "trunk and upper body (strength-for-runners page; CONTENT.md library)"
    ),
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


@dataclass(frozen=True)
class _Slot:
    """One listed day of the calendar: its absolute day number and where it is written."""

    at: int  # days since Monday of week 1
    week: int  # 0-based index into program.weeks
    index: int  # 0-based index of the day in the *file* (the same as the program's, unless moved)
    day: Day

    @property
    def path(self) -> DataPath:
        return ("weeks", self.week, "days", self.index)

    def exercise(self, e: int, key: str = "exercise") -> DataPath:
        return (*self.path, "strength", "exercises", e, key)

    @property
    def session(self) -> DataPath:
        return (*self.path, "strength", "name")

    def label(self) -> str:
        return f"{WEEKDAY_NAMES[self.day.day]} of week {self.week + 1}"


@dataclass(frozen=True)
class _Context:
    program: Program
    guide: Guide
    slots: list[_Slot]
    at: Callable[[DataPath, str, str], Finding]

    def exercise(self, p: Prescription) -> Exercise:
        return self.guide.exercises[p.exercise]

    @property
    def sessions(self) -> list[_Slot]:
        return [s for s in self.slots if s.day.strength is not None]

    def by_day(self) -> dict[int, _Slot]:
        return {s.at: s for s in self.slots}


def check_guide(content: Path, guide: Guide) -> list[Finding]:
    """Findings for every program of a loaded guide (its files give the line numbers)."""
    findings: list[Finding] = []
    for slug, program in guide.programs.items():
        findings += check_program(program, guide, content / "programs" / f"{slug}.yaml")
    return sorted(findings)


def check_inputs(program: Program, guide: Guide, file: Path) -> bytes:
    """Everything ``check_program`` reads, as bytes: what a kept copy of its findings must be keyed
    by. Kept here, beside the rules, so a rule that starts reading something new says so here.

    - the program and each of its exercises;
    - the families the whole library can fill, with the example each finding names (the balance
      rule asks for a missing family only when some exercise of the library trains it, so an
      exercise added elsewhere changes this program's findings);
    - the file's bytes, as read (every finding names a line of it).
    """
    parts = [program.model_dump_json()]
    parts += [program_exercise.model_dump_json() for program_exercise in _exercises_of(program, guide)]
    parts += [
        f"{family.value}={slug}"
        for family, slug in sorted(_family_examples(guide).items(), key=lambda kv: kv[0].value)
    ]
    try:
        raw = read_source(file)
    except (YamlProblem, OSError):
        raw = b""  # no file: every finding falls back to line 1
    return "\0".join(parts).encode() + b"\0" + raw


def _exercises_of(program: Program, guide: Guide) -> list[Exercise]:
    return [guide.exercises[slug] for slug in program.exercise_slugs() if slug in guide.exercises]


def check_program(
    program: Program, guide: Guide, file: Path, *, weekly: Iterable[Finding] | None = None
) -> list[Finding]:
    """Every finding of the rules for ``program`` (written in ``file``, whose lines they name).

    ``weekly``: what ``weekly_findings`` found for this program with its days in any other
    arrangement (``arrange.py`` checks each arrangement of a program), taken as they are."""
    c = _context(program, guide, file)
    found = set(weekly) if weekly is not None else {f for rule in _WEEKLY_RULES for f in rule(c)}
    found.update(f for rule in _DAILY_RULES for f in rule(c))
    return sorted(found)


def weekly_findings(program: Program, guide: Guide, file: Path) -> list[Finding]:
    """The findings of the rules that read whole weeks only (``_WEEKLY_RULES``): the same for
    every arrangement of the program's days, so an arrangement's check takes them as found."""
    c = _context(program, guide, file)
    return sorted({f for rule in _WEEKLY_RULES for f in rule(c)})


def _context(program: Program, guide: Guide, file: Path) -> _Context:
    doc = _document(file)
    shown = display_path(file)

    def at(path: DataPath, rule: str, message: str) -> Finding:
        pos = doc.position(path) if doc else None
        return Finding(shown, pos.line if pos else 1, pos.column if pos else 1, rule, message)

    return _Context(program, guide, list(_calendar(program, doc)), at)


def _document(file: Path) -> Document | None:
    try:
        return _parsed(read_source(file))
    except (YamlProblem, OSError):
        return None  # the loader has already read this file; positions fall back to line 1


@functools.lru_cache(maxsize=32)
def _parsed(raw: bytes) -> Document:
    """Positions of a file's bytes, kept: the checks run again on re-arranged copies of the same
    program (one per arrangement a page offers), and parsing is most of their cost."""
    return parse(raw)


def _written_days(doc: Document | None, week: int) -> list[dict[str, object]]:
    data = doc.data if doc else None
    weeks = data.get("weeks") if isinstance(data, dict) else None
    if not isinstance(weeks, list) or week >= len(weeks) or not isinstance(weeks[week], dict):
        return []
    days = weeks[week].get("days")
    return [d if isinstance(d, dict) else {} for d in days] if isinstance(days, list) else []


def _file_index(doc: Document | None, week: int, index: int, day: Day) -> int:
    """Where this day is written: the same session name in the same week first (a session moved
    to another weekday), then the same weekday, then its own index."""
    written = _written_days(doc, week)
    if day.strength is not None:
        names = [i for i, d in enumerate(written) if _session_name(d) == day.strength.name]
        if index in names:
            return index
        same_day = [i for i in names if written[i].get("day") == day.day.value]
        if same_day or names:
            return (same_day or names)[0]
    weekdays = [i for i, d in enumerate(written) if d.get("day") == day.day.value]
    if index in weekdays or not weekdays:
        return index
    return weekdays[0]


def _session_name(day: dict[str, object]) -> object:
    strength = day.get("strength")
    return strength.get("name") if isinstance(strength, dict) else None


def _calendar(program: Program, doc: Document | None) -> Iterator[_Slot]:
    order = list(Weekday)
    slots = [
        _Slot(w * 7 + order.index(day.day), w, _file_index(doc, w, i, day), day)
        for w, week in enumerate(program.weeks)
        for i, day in enumerate(week.days)
    ]
    yield from sorted(slots, key=lambda s: s.at)


def _dose(p: Prescription) -> str:
    effort = f" at RPE {number(p.rpe)}" if p.rpe is not None else ""
    return volume(p) + effort


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


# --- what a session is --------------------------------------------------------------------------


def _leg_load(c: _Context, s: _Slot) -> t.LegLoad | None:
    """Heavy leg work in the session: a heavy lower-body lift, or jumping that is big (more than
    a warm-up's 40 contacts) or advanced (single-leg hops, bounds)."""
    if s.day.strength is None:
        return None
    ex = s.day.strength.exercises
    for e, p in enumerate(ex):
        if is_heavy(p) and t.is_lower_body(c.exercise(p)):
            return t.LegLoad(e, f"heavy lower-body work ({p.exercise} {_dose(p)})")
    plyo = [(e, p) for e, p in enumerate(ex) if t.is_plyometric(p)]
    total = sum(contacts(p) for _, p in plyo)
    if plyo and total > t.PLYO_HEAVY_CONTACTS:
        return t.LegLoad(
            plyo[0][0], f"{total} foot contacts of jumping ({', '.join(p.exercise for _, p in plyo)})"
        )
    for e, p in plyo:
        if t.rung(p.exercise, c.exercise(p)) > t.LADDER_ENTRY:
            return t.LegLoad(e, f"advanced jumping ({p.exercise} {_dose(p)})")
    return None


def _leg_work(c: _Context, s: _Slot) -> int | None:
    """The first prescription that trains the legs for real (RPE ≥ 7, or any jumping)."""
    if s.day.strength is None:
        return None
    for e, p in enumerate(s.day.strength.exercises):
        if t.is_plyometric(p) or (t.is_lower_body(c.exercise(p)) and p.rpe is not None and p.rpe >= 7):
            return e
    return None


# --- the runner ---------------------------------------------------------------------------------


def _runner(c: _Context) -> Iterator[Finding]:
    runner = c.program.runner
    if runner is None:
        yield c.at(("name",), "runner", "the program does not say which runner it is for: add 'runner:'")
        return
    counts = [sum(1 for d in week.days if d.run.type in t.RUNNING) for week in c.program.weeks]
    usual, _ = Counter(counts).most_common(1)[0]
    if usual != runner.run_days:
        yield c.at(
            ("runner", "run_days"),
            "runner",
            f"the runner runs {runner.run_days} days a week, but most weeks of the calendar have {usual}",
        )


def _pace(c: _Context) -> float:
    r = c.program.runner
    if r and r.weekly_km and r.weekly_minutes:
        return r.weekly_minutes / r.weekly_km
    return t.DEFAULT_MIN_PER_KM


def _run_amount(c: _Context, day: Day, in_km: bool) -> float:
    run = day.run
    if run.type not in t.RUNNING:
        return 0.0
    if in_km:
        return run.km if run.km is not None else (run.minutes or 0) / _pace(c)
    return run.minutes if run.minutes is not None else (run.km or 0) * _pace(c)


def _runner_volume(c: _Context) -> Iterator[Finding]:
    r = c.program.runner
    if r is None:
        return
    in_km = r.weekly_km is not None
    limit = r.weekly_km if in_km else r.weekly_minutes
    unit = "km" if in_km else "min"
    assert limit is not None
    for w, week in enumerate(c.program.weeks):
        total = sum(_run_amount(c, d, in_km) for d in week.days)
        if total > limit * t.OVER_DECLARED:
            yield c.at(
                ("weeks", w, "focus"),
                "runner-volume",
                f"week {w + 1} runs about {number(round(total))} {unit}, more than the declared runner's "
                f"{number(limit)} {unit} a week",
            )
    long_km = r.long_run_km is not None
    long_limit = r.long_run_km if long_km else r.long_run_minutes
    assert long_limit is not None
    long_unit = "km" if long_km else "min"
    for s in c.slots:
        if s.day.run.type is not RunType.long:
            continue
        amount = _run_amount(c, s.day, long_km)
        if amount > long_limit * t.OVER_DECLARED:
            yield c.at(
                (*s.path, "run"),
                "runner-volume",
                f"the long run on {s.label()} is about {number(round(amount))} {long_unit}, longer than the "
                f"declared runner's {number(long_limit)} {long_unit}",
            )


def _race_km(c: _Context, s: _Slot) -> float:
    run = s.day.run
    if run.km is not None:
        return run.km
    declared = t.declared_km(c.program.runner.race if c.program.runner else None)
    if declared is not None:
        return declared
    return (run.minutes or 0) / t.RACE_MIN_PER_KM or 10.0


def _races(c: _Context) -> list[_Slot]:
    return [s for s in c.slots if s.day.run.type is RunType.race]


def _runner_race(c: _Context) -> Iterator[Finding]:
    r = c.program.runner
    if r is None:
        return
    races = _races(c)
    declared = t.declared_km(r.race)
    if r.race and not races:
        yield c.at(
            ("runner", "race"),
            "runner-race",
            f"the runner is declared to race ({r.race}), but the calendar holds no race day",
        )
    if races and not r.race:
        yield c.at(
            (*races[0].path, "run"),
            "runner-race",
            f"the calendar races on {races[0].label()}, but the runner declares no race: "
            "add 'race:' to 'runner:'",
        )
    if declared is None:
        return
    for s in races:
        km = s.day.run.km
        if km is not None and t.distance_of(km) is not t.distance_of(declared) and not _mentions(r.race, km):
            yield c.at(
                (*s.path, "run", "km"),
                "runner-race",
                f"the race on {s.label()} is {number(km)} km, but the runner is declared to race {r.race}",
            )


def _mentions(race: str | None, km: float) -> bool:
    """A declared race may list several ('a 10K in week 3, a half in week 6')."""
    low = (race or "").lower()
    named = {t.distance_of(float(m.group(1).replace(",", "."))) for m in t._KM.finditer(low)}
    if "half" in low:
        named.add(t.Distance.half)
    if "marathon" in low.replace("half marathon", ""):
        named.add(t.Distance.marathon)
    return t.distance_of(km) in named


# --- sessions around runs -----------------------------------------------------------------------


def _heavy_before_key_run(c: _Context) -> Iterator[Finding]:
    runs = c.by_day()
    for s in c.sessions:
        after = runs.get(s.at + 1)
        if after is None or after.day.run.type not in t.KEY_RUNS:
            continue
        load = _leg_load(c, s)
        if load is not None:
            yield c.at(
                s.exercise(load.index),
                "heavy-before-key-run",
                f"{load.what} on {s.label()}, the day before {t.KEY_RUNS[after.day.run.type]}",
            )


def _easy_day_strength(c: _Context) -> Iterator[Finding]:
    for w in range(len(c.program.weeks)):
        week = [s for s in c.slots if s.week == w]
        free_hard = [s for s in week if s.day.run.type in t.HARD_RUNS - {RunType.race, RunType.long}]
        free_hard = [s for s in free_hard if s.day.strength is None]
        if not free_hard:
            continue
        for s in week:
            if s.day.run.type not in t.EASY_RUNS:
                continue
            e = _leg_work(c, s)
            if e is None:
                continue
            yield c.at(
                s.exercise(e),
                "easy-day-strength",
                f"leg work on {s.label()}, an easy-run day, while {free_hard[0].label()} "
                f"({t.KEY_RUNS[free_hard[0].day.run.type]}) has no session",
            )


def _consecutive_heavy_legs(c: _Context) -> Iterator[Finding]:
    heavy = [(s, load) for s in c.sessions if (load := _leg_load(c, s)) is not None]
    for (before, _), (s, load) in itertools.pairwise(heavy):
        if s.at - before.at == 1:
            yield c.at(
                s.exercise(load.index),
                "consecutive-heavy-legs",
                f"{load.what} on {s.label()}, the day after heavy leg work on {before.label()}",
            )


def _novel_eccentric(c: _Context) -> Iterator[Finding]:
    runs = c.by_day()
    last_done: dict[str, int] = {}
    for s in c.sessions:
        assert s.day.strength is not None
        after = runs.get(s.at + 1)
        for e, p in enumerate(s.day.strength.exercises):
            before = last_done.get(p.exercise)
            novel = before is None or s.at - before >= t.NOVEL_DAYS
            key = after is not None and after.day.run.type in t.KEY_RUNS
            if novel and key and t.is_eccentric(p, c.exercise(p)):
                assert after is not None
                first = "for the first time" if before is None else "for the first time in two weeks"
                yield c.at(
                    s.exercise(e),
                    "novel-eccentric",
                    f"{p.exercise} {first} on {s.label()}, the day before {t.KEY_RUNS[after.day.run.type]}",
                )
        for p in s.day.strength.exercises:
            last_done[p.exercise] = s.at


# --- races --------------------------------------------------------------------------------------


def _taper(c: _Context) -> Iterator[Finding]:
    for race in _races(c):
        distance = t.distance_of(_race_km(c, race))
        days = t.RACE_RULES[distance].last_heavy_days
        for s in c.sessions:
            gap = race.at - s.at
            if 0 <= gap < days and (load := _leg_load(c, s)) is not None:
                yield c.at(
                    s.exercise(load.index),
                    "taper",
                    f"{load.what} on {s.label()}, {_plural(gap, 'day')} before the {distance.value} on "
                    f"{race.label()}: the last heavy session comes {days} days or more before it",
                )


def _race_week(c: _Context) -> Iterator[Finding]:
    for race in _races(c):
        sessions = [s for s in c.sessions if 0 <= race.at - s.at < t.RACE_WEEK_DAYS]
        where = f"the race on {race.label()}"
        for s in sessions[1:]:
            days = ", ".join(x.label() for x in sessions)
            yield c.at(
                s.session,
                "race-week",
                f"{len(sessions)} strength sessions in the week up to {where} ({days})",
            )
        for s in sessions:
            assert s.day.strength is not None
            gap = race.at - s.at
            if gap < t.PRIMER_MIN_DAYS:
                when = "on race day" if gap == 0 else f"{_plural(gap, 'day')} before {where}"
                yield c.at(s.session, "race-week", f"a strength session {when}")
            total = sum(contacts(p) for p in s.day.strength.exercises)
            if total > t.PRIMER_MAX_CONTACTS:
                e = next(i for i, p in enumerate(s.day.strength.exercises) if t.is_plyometric(p))
                yield c.at(
                    s.exercise(e),
                    "race-week",
                    f"{total} foot contacts on {s.label()}, in the week up to {where}: a primer stays "
                    f"at {t.PRIMER_MAX_CONTACTS} or fewer",
                )
            for e, p in enumerate(s.day.strength.exercises):
                if is_heavy(p):
                    yield c.at(
                        s.exercise(e),
                        "race-week",
                        f"heavy work ({p.exercise} {_dose(p)}) on {s.label()}, in the week up to {where}",
                    )


def _race_recovery(c: _Context) -> Iterator[Finding]:
    for race in _races(c):
        distance = t.distance_of(_race_km(c, race))
        days = t.RACE_RULES[distance].recovery_days
        for s in c.sessions:
            gap = s.at - race.at
            if not 0 <= gap < days:
                continue
            load = _leg_load(c, s)
            assert s.day.strength is not None
            plyo = next((e for e, p in enumerate(s.day.strength.exercises) if t.is_plyometric(p)), None)
            index = load.index if load else plyo
            if index is None:
                continue
            what = load.what if load else f"jumping ({s.day.strength.exercises[index].exercise})"
            when = "on the day of" if gap == 0 else f"{_plural(gap, 'day')} after"
            yield c.at(
                s.exercise(index),
                "race-recovery",
                f"{what} on {s.label()}, {when} the {distance.value} on {race.label()}: wait {days} days",
            )


# --- plyometrics --------------------------------------------------------------------------------


def _plyo_sessions(c: _Context) -> list[_Slot]:
    return [
        s for s in c.sessions if s.day.strength and any(t.is_plyometric(p) for p in s.day.strength.exercises)
    ]


def _first_plyo(s: _Slot) -> int:
    assert s.day.strength is not None
    return next(i for i, p in enumerate(s.day.strength.exercises) if t.is_plyometric(p))


def _plyometric_spacing(c: _Context) -> Iterator[Finding]:
    for before, s in itertools.pairwise(_plyo_sessions(c)):
        if s.at - before.at < t.PLYO_MIN_DAYS:
            yield c.at(
                s.exercise(_first_plyo(s)),
                "plyometric-spacing",
                f"plyometric sessions on {before.label()} and {s.label()} are only "
                f"{24 * (s.at - before.at)} h apart",
            )


def _contact_limits(c: _Context) -> Iterator[Finding]:
    per_session, per_week = t.CONTACT_LIMITS[c.program.level]
    level = c.program.level.value
    weekly: dict[int, list[_Slot]] = {}
    for s in _plyo_sessions(c):
        assert s.day.strength is not None
        weekly.setdefault(s.week, []).append(s)
        total = t.session_contacts(s.day.strength)
        if total > per_session:
            yield c.at(
                s.exercise(_first_plyo(s)),
                "contact-limit",
                f"{total} foot contacts on {s.label()}, "
                f"above the {per_session} a session of a {level} program",
            )
    for w, sessions in weekly.items():
        total = sum(t.session_contacts(s.day.strength) for s in sessions if s.day.strength)
        if total > per_week:
            last = sessions[-1]
            yield c.at(
                last.exercise(_first_plyo(last)),
                "contact-limit",
                f"{total} foot contacts in week {w + 1}, above the {per_week} a week of a {level} program",
            )


def _contact_growth(c: _Context) -> Iterator[Finding]:
    weeks: dict[int, list[_Slot]] = {}
    for s in _plyo_sessions(c):
        weeks.setdefault(s.week, []).append(s)
    seen: list[tuple[int, int, int]] = []  # (week, biggest session, week total)
    for w in sorted(weeks):
        sessions = weeks[w]
        sizes = [t.session_contacts(s.day.strength) for s in sessions if s.day.strength]
        biggest, total = max(sizes), sum(sizes)
        recent = [x for x in seen if w - x[0] <= t.GROWTH_WEEKS]
        if recent:
            top = max(x[1] for x in recent)
            top_total = max(x[2] for x in recent)
            allowed_total = top_total + t.CONTACT_GROWTH * len(sessions)
            if biggest > top + t.CONTACT_GROWTH or total > allowed_total:
                s = sessions[sizes.index(biggest)]
                why = (
                    f"a session of {biggest} after at most {top}"
                    if biggest > top + t.CONTACT_GROWTH
                    else f"{total} in the week after at most {top_total}"
                )
                yield c.at(
                    s.exercise(_first_plyo(s)),
                    "contact-growth",
                    f"foot contacts jump in week {w + 1}: {why} in the weeks before",
                )
        seen.append((w, biggest, total))


def _jump_ladder(c: _Context) -> Iterator[Finding]:
    first_week: dict[int, int] = {}  # rung → the week it was first done
    for s in _plyo_sessions(c):
        assert s.day.strength is not None
        for e, p in enumerate(s.day.strength.exercises):
            if not t.is_plyometric(p):
                continue
            r = t.rung(p.exercise, c.exercise(p))
            if r > t.LADDER_ENTRY and r not in first_week:
                below = [wk for rr, wk in first_week.items() if r - 1 <= rr < r]
                if not below or s.week - min(below) < t.LADDER_WEEKS:
                    had = "none of" if not below else "under two weeks of"
                    yield c.at(
                        s.exercise(e),
                        "jump-ladder",
                        f"{p.exercise} (rung {r} of the ladder) on {s.label()} after {had} rung {r - 1}",
                    )
            first_week.setdefault(r, s.week)


GATE = frozenset({CapacityTest.calf_raise, CapacityTest.step_down, CapacityTest.hop})


def _plyometric_gate(c: _Context) -> Iterator[Finding]:
    if c.program.level not in t.GATE_LEVELS:
        return
    plyo = _plyo_sessions(c)
    if not plyo:
        return
    first = plyo[0]
    done = {test for s in c.slots if s.at <= first.at for test in s.day.tests}
    missing = sorted(GATE - done)
    if missing:
        yield c.at(
            first.exercise(_first_plyo(first)),
            "plyometric-gate",
            f"the first plyometric session ({first.label()}) comes before the gate's "
            f"{', '.join(m.value for m in missing)} test{'s' if len(missing) > 1 else ''}: "
            "schedule them with 'tests:' on or before that day",
        )


def _exercise_level(c: _Context) -> Iterator[Finding]:
    order = t.LEVEL_ORDER
    level = order.index(c.program.level)
    half = len(c.program.weeks) / 2
    for s in c.sessions:
        assert s.day.strength is not None
        for e, p in enumerate(s.day.strength.exercises):
            ex_level = c.exercise(p).level
            above = order.index(ex_level) - level
            if above >= 2 or (above == 1 and s.week < half):
                when = "" if above >= 2 else " in the first half of the program"
                yield c.at(
                    s.exercise(e),
                    "exercise-level",
                    f"{p.exercise} is {ex_level.value}, above this {c.program.level.value} program{when} "
                    f"({s.label()})",
                )


def _rpe_ceiling(c: _Context) -> Iterator[Finding]:
    for s in c.sessions:
        assert s.day.strength is not None
        for e, p in enumerate(s.day.strength.exercises):
            if p.rpe is not None and p.rpe > t.RPE_CEILING:
                yield c.at(
                    s.exercise(e, "rpe"),
                    "rpe-ceiling",
                    f"{p.exercise} at RPE {number(p.rpe)} on {s.label()}, above the guide's ceiling of "
                    f"RPE {number(t.RPE_CEILING)}",
                )


# --- weeks --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _WeekLoad:
    sets: int
    minutes: int
    contacts: int
    rpe: float | None  # set-weighted average of the RPE doses
    top_rpe: float | None

    @property
    def trains(self) -> bool:
        return self.sets > 0


def week_load(program: Program, guide: Guide, week: int) -> _WeekLoad:
    sets = minutes = touches = 0
    rpe_sets = 0
    rpe_sum = 0.0
    top: float | None = None
    for day in program.weeks[week].days:
        if day.strength is None:
            continue
        minutes += session_minutes(day.strength, guide)
        for p in day.strength.exercises:
            sets += p.sets
            touches += contacts(p)
            if p.rpe is not None:
                rpe_sets += p.sets
                rpe_sum += p.rpe * p.sets
                top = p.rpe if top is None else max(top, p.rpe)
    return _WeekLoad(sets, minutes, touches, rpe_sum / rpe_sets if rpe_sets else None, top)


def is_lighter(week: _WeekLoad, peak: _WeekLoad) -> bool:
    """Lighter than the block's peak: a third or more fewer sets *and* strength minutes, with
    the average and top RPE not above the peak's; or no strength at all."""
    if not peak.trains:
        return False
    if not week.trains:
        return True
    keep = 1 - t.LIGHTER_CUT + 1e-9
    smaller = week.sets <= keep * peak.sets and week.minutes <= keep * peak.minutes
    calmer = all(
        a is None or b is None or a <= b for a, b in ((week.rpe, peak.rpe), (week.top_rpe, peak.top_rpe))
    )
    return smaller and calmer


def _lighter_weeks(c: _Context) -> Iterator[Finding]:
    loads = [week_load(c.program, c.guide, w) for w in range(len(c.program.weeks))]
    streak = 0
    peak: _WeekLoad | None = None  # the biggest week since the last lighter one
    for w, load in enumerate(loads):
        if peak is not None and is_lighter(load, peak):
            streak, peak = 0, None
            continue
        if not load.trains:
            continue
        if peak is None or (load.sets, load.minutes) > (peak.sets, peak.minutes):
            peak = load
        streak += 1
        if streak == t.LIGHTER_MAX_WEEKS:
            first = w + 2 - t.LIGHTER_MAX_WEEKS
            yield c.at(
                ("weeks", w, "focus"),
                "no-lighter-week",
                f"weeks {first}–{w + 1} go {t.LIGHTER_MAX_WEEKS} training weeks without a lighter week",
            )


def _spikes(c: _Context) -> Iterator[Finding]:
    sessions = [(s, session_minutes(s.day.strength, c.guide)) for s in c.sessions if s.day.strength]
    for s, minutes in sessions:
        # The norm is what the runner has been doing: the other sessions of this week and the
        # three before it. Later weeks do not count, or every session before a taper would look
        # like a spike; a month, not a week, so the first session after a deload does not either.
        around = [m for other, m in sessions if other is not s and 0 <= s.week - other.week < t.SPIKE_WEEKS]
        if not around:
            continue
        norm = statistics.median(around)
        if minutes > t.SPIKE_RATIO * norm and minutes - norm >= t.SPIKE_MIN_MINUTES:
            yield c.at(
                s.session,
                "session-spike",
                f"the session on {s.label()} takes about {minutes} min of strength work, far above the "
                f"{number(norm)} min of the sessions of the last {t.SPIKE_WEEKS} weeks",
            )


def _balance(c: _Context) -> Iterator[Finding]:
    """A family missing from two strength weeks in a row. Only families the library can fill
    count: a coach's library with no upper-body exercise cannot be asked for a row."""
    trained: list[tuple[int, set[t.Family]]] = []
    for w, week in enumerate(c.program.weeks):
        sessions = [d.strength for d in week.days if d.strength is not None]
        if not sessions:
            continue
        found: set[t.Family] = set()
        for session in sessions:
            for p in session.exercises:
                found |= t.families(p, c.guide.exercises[p.exercise])
        trained.append((w, found))
    examples = _family_examples(c.guide)
    for family in t.Family:
        if family not in examples:
            continue
        gap: list[int] = []
        for w, found in trained:
            if family in found:
                gap = []
                continue
            gap.append(w)
            whole = len(trained) < t.FAMILY_GAP_WEEKS and len(gap) == len(trained)
            if len(gap) == t.FAMILY_GAP_WEEKS or whole:
                weeks = f"weeks {gap[0] + 1} and {gap[-1] + 1}" if len(gap) > 1 else f"week {gap[0] + 1}"
                yield c.at(
                    ("weeks", w, "focus"),
                    "balance",
                    f"no {family.value} in {weeks} (the library has {examples[family]}, for one)",
                )


# Rules whose findings read whole weeks only (counts, sums and families of a week, named by
# the week): the same whichever weekday each day is on, so one check of a program serves every
# arrangement of its days (``weekly_findings``; tests/test_arrange.py holds each arrangement's
# findings to a whole check). The others read the days' order or name a weekday.
_WEEKLY_RULES: tuple[Callable[[_Context], Iterator[Finding]], ...] = (_runner, _lighter_weeks, _balance)
_DAILY_RULES: tuple[Callable[[_Context], Iterator[Finding]], ...] = (
    _runner_volume,
    _runner_race,
    _heavy_before_key_run,
    _easy_day_strength,
    _consecutive_heavy_legs,
    _novel_eccentric,
    _taper,
    _race_week,
    _race_recovery,
    _plyometric_spacing,
    _contact_limits,
    _contact_growth,
    _jump_ladder,
    _plyometric_gate,
    _exercise_level,
    _rpe_ceiling,
    _spikes,
)


# The families a library can train, by guide: the balance rule and ``check_inputs`` read them for
# every arrangement of every program (826 checks for this guide's ten programs), and a scan of a
# 900-exercise library is 1,768 pydantic models (12.5 s of CPU over those checks). A guide is
# immutable, so the answer is kept while the guide lives (a weak reference: serve's old guides
# are freed).
_EXAMPLES: dict[int, tuple[weakref.ref[Guide], dict[t.Family, str]]] = {}


def _family_examples(guide: Guide) -> dict[t.Family, str]:
    """One exercise of the library for each family it can train, the first by slug."""
    kept = _EXAMPLES.get(id(guide))
    if kept is not None and kept[0]() is guide:
        return kept[1]
    found = _scan_families(guide)
    key = id(guide)
    _EXAMPLES[key] = (weakref.ref(guide, lambda _ref: _EXAMPLES.pop(key, None)), found)
    return found


def _scan_families(guide: Guide) -> dict[t.Family, str]:
    found: dict[t.Family, str] = {}
    for slug, exercise in guide.exercises.items():
        for per_side in (False, True):
            dose = Prescription(exercise=slug, sets=1, reps=1, per_side=per_side, rest_seconds=0, rpe=5)
            for family in t.families(dose, exercise):
                found.setdefault(family, slug)
    return found
