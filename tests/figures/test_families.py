"""Every movement family of a runner's library can be drawn: one example figure (or more) each.

Each example passes the geometry checks (contacts touch their surfaces, nothing goes through the
floor or a prop, joints stay in range, declared relations hold) and renders a strip. A few
family-specific facts are asserted on the placed bodies too: a hop really leaves the floor, a
calf raise's heel drops below the step's edge, a Copenhagen plank's top leg rests on the bench.
Strips are written to tests/output/families/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import math

import pytest
import yaml
from PIL import Image

from generator.figures.geometry import check_figure
from generator.figures.motion import Motion, bottom, motion
from generator.figures.props import BENCH_TOP, place
from generator.figures.shapes import reach
from generator.figures.strip import render_strip
from generator.model import BasePose, Figure

from .conftest import OUTPUT

FAMILIES: dict[str, str] = {
    # --- lying face up ---------------------------------------------------------------------
    "glute-bridge": """
view: side
keyframes:
  - {name: start, base: hook-lying, contacts: {back: floor, hips: floor, feet: floor}}
  - {name: top, base: bridge, contacts: {shoulders: floor, feet: floor}, hold: 2}
""",
    "dead-bug": """
view: side
loop: round
keyframes:
  - {name: start, base: dead-bug, contacts: {back: floor, hips: floor}}
  - name: reach
    base: dead-bug
    angles: {right_shoulder: 165, left_hip: 18, left_knee: 0, left_ankle: -10}
    contacts: {back: floor, hips: floor}
""",
    # --- face down, on all fours ------------------------------------------------------------
    "bird-dog": """
view: side
keyframes:
  - {name: start, base: quadruped, contacts: {knees: floor, hands: floor}}
  - name: reach
    base: quadruped
    angles: {right_shoulder: 175, left_hip: 0, left_knee: 0, left_ankle: -30}
    contacts: {right_knee: floor, left_hand: floor}
    hold: 2
""",
    # --- side-lying and side planks: stacked, split, Copenhagen on a bench --------------------
    # Lying on the right side, seen from the oblique camera: the forearm under the shoulder
    # turns toward the head and shows most of its length (lying on the left side it would point
    # at this camera: the check asks for another view).
    "side-plank-stacked": """
view: oblique
lead: left
keyframes:
  - {name: down, base: side-lying, contacts: {right_forearm: floor, hips: floor}}
  - name: up
    base: forearm-side-plank
    contacts: {right_forearm: floor}
    relations: {feet: stacked, body: straight}
    hold: 3
""",
    "side-plank-split": """
view: oblique
lead: left
keyframes:
  - {name: down, base: side-lying, contacts: {right_forearm: floor, hips: floor}}
  - name: up
    base: forearm-side-plank
    angles: {left_hip: 18, right_hip: -4}
    contacts: {right_forearm: floor}
""",
    "copenhagen-plank": """
view: oblique
lead: left
props: [bench]
bench: {under: lead-leg, height_cm: 45}
keyframes:
  - name: hips-low
    base: copenhagen
    angles: {left_hip_out: 25, right_hip_out: -7.5, right_shoulder_out: 75, right_elbow: 80}
    contacts: {right_forearm: floor, left_knee: bench}
  - {name: up, base: copenhagen, contacts: {right_forearm: floor, left_knee: bench, left_toes: bench}}
  - name: bottom-leg-up
    base: copenhagen
    angles: {right_hip_out: -2}
    contacts: {right_forearm: floor, left_knee: bench, left_toes: bench}
""",
    # --- single-leg stance -------------------------------------------------------------------
    "single-leg-rdl": """
view: side
lead: left
props: [single-dumbbell]
keyframes:
  - {name: start, base: single-leg-stand, contacts: {right_foot: floor}, relations: {right_knee: soft}}
  - name: bottom
    base: single-leg-hinge
    contacts: {right_foot: floor}
    relations: {right_knee: soft, back: flat}
""",
    "calf-raise-on-a-step": """
view: side
props: [step]
step: {under: forefoot, height_cm: 15}
keyframes:
  - name: bottom
    base: stand
    angles: {right_knee: 4, right_ankle: 22, left_hip: 5, left_knee: 75, left_ankle: -25}
    contacts: {right_toes: step}
  - name: top
    base: stand
    angles: {right_knee: 4, right_ankle: -40, left_hip: 5, left_knee: 75, left_ankle: -25}
    contacts: {right_toes: step}
