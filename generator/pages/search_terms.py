"""The words runners search with, mapped onto the guide's vocabulary (issue 10).

Material's search has no synonyms, but it boosts a page's front-matter ``tags`` far above its
text (ARCHITECTURE.md: with "RDL" as a tag, "RDL" found the Romanian deadlift first). So an
exercise page is tagged with the lay words for what it is: "calf" for the gastrocnemius and
soleus, "shin" for the tibialis anterior, "bodyweight" and "no equipment" where nothing is
needed, "plyo" for jumps and hops, "core" for the trunk muscles. Only *primary* muscles give
tags: nearly every exercise works the core a little, and a search for "core" should find the
exercises that are about it.

Ids missing from the vocabulary are simply never used, so the lists may run ahead of it.
"""

from __future__ import annotations

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


def exercise_tags(guide: Guide, ex: Exercise) -> list[str]:
    """Aliases, primary muscle names, then the lay terms; each once, in a stable order."""
    tags: list[str] = [*ex.aliases, *(guide.muscles[m].name for m in ex.muscles.primary)]
    for m in ex.muscles.primary:
        tags += MUSCLE_TERMS.get(m, ())
    needed = [e for e in ex.equipment.required if e != "none"] or ["none"]
    for e in needed:
        tags += EQUIPMENT_TERMS.get(e, ())
    tags += PATTERN_TERMS.get(ex.pattern.value, ())
    tags += CATEGORY_TERMS.get(ex.category.value, ())
    seen: set[str] = set()
    unique = []
    for tag in tags:
        if tag.lower() not in seen:
            seen.add(tag.lower())
            unique.append(tag)
    return unique
