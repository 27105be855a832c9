"""Views that show the movement: a joint the keyframe bends must read as bent on the page.

Seen from the front, a knee bent in a squat draws as a straight column; a forearm pointing at
the camera as a stub. ``geometry.hidden_bends`` compares each knee's, elbow's and hip's bend
in 3D with the angle the chosen view draws, and the loader reports a view that hides one.
"""

from __future__ import annotations

import math

import pytest
import yaml

from generator.figures.geometry import (
    PLATE_OFFSET,
    PLATE_RADIUS,
    SHOWN_BEND,
    SHOWN_FOREARM,
    SHOWN_MIN,
    SHOWN_PART,
    Block,
    _drawn,
    bends,
    check_figure,
    stub_forearms,
)
from generator.figures.motion import motion
from generator.figures.shapes import BoxProp, box_shape, project
from generator.model import Figure, Guide, View


def _figure(view: str, base: str, angles: str = "{}") -> Figure:
    block = f"""\
view: {view}
keyframes:
  - {{name: a, base: stand}}
  - {{name: b, base: {base}, angles: {angles}}}
"""
    return Figure.model_validate(yaml.safe_load(block))


def test_every_bend_of_every_keyframe_of_the_guide_reads_as_bent(guide: Guide) -> None:
    hidden = []
    for slug, ex in guide.exercises.items():
        if ex.figure is None:
            continue
        for keyframe, body in zip(ex.figure.keyframes, motion(ex.figure).keys, strict=True):
            for name, real, drawn in bends(body, ex.figure.view):
                if real >= SHOWN_BEND and drawn < max(SHOWN_MIN, SHOWN_PART * real):
                    hidden.append(f"{slug} '{keyframe.name}': {name} {real:.0f}° drawn {drawn:.0f}°")
    assert not hidden, "\n".join(hidden)


@pytest.mark.parametrize(
    ("base", "angles", "joint"),
    [
        ("squat", "{}", "knee"),  # a squat seen from the front: straight columns
        ("lateral-lunge", "{}", "knee"),  # the lunge of a lateral lunge: a straight-looking leg
        ("stand", "{right_hip: 70, right_knee: 80}", "hip"),  # a knee raised toward the camera
    ],
)
def test_a_front_view_that_hides_a_bend_is_rejected(base: str, angles: str, joint: str) -> None:
    messages = [m for _, m in check_figure(_figure("front", base, angles))]
    assert any(joint in m and "front view draws it" in m for m in messages), messages


@pytest.mark.parametrize("view", ["side", "oblique", "three-quarter"])
def test_a_turned_view_shows_a_squat(view: str) -> None:
    messages = [m for _, m in check_figure(_figure(view, "squat"))]
    assert not [m for m in messages if "view draws it" in m], messages


def test_the_three_quarter_view_shows_both_the_bend_and_the_width() -> None:
    """Between the oblique and the front: a sideways step is wide on the page, a knee bent."""
    figure = _figure("three-quarter", "squat")
    body = motion(figure).keys[1]
    drawn = {name: d for name, _, d in bends(body, View.three_quarter)}
    assert drawn["right_knee"] >= 0.5 * abs(
        next(r for n, r, _ in bends(body, View.side) if n == "right_knee")
    )


def test_a_knee_on_the_bench_with_the_shin_rising_off_it_is_rejected() -> None:
    """The Copenhagen set-up as it was once drawn: knee on the bench's edge, the lower leg in the air."""
    block = """\
view: oblique
lead: left
props: [bench]
bench: {under: lead-leg, height_cm: 45}
keyframes:
  - name: hips-low
    base: copenhagen
    angles: {left_hip_out: 31, right_hip_out: -14, right_shoulder_out: 75, right_elbow: 80}
    contacts: {right_forearm: floor, left_knee: bench}
  - name: up
    base: copenhagen
    step: 1
    contacts: {right_forearm: floor, left_knee: bench, left_toes: bench}
"""
    messages = [m for _, m in check_figure(Figure.model_validate(yaml.safe_load(block)))]
    assert any("lower leg over it is" in m and "above it" in m for m in messages), messages


SIDE_PLANK = """\
view: {view}
lead: left
keyframes:
  - name: down
    base: side-lying
    angles: {angles}
    contacts: {{right_forearm: floor, hips: floor}}
  - name: up
    base: forearm-side-plank
    angles: {angles}
    contacts: {{right_forearm: floor}}
"""


def test_a_forearm_support_pointing_at_the_camera_is_rejected() -> None:
    """A side plank whose forearm points straight ahead (at the oblique camera) draws as a short
    straight arm on its hand: a push-up side plank, not a forearm one."""
    block = SIDE_PLANK.format(view="oblique", angles="{right_shoulder: 0}")
    messages = [m for _, m in check_figure(Figure.model_validate(yaml.safe_load(block)))]
    assert any("right forearm rests on the floor but the oblique view draws it" in m for m in messages), (
        messages
    )


