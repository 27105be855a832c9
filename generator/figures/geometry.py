"""Geometry checks on every figure: what the picture shows must be a body a person could be in.

Run by the loader on each exercise's figure; each problem comes back as a data path inside the
figure (``("keyframes", 2, "contacts", "feet")``) and a sentence, which the loader turns into a
``file:line:col`` error like every other content error. The checks look at the *placed* 3D
bodies (after the supports, the floor and the anchors have done their work) and at in-between
frames, not at the YAML numbers, because that is what a reader sees:

- *contacts*: each declared contact touches its surface (the floor, the box's top, a wall);
- *collisions*: nothing goes through the floor or into a box, held dumbbells included;
- *joints*: knees and elbows bend the right way and no further than a body can, ankles and
  hips stay in range, measured on the derived geometry (hinge axes, bone directions);
- *grip*: a prop held in both hands has both hands at its handle;
- *relations*: the declared relations hold (feet stacked, elbows by the ribs, knee over toes…).

Distances in messages are in cm for a 175 cm person, so an author knows how far off a pose is.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from ..model import Figure, Prop, Surface, View
from .motion import PERSON_CM, Motion, motion
from .props import BELL_R, BENCH_LEG, BENCH_TOP, bench_legs
from .shapes import BoxProp, box_shape, project, reach
from .skeleton import SHOULDER_HALF, SIDES, Body, Vec, sub

Path = tuple[str | int, ...]

TOUCH = 0.02  # a declared contact may float this much above its surface (3.5 cm)
SINK = 0.006  # and anything may sink this much into a surface before it counts as going through
IN_BETWEEN = 4  # in-between frames checked per transition, for collisions and joints
PLATE_RADIUS = 0.05  # a dumbbell's plates, around its handle (≈ 18 cm across)
PLATE_OFFSET = 0.06  # from the middle of the handle to each plate
GOBLET_HANDS = 0.125  # hands cupping one dumbbell's top plate are at most this far apart (≈ 22 cm)
BELL_DROP = 0.028 + BELL_R  # a kettlebell's bell centre below the hand holding its handle

# Joint ranges (degrees) a healthy adult reaches; a little slack for rounding.
KNEE_RANGE = (-3.0, 160.0)
ELBOW_RANGE = (-3.0, 155.0)
ANKLE_RANGE = (-75.0, 45.0)  # plantar flexion (pointed toes) … dorsiflexion
HIP_RANGE = (-35.0, 150.0)  # extension (thigh behind the trunk) … flexion

PART_POINTS: dict[str, tuple[tuple[str, ...], bool]] = {
    # contact name -> (points, all of them must touch); sided names are expanded below
    "foot": (("heel", "toe"), True),
    "heel": (("heel",), True),
    "toes": (("toe", "ball_in", "ball_out"), False),
    "knee": (("knee",), True),
    "hand": (("hand",), True),
    "forearm": (("elbow", "hand"), True),
}
PLURAL = {
    "feet": "foot",
    "heels": "heel",
    "toes": "toes",
    "knees": "knee",
    "hands": "hand",
    "forearms": "forearm",
}
TRUNK_PARTS: dict[str, tuple[tuple[str, ...], bool]] = {
    "hips": (("pelvis", "right_hip", "left_hip"), False),
    "back": (("neck", "right_shoulder", "left_shoulder"), False),
    "shoulders": (("right_shoulder", "left_shoulder"), False),
    "head": (("head",), True),
}
# Bones sampled along their length for collisions: (from, to).
SEGMENTS = (
    *tuple(
        (f"{s}_{a}", f"{s}_{b}")
        for s in SIDES
        for a, b in (
            ("hip", "knee"),
            ("knee", "ankle"),
            ("shoulder", "elbow"),
            ("elbow", "hand"),
            ("heel", "toe"),
        )
    ),
    ("pelvis", "neck"),
    ("neck", "head"),
)


def cm(units: float) -> str:
    return f"{abs(units) * PERSON_CM:.0f} cm"


def said(name: str) -> str:
    """'right_knee' → 'the right knee', for messages."""
    return "the " + name.replace("_", " ")


# --- surfaces ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """The top of a box, bench or step: a rectangle at a height."""

    box: BoxProp

    def gap(self, p: Vec, r: float) -> float:
        """How far a point's surface is above the top (negative: below it)."""
        return p[1] - r - self.box.height

    def over(self, p: Vec, r: float = 0.0) -> bool:
        b = self.box
        return abs(p[0] - b.x) <= b.length / 2 + r and abs(p[2] - b.z) <= b.width / 2 + r

    def inside(self, p: Vec, r: float) -> float:
        """How deep a sphere is inside the block (0 when it is not).

        A box and a step are solid to the floor; a bench is open under its padded top, between
        its four legs, as a real one is: the bottom leg of a Copenhagen plank lies under it.
        """
        b = self.box
        dx = b.length / 2 + r - abs(p[0] - b.x)
        dz = b.width / 2 + r - abs(p[2] - b.z)
        dy = b.height + r - p[1]
        if b.kind != "bench":
            return max(0.0, min(dx, dz, dy))
        slab = min(dx, dz, dy, p[1] + r - (b.height - BENCH_TOP))
        legs = max(
            min(BENCH_LEG + r - abs(p[0] - x), BENCH_LEG + r - abs(p[2] - z), dy) for x, z in bench_legs(b)
        )
        return max(0.0, slab, legs)


