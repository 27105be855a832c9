"""Muscle maps: every muscle of the vocabulary has a region, coloured by its role."""

from __future__ import annotations

import itertools

from PIL import ImageChops

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


def test_the_parts_of_a_map_are_drawn_once_per_size_and_coloured_per_map() -> None:
    # A library has hundreds of maps (one per set of muscles) in three sizes: the polygons and
    # the big reduction are done once per size, each map only colours the parts.
    from generator.figures import muscles

    muscles._layers.cache_clear()
    first = render_muscle_map(["hamstrings"], ["glute-medius"])
    second = render_muscle_map(["quadriceps"], [])
    assert muscles._layers.cache_info().misses == 1 and muscles._layers.cache_info().hits == 1
    assert first.tobytes() != second.tobytes()
    again = render_muscle_map(["hamstrings"], ["glute-medius"])
    assert again.tobytes() == first.tobytes()  # the same bytes from the kept parts


def test_each_muscle_colours_its_own_region_only() -> None:
    from generator.figures import muscles

    idle = render_muscle_map([], [])
    changed: dict[str, set[int]] = {}
    for muscle in sorted(known_muscles() - {muscles.bodymap.BELT_MUSCLE}):
        image = render_muscle_map([muscle], [])
        diff = ImageChops.difference(image, idle).convert("L").point(lambda v: 255 if v > 24 else 0)
        changed[muscle] = {i for i, v in enumerate(diff.tobytes()) if v}
        accent = sum(n for n, c in image.getcolors(1_000_000) or [] if c == (*ACCENT, 255))
        assert accent >= 100, muscle  # a region of solid accent, not a tinted edge
    for a, b in itertools.combinations(changed, 2):
        assert len(changed[a] & changed[b]) <= 8, (a, b)  # at most a shared edge pixel or two


def test_the_core_belt_is_drawn_over_the_waist_and_past_it() -> None:
    from generator.figures import bodymap

    plain = render_muscle_map([], [])
    belt = render_muscle_map([bodymap.BELT_MUSCLE], [])
    accent = sum(n for n, c in belt.getcolors(1_000_000) or [] if c == (*ACCENT, 255))
    assert accent > 300
    # The belt runs out past the body's outline: pixels clear before are coloured now.
    opaque = ImageChops.subtract(belt.getchannel("A"), plain.getchannel("A"))
    assert opaque.getbbox() is not None
