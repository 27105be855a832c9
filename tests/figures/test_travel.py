"""Jumps that travel: a keyframe's `travel` moves the body from where the previous one stood."""

from __future__ import annotations

import itertools

import pytest

from generator.figures.motion import PERSON_CM, motion
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