""",
    # --- split stance, and the rear foot on a bench ------------------------------------------
    "split-squat": """
view: side
keyframes:
  - {name: top, base: split-stance, contacts: {right_foot: floor, left_toes: floor}, relations: {feet: split}}
  - {name: bottom, base: lunge, contacts: {right_foot: floor, left_toes: floor}, relations: {feet: split}}
""",
    "rear-foot-elevated": """
view: side
props: [bench, dumbbells]
bench: {under: rear-foot, height_cm: 40}
keyframes:
  - name: top
    base: split-stance
    angles: {trunk: 6, right_hip: 22, right_knee: 8, left_hip: -20, left_knee: 75, left_ankle: -60}
    contacts: {right_foot: floor, left_toes: bench}
  - name: bottom
    base: split-stance
    angles: {trunk: 18, right_hip: 73.3, right_knee: 85, left_hip: -13.3, left_knee: 100, left_ankle: -60}
    contacts: {right_foot: floor, left_toes: bench}
""",
    # --- step-up onto a box ----------------------------------------------------------------------
    "step-up": """
view: side
props: [box]
box: {under: lead-foot, height_cm: 40}
keyframes:
  - name: lean
    base: stand
    angles: {right_hip: 105, right_knee: 95, trunk: 22}
    contacts: {right_foot: box, left_foot: floor}
  - {name: top, base: stand, contacts: {right_foot: box, left_foot: box}}
""",
    # --- against a wall --------------------------------------------------------------------------
    "wall-sit": """
view: side
props: [wall]
keyframes:
  - name: start
    base: wall-sit
    angles: {trunk: -5, hip: 30, knee: 0, neck: 15}
    contacts: {feet: floor, back: wall}
  - name: sliding
    base: wall-sit
    angles: {trunk: -5, hip: 62.5, knee: 54.3, neck: 15}
    contacts: {feet: floor, back: wall}
    strip: false
  - {name: sit, base: wall-sit, angles: {trunk: -5, hip: 95, neck: 15}, contacts: {feet: floor, back: wall}}
""",
    "tibialis-raise": """
view: side
props: [wall]
keyframes:
  - {name: flat, base: wall-lean, contacts: {feet: floor, back: wall}}
  - {name: toes-up, base: wall-lean, angles: {trunk: -12.3, ankle: 18}, contacts: {heels: floor, back: wall}}
""",
    # --- bands: anchored to the side, looped around the thighs ---------------------------------
    "pallof-press": """
view: oblique
props: [anchored-band]
keyframes:
  - name: chest
    base: athletic
    angles: {trunk: 4, hip: 12, knee: 14, shoulder: 18, elbow: 108, shoulder_out: -28}
    contacts: {feet: floor}
  - name: press
    base: athletic
    angles: {trunk: 4, hip: 12, knee: 14, shoulder: 80, elbow: 4, shoulder_out: -12}
    contacts: {feet: floor}
    relations: {elbow: straight}
""",
    # Stepping out to the left: seen from the front-right, the gap between the feet opens across
    # the picture (a step to the right comes toward the camera and hides the hips' bend).
    "banded-lateral-walk": """
view: three-quarter
lead: left
props: [band]
keyframes:
  - name: ready
    base: athletic
    angles: {trunk: 20, hip: 48, knee: 48, hip_out: 5}
    contacts: {feet: floor}
    relations: {feet: hip-width}
  - name: step-out
    base: athletic
    angles: {trunk: 20, hip: 48, knee: 48, left_hip_out: 24, left_knee: 40, right_hip_out: 9, right_knee: 58}
    contacts: {feet: floor}
""",
    # --- hops, bounds and skips: a real flight phase ------------------------------------------
    "pogo-hops": """
view: side
loop: round
keyframes:
  - {name: ready, base: stand, angles: {ankle: -28, knee: 6}, contacts: {toes: floor}}
  - {name: hop, base: hop}
""",
    "bounds": """
view: side
loop: round
keyframes:
  - name: push-off
    base: split-stance
    angles: {right_hip: 55, right_knee: 70, left_hip: -20, left_knee: 8, left_ankle: -35}
    contacts: {left_toes: floor}
  - {name: flight, base: bound}
""",
    "a-skip": """
