"""A 3D stick skeleton with fixed bone lengths, posed by joint angles (forward kinematics).

The skeleton is 3D although every picture is flat: one set of angles then serves the side and
the front view, a side plank can turn its chest to the camera, and foreshortening (an arm rowed
back, seen from the front) comes out right without special cases.

World axes: x forward (where the figure faces at zero angles), y up, z toward the figure's
right. The side view's camera sits on +z: a person walking across the screen from left to right
shows us their right side. Lengths are fractions of standing height (head top ≈ 0.97).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

Vec = tuple[float, float, float]
Mat = tuple[Vec, Vec, Vec]  # rows

# --- proportions (adult, head ≈ 1/7.5 of height; thigh ≈ shin; upper arm ≈ forearm) -------
ANKLE_HEIGHT = 0.045
SHIN = 0.245
THIGH = 0.245
TORSO = 0.275  # pelvis centre to the base of the neck
HIP_HALF = 0.055  # half the distance between the hip joints
SHOULDER_HALF = 0.10
SHOULDER_DROP = 0.03  # shoulder joints sit a little below the base of the neck
UPPER_ARM = 0.175
FOREARM = 0.165  # elbow to the middle of the grip
HEAD_RADIUS = 0.066
HEAD_RISE = 0.095  # base of the neck to the centre of the head
HEEL = (-0.035, -0.034)  # from the ankle, in the foot's frame (forward, up)
TOE = (0.13, -0.034)
BALL_HALF_WIDTH = 0.03

SIDES = ("left", "right")
# Angles every pose defines; authors override a few of them (see model.Angles).
BODY_ANGLES = ("trunk", "twist", "lean", "neck")
LIMB_ANGLES = ("hip", "hip_out", "knee", "ankle", "shoulder", "shoulder_out", "elbow")
ALL_ANGLES = BODY_ANGLES + tuple(f"{side}_{a}" for side in SIDES for a in LIMB_ANGLES)

# Bones whose length never changes, whatever the angles: the interpolation tests check them.
BONES: tuple[tuple[str, str, float], ...] = (
    *(
        (f"{side}_{a}", f"{side}_{b}", length)
        for side in SIDES
        for a, b, length in (
            ("hip", "knee", THIGH),
            ("knee", "ankle", SHIN),
            ("shoulder", "elbow", UPPER_ARM),
            ("elbow", "hand", FOREARM),
        )
    ),
    ("pelvis", "neck", TORSO),
    ("left_hip", "right_hip", 2 * HIP_HALF),
)


# --- small 3D maths (no numpy: a figure has ~30 points) --------------------------------------


def rot_x(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((1.0, 0.0, 0.0), (0.0, c, -s), (0.0, s, c))


def rot_y(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((c, 0.0, s), (0.0, 1.0, 0.0), (-s, 0.0, c))


def rot_z(deg: float) -> Mat:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return ((c, -s, 0.0), (s, c, 0.0), (0.0, 0.0, 1.0))


def mat_mul(a: Mat, b: Mat) -> Mat:
    # Unrolled: the geometry checks pose every in-between of every figure at load time, and
    # this product is most of that cost. The leading 0.0 keeps the sums bit-for-bit what
    # ``sum()`` gave (it starts from 0, which turns a -0.0 product into 0.0).
    (a00, a01, a02), (a10, a11, a12), (a20, a21, a22) = a
    (b00, b01, b02), (b10, b11, b12), (b20, b21, b22) = b
    return (
        (
            0.0 + a00 * b00 + a01 * b10 + a02 * b20,
            0.0 + a00 * b01 + a01 * b11 + a02 * b21,
            0.0 + a00 * b02 + a01 * b12 + a02 * b22,
        ),
        (
            0.0 + a10 * b00 + a11 * b10 + a12 * b20,
            0.0 + a10 * b01 + a11 * b11 + a12 * b21,
            0.0 + a10 * b02 + a11 * b12 + a12 * b22,
        ),
        (
            0.0 + a20 * b00 + a21 * b10 + a22 * b20,
            0.0 + a20 * b01 + a21 * b11 + a22 * b21,
            0.0 + a20 * b02 + a21 * b12 + a22 * b22,
        ),
    )


def apply(m: Mat, v: Vec) -> Vec:
    return (
        m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
        m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
        m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2],
    )


def add(a: Vec, b: Vec) -> Vec:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def sub(a: Vec, b: Vec) -> Vec:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def length(v: Vec) -> float:
    return math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2])


def chain(*mats: Mat) -> Mat:
    out = mats[0]
    for m in mats[1:]:
        out = mat_mul(out, m)
    return out


# --- forward kinematics ---------------------------------------------------------------------


@dataclass(frozen=True)
class Body:
    """Named 3D points of one posed figure, plus the torso's own axes (chest and left).

    ``axes`` holds unit directions that points alone cannot give: each knee's and elbow's
    hinge axis (``right_knee``…; a positive bend turns the bone below about it), so the checks
    can tell a bend from a hyperextension, and each hand's dumbbell handle (``right_grip``…).
    """

    points: dict[str, Vec]
    chest: Vec
    left: Vec
    axes: Mapping[str, Vec] = field(default_factory=dict)

    def moved(self, dx: float, dy: float, dz: float = 0.0) -> Body:
        points = {k: (p[0] + dx, p[1] + dy, p[2] + dz) for k, p in self.points.items()}
        return Body(points, self.chest, self.left, self.axes)

    def rotated_z(self, deg: float, about: Vec) -> Body:
        """Rigidly rotate the whole body in the sagittal plane (tilts a plank onto its supports)."""
        m = rot_z(deg)
        points = {k: add(apply(m, sub(p, about)), about) for k, p in self.points.items()}
        axes = {k: apply(m, v) for k, v in self.axes.items()}
        return Body(points, apply(m, self.chest), apply(m, self.left), axes)


def pose(
    angles: Mapping[str, float], *, flat_feet: frozenset[str] = frozenset(), overhand: bool = False
) -> Body:
    """Joint positions for a full set of angles, with the pelvis centre at the origin.

    ``flat_feet`` names the sides whose foot is laid flat on the ground, pointing straight
    ahead, whatever the shin does: standing poses keep their feet planted through a hinge.
    ``overhand`` turns the dumbbell handles across the body (palms toward it when the arms
    hang) instead of front to back (palms facing each other).
    """
    a = angles
    axes: dict[str, Vec] = {}
    # Twist about the spine, then lean sideways, then tip forward: tipping last keeps `trunk`
    # the torso's angle from vertical as a coach would measure it from the side.
    root = chain(rot_z(-a["trunk"]), rot_x(a["lean"]), rot_y(-a["twist"]))
    p: dict[str, Vec] = {"pelvis": (0.0, 0.0, 0.0)}
    neck = apply(root, (0.0, TORSO, 0.0))
    p["neck"] = neck
    p["head"] = add(neck, apply(chain(root, rot_z(-a["neck"])), (0.0, HEAD_RISE, 0.0)))
    for side in SIDES:
        sign = 1.0 if side == "right" else -1.0

        def g(name: str, side: str = side) -> float:
            return a[f"{side}_{name}"]

        # Leg: abduct, then flex, in the pelvis frame; the knee bends the shin backward.
        hip = apply(root, (0.0, 0.0, sign * HIP_HALF))
        thigh = chain(root, rot_z(g("hip")), rot_x(-sign * g("hip_out")))
        knee = add(hip, apply(thigh, (0.0, -THIGH, 0.0)))
        shin = chain(thigh, rot_z(-g("knee")))
        ankle = add(knee, apply(shin, (0.0, -SHIN, 0.0)))
        if side in flat_feet:
            foot: Mat = ((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0))
        else:
            foot = chain(shin, rot_z(g("ankle")))
        axes[f"{side}_knee"] = apply(thigh, (0.0, 0.0, -1.0))  # the knee bends the shin backward
        p[f"{side}_hip"] = hip
        p[f"{side}_knee"] = knee
        p[f"{side}_ankle"] = ankle
        p[f"{side}_heel"] = add(ankle, apply(foot, (HEEL[0], HEEL[1], 0.0)))
        p[f"{side}_toe"] = add(ankle, apply(foot, (TOE[0], TOE[1], 0.0)))
        ball = (TOE[0] * 0.6, TOE[1], 0.0)
        p[f"{side}_ball_in"] = add(ankle, apply(foot, (ball[0], ball[1], -sign * BALL_HALF_WIDTH)))
        p[f"{side}_ball_out"] = add(ankle, apply(foot, (ball[0], ball[1], sign * BALL_HALF_WIDTH)))
        # Arm: the same order as the leg; the elbow bends the forearm forward.
        shoulder = apply(root, (0.0, TORSO - SHOULDER_DROP, sign * SHOULDER_HALF))
        upper = chain(root, rot_z(g("shoulder")), rot_x(-sign * g("shoulder_out")))
        elbow = add(shoulder, apply(upper, (0.0, -UPPER_ARM, 0.0)))
        fore = chain(upper, rot_z(g("elbow")))
        p[f"{side}_shoulder"] = shoulder
        p[f"{side}_elbow"] = elbow
        p[f"{side}_hand"] = add(elbow, apply(fore, (0.0, -FOREARM, 0.0)))
        axes[f"{side}_elbow"] = apply(upper, (0.0, 0.0, 1.0))
        # The handle lies across the palm: front to back in the hand's frame (neutral), or
        # across it, the same way on both sides (overhand).
        axes[f"{side}_grip"] = apply(fore, (0.0, 0.0, 1.0) if overhand else (1.0, 0.0, 0.0))
    # The torso's own axes, for drawing its width and depth the right way round.
    return Body(p, chest=apply(root, (1.0, 0.0, 0.0)), left=apply(root, (0.0, 0.0, 1.0)), axes=axes)


def expand(overrides: Mapping[str, float]) -> dict[str, float]:
    """`hip: 80` means both hips; a sided name (`left_hip`) wins over the shared one."""
    out: dict[str, float] = {}
    for name, value in overrides.items():
        if name in BODY_ANGLES or name.startswith(SIDES):
            continue
        for side in SIDES:
            out[f"{side}_{name}"] = value
    for name, value in overrides.items():
        if name in BODY_ANGLES or name.startswith(SIDES):
            out[name] = value
    return out
