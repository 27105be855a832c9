"""The typed content model: the single source of truth for what authors may write.

Every YAML file in ``content/`` is validated against one of the classes here. The loader
(``load.py``) turns pydantic's errors into ``file:line:col`` messages; the ``schema`` command
exports the same classes as JSON Schema so editors can autocomplete and flag mistakes while
an author types.

Vocabulary membership (is ``glute-medius`` a known muscle?) is *not* checked here: the
vocabularies are data in ``content/vocabulary/``, so the loader checks them in a
cross-reference pass where it can also suggest the nearest known value.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

# A slug becomes a file name and a URL segment, so it must never contain a path separator,
# a dot, upper case or anything a browser would escape.
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]

# Authors' prose: trimmed, never empty.
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
# Names become page titles, which MkDocs themes print into <title> unescaped: no angle brackets.
PLAIN_TEXT_PATTERN = r"^[^<>]*$"
Name = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80, pattern=PLAIN_TEXT_PATTERN)
]


class Strict(BaseModel):
    """Base for every content class: unknown keys are errors, objects are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# --- closed lists that the code itself relies on ------------------------------------------


class Category(StrEnum):
    strength = "strength"
    plyometric = "plyometric"
    core = "core"
    mobility = "mobility"
    stability = "stability"


class Pattern(StrEnum):
    hinge = "hinge"
    squat = "squat"
    lunge = "lunge"
    push = "push"
    pull = "pull"
    carry = "carry"
    anti_rotation = "anti-rotation"
    anti_extension = "anti-extension"
    lateral = "lateral"
    jump = "jump"
    calf = "calf"
    bridge = "bridge"


class Level(StrEnum):
    beginner = "beginner"
    intermediate = "intermediate"
    advanced = "advanced"


class Weekday(StrEnum):
    mon = "mon"
    tue = "tue"
    wed = "wed"
    thu = "thu"
    fri = "fri"
    sat = "sat"
    sun = "sun"


WEEKDAY_NAMES: dict[Weekday, str] = {
    Weekday.mon: "Monday",
    Weekday.tue: "Tuesday",
    Weekday.wed: "Wednesday",
    Weekday.thu: "Thursday",
    Weekday.fri: "Friday",
    Weekday.sat: "Saturday",
    Weekday.sun: "Sunday",
}


class RunType(StrEnum):
    rest = "rest"
    easy = "easy"
    recovery = "recovery"
    quality = "quality"
    long = "long"
    race = "race"
    cross = "cross"


class Side(StrEnum):
    """Which silhouette of the muscle map draws a muscle."""

    front = "front"
    back = "back"
    both = "both"


# --- vocabularies (content/vocabulary/*.yaml) ----------------------------------------------


class Muscle(Strict):
    id: Slug
    name: Name
    side: Side
    group: Name = Field(description="Heading the library index files this muscle under.")


class MuscleVocabulary(Strict):
    muscles: list[Muscle] = Field(min_length=1)


class Equipment(Strict):
    id: Slug
    name: Name


class EquipmentVocabulary(Strict):
    equipment: list[Equipment] = Field(min_length=1)


# --- exercises (content/exercises/<slug>.yaml) ---------------------------------------------


class Dose(Strict):
    """How much: sets of reps (or of a hold in seconds), the rest between sets, the effort.

    Bounds are generous for real training and reject typing slips (0 sets, 1000 reps).
    """

    sets: int = Field(ge=1, le=10)
    reps: int | None = Field(default=None, ge=1, le=50)
    seconds: int | None = Field(default=None, ge=5, le=300, description="Hold or work time per set.")
    per_side: bool = Field(default=False, description="Reps or seconds count for each side.")
    rest_seconds: int = Field(ge=0, le=600)
    rpe: float = Field(ge=1, le=10, multiple_of=0.5, description="Effort, rate of perceived exertion 1–10.")

    @model_validator(mode="after")
    def _reps_or_seconds(self) -> Self:
        if (self.reps is None) == (self.seconds is None):
            raise ValueError("give either 'reps' or 'seconds' (exactly one of them)")
        return self


