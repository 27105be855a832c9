"""The exercise page cache (generator/pages/pagecache.py) never serves a stale page.

Each test edits the guide in one way an exercise page can see from *another* record (a
linked exercise's summary, name or level, a deleted or renamed exercise, a program's name or
exercises, a muscle's or a kit's name, the strip's facts), renders it once with the pages of
the guide before the edit in the cache, and once from a cold cache: both must be the same,
and the edit must show on some exercise page (so the test can fail).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator import bundle
from generator.bundle import Bundle
from generator.cache import Cache
from generator.display import FigureFacts
from generator.files import GeneratedFile
from generator.load import load_guide
from generator.model import Guide, Variation
from generator.pages import finder, pagecache, render_pages, search_terms
from generator.substitutes import substitutes

from ..conftest import CONTENT

GUIDE = load_guide(CONTENT)


def _pages(guide: Guide, figures: dict[str, FigureFacts] | None = None, **kw: object) -> dict[str, str]:
    files: list[GeneratedFile] = render_pages(guide, {}, figures or {}, **kw)  # type: ignore[arg-type]
    return {
        f.path: f.content.decode() for f in files if f.path.startswith("exercises/") and "/by-" not in f.path
    }


def _replace_exercise(guide: Guide, slug: str, **update: object) -> Guide:
    exercises = dict(guide.exercises)
    exercises[slug] = exercises[slug].model_copy(update=update)
    return guide.model_copy(update={"exercises": exercises})


def _related_target() -> tuple[str, str]:
    """(an exercise, a page that lists it among its related exercises)."""
    for slug in GUIDE.exercises:
        for other in finder.related(GUIDE, slug):
            return other, slug
    raise AssertionError("no exercise lists a related one")


def _variation_target() -> tuple[str, str]:
    """(an exercise, a page that links it as an easier or harder version)."""
    for slug, ex in GUIDE.exercises.items():
        for v in [*ex.easier, *ex.harder]:
            if v.exercise:
                return v.exercise, slug
    raise AssertionError("no exercise links a library version")


def _without_written_substitutes(guide: Guide) -> Guide:
    """The guide with no substitute written and no library version linked: each swap is computed."""
    exercises = {
        slug: ex.model_copy(update={"substitutes": type(ex.substitutes)(), "easier": [], "harder": []})
        for slug, ex in guide.exercises.items()
    }
    return guide.model_copy(update={"exercises": exercises})


COMPUTED = _without_written_substitutes(GUIDE)


def _substitute_target() -> tuple[str, str]:
    """(an exercise, a page that names it as a computed substitute), in ``COMPUTED``."""
    for slug in COMPUTED.exercises:
        for s in substitutes(COMPUTED, slug):
            if s.computed and s.variation is not None and s.variation.exercise:
                return s.variation.exercise, slug
    raise AssertionError("no computed substitute names an exercise")


def _unlinked_related() -> tuple[str, str]:
    """(an exercise no file names, a page that lists it as related): it can be deleted."""
    named = {v.exercise for ex in GUIDE.exercises.values() for v in [*ex.easier, *ex.harder] if v.exercise}
    named |= {
        v.exercise for ex in GUIDE.exercises.values() for v in ex.substitutes.given().values() if v.exercise
    }
    named |= {s for p in GUIDE.programs.values() for s in p.exercise_slugs()}
    for slug in GUIDE.exercises:
        for other in finder.related(GUIDE, slug):
            if other not in named:
                return other, slug
    raise AssertionError("every related exercise is named somewhere")


def _summary(guide: Guide) -> Guide:
    other, _ = _related_target()
    return _replace_exercise(guide, other, summary=guide.exercises[other].summary + " Edited.")


def _level(guide: Guide) -> Guide:
    other, _ = _related_target()
    ex = guide.exercises[other]
    level = next(lv for lv in type(ex.level) if lv is not ex.level)
    return _replace_exercise(guide, other, level=level)


def _variation_name(guide: Guide) -> Guide:
    other, _ = _variation_target()
    return _replace_exercise(guide, other, name=guide.exercises[other].name + " Renamed")


def _substitute_name(guide: Guide) -> Guide:
    other, _ = _substitute_target()
    return _replace_exercise(guide, other, name=guide.exercises[other].name + " Renamed")


def _delete(guide: Guide) -> Guide:
    gone, _ = _unlinked_related()
    exercises = {s: ex for s, ex in guide.exercises.items() if s != gone}
    return guide.model_copy(update={"exercises": exercises})


def _rename_slug(guide: Guide) -> Guide:
    """A related exercise moved to a new slug (its page URL changes; every link to it must)."""
    old, _ = _unlinked_related()
    exercises = {("zz-renamed" if s == old else s): ex for s, ex in guide.exercises.items()}
    return guide.model_copy(update={"exercises": dict(sorted(exercises.items()))})


def _program_name(guide: Guide) -> Guide:
    slug, program = next(iter(guide.programs.items()))
    programs = {**guide.programs, slug: program.model_copy(update={"name": program.name + " Renamed"})}
    return guide.model_copy(update={"programs": programs})


def _program_drops(guide: Guide) -> Guide:
    slug = next(iter(guide.programs))
    programs = {s: p for s, p in guide.programs.items() if s != slug}
    return guide.model_copy(update={"programs": programs})


def _muscle_name(guide: Guide) -> Guide:
    mid, muscle = next(iter(guide.muscles.items()))
    muscles = {**guide.muscles, mid: muscle.model_copy(update={"name": muscle.name + " Renamed"})}
    return guide.model_copy(update={"muscles": muscles})


def _equipment_name(guide: Guide) -> Guide:
    used = {e for ex in guide.exercises.values() for e in ex.equipment.required}
    eid = next(e for e in guide.equipment if e in used)
    kit = guide.equipment[eid]
    equipment = {**guide.equipment, eid: kit.model_copy(update={"name": kit.name + " Renamed"})}
    return guide.model_copy(update={"equipment": equipment})


def _written_substitute(guide: Guide) -> Guide:
    """An exercise's own substitute list names another exercise for a kit it did not cover."""
    other, slug = _related_target()
    ex = guide.exercises[slug]
    given = ex.substitutes.model_copy(update={"gym": Variation(exercise=other, how="Heavier.")})
    return _replace_exercise(guide, slug, substitutes=given)