@dataclass(frozen=True)
class Wall:
    """A wall's face: the vertical plane x = ``x``, the wall behind it (toward -x)."""

    x: float

    def gap(self, p: Vec, r: float) -> float:
        """How far a point's surface is in front of the wall (negative: inside it)."""
        return p[0] - r - self.x

    def over(self, p: Vec, r: float = 0.0) -> bool:
        return True


def surfaces(figure: Figure, m: Motion) -> dict[Surface, Block | Wall | None]:
    """The surfaces a figure has: the floor (None: height 0 everywhere), its support prop's
    top (a box, bench or step answers to all three names) and a wall's face."""
    out: dict[Surface, Block | Wall | None] = {Surface.floor: None}
    if m.box is not None:
        for name in (Surface.box, Surface.bench, Surface.step):
            out[name] = Block(m.box)
    if m.scenery.wall_x is not None:
        out[Surface.wall] = Wall(m.scenery.wall_x)
    return out


# --- the checks --------------------------------------------------------------------------------


def check_figure(figure: Figure) -> list[tuple[Path, str]]:
    """Every geometry problem of a figure, as (path inside the figure, message)."""
    m = motion(figure)
    found: list[tuple[Path, str]] = []
    tops = surfaces(figure, m)
    for i, (keyframe, body) in enumerate(zip(figure.keyframes, m.keys, strict=True)):
        at: Path = ("keyframes", i)
        found += [(at + p, msg) for p, msg in _contacts(keyframe.contacts.given(), body, tops, m)]
        found += [(at, msg) for msg in _collisions(body, figure, m, m.key_ground(i))]
        found += [(at, msg) for msg in _joints(body)]
        found += [(at, msg) for msg in _grip(body, figure)]
        found += [(at, msg) for msg in _weight_on_top(body, figure, m)]
        found += [(at + p, msg) for p, msg in _relations(keyframe.relations.given(), body, m)]
        found += [(at, msg) for msg in hidden_bends(body, figure.view)]
        found += [(at + p, msg) for p, msg in stub_forearms(keyframe.contacts.given(), body, figure.view)]
    # In-between frames: a problem is reported once per transition, on the keyframe it leads to.
    # A relation declared on both ends of a transition (a straight body from plank to side
    # plank) must hold all the way between them.
    last = len(m.keys) - 1
    moves = [(i, i + 1) for i in range(last)] + ([(last, 0)] if m.closing is not None else [])
    for i, j in moves:
        ka, kb = figure.keyframes[i], figure.keyframes[j]
        on_the_way = f"on the way from '{ka.name}' to '{kb.name}', "
        both = {k: v for k, v in ka.relations.given().items() if kb.relations.given().get(k) == v}
        seen: set[str | int] = set()
        for k in range(1, IN_BETWEEN + 1):
            body = m.between_keys(i, j, k / (IN_BETWEEN + 1))
            ground = _ground_on_the_way(m, i, j, k / (IN_BETWEEN + 1))
            for msg in (*_collisions(body, figure, m, ground), *_joints(body)):
                what = msg.split(":")[0]
                if what not in seen:
                    seen.add(what)
                    found.append((("keyframes", j), on_the_way + msg))
            for path, msg in _relations(dict(both), body, m):
                if path[-1] not in seen:
                    seen.add(path[-1])
                    found.append((("keyframes", j, *path), on_the_way + msg))
    return found


