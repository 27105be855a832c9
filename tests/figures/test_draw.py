"""How the body is drawn: tapered limbs, hands at the grip, planted palms, one trunk, colours
that hold ≥ 3:1 on both of Material's page backgrounds, and identical pixels for equal input.

Built from figures written here (not the guide's content), so these run whatever the library
holds.
"""

from __future__ import annotations

import math

import pytest
from PIL import Image

from generator.figures import style
from generator.figures.draw import ROLE_COLOURS, Camera, render_body
from generator.figures.frame import elements
from generator.figures.motion import motion
from generator.figures.shapes import (
    FOREARM_R,
    GRIP_HALF,
    SHIN_R,
    THIGH_R,
    UPPER_ARM_R,
    Capsule,
    Disc,
    Poly,
    grip_axis,
    planted,
    project,
)
from generator.model import Figure, Grip, Keyframe, Prop, View


def _figure(*bases: str, props: list[str] | None = None, view: str = "side", grip: str = "neutral") -> Figure:
    return Figure(
        view=View(view),
        props=[Prop(p) for p in props or []],
        grip=Grip(grip),
        keyframes=[Keyframe(name=f"k{i}", base=b) for i, b in enumerate(bases)],
    )


# --- colour -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["near", "far", "prop", "far-prop", "band", "arrow"])
@pytest.mark.parametrize("page", [style.LIGHT_PAGE, style.DARK_PAGE], ids=["light", "slate"])
def test_every_figure_colour_has_3_to_1_on_both_palettes(role: str, page: style.RGB) -> None:
    r, g, b, a = ROLE_COLOURS[role]
    # Opaque, so the colour on the page is the colour measured (a part-transparent far limb
    # was what vanished on slate).
    assert a == 255, f"{role} is drawn see-through"
    assert style.contrast((r, g, b), page) >= 3.0, f"{role} {(r, g, b)} on {page}"


def test_far_side_is_lighter_than_near_side() -> None:
    assert style.luminance(style.FIGURE_FAR) > style.luminance(style.FIGURE) * 1.2
    assert style.luminance(style.PROP_FAR) > style.luminance(style.PROP)


def test_contrast_formula_matches_wcag() -> None:
    assert style.contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert style.contrast((118, 118, 118), (255, 255, 255)) == pytest.approx(4.54, abs=0.01)


def _render(figure: Figure, key: int = 0) -> Image.Image:
    m = motion(figure)
    cam = Camera(300.0, 200.0, 360.0)
    return render_body(
        m.keys[key], figure.view, tuple(figure.props), cam, (400, 400), box=m.box, grip=figure.grip
    )


def _count(image: Image.Image, rgb: style.RGB) -> int:
    return sum(n for n, px in image.getcolors(1 << 20) or [] if px == (*rgb, 255))


def test_far_limbs_and_far_dumbbell_are_painted_in_their_colours() -> None:
    # A lateral lunge seen three-quarter shows the far leg and the far arm's dumbbell.
    image = _render(_figure("stand", "lateral-lunge", props=["dumbbells"], view="three-quarter"), 1)
    assert _count(image, style.FIGURE) > 2000
    assert _count(image, style.FIGURE_FAR) > 800
    assert _count(image, style.PROP_FAR) > 50


# --- shapes -----------------------------------------------------------------------------------


def test_limbs_taper() -> None:
    # Thigh thicker than shin, upper arm than forearm, and each narrower at its far end.
    assert THIGH_R[0] > THIGH_R[1] >= SHIN_R[0] > SHIN_R[1]
    assert UPPER_ARM_R[0] > UPPER_ARM_R[1] >= FOREARM_R[0] > FOREARM_R[1]
    body = motion(_figure("stand", "stand")).keys[0]
    leg = next(e for e in elements(body, View.side, ()) if e.role == "near" and len(e.shapes) == 5)
    thigh, shin = leg.shapes[0], leg.shapes[1]
    assert isinstance(thigh, Capsule) and isinstance(shin, Capsule)
    assert (thigh.ra, thigh.rb, shin.ra, shin.rb) == (*THIGH_R, *SHIN_R)


