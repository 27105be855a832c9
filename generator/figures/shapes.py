"""A posed body, seen from one side, as flat shapes to paint back to front.

The look is a flat pictogram drawn from the skeleton alone (no image files): a chest and a
pelvis swept from cross-sections (so they turn and foreshorten with the body), a neck with a
slit under the round head, limbs that taper (thigh thicker than shin, upper arm than forearm),
feet that show heel and toes, and hands that show what they do: a fist round a handle, an open
hand, or a palm flat on the floor or the box when it bears weight.

Each limb is one *element* (thigh + shin + foot, upper arm + forearm + hand) so that a limb
painted over another part cuts a clean slit around itself; see ``draw.paint``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Grip, Prop, View
from .skeleton import HEAD_RADIUS, SIDES, Body, Vec

Point = tuple[float, float]

# Half-thickness of each part where it starts and where it ends (fractions of height). The
# ratios follow an adult's limbs: thigh ≈ 1.5 × shin at the knee, upper arm > forearm > wrist.
THIGH_R = (0.05, 0.034)
SHIN_R = (0.032, 0.021)
UPPER_ARM_R = (0.032, 0.025)
FOREARM_R = (0.025, 0.018)
FOOT_R = 0.017  # the sole's distance below the heel and toe points (the floor contract)
HEEL_R = 0.022  # the foot tapers from a round heel to the toes
TOE_R = 0.012
HAND_R = 0.03  # how far below the hand point a hand reaches (the floor contract for palms)
FIST_R = 0.023  # a fist round a handle: a little wider than the wrist
FIST_BACK = 0.03  # from the grip's middle back to the wrist
FIST_FRONT = 0.012  # and forward to the knuckles
OPEN_HAND = (0.021, 0.014, 0.062)  # an open hand: radius at the wrist, at the fingertips, length
PALM_R = 0.015  # a palm flat on a surface
PALM_LENGTH = 0.075
PLANT = 0.035  # a free hand closer than this to its surface turns flat onto it
NECK_R = 0.027
NECK_RISE = 0.012  # the neck stops just short of the head: the head's slit gives the gap

# Cross-sections of the trunk up the spine from the pelvis centre (fractions of height):
# (level, front, back, half-width): front and back are how far the body reaches ahead of and
# behind the spine seen from the side, half-width how far to each side seen from the front.
# A straight back, a seat, a slight waist and a deeper chest, broad at the shoulders; sweeping
# an ellipse through them gives the outline from any side (see ``_swept``).
TRUNK: tuple[tuple[float, float, float, float], ...] = (
    (-0.08, 0.02, -0.045, 0.06),
    (-0.055, 0.05, -0.07, 0.092),
    (0.0, 0.06, -0.075, 0.1),
    (0.05, 0.058, -0.066, 0.095),
    (0.1, 0.058, -0.058, 0.085),
    (0.15, 0.068, -0.058, 0.093),
    (0.2, 0.073, -0.06, 0.104),
    (0.235, 0.065, -0.058, 0.113),
    (0.26, 0.045, -0.046, 0.1),
    (0.275, 0.024, -0.03, 0.06),
)
PELVIS_TOP = 0.1  # the part of the trunk painted again over the near thigh's root
FAR_SIDE = 0.08  # the right side is drawn as the far one when this much farther than the left
ON_SIDE = 0.5  # a trunk whose left-right axis is within 60° of vertical lies on its side (propped up, too)
ELLIPSE_POINTS = 16
# Unit circle points of a section's ellipse (cos, sin), computed once.
RING = tuple(
    (math.cos(2 * math.pi * k / ELLIPSE_POINTS), math.sin(2 * math.pi * k / ELLIPSE_POINTS))
    for k in range(ELLIPSE_POINTS)
)
TRUNK_CAP = 0.026  # how far the trunk's rounded ends reach past its first and last section
CAP = ((1.0, 0.35), (0.85, 0.62), (0.6, 0.83), (0.3, 0.96))  # end sections: (part of TRUNK_CAP, size kept)

KNEE_WEIGHT_AT = 0.82  # how far from the hip to the knee a dumbbell stands on the thigh
# Dumbbell: a short bar between two rounded plates, as an icon (fractions of height).
BAR_R = 0.01
GRIP_HALF = 0.058  # from the middle of the grip to each plate's centre
PLATE_R = 0.04
PLATE_T = 0.03

# How far below each named point the body reaches: used to set the figure on the floor.
# The trunk's are what its cross-sections reach below the point when lying on the back or front
# (the seat below the pelvis, the shoulder blades below the shoulders): a supine or bridging
# figure then rests on its drawn back.
REACH: dict[str, float] = {
    "head": HEAD_RADIUS,
    "pelvis": 0.076,
    "neck": 0.05,
    "left_shoulder": 0.055,
    "right_shoulder": 0.055,
    "left_hip": 0.06,
    "right_hip": 0.06,
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
    r: float = 0.0  # grown by this much all round: rounded corners on a convex outline


Shape = Capsule | Disc | Box | Poly


@dataclass(frozen=True)
class BoxProp:
    """A box (plyo box, step, bench) standing on the floor, in world units: it stays put."""

    x: float  # centre of its footprint (world x, z)
    z: float
    height: float  # of its top above the floor
    length: float  # along the figure's facing direction (world x)
    width: float  # across it (world z)
    kind: str = "box"  # "box", "bench" or "step": how props.py draws it
    # A bench's long axis runs along z (toward the camera), not along x: its legs stand inset
    # from its ends in z, and a side view sees its narrow end (model.Orientation.crosswise).
    crosswise: bool = False


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
YAW: dict[View, float] = {
    View.side: 0.0,
    View.oblique: 30.0,
    View.three_quarter: 40.0,
    View.front_oblique: 60.0,
    View.front: 90.0,
}
_TURN = {v: (math.cos(math.radians(a)), math.sin(math.radians(a))) for v, a in YAW.items()}


def project(v: Vec, view: View) -> tuple[float, float, float]:
    """Screen x, screen y (up) and depth (toward the camera) of a world point."""
    c, s = _TURN[view]
    return v[0] * c - v[2] * s, v[1], v[0] * s + v[2] * c


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


def surface_under(p: Vec, box: BoxProp | None) -> float:
    """Height of what a point would rest on: the box's top above its footprint, else the floor."""
    if box is not None and abs(p[0] - box.x) <= box.length / 2 and abs(p[2] - box.z) <= box.width / 2:
        return box.height
    return 0.0