def _parts(name: str) -> tuple[list[str], bool]:
    """Body points of a contact name, and whether all of them (or any one) must touch."""
    if name in TRUNK_PARTS:
        points, every = TRUNK_PARTS[name]
        return list(points), every
    if name in PLURAL:
        points, every = PART_POINTS[PLURAL[name]]
        return [f"{s}_{p}" for s in SIDES for p in points], every
    side, part = name.split("_", 1)
    points, every = PART_POINTS[part]
    return [f"{side}_{p}" for p in points], every


def _contacts(
    given: dict[str, Surface], body: Body, tops: dict[Surface, Block | Wall | None], m: Motion
) -> Iterator[tuple[Path, str]]:
    for name, surface in given.items():
        path: Path = ("contacts", name)
        if surface not in tops:
            have = ", ".join(s.value for s in tops)
            yield path, f"the figure has no {surface.value} to touch (its surfaces: {have}); add the prop"
            continue
        top = tops[surface]
        names, every = _parts(name)
        # Both sides: each side on its own, so the one floating foot is the one named.
        groups = [[n for n in names if n.startswith(s + "_")] for s in SIDES] if name in PLURAL else [names]
        for group in groups:
            gaps = {n: _gap(body.points[n], reach(n), top) for n in group}
            off = {n: g for n, g in gaps.items() if abs(g) > TOUCH}
            if (every and off) or (not every and len(off) == len(gaps)):
                worst = (
                    min(off, key=lambda n: abs(off[n])) if not every else max(off, key=lambda n: abs(off[n]))
                )
                g = off[worst]
                where = "above" if g > 0 else "below"
                part = _part_name(name, group)
                yield path, f"{part} should touch the {surface.value} but {_is(part)} {cm(g)} {where} it"
            elif top is not None:
                away = [n for n in group if not top.over(body.points[n], reach(n))]
                if (every and away) or (not every and len(away) == len(group)):
                    part = _part_name(name, group)
                    yield path, f"{part} should rest on the {surface.value} but {_is(part)} beside it"
                elif isinstance(top, Block):
                    yield from ((path, msg) for msg in _lying_along(body, group, top, surface))


FLOATS = 0.05  # a lower leg over the bench this far above it is not resting on it (≈ 9 cm)


def _lying_along(body: Body, group: Sequence[str], top: Block, surface: Surface) -> Iterator[str]:
    """A knee resting on a bench or box whose lower leg lies over it must lie on it too: a shin
    rising off the bench from a knee on its edge is a leg held in the air, not resting."""
    for knee in (n for n in group if n.endswith("_knee")):
        side = knee.split("_")[0]
        for end in (f"{side}_ankle", f"{side}_toe"):
            p = body.points[end]
            gap = top.gap(p, reach(end))
            if top.over(p) and gap > FLOATS:
                yield (
                    f"the {side} knee rests on the {surface.value} but the lower leg over it is "
                    f"{cm(gap)} above it; lay the shin along the {surface.value}"
                )
                break


def _is(part: str) -> str:
    return (
        "are"
        if part.endswith(("feet", "heels", "toes", "knees", "hands", "forearms", "hips", "shoulders"))
        else "is"
    )


def _part_name(name: str, group: Sequence[str]) -> str:
    if name in PLURAL:
        side = group[0].split("_")[0]
        return f"the {side} {PLURAL[name]}"
    return said(name)


