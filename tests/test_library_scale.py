"""A third-party library at scale: ``runstrong import free-exercise-db`` on the whole 873-record
file, then the loader, the pages and the nav on what it wrote.

The data set is test input only (its text has unclear rights); it lives in shared/, beside
the repository, and is never copied into content/. It is imported once for this module: the
import, the load and the 800-odd pages are the expensive part, and every test reads them.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.free_exercise_db import DATASET
from generator import display, urls
from generator.cli import main
from generator.importers.free_exercise_db import (
    ADDED_EQUIPMENT,
    ADDED_MUSCLES,
    MUSCLES,
    REPORT_FILE,
    ImportReport,
    convert_records,
    read_records,
    vocabulary_ids,
)
from generator.load import load_guide
from generator.model import Guide
from generator.pages import render_pages
from generator.pipeline import Settings, generate, nav_data

from .conftest import CONTENT, ROOT

pytestmark = pytest.mark.skipif(not DATASET.is_file(), reason=f"{DATASET} is not beside the repository")

RECORDS = 873  # the pinned copy in shared/ (its README names the upstream commit)
# What the pinned copy gives with today's vocabulary. A new muscle or equipment id in
# content/vocabulary that the importer maps changes these: update them with the report.
IMPORTED = 859
SKIPPED = {"cardio": 14}  # treadmills and bikes: a runner's runs live in programs (issue 19: only these)


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The whole file imported by the command line, as a coach runs it."""
    out = tmp_path_factory.mktemp("library") / "imported"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator.cli",
            "import",
            "free-exercise-db",
            str(DATASET),
            "--out",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return out, result.stdout


@pytest.fixture(scope="module")
def library(imported: tuple[Path, str]) -> Guide:
    return load_guide(imported[0])


@pytest.fixture(scope="module")
def pages(library: Guide) -> dict[str, str]:
    return {f.path: f.content.decode() for f in render_pages(library)}


def report_sections(folder: Path) -> dict[str, list[str]]:
    """The report's list items, by section heading."""
    sections: dict[str, list[str]] = {}
    current = ""
    for line in (folder / REPORT_FILE).read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = line[3:]
            sections[current] = []
        elif line.startswith(("- ", "| ")) and current:
            sections[current].append(line)
    return sections


def test_the_whole_import_validates_and_renders_a_page_each(
    imported: tuple[Path, str], library: Guide, pages: dict[str, str]
) -> None:
    folder, stdout = imported
    assert stdout.splitlines()[0].startswith(f"{RECORDS} records: {IMPORTED} exercises imported, ")
    assert len(library.exercises) == IMPORTED == len(list((folder / "exercises").glob("*.yaml")))
    exercise_pages = [
        p for p in pages if re.fullmatch(r"exercises/[a-z0-9-]+\.md", p) and p[10:-3] in library.exercises
    ]
    assert len(exercise_pages) == IMPORTED
    index = pages["exercises/index.md"]
    # Letter headings under the one results heading the finder rewrites (issue 18).
    assert "\n### A\n" in index and "\n## All exercises\n" in index, "a long library gets letter headings"
    for slug in library.exercises:
        assert f'href="{slug}/"' in index


def test_every_record_is_imported_or_skipped_with_its_reason(
    imported: tuple[Path, str], library: Guide
) -> None:
    folder, _ = imported
    records = json.loads(DATASET.read_text(encoding="utf-8"))
    assert len(records) == RECORDS
    sections = report_sections(folder)
    written = [
        re.fullmatch(r"- ([a-z0-9-]+)\.yaml ← (.+)", line)
        for line in sections["Exercises imported (file ← record id)"]
    ]
    skipped = [re.fullmatch(r"- record (\d+) \((.+?)\): (.+)", line) for line in sections["Records skipped"]]
    assert all(written) and all(skipped)
    assert {m[1] for m in written if m} == set(library.exercises)
    # Each record's id exactly once, in one list or the other: nothing dropped silently.
    ids = Counter([m[2] for m in written if m] + [m[2] for m in skipped if m])
    assert ids == Counter(r["id"] for r in records)
    for m in skipped:
        assert m and records[int(m[1]) - 1]["id"] == m[2]
    reasons = Counter(
        next(kind for kind in SKIPPED if kind in m[3]) if any(kind in m[3] for kind in SKIPPED) else m[3]
        for m in skipped
        if m
    )
    assert reasons == SKIPPED