class Variation(Strict):
    """An easier or harder version: another exercise of the guide, or a described change."""

    exercise: Slug | None = Field(default=None, description="Slug of another exercise in the guide.")
    name: Name | None = Field(default=None, description="Short name of a described variation.")
    how: Text | None = Field(default=None, description="What changes, in a sentence or two.")

    @model_validator(mode="after")
    def _one_kind(self) -> Self:
        if self.exercise is None and (self.name is None or self.how is None):
            raise ValueError("give 'exercise' (a slug), or both 'name' and 'how'")
        if self.exercise is not None and self.name is not None:
            raise ValueError("give 'exercise' or 'name', not both")
        return self


class Mistake(Strict):
    mistake: Line
    fix: Line


class Muscles(Strict):
    primary: list[Slug] = Field(min_length=1)
    secondary: list[Slug] = Field(default_factory=list)


class EquipmentNeeds(Strict):
    required: list[Slug] = Field(min_length=1, description="Use [none] for body weight only.")
    optional: list[Slug] = Field(default_factory=list)


class Source(Strict):
    title: Line
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
    publisher: Name | None = None
    credit: Line | None = Field(default=None, description="Whose advice the exercise follows.")


class Exercise(Strict):
    name: Name
    aliases: list[Name] = Field(default_factory=list, description="Other names people search for.")
    summary: Line = Field(description="One line: what the exercise is and does.")
    why_runners: Text
    category: Category
    pattern: Pattern
    level: Level
    equipment: EquipmentNeeds
    muscles: Muscles
    setup: list[Line] = Field(min_length=1)
    steps: list[Line] = Field(min_length=2)
    cues: list[Line] = Field(min_length=1, description="The first cue is the one printed on cards.")
    mistakes: list[Mistake] = Field(min_length=1)
    easier: list[Variation] = Field(min_length=1)
    harder: list[Variation] = Field(min_length=1)
    dose: Dose
    safety: Text | None = None
    source: Source | None = None


# --- programs (content/programs/<slug>.yaml) -----------------------------------------------


class Prescription(Dose):
    exercise: Slug
    note: Line | None = None


class StrengthSession(Strict):
    name: Name
    exercises: list[Prescription] = Field(min_length=1)


class Run(Strict):
    type: RunType
    minutes: int | None = Field(default=None, ge=5, le=400)
    km: float | None = Field(default=None, gt=0, le=100)
    description: Line | None = None

    @model_validator(mode="after")
    def _rest_has_no_volume(self) -> Self:
        if self.type is RunType.rest and (self.minutes or self.km):
            raise ValueError("a rest day has no minutes or km")
        return self


class Day(Strict):
    day: Weekday
    run: Run
    strength: StrengthSession | None = None


class Week(Strict):
    focus: Line
    days: list[Day] = Field(min_length=1, max_length=7)

    @model_validator(mode="after")
    def _days_unique(self) -> Self:
        seen: set[Weekday] = set()
        for day in self.days:
            if day.day in seen:
                raise ValueError(f"'{day.day.value}' appears twice in this week")
            seen.add(day.day)
        return self


class Program(Strict):
    name: Name
    summary: Line
    goal: Text
    level: Level
    weeks: list[Week] = Field(min_length=1, max_length=52)
    notes: list[Line] = Field(default_factory=list)


# --- the loaded guide ----------------------------------------------------------------------


class Guide(BaseModel):
    """Everything the renderers need, cross-checked by the loader.

    Keyed by slug and kept in slug order, so every renderer iterates deterministically.
    """

    model_config = ConfigDict(frozen=True)

    exercises: dict[str, Exercise]
    programs: dict[str, Program]
    muscles: dict[str, Muscle]
    equipment: dict[str, Equipment]

    def programs_using(self, exercise_slug: str) -> list[str]:
        """Slugs of the programs that prescribe an exercise (backlinks on its page)."""
        return [
            slug
            for slug, program in self.programs.items()
            if any(
                p.exercise == exercise_slug
                for week in program.weeks
                for day in week.days
                if day.strength
                for p in day.strength.exercises
            )
        ]
