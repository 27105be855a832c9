"""`runstrong import` survives anything: a hostile record is skipped with its reason, never an
internal error or a hang, and what the import writes passes `runstrong check` (the
differential test: import hostile records, then check)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from .conftest import Good, bounded, run_main

GOOD = {
    "id": "Goblet_Squat",
    "name": "Goblet Squat",
    "category": "strength",
    "level": "beginner",
    "force": "push",
    "equipment": "dumbbell",
    "primaryMuscles": ["quadriceps"],
    "secondaryMuscles": ["glutes"],
    "instructions": ["Hold a dumbbell at your chest.", "Squat down.", "Stand back up."],
}


def record(n: int, **changes: object) -> dict[str, object]:
    return {**GOOD, "id": f"Rec_{n}", "name": f"Record number {n}", **changes}


HOSTILE = [
    record(1, category=["strength"]),  # unhashable: once "internal error"
    record(2, level={"x": 1}),
    record(3, name=None),  # once imported as "None"
    record(4, name=12),
    record(5, id=True),
    record(6, primaryMuscles="quadriceps"),
    record(7, instructions=[1, 2, 3]),
    record(8, equipment="yes"),  # once written unquoted and read back as true
    record(9, equipment="null"),
    record(10, equipment="wall"),  # once added to the vocabulary twice
    record(11, equipment="none"),
    record(12, name="深蹲 スクワット", id="cjk"),  # the fonts may not print it
    record(13, name="Squat 🏋️ hard"),
    record(14, name="Evil \u202eesrever"),  # a bidi override
    record(15, name="x" * 500),
    record(16, instructions=["word " * 2_000_000]),  # a 10 MB instruction: once over a minute
    record(17, instructions=["a" * 5000, "b"]),
    record(18, instructions=["Step one."] * 1000),
    record(19, name="Record number 1"),  # a name taken
    record(20, equipment=["dumbbell"]),
    record(21, force=3.5),
    record(22, name="<script>alert(1)</script> squat"),
    record(23, name="??? note Danger", instructions=["!!! warning X", "--- ", ": definition"]),
    "just a string",
    None,
    [],
    record(24),
]


def test_hostile_records_then_check(capsys: pytest.CaptureFixture[str], good: Good, tmp_path: Path) -> None:
    source = tmp_path / "exercises.json"
    source.write_text(json.dumps(HOSTILE), encoding="utf-8")
    out = tmp_path / "imported"
    with bounded(20.0):
        code, _, err = run_main(
            capsys, "import", "free-exercise-db", source, "--out", out, "--content", good.content
        )
    assert code == 0, err
    report = (out / "import-report.md").read_text(encoding="utf-8")
    assert "internal error" not in report
    assert f"{len(HOSTILE)} records" in report
    assert "record 1 (Rec_1): 'category' is a list, expected text" in report
    assert "record 3 (Rec_3): 'name' is null, expected text" in report
    assert "record 14 (Rec_14): check would refuse it: name: U+202E" in report  # the loader's own reason
    assert "record 12 (cjk): check would refuse it" in report
    names = [p.read_text(encoding="utf-8") for p in (out / "exercises").iterdir()]
    assert not any("name: None" in text or "name: 'None'" in text for text in names)
    equipment = (out / "vocabulary" / "equipment.yaml").read_text(encoding="utf-8")
    assert equipment.count("id: wall") + equipment.count('id: "wall"') <= 1
    assert equipment.count('"none"') == 0
    code, _, err = run_main(capsys, "check", "--content", out, "--cache-dir", good.cache)
    assert code == 0, err  # the differential: what import writes, check passes


@pytest.mark.parametrize("kind", ["fifo", "device", "folder", "huge", "deep", "not-utf8", "object"])
def test_a_source_that_cannot_be_read_is_one_line(
    capsys: pytest.CaptureFixture[str], good: Good, tmp_path: Path, kind: str
) -> None:
    source = tmp_path / "exercises.json"
    if kind == "fifo":
        os.mkfifo(source)
    elif kind == "device":
        source = Path("/dev/zero")
    elif kind == "folder":
        source.mkdir()
    elif kind == "huge":
        with source.open("wb") as f:
            f.truncate(65 * 1024 * 1024)  # sparse: nothing written, too big to read
    elif kind == "deep":
        source.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    elif kind == "not-utf8":
        source.write_bytes(b'[{"name": "\xff"}]')
    else:
        source.write_text('{"exercises": []}', encoding="utf-8")
    with bounded(3.0):
        code, _, err = run_main(
            capsys, "import", "free-exercise-db", source, "--out", tmp_path / "out", "--content", good.content
        )
    assert code == 1 and err.strip() and "internal error" not in err, err
    assert not (tmp_path / "out").exists()


def test_a_vocabulary_that_is_a_fifo_is_one_line(
    capsys: pytest.CaptureFixture[str], hostile_content: Path, tmp_path: Path
) -> None:
    source = tmp_path / "exercises.json"
    source.write_text(json.dumps([GOOD]), encoding="utf-8")
    (hostile_content / "vocabulary" / "muscles.yaml").unlink()
    os.mkfifo(hostile_content / "vocabulary" / "muscles.yaml")
    with bounded(3.0):
        code, _, err = run_main(
            capsys,
            "import",
            "free-exercise-db",
            source,
            "--out",
            tmp_path / "out",
            "--content",
            hostile_content,
        )
    assert code == 1 and "muscles.yaml:1:1" in err, err
