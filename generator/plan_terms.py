"""What the plan checks count as what: heavy, leg work, a key run, a race's distance, a rung of
the jump ladder, a movement family. The rules in ``plans.py`` only compare these; keeping the
definitions here, each with its number, lets a coach predict every warning from one page
(README's rules table repeats them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from .model import Exercise, Level, Pattern, Prescription, RunType, StrengthSession
from .totals import contacts

# --- effort and load --------------------------------------------------------------------------

RPE_CEILING = 8.0  # the guide's sets sit at RPE 6–8: hard, with good form to the last rep

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
# A plyometric session this big is a leg session in its own right, not a warm-up drill: CONTENT's
# in-season dose is 20–40 contacts, a race-week primer's jumps stay well under it.
PLYO_HEAVY_CONTACTS = 40
PRIMER_MAX_CONTACTS = 30  # a race-week primer: a few short sets to feel springy
# Lowering for this long (the first number of a tempo) makes a rep eccentric work.
ECCENTRIC_LOWERING_SECONDS = 4
NOVEL_DAYS = 14  # an exercise not done for two weeks is new again: its soreness is too


def is_heavy(p: Prescription) -> bool:
    """A heavy lift: RPE ≥ 8, or ≤ 6 reps at RPE ≥ 7 (the build phase's 3–6 at RPE 7–8)."""
    if p.rpe is None:
        return False
    return p.rpe >= 8 or (p.reps is not None and p.reps <= 6 and p.rpe >= 7)


def is_lower_body(exercise: Exercise) -> bool:
    return exercise.pattern in LOWER_BODY_PATTERNS


def is_plyometric(p: Prescription) -> bool:
    return p.contacts is not None


def session_contacts(session: StrengthSession) -> int:
    return sum(contacts(p) for p in session.exercises)


@dataclass(frozen=True)
class LegLoad:
    """Why a session counts as heavy leg work: the first heavy lift, or its jumping."""

    index: int  # the prescription to point at
    what: str


# --- runs -------------------------------------------------------------------------------------

# Runs that heavy legs must not come the day before: the long run, races and time trials, and
# quality sessions (intervals, tempo, hills), whose quality is the point of the day.
KEY_RUNS: dict[RunType, str] = {
    RunType.long: "the long run",
    RunType.race: "the race",
    RunType.test: "the time trial",
    RunType.quality: "the quality run",
}
HARD_RUNS = frozenset({RunType.quality, RunType.test, RunType.race, RunType.long})
EASY_RUNS = frozenset({RunType.easy, RunType.recovery})
RUNNING = frozenset(
    {RunType.easy, RunType.recovery, RunType.quality, RunType.long, RunType.race, RunType.test}
)
# Minutes of running count as distance at this pace when the runner is declared in km and a run
# is written in minutes (and the other way round), unless the runner gives both.
DEFAULT_MIN_PER_KM = 6.0
RACE_MIN_PER_KM = 5.0  # a race written in minutes only: its distance at a typical racing pace
OVER_DECLARED = 1.10  # a week or long run more than 10 % over what the runner declared


class Distance(StrEnum):
    short = "5–10K"
    half = "half marathon"
    marathon = "marathon"


@dataclass(frozen=True)
class RaceRules:
    last_heavy_days: int  # no heavy legs or big jumping sessions closer than this to the race
    recovery_days: int  # nor sooner than this after it


# CONTENT.md's taper (last heavy session 7–10 days out for 5–10K, 10–14 for half and marathon)
# and its recovery practice (no heavy legs or jumps for ~2–3 days after a 5–10K, ~5–7 after a
# half, ~10–14 after a marathon). Each number is the near end of its range except the marathon
# taper: a coach wants the full two weeks before 42 km.
RACE_RULES: dict[Distance, RaceRules] = {
    Distance.short: RaceRules(7, 3),
    Distance.half: RaceRules(10, 5),
    Distance.marathon: RaceRules(14, 10),
}
RACE_WEEK_DAYS = 7  # the race day and the six days before it
PRIMER_MIN_DAYS = 3  # a race-week primer goes at least this many days before the race


def distance_of(km: float) -> Distance:
    if km <= 15:
        return Distance.short
    if km <= 30:
        return Distance.half
    return Distance.marathon


_KM = re.compile(r"(\d+(?:[.,]\d+)?)\s*(k|km)\b", re.IGNORECASE)


def declared_km(race: str | None) -> float | None:
    """The distance a runner's `race:` names: '10K' → 10, 'a half marathon' → 21.1."""
    if not race:
        return None
    low = race.lower()
    if "half" in low:
        return 21.1
    if "marathon" in low:
        return 42.2
    found = _KM.search(race)
    return float(found.group(1).replace(",", ".")) if found else None


# --- plyometrics ------------------------------------------------------------------------------

# Contacts per session and per week by program level: beginners start around 20–40 a session
# (CONTENT.md), the base phase doses 20–60 and the build phase 40–100.
CONTACT_LIMITS: dict[Level, tuple[int, int]] = {
    Level.beginner: (40, 80),
    Level.intermediate: (80, 160),
    Level.advanced: (100, 200),
}
CONTACT_GROWTH = 10  # contacts a session may grow in a week, at most (CONTENT.md practice)
GROWTH_WEEKS = 3  # growth is judged against the biggest of the last three weeks with jumps

# The guide's ladder (capacity-tests page): skips and low two-leg pogos first, then two-leg
# jumps that travel or rise, then single-leg hops, then bounds. Rungs 1–2 are where a runner
# who has passed the gate may start; each higher rung needs the one below it, two weeks earlier.
LADDER: dict[str, int] = {
    "a-skip": 1,
    "pogo-hops": 2,
    "lateral-line-hops": 2,
    "kneeling-squat-jump": 2,
    "box-jump": 2,
    "single-leg-hops": 3,
    "bounds": 4,
}
LADDER_ENTRY = 2
LADDER_WEEKS = 2
# A coach's own plyometric that the ladder does not list climbs by its level.
LEVEL_RUNG: dict[Level, int] = {Level.beginner: 1, Level.intermediate: 2, Level.advanced: 3}
GATE_LEVELS = frozenset({Level.beginner, Level.intermediate})
PLYO_MIN_DAYS = 2  # 48 h between plyometric sessions


def rung(slug: str, exercise: Exercise) -> int:
    return LADDER.get(slug, LEVEL_RUNG[exercise.level])


LEVEL_ORDER = [Level.beginner, Level.intermediate, Level.advanced]


# --- weeks ------------------------------------------------------------------------------------

LIGHTER_CUT = 1 / 3  # a lighter week cuts a third or more of the block's peak (the glossary)
LIGHTER_MAX_WEEKS = 5  # every 3rd–5th week: five weeks with none is too many
SPIKE_RATIO = 1.5
SPIKE_MIN_MINUTES = 10
SPIKE_WEEKS = 4  # this week and the three before it


# --- balance ----------------------------------------------------------------------------------


class Family(StrEnum):
    calf = "calf and shin (calf raise, soleus raise, tibialis raise)"
    hinge = "hinge (deadlift, bridge, hamstring curl)"
    knee = "knee-dominant (squat, lunge, step-up)"
    single_leg = "single-leg strength (split squat, step-up, single-leg deadlift or bridge)"
    trunk = "trunk (plank, dead bug, Pallof press, carry)"
    # The word the checks use; as a member it hides str.upper, which nothing calls on a family.
    upper = "upper body (push-up, row)"  # type: ignore[assignment]


_FAMILY_PATTERNS: dict[Family, frozenset[Pattern]] = {
    Family.calf: frozenset({Pattern.calf, Pattern.dorsiflexion}),
    Family.hinge: frozenset({Pattern.hinge, Pattern.bridge, Pattern.knee_flexion}),
    Family.knee: frozenset({Pattern.squat, Pattern.lunge, Pattern.isometric}),
    Family.trunk: frozenset(
        {Pattern.anti_rotation, Pattern.anti_extension, Pattern.anti_lateral_flexion, Pattern.carry}
    ),
    Family.upper: frozenset({Pattern.push, Pattern.pull}),
}
_SINGLE_LEG_PATTERNS = frozenset(
    {Pattern.hinge, Pattern.squat, Pattern.lunge, Pattern.bridge, Pattern.lateral, Pattern.knee_flexion}
)
FAMILY_GAP_WEEKS = 2  # a family missing from two strength weeks in a row


def families(p: Prescription, exercise: Exercise) -> set[Family]:
    """The movement families a prescription trains (jumps train none: they are dosed apart)."""
    if is_plyometric(p):
        return set()
    found = {f for f, patterns in _FAMILY_PATTERNS.items() if exercise.pattern in patterns}
    if exercise.category.value == "core":
        found.add(Family.trunk)
    if p.per_side and exercise.pattern in _SINGLE_LEG_PATTERNS:
        found.add(Family.single_leg)
    return found


def is_eccentric(p: Prescription, exercise: Exercise) -> bool:
    """Eccentric-biased work: a Nordic-style curl, or a lowering of 4 s or more."""
    if exercise.pattern is Pattern.knee_flexion:
        return True
    tempo = p.tempo or exercise.tempo
    return tempo is not None and int(tempo.split("-")[0]) >= ECCENTRIC_LOWERING_SECONDS