def test_the_report_names_every_mapping_and_every_muscle_it_added(
    imported: tuple[Path, str], library: Guide
) -> None:
    folder, stdout = imported
    sections = report_sections(folder)
    records = {r["id"]: r for r in json.loads(DATASET.read_text(encoding="utf-8"))}
    by_slug = {
        m[1]: records[m[2]]
        for m in (
            re.fullmatch(r"- ([a-z0-9-]+)\.yaml ← (.+)", line)
            for line in sections["Exercises imported (file ← record id)"]
        )
        if m
    }
    muscles = {line.split(" | ")[0][2:]: line.split(" | ")[1] for line in sections["Muscles mapped"][2:]}
    added_ids = {theirs: entry[0] for theirs, entry in ADDED_MUSCLES.items()}
    assert muscles == {**MUSCLES, **{theirs: f"{ours} (added)" for theirs, ours in added_ids.items()}}
    # A muscle of ours for every muscle of theirs; the ones RunStrong has no id for join the
    # folder's vocabulary and are listed with every imported exercise that names one.
    assert "Muscles not mapped" not in sections
    added_muscles = {
        line.split("**")[1]: line for line in sections["Muscles added to this folder's vocabulary"]
    }
    assert set(added_muscles) == {"forearms", "neck"} <= set(library.muscles)
    for slug, ex in library.exercises.items():
        record = by_slug[slug]
        theirs = record["primaryMuscles"] + record["secondaryMuscles"]
        ours = {MUSCLES.get(m) or added_ids[m] for m in theirs}
        assert ours == {*ex.muscles.primary, *ex.muscles.secondary}
        for muscle in set(theirs) - set(MUSCLES):
            assert re.search(rf"[:,] {slug}(,|$)", added_muscles[added_ids[muscle]]), (slug, muscle)
    # Equipment RunStrong has no id for keeps an id of its own, in the folder's vocabulary.
    added = {line.split("**")[1] for line in sections["Equipment added to this folder's vocabulary"]}
    assert added == {new_id for new_id, _ in ADDED_EQUIPMENT.values()} <= set(library.equipment)
    assert "muscles added to the vocabulary: forearms (119), neck (9)" in stdout


# Real records the import once skipped (issue 19): a muscle the guide has no id for (forearms,
# neck), one instruction, or none at all. Each must still become an exercise that loads.
ONCE_SKIPPED = {
    "Farmers_Walk": ("farmers-walk", "forearms"),  # primary forearms; abs, glutes… secondary
    "Wrist_Roller": ("wrist-roller", "forearms"),
    "Side_Neck_Stretch": ("side-neck-stretch", "neck"),
    "One-Arm_Kettlebell_Swings": ("one-arm-kettlebell-swings", None),  # no instructions
    "Side_Bridge": ("side-bridge", None),  # no instructions, a hold
    "Shoulder_Raise": ("shoulder-raise", None),  # one instruction
    "Upper_Back_Stretch": ("upper-back-stretch", None),  # one instruction
}


@pytest.fixture(scope="module")
def once_skipped(tmp_path_factory: pytest.TempPathFactory) -> tuple[Guide, ImportReport]:
    """Only the records above, imported onto the guide's vocabulary into a folder, then loaded."""
    from generator.importers.free_exercise_db import write_folder

    records = [r for r in read_records(DATASET) if r["id"] in ONCE_SKIPPED]
    exercises, report = convert_records(records, *vocabulary_ids(CONTENT))
    folder = tmp_path_factory.mktemp("once-skipped")
    write_folder(folder, exercises, report, CONTENT)
    return load_guide(folder), report


