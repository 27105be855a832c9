"""Fit a program to a runner's week: every arrangement of its days a program page may offer.

A runner whose long run is on Saturday cannot follow a plan written for Sunday by moving the
long run alone: the heavy session the plan put two days before it would land the day before.
So a whole day moves, with its run and its strength session, and the other days keep their
order around it. An *arrangement* is one mapping of the program's weekdays onto the runner's,
the same in every week:

- the long-run day goes to the day the runner chooses;
- the quality-run days (where the program has them: its usual interval or tempo days) go, in
  order, to the days the runner chooses for them;
- the other days keep their order, filling the days left, starting after the long run.

Every arrangement is checked at build time by the plan checks (``plans.check_program``, the
one place the rules live), on the program as re-arranged. Only arrangements with no finding
are offered; the others are kept with their first finding, so the page can say why a day is
not offered. Nothing here is duplicated in the page script: it only applies the mappings.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .cache import Cache
from .model import Guide, Program, RunType, Weekday
from .plans import Finding, check_inputs, check_program, weekly_findings

WEEKDAYS = list(Weekday)
QUALITY_RUNS = frozenset({RunType.quality, RunType.test})
# Which runs mark a program's long-run day: the long run, and the race that replaces it.
LONG_RUNS = frozenset({RunType.long, RunType.race})


@dataclass(frozen=True)
class Arrangement:
    """One way to lay out a program's week. ``days`` maps each written weekday to the runner's."""

    key: str  # "sat" or "sat-tue-thu": the long-run day, then the quality days (URL-safe)
    long: Weekday | None
    quality: tuple[Weekday, ...]
    days: dict[Weekday, Weekday]
    findings: tuple[Finding, ...]  # empty: offered

    @property
    def offered(self) -> bool:
        return not self.findings

    @property
    def is_written(self) -> bool:
        """The program as written (every day stays where it is)."""
        return all(a is b for a, b in self.days.items())

    def reason(self) -> str:
        """Why it is not offered, in the words of the first plan check that refused it."""
        if not self.findings:
            return ""
        first = self.findings[0]
        return f"{first.message} [{first.rule}]"


def usual_day(program: Program, runs: frozenset[RunType]) -> Weekday | None:
    """The weekday on which most weeks have one of ``runs`` (None if no week has one)."""
    counts: Counter[Weekday] = Counter(d.day for w in program.weeks for d in w.days if d.run.type in runs)
    if not counts:
        return None
    # Ties go to the earlier weekday, so the answer does not depend on dict order.
    return max(WEEKDAYS, key=lambda day: (counts[day], -WEEKDAYS.index(day)))


def quality_days(program: Program, long: Weekday | None) -> tuple[Weekday, ...]:
    """The program's usual quality-run days: a weekday with a quality run in most weeks."""
    half = len(program.weeks) / 2
    counts: Counter[Weekday] = Counter(
        d.day for w in program.weeks for d in w.days if d.run.type in QUALITY_RUNS
    )
    return _cyclic(tuple(day for day in WEEKDAYS if counts[day] > half and day is not long), long)


def _after(start: Weekday | None) -> list[Weekday]:
    """The seven weekdays in order, starting the day after ``start`` (Monday when None)."""
    first = 0 if start is None else (WEEKDAYS.index(start) + 1) % 7
    return [WEEKDAYS[(first + i) % 7] for i in range(7)]


def _cyclic(days: tuple[Weekday, ...], long: Weekday | None) -> tuple[Weekday, ...]:
    order = _after(long)
    return tuple(sorted(days, key=order.index))


def mapping(program: Program, long: Weekday | None, quality: tuple[Weekday, ...]) -> dict[Weekday, Weekday]:
    """Written weekday → the runner's weekday, for a long-run day and quality days."""
    written_long = usual_day(program, LONG_RUNS)
    written_quality = quality_days(program, written_long)
    days: dict[Weekday, Weekday] = {}
    if written_long is not None and long is not None:
        days[written_long] = long
    for old, new in zip(written_quality, _cyclic(quality, long), strict=True):
        days[old] = new
    rest_old = [d for d in _after(written_long) if d not in days]
    rest_new = [d for d in _after(long) if d not in days.values()]
    days.update(zip(rest_old, rest_new, strict=True))
    return {day: days[day] for day in WEEKDAYS}


