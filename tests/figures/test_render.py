"""render_figures: every picture, sizes as promised, cached by content, identical bytes."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from generator import urls
from generator.figures import RENDERER_VERSION, render_figures
from generator.figures.cache import cache_key
from generator.model import Figure, Guide, Keyframe

from ..conftest import GuidePictures


def _by_path(files: list) -> dict[str, bytes]:
    return {f.path: f.content for f in files}


def test_every_exercise_and_program_gets_its_pictures(guide: Guide, guide_pictures: GuidePictures) -> None:
    # The session's one render of the guide (tests/conftest.py), not a render of its own.
    files, stats = guide_pictures.files, guide_pictures.stats
    paths = _by_path(files)
    for slug, ex in guide.exercises.items():
        assert urls.muscle_map_path(slug) in paths
        assert urls.muscle_map_small_path(slug) in paths
        assert urls.preview_image_path("exercises", slug) in paths
        if ex.figure is not None:
            assert urls.figure_strip_path(slug) in paths
            assert urls.figure_animation_path(slug) in paths
    for slug in guide.programs:
        assert urls.preview_image_path("programs", slug) in paths
    assert all(p.startswith(urls.GENERATED_ASSETS + "/") for p in paths)
    assert [f.path for f in files] == sorted(paths)
    # It drew exactly what the cache lacked (everything, in a full run: it is the first render),
    # each distinct picture once (two exercises with the same muscles share their maps).
    assert stats.cached == guide_pictures.cached_before
    assert stats.rendered == guide_pictures.to_draw
    assert stats.rendered + stats.cached <= len(files)


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
    assert Image.open(io.BytesIO(paths[urls.muscle_map_path(slug)])).width == 480
    assert Image.open(io.BytesIO(paths[urls.muscle_map_small_path(slug)])).size == (160, 180)


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


def test_cache_key_covers_inputs_and_version() -> None:
    figure = Figure(keyframes=[Keyframe(name="a", base="stand"), Keyframe(name="b", base="hinge")])
    data = {"figure": figure.model_dump(mode="json")}
    assert cache_key("strip", data) == cache_key("strip", dict(data))
    assert cache_key("strip", data) != cache_key("animation", data)
    assert cache_key("strip", data) != cache_key("strip", {"figure": None})
    assert RENDERER_VERSION  # bumped by hand when drawings change


def test_picture_paths_never_collide() -> None:
    slugs = ["rdl", "rdl-small", "small"]
    paths = [
        f(s)
        for s in slugs
        for f in (
            urls.figure_strip_path,
            urls.figure_animation_path,
            urls.muscle_map_path,
            urls.muscle_map_small_path,
        )
    ] + [urls.preview_image_path(k, s) for k in urls.PREVIEW_KINDS for s in slugs]
    assert len(paths) == len(set(paths))


def test_pages_get_the_same_strip_size_from_the_png_as_from_the_layout(
    guide: Guide, guide_pictures: GuidePictures
) -> None:
    # Pages read a strip's size off the rendered PNG when they have it, and lay it out
    # otherwise: both must agree, or a page would shift between the two kinds of build.
    # Each frame of the page's strip grid is one frame of the PNG, at half its pixels.
    # The PNGs are the session's one render of the guide (tests/conftest.py).
    from generator.figures.strip import FRAME_GAP_PX
    from generator.pages.pictures import ExercisePictures

    rendered = _by_path(guide_pictures.files)
    for slug, ex in guide.exercises.items():
        if ex.figure is None:
            continue
        strip = Image.open(io.BytesIO(rendered[urls.figure_strip_path(slug)]))
        n = len(ex.figure.strip_keyframes())
        frame = ((strip.width - (n - 1) * FRAME_GAP_PX) // n // 2, strip.height // 2)
        assets = {urls.figure_strip_path(slug): rendered[urls.figure_strip_path(slug)]}
        from_png = ExercisePictures(guide, slug, urls.exercise_source(slug), assets).strip
        from_layout = ExercisePictures(guide, slug, urls.exercise_source(slug)).strip
        assert from_layout.count(f'width="{frame[0]}" height="{frame[1]}"') == n
        assert from_png == from_layout
