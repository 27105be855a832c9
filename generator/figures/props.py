"""The props of a runner's library beyond dumbbells and the box: bench, step, a wall behind
or ahead, a band anchored to the side, a kettlebell, a single dumbbell, a dumbbell across the
hips and a padded anchor over the heels.

Placing (where a prop stands, from the placed keyframes) and drawing (flat shapes in the
props' grey, in the same style as the box) both live here, so the motion and shapes modules
only call in. A prop that stands on the floor is placed once, from the keyframes, and then
stays put in every frame: the figure moves against it, as a person does against a wall.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Figure, Lead, Prop, View
from .shapes import (
    BOX_CORNER,
    YAW,
    Box,
    BoxProp,
    Capsule,
    Disc,
    Element,
    Point,
    Poly,
    Shape,
    box_depth,
    project,
    reach,
)
from .skeleton import Body, Vec

WALL_THICKNESS = 0.035
WALL_HEIGHT = 1.12  # a little above the head of the standing figure
BENCH_TOP = 0.045  # thickness of the padded top
BENCH_LEG = 0.022  # half-width of a leg, seen side-on
BENCH_INSET = 0.05  # from each end of the top to the middle of its legs
BAND_R = 0.0075  # half-thickness of a long band
POST_R = 0.016  # the upright the band is tied to
ANCHOR_OUT = 0.7  # how far to the side of the hands the band is tied (figure units)
BELL_R = 0.05  # kettlebell's bell radius (≈ 17 cm across for a 175 cm person)
HANDLE_R = 0.009
PLATE_R = 0.085  # a barbell's plates (30 cm across): big enough to read, small enough to clear the head
BAR_HALF = 0.55  # from the middle of the bar to each plate
BAR_BEHIND = 0.07  # the bar rests on the upper back, this far behind the base of the neck


@dataclass(frozen=True)
class Scenery:
    """What stands around the figure besides the box: placed once, the same in every frame."""

    wall_x: float | None = None  # world x of the wall's face; the wall is behind it (toward -x)
    anchor: Vec | None = None  # where the anchored band is tied
    weight_hand: str | None = None  # "right" or "left": the hand holding a kettlebell or dumbbell
    ahead_x: float | None = None  # world x of a wall's face ahead of the figure (toward +x)
    heels: Vec | None = None  # where the anchor holding the heels down sits
    line_z: float | None = None  # world z of a line on the floor, running along x
    line_x: float = 0.0  # world x where the feet cross it (a turned camera draws it there)


NONE = Scenery()
SIDES_OF = ("right", "left")
BACK_POINTS = ("pelvis", "neck", "head", "right_hip", "left_hip", "right_shoulder", "left_shoulder")


def place(figure: Figure, keys: Sequence[Body]) -> Scenery:
    """Where the wall and the band's anchor stand, and which hand holds a single weight."""
    wall_x = anchor = hand = None
    if Prop.wall in figure.props:
        # The wall touches the back: its face is where the back reaches furthest toward it.
        wall_x = min(k.points[n][0] - reach(n) for k in keys for n in BACK_POINTS)
    if Prop.anchored_band in figure.props:
        # Tied level with the hands at the start, straight out to the lead side, so the band
        # pulls across the body (a Pallof press resists exactly that pull).
        first = keys[0]
        r, left = first.points["right_hand"], first.points["left_hand"]
        side = 1.0 if figure.lead is Lead.right else -1.0
        anchor = ((r[0] + left[0]) / 2, (r[1] + left[1]) / 2, side * ANCHOR_OUT)
    if Prop.kettlebell in figure.props or Prop.single_dumbbell in figure.props:
        hand = figure.lead.value
    ahead = heels = None
    if Prop.wall_ahead in figure.props:
        # The hands rest on it: its face is at the reach of the furthest hand of the keyframe
        # that reaches least far, so the hand touches it in every frame (pressing on it, not
        # hovering short of it, where the body rises and sinks).
        ahead = min(
            max(k.points[f"{s}_hand"][0] for s in ("right", "left")) + 0.6 * reach("right_hand") for k in keys
        )
    if Prop.ankle_anchor in figure.props:
        # Over the backs of the ankles of the first keyframe (a kneeling figure keeps its shins
        # on the floor, so the anchor stays on them in every frame).
        first = keys[0]
        a = [first.points[f"{s}_ankle"] for s in ("right", "left")]
        heels = ((a[0][0] + a[1][0]) / 2, max(a[0][1], a[1][1]), (a[0][2] + a[1][2]) / 2)
    line_z = None
    line_x = 0.0
    if Prop.floor_line in figure.props:
        # Halfway between where the feet stand furthest to either side: the hops cross it.
        ankles = [k.points[f"{s}_ankle"] for k in keys for s in ("right", "left")]
        zs = [a[2] for a in ankles]
        line_z = (min(zs) + max(zs)) / 2
        line_x = sum(a[0] for a in ankles) / len(ankles)
    return Scenery(wall_x, anchor, hand, ahead, heels, line_z, line_x)


