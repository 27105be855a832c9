"""The exercise pages' cache: a page is rendered again only when what it shows has changed.

An exercise page shows more than its own exercise: the names, levels and summaries of its
related exercises, the names of its easier and harder versions and of its substitutes, the
names of the programs that use it, the muscle and equipment vocabularies, the facts the
picture renderer found drawing its strip, and which of its texts are so common in the library
that they are kept out of search (``search_terms.generic_texts``, hashed whole into every key).
Which other exercises it shows is itself computed from the whole library (``finder.related``,
``substitutes.substitutes``, the programs' index).

So a page is rendered in two steps (``render._exercise_inputs``, then ``render._exercise_page``):
first what it shows is computed from the whole guide (``ExerciseInputs``: those lists, and
the facts); then the page is rendered from a *view* of the guide that holds only the records
those inputs name (``view``), and its cache key is the hash of exactly that view and those
inputs (``key``), plus the code that renders it. A template that reads a record the inputs do
not name fails with a KeyError on every build, never with a stale page: the key cannot miss
what the render may read.

Entries live in memory (``runstrong serve`` renders a site again after each edit in the same
process) and in the render cache (namespace ``pages``, one bundle: ``bundle.py``), so a one-edit
``runstrong build`` renders the edited exercise's page and the pages that show it, not the
library's other 900, and reads one file for them, not 900.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from ..display import FigureFacts
from ..model import Exercise, Guide, Program
from ..substitutes import Substitute

NAMESPACE = "pages"

# Pages rendered in this process, by key: a serve rebuild finds them here without the disk.
# Only the last site's pages are kept (``PageCache.close``), so memory stays one site.
_MEMORY: dict[str, bytes] = {}


@dataclass(frozen=True)
class ExerciseInputs:
    """What an exercise page shows that is computed from the whole library."""

    slug: str
    facts: FigureFacts | None  # the strip as the picture renderer drew it (None: no figure)
    programs: tuple[str, ...]  # the programs that use it, in program order
    related: tuple[str, ...]  # same-pattern exercises, nearest first (finder.related)
    subs: tuple[Substitute, ...]  # one per kit with an answer (substitutes.substitutes)

    def shown(self, ex: Exercise) -> list[str]:
        """Every exercise the page names: itself, its related ones, its easier and harder
        library versions and the exercises its substitutes name (sorted, each once)."""
        names = {self.slug, *self.related}
        names |= {v.exercise for v in [*ex.easier, *ex.harder] if v.exercise}
        names |= {s.variation.exercise for s in self.subs if s.variation is not None and s.variation.exercise}
        return sorted(names)


def view(guide: Guide, inputs: ExerciseInputs) -> Guide:
    """The guide as the page may read it: the exercises and programs it shows, the vocabularies.

    Built without validation (the records are the loaded, validated ones)."""
    ex = guide.exercises[inputs.slug]
    return Guide.model_construct(
        exercises={s: guide.exercises[s] for s in inputs.shown(ex) if s in guide.exercises},
        programs={p: guide.programs[p] for p in inputs.programs},
        muscles=guide.muscles,
        equipment=guide.equipment,
        kept_shorts={},
    )


class Records:
    """Each record's hash (of its JSON), made once per site: a page's key names the records it
    shows by their hashes, so hashing a page's key encodes a kilobyte, not the ten records'
    JSON it names again (~17 MB of JSON per build of 900 exercise pages)."""

    def __init__(self, guide: Guide, generic: frozenset[str] = frozenset()) -> None:
        self.guide = guide
        # Texts so common in the library that pages keep them out of search
        # (``search_terms.generic_texts``): a fact of the whole library every page may print.
        self.generic = hashlib.sha256(json.dumps(sorted(generic)).encode("utf-8")).hexdigest()
        self._exercises: dict[str, str] = {}
        self._programs: dict[str, str] = {}
        vocabularies = [
            [m.model_dump_json() for m in guide.muscles.values()],
            [e.model_dump_json() for e in guide.equipment.values()],
        ]
        self.vocabularies = hashlib.sha256(json.dumps(vocabularies).encode("utf-8")).hexdigest()

    def exercise(self, slug: str) -> str:
        if slug not in self._exercises:
            self._exercises[slug] = _dump(self.guide.exercises.get(slug))
        return self._exercises[slug]

    def program(self, slug: str) -> str:
        if slug not in self._programs:
            self._programs[slug] = _dump(self.guide.programs.get(slug))
        return self._programs[slug]


def _dump(record: Exercise | Program | None) -> str:
    data = record.model_dump_json() if record is not None else "null"
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def key(inputs: ExerciseInputs, records: Records) -> str:
    """The page's key: the rendering code, the inputs, and every record of its ``view``."""
    ex = records.guide.exercises[inputs.slug]
    data = {
        "code": code_version(),
        "slug": inputs.slug,
        "facts": dataclasses.asdict(inputs.facts) if inputs.facts is not None else None,
        "programs": {p: records.program(p) for p in inputs.programs},
        "related": list(inputs.related),
        "subs": [
            [s.kit.value, s.variation.model_dump_json() if s.variation is not None else None, s.computed]
            for s in inputs.subs
        ],
        "exercises": {s: records.exercise(s) for s in inputs.shown(ex)},
        "vocabularies": records.vocabularies,
        "generic": records.generic,
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode("utf-8")).hexdigest()


@functools.cache
def code_version() -> str:
    """The code a page is rendered with: every module and template of the generator package
    (pages, pictures' facts, URLs, wording, the model) and the template engine's version."""
    import jinja2

    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(f"jinja2 {jinja2.__version__}".encode())
    for path in sorted([*package.rglob("*.py"), *package.rglob("*.j2")]):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


class PageCache:
    """Rendered pages by key: in memory, then in the render cache under ``root`` (if given),
    which keeps them when the pages are done (``close``)."""

    def __init__(self, root: Path | None) -> None:
        from ..bundle import Bundle
        from ..cache import Cache

        self.disk = Bundle(Cache(root, NAMESPACE, linkable=False), "pages") if root is not None else None
        self.used: set[str] = set()
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> str | None:
        self.used.add(key)
        data = _MEMORY.get(key)
        if data is None and self.disk is not None:
            data = self.disk.get(key)
            if data is not None:
                _MEMORY[key] = data
        elif data is not None and self.disk is not None:
            self.disk.put(key, data)  # used by this site: the bundle keeps it (nothing new if held)
        if data is None:
            self.misses += 1
            return None
        self.hits += 1
        return data.decode("utf-8")

    def put(self, key: str, text: str) -> None:
        data = text.encode("utf-8")
        _MEMORY[key] = data
        self.used.add(key)
        if self.disk is not None:
            self.disk.put(key, data)

    def close(self) -> None:
        """The site's pages are all asked for: keep them in the render cache (a read-only cache
        costs the next build the render time), and in memory only them (a serve session renders
        one site)."""
        if self.disk is not None:
            self.disk.close()
        for stale in [k for k in _MEMORY if k not in self.used]:
            del _MEMORY[stale]


def forget() -> None:
    """Drop every page kept in memory (a test that starts as a new process would)."""
    _MEMORY.clear()