def _gap(p: Vec, r: float, top: Block | Wall | None) -> float:
    return p[1] - r if top is None else top.gap(p, r)


def _held(body: Body, figure: Figure, m: Motion) -> list[tuple[str, Vec, float]]:
    """Held weights as balls that must not go through the floor: (name, centre, radius).

    A dumbbell's plates sit on its handle either side of the hand; a kettlebell's bell hangs
    below the hand that holds its handle (as ``props`` draws it).
    """
    out: list[tuple[str, Vec, float]] = []
    one = m.scenery.weight_hand
    for side in SIDES:
        hand = body.points[f"{side}_hand"]
        if Prop.dumbbells in figure.props or (Prop.single_dumbbell in figure.props and side == one):
            axis = body.axes.get(f"{side}_grip", (1.0, 0.0, 0.0))
            for sign in (-1.0, 1.0):
                c = (
                    hand[0] + sign * PLATE_OFFSET * axis[0],
                    hand[1] + sign * PLATE_OFFSET * axis[1],
                    hand[2],
                )
                out.append((f"{side} dumbbell", c, PLATE_RADIUS))
        if Prop.kettlebell in figure.props and side == one:
            out.append(("kettlebell", (hand[0], hand[1] - BELL_DROP, hand[2]), BELL_R))
    return out


def _ground_on_the_way(m: Motion, i: int, j: int, t: float) -> Mapping[str, float]:
    """What each point rests on a fraction t of the way from key i to key j (a box jump's feet
    leave the floor for the box)."""
    if j == i + 1:
        return m.ground_between(i, t)
    return m.closing.ground_between(0, t) if m.closing is not None else m.ground


def _collisions(body: Body, figure: Figure, m: Motion, ground: Mapping[str, float]) -> Iterator[str]:
    """Body parts and held weights that go through the floor or into the box (``ground``: the
    points resting on the box's top in this frame)."""
    for name, c, r in _held(body, figure, m):
        if c[1] - r < -SINK:
            yield f"the {name}: it goes {cm(c[1] - r)} through the floor (lift the hands)"
            break
    lowest = min(p[1] - reach(n) for n, p in body.points.items())
    if lowest < -SINK - 1e-9 and not ground:
        name = min(body.points, key=lambda n: body.points[n][1] - reach(n))
        yield f"{said(name)}: it goes {cm(lowest)} through the floor"
    wall = m.scenery.wall_x
    if wall is not None:
        name = min(body.points, key=lambda n: body.points[n][0] - reach(n))
        depth = wall - (body.points[name][0] - reach(name))
        if depth > 3 * SINK:
            yield f"{said(name)}: it goes {cm(depth)} into the wall"
    if m.box is None:
        return
    block = Block(m.box)
    resting = set(ground)
    for a, b in SEGMENTS:
        if a in resting or b in resting:
            continue
        pa, pb = body.points[a], body.points[b]
        r = min(reach(a), reach(b))
        for k in range(5):
            t = k / 4
            p = (pa[0] + (pb[0] - pa[0]) * t, pa[1] + (pb[1] - pa[1]) * t, pa[2] + (pb[2] - pa[2]) * t)
            depth = block.inside(p, r)
            if depth > 3 * SINK:
                part = a if t < 0.5 else b
                yield f"{said(part)}: it goes {cm(depth)} into the box"
                return


def _unit(v: Vec) -> Vec:
    n = math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]) or 1.0
    return (v[0] / n, v[1] / n, v[2] / n)


def _dot(a: Vec, b: Vec) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def _cross(a: Vec, b: Vec) -> Vec:
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def hinge(body: Body, top: str, joint: str, end: str) -> float:
    """Bend of a hinge joint in degrees from the bones' directions: negative bends backward."""
    u = _unit(sub(body.points[joint], body.points[top]))
    v = _unit(sub(body.points[end], body.points[joint]))
    axis = body.axes.get(joint)
    sin = _dot(_cross(u, v), axis) if axis else math.sqrt(max(0.0, 1 - _dot(u, v) ** 2))
    return math.degrees(math.atan2(sin, _dot(u, v)))


