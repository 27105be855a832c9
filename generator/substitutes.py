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

from .model import Exercise, Guide, Kit, Level, Pattern, Variation

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


@dataclass(frozen=True)
class Peer:
    """What the nearest-exercise rules read of an exercise, read once per site."""

    slug: str
    rank: int  # its level's place in ``Level``
    primary: frozenset[str]  # its primary muscles
    name: str  # lower-case: names sort without regard to case
    fits: tuple[bool, ...]  # whether it fits each kit, in ``Kit`` order

    @classmethod
    def of(cls, slug: str, ex: Exercise) -> Peer:
        return cls(
            slug,
            _RANK[ex.level],
            frozenset(ex.muscles.primary),
            ex.name.lower(),
            tuple(fits(ex, kit) for kit in Kit),
        )


_RANK = {level: i for i, level in enumerate(Level)}
_KIT_INDEX = {kit: i for i, kit in enumerate(Kit)}

Peers = Mapping[Pattern, list[Peer]]  # the exercises of each movement pattern, in slug order


def peers(guide: Guide) -> dict[Pattern, list[Peer]]:
    """The exercises of each movement pattern, in slug order: made once for a whole site, so a
    page's nearest exercises are looked for among its pattern's, not the whole library (at 850
    exercises, every page scanning every exercise was most of the pages' time), each read once."""
    out: dict[Pattern, list[Peer]] = {}
    for slug, ex in guide.exercises.items():
        out.setdefault(ex.pattern, []).append(Peer.of(slug, ex))
    return out


def pattern_peers(guide: Guide, pattern: Pattern, same: Peers | None) -> list[Peer]:
    """The exercises of ``pattern``: from ``same`` when given, else read from the guide."""
    if same is not None:
        return same.get(pattern, [])
    return [Peer.of(slug, ex) for slug, ex in guide.exercises.items() if ex.pattern is pattern]


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
    k = _KIT_INDEX[kit]
    candidates = [
        (-len(primary & other.primary), other.slug)
        for other in pattern_peers(guide, ex.pattern, same)
        if other.slug != slug and other.fits[k]
    ]
    return min(candidates)[1] if candidates else None