def _common_text(guide: Guide) -> Guide:
    """One exercise's cue written on every exercise its page does not show: the exercise and
    every record its page shows unchanged, its page now keeps that cue out of search (a text
    common in the library, search_terms.generic_texts): only the library-wide fact changed."""
    mine_slug = next(iter(guide.exercises))
    mine = guide.exercises[mine_slug]
    inputs = pagecache.ExerciseInputs(
        mine_slug, None, (), tuple(finder.related(guide, mine_slug)), tuple(substitutes(guide, mine_slug))
    )
    shown = set(inputs.shown(mine))
    exercises = dict(guide.exercises)
    for slug, ex in guide.exercises.items():
        if slug not in shown:
            exercises[slug] = ex.model_copy(update={"cues": [mine.cues[0], *ex.cues[1:]]})
    edited = guide.model_copy(update={"exercises": exercises})
    assert mine.cues[0] in search_terms.generic_texts(edited)
    return edited


EDITS: dict[str, Callable[[Guide], Guide]] = {  # each applied to BASES.get(name, GUIDE)
    "a related exercise's summary": _summary,
    "a related exercise's level": _level,
    "a linked version's name": _variation_name,
    "a computed substitute's name": _substitute_name,
    "a related exercise deleted": _delete,
    "a related exercise renamed (slug)": _rename_slug,
    "a program's name": _program_name,
    "a program removed": _program_drops,
    "a muscle's name": _muscle_name,
    "an equipment's name": _equipment_name,
    "a written substitute": _written_substitute,
    "a text becoming common in the library": _common_text,
}
BASES = {"a computed substitute's name": COMPUTED}