def trunk_axes(body: Body) -> tuple[Vec, Vec, Vec]:
    """The trunk's up (pelvis to neck), chest and left directions."""
    up = _unit(sub(body.points["neck"], body.points["pelvis"]))
    return up, _unit(body.chest), _unit(body.left)


def ankle(body: Body, side: str) -> float:
    """Dorsiflexion in degrees: toes toward the shin positive, pointed toes negative."""
    foot = _unit(sub(body.points[f"{side}_toe"], body.points[f"{side}_heel"]))
    shin = _unit(sub(body.points[f"{side}_knee"], body.points[f"{side}_ankle"]))
    return 90.0 - math.degrees(math.acos(max(-1.0, min(1.0, _dot(foot, shin)))))


def hip(body: Body, side: str) -> float:
    """Hip flexion in degrees: the thigh forward of the trunk line; negative behind it."""
    up, chest, _ = trunk_axes(body)
    thigh = sub(body.points[f"{side}_knee"], body.points[f"{side}_hip"])
    return math.degrees(math.atan2(_dot(thigh, chest), -_dot(thigh, up)))


def _joints(body: Body) -> Iterator[str]:
    for side in SIDES:
        for joint, top, end, (low, high) in (
            ("knee", "hip", "ankle", KNEE_RANGE),
            ("elbow", "shoulder", "hand", ELBOW_RANGE),
        ):
            bend = hinge(body, f"{side}_{top}", f"{side}_{joint}", f"{side}_{end}")
            if bend < low:
                yield f"{side} {joint}: it bends backward by {-bend:.0f}° (hyperextended); bend it 0° or more"
            elif bend > high:
                yield f"{side} {joint}: it bends {bend:.0f}°, more than a {joint} can ({high:.0f}°)"
        flex = ankle(body, side)
        if not ANKLE_RANGE[0] <= flex <= ANKLE_RANGE[1]:
            kind = "toward the shin" if flex > 0 else "pointed"
            limit = ANKLE_RANGE[1] if flex > 0 else -ANKLE_RANGE[0]
            yield f"{side} ankle: it is bent {abs(flex):.0f}° {kind}, past the {limit:.0f}° an ankle allows"
        h = hip(body, side)
        if not HIP_RANGE[0] <= h <= HIP_RANGE[1]:
            if h < 0:
                limit = -HIP_RANGE[0]
                yield (
                    f"{side} hip: the thigh is {-h:.0f}° behind the trunk, past the {limit:.0f}° a hip allows"
                )
            else:
                limit = HIP_RANGE[1]
                yield (
                    f"{side} hip: the thigh is {h:.0f}° in front of the trunk, past the "
                    f"{limit:.0f}° a hip allows"
                )


def _grip(body: Body, figure: Figure) -> Iterator[str]:
    """One dumbbell held in both hands: both hands at its handle."""
    if Prop.dumbbell in figure.props:
        apart = math.dist(body.points["right_hand"], body.points["left_hand"])
        if apart > GOBLET_HANDS:
            yield (
                f"the dumbbell is held in both hands, but the hands are {cm(apart)} apart; "
                f"bring them together at its handle (at most {cm(GOBLET_HANDS)})"
            )


RESTS_ABOVE = 0.03  # a held weight drawn this close above a box's or bench's top (≈ 5 cm)…


def _weight_on_top(body: Body, figure: Figure, m: Motion) -> Iterator[str]:
    """A held weight that the picture draws on the top of the box or bench, within its length and
    just above it (or sunk into its top), reads as resting there, not as held: a one-arm row's
    dumbbell must hang in front of the bench or below its top. Measured on the page, since a
    weight beside the bench in depth still sits on its top in a side view."""
    if m.box is None:
        return
    top = box_shape(m.box, figure.view)
    low = top.y1 - (BENCH_TOP if m.box.kind == "bench" else top.y1)
    for name, c, r in _held(body, figure, m):
        x, y, _ = project(c, figure.view)
        if x + r > top.x0 and x - r < top.x1 and y - r < top.y1 + RESTS_ABOVE and y + r > low:
            yield (
                f"the {name}: the picture draws it on the top of the {m.box.kind}, as if it rested "
                f"there; let it hang in front of the {m.box.kind} or below its top"
            )
            return


