"""The words runners search with, mapped onto the guide's vocabulary (issue 10).

Material's search has no synonyms, but it searches any field named in mkdocs.yml
(``plugins: search: fields``) with its own boost. Each exercise's entries in the search index
get a ``terms`` field (generator/search_index.py writes it after the build) holding the lay
words for what the exercise is: "calf" for the gastrocnemius and soleus, "shin" for the
tibialis anterior, "bodyweight" and "no equipment" where nothing is needed, "plyo" for jumps
and hops, "core" for the trunk muscles. Only *primary* muscles give terms: nearly every
exercise works the core a little, and a search for "core" should find the exercises that are
about it.

Not front-matter ``tags``: those stay the exercise's own names (aliases, muscle names), which
must win outright ("RDL" finds the Romanian deadlift before the single-leg one), and every
tag added to a page lowers the weight of the others (lunr scores by field length).

Ids missing from the vocabulary are simply never used, so the lists may run ahead of it.
"""

from __future__ import annotations

import re
from pathlib import Path

from .. import urls
from ..model import Exercise, Guide

MUSCLE_TERMS: dict[str, tuple[str, ...]] = {
    "gastrocnemius": ("calf", "calves"),
    "soleus": ("calf", "calves", "soleus"),
    "tibialis-anterior": ("shin", "shins", "tibialis"),
    "tibialis-posterior": ("arch", "tibialis"),
    "fibularis": ("ankle", "peroneals"),
    "foot-intrinsics": ("foot", "feet", "arch"),
    "glute-max": ("glutes", "bum"),
    "glute-medius": ("glute med", "glute medius", "hip", "hips"),
    "hip-flexors": ("hip", "hips"),
    "hip-external-rotators": ("hip", "hips"),
    "adductors": ("groin", "inner thigh"),
    "quadriceps": ("quads", "thigh"),
    "hamstrings": ("hamstring", "hammies"),
    "rectus-abdominis": ("core", "abs"),
    "obliques": ("core", "abs"),
    "transverse-abdominis": ("core", "abs"),
    "lower-back": ("core", "back"),
    "upper-back": ("back",),
    "lats": ("back",),
    "chest": ("pecs",),
    "shoulders": ("delts",),
}

EQUIPMENT_TERMS: dict[str, tuple[str, ...]] = {
    "none": (
        "bodyweight",
        "body weight",
        "no equipment",
        "without equipment",
        "equipment free",
        "no weights",
        "without weights",
        "without kit",
        "no kit",
        "no gym",
        "at home",
    ),
    "dumbbells": ("dumbbell",),
    "kettlebell": ("kettlebell", "kb"),
    "backpack": ("backpack", "rucksack"),
    "step": ("step", "stairs", "stair"),
    "bench": ("bench", "box"),
    "wall": ("wall",),
    "anchor": ("chair", "sofa", "couch"),
    "slider": ("slider", "towel"),
    "mini-band": ("band",),
    "resistance-band": ("band",),
}

PATTERN_TERMS: dict[str, tuple[str, ...]] = {
    "jump": ("plyo", "plyometric", "jumping"),
    "hop": ("plyo", "plyometric", "hopping"),
    "anti-rotation": ("core",),
    "anti-extension": ("core",),
    "anti-lateral-flexion": ("core",),
}

CATEGORY_TERMS: dict[str, tuple[str, ...]] = {
    "plyometric": ("plyo", "plyometric"),
    "core": ("core",),
}

# Material multiplies a page's score by its boost: for the same words, an exercise page ranks
# above a browse or guide page that mentions the exercise.
EXERCISE_BOOST = 3
BROWSE_BOOST = 0.5


def exercise_terms(ex: Exercise) -> list[str]:
    """The lay terms of an exercise, each once, in a stable order."""
    terms: list[str] = []
    for m in ex.muscles.primary:
        terms += MUSCLE_TERMS.get(m, ())
    needed = [e for e in ex.equipment.required if e != "none"] or ["none"]
    for e in needed:
        terms += EQUIPMENT_TERMS.get(e, ())
    terms += PATTERN_TERMS.get(ex.pattern.value, ())
    terms += CATEGORY_TERMS.get(ex.category.value, ())
    return list(dict.fromkeys(terms))


def short_names(ex: Exercise) -> list[str]:
    """One-word aliases ("RDL", "RFESS", "Nordics"): names of this exercise and no other.

    A longer alias that contains one ("Single-leg RDL") names a variation; in the tags both
    count the same, and the shorter tag list would win. This field makes the exact name win.
    """
    return [a for a in ex.aliases if not re.search(r"[\s-]", a.strip())]


def fields(ex: Exercise) -> dict[str, list[str]]:
    """The extra search-index fields of an exercise's entries, as terms (words or phrases:
    search_index.field_text writes them; its FIELD_BOOSTS weigh them)."""
    names = [ex.name, *(a for a in ex.aliases if a not in short_names(ex))]
    return {"terms": exercise_terms(ex), "names": short_names(ex), "titles": names}


