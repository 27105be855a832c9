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
FOOT_L = ("left_heel", "left_toe", "left_ball_in", "left_ball_out")
FOREARM_L = ("left_elbow", "left_hand")
FOOT_R = ("right_heel", "right_toe", "right_ball_in", "right_ball_out")
# The free (top) arm of a body lying on its left side: the hand on the hip, the elbow out and
# back (the skeleton's elbow bends forward only, so the upper arm reaches back to let the
# forearm come round to the hip). Seen from the chest it draws as an arm bent about 75° with
# the elbow off the body's side, not a straight arm lying on the trunk (a pale wedge).
TOP_HAND_ON_HIP = {"right_shoulder": -70, "right_shoulder_out": 25, "right_elbow": 110}

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
    # Hands and knees: hands under the shoulders, knees under the hips, elbows soft, feet
    # pointed just off the floor (fitted). Arms are longer than thighs, so the supports tip the
    # back up toward the head a little, as a person's is.
    BasePose.quadruped: BaseSpec(
        {"trunk": 90, "hip": 71.1, "knee": 100, "shoulder": 56.5, "elbow": 30, "ankle": -70},
        supports=(KNEES, HANDS),
    ),
    BasePose.prone: BaseSpec({"trunk": 90, "ankle": -60, "shoulder": 5}),
    BasePose.supine: BaseSpec({"trunk": -90, "ankle": -20, "shoulder": 5}),
    # Hips up in one line with the shoulders and knees; arms and head rest on the floor. Fitted
    # to `hook-lying`, so the feet and shoulders stay put as the hips rise.
    BasePose.bridge: BaseSpec(
        {"trunk": -115, "hip": 0, "knee": 95.6, "shoulder": -33, "neck": 37},
        flat_feet=BOTH,
        supports=(("right_shoulder", "left_shoulder"), ("right_heel", "left_heel")),
    ),
    BasePose.airborne: BaseSpec(
        {"hip": 12, "knee": 20, "ankle": -35, "shoulder": 150, "elbow": 10, "hip_out": 6},
        lift=0.12,
    ),
    # --- the families of a runner's library -------------------------------------------------
    # Lying face up, knees bent, heels near the hands: fitted so that pelvis, upper back, head,
    # hands and soles all touch the floor (the trunk tips 5° as the drawn chest is thinner
    # than the pelvis).
    BasePose.hook_lying: BaseSpec(
        {"trunk": -94.9, "hip": 45, "knee": 110, "shoulder": -9.2, "neck": 13.1, "shoulder_out": 8},
        flat_feet=BOTH,
    ),
    # Face up, arms pointing at the ceiling, thighs upright, shins level (the trunk lies tipped
    # 5° like hook-lying's, so hip and shoulder are 85° to stand the thighs and arms upright).
    BasePose.dead_bug: BaseSpec(
        {"trunk": -94.9, "neck": 13.1, "hip": 85, "knee": 90, "ankle": 0, "shoulder": 85}
    ),
    # On the left forearm (elbow near under the shoulder), hips down, legs long and stacked. The
    # skeleton's trunk is rigid, so the side bend of a propped-up side-lying body is taken at
    # the hips (the legs swing up toward the top side); the angles are fitted so the left hip,
    # forearm and foot all touch the floor. The forearm lies flat, turned about 30° from
    # straight ahead toward the head (shoulder flexion with the arm out turns it about the
    # upper arm): pointing straight ahead, it would point at the camera and draw as a stub.
    # Lying on the right side (`lead: left`) in the oblique view it shows most of its length.
    BasePose.side_lying: BaseSpec(
        {
            "trunk": 48,
            "twist": 90,
            "right_hip_out": 38,
            "left_hip_out": -46,
            "left_shoulder": 30,
            "left_shoulder_out": 48,
            "left_elbow": 72,
            **TOP_HAND_ON_HIP,
        },
        supports=(FOOT_L, FOREARM_L),
    ),
    # The same on a straight line from ankles to head: the upper arm under the shoulder is
    # vertical, the forearm flat on the floor, turned 38° toward the head, the feet stacked.
    BasePose.forearm_side_plank: BaseSpec(
        {
            "trunk": 76,
            "twist": 90,
            "hip_out": -4,
            "left_shoulder": 38,
            "left_shoulder_out": 76,
            "left_elbow": 82,
            **TOP_HAND_ON_HIP,
        },
        supports=(FOOT_L, FOREARM_L),
    ),
    # Top of a split squat: the right foot forward and flat, the left heel up behind, upright;
    # fitted to the `lunge` base's foot spacing, so lowering into it keeps both feet in place.
    BasePose.split_stance: BaseSpec(
        {
            "right_hip": 27.4,
            "right_knee": 12,
            "left_hip": -25.8,
            "left_knee": 30,
            "left_ankle": -35,
            "elbow": 6,
            "shoulder_out": 5,
        },
        flat_feet=frozenset({"right"}),
    ),
    # Standing on the left leg, knee soft; the right (lead) foot lifted behind.
    BasePose.single_leg_stand: BaseSpec(
        {"left_knee": 14, "right_hip": 14, "right_knee": 80, "right_ankle": -20, "elbow": 6},
        flat_feet=frozenset({"left"}),
    ),
    # Single-leg RDL bottom: the torso near level, the free (right) leg in line with it behind.
    BasePose.single_leg_hinge: BaseSpec(
        {
            "trunk": 80,
            "left_hip": 86,
            "left_knee": 18,
            "right_hip": 2,
            "right_knee": 4,
            "right_ankle": 5,
            "shoulder": 80,
            "elbow": 4,
            "neck": 10,
        },
        flat_feet=frozenset({"left"}),
    ),
    # Back flat on the wall, thighs level, shins upright, hands resting on the thighs.
    BasePose.wall_sit: BaseSpec(
        {"hip": 90, "knee": 90, "shoulder": 40, "elbow": 45},
        flat_feet=BOTH,
    ),
    # Leaning back on a wall with the body straight, heels a foot in front of it; the chin
    # tucked so the upper back, not the back of the head, is what rests on the wall.
    BasePose.wall_lean: BaseSpec(
        {"trunk": -14, "neck": 20, "shoulder": -4, "shoulder_out": 8, "elbow": 6}, flat_feet=BOTH
    ),
    # Sitting on a bench, back upright, shins upright, hands on the knees.
    BasePose.seated: BaseSpec(
        {"trunk": 8, "hip": 98, "knee": 90, "shoulder": 50, "elbow": 35},
        flat_feet=BOTH,
    ),
    BasePose.athletic: BaseSpec(
        {"trunk": 18, "hip": 38, "knee": 32, "hip_out": 4, "shoulder": 30, "shoulder_out": 10, "elbow": 115},
        flat_feet=BOTH,
    ),
    # Flight phases: lift is the height of the lowest point, a fraction of standing height.
    BasePose.hop: BaseSpec(
        {"hip": 4, "knee": 6, "ankle": -40, "shoulder": 15, "elbow": 70, "hip_out": 2},
        lift=0.05,
    ),
    BasePose.bound: BaseSpec(
        {
            "trunk": 10,
            "right_hip": 80,
            "right_knee": 85,
            "right_ankle": 5,
            "left_hip": -22,
            "left_knee": 25,
            "left_ankle": -35,
            "right_shoulder": -40,
            "right_elbow": 60,
            "left_shoulder": 65,
            "left_elbow": 80,
        },
        lift=0.12,
    ),
    BasePose.skip: BaseSpec(
        {
            "right_hip": 88,
            "right_knee": 92,
            "right_ankle": 10,
            "left_knee": 4,
            "left_ankle": -35,
            "right_shoulder": -35,
            "right_elbow": 85,
            "left_shoulder": 55,
            "left_elbow": 85,
        },
        lift=0.035,
    ),
    BasePose.knee_drive: BaseSpec(
        {
            "right_hip": 88,
            "right_knee": 92,
            "right_ankle": 10,
            "left_knee": 4,
            "right_shoulder": -30,
            "right_elbow": 85,
            "left_shoulder": 50,
            "left_elbow": 85,
        },
        flat_feet=frozenset({"left"}),
    ),
    # One-arm row: left knee and left hand on a 40 cm bench, the right foot on the floor, the
    # right arm hanging plumb from the shoulder, as gravity hangs it. The supporting hand is
    # set a little behind its shoulder (the arm leans back 28°), so the bench's end, just past
    # that hand, stops short of the hanging weight: the weight hangs in front of the bench's
    # end, not level with its top (where it would look as if it rested on it); fitted so knee,
    # hand and foot all touch and the shin lies along the bench.
    BasePose.supported_row: BaseSpec(
        {
            "trunk": 72,
            "left_hip": 62,
            "left_knee": 80,
            "left_ankle": -40,
            "left_shoulder": 44,
            "left_elbow": 8,
            "right_hip": 62.4,
            "right_knee": 20,
            "right_hip_out": 10,
            "right_shoulder": 72,
            "right_elbow": 0,
            "neck": 15,
        },
        flat_feet=frozenset({"right"}),
    ),
    # Copenhagen plank, hips up: a forearm side plank whose top (right) leg rests knee and shin
    # on a 45 cm bench, the bottom leg in line under the bench with its foot resting lightly
    # on the floor. The bench is lower than the propped-up shoulders, so the top hip opens 8°
    # to lay the shin level along it. The forearm lies flat on the floor under the shoulder,
    # turned toward the head (shoulder flexion with the arm out at ~90° turns the forearm about
    # the upper arm), so every camera shows it as a forearm, not a stub pointing at us.
    BasePose.copenhagen: BaseSpec(
        {
            "trunk": 86,
            "twist": 90,
            "right_hip_out": 8,
            "left_hip_out": 7,
            "left_knee": 6.9,
            "left_ankle": -45,  # the bottom foot pointed along the leg: seen end-on a foot is a cross
            "left_shoulder": 40,
            "left_shoulder_out": 83,
            "left_elbow": 86,
            **TOP_HAND_ON_HIP,
        },
        supports=(("right_knee", *FOOT_R), FOREARM_L),
    ),
    # Mid-stride, both feet down: right foot flat ahead, left heel up behind (fitted).
    BasePose.walk: BaseSpec(
        {"right_hip": 20, "right_knee": 4, "left_hip": -14, "left_knee": 30, "left_ankle": 19, "elbow": 8},
        flat_feet=frozenset({"right"}),
    ),
}


def full_angles(base: BasePose, overrides: Mapping[str, float]) -> dict[str, float]:
    """Every angle of the skeleton: zero, then the base pose, then the author's overrides."""
    out = dict.fromkeys(ALL_ANGLES, 0.0)
    out.update(expand(BASE_POSES[base].angles))
    out.update(expand(overrides))
    return out
