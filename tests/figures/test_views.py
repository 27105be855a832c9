"""Views that show the movement: a joint the keyframe bends must read as bent on the page.

Seen from the front, a knee bent in a squat draws as a straight column; a forearm pointing at
the camera as a stub. ``geometry.hidden_bends`` compares each knee's, elbow's and hip's bend
in 3D with the angle the chosen view draws, and the loader reports a view that hides one.
"""

from __future__ import annotations

import pytest
import yaml

from generator.figures.geometry import SHOWN_BEND, SHOWN_MIN, SHOWN_PART, bends, check_figure
from generator.figures.motion import motion
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
    """The Copenhagen set-up as it was drawn: knee on the bench's edge, the lower leg in the air."""
    block = """\
view: oblique
lead: left
props: [bench]
bench: {under: lead-leg, height_cm: 40}
keyframes:
  - name: hips-low
    base: copenhagen
    angles: {left_hip_out: 51.5, right_hip_out: -18.1, right_knee: 4.2}
    contacts: {right_forearm: floor, left_knee: bench}
  - name: up
    base: copenhagen
    step: 1
    contacts: {right_forearm: floor, left_knee: bench, left_toes: bench}
"""
    messages = [m for _, m in check_figure(Figure.model_validate(yaml.safe_load(block)))]
    assert any("lower leg over it is" in m and "above it" in m for m in messages), messages