view: side
loop: round
keyframes:
  - {name: knee-up, base: knee-drive, angles: {left_ankle: -25}, contacts: {left_toes: floor}}
  - {name: skip, base: skip}
""",
    # --- held weights and benches ----------------------------------------------------------------
    "one-arm-row": """
view: side
props: [bench, single-dumbbell]
bench: {under: hand-and-knee, height_cm: 40}
keyframes:
  - {name: hang, base: supported-row, contacts: {left_hand: bench, left_knee: bench, right_foot: floor}}
  - name: row
    base: supported-row
    angles: {right_shoulder: -15, right_elbow: 95}
    contacts: {left_hand: bench, left_knee: bench, right_foot: floor}
    relations: {right_elbow: by-ribs}
""",
    "suitcase-carry": """
view: three-quarter
props: [kettlebell]
keyframes:
  - {name: stand, base: stand, contacts: {feet: floor}}
  - {name: stride, base: walk, contacts: {right_foot: floor, left_toes: floor}}
""",
    "hip-thrust": """
view: side
props: [bench]
bench: {under: shoulders, height_cm: 40}
keyframes:
  - name: bottom
    base: bridge
    angles: {trunk: -53.1, hip: 70.9, knee: 99.1, shoulder: 5, elbow: 0, neck: 30}
    contacts: {back: bench, feet: floor}
  - name: top
    base: bridge
    angles: {trunk: -91.4, hip: 0, knee: 90, shoulder: 5, elbow: 0, neck: 30}
    contacts: {back: bench, feet: floor}
""",
    "half-squat": """
view: side
props: [barbell]
keyframes:
  - {name: start, base: stand, angles: {shoulder: 55, shoulder_out: 100, elbow: 5}, contacts: {feet: floor}}
  - name: bottom
    base: squat
    angles: {trunk: 30, hip: 78, knee: 90, shoulder: 55, shoulder_out: 100, elbow: 5}
    contacts: {feet: floor}
