"""Jumps that travel (a keyframe's `travel` moves the body from where the previous one stood) and
land on a box (feet declared on the floor stand on the floor, the rest on the box)."""

from __future__ import annotations

import itertools

import pytest

from generator.figures.geometry import check_figure
from generator.figures.motion import PERSON_CM, bottom, motion
from generator.figures.skeleton import Body
from generator.model import Figure


def _hop(travel: dict[str, int] | None) -> Figure:
    """Stand, hop, land: the land keyframe may travel."""
    land: dict[str, object] = {"name": "land", "base": "stand", "contacts": {"feet": "floor"}}
    if travel is not None:
        land["travel"] = travel
    return Figure.model_validate(
        {"keyframes": [{"name": "stand", "base": "stand"}, {"name": "hop", "base": "hop"}, land]}
    )


def _feet(body: Body) -> tuple[float, float]:
    ankles = [body.points[f"{s}_ankle"] for s in ("left", "right")]
    return (sum(a[0] for a in ankles) / 2, sum(a[2] for a in ankles) / 2)


def test_without_travel_a_hop_lands_where_it_took_off() -> None:
    m = motion(_hop(None))
    assert _feet(m.keys[2]) == pytest.approx(_feet(m.keys[0]), abs=1e-9)


def test_travel_moves_the_landing_forward_and_to_the_side() -> None:
    m = motion(_hop({"forward_cm": 35, "right_cm": -20}))
    (x0, z0), (x2, z2) = _feet(m.keys[0]), _feet(m.keys[2])
    assert (x2 - x0) * PERSON_CM == pytest.approx(35)
    assert (z2 - z0) * PERSON_CM == pytest.approx(-20)


def test_in_between_frames_cover_the_travel_smoothly() -> None:
    m = motion(_hop({"forward_cm": 40}))
    xs = [_feet(m.between(1, k / 10))[0] for k in range(11)]
    assert xs == sorted(xs)  # never back, never a jump at the end
    assert (xs[-1] - xs[0]) * PERSON_CM == pytest.approx(40)
    assert max(b - a for a, b in itertools.pairwise(xs)) * PERSON_CM < 10


def test_travel_stays_out_of_the_picture_cache_key_when_unused() -> None:
    assert "travel" not in _hop(None).model_dump(mode="json")["keyframes"][2]
    assert _hop({"right_cm": 30}).model_dump(mode="json")["keyframes"][2]["travel"] == {
        "forward_cm": 0,
        "right_cm": 30,
    }


BOX_JUMP = {
    "props": ["box"],
    "box": {"under": "feet", "height_cm": 40},
    "keyframes": [
        {"name": "stand", "base": "stand", "contacts": {"feet": "floor"}},
        {"name": "push", "base": "stand", "angles": {"ankle": -35}, "contacts": {"toes": "floor"}},
        {"name": "flight", "base": "hop", "angles": {"hip": 50, "knee": 55}, "travel": {"forward_cm": 40}},
        {"name": "land", "base": "squat", "contacts": {"feet": "box"}, "travel": {"forward_cm": 38}},
    ],
}


def test_a_box_jump_takes_off_from_the_floor_and_lands_on_the_box() -> None:
    """Feet declared on the floor stand on the floor, in front of the box their landing is on."""
    figure = Figure.model_validate(BOX_JUMP)
    m = motion(figure)
    assert m.box is not None
    top = m.box.height
    assert bottom(m.keys[0]) == pytest.approx(0.0, abs=1e-9)  # on the floor, not on the box top
    assert bottom(m.keys[1]) == pytest.approx(0.0, abs=1e-9)
    assert bottom(m.keys[3], ["right_heel", "right_toe"]) == pytest.approx(top, abs=1e-9)
    assert all(m.keys[0].points[n][0] < m.box.x - m.box.length / 2 for n in ("right_toe", "left_toe"))
    assert abs(m.keys[3].points["right_ankle"][0] - m.box.x) < m.box.length / 2
    # Up from the floor and onto the box: nothing goes through the box on the way.
    assert check_figure(figure) == []
    assert m.key_ground(0) == {} and set(m.key_ground(3)) >= {"right_heel", "left_toe"}


def test_the_box_top_holds_what_is_not_declared_on_the_floor() -> None:
    """Without floor contacts on them, the points under the box rest on it in every keyframe."""
    data = {**BOX_JUMP, "keyframes": [{"name": "a", "base": "stand"}, {"name": "b", "base": "squat"}]}
    m = motion(Figure.model_validate(data))
    assert m.grounds == ()
    assert all(bottom(k, ["right_heel", "right_toe"]) == pytest.approx(m.box.height) for k in m.keys)  # type: ignore[union-attr]