def test_trunk_is_one_outline_with_a_chest_wider_than_the_waist_and_no_blob() -> None:
    body = motion(_figure("stand", "stand")).keys[0]
    parts = elements(body, View.front, ())
    discs = [s for e in parts for s in e.shapes if isinstance(s, Disc)]
    assert len(discs) == 1  # the head; the old hip and shoulder discs are gone
    trunk = next(e for e in parts if any(isinstance(s, Poly) for s in e.shapes))

    def width_at(y: float) -> float:
        xs = [
            p[0]
            for s in trunk.shapes
            if isinstance(s, Poly)
            for a, b in zip(s.points, s.points[1:] + s.points[:1], strict=True)
            for p in [a, b]
            if abs(p[1] - y) < 0.012
        ]
        return max(xs) - min(xs)

    pelvis = body.points["pelvis"][1]
    assert width_at(pelvis + 0.2) > width_at(pelvis + 0.1) * 1.12  # chest over waist


def test_head_sits_a_gap_above_the_neck() -> None:
    body = motion(_figure("stand", "stand")).keys[0]
    parts = elements(body, View.side, ())
    head = next(s for e in parts for s in e.shapes if isinstance(s, Disc))
    neck_top = max(
        max(s.a[1] + s.ra, s.b[1] + s.rb)
        for e in parts
        for s in e.shapes
        if isinstance(s, Capsule) and abs(s.a[0] - head.c[0]) < 0.05 and s.ra == s.rb and e.role == "near"
        if max(s.a[1], s.b[1]) < head.c[1]
    )
    gap = (head.c[1] - head.r) - neck_top
    # Overlapping by less than the slit the head cuts: a visible gap of background remains.
    assert -style.GAP < gap < 0.02


@pytest.mark.parametrize(("grip", "end_on"), [("overhand", True), ("neutral", False)])
def test_dumbbell_is_held_at_the_hand_and_turned_by_the_grip(grip: str, end_on: bool) -> None:
    figure = _figure("stand", "hinge", props=["dumbbells"], grip=grip)
    m = motion(figure)
    for body in m.keys:
        for side in ("left", "right"):
            hand = body.points[f"{side}_hand"]
            axis = grip_axis(body, side, Grip(grip))
            ends = [tuple(h + a * s * GRIP_HALF for h, a in zip(hand, axis, strict=True)) for s in (-1, 1)]
            # The grip's middle is the hand point, and the bar is square to the forearm.
            mid = tuple((a + b) / 2 for a, b in zip(*ends, strict=True))
            assert math.dist(mid, hand) < 1e-9
            elbow = body.points[f"{side}_elbow"]
            fore = [h - e for h, e in zip(hand, elbow, strict=True)]
            assert abs(sum(a * f for a, f in zip(axis, fore, strict=True))) < 1e-9
            # Overhand (palms toward the body) runs the bar left-right: end-on from the side.
            sx, sy, _ = project(axis, View.side)
            assert (math.hypot(sx, sy) < 0.2) is end_on
        parts = elements(body, View.side, tuple(figure.props), grip=Grip(grip))
        bars = [
            s
            for e in parts
            if e.role in ("prop", "far-prop")
            for s in e.shapes
            if isinstance(s, Capsule) and s.ra < 0.012
        ]
        right = project(body.points["right_hand"], View.side)[:2]
        assert any(math.dist(((b.a[0] + b.b[0]) / 2, (b.a[1] + b.b[1]) / 2), right) < 1e-9 for b in bars)


def test_a_hand_bearing_weight_lies_flat_and_a_hanging_hand_does_not() -> None:
    plank = motion(_figure("plank", "plank")).keys[0]
    stand = motion(_figure("stand", "stand")).keys[0]
    assert planted(plank, "right") == 1.0
    assert planted(stand, "right") == 0.0
    arm = next(
        e
        for e in elements(plank, View.side, ())
        if e.role == "near" and any(isinstance(s, Capsule) and (s.ra, s.rb) == FOREARM_R for s in e.shapes)
    )
    palm = arm.shapes[-1]
    assert isinstance(palm, Capsule)
    assert abs(palm.a[1] - palm.b[1]) < 1e-9  # level on the floor
    assert palm.b[0] > palm.a[0]  # fingers forward, the way the figure faces
    assert min(palm.a[1] - palm.ra, palm.b[1] - palm.rb) == pytest.approx(0.0, abs=1e-9)


def test_rendering_is_byte_identical_for_equal_input() -> None:
    figure = _figure("stand", "lateral-lunge", props=["dumbbells"], view="three-quarter")
    assert _render(figure, 1).tobytes() == _render(figure, 1).tobytes()
