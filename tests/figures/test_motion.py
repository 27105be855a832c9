"""Timing from the data: tempo, holds, and jumps that push, fly briefly and land softly."""

from __future__ import annotations

import math

import pytest
import yaml

from generator.figures.animate import MIN_FRAME_MS, body_at, moves, timeline
from generator.figures.geometry import hinge
from generator.figures.motion import CONTACT, Motion, bottom, motion
from generator.model import Figure

from ..conftest import CONTENT


def _exercise(slug: str) -> tuple[Figure, str | None]:
    data = yaml.safe_load((CONTENT / "exercises" / f"{slug}.yaml").read_text(encoding="utf-8"))
    return Figure.model_validate(data["figure"]), data.get("tempo")


def _knees(m: Motion, a: int, b: int, t: float) -> float:
    _, body = body_at(m, a, b, t)
    return max(hinge(body, f"{s}_hip", f"{s}_knee", f"{s}_ankle") for s in ("left", "right"))


def test_the_rdl_lowers_in_three_seconds_and_rises_in_one() -> None:
    figure, tempo = _exercise("romanian-deadlift")
    assert tempo == "3-1-1"
    m = motion(figure)
    down, up = moves(figure, m, tempo)
    assert (down.kind, down.seconds, up.kind, up.seconds) == ("lower", 3.0, "lift", 1.0)
    assert down.hold >= 1.0  # the pause at the bottom
    frames = timeline(figure, m, tempo)
    lowering = sum(f.ms for f in frames if (f.a, f.b) == (0, 1))
    rising = sum(f.ms for f in frames if (f.a, f.b) == (1, 0))
    # The body is seen moving down for most of the 3 s (the eased first and last moments sit
    # on the keyframes' own frames), and down takes well over twice as long as up.
    assert lowering >= 2300 and rising <= 1000
    assert lowering > 2.4 * rising


def test_without_a_tempo_lowering_still_takes_longer_than_lifting() -> None:
    figure, _ = _exercise("romanian-deadlift")
    down, up = moves(figure, motion(figure), None)
    assert down.seconds > up.seconds


def test_frames_are_never_shorter_than_a_browser_shows() -> None:
    for slug in ("romanian-deadlift", "kneeling-squat-jump", "push-up-side-plank", "lateral-lunge-row"):
        figure, tempo = _exercise(slug)
        frames = timeline(figure, motion(figure), tempo)
        assert min(f.ms for f in frames) >= MIN_FRAME_MS - 1, slug
        total = sum(f.ms for f in frames)
        expected = sum(mv.seconds + mv.hold for mv in moves(figure, motion(figure), tempo))
        assert abs(total - expected * 1000) <= 1, slug


def test_every_keyframe_is_shown_in_the_animation() -> None:
    """Every step that changes position is on screen: each keyframe is a frame of the loop."""
    for slug in ("romanian-deadlift", "kneeling-squat-jump", "push-up-side-plank", "lateral-lunge-row"):
        figure, tempo = _exercise(slug)
        frames = timeline(figure, motion(figure), tempo)
        shown = {f.a for f in frames if f.a == f.b}
        assert shown == set(range(len(figure.keyframes))), slug


def test_a_hold_holds() -> None:
    figure, tempo = _exercise("push-up-side-plank")
    i = next(k for k, key in enumerate(figure.keyframes) if key.hold)
    frames = timeline(figure, motion(figure), tempo)
    held = [f for f in frames if (f.a, f.b) == (i, i)]
    assert len(held) == 1
    assert held[0].ms >= figure.keyframes[i].hold * 1000  # type: ignore[operator]


# --- the jump ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def jump() -> tuple[Figure, Motion, list]:
    figure, tempo = _exercise("kneeling-squat-jump")
    m = motion(figure)
    return figure, m, timeline(figure, m, tempo)


def test_feet_leave_the_floor_only_with_the_knees_nearly_straight(jump: tuple) -> None:
    _, m, frames = jump
    airborne = 0
    for f in frames:
        _, body = body_at(m, f.a, f.b, f.t)
        if bottom(body) > CONTACT:
            airborne += 1
            assert _knees(m, f.a, f.b, f.t) < 25, f
    assert airborne >= 2  # there is a flight, and it is drawn


def test_take_off_follows_a_push_through_the_legs(jump: tuple) -> None:
    """Between the squat and leaving the floor, the knees straighten with the feet still down."""
    figure, m, _ = jump
    names = [k.name for k in figure.keyframes]
    squat, push, flight = names.index("squat"), names.index("push"), names.index("jump")
    assert push == squat + 1 and flight == push + 1
    assert _knees(m, squat, squat, 0.0) > 90
    for k in range(11):
        _, body = body_at(m, squat, push, k / 10)
        assert bottom(body) < CONTACT  # still on the floor while the legs extend
    assert _knees(m, push, push, 0.0) < 10  # fully extended at take-off
    assert m.postures[push].lift == 0 and m.postures[flight].lift > 0


def test_the_flight_is_short_and_realistic(jump: tuple) -> None:
    """No hanging in the air: a 20–40 cm jump flies for about 0.4–0.55 s, nothing like 0.9 s."""
    _, m, frames = jump
    flying = 0
    for f in frames:
        _, body = body_at(m, f.a, f.b, f.t)
        if bottom(body) > CONTACT:
            flying += f.ms
    up = next(mv for mv in moves(jump[0], m) if mv.kind == "rise")
    rise_m = (m.keys[up.b].points["pelvis"][1] - m.keys[up.a].points["pelvis"][1]) * 1.75
    assert up.seconds == pytest.approx(math.sqrt(2 * rise_m / 9.81))
    assert 0.25 <= flying / 1000 <= 0.6, flying


def test_the_landing_is_absorbed_not_the_take_off_reversed(jump: tuple) -> None:
    """After the toes touch down, hips and knees keep bending: the landing gives."""
    figure, m, _frames = jump
    names = [k.name for k in figure.keyframes]
    touchdown, land = names.index("touchdown"), names.index("land")
    assert bottom(m.keys[touchdown]) < CONTACT
    bends = [_knees(m, touchdown, land, k / 8) for k in range(9)]
    assert bends == sorted(bends) and bends[-1] - bends[0] > 60
    kinds = [mv.kind for mv in moves(figure, m)]
    assert kinds.index("absorb") == kinds.index("fall") + 1
    # The way back to kneeling is its own path (round loop), not the jump played backward.
    assert "rise" not in kinds[kinds.index("fall") :]


def test_a_round_loop_closes_where_it_started() -> None:
    figure, _tempo = _exercise("kneeling-squat-jump")
    m = motion(figure)
    last = len(m.keys) - 1
    end = m.between_keys(last, 0, 1.0 - 1e-9)
    drift = max(math.dist(end.points[n], m.keys[0].points[n]) for n in m.keys[0].points)
    assert drift < 1e-6
