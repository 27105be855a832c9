"""The skeleton: fixed bone lengths whatever the angles, and believable proportions."""

from __future__ import annotations

import math

import pytest

from generator.figures.motion import motion
from generator.figures.poses import BASE_POSES, full_angles
from generator.figures.skeleton import BONES, Body, pose
from generator.model import BasePose, Figure, Guide, Keyframe


def _bone_errors(body: Body) -> list[str]:
    errors = []
    for a, b, length in BONES:
        actual = math.dist(body.points[a], body.points[b])
        if abs(actual - length) > 1e-9:
            errors.append(f"{a}-{b}: {actual:.6f} != {length}")
    return errors


def test_standing_proportions() -> None:
    body = motion(
        Figure(keyframes=[Keyframe(name="a", base="stand"), Keyframe(name="b", base="stand")])
    ).keys[0]
    head_top = body.points["head"][1] + 0.066
    assert 0.95 < head_top < 1.0
    # Adult proportions: head ≈ 1/7.5 of height, hip joint a little above half height.
    assert 7.0 < head_top / (2 * 0.066) < 8.0
    assert 0.5 < body.points["right_hip"][1] < 0.56


@pytest.mark.parametrize("base", list(BasePose))
def test_every_base_pose_keeps_its_bones(base: BasePose) -> None:
    body = pose(full_angles(base, {}), flat_feet=BASE_POSES[base].flat_feet)
    assert _bone_errors(body) == []


def test_bone_lengths_constant_through_interpolation(guide: Guide) -> None:
    """Every in-between frame of every real figure: joint angles move, bones do not stretch."""
    checked = 0
    for slug, ex in guide.exercises.items():
        assert ex.figure is not None, f"{slug} has no figure"
        m = motion(ex.figure)
        for i in range(len(m.keys) - 1):
            for k in range(11):
                body = m.between(i, k / 10)
                assert _bone_errors(body) == [], f"{slug} key {i} t={k / 10}"
                checked += 1
    assert checked >= 4 * 11


def test_interpolating_across_every_pair_of_base_poses_keeps_bones() -> None:
    bases = list(BasePose)
    for a in bases:
        for b in bases:
            m = motion(Figure(keyframes=[Keyframe(name="a", base=a), Keyframe(name="b", base=b)]))
            for t in (0.25, 0.5, 0.75):
                assert _bone_errors(m.between(0, t)) == [], f"{a} → {b} at {t}"


def test_keyframes_rest_on_the_floor(guide: Guide) -> None:
    from generator.figures.motion import bottom

    for slug, ex in guide.exercises.items():
        assert ex.figure is not None
        m = motion(ex.figure)
        for i, (key, posture) in enumerate(zip(m.keys, m.postures, strict=True)):
            # What rests on a box, bench or step has its top for a floor (a calf raise on a
            # step edge, standing on top of a step-up): measured against that, not the floor;
            # a keyframe may put it on the floor instead (a box jump's take-off).
            assert bottom(key, ground=m.key_ground(i)) == pytest.approx(posture.lift, abs=1e-9), slug
            assert bottom(key) >= posture.lift - 1e-9, slug  # and nothing below the floor


def test_planted_feet_do_not_slide_in_a_hinge(guide: Guide) -> None:
    m = motion(guide.exercises["romanian-deadlift"].figure)  # type: ignore[arg-type]
    toes = [m.between(0, k / 8).points["right_toe"] for k in range(9)]
    assert max(abs(t[0] - toes[0][0]) for t in toes) < 1e-9
    assert max(abs(t[1] - toes[0][1]) for t in toes) < 1e-9