def test_records_with_muscles_the_guide_lacks_are_exercises_of_an_added_muscle(
    once_skipped: tuple[Guide, ImportReport],
) -> None:
    guide, report = once_skipped
    assert report.skipped == []
    assert {slug for slug, _ in ONCE_SKIPPED.values()} == set(guide.exercises)
    farmers = guide.exercises["farmers-walk"]
    assert farmers.muscles.primary == ["forearms"]
    assert {"rectus-abdominis", "glute-max", "upper-back"} <= set(farmers.muscles.secondary)
    assert farmers.pattern.value == "carry"
    for slug, muscle in ONCE_SKIPPED.values():
        if muscle is not None:
            assert muscle in guide.exercises[slug].muscles.primary, slug
            assert muscle in guide.muscles, muscle
    # Named and filed in the vocabulary like the guide's own muscles; drawn on no map region.
    assert guide.muscles["forearms"].name == "Forearms" and guide.muscles["neck"].name == "Neck"
    markdown = report.markdown()
    assert "- **forearms** (their 'forearms'" in markdown and "farmers-walk, wrist-roller" in markdown


def test_records_of_fewer_than_two_steps_keep_their_step_and_say_what_was_added(
    once_skipped: tuple[Guide, ImportReport],
) -> None:
    guide, report = once_skipped
    records = {r["id"]: r for r in read_records(DATASET) if r["id"] in ONCE_SKIPPED}
    for their_id in ("Shoulder_Raise", "Upper_Back_Stretch"):
        ex = guide.exercises[ONCE_SKIPPED[their_id][0]]
        assert ex.steps[0] == records[their_id]["instructions"][0]  # the source's text, first
        assert len(ex.steps) == 2 and "not reviewed" in ex.setup[0].lower()
        assert "hold" in ex.steps[1].lower()  # a stretch is held: its added step says so
    swing = guide.exercises["one-arm-kettlebell-swings"]
    assert swing.pattern.value == "hinge" and swing.equipment.required == ["kettlebell"]
    assert all("not reviewed" in text.lower() for text in (*swing.setup, swing.steps[0]))
    assert "repeat for the reps" in swing.steps[1]
    markdown = report.markdown()
    section = markdown.split("## Generic set-up or steps added")[1].split("##")[0]
    assert "- one-arm-kettlebell-swings: 0 step(s)" in section and "- shoulder-raise: 1 step(s)" in section
    assert "farmers-walk" not in section  # three steps of its own


def test_an_unknown_muscle_of_any_name_joins_the_vocabulary_once(tmp_path: Path) -> None:
    """Not only the two the table names: a muscle the importer has never seen gets an id too."""
    from generator.importers.free_exercise_db import write_folder

    base = {"category": "strength", "level": "beginner", "force": "pull", "equipment": "dumbbell"}
    steps = ["Stand tall.", "Squeeze.", "Let go."]
    records = [
        {
            **base,
            "id": "Grip_A",
            "name": "Grip A",
            "primaryMuscles": ["Finger Flexors"],
            "instructions": steps,
        },
        {
            **base,
            "id": "Grip_B",
            "name": "Grip B",
            "primaryMuscles": ["finger flexors", "lats"],
            "instructions": [],
        },
        {**base, "id": "Yes_A", "name": "Yes A", "primaryMuscles": ["yes"], "instructions": steps},
        {**base, "id": "Blank", "name": "Blank", "primaryMuscles": ["???"], "instructions": steps},
        {
            **base,
            "id": "Shin",
            "name": "Shin",
            "primaryMuscles": ["tibialis-anterior"],
            "instructions": steps,
        },
    ]
    exercises, report = convert_records(records, *vocabulary_ids(CONTENT))
    assert set(report.added_muscles) == {"finger-flexors", "yes"}
    assert report.added_muscles["finger-flexors"] == ["grip-a", "grip-b"]
    assert exercises["grip-b"]["muscles"]["primary"] == ["finger-flexors", "lats"]
    assert exercises["shin"]["muscles"]["primary"] == ["tibialis-anterior"]  # already ours: not added
    assert [(s.id, s.reason) for s in report.skipped] == [
        ("Blank", "no primary muscle that can be named (???)")
    ]
    assert report.unmapped_muscles == {"???": ["blank"]}
    write_folder(tmp_path, exercises, report, CONTENT)
    guide = load_guide(tmp_path)  # 'yes' stays an id (quoted), and loads
    assert guide.muscles["yes"].group == guide.muscles["finger-flexors"].group == "Other muscles"
    assert guide.exercises["yes-a"].muscles.primary == ["yes"]


def test_exercises_stay_out_of_the_nav_at_scale(imported: tuple[Path, str], library: Guide) -> None:
    nav = repr(nav_data(library, imported[0] / "pages"))
    assert not any(f"exercises/{slug}.md" in nav for slug in library.exercises)


