"""The four original exercises' figures show what their steps say (each defect once seen, pinned).

Read from the content files directly, so the checks run on exactly what the site draws.
"""

from __future__ import annotations

import math

import pytest
import yaml

from generator.figures.arrows import arrow
from generator.figures.geometry import check_figure, hinge, trunk_axes
from generator.figures.motion import Motion, motion
from generator.figures.shapes import Capsule, project
from generator.figures.skeleton import Body, sub
from generator.model import Figure, Grip, View

from ..conftest import CONTENT


def _figure(slug: str) -> Figure:
    data = yaml.safe_load((CONTENT / "exercises" / f"{slug}.yaml").read_text(encoding="utf-8"))
    return Figure.model_validate(data["figure"])


def _key(figure: Figure, m: Motion, name: str) -> Body:
    return m.keys[[k.name for k in figure.keyframes].index(name)]


def _dot(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    return sum(x * y for x, y in zip(a, b, strict=True))


@pytest.mark.parametrize(
    "slug", ["romanian-deadlift", "lateral-lunge-row", "push-up-side-plank", "kneeling-squat-jump"]
)
def test_declares_contacts_and_passes_the_geometry_checks(slug: str) -> None:
    figure = _figure(slug)
    assert check_figure(figure) == []
    assert any(k.contacts.given() for k in figure.keyframes)
    assert any(k.relations.given() for k in figure.keyframes)


def test_rdl_soft_knees_overhand_grip_weights_at_mid_shin() -> None:
    figure = _figure("romanian-deadlift")
    m = motion(figure)
    start, bottom = _key(figure, m, "start"), _key(figure, m, "bottom")
    assert 12 <= hinge(start, "right_hip", "right_knee", "right_ankle") <= 25  # not locked
    assert figure.grip is Grip.overhand  # palms toward the body
    hand, knee, ankle = (bottom.points[f"right_{n}"] for n in ("hand", "knee", "ankle"))
    assert ankle[1] < hand[1] < knee[1] - 0.3 * (knee[1] - ankle[1])  # below the knee, toward mid-shin
    assert abs(hand[0] - (knee[0] + ankle[0]) / 2) < 0.05  # close to the legs


def test_lateral_lunge_shows_the_side_step_and_a_row_by_the_ribs() -> None:
    figure = _figure("lateral-lunge-row")
    assert figure.view in (View.front, View.three_quarter)
    m = motion(figure)
    start, lunge, row = (_key(figure, m, n) for n in ("start", "lunge", "row"))
    # The step is seen: the stepping foot moves across the picture, far from the planted one.
    moved = (
        project(lunge.points["right_ankle"], figure.view)[0]
        - project(start.points["right_ankle"], figure.view)[0]
    )
    planted = (
        project(lunge.points["left_ankle"], figure.view)[0]
        - project(start.points["left_ankle"], figure.view)[0]
    )
    assert abs(moved) > 0.25 and abs(planted) < 0.02
    # The strip's first arrow points the way the foot steps.
    first = arrow(m, 0, figure.view)
    assert first is not None
    points = [p for s in first.shapes if isinstance(s, Capsule) for p in (s.a, s.b)]
    assert (points[-1][0] - points[0][0]) * moved > 0
    # Rowing: both elbows back beside the trunk and well below shoulder height, not flared.
    up, chest, _ = trunk_axes(row)
    for side in ("left", "right"):
        arm = sub(row.points[f"{side}_elbow"], row.points[f"{side}_shoulder"])
        assert _dot(arm, up) < -0.1
        assert _dot(sub(row.points[f"{side}_elbow"], row.points["pelvis"]), chest) < 0.04
    # From the front both arms (and both dumbbells) are drawn as near parts.
    assert figure.view is not View.side


def test_side_plank_stacked_feet_turn_shown_top_arm_vertical_no_backward_swing() -> None:
    figure = _figure("push-up-side-plank")
    m = motion(figure)
    names = [k.name for k in figure.keyframes]
    side = _key(figure, m, "side-plank")
    assert math.dist(side.points["right_ankle"], side.points["left_ankle"]) <= 0.09
    top = max(("left", "right"), key=lambda s: side.points[f"{s}_hand"][1])
    arm = sub(side.points[f"{top}_hand"], side.points[f"{top}_shoulder"])
    assert arm[1] / math.sqrt(_dot(arm, arm)) > math.cos(math.radians(20))
    # The rotation is a keyframe of its own, on the strip, between the press and the side plank.
    turn = names.index("turn")
    assert names.index("press") < turn < names.index("side-plank") and figure.keyframes[turn].strip
    # Turned part way from the plank (a figure drawn turned round adds the same half turn to
    # every keyframe's twist, so the difference is what the body turns).
    plank = m.postures[names.index("plank")].angles["twist"]
    assert 20 < abs(m.postures[turn].angles["twist"] - plank) < 70
    # On the way back down the top hand never swings back past the hip toward the feet.
    last = len(m.keys) - 1
    path = [m.between(names.index("side-plank"), k / 10) for k in range(11)]
    path += [m.between_keys(last, 0, k / 10) for k in range(11)]
    for body in path:
        up, _, _ = trunk_axes(body)
        back = -_dot(sub(body.points[f"{top}_hand"], body.points[f"{top}_shoulder"]), up)
        assert back < 0.12


def test_no_strip_arrow_cuts_through_the_trunk() -> None:
    for slug in ("push-up-side-plank", "lateral-lunge-row", "romanian-deadlift", "kneeling-squat-jump"):
        figure = _figure(slug)
        m = motion(figure)
        for i in figure.strip_keyframes()[:-1]:
            hint = arrow(m, i, figure.view)
            if hint is None:
                continue
            body = m.keys[i]
            pelvis = project(body.points["pelvis"], figure.view)[:2]
            neck = project(body.points["neck"], figure.view)[:2]
            for s in hint.shapes:
                if isinstance(s, Capsule):
                    for p in (s.a, s.b):
                        assert _segment_distance(p, pelvis, neck) > 0.05, (slug, i)


def _segment_distance(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    ab = (b[0] - a[0], b[1] - a[1])
    n = ab[0] ** 2 + ab[1] ** 2 or 1.0
    t = max(0.0, min(1.0, ((p[0] - a[0]) * ab[0] + (p[1] - a[1]) * ab[1]) / n))
    return math.dist(p, (a[0] + ab[0] * t, a[1] + ab[1] * t))


def test_kneeling_squat_jump_strip_shows_each_position() -> None:
    figure = _figure("kneeling-squat-jump")
    shown = [figure.keyframes[i] for i in figure.strip_keyframes()]
    assert [k.base.value for k in shown] == ["kneel", "half-kneel", "squat", "airborne", "squat"]
    assert [k.step for k in shown] == [None, 1, 2, 3, 4]
    steps = {k.step for k in figure.keyframes}
    assert {1, 2, 3, 4, 5} <= steps  # the animation also shows the way back down (step 5)
