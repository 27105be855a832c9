"""From a figure spec to placed bodies: keyframes on the floor, and the frames in between.

Three rules keep the movement believable without the author giving any coordinates:
- *supports*: a plank is tipped until both its support groups (toes, hands) touch the floor;
- *floor*: the lowest point of the body rests on the floor (plus any jump height); what a box
  is under (a foot, the hands, the hips) has the box's top for its floor instead;
- *anchors*: what stays on the floor from one keyframe to the next (the feet in a hinge, the
  back knee into a half-kneel) keeps its place, so feet do not skate between frames.
In-between frames interpolate joint *angles*, never positions, so every bone keeps its length.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from ..model import BoxUnder, Figure, Grip, Keyframe, Lead, Loop, Orientation, Prop, Surface
from .poses import BASE_POSES, full_angles
from .props import NONE as NO_SCENERY
from .props import Scenery, support_length
from .props import place as place_scenery
from .shapes import BoxProp, reach
from .skeleton import SIDES, Body, expand, pose

CONTACT = 0.02  # a point this close to the floor counts as touching it
STEP = 0.12  # a foot on the floor at both ends that moves further than this takes a step
SWING_HIP = 10.0  # how a stepping leg folds to lift its foot: hip and knee, 1 : 2
SWING_KNEE = 20.0
STEP_CLEARANCE = 0.03  # height of the stepping foot above the floor at the middle of a step
PERSON_CM = 175.0  # the figure's standing height, to turn a box's height in cm into figure units
FOOT = ("heel", "toe", "ball_in", "ball_out", "ankle")
# Footprint of the box (along the figure's facing direction, across it), in figure units.
BOX_LENGTH = {
    BoxUnder.lead_foot: 0.22,
    BoxUnder.hands: 0.2,
    BoxUnder.hips: 0.24,
    BoxUnder.rear_foot: 0.24,
    BoxUnder.feet: 0.3,
    BoxUnder.hand: 0.24,
    BoxUnder.hand_and_knee: 0.6,
    BoxUnder.lead_leg: 0.4,
    BoxUnder.shoulders: 0.24,
    BoxUnder.forefoot: 0.2,
}
BOX_WIDTH = 0.3
STEP_WIDTH = 0.14
# A hand on a bench or box grips it near its front end (a one-arm row's support hand), so the
# other arm's weight hangs clear of it, in front of the end, not over its top.
HAND_EDGE = 0.01
# A bench stands on four legs at its corners: the bottom leg of a Copenhagen plank passes between them.
BENCH_WIDTH = 0.26
# A bench running crosswise under a knee (figure units): its width across the thigh (≈ 35 cm),
# how far its near end stands in front of the knee (the bottom leg passes between its near and
# far legs) and how far it reaches past the foot lying along it.
CROSS_WIDTH = 0.2
CROSS_NEAR = 0.13
CROSS_PAST_FOOT = 0.05
NO_GROUND: Mapping[str, float] = {}
# Everything a stepping foot must clear (the other foot, knees, hands, the trunk).
REACH_POINTS = (
    *(
        f"{side}_{n}"
        for side in SIDES
        for n in ("heel", "toe", "ball_in", "ball_out", "knee", "hand", "hip", "shoulder")
    ),
    "pelvis",
    "neck",
    "head",
)


@dataclass(frozen=True)
class Posture:
    """A keyframe resolved: every angle, plus how it meets the floor."""

    angles: Mapping[str, float]
    flat_feet: frozenset[str]
    supports: tuple[tuple[str, ...], tuple[str, ...]] | None
    lift: float


def _swap(name: str) -> str:
    if name.startswith("left_"):
        return "right_" + name.removeprefix("left_")
    if name.startswith("right_"):
        return "left_" + name.removeprefix("right_")
    return {"left": "right", "right": "left"}.get(name, name)


def _mirrored(p: Posture) -> Posture:
    """The same posture led by the other side: left and right swap, twists and leans turn over."""
    angles = {_swap(k): v for k, v in p.angles.items()}
    angles["twist"] = -p.angles["twist"]
    angles["lean"] = -p.angles["lean"]
    supports = None
    if p.supports:
        supports = (tuple(map(_swap, p.supports[0])), tuple(map(_swap, p.supports[1])))
    return Posture(angles, frozenset(map(_swap, p.flat_feet)), supports, p.lift)


def posture(keyframe: Keyframe, lead: Lead = Lead.right, *, turned: bool = False) -> Posture:
    """Base pose + overrides. Overrides name the author's sides, so mirroring comes first.

    ``turned`` turns the whole body half round about the vertical (see ``turned``), after the
    overrides, so an author's angles mean the same either way.
    """
    spec = BASE_POSES[keyframe.base]
    base = Posture(full_angles(keyframe.base, {}), spec.flat_feet, spec.supports, spec.lift)
    if lead is Lead.left:
        base = _mirrored(base)
    given = expand(keyframe.angles.given())
    angles = {**base.angles, **given}
    if turned:
        # rot_y(180)·rot_z(-t)·rot_x(l)·rot_y(-w) = rot_z(t)·rot_x(-l)·rot_y(-(w - 180)): the
        # same body, turned to face the other way (exact, so in-betweens turn with it).
        angles["trunk"], angles["lean"] = -angles["trunk"], -angles["lean"]
        angles["twist"] -= 180
    # An ankle the author sets explicitly wins over keeping that foot flat.
    flat = frozenset(s for s in base.flat_feet if f"{s}_ankle" not in given)
    # Flat feet as ankle angles too, so a foot can blend smoothly toward a pointed one.
    for side in flat:
        angles[f"{side}_ankle"] = angles["trunk"] - angles[f"{side}_hip"] + angles[f"{side}_knee"]
    return Posture(angles, flat, base.supports, base.lift)


def bottom(body: Body, names: Sequence[str] | None = None, ground: Mapping[str, float] = NO_GROUND) -> float:
    """Height of the lowest surface of the body (or of some of its points) above what it rests on.

    ``ground`` gives the points resting on a box the box's top as their floor; the others have 0.
    """
    names = names if names is not None else list(body.points)
    return min(body.points[n][1] - reach(n) - ground.get(n, 0.0) for n in names)


def _bisect(f: Callable[[float], float], lo: float, hi: float, f_lo: float) -> float:
    """Where ``f`` changes sign between ``lo`` and ``hi`` (``f_lo`` = f(lo)), to ~1e-12 of the span."""
    for _ in range(40):
        mid = (lo + hi) / 2
        f_mid = f(mid)
        if (f_mid > 0) == (f_lo > 0):
            lo, f_lo = mid, f_mid
        else:
            hi = mid
    return (lo + hi) / 2


def _level_angle(
    body: Body, supports: tuple[tuple[str, ...], tuple[str, ...]], ground: Mapping[str, float] = NO_GROUND
) -> float:
    """Sagittal tilt (degrees) that puts both support groups on what they rest on."""
    back, front = supports
    # Only the support points matter: tipping just them (not the whole body) makes this, which
    # runs for every in-between frame of a plank, several times cheaper.
    low = {n: (body.points[n], reach(n) + ground.get(n, 0.0)) for n in (*back, *front)}

    def lowest(names: tuple[str, ...], c: float, s: float) -> float:
        return min(p[0] * s + p[1] * c - r for p, r in (low[n] for n in names))

    def gap(deg: float) -> float:
        c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))  # rot_z: y' = x·sin + y·cos
        return lowest(front, c, s) - lowest(back, c, s)

    lo, hi = -80.0, 80.0
    g_lo, g_hi = gap(lo), gap(hi)
    if g_lo * g_hi > 0:  # cannot level them both: take whichever end is closer
        return lo if abs(g_lo) < abs(g_hi) else hi
    return _bisect(gap, lo, hi, g_lo)


def build(
    angles: Mapping[str, float],
    flat: frozenset[str],
    level: float,
    lift: float,
    ground: Mapping[str, float] = NO_GROUND,
    overhand: bool = False,
) -> Body:
    """A body on the floor: posed, tipped by ``level`` degrees, lowest point at ``lift``."""
    body = pose(angles, flat_feet=flat, overhand=overhand)
    if level:
        body = body.rotated_z(level, (0.0, 0.0, 0.0))
    return body.moved(0.0, lift - bottom(body, ground=ground))


def contacts(body: Body, ground: Mapping[str, float] = NO_GROUND) -> frozenset[str]:
    """The points touching what they rest on (the floor, or the box's top)."""
    return frozenset(n for n, p in body.points.items() if p[1] - reach(n) - ground.get(n, 0.0) < CONTACT)


def _calm_side(a: Posture, b: Posture) -> str | None:
    """The side whose limbs barely move between two postures (the planted one), if any.

    Geometry alone cannot tell a step out to the right from a slide to the left; the joint
    angles can: the leg that bends and swings is the one that moves.
    """
    # A flat foot's ankle angle is derived from the hip and knee (it keeps the sole on the
    # floor), not a move of its own: counting it would count the knee twice, and a leg that
    # only bends to take the weight would look as busy as the one that steps out.
    derived = {f"{side}_ankle" for side in a.flat_feet & b.flat_feet}
    change = {
        side: sum(
            abs(a.angles[k] - b.angles[k]) for k in a.angles if k.startswith(side + "_") and k not in derived
        )
        for side in SIDES
    }
    quiet, busy = sorted(SIDES, key=lambda s: change[s])
    return quiet if change[busy] > 20 and change[busy] > 1.5 * change[quiet] else None


def _anchors(
    a: Posture,
    b: Posture,
    body_a: Body,
    body_b: Body,
    ground: Mapping[str, float] = NO_GROUND,
    ground_b: Mapping[str, float] | None = None,
) -> frozenset[str]:
    """The floor contacts that stay put from one keyframe to the next (``ground_b``: the second
    key's own ground, when it differs; a point that moves from the box to the floor is not one)."""
    gb = ground if ground_b is None else ground_b
    shared = frozenset(
        n for n in contacts(body_a, ground) & contacts(body_b, gb) if ground.get(n, 0.0) == gb.get(n, 0.0)
    )
    calm = _calm_side(a, b)
    planted = frozenset(n for n in shared if calm and n.startswith(calm + "_"))
    return planted or shared


def _stepping(
    a: Posture,
    b: Posture,
    body_a: Body,
    body_b: Body,
    ground: Mapping[str, float] = NO_GROUND,
    ground_b: Mapping[str, float] | None = None,
) -> frozenset[str]:
    """The leg that steps between two placed keyframes: its foot is down at both ends and moves."""
    calm = _calm_side(a, b)
    if calm is None:
        return frozenset()
    side = next(s for s in SIDES if s != calm)
    foot = [
        n for n in body_a.points if n.startswith(f"{side}_") and n.endswith(("_toe", "_heel", "_ball_in"))
    ]
    down = contacts(body_a, ground) & contacts(body_b, ground if ground_b is None else ground_b)
    if not any(n in down for n in foot):
        return frozenset()
    pa, pb = body_a.points[f"{side}_ankle"], body_b.points[f"{side}_ankle"]
    return frozenset({side}) if math.hypot(pb[0] - pa[0], pb[2] - pa[2]) > STEP else frozenset()


def _anchor(body: Body, names: frozenset[str]) -> tuple[float, float]:
    """Floor-plane position (x, z) of the anchor points (the ankles when nothing is shared)."""
    chosen = sorted(names) or [f"{s}_ankle" for s in SIDES]
    return (
        sum(body.points[n][0] for n in chosen) / len(chosen),
        sum(body.points[n][2] for n in chosen) / len(chosen),
    )


def _align(body: Body, target: Body, names: frozenset[str]) -> Body:
    """Slide ``body`` along the floor so its anchor points sit where ``target``'s do."""
    (tx, tz), (bx, bz) = _anchor(target, names), _anchor(body, names)
    return body.moved(tx - bx, 0.0, tz - bz)


@dataclass(frozen=True)
class Motion:
    """The keyframes of one figure, placed, and a way to get any frame in between."""

    postures: tuple[Posture, ...]
    keys: tuple[Body, ...]
    anchors: tuple[frozenset[str], ...]  # anchors[i]: what stays put from key i to key i+1
    levels: tuple[float, ...]
    swings: tuple[frozenset[str], ...] = ()  # swings[i]: legs that step from key i to key i+1
    ground: Mapping[str, float] = field(default_factory=dict)  # points resting on the box: its top
    box: BoxProp | None = None
    overhand: bool = False  # dumbbell handles across the body (Figure.grip)
    closing: Motion | None = None  # a round loop's move from the last key back to the first
    scenery: Scenery = NO_SCENERY  # the wall, the band's anchor, the hand holding a single weight
    # travels[i]: how far (x, z) the body moves from key i-1 to key i on top of the anchors
    travels: tuple[tuple[float, float], ...] = ()
    # grounds[i]: key i's own ground when a keyframe puts on the floor what usually rests on the
    # box (a box jump's take-off); empty when every key uses ``ground``
    grounds: tuple[Mapping[str, float], ...] = ()

    def key_ground(self, i: int) -> Mapping[str, float]:
        """What each point of key i rests on: the box's top for those in it, else the floor."""
        return self.grounds[i] if self.grounds else self.ground

    def ground_between(self, i: int, t: float) -> Mapping[str, float]:
        """What each point rests on a fraction ``t`` of the way from key i to key i+1."""
        ga, gb = self.key_ground(i), self.key_ground(i + 1)
        if ga == gb:
            return ga
        return {n: ga.get(n, 0.0) * (1 - t) + gb.get(n, 0.0) * t for n in {*ga, *gb}}

    def between(self, i: int, t: float) -> Body:
        """The body a fraction ``t`` (0..1, already eased) of the way from key i to key i+1."""
        if t <= 0:
            return self.keys[i]
        if t >= 1:
            return self.keys[i + 1]
        a, b = self.postures[i], self.postures[i + 1]
        angles = {k: a.angles[k] + (b.angles[k] - a.angles[k]) * t for k in a.angles}
        swings = self.swings[i] if self.swings else frozenset()
        flat = (a.flat_feet & b.flat_feet) - swings
        ground = self.ground_between(i, t)
        level = _blend_level(pose(angles, flat_feet=flat), a, b, t, ground)
        for side in sorted(swings):
            angles = _clear_step(angles, flat, level, side, t)
        lift = a.lift + (b.lift - a.lift) * t
        dx, dz = self.travels[i + 1] if self.travels else (0.0, 0.0)

        def placed(body: Body) -> Body:
            return _align(body, self.keys[i], self.anchors[i]).moved(dx * t, 0.0, dz * t)

        body = placed(build(angles, flat, level, lift, ground, self.overhand))
        if self.box is None:
            return body
        # A foot that passes the box (the trailing leg of a step-up) goes over it, not through:
        # fold that leg at hip and knee, a little at a time, until it clears the top.
        for side in SIDES:
            bent = angles
            for k in range(1, 13):
                if not _in_box(body, side, self.box, ground):
                    break
                bent = dict(angles)
                bent[f"{side}_hip"] += SWING_HIP * k / 2
                bent[f"{side}_knee"] += SWING_KNEE * k / 2
                body = placed(build(bent, flat - {side}, level, lift, ground, self.overhand))
            angles = bent
        return body

    def between_keys(self, a: int, b: int, t: float) -> Body:
        """The body a fraction ``t`` of the way from key ``a`` to key ``b``: neighbours either
        way, or a round loop's last key back to the first (``closing``)."""
        if b == a + 1:
            return self.between(a, t)
        if a == b + 1:
            return self.between(b, 1.0 - t)
        if self.closing is None or (a, b) != (len(self.keys) - 1, 0):
            raise ValueError(f"no move from key {a} to key {b}")
        body = self.closing.between(0, t)
        # The closing move starts where the last key is and must end where the first key is:
        # any drift over the loop (a step that did not quite come back) is made up on the way.
        (x0, z0), (x1, z1) = _anchor(self.closing.keys[1], frozenset()), _anchor(self.keys[0], frozenset())
        return body.moved((x1 - x0) * t, 0.0, (z1 - z0) * t)


def _in_box(body: Body, side: str, box: BoxProp, ground: Mapping[str, float]) -> bool:
    """Whether a leg's foot or shin (not resting on the box's top) is inside the box."""
    for name in (f"{side}_{n}" for n in ("toe", "heel", "ball_in", "ball_out", "ankle")):
        if name in ground:
            return False
        p, r = body.points[name], reach(name)
        if (
            abs(p[0] - box.x) < box.length / 2 + r
            and abs(p[2] - box.z) < box.width / 2 + r
            and p[1] - r < box.height - 0.005
        ):
            return True
    return False


def _clear_step(
    angles: dict[str, float], flat: frozenset[str], level: float, side: str, t: float
) -> dict[str, float]:
    """Fold a stepping leg (hip and knee) just enough for its foot to clear the floor mid-step.

    Interpolated angles alone would drag the foot along (or through) the floor from one
    position to the next; a person lifts it, higher toward the middle of the step.
    """
    clearance = STEP_CLEARANCE * math.sin(math.pi * t)
    foot = [f"{side}_{n}" for n in ("heel", "toe", "ball_in", "ball_out", "ankle")]
    others = [n for n in REACH_POINTS if not n.startswith(side + "_") or n.endswith(("_hip", "_shoulder"))]
    out = angles
    for k in range(13):  # bend in small steps; stop at the first that clears
        out = dict(angles)
        out[f"{side}_hip"] += SWING_HIP * k / 4
        out[f"{side}_knee"] += SWING_KNEE * k / 4
        body = pose(out, flat_feet=flat)
        if level:
            body = body.rotated_z(level, (0.0, 0.0, 0.0))
        if bottom(body, foot) >= bottom(body, others) + clearance:
            break
    return out


def _blend_level(
    raw: Body, a: Posture, b: Posture, t: float, ground: Mapping[str, float] = NO_GROUND
) -> float:
    """Blend each end's support rule, so a plank turning into a side plank stays grounded."""
    la = _level_angle(raw, a.supports, ground) if a.supports else 0.0
    lb = _level_angle(raw, b.supports, ground) if b.supports else 0.0
    return la * (1 - t) + lb * t


def on_box(figure: Figure) -> tuple[tuple[str, ...], float]:
    """The points that rest on the figure's box and the height of its top (none and 0 without one)."""
    placement = figure.box_placement()
    if placement is None:
        return (), 0.0
    match placement.under:
        case BoxUnder.lead_foot:
            names: tuple[str, ...] = tuple(f"{figure.lead.value}_{n}" for n in FOOT)
        case BoxUnder.hands:
            names = ("right_hand", "left_hand")
        case BoxUnder.hips:
            names = ("pelvis", "right_hip", "left_hip")
        case BoxUnder.rear_foot:
            names = tuple(f"{_swap(figure.lead.value)}_{n}" for n in FOOT)
        case BoxUnder.feet:
            names = tuple(f"{s}_{n}" for s in SIDES for n in FOOT)
        case BoxUnder.hand:
            names = (f"{_swap(figure.lead.value)}_hand",)
        case BoxUnder.hand_and_knee:
            names = (f"{_swap(figure.lead.value)}_hand", f"{_swap(figure.lead.value)}_knee")
        case BoxUnder.shoulders:
            names = ("neck", "right_shoulder", "left_shoulder")
        case BoxUnder.lead_leg:
            names = tuple(f"{figure.lead.value}_{n}" for n in ("knee", "ankle", *FOOT[:4]))
        case BoxUnder.forefoot:
            # The ball and toes only: the heel hangs free below the edge.
            names = tuple(f"{figure.lead.value}_{n}" for n in ("toe", "ball_in", "ball_out"))
    return names, placement.height_cm / PERSON_CM


def _fit_to_box(p: Posture, figure: Figure, ground: Mapping[str, float]) -> Posture:
    """Bend the knee(s) so both the box and the floor are touched, when the pose means both.

    A step-up's front foot is on the box while the back foot stands on the floor; sitting on a
    bench, the feet are on the floor. The author's angles come close; this makes it exact, as
    ``supports`` does for a plank (whose hands on a box are levelled by tipping instead). Only a
    pose within half the box's height of touching both is fitted: standing up off a bench, on
    top of the box or driving a knee up are meant to leave one of them.
    """
    placement = figure.box_placement()
    if placement is None or p.supports or p.lift:
        return p
    if placement.under not in (BoxUnder.lead_foot, BoxUnder.rear_foot, BoxUnder.hips):
        return p  # hands, shoulders or a forefoot on it: levelled or meant to leave the floor
    height = placement.height_cm / PERSON_CM
    lead = figure.lead.value
    if placement.under is BoxUnder.lead_foot:
        bend: tuple[str, ...] = (lead,)
        floor = tuple(f"{s}_{n}" for s in SIDES if s != lead for n in FOOT)
    elif placement.under is BoxUnder.rear_foot:
        # Rear foot on a bench: the back knee finds the bench, the front leg stays as written.
        bend = (_swap(lead),)
        floor = tuple(f"{lead}_{n}" for n in FOOT)
    else:
        bend = SIDES
        floor = tuple(f"{s}_{n}" for s in SIDES for n in FOOT)
    boxed = tuple(ground)

    def with_knee(k: float) -> dict[str, float]:
        angles = dict(p.angles)
        for side in bend:
            angles[f"{side}_knee"] = k
            if side in p.flat_feet:
                angles[f"{side}_ankle"] = angles["trunk"] - angles[f"{side}_hip"] + k
        return angles

    def gap(k: float) -> float:
        """How far the floor group floats above the floor while the box group rests on the box."""
        body = pose(with_knee(k), flat_feet=p.flat_feet)
        return bottom(body, floor) - bottom(body, boxed, ground)

    off = abs(gap(p.angles[f"{bend[0]}_knee"]))
    if off < 1e-6 or off > height / 2:
        return p
    knees = [float(k) for k in range(0, 161, 2)]
    gaps = [gap(k) for k in knees]
    roots: list[float] = []
    for k0, k1, g0, g1 in zip(knees, knees[1:], gaps, gaps[1:], strict=False):
        if g0 * g1 > 0:
            continue
        roots.append(_bisect(gap, k0, k1, g0))
    if not roots:  # the box is out of reach of this pose: come as close as the knee allows
        roots = [knees[min(range(len(knees)), key=lambda i: abs(gaps[i]))]]
    knee = min(roots, key=lambda k: abs(k - p.angles[f"{bend[0]}_knee"]))
    return replace(p, angles=with_knee(knee))


def _place_box(
    figure: Figure,
    keys: Sequence[Body],
    names: Sequence[str],
    ground: Mapping[str, float],
    grounds: Sequence[Mapping[str, float]] = (),
) -> BoxProp | None:
    """The box under its points in the first keyframe that rests on it; it then stays put."""
    placement = figure.box_placement()
    if placement is None:
        return None
    height = placement.height_cm / PERSON_CM
    on_it = [k for k, g in zip(keys, grounds or [ground] * len(keys), strict=True) if set(names) <= set(g)]
    first = next((k for k in on_it if bottom(k, names, ground) < CONTACT), keys[0])
    pts = [first.points[n] for n in names]
    x = sum(p[0] for p in pts) / len(pts)
    z = 0.0  # centred across the body: wide enough for a foot on either side
    length = support_length(figure) or BOX_LENGTH[placement.under]
    if placement.under in (BoxUnder.lead_foot, BoxUnder.rear_foot):  # under the middle of the foot
        x = (first.points[names[0]][0] + first.points[names[1]][0]) / 2
    elif placement.under is BoxUnder.hips:  # the seat reaches back behind the sitting bones
        x -= 0.04
    elif placement.under is BoxUnder.shoulders:  # the bench's edge under the shoulder blades
        x -= length / 2 - 0.05
    elif placement.under is BoxUnder.hand_and_knee:  # from behind the shin to past the hand
        hand, knee = first.points[names[0]], first.points[names[1]]
        back, front = min(hand[0], knee[0]) - 0.3, max(hand[0], knee[0]) + HAND_EDGE
        x, length, z = (back + front) / 2, front - back, (hand[2] + knee[2]) / 2
    elif placement.under is BoxUnder.lead_leg and placement.orientation is Orientation.crosswise:
        # Across the thigh, under the knee: the lower leg lies along its top, away from the
        # camera (the knee bends toward the back, the chest faces us). Its near end stands far
        # enough in front of the knee that the bottom leg passes between its legs, not through.
        # Every keyframe on it counts: the body slides as the hips rise (the anchors keep the
        # forearm put), so the knee, the foot and the bottom leg move over and under it.
        knee, ankle = first.points[names[0]], first.points[names[1]]
        back = min(k.points[n][2] for k in on_it or [first] for n in names) - CROSS_PAST_FOOT
        front = max(k.points[n][2] for k in on_it or [first] for n in (names[0], "pelvis")) + CROSS_NEAR
        x = (knee[0] + ankle[0]) / 2  # under the knee and the ankle, whichever way the shin slants
        return BoxProp(x, (back + front) / 2, height, CROSS_WIDTH, front - back, "bench", crosswise=True)
    elif placement.under is BoxUnder.lead_leg:  # along the shin, from the foot to the knee
        # The shin may point either way along x (a turned figure's feet are at +x).
        knee_x = first.points[names[0]][0]
        way = 1.0 if knee_x >= first.points[names[1]][0] else -1.0
        back = min(way * p[0] for p in pts) - 0.06
        front = way * knee_x + 0.1
        x, length, z = way * (back + front) / 2, front - back, first.points[names[0]][2]
    elif placement.under is BoxUnder.forefoot:  # the edge under the ball, the step ahead of it
        ball = first.points[names[1]][0]
        x = ball - 0.03 + length / 2
    kind = figure.support().value if figure.support() else "box"  # type: ignore[union-attr]
    width = BENCH_WIDTH if placement.under is BoxUnder.lead_leg else BOX_WIDTH
    if figure.support() is Prop.step and placement.under in (BoxUnder.lead_foot, BoxUnder.forefoot):
        # A step is narrow: under the standing foot only, so the other foot can drop beside it.
        width, z = STEP_WIDTH, sum(p[2] for p in pts) / len(pts)
    return BoxProp(x, z, height, length, width, kind)


CHEST_AWAY = -0.5  # a chest turned this far from the camera side (z) shows its back


def turned(figure: Figure) -> bool:
    """Whether the figure is drawn turned half round, so a lying body shows its chest.

    The camera stands on the figure's right (+z). A body on its side led by the left (lying
    on its right side) is the mirror image of one led by the right, so its chest faces away
    and a reader sees its back, which reads as face down. Turned about the vertical it is the
    same body, lying on the same side, with the chest to the camera and the head on the left,
    as a coach would show it. Only bodies that never stand on flat feet turn (a flat foot is
    laid pointing +x), and only when no keyframe shows its chest.
    """
    if figure.lead is not Lead.left:
        return False
    chests: list[float] = []
    for k in figure.keyframes:
        p = posture(k, figure.lead)
        if p.flat_feet:
            return False
        chests.append(pose(p.angles).chest[2])
    return min(chests) < CHEST_AWAY and max(chests) <= 0.05


def motion(figure: Figure) -> Motion:
    overhand = figure.grip is Grip.overhand
    names, height = on_box(figure)
    ground = dict.fromkeys(names, height)
    grounds = tuple(_own_ground(k, ground) for k in figure.keyframes)
    turn = turned(figure)
    postures = tuple(
        _fit_to_box(posture(k, figure.lead, turned=turn), figure, g)
        for k, g in zip(figure.keyframes, grounds, strict=True)
    )
    keys: list[Body] = []
    levels: list[float] = []
    anchors: list[frozenset[str]] = []
    swings: list[frozenset[str]] = []
    travels = tuple(_travel(k) for k in figure.keyframes)
    for i, p in enumerate(postures):
        raw = pose(p.angles, flat_feet=p.flat_feet)
        level = _level_angle(raw, p.supports, grounds[i]) if p.supports else 0.0
        body = build(p.angles, p.flat_feet, level, p.lift, grounds[i], overhand)
        if keys:
            planted = _anchors(postures[i - 1], p, keys[-1], body, grounds[i - 1], grounds[i])
            anchors.append(planted)
            body = _align(body, keys[-1], planted).moved(travels[i][0], 0.0, travels[i][1])
            swings.append(_stepping(postures[i - 1], p, keys[-1], body, grounds[i - 1], grounds[i]))
        else:
            x, z = _anchor(body, frozenset())
            body = body.moved(-x, 0.0, -z)
        keys.append(body)
        levels.append(level)
    box = _place_box(figure, keys, names, ground, grounds)
    varies = any(g != ground for g in grounds)
    scenery = place_scenery(figure, keys)
    closing = None
    if figure.loop is Loop.round:
        # The last key and the first one again, placed from the last: the loop's closing move.
        first = keys[0]
        planted = _anchors(postures[-1], postures[0], keys[-1], first, grounds[-1], grounds[0])
        back = _align(first, keys[-1], planted)
        swing = _stepping(postures[-1], postures[0], keys[-1], back, grounds[-1], grounds[0])
        closing = Motion(
            (postures[-1], postures[0]),
            (keys[-1], back),
            (planted,),
            (levels[-1], levels[0]),
            (swing,),
            ground,
            box,
            overhand=overhand,
            scenery=scenery,
            grounds=(grounds[-1], grounds[0]) if varies else (),
        )
    return Motion(
        postures,
        tuple(keys),
        tuple(anchors),
        tuple(levels),
        tuple(swings),
        ground,
        box,
        overhand=overhand,
        scenery=scenery,
        closing=closing,
        travels=travels,
        grounds=grounds if varies else (),
    )


# A keyframe's floor contacts, as the body points they take off the box (see model.Contacts):
# any part of a foot on the floor means the whole foot, which cannot be half on the box.
_FLOOR_PARTS = {
    "feet": FOOT,
    "foot": FOOT,
    "toes": FOOT,
    "heels": FOOT,
    "heel": FOOT,
    "knees": ("knee",),
    "knee": ("knee",),
    "hands": ("hand",),
    "hand": ("hand",),
    "forearms": ("elbow", "hand"),
    "forearm": ("elbow", "hand"),
}
_FLOOR_TRUNK = {
    "hips": ("pelvis", "right_hip", "left_hip"),
    "back": ("neck", "right_shoulder", "left_shoulder"),
    "shoulders": ("right_shoulder", "left_shoulder"),
    "head": ("head",),
}


def _own_ground(keyframe: Keyframe, ground: Mapping[str, float]) -> Mapping[str, float]:
    """The figure's ground, minus what this keyframe declares on the floor: a box jump stands in
    front of the box (feet on the floor) before it lands on it (feet on the box)."""
    on_floor: set[str] = set()
    for name, surface in keyframe.contacts.given().items():
        if surface is not Surface.floor:
            continue
        if name in _FLOOR_TRUNK:
            on_floor.update(_FLOOR_TRUNK[name])
            continue
        side, _, part = name.partition("_") if name.startswith(SIDES) else ("", "", name)
        for s in (side,) if side else SIDES:
            on_floor.update(f"{s}_{n}" for n in _FLOOR_PARTS[part])
    if not on_floor & set(ground):
        return ground
    return {n: h for n, h in ground.items() if n not in on_floor}


def _travel(keyframe: Keyframe) -> tuple[float, float]:
    """A keyframe's travel from the previous one, in figure units: x forward, z to the right."""
    if keyframe.travel is None:
        return (0.0, 0.0)
    return (keyframe.travel.forward_cm / PERSON_CM, keyframe.travel.right_cm / PERSON_CM)


def ease(t: float) -> float:
    """Ease in and out (smoothstep's gentler cousin): slow at both keyframes, quick between."""
    return 0.5 - 0.5 * math.cos(math.pi * t)
