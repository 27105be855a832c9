"""render_figures: every picture, sizes as promised, cached by content, identical bytes."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from generator import display, urls
from generator.figures import RENDERER_VERSION, render_figures, render_pictures
from generator.figures.cache import cache_key
from generator.model import Exercise, Figure, Guide, Keyframe

from ..conftest import GuidePictures


def _by_path(files: list) -> dict[str, bytes]:
    return {f.path: f.read() for f in files}


def _maps(ex: Exercise) -> tuple[str, str]:
    return (
        display.muscle_map_path(ex.muscles.primary, ex.muscles.secondary),
        display.muscle_map_small_path(ex.muscles.primary, ex.muscles.secondary),
    )


def test_every_exercise_and_program_gets_its_pictures(guide: Guide, guide_pictures: GuidePictures) -> None:
    # The session's one render of the guide (tests/conftest.py), not a render of its own.
    files, stats = guide_pictures.files, guide_pictures.stats
    paths = _by_path(files)
    for slug, ex in guide.exercises.items():
        assert set(_maps(ex)) <= set(paths)
        assert urls.preview_image_path("exercises", slug) in paths
        if ex.figure is not None:
            assert urls.figure_strip_path(slug) in paths
            assert urls.figure_animation_path(slug) in paths
    for slug in guide.programs:
        assert urls.preview_image_path("programs", slug) in paths
    assert all(p.startswith(urls.GENERATED_ASSETS + "/") for p in paths)
    assert [f.path for f in files] == sorted(paths)
    # One file per distinct muscle map: exercises that work the same muscles share it.
    maps = {m for ex in guide.exercises.values() for m in _maps(ex)}
    assert len([p for p in paths if "/muscles/" in p]) == len(maps) < 2 * len(guide.exercises)
    # It drew exactly what the cache lacked (everything, in a full run: it is the first render),
    # each distinct picture once.
    assert stats.cached == guide_pictures.cached_before
    assert stats.rendered == guide_pictures.to_draw
    assert stats.rendered + stats.cached == len(files)


def test_sizes(small_guide: Guide) -> None:
    files, _ = render_figures(small_guide, cache_dir=None, workers=1)
    paths = _by_path(files)
    slug = "romanian-deadlift"
    strip = Image.open(io.BytesIO(paths[urls.figure_strip_path(slug)]))
    assert strip.height == 540 and strip.format == "PNG"
    anim = Image.open(io.BytesIO(paths[urls.figure_animation_path(slug)]))
    assert (anim.format, anim.size) == ("WEBP", (960, 540))
    assert anim.n_frames > 10 and anim.is_animated
    card = Image.open(io.BytesIO(paths[urls.preview_image_path("exercises", slug)]))
    # A palette PNG (a quarter of an RGB one's size), opaque: chat apps show no transparency.
    assert (card.format, card.size, card.mode) == ("PNG", (1200, 630), "P")
    assert "transparency" not in card.info
    assert len(paths[urls.preview_image_path("exercises", slug)]) < 40_000
    big, small = _maps(small_guide.exercises[slug])
    assert Image.open(io.BytesIO(paths[big])).width == 480
    assert Image.open(io.BytesIO(paths[small])).size == (160, 180)


def test_second_render_takes_everything_from_the_cache(small_guide: Guide, tmp_path: Path) -> None:
    first, cold = render_figures(small_guide, cache_dir=tmp_path, workers=1)
    second, warm = render_figures(small_guide, cache_dir=tmp_path, workers=1)
    assert cold.rendered == len(first) and cold.cached == 0
    assert warm.rendered == 0 and warm.cached == len(second)
    assert _by_path(first) == _by_path(second)


def test_a_changed_figure_re_renders_only_its_own_pictures(small_guide: Guide, tmp_path: Path) -> None:
    render_figures(small_guide, cache_dir=tmp_path, workers=1)
    ex = small_guide.exercises["romanian-deadlift"]
    assert ex.figure is not None
    deeper = ex.figure.model_copy(
        update={
            "keyframes": [ex.figure.keyframes[0], Keyframe(name="bottom", base="hinge", angles={"knee": 25})]
        }
    )
    changed = small_guide.model_copy(
        update={"exercises": {"romanian-deadlift": ex.model_copy(update={"figure": deeper})}}
    )
    _, stats = render_figures(changed, cache_dir=tmp_path, workers=1)
    # The strip, the animation and the preview card show the figure; the muscle maps do not.
    assert (stats.rendered, stats.cached) == (3, 2)


def test_byte_identical_across_renders_and_worker_counts(small_guide: Guide) -> None:
    one, _ = render_figures(small_guide, cache_dir=None, workers=1)
    two, _ = render_figures(small_guide, cache_dir=None, workers=2)
    assert _by_path(one) == _by_path(two)


def test_cache_key_covers_inputs_and_version(monkeypatch: pytest.MonkeyPatch) -> None:
    figure = Figure(keyframes=[Keyframe(name="a", base="stand"), Keyframe(name="b", base="hinge")])
    data = {"figure": figure.model_dump(mode="json")}
    assert cache_key("strip", data) == cache_key("strip", dict(data))
    assert cache_key("strip", data) != cache_key("animation", data)
    assert cache_key("strip", data) != cache_key("strip", {"figure": None})
    # Bumping the version (by hand, when drawings change) misses every cached picture and
    # renames every content-addressed picture the pages print: one version for both.
    before = cache_key("strip", data), display.muscle_map_path(["hamstrings"], [])
    monkeypatch.setattr(display, "RENDERER_VERSION", RENDERER_VERSION + "-next")
    after = cache_key("strip", data), display.muscle_map_path(["hamstrings"], [])
    assert before[0] != after[0] and before[1] != after[1]


def test_picture_paths_never_collide() -> None:
    slugs = ["rdl", "rdl-small", "small"]
    paths = [f(s) for s in slugs for f in (urls.figure_strip_path, urls.figure_animation_path)] + [
        urls.preview_image_path(k, s) for k in urls.PREVIEW_KINDS for s in slugs
    ]
    paths += [display.muscle_map_path(["quads"], []), display.muscle_map_small_path(["quads"], [])]
    assert len(paths) == len(set(paths))


def test_muscle_maps_are_named_by_what_they_show() -> None:
    # Content-addressed: one file (one URL, one download) for every exercise with these muscles.
    name = display.muscle_map_path
    assert name(["quads", "glute-max"], ["calves"]) == name(["glute-max", "quads"], ["calves", "quads"])
    assert name(["quads"], []) != name(["quads"], ["calves"]) != name(["calves"], ["quads"])
    assert name(["quads"], []).startswith(urls.asset_path("muscles") + "/")
    assert display.muscle_map_small_path(["quads"], []) != name(["quads"], [])


def test_a_cached_picture_is_handed_over_as_the_cache_file(small_guide: Guide, tmp_path: Path) -> None:
    cold = render_pictures(small_guide, cache_dir=tmp_path, workers=1)
    warm = render_pictures(small_guide, cache_dir=tmp_path, workers=1)
    for files in (cold.files, warm.files):
        # Nothing held in memory: each file is a cache blob, linked or copied by the writer.
        assert all(
            f.source is not None and f.source.is_relative_to(tmp_path) and not f.content for f in files
        )
    assert _by_path(cold.files) == _by_path(warm.files)
    assert cold.figures == warm.figures  # a strip's facts come back from the cache with it
    uncached = render_pictures(small_guide, cache_dir=None, workers=1)
    assert all(f.source is None for f in uncached.files)
    assert _by_path(uncached.files) == _by_path(cold.files)


def test_strip_facts_match_the_rendered_strip(
    guide: Guide, guide_pictures: GuidePictures, render_cache: Path
) -> None:
    # Pages show each frame of the strip PNG at half its pixels and crop the hero from the
    # facts: they must describe the PNG as published. The PNGs and facts are the session's
    # one render (tests/conftest.py), read back from its cache.
    from generator.figures.cache import Cache
    from generator.figures.facts import figure_facts
    from generator.figures.jobs import exercise_jobs

    rendered = _by_path(guide_pictures.files)
    cache = Cache(render_cache, "figures")
    for slug, ex in guide.exercises.items():
        if ex.figure is None:
            continue
        strip = Image.open(io.BytesIO(rendered[urls.figure_strip_path(slug)])).convert("RGBA")
        job = next(j for j in exercise_jobs(slug, ex, guide.muscles) if j.kind == "strip")
        entry = cache.entry(job.key)
        assert entry is not None, slug
        facts = figure_facts(ex.figure, entry.facts)
        assert facts.frames == len(ex.figure.strip_keyframes())
        assert facts.strip_px == strip.width and facts.height_px == strip.height
        assert 0 <= facts.key_frame < facts.frames and len(facts.phrases) == len(ex.figure.keyframes)
        top = strip.getchannel("A").getbbox()
        assert top is not None and facts.top_px <= top[1], slug  # the crop never cuts the figure


def test_exercises_without_a_figure_share_the_card_of_their_muscles(
    small_guide: Guide, tmp_path: Path
) -> None:
    # An import of 800 exercises without figures: one link-preview card per set of muscles
    # (their names and map), not one per exercise; og:title names the exercise.
    rdl = small_guide.exercises["romanian-deadlift"]
    bare = rdl.model_copy(update={"figure": None})
    reordered = bare.model_copy(
        update={"muscles": bare.muscles.model_copy(update={"primary": list(reversed(bare.muscles.primary))})}
    )
    other = bare.model_copy(update={"muscles": bare.muscles.model_copy(update={"secondary": []})})
    exercises = {"rdl": rdl, "a": bare, "b": reordered, "c": other}
    guide = small_guide.model_copy(update={"exercises": exercises})
    previews = {
        slug: display.exercise_preview_path(slug, ex, guide.muscles) for slug, ex in exercises.items()
    }
    assert previews["rdl"] == urls.preview_image_path("exercises", "rdl")  # a figure: its own card
    assert previews["a"] == previews["b"] != previews["c"]
    assert display.exercise_preview_alt(bare, guide.muscles).startswith(
        "Muscles worked: Glute max and hamstrings."
    )
    pictures = render_pictures(guide, cache_dir=None, workers=1)
    paths = _by_path(pictures.files)
    assert set(previews.values()) <= set(paths)
    assert len([p for p in paths if "/previews/" in p]) == 3
    card = Image.open(io.BytesIO(paths[previews["a"]]))
    assert (card.format, card.size, card.mode) == ("PNG", (1200, 630), "P")
    assert set(pictures.figures) == {"rdl"}  # strip facts only where there is a strip


# What each kind of picture may weigh (KB): a phone on a poor signal loads them, and a library
# of 900 exercises publishes hundreds. Measured on the guide when set (RENDERER_VERSION 10):
# animations 59 KB on average (97 KB with a Lanczos reduction; the largest, with its
# close-ups, 153 KB), strips 8, muscle maps 11.7
# (17.5 before they were coloured from parts), thumbnails 3.8, preview cards 19.
SIZE_BUDGETS_KB = {  # kind: (each at most, the average at most)
    ".webp": (200, 75),
    "/figures/": (24, 12),
    "/muscles/small/": (5.5, 4.5),
    "/muscles/": (15, 13.5),
    "/previews/": (32, 24),
}


def test_each_kind_of_picture_stays_within_its_size_budget(guide_pictures: GuidePictures) -> None:
    by_kind: dict[str, list[int]] = {}
    for file in guide_pictures.files:
        kind = next(k for k in SIZE_BUDGETS_KB if k in file.path or file.path.endswith(k))
        by_kind.setdefault(kind, []).append(file.size)
    assert set(by_kind) == set(SIZE_BUDGETS_KB)
    for kind, sizes in by_kind.items():
        each, average = SIZE_BUDGETS_KB[kind]
        assert max(sizes) <= each * 1024, (kind, max(sizes))
        assert sum(sizes) / len(sizes) <= average * 1024, (kind, sum(sizes) / len(sizes))