@dataclass
class _Builder:
    body: Body
    view: View
    box: BoxProp | None = None
    elements: list[Element] = field(default_factory=list)

    def v(self, name: str) -> Vec:
        return self.body.points[name]

    def p(self, name: str) -> Point:
        return self.s(self.body.points[name])

    def s(self, v: Vec) -> Point:
        x, y, _ = project(v, self.view)
        return (x, y)

    def depth(self, *names: str) -> float:
        return sum(project(self.body.points[n], self.view)[2] for n in names) / len(names)

    def z(self, v: Vec) -> float:
        return project(v, self.view)[2]


def body_elements(
    body: Body,
    view: View,
    props: Sequence[Prop],
    box: BoxProp | None = None,
    grip: Grip = Grip.neutral,
    single: str | None = None,
) -> list[Element]:
    """The body for one frame, with what it holds (unsorted; ``frame.elements`` adds the props
    that stand apart from the body and sorts everything). ``single``: the hand holding one weight."""
    b = _Builder(body, view, box)
    props = tuple(props)
    if box is not None and box.kind == "box":
        # Painted at the depth of its farthest corner: whatever rests on it or stands in front of
        # its back (the near limbs in the side view) is drawn over it, with the usual slit; only
        # what is really behind it (the legs of an incline push-up seen from the front) is hidden.
        b.elements.append(Element("box", (box_shape(box, view),), (box_depth(box, view), -1)))
    trunk = b.depth("pelvis", "neck")
    pelvis = _swept(b, [t for t in TRUNK if t[0] <= PELVIS_TOP])
    # One trunk (chest, waist and pelvis in one outline, and the neck), the head over it with
    # its slit, then the limbs by depth. A near thigh over the pelvis would cut it into slivers
    # with its slit, so the pelvis is painted once more after the near legs without a slit:
    # the thigh grows out of the hip, as in a pictogram, and stays cut free everywhere else.
    pelvis_at = trunk
    b.elements.append(Element("near", (*_swept(b, TRUNK), _neck(b)), (trunk, 0)))
    b.elements.append(Element("near", (Disc(b.p("head"), HEAD_RADIUS),), (trunk, 1)))
    holding = Prop.dumbbells in props or Prop.dumbbell in props
    holding_one = Prop.single_dumbbell in props or Prop.kettlebell in props
    # The left side is the far one unless the figure faces us (then both are near), or is
    # turned round so that its right side is clearly the farther (a plank led by the left,
    # drawn head to the left): depth, not the side's name, says which limbs are behind.
    far_side = "left"
    apart = b.depth("left_hip", "left_shoulder") - b.depth("right_hip", "right_shoulder")
    if apart > FAR_SIDE:
        far_side = "right"
    # A body lying on its side with its chest to us has neither side behind the other: its
    # sides are stacked. The top limbs lie over the trunk as a reader sees them (the top arm's
    # hand on the hip, the top leg lifted onto a bench), so they are the near ones, painted
    # over the trunk; the limbs underneath, pressed to the floor, are the far ones.
    on_side = abs(body.left[1]) > ON_SIDE and abs(apart) <= FAR_SIDE
    if on_side:
        far_side = min(SIDES, key=lambda s: b.v(f"{s}_hip")[1] + b.v(f"{s}_shoulder")[1])
    for side in SIDES:
        far = view is not View.front and side == far_side
        role = "far" if far else "near"
        leg_depth = b.depth(f"{side}_hip", f"{side}_knee", f"{side}_ankle")
        over = on_side and not far
        leg_at = (max(leg_depth, trunk), 4) if over else (leg_depth, 1)
        b.elements.append(Element(role, _leg(b, side), leg_at))
        if not far and not over:
            pelvis_at = max(pelvis_at, leg_depth)
        arm_depth = b.depth(f"{side}_shoulder", f"{side}_elbow", f"{side}_hand")
        if over:
            arm_depth = max(arm_depth, trunk + 1e-3)
        fist = holding or (holding_one and side == single)
        b.elements.append(Element(role, _arm(b, side, fist=fist), (arm_depth, 3)))
        if Prop.dumbbells in props or (Prop.single_dumbbell in props and side == single):
            b.elements += _held_dumbbell(b, side, grip, "far-prop" if far else "prop", arm_depth)
        if Prop.band in props:
            b.elements.append(Element("band", _band_ring(b, side), (leg_depth, 2), gap=False))
    b.elements.append(Element("near", pelvis, (pelvis_at, 2), gap=False))
    if Prop.dumbbell in props:
        # One dumbbell held upright at the chest with both hands (goblet hold): the top plate
        # rests on the fists, the bar runs down past them. Drawn over the arms: the forearms
        # cross in front of the chest and would hide it, and the weight is what says "goblet".
        hands = _mid3(b.v("left_hand"), b.v("right_hand"))
        # Upright whatever the trunk does: a goblet weight hangs plumb in the hands, against
        # the chest, even when the trunk leans forward at the bottom of the squat.
        up = (0.0, 1.0, 0.0)
        centre = _add3(hands, _scale3(up, -(GRIP_HALF - FIST_R - PLATE_T / 2)))
        shapes = _dumbbell(b, centre, up)
        front = max(e.order[0] for e in b.elements if e.role in ("near", "far"))
        b.elements.append(Element("prop", (*shapes[0], *shapes[1]), (front, 5)))
    if Prop.knee_weight in props:
        b.elements += knee_weight(b)
    if Prop.band in props and view is not View.side:
        # The loop's stretch between the thighs: over both legs seen from the front; turned, it
        # runs from the far thigh to the near one, under the near leg (so it reads as a loop).
        a = _lerp(b.p("left_hip"), b.p("left_knee"), 0.72)
        c = _lerp(b.p("right_hip"), b.p("right_knee"), 0.72)
        knees = (b.depth("left_knee"), b.depth("right_knee"))
        depth = max(knees) if view is View.front else min(knees) + 1e-3
        b.elements.append(Element("band", (Capsule(a, c, 0.011, 0.011),), (depth, 3), gap=False))
    return b.elements


