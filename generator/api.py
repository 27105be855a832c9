"""The open data behind the program pages: JSON at stable URLs, with its JSON Schema.

``api/programs/<slug>.json`` is everything a program page's script uses (the weeks with their
runs, sessions and doses, where each session's anchor and PDF are, and every arrangement the
plan checks allowed or refused: generator/arrange.py); ``api/exercises.json`` lists the
exercises; ``api/programs.json`` indexes the programs. Other apps may read them: the shapes
are the pydantic models below, exported as JSON Schema next to the data
(``api/schema/*.schema.json``), and every file carries ``format_version``. A change that
removes or renames a field raises FORMAT_VERSION; adding a field does not.

Paths in the data are relative to the site root ("exercises/romanian-deadlift/"), so the data
is the same wherever the site is published.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from . import text, urls
from .arrange import Arrangement
from .files import GeneratedFile
from .memo import NO_MEMO, Memo
from .model import Guide, Program, RunType, Weekday

FORMAT_VERSION = 1
API_DIR = urls.API_DIR
PROGRAMS_INDEX = f"{API_DIR}/programs.json"
EXERCISES = f"{API_DIR}/exercises.json"
SCHEMA_DIR = f"{API_DIR}/schema"


def program_json_path(slug: str) -> str:
    return f"{API_DIR}/programs/{slug}.json"


class _Api(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ApiRun(_Api):
    type: RunType
    minutes: int | None = None
    km: float | None = None
    description: str | None = None
    line: str = Field(description="The run in words: 'Long run · 90 min'.")


class ApiPrescription(_Api):
    exercise: str = Field(description="The exercise's slug (an entry of exercises.json).")
    name: str
    url: str = Field(description="The exercise page, from the site root.")
    dose: str = Field(description="'3 × 8 per side · rest 90 s · RPE 7'.")
    sets: int
    reps: int | None = None
    seconds: int | None = None
    contacts: int | None = None
    per_side: bool = False
    rest_seconds: int
    rpe: float | None = None
    tempo: str | None = None
    note: str | None = None


class ApiSession(_Api):
    name: str
    anchor: str = Field(description="Its section on the program page: 'week-3-tue' (the day as written).")
    exercises: list[ApiPrescription]


class ApiDay(_Api):
    day: Weekday = Field(description="The weekday as written; an arrangement maps it to the runner's.")
    run: ApiRun
    strength: ApiSession | None = None
    tests: list[str] = Field(default_factory=list, description="Capacity tests that day, in words.")


class ApiWeek(_Api):
    number: int = Field(ge=1)
    phase: str | None = None
    phase_name: str | None = None
    focus: str
    anchor: str
    pdf: dict[str, str] = Field(description="Paper size → the week's printable PDF, from the site root.")
    days: list[ApiDay]


class ApiArrangement(_Api):
    key: str = Field(description="'sat-tue-thu': the long-run day, then the quality-run days.")
    long: Weekday | None
    quality: list[Weekday]
    days: dict[Weekday, Weekday] = Field(description="Written weekday → the runner's weekday, every week.")
    written: bool = Field(description="True for the program as written.")


class ApiRefused(_Api):
    key: str
    long: Weekday | None
    quality: list[Weekday]
    reason: str = Field(description="The first plan-check finding on the program so arranged.")
    rule: str


class ApiArrangements(_Api):
    long_day: Weekday | None = Field(description="The long-run day as written.")
    quality_days: list[Weekday] = Field(description="The quality-run days as written.")
    offered: list[ApiArrangement] = Field(description="Checked by the plan checks: no finding.")
    refused: list[ApiRefused]


class ApiRace(_Api):
    week: int
    day: Weekday = Field(description="As written.")


class ApiProgram(_Api):
    format: Literal["runstrong-program"] = "runstrong-program"
    format_version: int = FORMAT_VERSION
    slug: str
    name: str
    summary: str
    level: str
    url: str
    runner: dict[str, object] | None
    race: ApiRace | None = Field(description="The last race of the program, for dates counted back from it.")
    pdf: dict[str, str]
    weeks: list[ApiWeek]
    arrangements: ApiArrangements


class ApiExercise(_Api):
    slug: str
    name: str
    url: str
    short_url: str = Field(description="The short link printed on cards: 'x/rdl/'.")
    summary: str
    level: str
    category: str
    pattern: str
    muscles: dict[str, list[str]]
    equipment: dict[str, list[str]]
    dose: str


class ApiExercises(_Api):
    format: Literal["runstrong-exercises"] = "runstrong-exercises"
    format_version: int = FORMAT_VERSION
    exercises: list[ApiExercise]


class ApiProgramEntry(_Api):
    slug: str
    name: str
    url: str
    data: str = Field(description="This program's JSON, from the site root.")
    weeks: int
    level: str
    run_days: int | None
    race: str | None


class ApiPrograms(_Api):
    format: Literal["runstrong-programs"] = "runstrong-programs"
    format_version: int = FORMAT_VERSION
    programs: list[ApiProgramEntry]


SCHEMAS: dict[str, type[_Api]] = {
    "program": ApiProgram,
    "exercises": ApiExercises,
    "programs": ApiPrograms,
}


def schema_path(name: str) -> str:
    return f"{SCHEMA_DIR}/{name}.schema.json"


def _json(path: str, value: object) -> GeneratedFile:
    # Sorted keys and fixed separators: the same guide gives the same bytes. Compact: a phone
    # stores every program's file on its first visit (indented, they were 40 % larger).
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return GeneratedFile.text(path, text + "\n")


def race_of(program: Program) -> ApiRace | None:
    """The program's last race (where a date counted back from a race date lands)."""
    races = [
        (w, d.day)
        for w, week in enumerate(program.weeks, start=1)
        for d in week.days
        if d.run.type is RunType.race
    ]
    return ApiRace(week=races[-1][0], day=races[-1][1]) if races else None


