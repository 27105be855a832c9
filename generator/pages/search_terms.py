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

from ..model import Exercise

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
    "none": ("bodyweight", "body weight", "no equipment", "at home"),
    "dumbbells": ("dumbbell",),
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


def fields(ex: Exercise) -> dict[str, str]:
    """The extra search-index fields of an exercise's entries (weights: mkdocs.yml)."""
    return {"terms": " ".join(exercise_terms(ex)), "names": " ".join(short_names(ex))}