# --- what the camera shows --------------------------------------------------------------------

SHOWN_BEND = 25.0  # a joint bent this much (3D) must read as bent on the page…
SHOWN_PART = 0.5  # …its drawn angle at least half the real one…
SHOWN_MIN = 15.0  # …and never less than this


def _drawn(body: Body, view: View, a: str, b: str) -> tuple[float, float]:
    pa, pb = project(body.points[a], view), project(body.points[b], view)
    return pb[0] - pa[0], pb[1] - pa[1]


def drawn_angle(u: tuple[float, float], v: tuple[float, float]) -> float:
    """The angle between two drawn bones in degrees (0: in one straight line)."""
    return abs(math.degrees(math.atan2(u[0] * v[1] - u[1] * v[0], u[0] * v[0] + u[1] * v[1])))


def bends(body: Body, view: View) -> Iterator[tuple[str, float, float]]:
    """Each knee, elbow and hip: (name, its bend in 3D, the bend the picture draws), degrees.

    The hip's bend is the thigh against the trunk's line; the drawn one is measured between
    the drawn trunk (neck to pelvis) and the drawn thigh.
    """
    for side in SIDES:
        for joint, top, end in (("knee", "hip", "ankle"), ("elbow", "shoulder", "hand")):
            real = abs(hinge(body, f"{side}_{top}", f"{side}_{joint}", f"{side}_{end}"))
            u = _drawn(body, view, f"{side}_{top}", f"{side}_{joint}")
            v = _drawn(body, view, f"{side}_{joint}", f"{side}_{end}")
            yield f"{side}_{joint}", real, drawn_angle(u, v)
        thigh = _drawn(body, view, f"{side}_hip", f"{side}_knee")
        yield f"{side}_hip", abs(hip(body, side)), drawn_angle(_drawn(body, view, "neck", "pelvis"), thigh)


def hidden_bends(body: Body, view: View) -> Iterator[str]:
    """Joints the keyframe bends that the camera draws (nearly) straight: a bent knee seen from
    the front is a straight column, a forearm pointing at the camera a stub."""
    for name, real, shown in bends(body, view):
        if real >= SHOWN_BEND and shown < max(SHOWN_MIN, SHOWN_PART * real):
            yield (
                f"{said(name)} bends {real:.0f}° but the {view.value} view draws it {shown:.0f}°; "
                "choose a view that shows the bend (side, oblique, three-quarter or front-oblique)"
            )


# A forearm a keyframe rests on is drawn at least this part of its length (at most 53° off the page).
SHOWN_FOREARM = 0.6


def stub_forearms(given: Mapping[str, Surface], body: Body, view: View) -> Iterator[tuple[Path, str]]:
    """A forearm a keyframe rests on (a side plank's, a Copenhagen plank's) drawn shorter than
    SHOWN_FOREARM of its length points at the camera: the picture shows a straight arm on its hand, not a
    body propped on its forearm."""
    for name in given:
        if name not in ("forearms", "left_forearm", "right_forearm"):
            continue
        for side in SIDES if name == "forearms" else (name.split("_")[0],):
            drawn = math.hypot(*_drawn(body, view, f"{side}_elbow", f"{side}_hand"))
            real = math.dist(body.points[f"{side}_elbow"], body.points[f"{side}_hand"])
            if drawn < SHOWN_FOREARM * real:
                yield (
                    ("contacts", name),
                    f"the {side} forearm rests on the floor but the {view.value} view draws it "
                    f"{100 * drawn / real:.0f}% of its length (it points at the camera); turn it "
                    "toward the head (shoulder angle) or choose another view",
                )


# --- relations ---------------------------------------------------------------------------------