def rearranged(program: Program, days: dict[Weekday, Weekday]) -> Program:
    """The program with every day moved by ``days`` (the days' order in each week is kept,
    so a finding's position still points at the written day)."""
    weeks = [
        week.model_copy(update={"days": [d.model_copy(update={"day": days[d.day]}) for d in week.days]})
        for week in program.weeks
    ]
    return program.model_copy(update={"weeks": weeks})


# Checked layouts by what they depend on (the program, the exercises it prescribes, the file
# named in findings, the code of the checks): ~100 plan checks a program cost seconds. Kept in
# memory (`runstrong serve` rebuilds after every edit, mostly of other files) and, given a
# cache, on disk (a build where the programs did not change checks nothing again).
_MEMO: dict[str, list[Arrangement]] = {}
_MEMO_SIZE = 256


@cache
def checking_code() -> str:
    """The checking code: every module of the generator package's top level (the plan checks
    and what they import: plan_terms, totals, text, model…)."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).resolve().parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def arrangements(program: Program, guide: Guide, file: Path, store: Cache | None = None) -> list[Arrangement]:
    """Every arrangement a runner may ask for, each checked; the program as written first.

    For each long-run day, every choice of quality days (as many as the program has). A
    program without a usual long-run day has the written arrangement only. ``store``: the
    render cache, where the results of earlier builds are kept.
    """
    digest = hashlib.sha256(f"{ARRANGE_FORMAT}\0{checking_code()}\0{file}\0".encode())
    digest.update(check_inputs(program, guide, file))
    key = digest.hexdigest()
    if key not in _MEMO:
        found = _read(store, key)
        if found is None:
            found = _arrangements(program, guide, file)
            if store is not None:
                store.put(key, _dump(found))
        if len(_MEMO) >= _MEMO_SIZE:
            del _MEMO[next(iter(_MEMO))]
        _MEMO[key] = found
    return list(_MEMO[key])


ARRANGE_FORMAT = 1  # of the stored results below


def _dump(found: list[Arrangement]) -> bytes:
    rows = [
        {
            "key": a.key,
            "long": a.long.value if a.long else None,
            "quality": [d.value for d in a.quality],
            "days": {k.value: v.value for k, v in a.days.items()},
            "findings": [[f.file, f.line, f.column, f.rule, f.message] for f in a.findings],
        }
        for a in found
    ]
    return json.dumps(rows, sort_keys=True, separators=(",", ":")).encode()


def _read(store: Cache | None, key: str) -> list[Arrangement] | None:
    data = store.get(key) if store is not None else None
    if data is None:
        return None
    try:
        return [
            Arrangement(
                row["key"],
                Weekday(row["long"]) if row["long"] else None,
                tuple(Weekday(d) for d in row["quality"]),
                {Weekday(k): Weekday(v) for k, v in row["days"].items()},
                tuple(Finding(*f) for f in row["findings"]),
            )
            for row in json.loads(data)
        ]
    except (ValueError, KeyError, TypeError):
        return None  # not ours, or from another format: checked again


def _arrangements(program: Program, guide: Guide, file: Path) -> list[Arrangement]:
    written_long = usual_day(program, LONG_RUNS)
    written_quality = quality_days(program, written_long)
    found: list[Arrangement] = []
    seen: set[str] = set()
    weekly = weekly_findings(program, guide, file)  # the same in every arrangement: found once
    longs = [written_long, *(d for d in WEEKDAYS if d is not written_long)] if written_long else [None]
    for long in longs:
        others = [d for d in _after(long) if d is not long]
        options = [written_quality] if long is written_long else []
        options += [q for q in itertools.combinations(others, len(written_quality)) if q not in options]
        for quality in options:
            key = "-".join(d.value for d in (long, *quality) if d is not None) or "as-written"
            if key in seen:
                continue
            seen.add(key)
            days = mapping(program, long, quality)
            findings = tuple(check_program(rearranged(program, days), guide, file, weekly=weekly))
            found.append(Arrangement(key, long, _cyclic(quality, long), days, findings))
    return found
