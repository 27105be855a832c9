"""A body lying on its side, chest to the camera: its top limbs read as limbs.

Seen from the chest, neither side is behind the other: the sides are stacked. The top arm and
leg lie over the trunk as a reader sees them, so they are drawn in the main colour over it; the
limbs underneath, pressed to the floor, in the lighter far colour. The free (top) arm rests its
hand on the hip with the elbow out, as the steps say, instead of lying along the trunk where a
straight tapered arm reads as a pale wedge.
"""

from __future__ import annotations

import math

import pytest
import yaml

from generator.figures.geometry import bends
from generator.figures.motion import motion
from generator.figures.shapes import Capsule, Element, body_elements, project
from generator.figures.skeleton import Body
from generator.model import BasePose, Figure, Guide, View

SIDE_LYING = {BasePose.side_lying, BasePose.forearm_side_plank, BasePose.copenhagen, BasePose.side_plank}
# On the page, the top hand is within this of the top hip joint (≈ 23 cm: the joint lies inside
# the pelvis, the hand on its top) and most of the way down from the shoulder to it.
HAND_ON_HIP = 0.13
DOWN_THE_SIDE = 0.7
ELBOW_OUT = 0.05  # and the elbow this far off the line from the shoulder to the hip (≈ 9 cm)


def _limb(body: Body, view: View, elements: list[Element], joint: str) -> Element:
    """The element drawing the limb that starts at ``joint`` (a hip or a shoulder)."""
    start = project(body.points[joint], view)[:2]
    return next(
        e
        for e in elements
        if e.role in ("near", "far") and isinstance(e.shapes[0], Capsule) and e.shapes[0].a == start
    )


def _lying(guide: Guide) -> list[tuple[str, Figure, int]]:
    out = []
    for slug, ex in guide.exercises.items():
        f = ex.figure
        assert f is not None
        for i, k in enumerate(f.keyframes):
            body = motion(f).keys[i]
            if k.base in SIDE_LYING and abs(body.left[1]) > 0.9:
                out.append((slug, f, i))
    return out


def _top(body: Body) -> tuple[str, str]:
    return tuple(sorted(("left", "right"), key=lambda s: -body.points[f"{s}_hip"][1]))  # type: ignore[return-value]


def test_a_side_lying_body_draws_its_top_limbs_near_and_over_the_trunk(guide: Guide) -> None:
    found = _lying(guide)
    assert {slug for slug, _, _ in found} >= {"side-plank", "copenhagen-plank", "push-up-side-plank"}
    for slug, figure, i in found:
        body = motion(figure).keys[i]
        top, low = _top(body)
        elements = body_elements(body, figure.view, ())
        trunk = next(e for e in elements if e.role == "near" and e.order[1] == 0)
        for joint in ("hip", "shoulder"):
            above = _limb(body, figure.view, elements, f"{top}_{joint}")
            below = _limb(body, figure.view, elements, f"{low}_{joint}")
            assert above.role == "near" and below.role == "far", (slug, i, joint)
            assert above.order > trunk.order, (slug, i, joint)  # painted over the trunk


@pytest.mark.parametrize("slug", ["side-plank", "copenhagen-plank"])
def test_the_free_hand_rests_on_the_hip_with_the_elbow_out(guide: Guide, slug: str) -> None:
    """Measured on the page: the hand by the top hip, the elbow off the shoulder-hip line and
    the elbow drawn bent (at least half its bend), in every keyframe of the side plank and the
    Copenhagen plank."""
    figure = guide.exercises[slug].figure
    assert figure is not None
    for body in motion(figure).keys:
        top, _ = _top(body)

        def at(name: str, body: Body = body) -> tuple[float, float]:
            x, y, _ = project(body.points[name], figure.view)
            return x, y

        hand, hip, shoulder, elbow = (at(f"{top}_{n}") for n in ("hand", "hip", "shoulder", "elbow"))
        assert math.dist(hand, hip) < HAND_ON_HIP
        assert math.dist(hand, shoulder) > DOWN_THE_SIDE * math.dist(hip, shoulder)
        line = (hip[0] - shoulder[0], hip[1] - shoulder[1])
        off = abs((elbow[0] - shoulder[0]) * line[1] - (elbow[1] - shoulder[1]) * line[0]) / math.hypot(*line)
        assert off > ELBOW_OUT
        real, drawn = next((r, d) for n, r, d in bends(body, figure.view) if n == f"{top}_elbow")
        assert real > 60 and drawn >= 0.5 * real


@pytest.mark.parametrize(("view", "lead"), [("oblique", "left"), ("oblique", "right"), ("side", "left")])
@pytest.mark.parametrize("base", ["side-lying", "forearm-side-plank"])
def test_the_base_poses_free_arm_draws_bent_from_every_side(view: str, lead: str, base: str) -> None:
    """The base poses' hand-on-hip arm shows its bend whichever way the figure lies and from the
    feet side (oblique, led by the left), the head side (led by the right) or the chest."""
    top = lead  # the lead side is on top
    block = f"view: {view}\nlead: {lead}\nkeyframes: [{{name: a, base: {base}}}, {{name: b, base: {base}}}]\n"
    body = motion(Figure.model_validate(yaml.safe_load(block))).keys[0]
    real, drawn = next((r, d) for n, r, d in bends(body, View(view)) if n == f"{top}_elbow")
    assert real > 60 and drawn >= 0.5 * real