_EXERCISE_LINK = re.compile(r"\]\((?:[^)\s]*/)?exercises/([a-z0-9-]+)\.md(?:#[^)\s]*)?\)")


_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+|\n\s*\n|\n(?=\s*(?:[-*+]|\d+\.)\s)")
_WARNS_OFF = re.compile(r"\b(leave|avoid|stop|skip|instead of|out until|not)\b", re.I)


def section_helps(pages_dir: Path) -> dict[str, list[str]]:
    """The exercises each guide section with search terms links to, with those terms, by
    exercise URL: "knee pain" finds the section, then the exercises it sends a runner to."""
    from ..handwritten import PageMeta, scan, sections

    helps: dict[str, list[str]] = {}
    for page in scan(pages_dir).pages:
        if page.front is None or not isinstance(page.front.data, dict):
            continue
        search = PageMeta.from_content(page.front.data).search
        if search is None or not search.sections:
            continue
        for anchor, text in sections(page.file.read_text(encoding="utf-8")):
            # A sentence that warns off an exercise ("Leave pogo hops out until…") is no help.
            kept = [s for s in _SENTENCE_END.split(text) if not _WARNS_OFF.search(s)]
            for slug in _EXERCISE_LINK.findall(" ".join(kept)):
                terms = helps.setdefault(urls.exercise_url(slug), [])
                terms += [t for t in search.sections.get(anchor, []) if t not in terms]
    return helps


def page_topics(pages_dir: Path) -> dict[str, list[str]]:
    """The search terms of the hand-written pages (front matter ``search: terms`` and ``sections``),
    by search-index location: ``guide/where-it-hurts/`` and ``guide/where-it-hurts/#shin``.

    The loader has checked the front matter (``handwritten.PageMeta``) and the anchors.
    """
    from ..handwritten import PageMeta, scan

    topics: dict[str, list[str]] = {}
    for page in scan(pages_dir).pages:
        if page.front is None or not isinstance(page.front.data, dict):
            continue
        search = PageMeta.from_content(page.front.data).search
        if search is None:
            continue
        url = urls.url_of(
            page.path.removesuffix("README.md") + "index.md" if page.path.endswith("README.md") else page.path
        )
        if search.terms:
            topics[url] = list(search.terms)
        for anchor, terms in search.sections.items():
            topics[f"{url}#{anchor}"] = list(terms)
    return topics


def index_fields(
    guide: Guide, pages_dir: Path
) -> tuple[dict[str, dict[str, list[str]]], dict[str, list[str]]]:
    """What ``search_index.clean_search_index`` adds to an index: each exercise page's fields
    (``fields`` plus the topics of the guide sections that link to it) and the guide pages'
    topics. One call for any engine's post-build step (MkDocs plugin, Zensical)."""
    helps = section_helps(pages_dir)
    exercises = {
        urls.exercise_url(slug): {**fields(ex), "helps": helps.get(urls.exercise_url(slug), [])}
        for slug, ex in guide.exercises.items()
    }
    return exercises, page_topics(pages_dir)


# Text on this share of the library's exercise pages, and on at least GENERIC_MIN_PAGES of
# them, says nothing about any one exercise: "Move slowly and with control.", an importer's
# "Not reviewed yet: the source lists no common mistakes." on 847 of 884 imported pages. A
# search for its words would list hundreds of pages ranked alike, and its words were a tenth
# of the search index every phone downloads (2.16 MB on the free-exercise-db import).
GENERIC_SHARE = 0.25
GENERIC_MIN_PAGES = 20


def variation_text(name: str | None, how: str | None) -> str:
    """The key of a written-out easier or harder version (``generic_texts``)."""
    return f"{name or ''} — {how or ''}"


def generic_texts(guide: Guide) -> frozenset[str]:
    """The texts of exercise pages (set-up and steps, cues, mistakes and fixes, written-out
    easier and harder versions, why runners do it) that recur on so many pages that they say
    nothing about one (``GENERIC_SHARE``): the pages show them, kept out of the search index
    (``data-search-exclude``, pages/render.py).

    A decision over the whole library, made when the pages are written: an edit that makes a
    text generic, or no longer generic, changes the Markdown of every page that shows it, so
    a build that renders only the changed pages renders those too and indexes them anew.
    """
    pages: dict[str, int] = {}
    for ex in guide.exercises.values():
        texts = {*ex.setup, *ex.steps, *ex.cues, ex.why_runners}
        texts |= {t for m in ex.mistakes for t in (m.mistake, m.fix)}
        texts |= {variation_text(v.name, v.how) for v in (*ex.easier, *ex.harder) if v.exercise is None}
        for text in texts:
            pages[text] = pages.get(text, 0) + 1
    least = max(GENERIC_MIN_PAGES, GENERIC_SHARE * len(guide.exercises))
    return frozenset(text for text, count in pages.items() if count >= least)