# --- the trunk and head -----------------------------------------------------------------------


def _swept(b: _Builder, profile: Sequence[tuple[float, float, float, float]]) -> tuple[Shape, ...]:
    """A trunk part swept through its cross-sections: one outline that turns with the body.

    Each section is an ellipse across the spine (depth along the chest, width along the left
    side) projected to the screen. Seen along the body, the outline runs through each
    section's extreme points on either side of the spine, so it keeps the waist; seen with
    the spine end-on (a figure lying toward the camera), the sections themselves are drawn.
    The profile is smoothed (Catmull-Rom) so the outline has no kinks.
    """
    pelvis = b.v("pelvis")
    spine = _unit3(_sub3(b.v("neck"), pelvis))
    # Projection is linear: the centre and the two axes of each section's ellipse are projected
    # once, and its points are sums of those on the screen (not a 3-D point each, projected).
    px, py = b.s(pelvis)
    sx, sy = b.s(spine)
    cx, cy = b.s(b.body.chest)
    lx, ly = b.s(b.body.left)
    sections = _sections(tuple(profile))
    if math.hypot(sx, sy) < 0.5:  # the spine points at the camera: the sections show
        rings: list[Poly] = []
        for level, ahead, depth, width in sections:
            ox, oy = px + sx * level + cx * ahead, py + sy * level + cy * ahead
            ax, ay, bx, by = cx * depth, cy * depth, lx * width, ly * width
            rings.append(Poly(tuple((ox + ax * c + bx * s, oy + ay * c + by * s) for c, s in RING)))
        return tuple(rings)
    nx, ny = _unit((-sy, sx))
    side: list[Point] = []
    other: list[Point] = []
    # Along n a sample of a section's ring lies at o·n + A·cos θ + B·sin θ (A = a·n, B = b·n):
    # furthest at the angle of (A, B), least furthest opposite it. Only the samples either side
    # of each angle can be the extremes, so only those are worked out, and the first of equals
    # taken, as a scan of all 16 samples took it (the outline's two sides scanned 16 points a
    # section each: a sixth of a frame's drawing in Python).
    half = ELLIPSE_POINTS // 2
    for level, ahead, depth, width in sections:
        ox, oy = px + sx * level + cx * ahead, py + sy * level + cy * ahead
        ax, ay, bx, by = cx * depth, cy * depth, lx * width, ly * width
        big_a, big_b = ax * nx + ay * ny, bx * nx + by * ny
        if abs(big_a) + abs(big_b) < 1e-9:  # every sample as far: no angle to go by
            least = most = RING
        else:
            k = round(math.atan2(big_b, big_a) / RING_STEP) % ELLIPSE_POINTS
            least, most = NEAR_SAMPLES[(k + half) % ELLIPSE_POINTS], NEAR_SAMPLES[k]
        points = [(ox + ax * c + bx * s, oy + ay * c + by * s) for c, s in least]
        along = [x * nx + y * ny for x, y in points]
        side.append(points[along.index(min(along))])
        points = [(ox + ax * c + bx * s, oy + ay * c + by * s) for c, s in most]
        along = [x * nx + y * ny for x, y in points]
        other.append(points[along.index(max(along))])
    return (Poly((*side, *reversed(other))),)


