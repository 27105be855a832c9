"""The fast ways of drawing give what the plain ways give.

A frame is painted as a map of roles (``draw.painted``, one byte a pixel) and shrunk from its
premultiplied palette (``draw.downsample``); the trunk's outline projects each section's centre
and axes once (``shapes._swept``). Each is checked here against the plain way written out in
full: every part laid over an RGBA canvas through its own mask after its slit is cut, the whole
canvas premultiplied, and every point of every section projected from 3-D on its own.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pytest
from PIL import Image, ImageDraw

from generator.figures import draw, style
from generator.figures.draw import ROLE_COLOURS, Camera, _draw_shape, downsample, painted, shape_bounds
from generator.figures.frame import elements
from generator.figures.motion import Motion, motion
from generator.figures.shapes import (
    CAP,
    RING,
    TRUNK,
    TRUNK_CAP,
    Element,
    Poly,
    _shrunk,
    _smoothed,
    body_elements,
    project,
)
from generator.figures.skeleton import Body
from generator.model import Figure, Guide, View

SS = style.SUPERSAMPLE


def _plain(size: tuple[int, int], parts: Sequence[Element], cam: Camera) -> Image.Image:
    """Every part laid over an RGBA canvas in order: its grown outline cut to transparent, then
    its colour through its mask (how frames were painted before ``painted``)."""
    canvas = Image.new("RGBA", size, (*style.FIGURE, 0))
    for e in parts:
        if e.gap:
            cut = Image.new("L", size, 0)
            for s in e.shapes:
                _draw_shape(ImageDraw.Draw(cut), s, cam, SS, style.GAP, 255)
            canvas.putalpha(Image.composite(Image.new("L", size, 0), canvas.getchannel("A"), cut))
        mask = Image.new("L", size, 0)
        for s in e.shapes:
            _draw_shape(ImageDraw.Draw(mask), s, cam, SS, 0.0, 255)
        canvas = Image.composite(Image.new("RGBA", size, ROLE_COLOURS[e.role]), canvas, mask)
    return canvas


def _plain_downsample(img: Image.Image, size: tuple[int, int]) -> Image.Image:
    premultiplied = img.convert("RGBa")
    if img.width % size[0] == 0 and img.width // size[0] == img.height / size[1]:
        return premultiplied.reduce(img.width // size[0]).convert("RGBA")
    return premultiplied.resize(size, Image.Resampling.BOX).convert("RGBA")


@pytest.fixture(scope="module")
def motions(guide: Guide) -> list[tuple[str, Figure, Motion]]:
    return [
        (slug, ex.figure, motion(ex.figure)) for slug, ex in guide.exercises.items() if ex.figure is not None
    ]


def _scenes(motions: list[tuple[str, Figure, Motion]]) -> list[tuple[str, list[Element]]]:
    """Every figure of the guide at its first and its last keyframe, with its props and box."""
    out = []
    for slug, figure, m in motions:
        for i in (0, len(m.keys) - 1):
            parts = elements(m.keys[i], figure.view, tuple(figure.props), m.box, figure.grip, m.scenery)
            out.append((f"{slug}[{i}]", parts))
    return out


def _camera(parts: Sequence[Element], px: int) -> tuple[Camera, tuple[int, int]]:
    x0, y0, x1, y1 = shape_bounds(s for e in parts for s in e.shapes)
    scale = px / max(x1 - x0, y1 - y0)
    size = (math.ceil((x1 - x0) * scale) + 10, math.ceil((y1 - y0) * scale) + 10)
    return Camera(scale, 5 - x0 * scale, 5 + y1 * scale), size


def test_a_map_of_roles_gives_the_pixels_of_laying_each_part_over_rgba(
    motions: list[tuple[str, Figure, Motion]],
) -> None:
    scenes = _scenes(motions)
    # The guide has what makes the two ways differ if one is wrong: a see-through box under
    # the figure, limbs over the trunk (slits), held weights, both views.
    roles = {e.role for _, parts in scenes for e in parts}
    assert {"box", "near", "far", "prop"} <= roles
    for name, parts in scenes:
        cam, size = _camera(parts, 60)
        big = (size[0] * SS, size[1] * SS)
        labels = painted(big, parts, cam, SS)
        assert labels.mode == "P"
        plain = _plain(big, parts, cam)
        # The same colour and alpha in every sample (where nothing shows, the colour is moot).
        drawn = labels.convert("RGBA")
        assert drawn.getchannel("A").tobytes() == plain.getchannel("A").tobytes(), name
        assert drawn.convert("RGBa").tobytes() == plain.convert("RGBa").tobytes(), name
        # And shrunk: straight from the palette, as from a whole premultiplied RGBA canvas.
        assert downsample(labels, size).tobytes() == _plain_downsample(plain, size).tobytes(), name


@pytest.mark.parametrize("size", [(41, 37), (40, 52)])
def test_a_map_of_roles_shrunk_to_any_size_matches_the_rgba_way(
    motions: list[tuple[str, Figure, Motion]], size: tuple[int, int]
) -> None:
    # A size the canvas is no whole multiple of goes through the box filter, not ``reduce``.
    _, parts = next(s for s in _scenes(motions) if any(e.role == "box" for e in s[1]))
    cam, _ = _camera(parts, 100)
    big = (125, 151)
    labels = painted(big, parts, Camera(cam.scale / SS, cam.x0 / SS, cam.floor / SS), SS)
    plain = labels.convert("RGBA")
    assert downsample(labels, size).tobytes() == _plain_downsample(plain, size).tobytes()


def test_a_pillow_without_the_core_reduce_takes_the_public_path_to_the_same_pixels(
    motions: list[tuple[str, Figure, Motion]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # ``_downsample_labels`` uses the core's private ``reduce``; a Pillow that moves it must
    # still get the same frame, through the public API.
    _, parts = next(iter(_scenes(motions)))
    cam, _ = _camera(parts, 100)
    big = (120, 150)
    labels = painted(big, parts, Camera(cam.scale / SS, cam.x0 / SS, cam.floor / SS), SS)
    fast = downsample(labels, (40, 50)).tobytes()

    def moved(samples: Image.Image, factor: int) -> Image.Image:
        raise AttributeError("'ImagingCore' object has no attribute 'reduce'")

    monkeypatch.setattr(draw, "_core_reduce", moved)
    assert downsample(labels, (40, 50)).tobytes() == fast
    assert fast == _plain_downsample(labels.convert("RGBA"), (40, 50)).tobytes()


def test_painting_over_a_part_cuts_its_slit_to_nothing() -> None:
    # The slit is index 0 (transparent) in the map, not the colour of what lay beneath.
    from generator.figures.shapes import Capsule

    under = Element("far", (Capsule((0.0, 0.5), (1.0, 0.5), 0.2, 0.2),), (0.0, 0))
    over = Element("near", (Capsule((0.5, 0.0), (0.5, 1.0), 0.05, 0.05),), (1.0, 0))
    cam = Camera(400.0, 0.0, 400.0)  # the near part 40 px wide, the slit 5 px either side
    labels = painted((400, 400), [under, over], cam, 1)
    row = [labels.getpixel((x, 200)) for x in range(400)]
    far, near = 1, 2
    assert row[182:219] == [near] * 37
    assert row[176:179] == [0] * 3 and row[222:225] == [0] * 3  # the slit either side
    assert row[100] == far and row[300] == far
    assert labels.convert("RGBA").getchannel("A").getpixel((177, 200)) == 0


def _swept_plain(body: Body, view: View, profile: Sequence[tuple[float, float, float, float]]) -> list[Poly]:
    """The trunk's outline with every point of every section projected from 3-D on its own."""

    def s(v: tuple[float, float, float]) -> tuple[float, float]:
        x, y, _ = project(v, view)
        return (x, y)

    def add(*vs: tuple[float, float, float]) -> tuple[float, float, float]:
        return (sum(v[0] for v in vs), sum(v[1] for v in vs), sum(v[2] for v in vs))

    def scale(v: tuple[float, float, float], k: float) -> tuple[float, float, float]:
        return (v[0] * k, v[1] * k, v[2] * k)

    pelvis, neck = body.points["pelvis"], body.points["neck"]
    d = [n - p for n, p in zip(neck, pelvis, strict=True)]
    length = math.sqrt(sum(c * c for c in d))
    spine = (d[0] / length, d[1] / length, d[2] / length)
    smooth = _smoothed(profile)
    sections = [
        *[_shrunk(smooth[0], -TRUNK_CAP * k, f) for k, f in CAP],
        *smooth,
        *[_shrunk(smooth[-1], TRUNK_CAP * k, f) for k, f in reversed(CAP)],
    ]
    rings = []
    for level, front, back, width in sections:
        centre = add(pelvis, scale(spine, level), scale(body.chest, (front + back) / 2))
        depth = (front - back) / 2
        rings.append(
            [s(add(centre, scale(body.chest, depth * c), scale(body.left, width * sn))) for c, sn in RING]
        )
    axis = s(spine)
    if math.hypot(*axis) < 0.5:
        return [Poly(tuple(r)) for r in rings]
    n = (-axis[1] / math.hypot(*axis), axis[0] / math.hypot(*axis))
    side = [min(r, key=lambda p: p[0] * n[0] + p[1] * n[1]) for r in rings]
    other = [max(r, key=lambda p: p[0] * n[0] + p[1] * n[1]) for r in rings]
    return [Poly((*side, *reversed(other)))]


