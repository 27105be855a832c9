"""The props of a runner's library beyond dumbbells and the box: bench, step, wall, a band
anchored to the side, a kettlebell and a single dumbbell.

Placing (where a prop stands, from the placed keyframes) and drawing (flat shapes in the
props' grey, in the same style as the box) both live here, so the motion and shapes modules
only call in. A prop that stands on the floor is placed once, from the keyframes, and then
stays put in every frame: the figure moves against it, as a person does against a wall.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Figure, Lead, Prop, View
from .shapes import BOX_CORNER, Box, BoxProp, Capsule, Disc, Element, Point, Shape, box_depth, project, reach
from .skeleton import Body, Vec

WALL_THICKNESS = 0.035
WALL_HEIGHT = 1.12  # a little above the head of the standing figure
BENCH_TOP = 0.045  # thickness of the padded top
BENCH_LEG = 0.022  # half-width of a leg, seen side-on
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


NONE = Scenery()
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
    return Scenery(wall_x, anchor, hand)


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


def bench_shapes(box: BoxProp, view: View) -> tuple[Shape, ...]:
    """A padded top on two legs: reads as a bench, not a box, at thumbnail size."""
    x0, x1 = _extent(box, view)
    top = Box(x0, box.height - BENCH_TOP, x1, box.height, BOX_CORNER)
    inset = min(0.05, (x1 - x0) / 4)
    legs = tuple(
        Box(x - BENCH_LEG, 0.0, x + BENCH_LEG, box.height - BENCH_TOP + 0.005, 0.004)
        for x in (x0 + inset, x1 - inset)
    )
    return (top, *legs)


def step_shapes(box: BoxProp, view: View) -> tuple[Shape, ...]:
    x0, x1 = _extent(box, view)
    return (Box(x0, 0.0, x1, box.height, BOX_CORNER),)


def wall_shapes(wall_x: float, view: View) -> tuple[Shape, ...]:
    """The wall, seen edge-on from the side: a tall slab behind the back."""
    if view is not View.side:
        return ()  # from the front the wall is the whole background: leave it out
    return (Box(wall_x - WALL_THICKNESS, 0.0, wall_x, WALL_HEIGHT, 0.006),)


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


def _dumbbell(body: Body, side: str, view: View) -> tuple[Shape, ...]:
    """One dumbbell at the hand, its handle along the grip axis (shown as short bar + plates)."""
    hand = body.points[f"{side}_hand"]
    grip = body.axes.get(f"{side}_grip", (1.0, 0.0, 0.0))
    c = _pt(hand, view)
    half = 0.075
    a = _pt((hand[0] + grip[0] * half, hand[1] + grip[1] * half, hand[2] + grip[2] * half), view)
    b = _pt((hand[0] - grip[0] * half, hand[1] - grip[1] * half, hand[2] - grip[2] * half), view)
    shapes: list[Shape] = [Capsule(a, b, 0.011, 0.011)]
    for end in (a, b):
        d = (end[0] - c[0], end[1] - c[1])
        # Plates: rounded ends at each end of the bar, big enough to read when foreshortened.
        shapes.append(Disc((c[0] + d[0] * 0.85, c[1] + d[1] * 0.85), 0.032))
    return tuple(shapes)


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
    if box is not None and box.kind == "bench":
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
        if Prop.single_dumbbell in props:
            out.append(Element("far-prop" if far else "prop", _dumbbell(body, side, view), (hand_depth, 0)))
    return out