def _relations(given: dict[str, str], body: Body, m: Motion) -> Iterator[tuple[Path, str]]:
    # A sided relation wins over the shared one, as sided angles do.
    for joint in ("knee", "elbow"):
        shared = given.pop(joint, None)
        for side in SIDES:
            key = f"{side}_{joint}"
            if shared is not None and key not in given:
                problem = RELATIONS[joint](body, side, shared)
                if problem:
                    yield ("relations", joint), problem
        for side in SIDES:
            key = f"{side}_{joint}"
            if key in given:
                problem = RELATIONS[joint](body, side, given.pop(key))
                if problem:
                    yield ("relations", key), problem
    for name, value in given.items():
        problem = RELATIONS[name](body, None, value)
        if problem:
            yield ("relations", name), problem


def _feet(body: Body, _: str | None, value: str) -> str | None:
    r, left = body.points["right_ankle"], body.points["left_ankle"]
    across = math.hypot(r[0] - left[0], r[2] - left[2])
    apart = math.dist(r, left)
    chest, side = trunk_axes(body)[1:]
    d = sub(r, left)
    ahead = abs(_dot(d, _unit((chest[0], 0.0, chest[2])))) if abs(chest[1]) < 0.95 else 0.0
    wide = abs(_dot(d, side))
    match value:
        case "stacked":
            if across > 0.05 or apart > 0.09:
                return (
                    f"the feet are not stacked: the right ankle is {cm(across)} to the side of the spot "
                    f"above the left (stacked: one on top of the other, within {cm(0.05)})"
                )
        case "together":
            if apart > 0.12:
                return (
                    f"the feet are not together: the ankles are {cm(apart)} apart "
                    f"(together: {cm(0.12)} or less)"
                )
        case "hip-width":
            if not 0.07 <= wide <= 0.22 or ahead > 0.12:
                return f"the feet are not hip-width apart: the ankles are {cm(wide)} apart side to side"
        case "wide":
            if wide < 0.3:
                return (
                    f"the stance is not wide: the ankles are {cm(wide)} apart side to side (wide: {cm(0.3)}+)"
                )
        case "split":
            if ahead < 0.2:
                return (
                    f"the feet are not split: one ankle is {cm(ahead)} ahead of the other (split: {cm(0.2)}+)"
                )
    return None


def _knee(body: Body, side: str | None, value: str) -> str | None:
    assert side is not None
    bend = hinge(body, f"{side}_hip", f"{side}_knee", f"{side}_ankle")
    match value:
        case "straight":
            if bend > 10:
                return f"the {side} knee should be straight but bends {bend:.0f}° (straight: 10° or less)"
        case "soft":
            if not 8 <= bend <= 32:
                return f"the {side} knee should be soft (about 15–20°, 8–32° accepted) but bends {bend:.0f}°"
        case "over-toes":
            knee = body.points[f"{side}_knee"]
            heel, toe = body.points[f"{side}_heel"], body.points[f"{side}_toe"]
            foot = (toe[0] - heel[0], 0.0, toe[2] - heel[2])
            length = math.hypot(foot[0], foot[2]) or 1.0
            along = ((knee[0] - heel[0]) * foot[0] + (knee[2] - heel[2]) * foot[2]) / length
            aside = abs((knee[0] - heel[0]) * foot[2] - (knee[2] - heel[2]) * foot[0]) / length
            if along > length + 0.06:
                return f"the {side} knee is {cm(along - length)} past the toes; keep it over the foot"
            if along < -0.03:
                return f"the {side} knee is {cm(-along)} behind the heel; bring it over the foot"
            if aside > 0.08:
                return f"the {side} knee is {cm(aside)} to the side of the foot; keep it over the toes"
    return None