def support_length(figure: Figure) -> float | None:
    """Footprint length (along the figure's facing) of a bench or step, None for the box."""
    match figure.support():
        case Prop.bench:
            return 0.34
        case Prop.step:
            return 0.3  # a stair's tread: long enough to read as a step, not a block
    return None


# --- drawing ---------------------------------------------------------------------------------


def _pt(v: Vec, view: View) -> Point:
    x, y, _ = project(v, view)
    return (x, y)


def _depth(v: Vec, view: View) -> float:
    return project(v, view)[2]


def _extent(box: BoxProp, view: View) -> tuple[float, float]:
    xs = [
        project((box.x + sx * box.length / 2, 0.0, box.z + sz * box.width / 2), view)[0]
        for sx in (-1, 1)
        for sz in (-1, 1)
    ]
    return min(xs), max(xs)


def bench_legs(box: BoxProp) -> tuple[tuple[float, float], ...]:
    """World (x, z) of the middle of each of a bench's four legs: inset from the ends of its long
    axis, flush with its long sides (``BENCH_LEG`` is their half-width)."""
    if box.crosswise:
        inset = min(BENCH_INSET, box.width / 4)
        return tuple(
            (box.x + sx * (box.length / 2 - BENCH_LEG), box.z + sz * (box.width / 2 - inset))
            for sz in (-1, 1)
            for sx in (-1, 1)
        )
    inset = min(BENCH_INSET, box.length / 4)
    return tuple(
        (box.x + sx * (box.length / 2 - inset), box.z + sz * (box.width / 2 - BENCH_LEG))
        for sx in (-1, 1)
        for sz in (-1, 1)
    )


def bench_shapes(box: BoxProp, view: View) -> tuple[Shape, ...]:
    """A padded top on two legs: reads as a bench, not a box, at thumbnail size."""
    x0, x1 = _extent(box, view)
    top = Box(x0, box.height - BENCH_TOP, x1, box.height, BOX_CORNER)
    inset = min(BENCH_INSET, (x1 - x0) / 4)
    legs = tuple(
        Box(x - BENCH_LEG, 0.0, x + BENCH_LEG, box.height - BENCH_TOP + 0.005, 0.004)
        for x in (x0 + inset, x1 - inset)
    )
    return (top, *legs)


def _leg_shape(x: float, z: float, box: BoxProp, view: View) -> Box:
    sx, _, _ = project((x, 0.0, z), view)
    return Box(sx - BENCH_LEG, 0.0, sx + BENCH_LEG, box.height - BENCH_TOP + 0.005, 0.004)


def crosswise_bench(box: BoxProp, view: View) -> list[Element]:
    """A bench whose long axis runs away from the camera, seen from the near end: the padded top's
    long side and its far legs behind whatever lies between them (the bottom leg of a
    Copenhagen plank passes under it), then the near end and its legs in front, cut free of the
    long side by the usual slit, so the top reads as a block running back, not a flat board."""
    near_z = box.z + box.width / 2
    legs = bench_legs(box)
    far_legs = [_leg_shape(x, z, box, view) for x, z in legs if z < box.z]
    near_legs = [_leg_shape(x, z, box, view) for x, z in legs if z > box.z]
    x0, x1 = _extent(box, view)
    ends = [project((box.x + sx * box.length / 2, 0.0, near_z), view)[0] for sx in (-1, 1)]
    end = Box(min(ends), box.height - BENCH_TOP, max(ends), box.height, BOX_CORNER)
    top = Box(x0, box.height - BENCH_TOP, x1, box.height, BOX_CORNER)
    far = box_depth(box, view)
    near = min(_depth((x, 0.0, z), view) for x, z in legs if z > box.z)
    return [
        Element("box", (top, *far_legs), (far, -1)),
        Element("box", (end, *near_legs), (near, -1)),
    ]


