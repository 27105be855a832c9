"""Muscle maps: every muscle of the vocabulary has a region, coloured by its role."""

from __future__ import annotations

from generator.figures.muscles import SECONDARY, known_muscles, render_muscle_map
from generator.figures.style import ACCENT
from generator.model import Guide


def test_every_vocabulary_muscle_is_drawn(guide: Guide) -> None:
    assert set(guide.muscles) <= known_muscles()


def test_primary_and_secondary_colours_appear() -> None:
    image = render_muscle_map(["hamstrings"], ["glute-medius"])
    colours = {c for _, c in image.getcolors(1_000_000) or []}
    assert (*ACCENT, 255) in colours
    assert (*SECONDARY, 255) in colours
    bodies = render_muscle_map([], []).crop((0, 0, 480, 470))  # above the labels and legend
    assert (*ACCENT, 255) not in {c for _, c in bodies.getcolors(1_000_000) or []}
