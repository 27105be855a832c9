"""The third-party free-exercise-db (873 exercises) as a RunStrong content folder, for benchmarks
and library-scale tests.

The mapping is the importer's (``generator/importers/free_exercise_db.py``, the code behind
``runstrong import free-exercise-db``); this only merges the import with the guide's own content
when asked. Benchmark and test input only: its text has unclear rights, so the folder this
writes is a temporary one and must never be copied into ``content/``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from generator.importers.free_exercise_db import (
    ImportReport,
    convert_records,
    read_records,
    vocabulary_ids,
    write_folder,
)

ROOT = Path(__file__).resolve().parent.parent
DATASET = ROOT.parent / "shared" / "datasets" / "free-exercise-db" / "exercises.json"


def write_content(target: Path, *, limit: int | None = None, with_guide: bool = True) -> int:
    """Write a content folder: the import (its first ``limit`` records) plus, ``with_guide``,
    the guide's own exercises, programs and pages. Returns the number of imported exercises."""
    return len(import_into(target, limit=limit, with_guide=with_guide).imported)


def import_into(target: Path, *, limit: int | None = None, with_guide: bool = True) -> ImportReport:
    records = read_records(DATASET)[:limit]
    content = ROOT / "content"
    guide = sorted((content / "exercises").glob("*.yaml")) if with_guide else []
    names: list[str] = []  # names and aliases the guide uses: each must lead to one exercise
    for file in guide:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        names += [data["name"], *data.get("aliases", [])]
    muscles, equipment = vocabulary_ids(content)
    taken = [f.stem for f in guide]
    exercises, report = convert_records(records, muscles, equipment, taken_slugs=taken, taken_names=names)
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    write_folder(target, exercises, report, content)
    if with_guide:
        for folder in ("exercises", "programs", "pages"):
            shutil.copytree(content / folder, target / folder, dirs_exist_ok=True)
    return report


if __name__ == "__main__":
    import sys

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/runstrong-library")
    print(f"{import_into(out).summary()}; written into {out}")