RING_STEP = 2 * math.pi / ELLIPSE_POINTS
# For each sample of the ring: it and its two neighbours, in the ring's order (so that the first
# of equals is the one a scan of the whole ring finds first).
NEAR_SAMPLES = tuple(
    tuple(RING[i] for i in sorted({(k - 1) % ELLIPSE_POINTS, k, (k + 1) % ELLIPSE_POINTS}))
    for k in range(ELLIPSE_POINTS)
)


@lru_cache(maxsize=8)
def _sections(
    profile: tuple[tuple[float, float, float, float], ...],
) -> tuple[tuple[float, float, float, float], ...]:
    """A profile's sections as (level, ahead of the spine, half-depth, half-width): smoothed,
    with the rounded ends; the same for every body, so worked out once."""
    smooth = _smoothed(profile)
    # Rounded ends: smaller sections beyond the first and the last, like the end of an egg.
    bottom = [_shrunk(smooth[0], -TRUNK_CAP * k, f) for k, f in CAP]
    top = [_shrunk(smooth[-1], TRUNK_CAP * k, f) for k, f in reversed(CAP)]
    return tuple(
        (level, (front + back) / 2, (front - back) / 2, width)
        for level, front, back, width in [*bottom, *smooth, *top]
    )


def _shrunk(
    section: tuple[float, float, float, float], rise: float, keep: float
) -> tuple[float, float, float, float]:
    """A section moved ``rise`` along the spine and scaled by ``keep`` about its centre."""
    level, front, back, width = section
    centre, half = (front + back) / 2, (front - back) / 2 * keep
    return (level + rise, centre + half, centre - half, width * keep)


