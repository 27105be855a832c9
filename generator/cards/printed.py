"""What a program's PDF prints, and nothing more: the input of the drawing and of its cache key.

A PDF prints a few fields of each exercise in it (the name, the first cue, whether a load is
logged per set, the QR code's short URL, the still drawn from the figure) and a few of the
program (its name, its number of weeks, and each printed week's focus, runs and strength
sessions with their doses and notes). The drawing code is handed this projection, never the
guide, so a field left out of it cannot change a PDF's bytes; and the PDF cache key hashes the
projection, so it changes only when something printed does. Editing an exercise's
``why_runners``, ``evidence`` or aliases renders no PDF again; editing its cue renders again
exactly the PDFs whose weeks prescribe it.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .. import urls
from ..cache import key_json, key_of
from ..model import Day, Figure, Guide, Level, Program, Run, RunType, StrengthSession, Week

# Equipment id meaning body weight only: such an exercise gets tick boxes, not boxes for a load.
NO_EQUIPMENT = "none"


# Each figure's dump, by the figure (the same object for every PDF that prints the exercise, and
# for every build of a serve session while its file is unchanged): a guide's 200 PDF keys dump
# ~2,500 figures, ~40 of them distinct. Models are frozen, so an object's dump never changes;
# the object is kept with its dump, so its id cannot be reused by another while remembered.
_FIGURE_DATA: dict[int, tuple[Figure, object, str]] = {}


def _figure_data(figure: Figure) -> object:
    return _figure_facts(figure)[0]


def _figure_facts(figure: Figure) -> tuple[object, str]:
    """The figure's dump and a hash of it (what its still is drawn from), made once per object."""
    hit = _FIGURE_DATA.get(id(figure))
    if hit is not None and hit[0] is figure:
        return hit[1], hit[2]
    if len(_FIGURE_DATA) >= 4096:
        _FIGURE_DATA.clear()
    data = figure.model_dump(mode="json")
    digest = key_of(data)
    _FIGURE_DATA[id(figure)] = (figure, data, digest)
    return data, digest


@dataclass(frozen=True)
class PrintedExercise:
    """The fields of an exercise that a card or a week sheet prints."""

    name: str
    cue: str  # the first cue: the one a card has room for
    loaded: bool  # log a load (kg) per set, or tick each set done (body weight)
    qr_url: str  # the short URL the QR code opens (printed under it too)
    figure: Figure | None  # drawn as the card's still; None: no picture
    # A hash of the figure, made where the view is (once per figure object): a worker drawing
    # the PDF gets fresh copies of the figures with each job, and knows a still it drew for an
    # earlier job by this (dumping a figure again is a millisecond). Not part of the key: the
    # figure is.
    still: str | None = None

    def key_data(self) -> dict[str, object]:
        # The whole figure, not the still's pixels: hashing the still would draw it on every
        # build. Its drawing code has its own version in the key (figures RENDERER_VERSION).
        figure = _figure_data(self.figure) if self.figure is not None else None
        return {
            "name": self.name,
            "cue": self.cue,
            "loaded": self.loaded,
            "qr": self.qr_url,
            "figure": figure,
        }


@dataclass(frozen=True)
class Printed:
    """Everything one PDF of a program prints about the program and its exercises."""

    program: Program  # only printed fields kept; weeks not printed are empty
    weeks: tuple[int, ...]  # the printed weeks, 1-based, ascending
    exercises: Mapping[str, PrintedExercise]  # by slug: the exercises of the printed weeks

    @functools.cached_property
    def key_json(self) -> str:
        """``key_data`` as the cache's JSON (``cache.key_json``), made once per view: the PDFs
        of several paper sizes print one view, and each one's key holds it (``PdfJob.key``)."""
        return key_json(self.key_data())

    def key_data(self) -> dict[str, object]:
        return {
            "program": self.program.model_dump(mode="json"),
            "weeks": list(self.weeks),
            "exercises": {slug: self.exercises[slug].key_data() for slug in sorted(self.exercises)},
        }

    def text(self) -> str:
        """All printed text (and a little more), to choose fonts that cover it."""
        return json.dumps(self.key_data(), ensure_ascii=False, sort_keys=True)


# A week that this PDF does not print: it only counts ("Week 2 of 8"). Built without validation
# (a real week has days), never drawn.
_UNPRINTED_WEEK = Week.model_construct(focus="", phase=None, days=[])


def printed(
    guide: Guide,
    program: Program,
    site_url: str,
    weeks: Iterable[int] | None = None,
    *,
    with_week_sheets: bool = True,
) -> Printed:
    """The projection of ``program`` (all weeks, or some, 1-based) that its PDF prints.

    Without week sheets only the strength sessions print (no focus, no runs). Exercises the
    guide lacks are left out: a card of one fails as it always did (KeyError), a week sheet
    prints the slug.
    """
    count = len(program.weeks)
    chosen = tuple(sorted(set(weeks))) if weeks is not None else tuple(range(1, count + 1))
    kept = [
        _week(program.weeks[w - 1], with_week_sheets) if w in chosen else _UNPRINTED_WEEK
        for w in range(1, count + 1)
    ]
    # model_copy does not validate: blanking the fields no PDF prints keeps a Program to draw.
    projected = program.model_copy(
        update={
            "redirect_from": [],
            "summary": "",
            "goal": "",
            "level": Level.beginner,
            "runner": None,
            "notes": [],
            "weeks": kept,
        }
    )
    used = sorted(
        {
            p.exercise
            for w in chosen
            for day in program.weeks[w - 1].days
            if day.strength
            for p in day.strength.exercises
            if p.exercise in guide.exercises
        }
    )
    exercises = {}
    for slug in used:
        ex = guide.exercises[slug]
        exercises[slug] = PrintedExercise(
            name=ex.name,
            cue=ex.cues[0],
            loaded=ex.equipment.required != [NO_EQUIPMENT],
            qr_url=urls.absolute(site_url, urls.short_url(guide.short_code(slug))),
            figure=ex.figure,
            still=_figure_facts(ex.figure)[1] if ex.figure is not None else None,
        )
    return Printed(projected, chosen, exercises)


# What a card-only PDF keeps of a day's run: cards print the strength session, not the run.
_UNPRINTED_RUN = Run(type=RunType.rest)


def _week(week: Week, with_week_sheets: bool) -> Week:
    # The phase labels the site's calendar; no PDF prints it. Only week sheets print the focus,
    # the runs and the days without strength.
    if with_week_sheets:
        return week.model_copy(update={"phase": None, "days": [_day(d) for d in week.days]})
    days = [_day(d).model_copy(update={"run": _UNPRINTED_RUN}) for d in week.days if d.strength]
    return week.model_copy(update={"focus": "", "phase": None, "days": days})


def _day(day: Day) -> Day:
    if day.strength is None:
        return day
    return day.model_copy(update={"strength": _session(day.strength)})


def _session(session: StrengthSession) -> StrengthSession:
    # A prescription's tempo changes the site's animation and totals; the card's dose line
    # prints sets, reps or time, rest and effort, not the tempo.
    return session.model_copy(
        update={"exercises": [p.model_copy(update={"tempo": None}) for p in session.exercises]}
    )
