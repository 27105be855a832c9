"""What to do instead of an exercise with the kit at hand: no kit, dumbbells, or a gym.

An author may write a substitute for each kit (``substitutes:`` in the exercise file). A kit
left out is computed, so every page answers the question without every file having to:

1. the exercise itself, when its required equipment is all in the kit;
2. otherwise its first easier, then harder, library version that fits the kit;
3. otherwise the library exercise of the same movement pattern that fits the kit and shares
   the most primary muscles (ties broken by slug, so the answer is deterministic);
4. otherwise nothing, and the page says so rather than inventing a swap.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .model import Exercise, Guide, Kit, Pattern, Variation

Peers = Mapping[Pattern, list[str]]  # the exercises of each movement pattern, in slug order

# Household things a runner has without buying kit: a wall, a chair or sofa, a stair, a towel
# to slide on, a backpack to load, a mat, a sturdy bench or box (a chair or step serves).
HOME_EQUIPMENT = frozenset({"none", "wall", "anchor", "step", "slider", "backpack", "mat", "bench"})
KIT_EQUIPMENT: dict[Kit, frozenset[str] | None] = {
    Kit.none: HOME_EQUIPMENT,
    Kit.dumbbells: HOME_EQUIPMENT | {"dumbbells"},
    Kit.gym: None,  # None: everything
}


@dataclass(frozen=True)
class Substitute:
    kit: Kit
    variation: Variation | None  # None: the exercise itself fits this kit
    computed: bool


def fits(exercise: Exercise, kit: Kit) -> bool:
    allowed = KIT_EQUIPMENT[kit]
    return allowed is None or allowed.issuperset(exercise.equipment.required)


def peers(guide: Guide) -> dict[Pattern, list[str]]:
    """The exercises of each movement pattern, in slug order: made once for a whole site, so a
    page's nearest exercises are looked for among its pattern's, not the whole library (at 850
    exercises, every page scanning every exercise was most of the pages' time)."""
    out: dict[Pattern, list[str]] = {}
    for slug, ex in guide.exercises.items():
        out.setdefault(ex.pattern, []).append(slug)
    return out


def substitutes(guide: Guide, slug: str, same: Peers | None = None) -> list[Substitute]:
    """One entry per kit that has an answer, in kit order (no kit, dumbbells, gym).

    ``same``: ``peers(guide)``, when a caller asks for many exercises."""
    ex = guide.exercises[slug]
    written = ex.substitutes.given()
    found: list[Substitute] = []
    for kit in Kit:
        if kit in written:
            found.append(Substitute(kit, written[kit], computed=False))
        elif fits(ex, kit):
            found.append(Substitute(kit, None, computed=True))
        elif (other := _nearest(guide, slug, kit, same)) is not None:
            found.append(Substitute(kit, Variation(exercise=other), computed=True))
    return found


def _nearest(guide: Guide, slug: str, kit: Kit, same: Peers | None) -> str | None:
    ex = guide.exercises[slug]
    for v in [*ex.easier, *ex.harder]:
        if v.exercise and v.exercise in guide.exercises and fits(guide.exercises[v.exercise], kit):
            return v.exercise
    primary = set(ex.muscles.primary)
    pattern = same[ex.pattern] if same is not None else list(guide.exercises)
    candidates = [
        (-len(primary & set(other.muscles.primary)), other_slug)
        for other_slug, other in ((s, guide.exercises[s]) for s in pattern)
        if other_slug != slug and other.pattern is ex.pattern and fits(other, kit)
    ]
    return min(candidates)[1] if candidates else None
