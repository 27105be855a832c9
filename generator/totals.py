"""A program's weekly totals, computed from its prescriptions: sets per muscle group, foot
contacts and strength minutes. Pure functions of the model, shared by the program pages
and the plan checks (``plans.py``), so the numbers a runner reads are the ones checked.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Exercise, Guide, Prescription, Program, StrengthSession, tempo_seconds

# Seconds per rep when no tempo is written: a controlled ~2 s down, ~2 s up.
REP_SECONDS = 4
# Seconds per foot contact, with the reset between jumps (pogo hops are quicker, kneeling jumps slower).
CONTACT_SECONDS = 1.5
# Moving to the next exercise: picking up weights, finding the position.
CHANGEOVER_SECONDS = 60


def work_seconds(p: Prescription, exercise: Exercise) -> float:
    """Time under work for one set (both sides when the dose is per side)."""
    sides = 2 if p.per_side else 1
    if p.reps is not None:
        tempo = p.tempo or exercise.tempo
        per_rep = sum(tempo_seconds(tempo)) if tempo else REP_SECONDS
        return p.reps * per_rep * sides
    if p.seconds is not None:
        return p.seconds * sides
    return (p.contacts or 0) * CONTACT_SECONDS * sides


def prescription_seconds(p: Prescription, exercise: Exercise) -> float:
    """Every set with the rest after it, and the changeover to the next exercise."""
    return p.sets * (work_seconds(p, exercise) + p.rest_seconds) + CHANGEOVER_SECONDS


def session_minutes(session: StrengthSession, guide: Guide) -> int:
    """Strength minutes of a session: work and rests, warm-up not included."""
    seconds = sum(prescription_seconds(p, guide.exercises[p.exercise]) for p in session.exercises)
    return round(seconds / 60)


def contacts(p: Prescription) -> int:
    """Foot contacts of a prescription. One contact is one landing, on one foot or on both feet
    together (the glossary's definition); a per-side dose counts each leg's landings."""
    return p.sets * (p.contacts or 0) * (2 if p.per_side else 1)


def muscle_groups(exercise: Exercise, guide: Guide) -> list[str]:
    """Groups of the exercise's primary movers, each once, in vocabulary order."""
    groups = {guide.muscles[m].group for m in exercise.muscles.primary if m in guide.muscles}
    return [g for g in group_order(guide) if g in groups]


def group_order(guide: Guide) -> list[str]:
    return list(dict.fromkeys(m.group for m in guide.muscles.values()))


@dataclass(frozen=True)
class WeekTotals:
    week: int  # 1-based
    sessions: int
    minutes: int
    contacts: int
    sets: dict[str, int]  # muscle group → working sets whose primary movers are in it


def week_totals(program: Program, guide: Guide) -> list[WeekTotals]:
    """One row per week. A set counts once for each group its primary movers belong to, and a
    per-side set counts once: it is one set for each leg."""
    rows: list[WeekTotals] = []
    for number, week in enumerate(program.weeks, start=1):
        sets: dict[str, int] = {}
        minutes = touches = sessions = 0
        for day in week.days:
            if day.strength is None:
                continue
            sessions += 1
            minutes += session_minutes(day.strength, guide)
            for p in day.strength.exercises:
                touches += contacts(p)
                for group in muscle_groups(guide.exercises[p.exercise], guide):
                    sets[group] = sets.get(group, 0) + p.sets
        ordered = {g: sets[g] for g in group_order(guide) if g in sets}
        rows.append(WeekTotals(number, sessions, minutes, touches, ordered))
    return rows


def groups_used(rows: list[WeekTotals], guide: Guide) -> list[str]:
    """Columns of the totals table: the groups any week trains, in vocabulary order."""
    used = {g for row in rows for g in row.sets}
    return [g for g in group_order(guide) if g in used]
