"""Alt text is written from the data: the movement in words, the muscles by name."""

from __future__ import annotations

from generator.figures import animation_alt, figure_alt, muscle_map_alt
from generator.model import Guide


def test_romanian_deadlift(guide: Guide) -> None:
    ex = guide.exercises["romanian-deadlift"]
    assert figure_alt(ex) == (
        "Romanian deadlift: standing tall holding dumbbells, then hinging forward at the hips with a flat back."
    )
    assert animation_alt(ex).startswith(
        "Romanian deadlift, animated: standing tall holding dumbbells, then hinging"
    )
    alt = muscle_map_alt(ex, guide.muscles)
    assert alt.startswith(
        "Romanian deadlift, muscles worked (front and back views). Primary: hamstrings, glute max."
    )


def test_push_up_returns_to_the_plank_and_turns(guide: Guide) -> None:
    alt = figure_alt(guide.exercises["push-up-side-plank"])
    assert "lowering the chest toward the floor with the elbows bent" in alt
    assert "then back to the plank, then turning into a side plank" in alt


def test_every_exercise_has_alt_text_that_is_not_just_its_name(guide: Guide) -> None:
    for ex in guide.exercises.values():
        assert ex.figure is not None
        assert len(figure_alt(ex)) > len(ex.name) + 20
        assert "None" not in muscle_map_alt(ex, guide.muscles)