def _smoothed(
    profile: Sequence[tuple[float, float, float, float]], steps: int = 2
) -> list[tuple[float, float, float, float]]:
    """The profile with ``steps`` - 1 Catmull-Rom points between each pair of sections."""
    out: list[tuple[float, float, float, float]] = []
    n = len(profile)
    for i in range(n - 1):
        p0, p1, p2, p3 = (profile[max(0, min(n - 1, j))] for j in (i - 1, i, i + 1, i + 2))
        for k in range(steps):
            t = k / steps
            out.append(
                tuple(  # type: ignore[arg-type]
                    0.5
                    * (
                        2 * b
                        + (c - a) * t
                        + (2 * a - 5 * b + 4 * c - d) * t * t
                        + (3 * b - a - 3 * c + d) * t * t * t
                    )
                    for a, b, c, d in zip(p0, p1, p2, p3, strict=True)
                )
            )
    out.append(tuple(profile[-1]))  # type: ignore[arg-type]
    return out


def _neck(b: _Builder) -> Capsule:
    neck, head = b.v("neck"), b.v("head")
    up = _unit3(_sub3(head, neck))
    base = _add3(neck, _scale3(_unit3(_sub3(neck, b.v("pelvis"))), -0.02))
    return Capsule(b.s(base), b.s(_add3(neck, _scale3(up, NECK_RISE))), NECK_R, NECK_R)


# --- limbs ------------------------------------------------------------------------------------


def _leg(b: _Builder, s: str) -> tuple[Shape, ...]:
    heel, toe, ankle = b.v(f"{s}_heel"), b.v(f"{s}_toe"), b.v(f"{s}_ankle")
    # The sole stays FOOT_R below the heel and toe points (the floor contract of ``reach``)
    # while the foot tapers from a round heel to the toes.
    along = _unit3(_sub3(toe, heel))
    rise = _sub3(ankle, heel)
    up = _unit3(_sub3(rise, _scale3(along, _dot3(rise, along))))
    heel_c = _add3(heel, _scale3(up, HEEL_R - FOOT_R))
    toe_c = _add3(toe, _scale3(up, TOE_R - FOOT_R))
    balls = (b.v(f"{s}_ball_in"), b.v(f"{s}_ball_out"))
    ball_in, ball_out = (_add3(v, _scale3(up, TOE_R + 0.002 - FOOT_R)) for v in balls)
    # The forefoot's width narrows as the foot points down: a pointed foot seen from the front
    # or turned would otherwise cross its own instep and draw as a '+'.
    flat = max(0.0, 1.0 - abs(along[1]) / 0.7)
    mid = _mid3(ball_in, ball_out)
    ball_in, ball_out = (_add3(mid, _scale3(_sub3(v, mid), flat)) for v in (ball_in, ball_out))
    return (
        Capsule(b.p(f"{s}_hip"), b.p(f"{s}_knee"), *THIGH_R),
        Capsule(b.p(f"{s}_knee"), b.p(f"{s}_ankle"), *SHIN_R),
        Capsule(b.s(ankle), b.s(heel_c), SHIN_R[1], HEEL_R),
        Capsule(b.s(heel_c), b.s(toe_c), HEEL_R, TOE_R),
        Capsule(b.s(ball_in), b.s(ball_out), TOE_R + 0.002, TOE_R + 0.002),
    )


