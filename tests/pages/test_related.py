"""Related exercises: the nearest of the same pattern, as the rule says, at any library size."""

from __future__ import annotations

import heapq
import random

import pytest

from generator.model import Exercise, Guide, Level
from generator.pages import finder
from generator.substitutes import peers

from ..conftest import real_guide


def brute_force(guide: Guide, slug: str) -> list[str]:
    """The rule read literally: every exercise of the pattern, sorted by the whole key."""
    ex = guide.exercises[slug]
    linked = {v.exercise for v in [*ex.easier, *ex.harder] if v.exercise}
    mine, level = set(ex.muscles.primary), list(Level).index(ex.level)
    found = [
        (abs(list(Level).index(o.level) - level), -len(mine & set(o.muscles.primary)), o.name.lower(), i, s)
        for i, (s, o) in enumerate((s, o) for s, o in guide.exercises.items() if o.pattern is ex.pattern)
        if s != slug and s not in linked
    ]
    return [row[-1] for row in heapq.nsmallest(finder.RELATED_LIMIT, found)]


def grown(seed: int, size: int) -> Guide:
    """The guide's exercises copied with other names, levels and muscles: many ties of level and
    muscles, names that repeat (ties broken by slug order), the patterns kept."""
    guide = real_guide()
    rng = random.Random(seed)
    base = list(guide.exercises.values())
    muscles = list(guide.muscles)
    exercises: dict[str, Exercise] = dict(guide.exercises)
    for n in range(size):
        ex = rng.choice(base)
        primary = rng.sample(muscles[:6], rng.randint(1, 2))
        slug = f"copy-{n:04d}"
        exercises[slug] = ex.model_copy(
            update={
                "name": rng.choice(["Aa", "Bb", "bb", "Cc", ex.name]),
                "level": rng.choice(list(Level)),
                "muscles": ex.muscles.model_copy(update={"primary": primary}),
            }
        )
    return guide.model_copy(update={"exercises": dict(sorted(exercises.items()))})


@pytest.mark.parametrize(("seed", "size"), [(1, 0), (2, 60), (3, 400)])
def test_related_is_the_rule_read_literally(seed: int, size: int) -> None:
    guide = grown(seed, size)
    same = peers(guide)
    for slug in guide.exercises:
        expected = brute_force(guide, slug)
        assert finder.related(guide, slug, same) == expected, slug
        assert finder.related(guide, slug) == expected, slug
