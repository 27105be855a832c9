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


TOES = ("left_toe", "right_toe")
HANDS = ("left_hand", "right_hand")
KNEES = ("left_knee", "right_knee")

BASE_POSES: dict[BasePose, BaseSpec] = {
    BasePose.stand: BaseSpec({"shoulder_out": 5, "elbow": 6, "hip_out": 2}, flat_feet=BOTH),
    BasePose.hinge: BaseSpec(
        {"trunk": 62, "hip": 80, "knee": 18, "shoulder": 62, "shoulder_out": 4, "elbow": 4, "neck": 8},
        flat_feet=BOTH,
    ),
    BasePose.squat: BaseSpec(
        {"trunk": 38, "hip": 112, "knee": 112, "hip_out": 12, "shoulder": 85, "elbow": 25},
        flat_feet=BOTH,
    ),
    BasePose.lunge: BaseSpec(
        {
            "trunk": 4,
            "left_hip": 88,
            "left_knee": 92,
            "right_hip": -8,
            "right_knee": 96,
            "right_ankle": 20,
            "shoulder": 4,
            "elbow": 6,
        },
        flat_feet=frozenset({"left"}),
    ),
    BasePose.lateral_lunge: BaseSpec(
        {
            "trunk": 42,
            "left_hip": 72,
            "left_hip_out": 38,
            "left_knee": 85,
            "right_hip": 42,
            "right_hip_out": 26,
            "right_knee": 0,
            "shoulder": 42,
            "elbow": 4,
        },
        flat_feet=BOTH,
    ),
    BasePose.kneel: BaseSpec({"knee": 96, "ankle": -40, "shoulder": 10, "elbow": 70}),
    BasePose.half_kneel: BaseSpec(
        {
            "left_hip": 90,
            "left_hip_out": 10,
            "left_knee": 90,
            "right_knee": 90,
            "right_ankle": 0,
            "shoulder": 10,
            "elbow": 70,
        },
        flat_feet=frozenset({"left"}),
    ),
    BasePose.plank: BaseSpec(
        {"trunk": 75, "shoulder": 75, "ankle": 10, "neck": 0}, supports=(TOES, HANDS)
    ),
    BasePose.side_plank: BaseSpec(
        {
            "trunk": 72,
            "twist": 90,
            "left_shoulder_out": 108,
            "right_shoulder_out": 72,
            "ankle": 0,
        },
        supports=(("right_heel", "right_toe"), ("right_hand",)),
    ),
    BasePose.quadruped: BaseSpec(
        {"trunk": 90, "hip": 90, "knee": 90, "shoulder": 90, "ankle": -40}, supports=(KNEES, HANDS)
    ),
    BasePose.prone: BaseSpec({"trunk": 90, "ankle": -60, "shoulder": 5}),
    BasePose.supine: BaseSpec({"trunk": -90, "ankle": -20, "shoulder": 5}),
    BasePose.bridge: BaseSpec(
        {"trunk": -115, "hip": 0, "knee": 100, "shoulder": 25},
        flat_feet=BOTH,
        supports=(("left_shoulder", "right_shoulder"), ("left_heel", "right_heel")),
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