def program_data(
    guide: Guide, slug: str, found: list[Arrangement], phase_names: Mapping[str, str]
) -> ApiProgram:
    program = guide.programs[slug]
    weeks = []
    for w, week in enumerate(program.weeks, start=1):
        days = []
        for day in sorted(week.days, key=lambda d: list(Weekday).index(d.day)):
            session = None
            if day.strength:
                session = ApiSession(
                    name=day.strength.name,
                    anchor=urls.program_session_anchor(w, day.day.value),
                    exercises=[
                        ApiPrescription(
                            exercise=p.exercise,
                            name=guide.exercises[p.exercise].name,
                            url=urls.exercise_url(p.exercise),
                            dose=text.dose_line(p) + (f" · tempo {p.tempo}" if p.tempo else ""),
                            sets=p.sets,
                            reps=p.reps,
                            seconds=p.seconds,
                            contacts=p.contacts,
                            per_side=p.per_side,
                            rest_seconds=p.rest_seconds,
                            rpe=p.rpe,
                            tempo=p.tempo,
                            note=p.note,
                        )
                        for p in day.strength.exercises
                    ],
                )
            run = ApiRun(
                type=day.run.type,
                minutes=day.run.minutes,
                km=day.run.km,
                description=day.run.description,
                line=text.run_line(day.run),
            )
            tests = [text.TEST_NAMES[t] for t in day.tests]
            days.append(ApiDay(day=day.day, run=run, strength=session, tests=tests))
        weeks.append(
            ApiWeek(
                number=w,
                phase=week.phase.value if week.phase else None,
                phase_name=phase_names[week.phase.value] if week.phase else None,
                focus=week.focus,
                anchor=urls.program_week_anchor(w),
                pdf={size: urls.week_pdf_path(slug, w, size) for size in urls.WEEK_PDF_SIZES},
                days=days,
            )
        )
    written = next(a for a in found if a.is_written)
    return ApiProgram(
        slug=slug,
        name=program.name,
        summary=program.summary,
        level=program.level.value,
        url=urls.program_url(slug),
        runner=program.runner.model_dump(exclude_none=True) if program.runner else None,
        race=race_of(program),
        pdf={size: urls.program_pdf_path(slug, size) for size in urls.PROGRAM_PDF_SIZES},
        weeks=weeks,
        arrangements=ApiArrangements(
            long_day=written.long,
            quality_days=list(written.quality),
            offered=[
                ApiArrangement(
                    key=a.key, long=a.long, quality=list(a.quality), days=a.days, written=a.is_written
                )
                for a in found
                if a.offered
            ],
            refused=[
                ApiRefused(
                    key=a.key,
                    long=a.long,
                    quality=list(a.quality),
                    reason=a.reason(),
                    rule=a.findings[0].rule,
                )
                for a in found
                if not a.offered
            ],
        ),
    )