@pytest.mark.parametrize("edit", list(EDITS))
def test_an_edit_elsewhere_renders_the_pages_that_show_it_as_a_cold_cache_does(edit: str) -> None:
    base = BASES.get(edit, GUIDE)
    pagecache.forget()
    before = _pages(base)  # the cache now holds every page of the guide before the edit
    edited = EDITS[edit](base)
    warm = _pages(edited)
    pagecache.forget()
    cold = _pages(edited)
    assert warm == cold
    changed = [p for p in cold if p in before and before[p] != cold[p]]
    assert changed or cold.keys() != before.keys(), f"{edit}: no exercise page shows it"


def test_new_strip_facts_render_the_page_again() -> None:
    slug = next(s for s, ex in GUIDE.exercises.items() if ex.figure is not None)
    facts = FigureFacts(
        frames=4, frame_px=200, height_px=300, top_px=10, key_frame=1, phrases=("a", "b", "c", "d")
    )
    pagecache.forget()
    before = _pages(GUIDE, {slug: facts})
    moved = FigureFacts(
        frames=4, frame_px=220, height_px=300, top_px=10, key_frame=2, phrases=("a", "b", "c", "d")
    )
    after = _pages(GUIDE, {slug: moved})
    pagecache.forget()
    assert after == _pages(GUIDE, {slug: moved})
    assert after[f"exercises/{slug}.md"] != before[f"exercises/{slug}.md"]


def test_pages_kept_in_the_render_cache_are_the_pages_a_cold_build_renders(tmp_path: Path) -> None:
    """Across processes (the memory forgotten): a one-edit build reads the others from disk."""
    pagecache.forget()
    _pages(GUIDE, cache_dir=tmp_path)
    assert any((tmp_path / pagecache.NAMESPACE).rglob("*")), "nothing kept on disk"
    edited = _summary(GUIDE)
    pagecache.forget()
    from_disk = _pages(edited, cache_dir=tmp_path)
    pagecache.forget()
    assert from_disk == _pages(edited)
    # Only the pages that show the edited exercise were rendered again (and kept anew), all of
    # them in one file of the render cache (a bundle: generator/bundle.py).
    assert len([p for p in (tmp_path / pagecache.NAMESPACE).rglob("*") if p.is_file()]) == 1
    kept = Bundle(Cache(tmp_path, pagecache.NAMESPACE, linkable=False), "pages").held
    new = len(kept) - len(GUIDE.exercises)
    assert 1 <= new < len(GUIDE.exercises) // 2, new


def test_a_serve_rebuild_keeps_every_page_of_the_site_in_the_render_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Serve finds most pages in memory: they are this site's as much as those it renders, and
    the render cache keeps them all (a write keeps what its use used, and a few more)."""
    monkeypatch.setattr(bundle, "SPARE", 0)
    pagecache.forget()
    _pages(GUIDE, cache_dir=tmp_path)
    _pages(_summary(GUIDE), cache_dir=tmp_path)  # memory kept, as a serve session's
    kept = Bundle(Cache(tmp_path, pagecache.NAMESPACE, linkable=False), "pages").held
    assert len(kept) > len(GUIDE.exercises)  # every page, and the edited ones' new versions
    pagecache.forget()
    assert _pages(_summary(GUIDE), cache_dir=tmp_path) == _pages(_summary(GUIDE))


def test_a_page_cannot_read_a_record_its_key_does_not_name() -> None:
    """The page is rendered from its view: a record outside it is a KeyError, never a stale page."""
    slug = next(iter(GUIDE.exercises))
    inputs = pagecache.ExerciseInputs(slug, None, (), (), ())
    other = next(o for o in GUIDE.exercises if o not in inputs.shown(GUIDE.exercises[slug]))
    seen = pagecache.view(GUIDE, inputs)
    assert slug in seen.exercises
    with pytest.raises(KeyError):
        seen.exercises[other]