def step_shapes(box: BoxProp, view: View) -> tuple[Shape, ...]:
    x0, x1 = _extent(box, view)
    return (Box(x0, 0.0, x1, box.height, BOX_CORNER),)


def wall_shapes(wall_x: float, view: View) -> tuple[Shape, ...]:
    """The wall, seen edge-on from the side: a tall slab behind the back."""
    if view is not View.side:
        return ()  # from the front the wall is the whole background: leave it out
    return (Box(wall_x - WALL_THICKNESS, 0.0, wall_x, WALL_HEIGHT, 0.006),)


def wall_ahead_shapes(face_x: float, view: View) -> tuple[Shape, ...]:
    """A wall ahead of the figure, edge-on: a tall slab where the hands rest."""
    if view is View.front:
        return ()
    x, _, _ = project((face_x, 0.0, 0.0), view)
    return (Box(x, 0.0, x + WALL_THICKNESS, WALL_HEIGHT, 0.006),)


ANCHOR_HALF = (0.055, 0.03)  # the padded anchor's half-length along the shins and half-height


def anchor_shapes(heels: Vec, view: View) -> tuple[Shape, ...]:
    """A padded block pressing down on the backs of the ankles, on a post to the floor: the
    feet cannot lift, so the lean forward is held by the hamstrings."""
    x, y = _pt(heels, view)
    top = y + reach("right_ankle") + 2 * ANCHOR_HALF[1]
    pad = Box(x - ANCHOR_HALF[0], top - 2 * ANCHOR_HALF[1], x + ANCHOR_HALF[0], top, 0.02)
    post = Box(x - ANCHOR_HALF[0] - 0.03, 0.0, x - ANCHOR_HALF[0] - 0.005, top, 0.008)
    return (pad, post)


LINE_DROP = 0.075  # how far below the floor line the line on the floor is drawn toward us


def floor_line_shapes(line_z: float, view: View, line_x: float = 0.0) -> tuple[Shape, ...]:
    """A line on the floor running away from the camera, drawn as a short stripe that widens
    toward us below the floor line (the floor seen a little from above): the feet land on
    either side of it. It starts under the feet and, as the camera turns from the front, leans
    the way the line comes toward us (a camera 40° round sees it run off to one side, as a
    line that passes the feet front to back does). Seen from the side the line runs across
    the picture: not drawn."""
    if view is View.side:
        return ()
    x, _, _ = project((line_x, 0.0, line_z), view)
    yaw = math.radians(YAW[view])
    lean = LINE_DROP * math.cos(yaw) / math.sin(yaw)  # the floor's depth drawn as drop, 1 : 1
    b = x + lean
    return (Poly(((x - 0.006, 0.0), (x + 0.006, 0.0), (b + 0.012, -LINE_DROP), (b - 0.012, -LINE_DROP))),)


def _hip_weight(body: Body, view: View) -> tuple[Shape, ...]:
    """One dumbbell lying across the hip crease: its handle runs side to side over the pelvis,
    so from the side it is a plate with the handle's stub; turned, a short bar and two plates."""
    pelvis, chest, left = body.points["pelvis"], body.chest, body.left
    c = tuple(pelvis[i] + chest[i] * 0.08 for i in range(3))
    ends = [tuple(c[i] + sign * 0.11 * left[i] for i in range(3)) for sign in (-1.0, 1.0)]
    a, b = (_pt(e, view) for e in ends)  # type: ignore[arg-type]
    return (Capsule(a, b, 0.012, 0.012), Disc(a, 0.04), Disc(b, 0.04))


def _kettlebell(body: Body, side: str, view: View) -> tuple[Shape, ...]:
    """A bell hanging below the hand from a handle: gravity, not the forearm, sets its angle."""
    hx, hy = _pt(body.points[f"{side}_hand"], view)
    bell = (hx, hy - 0.028 - BELL_R)
    return (
        Capsule((hx - 0.024, hy - 0.006), (bell[0] - 0.03, bell[1] + 0.02), HANDLE_R, HANDLE_R),
        Capsule((hx + 0.024, hy - 0.006), (bell[0] + 0.03, bell[1] + 0.02), HANDLE_R, HANDLE_R),
        Capsule((hx - 0.024, hy - 0.006), (hx + 0.024, hy - 0.006), HANDLE_R, HANDLE_R),
        Disc(bell, BELL_R),
    )


