"""An exercise page's inputs and cache key, kept between the builds of ``runstrong serve``.

Each build works out, for every exercise page, what it shows that is computed from the whole
library (``pagecache.ExerciseInputs``: related exercises, substitutes, programs) and the hash of
what it shows (``pagecache.key``): ~40 % of the pages step after a one-edit change, for 900 pages
of which the edit changed one. Both are kept in the session's memo (``generator/memo.py``) by
exactly what they read: the exercise (the same object while its file is unchanged), the
exercises its easier and harder versions name, its movement pattern's peers (by value), the
strip's facts (by value) and the programs using it; the key, by those inputs and every record
the page's view holds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..display import FigureFacts
from ..memo import Memo, Value
from ..model import Guide
from ..substitutes import Peers
from .pagecache import ExerciseInputs, Records, key

MakeInputs = Callable[[Guide, str, FigureFacts | None, Peers, list[str]], ExerciseInputs]


class KeptInputs:
    """The inputs and keys of one build's exercise pages, through a serve session's memo."""

    def __init__(self, guide: Guide, same: Peers, memo: Memo, make: MakeInputs) -> None:
        self.guide, self.same, self.memo, self.make = guide, same, memo, make
        # One stand-in per pattern's peers: equal peers (no name, level, muscle or kit of the
        # pattern changed) give the same object build after build.
        self.peers = {
            pattern: memo.token("pattern peers", (Value(tuple(group)),))
            for pattern, group in (same.items() if memo.keeps else ())
        }

    def inputs(self, slug: str, facts: FigureFacts | None, programs: Sequence[str]) -> ExerciseInputs:
        guide = self.guide
        if not self.memo.keeps:  # a build that keeps nothing: no key to make
            return self.make(guide, slug, facts, self.same, list(programs))
        ex = guide.exercises[slug]
        linked = tuple(
            (v.exercise, guide.exercises.get(v.exercise)) for v in [*ex.easier, *ex.harder] if v.exercise
        )
        args = (slug, ex, Value(facts), self.peers.get(ex.pattern), tuple(programs), linked)
        return self.memo.get(
            "exercise inputs", args, self.make, guide, slug, facts, self.same, list(programs)
        )

    def key(self, inputs: ExerciseInputs, records: Records) -> str:
        if not self.memo.keeps:
            return key(inputs, records)
        guide = self.guide
        shown = tuple(guide.exercises.get(s) for s in inputs.shown(guide.exercises[inputs.slug]))
        programs = tuple(guide.programs.get(p) for p in inputs.programs)
        args = (inputs, shown, programs, records.vocabularies, records.generic)
        return self.memo.get("exercise page key", args, key, inputs, records)