def test_the_side_plank_base_poses_show_their_forearm_flat_under_the_shoulder() -> None:
    figure = Figure.model_validate(yaml.safe_load(SIDE_PLANK.format(view="oblique", angles="{}")))
    assert check_figure(figure) == []
    for body in motion(figure).keys:
        elbow, hand = body.points["right_elbow"], body.points["right_hand"]
        assert abs(elbow[1] - hand[1]) < 0.02  # flat on the floor
        u = _drawn(body, View.oblique, "right_elbow", "right_hand")
        assert math.hypot(*u) > SHOWN_FOREARM * math.dist(elbow, hand)
    up = motion(figure).keys[1].points
    assert math.dist(up["right_elbow"][::2], up["right_shoulder"][::2]) < 0.04  # under the shoulder


def test_every_forearm_the_guide_rests_on_is_drawn_as_a_forearm(guide: Guide) -> None:
    stubs = []
    for slug, ex in guide.exercises.items():
        if ex.figure is None:
            continue
        for keyframe, body in zip(ex.figure.keyframes, motion(ex.figure).keys, strict=True):
            for _, message in stub_forearms(keyframe.contacts.given(), body, ex.figure.view):
                stubs.append(f"{slug} '{keyframe.name}': {message}")
    assert not stubs, "\n".join(stubs)


ROW = """\
view: side
props: [bench, single-dumbbell]
bench: {{under: hand-and-knee, height_cm: 40}}
keyframes:
  - {{name: hang, base: supported-row, angles: {hang}, contacts: {{left_hand: bench, left_knee: bench}}}}
  - name: row
    base: supported-row
    angles: {{right_shoulder: -15, right_elbow: 95}}
    contacts: {{left_hand: bench, left_knee: bench}}
"""


def test_a_weight_hanging_level_with_the_bench_top_is_rejected() -> None:
    """Hanging straight down from the shoulder, the row's dumbbell is level with the bench's top
    and drawn over it: it looks as if it rested on the bench."""
    figure = Figure.model_validate(yaml.safe_load(ROW.format(hang="{right_shoulder: 68.4}")))
    messages = [m for _, m in check_figure(figure)]
    assert any("right dumbbell: the picture draws it on the top of the bench" in m for m in messages), (
        messages
    )


def test_the_row_base_pose_hangs_its_weight_clear_of_the_bench() -> None:
    figure = Figure.model_validate(yaml.safe_load(ROW.format(hang="{}")))
    assert check_figure(figure) == []
    m = motion(figure)
    assert m.box is not None
    top = box_shape(m.box, View.side)
    hand = m.keys[0].points["right_hand"]
    x, y, _ = project(hand, View.side)
    # Below the shoulder, in front of the bench's end, clear of its top: and at the top of the
    # row the weight is up at the hip, far above the bench.
    assert x - PLATE_OFFSET - PLATE_RADIUS >= top.x1
    assert y < m.keys[0].points["right_shoulder"][1] - 0.25
    assert m.keys[1].points["right_hand"][1] > top.y1 + 0.15


def test_a_bench_is_open_under_its_top_but_not_through_its_legs() -> None:
    bench = Block(BoxProp(0.0, 0.0, 0.26, 0.4, 0.26, "bench"))
    assert bench.inside((0.0, 0.1, 0.0), 0.04) == 0.0  # under the top, between the legs
    assert bench.inside((0.0, 0.24, 0.0), 0.02) > 0.0  # in the padded top
    assert bench.inside((0.15, 0.1, 0.108), 0.02) > 0.0  # through a leg at a corner
    box = Block(BoxProp(0.0, 0.0, 0.26, 0.4, 0.26, "box"))
    assert box.inside((0.0, 0.1, 0.0), 0.04) > 0.0  # a box is solid


def _step(a: dict[str, tuple[float, float, float]], b: dict[str, tuple[float, float, float]]) -> float:
    """How far one foot steps sideways while the other stays put (0 when it is no such step)."""
    moved = sorted(abs(b[f"{s}_ankle"][2] - a[f"{s}_ankle"][2]) for s in ("left", "right"))
    return moved[1] if moved[0] < 0.02 else 0.0


def test_a_sideways_step_opens_the_feet_across_the_picture(guide: Guide) -> None:
    """Where one foot steps out to the side (or in) by 10 cm or more while the other stays put,
    the picture shows at least half of it: a step to the side is seen, not hidden in depth."""
    hidden = []
    steps = 0
    for slug, ex in guide.exercises.items():
        if ex.figure is None:
            continue
        keys = motion(ex.figure).keys
        for i in range(len(keys) - 1):
            a, b = keys[i].points, keys[i + 1].points
            real = _step(a, b)
            if real < 0.057:
                continue
            steps += 1

            def gap(p: dict[str, tuple[float, float, float]], v: View = ex.figure.view) -> float:
                return project(p["left_ankle"], v)[0] - project(p["right_ankle"], v)[0]

            if abs(gap(b) - gap(a)) < 0.5 * real:
                hidden.append(
                    f"{slug} {i}->{i + 1}: {real * 175:.0f} cm drawn {abs(gap(b) - gap(a)) * 175:.0f} cm"
                )
    assert not hidden, "\n".join(hidden)
    assert steps >= 1  # the banded lateral walk steps out
