"""A posed body, seen from one side, as flat shapes to paint back to front.

Each limb is one *element* (thigh + shin + foot, upper arm + forearm + hand) so that a limb
painted over another part cuts a clean slit around itself; see ``draw.paint``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..model import Prop, View
from .skeleton import HEAD_RADIUS, SIDES, Body, Vec

Point = tuple[float, float]

# Half-thickness of each part where it starts and where it ends (fractions of height).
THIGH_R = (0.047, 0.035)
SHIN_R = (0.035, 0.025)
FOOT_R = 0.017
UPPER_ARM_R = (0.033, 0.028)
FOREARM_R = (0.027, 0.023)
HAND_R = 0.03
TORSO_DEPTH = 0.066  # half the chest-to-back depth
TORSO_WIDTH = 0.088  # half the shoulder-to-shoulder width of the trunk itself
SHOULDER_BAR_R = 0.04
HIP_BAR_R = 0.056
SPINE_TOP = 0.045  # the torso capsule stops short of the neck base, leaving room for the gap

# How far below each named point the body reaches: used to set the figure on the floor.
REACH: dict[str, float] = {
    "head": HEAD_RADIUS,
    "pelvis": TORSO_DEPTH,
    "neck": TORSO_DEPTH,
    "left_shoulder": SHOULDER_BAR_R,
    "right_shoulder": SHOULDER_BAR_R,
    "left_hip": HIP_BAR_R,
    "right_hip": HIP_BAR_R,
    "left_knee": THIGH_R[1],
    "right_knee": THIGH_R[1],
    "left_ankle": SHIN_R[1],
    "right_ankle": SHIN_R[1],
    "left_elbow": UPPER_ARM_R[1],
    "right_elbow": UPPER_ARM_R[1],
    "left_hand": HAND_R,
    "right_hand": HAND_R,
}


def reach(name: str) -> float:
    return REACH.get(name, FOOT_R)


@dataclass(frozen=True)
class Capsule:
    a: Point
    b: Point
    ra: float
    rb: float


@dataclass(frozen=True)
class Disc:
    c: Point
    r: float


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float
    r: float  # corner radius


@dataclass(frozen=True)
class Poly:
    points: tuple[Point, ...]


Shape = Capsule | Disc | Box | Poly


@dataclass(frozen=True)
class BoxProp:
    """A box (plyo box, step, bench) standing on the floor, in world units: it stays put."""

    x: float  # centre of its footprint (world x, z)
    z: float
    height: float  # of its top above the floor
    length: float  # along the figure's facing direction (world x)
    width: float  # across it (world z)


BOX_CORNER = 0.014


@dataclass(frozen=True)
class Element:
    """One painted piece: its shapes share a colour and are cut out of what lies beneath."""

    role: str  # "near", "far", "prop", "far-prop", "band", "box", "arrow"
    shapes: tuple[Shape, ...]
    order: tuple[float, int] = (0.0, 0)  # painted in ascending order
    gap: bool = True


# How far the figure is turned toward the camera, in degrees: 0 shows its right side, 90 its
# front (its right hand then on our left, as when facing a person).
YAW: dict[View, float] = {View.side: 0.0, View.three_quarter: 65.0, View.front: 90.0}
_TURN = {v: (math.cos(math.radians(a)), math.sin(math.radians(a))) for v, a in YAW.items()}


def project(v: Vec, view: View) -> tuple[float, float, float]:
    """Screen x, screen y (up) and depth (toward the camera) of a world point."""
    c, s = _TURN[view]
    return v[0] * c - v[2] * s, v[1], v[0] * s + v[2] * c


@dataclass
class _Builder:
    body: Body
    view: View
    elements: list[Element] = field(default_factory=list)

    def p(self, name: str) -> Point:
        x, y, _ = project(self.body.points[name], self.view)
        return (x, y)

    def depth(self, *names: str) -> float:
        return sum(project(self.body.points[n], self.view)[2] for n in names) / len(names)


def box_shape(box: BoxProp, view: View) -> Box:
    """The box as seen from the camera: one rounded rectangle on the floor, as wide as its footprint."""
    xs = [
        project((box.x + sx * box.length / 2, 0.0, box.z + sz * box.width / 2), view)[0]
        for sx in (-1, 1)
        for sz in (-1, 1)
    ]
    return Box(min(xs), 0.0, max(xs), box.height, BOX_CORNER)


def box_depth(box: BoxProp, view: View) -> float:
    """Depth (toward the camera) of the box's farthest footprint corner."""
    return min(
        project((box.x + sx * box.length / 2, 0.0, box.z + sz * box.width / 2), view)[2]
        for sx in (-1, 1)
        for sz in (-1, 1)
    )


