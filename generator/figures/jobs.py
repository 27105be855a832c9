"""One picture to make = one job: an output path, a kind and plain-data inputs.

Jobs carry JSON-ready inputs, not model objects, for two reasons: the inputs *are* the cache
key (hash them and you know whether the picture changed), and they cross into worker
processes cheaply and safely.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import urls
from ..model import Exercise, Figure, Guide, Program
from .animate import render_animation
from .cache import cache_key
from .encode import card_png, png
from .muscles import render_muscle_map, render_muscle_map_small
from .preview import EXACT, render_exercise_preview, render_program_preview
from .strip import render_strip


@dataclass(frozen=True)
class Job:
    path: str
    kind: str
    inputs: dict[str, Any]

    @property
    def key(self) -> str:
        return cache_key(self.kind, self.inputs)


def run(job: Job) -> bytes:
    """Render one job to bytes. A module-level function, so worker processes can run it."""
    i = job.inputs
    match job.kind:
        case "strip":
            return png(render_strip(Figure.model_validate(i["figure"])))
        case "animation":
            return render_animation(Figure.model_validate(i["figure"]), i.get("tempo"))
        case "muscles":
            return png(render_muscle_map(i["primary"], i["secondary"]))
        case "muscles-small":
            return png(render_muscle_map_small(i["primary"], i["secondary"]))
        case "preview-exercise":
            figure = Figure.model_validate(i["figure"]) if i["figure"] else None
            card = render_exercise_preview(i["name"], i["summary"], figure, i["primary"], i["secondary"])
            return card_png(card, EXACT)
        case "preview-program":
            figures = [Figure.model_validate(f) for f in i["figures"]]
            return card_png(render_program_preview(i["name"], i["summary"], i["kicker"], figures), EXACT)
    raise ValueError(f"unknown picture kind {job.kind!r}")


def _muscles(ex: Exercise) -> dict[str, list[str]]:
    return {"primary": list(ex.muscles.primary), "secondary": list(ex.muscles.secondary)}


def exercise_jobs(slug: str, ex: Exercise) -> list[Job]:
    jobs = [
        Job(urls.muscle_map_path(slug), "muscles", _muscles(ex)),
        Job(urls.muscle_map_small_path(slug), "muscles-small", _muscles(ex)),
    ]
    figure = ex.figure.model_dump(mode="json") if ex.figure else None
    if figure is not None:
        jobs.append(Job(urls.figure_strip_path(slug), "strip", {"figure": figure}))
        # The animation's timing follows the exercise's tempo (3 s lowering for "3-1-1").
        animation = {"figure": figure, "tempo": ex.tempo}
        jobs.append(Job(urls.figure_animation_path(slug), "animation", animation))
    preview = {"name": ex.name, "summary": ex.summary, "figure": figure, **_muscles(ex)}
    jobs.append(Job(urls.preview_image_path("exercises", slug), "preview-exercise", preview))
    return jobs


def program_job(slug: str, program: Program, guide: Guide) -> Job:
    figures = [
        guide.exercises[s].figure.model_dump(mode="json")
        for s in program.exercise_slugs()
        if s in guide.exercises and guide.exercises[s].figure is not None
    ]
    weeks = len(program.weeks)
    kicker = f"Program · {weeks} week{'s' if weeks != 1 else ''} · {program.level.value}"
    inputs = {"name": program.name, "summary": program.summary, "kicker": kicker, "figures": figures[:4]}
    return Job(urls.preview_image_path("programs", slug), "preview-program", inputs)


def all_jobs(guide: Guide) -> list[Job]:
    jobs = [job for slug, ex in guide.exercises.items() for job in exercise_jobs(slug, ex)]
    jobs += [program_job(slug, program, guide) for slug, program in guide.programs.items()]
    return jobs