def wrist(body: Body, side: str) -> Vec:
    """Where the forearm ends and the hand begins: a little short of the grip's middle."""
    elbow, hand = body.points[f"{side}_elbow"], body.points[f"{side}_hand"]
    return _add3(hand, _scale3(_unit3(_sub3(hand, elbow)), -FIST_BACK))


def planted(body: Body, side: str, box: BoxProp | None = None) -> float:
    """How flat a free hand lies on what is under it: 1 resting on it, 0 from PLANT above it.

    A fraction rather than yes/no, so a hand coming down onto the floor in an animation opens
    and flattens smoothly instead of jumping between two shapes.
    """
    hand = body.points[f"{side}_hand"]
    gap = hand[1] - HAND_R - surface_under(hand, box)
    return min(1.0, max(0.0, 1.0 - gap / PLANT))


def _arm(b: _Builder, s: str, *, fist: bool) -> tuple[Shape, ...]:
    elbow, hand = b.v(f"{s}_elbow"), b.v(f"{s}_hand")
    along = _unit3(_sub3(hand, elbow))
    w = wrist(b.body, s)
    shapes: list[Shape] = [
        Capsule(b.p(f"{s}_shoulder"), b.p(f"{s}_elbow"), *UPPER_ARM_R),
        Capsule(b.s(elbow), b.s(w), *FOREARM_R),
    ]
    if fist:
        knuckles = _add3(hand, _scale3(along, FIST_FRONT))
        shapes.append(Capsule(b.s(w), b.s(knuckles), FOREARM_R[1] + 0.002, FIST_R))
        return tuple(shapes)
    # An open hand continues the forearm; a hand that bears weight lies flat on its surface,
    # fingers forward (the way the figure faces), heel of the hand under the wrist.
    r0, r1, length = OPEN_HAND
    tip = _add3(w, _scale3(along, length + FIST_BACK * 0.4))
    k = planted(b.body, s, b.box)
    if k > 0:
        floor = surface_under(hand, b.box) + PALM_R
        heel = (hand[0] - 0.012, floor, hand[2])
        fingers = (hand[0] + PALM_LENGTH - 0.012, floor, hand[2])
        start = _lerp3(w, heel, k)
        tip = _lerp3(tip, fingers, k)
        r0, r1 = r0 + (PALM_R - r0) * k, r1 + (PALM_R * 0.8 - r1) * k
        # The wrist bends down to the heel of the hand.
        shapes.append(Capsule(b.s(w), b.s(start), FOREARM_R[1], r0))
        w = start
    shapes.append(Capsule(b.s(w), b.s(tip), r0, r1))
    return tuple(shapes)


# --- props ------------------------------------------------------------------------------------


def grip_axis(body: Body, side: str, grip: Grip) -> Vec:
    """The dumbbell's bar direction in a hand: across the forearm, turned as the grip says.

    Neutral keeps it along the chest's forward axis (palms facing each other), overhand along
    the body's left-right axis (palms toward the body); either is then made square to the
    forearm, so the bar turns with the hand as the arm moves.
    """
    elbow, hand = body.points[f"{side}_elbow"], body.points[f"{side}_hand"]
    along = _unit3(_sub3(hand, elbow))
    ref = body.chest if grip is Grip.neutral else body.left
    across = _sub3(ref, _scale3(along, _dot3(ref, along)))
    if _len3(across) < 1e-6:  # forearm along the reference: fall back to the other axis
        ref = body.left if grip is Grip.neutral else body.chest
        across = _sub3(ref, _scale3(along, _dot3(ref, along)))
    return _unit3(across)