""",
}


def _figure(name: str) -> Figure:
    return Figure.model_validate(yaml.safe_load(FAMILIES[name]))


@pytest.fixture(scope="module")
def motions() -> dict[str, Motion]:
    return {name: motion(_figure(name)) for name in FAMILIES}


@pytest.mark.parametrize("name", list(FAMILIES))
def test_family_example_passes_the_geometry_checks(name: str) -> None:
    problems = [f"{'.'.join(map(str, path))}: {message}" for path, message in check_figure(_figure(name))]
    assert problems == []


@pytest.mark.parametrize("name", list(FAMILIES))
def test_family_example_renders_a_strip(name: str) -> None:
    figure = _figure(name)
    strip = render_strip(figure)
    out = OUTPUT / "families"
    out.mkdir(parents=True, exist_ok=True)
    on_white = Image.new("RGBA", strip.size, (255, 255, 255, 255))
    on_white.alpha_composite(strip)
    on_white.save(out / f"{name}.png")
    # Every strip frame has a figure in it: enough opaque pixels in each frame's column.
    frames = len(figure.strip_keyframes())
    width = strip.width // frames
    alpha = strip.getchannel("A")
    for i in range(frames):
        column = alpha.crop((i * width, 0, (i + 1) * width - 20, strip.height))
        assert sum(column.histogram()[201:]) > 5000, f"frame {i} is nearly empty"


# --- what each family must show ------------------------------------------------------------


def test_hops_bounds_and_skips_leave_the_floor(motions: dict[str, Motion]) -> None:
    for name in ("pogo-hops", "bounds", "a-skip"):
        ground, flight = motions[name].keys
        assert bottom(ground) == pytest.approx(0.0, abs=1e-9), name
        assert bottom(flight) > 0.02, f"{name}: no flight phase"
    # A bound flies highest, a pogo hop is a few centimetres.
    assert bottom(motions["bounds"].keys[1]) > bottom(motions["pogo-hops"].keys[1])


def test_calf_raise_heel_drops_below_the_step_and_rises_above_it(motions: dict[str, Motion]) -> None:
    m = motions["calf-raise-on-a-step"]
    assert m.box is not None and m.box.kind == "step"
    low, high = m.keys
    top = m.box.height
    assert low.points["right_heel"][1] - reach("right_heel") < top - 0.02  # hangs off the edge
    assert high.points["right_heel"][1] - reach("right_heel") > top + 0.05  # up on the toes
    # The ball stays on the step, and the heel is behind its edge, in the air.
    assert m.box.x - m.box.length / 2 < low.points["right_ball_in"][0]
    assert low.points["right_heel"][0] < m.box.x - m.box.length / 2


def test_single_leg_stance_has_one_foot_down(motions: dict[str, Motion]) -> None:
    for key in motions["single-leg-rdl"].keys:
        # lead: left mirrors the base pose: the right leg stands, the left one moves.
        assert bottom(key, [f"right_{n}" for n in ("heel", "toe")]) == pytest.approx(0.0, abs=1e-6)
        assert bottom(key, [f"left_{n}" for n in ("heel", "toe")]) > 0.03
    bottom_key = motions["single-leg-rdl"].keys[1]
    # The free leg reaches back in line with the torso: ankle about as high as the hip.
    assert abs(bottom_key.points["left_ankle"][1] - bottom_key.points["left_hip"][1]) < 0.12


def test_side_plank_feet_stacked_or_split(motions: dict[str, Motion]) -> None:
    stacked = motions["side-plank-stacked"].keys[1].points
    split_key = motions["side-plank-split"].keys[1]
    split = split_key.points
    assert abs(stacked["right_ankle"][2] - stacked["left_ankle"][2]) < 0.03
    assert abs(stacked["right_ankle"][0] - stacked["left_ankle"][0]) < 0.03
    # Lying on the right side, "in front" is toward the chest: the top (left) foot is ahead.
    top, low = split["left_ankle"], split["right_ankle"]
    ahead = sum(c * (t - b) for c, t, b in zip(split_key.chest, top, low, strict=True))
    assert ahead > 0.08


def test_copenhagen_top_leg_rests_on_the_bench(motions: dict[str, Motion]) -> None:
    m = motions["copenhagen-plank"]
    assert m.box is not None and m.box.kind == "bench"
    low, up, leg_up = (k.points for k in m.keys)
    for name in ("left_knee", "left_ankle"):
        assert abs(up[name][0] - m.box.x) < m.box.length / 2
        assert up[name][1] - reach(name) == pytest.approx(m.box.height, abs=0.035)
    # The forearm lies flat on the floor in every frame, the elbow near under the shoulder.
    for body in m.keys:
        assert bottom(body, ["right_elbow"]) == pytest.approx(0.0, abs=0.02)
        assert bottom(body, ["right_hand"]) == pytest.approx(0.0, abs=0.02)
    for body in (up, leg_up):
        assert math.dist(body["right_elbow"][::2], body["right_shoulder"][::2]) < 0.04
    # The hips rise (a reader sees them lift), and the bottom leg rises under the bench to it.
    assert up["pelvis"][1] - low["pelvis"][1] > 0.04
    assert bottom(m.keys[1], ["right_heel", "right_toe"]) < 0.02  # resting lightly on the floor
    under = m.box.height - BENCH_TOP
    assert leg_up["right_knee"][1] + reach("right_knee") == pytest.approx(under, abs=0.02)


def test_rear_foot_on_the_bench_and_feet_stay_put(motions: dict[str, Motion]) -> None:
    m = motions["rear-foot-elevated"]
    top, low = m.keys
    assert m.box is not None and m.box.kind == "bench"
    for key in m.keys:
        assert bottom(key, ["left_toe", "left_ball_in", "left_ball_out"], m.ground) == pytest.approx(
            0.0, abs=0.02
        )
    for name in ("right_heel", "left_toe"):
        assert abs(top.points[name][0] - low.points[name][0]) < 0.02, name


def test_the_wall_stays_put_and_the_back_slides_down_it(motions: dict[str, Motion]) -> None:
    m = motions["wall-sit"]
    assert m.scenery.wall_x is not None
    for i in range(len(m.keys) - 1):
        for k in range(6):
            body = m.between(i, k / 5)
            gap = min(body.points[n][0] - reach(n) for n in ("pelvis", "neck")) - m.scenery.wall_x
            assert -0.01 < gap < 0.035, (i, k)


def test_anchored_band_is_tied_level_with_the_hands_to_the_lead_side() -> None:
    figure = _figure("pallof-press")
    m = motion(figure)
    assert place(figure, m.keys) == m.scenery
    anchor = m.scenery.anchor
    assert anchor is not None and anchor[2] > 0.5  # the lead (right) side
    hands = [m.keys[0].points[f"{s}_hand"] for s in ("right", "left")]
    assert anchor[1] == pytest.approx(sum(h[1] for h in hands) / 2)
    left = Figure.model_validate({**yaml.safe_load(FAMILIES["pallof-press"]), "lead": "left"})
    assert motion(left).scenery.anchor[2] < -0.5  # type: ignore[index]


def test_single_weights_go_in_the_lead_hand(motions: dict[str, Motion]) -> None:
    assert motions["suitcase-carry"].scenery.weight_hand == "right"
    assert motions["single-leg-rdl"].scenery.weight_hand == "left"  # the free leg's side
    assert motions["one-arm-row"].scenery.weight_hand == "right"


def test_alt_text_names_a_changed_position_instead_of_going_back() -> None:
    """The step-up's lean and top are both `stand`: neither is "back to standing"."""
    from generator.figures.alt import describe

    text = describe(_figure("step-up"))
    assert "back to" not in text
    # Both read off the drawn body: the lean has a foot forward and the knees bent, the top
    # stands tall (on the box).
    assert text.startswith("standing with one foot in front of the other and the knees bent")
    assert text.endswith("then standing tall")
    # The very same keyframe again still reads as a return.
    bridge = Figure.model_validate(
        {
            **yaml.safe_load(FAMILIES["glute-bridge"]),
            "keyframes": [
                {"name": "start", "base": "hook-lying"},
                {"name": "top", "base": "bridge"},
                {"name": "down", "base": "hook-lying"},
            ],
        }
    )
    assert describe(bridge).endswith("then back to lying on the back")


