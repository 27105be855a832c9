"""Geometry checks: a broken pose of each kind is rejected with a clear message at its line."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml

from generator.figures import geometry
from generator.figures.geometry import check_figure, hinge
from generator.figures.motion import Motion, motion
from generator.figures.skeleton import Body, add, sub
from generator.model import Figure, Guide

from .test_validation import RDL, _errors, _with_figure, col


def _figure(block: str) -> Figure:
    return Figure.model_validate(yaml.safe_load(block)["figure"])


def _messages(block: str) -> list[str]:
    return [f"{'.'.join(map(str, path))}: {message}" for path, message in check_figure(_figure(block))]


PLANK = """\
figure:
  view: side
  keyframes:
    - name: top
      base: plank
      contacts: {toes: floor, hands: floor}
      relations: {body: straight, hands: under-shoulders, elbow: straight}
    - name: bottom
      base: plank
      angles: {shoulder: 15, shoulder_out: 45, elbow: 100}
      contacts: {toes: floor, hands: floor}
      relations: {body: straight}
"""


def test_a_sound_plank_passes() -> None:
    assert _messages(PLANK) == []


# --- contacts -----------------------------------------------------------------------------------


def test_declared_contact_must_touch_its_surface() -> None:
    # Standing: the hands hang by the thighs, far above the floor they are said to touch.
    block = """\
figure:
  keyframes:
    - {name: a, base: stand, contacts: {feet: floor, hands: floor}}
    - {name: b, base: stand}
"""
    assert _messages(block) == [
        "keyframes.0.contacts.hands: the left hand should touch the floor but is 73 cm above it",
        "keyframes.0.contacts.hands: the right hand should touch the floor but is 73 cm above it",
    ]


def test_sided_contact_names_the_side() -> None:
    block = """\
figure:
  keyframes:
    - {name: a, base: half-kneel, contacts: {right_foot: floor, left_knee: floor, right_knee: floor}}
    - {name: b, base: kneel}
"""
    (message,) = _messages(block)
    assert message.startswith(
        "keyframes.0.contacts.right_knee: the right knee should touch the floor but is "
    )
    assert message.endswith(" above it")


def test_contact_on_a_missing_prop() -> None:
    block = """\
figure:
  keyframes:
    - {name: a, base: stand, contacts: {feet: box}}
    - {name: b, base: stand}
"""
    assert _messages(block) == [
        "keyframes.0.contacts.feet: the figure has no box to touch (its surfaces: floor); add the prop"
    ]


def test_contact_on_the_box_top() -> None:
    block = """\
figure:
  props: [box]
  box: {under: lead-foot, height_cm: 40}
  keyframes:
    - name: a
      base: stand
      angles: {right_hip: 95, right_knee: 95, trunk: 10}
      contacts: {right_foot: box, left_foot: floor}
    - name: b
      base: stand
      angles: {left_hip: 70, left_knee: 95}
      contacts: {right_foot: box, left_foot: box}
"""
    messages = [m for m in _messages(block) if ".contacts." in m]
    assert messages == [
        "keyframes.1.contacts.left_foot: the left foot should touch the box but is 32 cm above it"
    ]


# --- collisions ----------------------------------------------------------------------------------


def test_dumbbells_may_not_go_through_the_floor() -> None:
    # A hinge so deep that the hanging dumbbells dig into the floor.
    block = """\
figure:
  props: [dumbbells]
  keyframes:
    - {name: a, base: stand}
    - {name: b, base: hinge, angles: {trunk: 110, hip: 150, knee: 90, shoulder: 110}}
"""
    messages = _messages(block)
    assert "keyframes.1: the left dumbbell: it goes 4 cm through the floor (lift the hands)" in messages


def test_a_kettlebell_may_not_go_through_the_floor() -> None:
    block = """\
figure:
  props: [kettlebell]
  keyframes:
    - {name: a, base: stand}
    - {name: b, base: hinge, angles: {trunk: 100, hip: 135, knee: 70, shoulder: 100}}
"""
    assert _messages(block) == [
        "keyframes.1: the kettlebell: it goes 10 cm through the floor (lift the hands)"
    ]


def test_a_body_part_may_not_go_into_the_box() -> None:
    # The trailing knee swings into the step the front foot stands on.
    block = """\