def _dumbbell(b: _Builder, centre: Vec, axis: Vec) -> tuple[list[Shape], list[Shape]]:
    """The bar and the plates, split into what lies behind the grip's middle and in front of it.

    A plate is a disc square to the bar: end-on it is a round disc, edge-on a rounded slab, and
    anything between a capsule whose width follows how much of its face the camera sees.
    """
    ends = [_add3(centre, _scale3(axis, sign * GRIP_HALF)) for sign in (-1.0, 1.0)]
    sx, sy, sz = project(axis, b.view)
    on_screen = math.hypot(sx, sy)
    face = abs(sz)  # how squarely the camera looks at a plate's face
    r = max(PLATE_T / 2, PLATE_R * face + PLATE_T * on_screen / 2)
    half = max(0.0, PLATE_R - r)
    major = (-sy / on_screen, sx / on_screen) if on_screen > 1e-6 else (0.0, 1.0)
    back: list[Shape] = [Capsule(b.s(ends[0]), b.s(ends[1]), BAR_R, BAR_R)]
    front: list[Shape] = []
    for end in ends:
        c = b.s(end)
        plate = Capsule(_add(c, _scale(major, -half)), _add(c, _scale(major, half)), r, r)
        (front if b.z(end) > b.z(centre) + 0.01 else back).append(plate)
    return back, front


def knee_weight_centre(body: Body) -> Vec:
    """The middle of the handle of a dumbbell standing upright on the end of the right thigh:
    its lower plate rests on the thigh just above the knee, whatever the thigh's slope."""
    rest = _lerp3(body.points["right_hip"], body.points["right_knee"], KNEE_WEIGHT_AT)
    return _add3(rest, (0.0, THIGH_R[1] + PLATE_T / 2 + GRIP_HALF, 0.0))


def knee_weight(b: _Builder) -> list[Element]:
    """One dumbbell standing upright on the near thigh above the knee (a seated calf raise):
    painted over the thigh and under the near arm, whose hand steadies it from above."""
    back, front = _dumbbell(b, knee_weight_centre(b.body), (0.0, 1.0, 0.0))
    arm = b.depth("right_shoulder", "right_elbow", "right_hand")
    return [Element("prop", (*back, *front), (arm - 1e-3, 4))]


def _held_dumbbell(b: _Builder, side: str, grip: Grip, role: str, arm_depth: float) -> list[Element]:
    """A dumbbell in one hand: the grip's middle at the hand point, the bar turned by the grip.

    What lies behind the hand is painted before the arm (the fist closes over the bar), a plate
    nearer the camera than the hand after it.
    """
    back, front = _dumbbell(b, b.v(f"{side}_hand"), grip_axis(b.body, side, grip))
    out = [Element(role, tuple(back), (arm_depth, 2))]
    if front:
        out.append(Element(role, tuple(front), (arm_depth, 4)))
    return out


def _band_ring(b: _Builder, side: str) -> tuple[Shape, ...]:
    hip, knee = b.p(f"{side}_hip"), b.p(f"{side}_knee")
    c = _lerp(hip, knee, 0.72)
    along = _unit(_sub(knee, hip))
    across = (-along[1], along[0])
    r = 0.036
    return (Capsule(_add(c, _scale(across, -r)), _add(c, _scale(across, r)), 0.011, 0.011),)


# --- small geometry ---------------------------------------------------------------------------


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


def _add3(a: Vec, b: Vec) -> Vec:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def _sub3(a: Vec, b: Vec) -> Vec:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def _scale3(a: Vec, k: float) -> Vec:
    return (a[0] * k, a[1] * k, a[2] * k)


def _dot3(a: Vec, b: Vec) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def _len3(a: Vec) -> float:
    return math.sqrt(_dot3(a, a))


def _unit3(a: Vec) -> Vec:
    n = _len3(a)
    return (a[0] / n, a[1] / n, a[2] / n) if n > 1e-9 else (0.0, 1.0, 0.0)


def _lerp3(a: Vec, b: Vec, t: float) -> Vec:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t)


def _mid3(a: Vec, b: Vec) -> Vec:
    return _lerp3(a, b, 0.5)
