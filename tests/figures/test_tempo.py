"""Every animation of the guide keeps the tempo: phases timed as a whole, no stops on the way.

A lowering through several keyframes (the Nordic's upright → leaning → catch) is one phase: the
tempo times it as a whole (4 s for 4-0-1, within 10 %), and the body passes the keyframes in
the middle without stopping unless the data declares a hold there.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from generator.figures.animate import JUMP_KINDS, Move, default_tempo, moves, timeline
from generator.figures.motion import motion
from generator.model import Exercise, Guide, Pattern, tempo_seconds

PASS_MS = 160  # a keyframe passed through is on screen no longer than an in-between position


def _tempo(ex: Exercise) -> str:
    return ex.tempo or default_tempo(ex.pattern)


def _runs(ex: Exercise, all_moves: list[Move]) -> Iterator[list[Move]]:
    """Runs of moves the body makes without a stop between them, as the data describes them:
    the keyframe between two moves declares no hold, the path does not turn back there, it is
    not the loop's first keyframe or the bottom of a lowering that turns into a lift, and no
    jump is involved."""
    assert ex.figure is not None
    run = [all_moves[0]]
    for into, onward in itertools.pairwise(all_moves):
        stops = (
            ex.figure.keyframes[into.b].hold is not None
            or onward.b == into.a
            or into.b == all_moves[0].a
            or (into.kind == "lower" and onward.kind == "lift")
            or into.kind in JUMP_KINDS
            or onward.kind in JUMP_KINDS
        )
        if stops:
            yield run
            run = [onward]
        else:
            run.append(onward)
    yield run


def _animated(guide: Guide) -> list[str]:
    return [slug for slug, ex in guide.exercises.items() if ex.figure is not None]


def test_every_keyframe_in_the_middle_of_a_move_is_passed_without_a_stop(guide: Guide) -> None:
    problems = []
    for slug in _animated(guide):
        ex = guide.exercises[slug]
        figure = ex.figure
        assert figure is not None
        m = motion(figure)
        all_moves = moves(figure, m, _tempo(ex))
        frames = timeline(figure, m, _tempo(ex))
        for run in _runs(ex, all_moves):
            for mv in run[:-1]:
                name = figure.keyframes[mv.b].name
                if mv.hold > 0:
                    problems.append(f"{slug}: stops {mv.hold:.1f} s at '{name}' with no hold declared")
        # In the frames: a keyframe the body passes through is shown about as long as an
        # in-between position, never as a pause.
        passed = {mv.b for run in _runs(ex, all_moves) for mv in run[:-1]}
        for k, f in enumerate(frames[1:-1], start=1):
            if f.a == f.b and f.a in passed:
                around = max(frames[k - 1].ms, frames[k + 1].ms)
                if f.ms > max(PASS_MS, 2 * around):
                    name = figure.keyframes[f.a].name
                    problems.append(f"{slug}: '{name}' is shown {f.ms} ms, its neighbours {around} ms")
    assert not problems, "\n".join(problems)


def test_each_lowering_and_lifting_phase_takes_the_tempo(guide: Guide) -> None:
    problems = []
    for slug in _animated(guide):
        ex = guide.exercises[slug]
        figure = ex.figure
        assert figure is not None
        lower_s, _, lift_s = tempo_seconds(_tempo(ex))
        m = motion(figure)
        for run in _runs(ex, moves(figure, m, _tempo(ex))):
            kinds = {mv.kind for mv in run}
            given = any(
                figure.keyframes[i].seconds is not None for mv in run for i in (mv.a, mv.b) if i != run[0].a
            )
            if given or kinds & JUMP_KINDS or ("lower" in kinds) == ("lift" in kinds):
                continue  # timed by the data, by physics, or neither a lowering nor a lift
            want = lower_s if "lower" in kinds else lift_s
            took = sum(mv.seconds for mv in run)
            if abs(took - want) > 0.1 * want:
                names = " → ".join(
                    [figure.keyframes[run[0].a].name, *(figure.keyframes[mv.b].name for mv in run)]
                )
                problems.append(f"{slug}: {names} takes {took:.2f} s, the tempo says {want} s")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("slug", "start", "end", "seconds"),
    [
        ("nordic-curl", "upright", "catch", 4.0),  # 4-0-1: the lowering through 'leaning'
        ("single-leg-romanian-deadlift", "start", "bottom", 3.0),  # 3-1-1
    ],
)
def test_a_lowering_through_keyframes_takes_the_tempo_in_the_frames(
    guide: Guide, slug: str, start: str, end: str, seconds: float
) -> None:
    """Measured on the frames a browser shows: from leaving the start to reaching the end."""
    ex = guide.exercises[slug]
    figure = ex.figure
    assert figure is not None
    names = [k.name for k in figure.keyframes]
    a, b = names.index(start), names.index(end)
    frames = timeline(figure, motion(figure), _tempo(ex))
    first = next(k for k, f in enumerate(frames) if f.a == f.b == a)
    last = next(k for k, f in enumerate(frames) if f.a == f.b == b and k > first)
    # The move is on screen from the frame after the start to the end keyframe's frame, whose
    # time is the last stretch of the move (nearest to it) and then the hold there.
    hold = next(mv.hold for mv in moves(figure, motion(figure), _tempo(ex)) if mv.b == b)
    took = sum(f.ms for f in frames[first + 1 : last + 1]) / 1000 - hold
    assert abs(took - seconds) <= 0.1 * seconds + 0.15, took
    stops = [f for f in frames[first + 1 : last] if f.a == f.b and f.ms > PASS_MS]
    assert not stops, stops


def test_without_a_tempo_the_pattern_gives_one() -> None:
    assert default_tempo(Pattern.calf) != default_tempo(Pattern.squat)
    for pattern in Pattern:
        lower, pause, lift = tempo_seconds(default_tempo(pattern))
        assert lower >= 1 and lift >= 1 and pause >= 0