figure:
  props: [box]
  box: {under: lead-foot, height_cm: 40}
  keyframes:
    - {name: a, base: stand, angles: {right_hip: 95, right_knee: 95}}
    - {name: b, base: stand, angles: {right_hip: 95, right_knee: 95, left_hip: 100, left_knee: 130}}
"""
    messages = _messages(block)
    assert any("into the box" in m for m in messages), messages


# --- joints ---------------------------------------------------------------------------------------


def test_hinge_bend_is_measured_from_the_bones() -> None:
    body = motion(_figure(PLANK)).keys[1]
    assert hinge(body, "right_shoulder", "right_elbow", "right_hand") == pytest.approx(100, abs=1e-6)
    assert hinge(body, "right_hip", "right_knee", "right_ankle") == pytest.approx(0, abs=1e-6)


def test_a_knee_bent_backward_is_rejected() -> None:
    """A knee only bends one way: the shin turned backward about its hinge is a hyperextension,
    whatever the angles in the YAML said (the check reads the bones, not the numbers)."""
    broken = _bent_backward(motion(_figure(PLANK)).keys[0], 20)
    assert list(geometry._joints(broken)) == [
        "right knee: it bends backward by 20° (hyperextended); bend it 0° or more"
    ]


def test_a_flat_foot_past_the_ankle_range_is_rejected() -> None:
    # A squat with the shins far forward: the flat foot forces the ankle past 45°.
    block = """\
figure:
  keyframes:
    - {name: a, base: stand}
    - {name: b, base: squat, angles: {trunk: 10, hip: 80, knee: 140}}
"""
    messages = _messages(block)
    assert any(
        m.startswith("keyframes.1: right ankle: it is bent ")
        and "toward the shin, past the 45° an ankle allows" in m
        for m in messages
    ), messages


def _bent_backward(body: Body, degrees: float) -> Body:
    """The body with its right shin turned the wrong way about the knee's hinge."""
    knee, ankle = body.points["right_knee"], body.points["right_ankle"]
    axis, shin = body.axes["right_knee"], sub(ankle, knee)
    c, s = math.cos(math.radians(-degrees)), math.sin(math.radians(-degrees))
    cross = (
        axis[1] * shin[2] - axis[2] * shin[1],
        axis[2] * shin[0] - axis[0] * shin[2],
        axis[0] * shin[1] - axis[1] * shin[0],
    )
    turned = (shin[0] * c + cross[0] * s, shin[1] * c + cross[1] * s, shin[2] * c + cross[2] * s)
    return Body(dict(body.points, right_ankle=add(knee, turned)), body.chest, body.left, body.axes)


def test_in_between_frames_are_checked_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """A problem only between keyframes is reported once, on the keyframe the move goes to."""
    figure = _figure(PLANK)
    real = Motion.between_keys

    def broken(self: Motion, a: int, b: int, t: float) -> Body:
        body = real(self, a, b, t)
        return _bent_backward(body, 15) if 0.3 < t < 0.7 else body

    monkeypatch.setattr(Motion, "between_keys", broken)
    assert [(p, m) for p, m in check_figure(figure)] == [
        (
            ("keyframes", 1),
            "on the way from 'top' to 'bottom', right knee: it bends backward by 15° (hyperextended); "
            "bend it 0° or more",
        )
    ]


# --- grip -----------------------------------------------------------------------------------------


def test_one_dumbbell_needs_both_hands_at_its_handle() -> None:
    block = """\
figure:
  props: [dumbbell]
  keyframes:
    - {name: a, base: stand, angles: {shoulder: 60, elbow: 100}}
    - {name: b, base: squat, angles: {shoulder: 60, elbow: 100, shoulder_out: 0}}
"""
    messages = _messages(block)
    assert messages[0].startswith("keyframes.0: the dumbbell is held in both hands, but the hands are ")
    assert messages[0].endswith("apart; bring them together at its handle (at most 22 cm)")