def test_imported_exercises_without_a_figure_get_a_page_muscle_map_and_preview(
    imported: tuple[Path, str], tmp_path: Path
) -> None:
    """No pose, no strip or animation, and no link to one: every picture a page names exists."""

    folder, _ = imported
    small = tmp_path / "content"
    shutil.copytree(folder / "vocabulary", small / "vocabulary")
    (small / "programs").mkdir()
    shutil.copytree(folder / "pages", small / "pages")
    # A barbell lift, a foam-roller drill (equipment the import added) and a plyometric.
    chosen = ["barbell-squat", "iliotibial-tract-smr", "box-jump-multiple-response"]
    (small / "exercises").mkdir()
    for slug in chosen:
        shutil.copy(folder / "exercises" / f"{slug}.yaml", small / "exercises")
    guide = load_guide(small)
    files = {f.path: f.read() for f in generate(guide, Settings("https://runstrong.example/"))}
    for slug in chosen:
        assert guide.exercises[slug].figure is None
        page = files[urls.exercise_source(slug)].decode()
        muscle_map = display.muscle_map_path(
            guide.exercises[slug].muscles.primary, guide.exercises[slug].muscles.secondary
        )
        preview = display.exercise_preview_path(slug, guide.exercises[slug], guide.muscles)
        assert muscle_map in files and preview in files
        assert urls.figure_strip_path(slug) not in files and urls.figure_animation_path(slug) not in files
        linked = re.findall(r"(?:src=\"|\]\(|og_image: \"?)(?:\.\./)*([^\"')\s]+\.(?:png|webp))", page)
        assert any(p.endswith(Path(muscle_map).name) for p in linked), page
        for path in linked:
            assert any(f.endswith(path) for f in files), f"{slug}: {path} links no picture"


def test_merging_with_a_guide_skips_its_names_and_file_names() -> None:
    record = {
        "id": "Romanian_Deadlift",
        "name": "Push-Up",
        "category": "strength",
        "level": "beginner",
        "force": "push",
        "equipment": "body only",
        "primaryMuscles": ["chest"],
        "secondaryMuscles": ["triceps"],
        "instructions": ["Lie face down.", "Push up.", "Lower."],
    }
    renamed = {**record, "name": "Floor press-up"}
    muscles, equipment = ["chest", "triceps"], ["none"]
    taken = {"taken_slugs": ["push-up"], "taken_names": ["push-up"]}
    exercises, report = convert_records([record, renamed], muscles, equipment, **taken)
    assert list(exercises) == ["romanian-deadlift"]
    assert [s.reason for s in report.skipped] == ["another exercise is already named 'Push-Up'"]
    _, report = convert_records([record], muscles, equipment, taken_slugs=["romanian-deadlift"])
    assert report.skipped[0].reason == "another exercise already has the file name 'romanian-deadlift.yaml'"


def test_import_refuses_a_folder_with_files_and_a_broken_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["import", "free-exercise-db", str(DATASET), "--out", str(taken)]) == 2
    assert "exists and is not an empty folder" in capsys.readouterr().err
    assert (taken / "notes.txt").read_text(encoding="utf-8") == "mine"
    broken = tmp_path / "broken.json"
    broken.write_text('[{"id": "a",\n  "name": }]', encoding="utf-8")
    assert main(["import", "free-exercise-db", str(broken), "--out", str(tmp_path / "new")]) == 1
    err = capsys.readouterr().err
    assert re.search(r"broken\.json:2:11: Expecting value", err), err
    assert not (tmp_path / "new").exists()


def test_the_guide_vocabulary_is_what_the_import_maps_onto() -> None:
    # Every id the mapping names exists in the guide's vocabulary: a renamed muscle would
    # otherwise turn into "not mapped" without anyone deciding it.
    from generator.importers.free_exercise_db import EQUIPMENT, vocabulary_ids

    muscles, equipment = vocabulary_ids(CONTENT)
    assert set(MUSCLES.values()) <= set(muscles)
    assert set(EQUIPMENT.values()) <= set(equipment)
    assert not {new_id for new_id, _ in ADDED_EQUIPMENT.values()} & set(equipment)