def exercise_data(guide: Guide, slug: str) -> ApiExercise:
    """One exercise's entry: it reads nothing of the guide but that exercise."""
    ex = guide.exercises[slug]
    return ApiExercise(
        slug=slug,
        name=ex.name,
        url=urls.exercise_url(slug),
        short_url=urls.short_url(guide.short_code(slug)),
        summary=ex.summary,
        level=ex.level.value,
        category=ex.category.value,
        pattern=ex.pattern.value,
        muscles={"primary": list(ex.muscles.primary), "secondary": list(ex.muscles.secondary)},
        equipment={"required": list(ex.equipment.required), "optional": list(ex.equipment.optional)},
        dose=text.dose_line(ex.dose),
    )


def exercises_data(guide: Guide) -> ApiExercises:
    return ApiExercises(exercises=[exercise_data(guide, slug) for slug in guide.exercises])


def _exercise_json(guide: Guide, slug: str) -> dict[str, Any]:
    return exercise_data(guide, slug).model_dump(mode="json")


def _exercises_json(guide: Guide, memo: Memo) -> dict[str, Any]:
    """``exercises_data`` as JSON data, each entry made again only when its exercise changed."""
    data = ApiExercises(exercises=[]).model_dump(mode="json")
    data["exercises"] = [
        memo.get("api exercise", (slug, ex), _exercise_json, guide, slug)
        for slug, ex in guide.exercises.items()
    ]
    return data


def render_api(
    guide: Guide,
    arrangements: Mapping[str, list[Arrangement]],
    phase_names: Mapping[str, str],
    memo: Memo = NO_MEMO,
) -> list[GeneratedFile]:
    """Every file under api/: the data, then the schemas.

    ``memo``: a serve session's (``generator/memo.py``): a program's file is made again only
    when the program, an exercise it names or its checked layouts changed (``program_data``
    reads nothing else), an exercise's entry only when the exercise changed."""
    phases = tuple(sorted(phase_names.items()))
    files = [
        memo.get(
            "api program",
            (slug, program, _used(program, guide), tuple(arrangements[slug]), phases),
            _program_json,
            guide,
            slug,
            arrangements[slug],
            phase_names,
        )
        for slug, program in guide.programs.items()
    ]
    index = ApiPrograms(
        programs=[
            ApiProgramEntry(
                slug=slug,
                name=p.name,
                url=urls.program_url(slug),
                data=program_json_path(slug),
                weeks=len(p.weeks),
                level=p.level.value,
                run_days=p.runner.run_days if p.runner else None,
                race=p.runner.race if p.runner else None,
            )
            for slug, p in guide.programs.items()
        ]
    )
    files.append(_json(PROGRAMS_INDEX, index.model_dump(mode="json")))
    files.append(_json(EXERCISES, _exercises_json(guide, memo)))
    files += [memo.get("api schema", (name,), _schema_file, name, model) for name, model in SCHEMAS.items()]
    return files


def _program_json(
    guide: Guide, slug: str, found: list[Arrangement], phase_names: Mapping[str, str]
) -> GeneratedFile:
    return _json(
        program_json_path(slug), program_data(guide, slug, found, phase_names).model_dump(mode="json")
    )


def _schema_file(name: str, model: type[_Api]) -> GeneratedFile:
    schema = model.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = schema_path(name)
    return _json(schema_path(name), schema)


def _used(program: Program, guide: Guide) -> tuple[object, ...]:
    """The exercises a program names, as the guide has them (None: not there)."""
    return tuple((s, guide.exercises.get(s)) for s in program.exercise_slugs())