# --- relations --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("keyframe", "expected"),
    [
        (
            "{name: b, base: side-plank, relations: {feet: stacked}, angles: {right_hip_out: 30}}",
            "keyframes.1.relations.feet: the feet are not stacked: the right ankle is ",
        ),
        (
            "{name: b, base: lateral-lunge, angles: {shoulder: 70, shoulder_out: 80, elbow: 90}, "
            "relations: {elbow: by-ribs}}",
            "keyframes.1.relations.elbow: the left elbow is raised near shoulder height (only 2 cm below it)",
        ),
        (
            "{name: b, base: hinge, angles: {knee: 45}, relations: {knee: soft}}",
            "keyframes.1.relations.knee: the left knee should be soft (about 15–20°, 8–32° accepted) but bends 45°",
        ),
        (
            "{name: b, base: lateral-lunge, angles: {trunk: 10, right_hip: 40}, relations: {right_knee: over-toes}}",
            "keyframes.1.relations.right_knee: the right knee is ",
        ),
        (
            "{name: b, base: hinge, angles: {neck: -50}, relations: {back: flat}}",
            "keyframes.1.relations.back: the head is 50° out of line with the back",
        ),
        (
            "{name: b, base: plank, angles: {hip: 40}, relations: {body: straight}}",
            "keyframes.1.relations.body: the hips pike up ",
        ),
        (
            "{name: b, base: side-plank, angles: {right_shoulder: 100}, relations: {top_arm: vertical}}",
            "keyframes.1.relations.top_arm: the top (right) arm leans 34° from vertical; reach it straight up",
        ),
        (
            "{name: b, base: plank, angles: {shoulder: 40}, relations: {hands: under-shoulders}}",
            "keyframes.1.relations.hands: the left hand is 37 cm away from below its shoulder",
        ),
    ],
    ids=[
        "feet-stacked",
        "elbow-by-ribs",
        "knee-soft",
        "knee-over-toes",
        "back-flat",
        "body-straight",
        "top-arm",
        "hands",
    ],
)
def test_broken_relation_is_named(keyframe: str, expected: str) -> None:
    block = f"figure:\n  keyframes:\n    - {{name: a, base: stand}}\n    - {keyframe}\n"
    messages = [m for m in _messages(block) if ".relations." in m]
    assert len(messages) >= 1, _messages(block)
    assert messages[0].startswith(expected), messages


def test_a_relation_on_both_ends_holds_in_between(monkeypatch: pytest.MonkeyPatch) -> None:
    """Declared straight at both ends, the body may not pike on the way (push-up → side plank)."""
    block = """\
figure:
  keyframes:
    - {name: a, base: plank, relations: {body: straight}}
    - {name: b, base: plank, angles: {elbow: 30}, relations: {body: straight}}
"""
    assert _messages(block) == []
    real = Motion.between_keys

    def piked(self: Motion, a: int, b: int, t: float) -> Body:
        body = real(self, a, b, t)
        if 0.3 < t < 0.7:  # hips pushed 9 cm up, halfway
            pelvis = body.points["pelvis"]
            return Body(
                dict(body.points, pelvis=(pelvis[0], pelvis[1] + 0.05, pelvis[2])), body.chest, body.left
            )
        return body

    monkeypatch.setattr(Motion, "between_keys", piked)
    (message,) = _messages(block)
    assert message.startswith("keyframes.1.relations.body: on the way from 'a' to 'b', the hips pike up ")


# --- through the loader: file:line:col, every error at once ------------------------------------------


def test_loader_reports_geometry_at_the_keyframe_line(real_content: Path) -> None:
    figure = """\
figure:
  view: side
  props: [dumbbells]
  keyframes:
    - {name: start, base: stand, contacts: {hands: floor}}
    - {name: bottom, base: hinge, angles: {knee: 45}, relations: {knee: soft}}
"""
    line = _with_figure(real_content, figure)
    errors = _errors(real_content)
    hands = f"{RDL}:{line + 4}:{col(figure, 4, 'floor')}: figure.keyframes[0].contacts.hands: "
    knee = f"{RDL}:{line + 5}:{col(figure, 5, 'soft')}: figure.keyframes[1].relations.knee: "
    assert [e for e in errors if e.startswith(hands)], errors
    assert f"{knee}the right knee should be soft (about 15–20°, 8–32° accepted) but bends 45°" in errors
    assert all("Traceback" not in e for e in errors)


def test_every_grounded_keyframe_of_the_guide_declares_its_contacts(guide: Guide) -> None:
    """Each keyframe says what it stands, kneels or lies on, so the check can hold it to that
    (a keyframe in the air touches nothing)."""
    missing = [
        f"{slug}: {key.name}"
        for slug, ex in guide.exercises.items()
        if ex.figure is not None
        for key, posture in zip(ex.figure.keyframes, motion(ex.figure).postures, strict=True)
        if not key.contacts.given() and posture.lift == 0
    ]
    assert missing == []