# Base poses that mean resting on something: drawn with it, as an author would.
# Side-lying poses seen from the side point the supporting forearm at the camera, which hides
# its bend (geometry.hidden_bends): they are drawn turned, like their exercises.
BASE_PROPS: dict[str, dict[str, object]] = {
    "side-lying": {"view": "oblique"},
    "forearm-side-plank": {"view": "oblique"},
    "copenhagen": {"props": ["bench"], "bench": {"under": "lead-leg", "height_cm": 45}, "view": "oblique"},
    "supported-row": {"props": ["bench"], "bench": {"under": "hand-and-knee"}},
    "seated": {"props": ["bench"]},
}


@pytest.mark.parametrize("base", [b.value for b in BasePose])
def test_every_base_pose_passes_the_geometry_checks_as_it_is(base: str) -> None:
    """No base pose goes through the floor or its prop, or bends a joint past its range."""
    keyframes = [{"name": "a", "base": base}, {"name": "b", "base": base}]
    figure = Figure.model_validate({"keyframes": keyframes, **BASE_PROPS.get(base, {})})
    assert check_figure(figure) == []
    # The lying, seated and all-fours poses meet the floor where a person does.
    m = motion(figure)
    key = m.keys[0]
    touching = {n for n in key.points if bottom(key, [n], m.ground) < 0.02}
    expected = {
        "hook-lying": {"pelvis", "neck", "head", "right_heel", "right_toe", "right_hand"},
        "dead-bug": {"pelvis", "neck", "head"},
        "bridge": {"neck", "head", "right_hand", "right_heel"},
        "quadruped": {"right_knee", "left_knee", "right_hand", "left_hand"},
        "side-lying": {"left_hip", "left_elbow", "left_hand"},
        "forearm-side-plank": {"left_elbow", "left_hand", "left_ball_out"},
        "seated": {"pelvis", "right_heel", "right_toe", "left_heel", "left_toe"},
        "split-stance": {"right_heel", "right_toe", "left_toe"},
    }.get(base, set())
    assert expected <= touching, expected - touching


def test_alt_text_tells_a_row_from_a_running_arm_swing() -> None:
    from generator.figures.alt import describe

    assert "rowing" not in describe(_figure("a-skip"))
    skip_arms = Figure.model_validate(
        {
            "keyframes": [
                {"name": "a", "base": "stand", "angles": {"right_shoulder": -35, "right_elbow": 85}},
                {"name": "b", "base": "stand", "angles": {"shoulder": -30, "elbow": 80}},
            ]
        }
    )
    assert "rowing" not in describe(skip_arms)  # upright: a wind-up, not a row
    assert "then rowing one elbow back" in describe(_figure("one-arm-row"))