def _elbow(body: Body, side: str | None, value: str) -> str | None:
    assert side is not None
    bend = hinge(body, f"{side}_shoulder", f"{side}_elbow", f"{side}_hand")
    up, chest, left = trunk_axes(body)
    outward = left if side == "right" else (-left[0], -left[1], -left[2])  # `left` is +z, the right side
    arm = sub(body.points[f"{side}_elbow"], body.points[f"{side}_shoulder"])
    elbow = sub(body.points[f"{side}_elbow"], body.points["pelvis"])
    match value:
        case "straight":
            if bend > 15:
                return f"the {side} elbow should be straight but bends {bend:.0f}° (straight: 15° or less)"
        case "by-ribs":
            height = _dot(arm, up)  # negative: below the shoulder
            out = _dot(elbow, outward) - SHOULDER_HALF
            forward = _dot(elbow, chest)
            if height > -0.08:
                return (
                    f"the {side} elbow is raised near shoulder height (only {cm(-height)} below it); "
                    "beside the ribs it sits well below the shoulder"
                )
            if out > 0.07:
                return f"the {side} elbow flares {cm(out)} out from the trunk; keep it beside the ribs"
            if forward > 0.04:
                return f"the {side} elbow is {cm(forward)} in front of the trunk; row it back beside the ribs"
        case "at-45":
            toward_feet = -_dot(arm, up)
            out = _dot(arm, outward)
            angle = math.degrees(math.atan2(out, toward_feet))
            if (toward_feet <= 0 and out <= 0) or not 25 <= angle <= 65:
                return f"the {side} elbow points {angle:.0f}° out from the body; at 45° it is 25–65°"
    return None


def _back(body: Body, _: str | None, value: str) -> str | None:
    up, _chest, _left = trunk_axes(body)
    match value:
        case "flat":
            head = _unit(sub(body.points["head"], body.points["neck"]))
            off = math.degrees(math.acos(max(-1.0, min(1.0, _dot(head, up)))))
            if off > 25:
                return (
                    f"the head is {off:.0f}° out of line with the back; a flat back keeps "
                    f"it in line (25° or less)"
                )
        case "upright":
            tilt = math.degrees(math.acos(max(-1.0, min(1.0, up[1]))))
            if tilt > 15:
                return f"the trunk is tipped {tilt:.0f}° from upright (upright: 15° or less)"
    return None


def _body(body: Body, _: str | None, value: str) -> str | None:
    head, hip_ = body.points["head"], body.points["pelvis"]
    ankles = [body.points[f"{s}_ankle"] for s in SIDES]
    foot = tuple(sum(a[k] for a in ankles) / 2 for k in range(3))
    line = _unit(sub(foot, head))  # type: ignore[arg-type]
    rel = sub(hip_, head)
    off = sub(rel, tuple(line[k] * _dot(rel, line) for k in range(3)))  # type: ignore[arg-type]
    dist = math.sqrt(_dot(off, off))
    if dist > 0.035:
        kind = "pike up" if off[1] > 0 else "sag"
        return f"the hips {kind} {cm(dist)} off the line from head to ankles; keep one straight line"
    return None


def _top_arm(body: Body, _: str | None, value: str) -> str | None:
    side = max(SIDES, key=lambda s: body.points[f"{s}_hand"][1])
    arm = _unit(sub(body.points[f"{side}_hand"], body.points[f"{side}_shoulder"]))
    tilt = math.degrees(math.acos(max(-1.0, min(1.0, arm[1]))))
    if tilt > 20:
        return f"the top ({side}) arm leans {tilt:.0f}° from vertical; reach it straight up (20° or less)"
    return None


def _hands(body: Body, _: str | None, value: str) -> str | None:
    low = min(body.points[f"{s}_hand"][1] for s in SIDES)
    for side in SIDES:
        hand = body.points[f"{side}_hand"]
        if hand[1] - low > TOUCH:  # the raised hand of a side plank supports nothing
            continue
        shoulder = body.points[f"{side}_shoulder"]
        off = math.hypot(hand[0] - shoulder[0], hand[2] - shoulder[2])
        if off > 0.09:
            return f"the {side} hand is {cm(off)} away from below its shoulder; plant it under the shoulder"
    return None


RELATIONS = {
    "feet": _feet,
    "knee": _knee,
    "elbow": _elbow,
    "back": _back,
    "body": _body,
    "top_arm": _top_arm,
    "hands": _hands,
}
