"""The base poses an author starts from: full joint-angle sets plus how each one meets the floor.

Angles are in degrees as ``model.Angles`` defines them (0 everywhere is standing straight,
arms by the sides). A base pose lists only what differs from that; keyframes override a few.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..model import BasePose
from .skeleton import ALL_ANGLES, SIDES, expand

BOTH = frozenset(SIDES)


@dataclass(frozen=True)
class BaseSpec:
    angles: Mapping[str, float]
    # Sides whose foot stays flat on the floor, pointing ahead (the ankle follows the shin).
    flat_feet: frozenset[str] = frozenset()
    # Two groups of points that must both touch the floor: the body is tipped until they do
    # (toes and hands in a plank), so an author can bend the elbows without the hands floating.
    supports: tuple[tuple[str, ...], tuple[str, ...]] | None = None
    lift: float = 0.0  # height of the lowest point above the floor, as a fraction of height


TOES = ("right_toe", "left_toe")
HANDS = ("right_hand", "left_hand")
KNEES = ("right_knee", "left_knee")

BASE_POSES: dict[BasePose, BaseSpec] = {
    BasePose.stand: BaseSpec({"shoulder_out": 5, "elbow": 6, "hip_out": 2}, flat_feet=BOTH),
    # Romanian-deadlift depth: back 12° above horizontal, knees soft, arms angled back so the
    # hands pass close to the shins.
    BasePose.hinge: BaseSpec(
        {"trunk": 78, "hip": 98, "knee": 20, "shoulder": 60, "shoulder_out": 4, "elbow": 4, "neck": 10},
        flat_feet=BOTH,
    ),
    BasePose.squat: BaseSpec(
        {"trunk": 38, "hip": 112, "knee": 112, "hip_out": 12, "shoulder": 85, "elbow": 25},
        flat_feet=BOTH,
    ),
    BasePose.lunge: BaseSpec(
        {
            "trunk": 4,
            "right_hip": 88,
            "right_knee": 92,
            "left_hip": -8,
            "left_knee": 96,
            "left_ankle": 20,
            "shoulder": 4,
            "elbow": 6,
        },
        flat_feet=frozenset({"right"}),
    ),
    # Right foot stepped out with the knee over it; the left leg straight and wide; hips back
    # and the chest tipped forward; the arms frame the bent knee (fitted numerically).
    BasePose.lateral_lunge: BaseSpec(
        {
            "trunk": 35,
            "right_hip": 80,
            "right_hip_out": 4,
            "right_knee": 90,
            "left_hip": 35,
            "left_hip_out": 47,
            "shoulder": 35,
            "right_shoulder_out": 12,
            "left_shoulder_out": -6,
            "elbow": 4,
        },
        flat_feet=BOTH,
    ),
    BasePose.kneel: BaseSpec({"knee": 92, "ankle": -65, "shoulder": 10, "elbow": 70}),
    BasePose.half_kneel: BaseSpec(
        {
            "right_hip": 94,
            "right_hip_out": 10,
            "right_knee": 94,
            "left_knee": 92,
            "left_ankle": -65,
            "shoulder": 10,
            "elbow": 70,
        },
        flat_feet=frozenset({"right"}),
    ),
    BasePose.plank: BaseSpec({"trunk": 75, "shoulder": 75, "ankle": 10, "neck": 0}, supports=(TOES, HANDS)),
    BasePose.side_plank: BaseSpec(
        {
            "trunk": 72,
            "twist": 90,
            # The top arm keeps half the plank's flexion, so rolling in or out of the side
            # plank sweeps it up sideways (not back past the hip) yet it ends near-upright
            # in the picture plane (96 % of its length shows).
            "right_shoulder": 45,
            "right_shoulder_out": 116,
            "left_shoulder": 75,
            "left_shoulder_out": 38,
            "ankle": 0,
        },
        supports=(("left_heel", "left_toe", "left_ball_in", "left_ball_out"), ("left_hand",)),
    ),
    BasePose.quadruped: BaseSpec(
        {"trunk": 90, "hip": 90, "knee": 90, "shoulder": 90, "ankle": -40}, supports=(KNEES, HANDS)
    ),
    BasePose.prone: BaseSpec({"trunk": 90, "ankle": -60, "shoulder": 5}),
    BasePose.supine: BaseSpec({"trunk": -90, "ankle": -20, "shoulder": 5}),
    BasePose.bridge: BaseSpec(
        {"trunk": -115, "hip": 0, "knee": 100, "shoulder": 25},
        flat_feet=BOTH,
        supports=(("right_shoulder", "left_shoulder"), ("right_heel", "left_heel")),
    ),
    BasePose.airborne: BaseSpec(
        {"hip": 12, "knee": 20, "ankle": -35, "shoulder": 150, "elbow": 10, "hip_out": 6},
        lift=0.12,
    ),
}


def full_angles(base: BasePose, overrides: Mapping[str, float]) -> dict[str, float]:
    """Every angle of the skeleton: zero, then the base pose, then the author's overrides."""
    out = dict.fromkeys(ALL_ANGLES, 0.0)
    out.update(expand(BASE_POSES[base].angles))
    out.update(expand(overrides))
    return out