def _flat(points: Sequence[tuple[float, float]]) -> list[float]:
    return [c for p in points for c in p]


def test_the_trunk_projected_once_a_section_is_the_trunk_projected_point_by_point(
    motions: list[tuple[str, Figure, Motion]],
) -> None:
    bodies = [(m.keys[-1], figure.view) for _, figure, m in motions]
    bodies += [(m.between(0, 0.5), figure.view) for _, figure, m in motions[::3]]
    # Every camera, so a body lying toward the camera (its sections drawn) is among them.
    bodies += [(body, view) for body, _ in bodies[::4] for view in View]
    end_on = 0
    pelvis_part = tuple(t for t in TRUNK if t[0] <= 0.1)
    for body, view in bodies:
        trunk = body_elements(body, view, ())[0].shapes
        expected = _swept_plain(body, view, TRUNK)
        end_on += len(expected) > 1
        got = [s for s in trunk if isinstance(s, Poly)]
        assert len(got) == len(expected)
        for a, b in zip(got, expected, strict=True):
            assert _flat(a.points) == pytest.approx(_flat(b.points), abs=1e-12)
        pelvis = body_elements(body, view, ())[-1].shapes
        for part, b in zip(pelvis, _swept_plain(body, view, pelvis_part), strict=True):
            assert isinstance(part, Poly) and _flat(part.points) == pytest.approx(_flat(b.points), abs=1e-12)
    assert end_on > 0, "no body with its spine toward the camera: the sections' case went untested"
