"""Turn the third-party free-exercise-db (873 exercises) into a RunStrong content folder.

Benchmark and test input only: its text has unclear rights, so the folder this writes is a
temporary one and must never be copied into ``content/``. The mapping is deliberately
mechanical; it exercises the loader and build at library scale, it is not editorial content.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATASET = ROOT.parent / "shared" / "datasets" / "free-exercise-db" / "exercises.json"

MUSCLES = {
    "abdominals": "rectus-abdominis",
    "quadriceps": "quadriceps",
    "shoulders": "shoulders",
    "chest": "chest",
    "hamstrings": "hamstrings",
    "triceps": "triceps",
    "biceps": "biceps",
    "lats": "lats",
    "middle back": "upper-back",
    "traps": "upper-back",
    "calves": "gastrocnemius",
    "lower back": "lower-back",
    "glutes": "glute-max",
    "adductors": "adductors",
    "abductors": "glute-medius",
}
EQUIPMENT = {
    "barbell": "barbell",
    "e-z curl bar": "barbell",
    "dumbbell": "dumbbells",
    "kettlebells": "kettlebell",
    "cable": "cable",
    "bands": "resistance-band",
}
CATEGORY = {"stretching": "mobility", "plyometrics": "plyometric", "cardio": "plyometric"}
PATTERN = {"pull": "pull", "push": "push", "static": "anti-extension"}
LEVEL = {"expert": "advanced"}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _line(text: str, limit: int = 200) -> str:
    text = " ".join(re.sub(r"<[^>]*>", "", text).replace("<", "").replace(">", "").split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def convert(item: dict[str, Any]) -> dict[str, Any]:
    primary = list(dict.fromkeys(MUSCLES[m] for m in item["primaryMuscles"] if m in MUSCLES)) or [
        "rectus-abdominis"
    ]
    secondary = [
        m
        for m in dict.fromkeys(MUSCLES[m] for m in item["secondaryMuscles"] if m in MUSCLES)
        if m not in primary
    ]
    steps = [_line(s) for s in item["instructions"] if _line(s)]
    while len(steps) < 2:
        steps.append("Return to the start position with control.")
    name = _line(item["name"], 80)
    return {
        "name": name,
        "summary": _line(f"{name}: a {item['level']} {item['category']} exercise."),
        "why_runners": "Imported for benchmarking; not reviewed for runners.",
        "category": CATEGORY.get(item["category"], "strength"),
        "pattern": PATTERN.get(item.get("force") or "", "hinge"),
        "level": LEVEL.get(item["level"], item["level"]),
        "equipment": {"required": [EQUIPMENT.get(item.get("equipment") or "", "none")]},
        "muscles": {"primary": primary, "secondary": secondary},
        "setup": [steps[0]],
        "steps": steps,
        "cues": ["Move with control."],
        "mistakes": [{"mistake": "Rushing the repetitions.", "fix": "Slow down and own each rep."}],
        "easier": [{"name": "Lighter", "how": "Use less load or a shorter range."}],
        "harder": [{"name": "Heavier", "how": "Add load or slow the lowering phase."}],
        "dose": {"sets": 3, "reps": 10, "rest_seconds": 60, "rpe": 7},
    }


def write_content(target: Path, *, limit: int | None = None, with_guide: bool = True) -> int:
    """Write a content folder: the guide's vocabularies (and its own content) plus the import."""
    items = json.loads(DATASET.read_text(encoding="utf-8"))[:limit]
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(ROOT / "content" / "vocabulary", target / "vocabulary")
    (target / "exercises").mkdir(parents=True)
    (target / "programs").mkdir()
    if with_guide:
        for folder in ("exercises", "programs", "pages"):
            shutil.copytree(ROOT / "content" / folder, target / folder, dirs_exist_ok=True)
    else:
        (target / "pages").mkdir()
        (target / "pages" / "index.md").write_text("# Library\n", encoding="utf-8")
    taken = {p.stem for p in (target / "exercises").glob("*.yaml")}
    names: set[str] = set()  # names and aliases already taken: each must lead to one exercise
    for existing in (target / "exercises").glob("*.yaml"):
        data = yaml.safe_load(existing.read_text(encoding="utf-8"))
        names.update(n.lower() for n in [data["name"], *data.get("aliases", [])])
    written = 0
    for item in items:
        data = convert(item)
        slug = _slug(item["id"])
        if (
            slug in taken
            or data["name"].lower() in names
            or slug in {"index", "by-muscle", "by-pattern", "by-equipment", "by-level"}
        ):
            continue
        taken.add(slug)
        names.add(data["name"].lower())
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)
        (target / "exercises" / f"{slug}.yaml").write_text(text, encoding="utf-8")
        written += 1
    return written


if __name__ == "__main__":
    import sys

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/runstrong-library")
    print(f"wrote {write_content(out)} imported exercises into {out}")