def _barbell(body: Body, view: View) -> list[Element]:
    """A bar across the upper back with a plate at each end; the far plate goes behind the body."""
    n, c, axis = body.points["neck"], body.chest, body.left
    pelvis = body.points["pelvis"]
    up = (n[0] - pelvis[0], n[1] - pelvis[1], n[2] - pelvis[2])
    size = max(1e-9, (up[0] ** 2 + up[1] ** 2 + up[2] ** 2) ** 0.5)
    centre = tuple(n[i] - BAR_BEHIND * c[i] - 0.035 * up[i] / size for i in range(3))
    ends = [tuple(centre[i] + sign * BAR_HALF * axis[i] for i in range(3)) for sign in (-1.0, 1.0)]
    ends.sort(key=lambda e: _depth(e, view))  # far end first
    bar = Capsule(_pt(ends[0], view), _pt(ends[1], view), 0.012, 0.012)
    far, near = ends
    return [
        Element("far-prop", (Disc(_pt(far, view), PLATE_R),), (_depth(far, view), -2)),
        Element("prop", (bar,), (_depth(centre, view), 5)),
        Element("prop", (Disc(_pt(near, view), PLATE_R),), (_depth(near, view), 5)),
    ]


def elements(
    body: Body, view: View, props: tuple[Prop, ...], box: BoxProp | None, scenery: Scenery | None
) -> list[Element]:
    """What props.py draws for one frame (unsorted; ``frame.elements`` sorts everything)."""
    out: list[Element] = []
    if box is not None and box.kind == "bench" and box.crosswise:
        out += crosswise_bench(box, view)
    elif box is not None and box.kind == "bench":
        out.append(Element("box", bench_shapes(box, view), (box_depth(box, view), -1)))
    elif box is not None and box.kind == "step":
        out.append(Element("box", step_shapes(box, view), (box_depth(box, view), -1)))
    if Prop.barbell in props:
        out += _barbell(body, view)
    if scenery is None:
        return out
    if scenery.wall_x is not None:
        shapes = wall_shapes(scenery.wall_x, view)
        if shapes:
            out.append(Element("box", shapes, (-1e9, 0)))
    if scenery.ahead_x is not None:
        shapes = wall_ahead_shapes(scenery.ahead_x, view)
        if shapes:
            out.append(Element("box", shapes, (-1e9, 0)))
    if scenery.line_z is not None:
        shapes = floor_line_shapes(scenery.line_z, view, scenery.line_x)
        if shapes:
            out.append(Element("band", shapes, (-1e9, 1), gap=False))
    if scenery.heels is not None:
        out.append(
            Element("prop", anchor_shapes(scenery.heels, view), (_depth(scenery.heels, view) + 1.0, 6))
        )
    if Prop.hip_weight in props:
        # Over the near thigh and the trunk, under the near arm whose hand holds it.
        near = max(SIDES_OF, key=lambda s: _depth(body.points[f"{s}_hand"], view))
        arm = sum(_depth(body.points[f"{near}_{n}"], view) for n in ("shoulder", "elbow", "hand")) / 3
        out.append(Element("prop", _hip_weight(body, view), (arm - 1e-3, 4)))
    if scenery.anchor is not None and Prop.anchored_band in props:
        ax, ay, az = scenery.anchor
        post = Capsule(_pt((ax, 0.0, az), view), _pt((ax, ay + 0.06, az), view), POST_R, POST_R)
        out.append(Element("box", (post,), (_depth(scenery.anchor, view) - 0.01, -1)))
        r, left = body.points["right_hand"], body.points["left_hand"]
        grip = ((r[0] + left[0]) / 2, (r[1] + left[1]) / 2, (r[2] + left[2]) / 2)
        band = Capsule(_pt(scenery.anchor, view), _pt(grip, view), BAND_R, BAND_R)
        # Drawn at the nearer hand's depth: over the far arm, under the near one's fist.
        depth = max(_depth(r, view), _depth(left, view))
        out.append(Element("band", (band,), (depth, 2), gap=False))
    if scenery.weight_hand is not None:
        side = scenery.weight_hand
        far = view is not View.front and side == "left"
        # Painted just under the arm that holds it, like the pair of dumbbells.
        hand_depth = sum(_depth(body.points[f"{side}_{n}"], view) for n in ("shoulder", "elbow", "hand")) / 3
        if Prop.kettlebell in props:
            out.append(Element("far-prop" if far else "prop", _kettlebell(body, side, view), (hand_depth, 0)))
    return out
