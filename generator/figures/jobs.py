"""One picture to make = one job: an output path, a kind and plain-data inputs.

Jobs carry JSON-ready inputs, not model objects, for two reasons: the inputs *are* the cache
key (hash them and you know whether the picture changed), and they cross into worker
processes cheaply and safely.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PIL import Image

from .. import display, urls
from ..memo import NO_MEMO, Memo
from ..model import Exercise, Figure, Guide, Muscle, Program
from ..workers import Facts
from .animate import default_tempo, render_animation
from .cache import cache_key
from .cardindex import muscles_card_png
from .encode import card_png, png
from .facts import strip_layout
from .muscles import muscle_map_png, muscle_map_small_png
from .preview import EXACT, render_exercise_preview, render_muscles_preview, render_program_preview
from .strip import render_strip


@dataclass(frozen=True)
class Job:
    path: str
    kind: str
    inputs: dict[str, Any]

    @property
    def key(self) -> str:
        return cache_key(self.kind, self.inputs)


def run(job: Job) -> tuple[bytes, Facts]:
    """Render one job to bytes and facts. Module-level, so worker processes can run it."""
    if job.kind == "strip":
        figure = Figure.model_validate(job.inputs["figure"])
        data = png(render_strip(figure))
        # Measured on the published bytes (after palette quantising), as a page shows them.
        return data, strip_layout(figure, Image.open(io.BytesIO(data)).convert("RGBA"))
    return draw(job), {}


def draw(job: Job) -> bytes:
    """Render one job that has no facts to report to bytes."""
    i = job.inputs
    match job.kind:
        case "animation":
            return render_animation(Figure.model_validate(i["figure"]), i.get("tempo"))
        case "muscles":
            return muscle_map_png(i["primary"], i["secondary"])
        case "muscles-small":
            return muscle_map_small_png(i["primary"], i["secondary"])
        case "preview-exercise":
            card = render_exercise_preview(i["name"], i["summary"], Figure.model_validate(i["figure"]))
            return card_png(card, EXACT)
        case "preview-muscles":
            # Drawn as indices (cardindex); in RGB, quantised, when its text overflows.
            fast = muscles_card_png(i["title"], i["summary"], i["primary"], i["secondary"])
            if fast is not None:
                return fast
            card = render_muscles_preview(i["title"], i["summary"], i["primary"], i["secondary"])
            return card_png(card, EXACT)
        case "preview-program":
            figures = [Figure.model_validate(f) for f in i["figures"]]
            return card_png(render_program_preview(i["name"], i["summary"], i["kicker"], figures), EXACT)
    raise ValueError(f"unknown picture kind {job.kind!r}")


def _muscles(ex: Exercise) -> dict[str, list[str]]:
    return display.muscles_shown(ex.muscles.primary, ex.muscles.secondary)


def exercise_jobs(slug: str, ex: Exercise, muscles: Mapping[str, Muscle]) -> list[Job]:
    """The pictures of one exercise; ``muscles`` (the vocabulary) names them on its card."""
    # Muscle maps are named by what they show (display.muscle_map_path): the exercises that
    # work the same muscles share one file, which all_jobs keeps once.
    primary, secondary = ex.muscles.primary, ex.muscles.secondary
    jobs = [
        Job(display.muscle_map_path(primary, secondary), "muscles", _muscles(ex)),
        Job(display.muscle_map_small_path(primary, secondary), "muscles-small", _muscles(ex)),
    ]
    figure = ex.figure.model_dump(mode="json") if ex.figure else None
    if figure is not None:
        jobs.append(Job(urls.figure_strip_path(slug), "strip", {"figure": figure}))
        # The animation's timing follows the exercise's tempo (3 s lowering for "3-1-1"), or
        # its pattern's usual one when it gives none.
        animation = {"figure": figure, "tempo": ex.tempo or default_tempo(ex.pattern)}
        jobs.append(Job(urls.figure_animation_path(slug), "animation", animation))
    preview_path = display.exercise_preview_path(slug, ex, muscles)
    if figure is not None:
        preview = {"name": ex.name, "summary": ex.summary, "figure": figure}
        jobs.append(Job(preview_path, "preview-exercise", preview))
    else:
        jobs.append(Job(preview_path, "preview-muscles", display.muscles_card(ex, muscles)))
    return jobs


def program_job(slug: str, program: Program, guide: Guide) -> Job:
    used = [guide.exercises[s].figure for s in program.exercise_slugs() if s in guide.exercises]
    figures = [figure.model_dump(mode="json") for figure in used if figure is not None]
    weeks = len(program.weeks)
    kicker = f"Program · {weeks} week{'s' if weeks != 1 else ''} · {program.level.value}"
    inputs = {"name": program.name, "summary": program.summary, "kicker": kicker, "figures": figures[:4]}
    return Job(urls.preview_image_path("programs", slug), "preview-program", inputs)


def _used(program: Program, guide: Guide) -> tuple[object, ...]:
    """The exercises a program names, as the guide has them (None: not there): what its
    preview and its PDFs show of the library."""
    return tuple((s, guide.exercises.get(s)) for s in program.exercise_slugs())


def all_jobs(guide: Guide, memo: Memo = NO_MEMO) -> list[Job]:
    """Every picture of the guide, once per path (shared muscle maps once). ``memo``: a serve
    session's jobs of its last build, by the records they are made of (``generator/memo.py``)."""
    muscles = memo.token("muscle vocabulary", tuple(guide.muscles.items()))
    jobs = [
        job
        for slug, ex in guide.exercises.items()
        for job in memo.get("exercise pictures", (slug, ex, muscles), exercise_jobs, slug, ex, guide.muscles)
    ]
    jobs += [
        memo.get("program preview", (slug, program, _used(program, guide)), program_job, slug, program, guide)
        for slug, program in guide.programs.items()
    ]
    return list({job.path: job for job in jobs}.values())