def elements(body: Body, view: View, props: tuple[Prop, ...], box: BoxProp | None = None) -> list[Element]:
    """Everything to paint for one frame, sorted back to front."""
    b = _Builder(body, view)
    if box is not None:
        # Painted at the depth of its farthest corner: whatever rests on it or stands in front of
        # its back (the near limbs in the side view) is drawn over it, with the usual slit; only
        # what is really behind it (the legs of an incline push-up seen from the front) is hidden.
        b.elements.append(Element("box", (box_shape(box, view),), (box_depth(box, view), -1)))
    pts = body.points
    torso_depth = b.depth("pelvis", "neck")
    b.elements.append(Element("near", _torso(b), (torso_depth, 0)))
    b.elements.append(Element("near", (Disc(b.p("head"), HEAD_RADIUS),), (torso_depth, 1)))
    for side in SIDES:
        # The left side is the far one unless the figure faces us: then both are near.
        far = view is not View.front and side == "left"
        role = "far" if far else "near"
        s = side
        leg = (
            Capsule(b.p(f"{s}_hip"), b.p(f"{s}_knee"), *THIGH_R),
            Capsule(b.p(f"{s}_knee"), b.p(f"{s}_ankle"), *SHIN_R),
            Capsule(b.p(f"{s}_heel"), b.p(f"{s}_toe"), FOOT_R, FOOT_R),
            Capsule(b.p(f"{s}_ball_in"), b.p(f"{s}_ball_out"), FOOT_R, FOOT_R),
            Capsule(b.p(f"{s}_ankle"), b.p(f"{s}_heel"), SHIN_R[1], FOOT_R),
        )
        leg_depth = b.depth(f"{s}_hip", f"{s}_knee", f"{s}_ankle")
        b.elements.append(Element(role, leg, (leg_depth, 1)))
        arm = (
            Capsule(b.p(f"{s}_shoulder"), b.p(f"{s}_elbow"), *UPPER_ARM_R),
            Capsule(b.p(f"{s}_elbow"), b.p(f"{s}_hand"), *FOREARM_R),
            Disc(b.p(f"{s}_hand"), HAND_R),
        )
        arm_depth = b.depth(f"{s}_shoulder", f"{s}_elbow", f"{s}_hand")
        b.elements.append(Element(role, arm, (arm_depth, 1)))
        if Prop.dumbbells in props:
            fore = (b.p(f"{s}_elbow"), b.p(f"{s}_hand"))
            b.elements.append(Element("far-prop" if far else "prop", _dumbbell(fore), (arm_depth, 0)))
        if Prop.band in props:
            b.elements.append(Element("band", _band_ring(b, s), (leg_depth, 2), gap=False))
    if Prop.dumbbell in props:
        # One dumbbell held upright at the chest with both hands (goblet hold).
        mid = _lerp(b.p("left_hand"), b.p("right_hand"), 0.5)
        up = _unit(_sub(b.p("neck"), b.p("pelvis")))
        hold = max(b.depth("left_hand"), b.depth("right_hand"))
        b.elements.append(Element("prop", _dumbbell((_add(mid, up), mid)), (hold + 0.001, 0)))
    if Prop.band in props and view is View.front:
        a = _lerp(b.p("left_hip"), b.p("left_knee"), 0.72)
        c = _lerp(b.p("right_hip"), b.p("right_knee"), 0.72)
        depth = max(b.depth("left_knee"), b.depth("right_knee"))
        b.elements.append(Element("band", (Capsule(a, c, 0.011, 0.011),), (depth, 3), gap=False))
    del pts
    return sorted(b.elements, key=lambda e: e.order)


def _torso(b: _Builder) -> tuple[Shape, ...]:
    pelvis, neck = b.p("pelvis"), b.p("neck")
    axis = _sub(neck, pelvis)
    n = _unit((-axis[1], axis[0])) if math.hypot(*axis) > 1e-6 else (1.0, 0.0)
    chest = project(b.body.chest, b.view)
    left = project(b.body.left, b.view)
    # The trunk's cross-section is an ellipse (deeper than wide from the side, wider from the
    # front): its half-width on screen is the ellipse's extent across the spine.
    half = math.hypot(
        TORSO_DEPTH * (chest[0] * n[0] + chest[1] * n[1]), TORSO_WIDTH * (left[0] * n[0] + left[1] * n[1])
    )
    top = _sub(neck, _scale(_unit(axis), SPINE_TOP)) if math.hypot(*axis) > SPINE_TOP else neck
    return (
        Capsule(pelvis, top, half * 0.96, half),
        Capsule(b.p("left_shoulder"), b.p("right_shoulder"), SHOULDER_BAR_R, SHOULDER_BAR_R),
        Capsule(b.p("left_hip"), b.p("right_hip"), HIP_BAR_R, HIP_BAR_R),
    )


def _dumbbell(forearm: tuple[Point, Point]) -> tuple[Shape, ...]:
    """A short bar across the grip with a rounded plate at each end, drawn as an icon."""
    elbow, hand = forearm
    along = _unit(_sub(hand, elbow)) if math.hypot(*_sub(hand, elbow)) > 1e-6 else (0.0, -1.0)
    across = (-along[1], along[0])
    bar_half, plate_at, plate_half = 0.08, 0.06, 0.03
    shapes: list[Shape] = [
        Capsule(_add(hand, _scale(across, -bar_half)), _add(hand, _scale(across, bar_half)), 0.011, 0.011)
    ]
    for sign in (-1.0, 1.0):
        c = _add(hand, _scale(across, sign * plate_at))
        shapes.append(
            Capsule(_add(c, _scale(along, -plate_half)), _add(c, _scale(along, plate_half)), 0.026, 0.026)
        )
    return tuple(shapes)


def _band_ring(b: _Builder, side: str) -> tuple[Shape, ...]:
    hip, knee = b.p(f"{side}_hip"), b.p(f"{side}_knee")
    c = _lerp(hip, knee, 0.72)
    along = _unit(_sub(knee, hip))
    across = (-along[1], along[0])
    r = 0.036
    return (Capsule(_add(c, _scale(across, -r)), _add(c, _scale(across, r)), 0.011, 0.011),)


def _add(a: Point, b: Point) -> Point:
    return (a[0] + b[0], a[1] + b[1])


def _sub(a: Point, b: Point) -> Point:
    return (a[0] - b[0], a[1] - b[1])


def _scale(a: Point, k: float) -> Point:
    return (a[0] * k, a[1] * k)


def _lerp(a: Point, b: Point, t: float) -> Point:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)


def _unit(a: Point) -> Point:
    n = math.hypot(*a)
    return (a[0] / n, a[1] / n) if n > 1e-9 else (0.0, 1.0)
