"""free-exercise-db (https://github.com/yuhonas/free-exercise-db) → a RunStrong content folder.

``runstrong import free-exercise-db exercises.json --out DIR`` writes DIR as a content folder
(``vocabulary/``, ``exercises/``, ``programs/``, ``pages/``) that ``runstrong check`` passes
and ``runstrong build --content DIR`` publishes, plus ``DIR/import-report.md``.

The source knows muscles, equipment, a category, a force (push/pull/static), a level and
instruction paragraphs; RunStrong needs more (why runners do it, cues, mistakes, a dose).
What the source has is mapped onto RunStrong's vocabularies; what it lacks is filled with
plainly generic text that says it was not reviewed, so a coach sees at a glance what to edit.
Nothing is dropped silently: a record is either written or listed as skipped with its
reason, a muscle or piece of equipment that has no RunStrong id is named in the report with
the exercises that lost it, and no instruction text is cut (long ones are split into steps).
Imported exercises have no ``figure:`` block: their pages show the muscle map and get a
preview card, and no strip or animation is linked.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import ContentError, ContentErrors, display_path
from ..files import GeneratedFile
from ..load import EQUIPMENT_FILE, MUSCLES_FILE, RESERVED_SLUGS

SOURCE = "free-exercise-db"
SOURCE_URL = "https://github.com/yuhonas/free-exercise-db"
REPORT_FILE = "import-report.md"
LINE_LIMIT = 200  # model.Line
NAME_LIMIT = 80  # model.Name

# Their muscle → ours. 'forearms' and 'neck' have no RunStrong id (a runner's guide does not
# train them): they are reported, with every exercise that lost one.
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
# Their equipment → ours. A record that names no equipment describes a body-weight move.
EQUIPMENT: dict[str | None, str] = {
    None: "none",
    "body only": "none",
    "barbell": "barbell",
    "e-z curl bar": "barbell",
    "dumbbell": "dumbbells",
    "kettlebells": "kettlebell",
    "cable": "cable",
    "bands": "resistance-band",
    "medicine ball": "medicine-ball",
}
# Equipment RunStrong has no id for. Mapping a machine to "body weight" would put the exercise
# on every no-kit list, so these get an id of their own in the imported folder's vocabulary
# (they count as gym kit), and the report says so.
ADDED_EQUIPMENT = {
    "machine": ("machine", "Machine"),
    "exercise ball": ("exercise-ball", "Exercise ball"),
    "foam roll": ("foam-roller", "Foam roller"),
    "other": ("other-equipment", "Other equipment (named in the steps)"),
}
CATEGORY = {
    "strength": "strength",
    "powerlifting": "strength",
    "olympic weightlifting": "strength",
    "strongman": "strength",
    "stretching": "mobility",
    "plyometrics": "plyometric",
}
# Treadmills, bikes and rowers: a runner's conditioning lives in the programs' runs, not in an
# exercise page with sets and reps.
SKIPPED_CATEGORIES = {"cardio": "cardio machines and runs belong in a program's runs, not in the library"}
LEVEL = {"beginner": "beginner", "intermediate": "intermediate", "expert": "advanced"}
# The source has no movement pattern. The name says it for most exercises (first match wins:
# "side bridge" before "bridge", "split squat" before "squat"); then the force; a stretch is
# a held position.
PATTERN_BY_NAME: list[tuple[str, str]] = [
    (r"nordic|leg curl|hamstring curl|glute[- ]ham", "knee-flexion"),
    (r"calf raise|calf press|heel raise", "calf"),
    (r"tibialis|toe raise|dorsiflex", "dorsiflexion"),
    (r"side plank|side bridge", "anti-lateral-flexion"),
    (r"hip thrust|glute bridge|bridge|butt lift", "bridge"),
    (r"deadlift|good morning|hip hinge|swing|romanian", "hinge"),
    (r"lunge|split squat|step[- ]?up", "lunge"),
    (r"squat|leg press", "squat"),
    (r"jump", "jump"),
    (r"\bhop|bound|skip", "hop"),
    (r"carry|farmer|suitcase|waiter", "carry"),
    (r"pallof|anti-rotation", "anti-rotation"),
    (r"plank|rollout|ab roller|dead bug", "anti-extension"),
    (r"lateral|side step|abduction|band walk|monster walk", "lateral"),
]
PATTERN_BY_FORCE = {"push": "push", "pull": "pull", "static": "isometric"}

NOT_REVIEWED = f"Imported from {SOURCE}; not reviewed for runners yet."
# Fields the source does not have: generic, and worded so a reader knows it.
DEFAULTS: dict[str, Any] = {
    "why_runners": NOT_REVIEWED,
    "cues": ["Move slowly and with control."],
    "mistakes": [
        {
            "mistake": "Not reviewed yet: the source lists no common mistakes.",
            "fix": "Stop the set when the form breaks down.",
        }
    ],
    "easier": [{"name": "Lighter", "how": "Use less load, a shorter range or fewer reps."}],
    "harder": [{"name": "Heavier", "how": "Add load, or slow down the lowering."}],
}
# A jump is not done "slowly", nor a stretch made "heavier": generic text by category.
BY_CATEGORY: dict[str, dict[str, Any]] = {
    "plyometric": {
        "cues": ["Land softly and quietly; stop the set when the landings get loud."],
        "easier": [{"name": "Lower", "how": "Jump lower, or take fewer contacts."}],
        "harder": [{"name": "Higher", "how": "Jump higher or farther, keeping the landings quiet."}],
    },
    "mobility": {
        "cues": ["Ease into the position and breathe slowly; no pain."],
        "easier": [{"name": "Smaller range", "how": "Go less deep, or hold for less time."}],
        "harder": [{"name": "Longer hold", "how": "Hold longer, easing a little deeper."}],
    },
}
DOSES: dict[str, dict[str, Any]] = {
    "plyometric": {"sets": 3, "contacts": 10, "rest_seconds": 90},
    "mobility": {"sets": 2, "seconds": 30, "rest_seconds": 30, "rpe": 3},
    "isometric": {"sets": 3, "seconds": 30, "rest_seconds": 60, "rpe": 7},
    "default": {"sets": 3, "reps": 10, "rest_seconds": 60, "rpe": 7},
}


@dataclass(frozen=True)
class Skipped:
    record: int  # position in the source file, from 1
    id: str
    reason: str


@dataclass
class ImportReport:
    """What an import did with every record; ``markdown()`` is the report a coach reads."""

    source: str
    records: int = 0
    imported: dict[str, str] = field(default_factory=dict)  # our slug -> their id
    skipped: list[Skipped] = field(default_factory=list)
    mapped: dict[str, Counter[tuple[str, str]]] = field(default_factory=dict)  # field -> (theirs, ours)
    unmapped_muscles: dict[str, list[str]] = field(default_factory=dict)  # their muscle -> our slugs
    added_equipment: dict[str, list[str]] = field(default_factory=dict)  # our new id -> our slugs
    split_lines: dict[str, int] = field(default_factory=dict)  # slug -> instructions split to fit a line

    def count(self, what: str, theirs: object, ours: str) -> None:
        self.mapped.setdefault(what, Counter())[(_shown(theirs), ours)] += 1

    @property
    def accounted_for(self) -> bool:
        """Every record of the source was written or skipped with a reason."""
        return len(self.imported) + len(self.skipped) == self.records

    def summary(self) -> str:
        unmapped = ", ".join(f"{m} ({len(s)})" for m, s in sorted(self.unmapped_muscles.items()))
        added = ", ".join(sorted(self.added_equipment))
        return (
            f"{self.records} records: {len(self.imported)} exercises imported, {len(self.skipped)} skipped"
            + (f"; muscles not mapped: {unmapped}" if unmapped else "")
            + (f"; equipment added to the vocabulary: {added}" if added else "")
        )

    def markdown(self) -> str:
        out = [
            f"# Import report: {self.source}",
            "",
            self.summary() + ".",
            "",
            "Fields the source does not have were filled with generic text that says the exercise "
            f"was not reviewed ({', '.join(DEFAULTS)}), and a dose by category. Review them before "
            "publishing.",
            "",
        ]
        for what, counter in sorted(self.mapped.items()):
            out += [
                f"## {what.capitalize()} mapped",
                "",
                "| theirs | ours | records |",
                "| --- | --- | --- |",
            ]
            out += [f"| {t} | {o} | {n} |" for (t, o), n in sorted(counter.items())]
            out.append("")
        out += ["## Muscles not mapped", ""]
        if not self.unmapped_muscles:
            out += ["None.", ""]
        for muscle, slugs in sorted(self.unmapped_muscles.items()):
            out += [
                f"- **{muscle}**: RunStrong's vocabulary has no such muscle; left out of "
                f"{len(slugs)} exercise(s): {', '.join(slugs)}",
            ]
        out += ["", "## Equipment added to this folder's vocabulary", ""]
        if not self.added_equipment:
            out += ["None.", ""]
        for equipment, slugs in sorted(self.added_equipment.items()):
            out.append(f"- **{equipment}** (no RunStrong equivalent): {len(slugs)} exercise(s)")
        out += ["", "## Records skipped", ""]
        if not self.skipped:
            out += ["None.", ""]
        out += [f"- record {s.record} ({s.id or 'no id'}): {s.reason}" for s in self.skipped]
        out += ["", "## Exercises imported (file ← record id)", ""]
        out += [f"- {slug}.yaml ← {their_id}" for slug, their_id in sorted(self.imported.items())]
        if self.split_lines:
            out += ["", "## Long instructions split into several steps (no text cut)", ""]
            out += [f"- {slug}: {n}" for slug, n in sorted(self.split_lines.items())]
        return "\n".join(out).rstrip() + "\n"


def _shown(value: object) -> str:
    return "(not given)" if value is None or value == "" else str(value)


def read_records(source: Path) -> list[Any]:
    """The source's JSON array; a broken file is one error at its line and column."""
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ContentErrors(
            [ContentError(display_path(source), exc.lineno, exc.colno, "", exc.msg)]
        ) from None
    except UnicodeDecodeError as exc:
        message = f"not valid UTF-8 (byte 0x{exc.object[exc.start]:02x})"
        raise ContentErrors([ContentError(display_path(source), 1, 1, "", message)]) from None
    if not isinstance(data, list):
        message = f"expected a JSON array of exercises ({SOURCE}'s dist/exercises.json)"
        raise ContentErrors([ContentError(display_path(source), 1, 1, "", message)])
    return data


def convert_records(
    records: Iterable[Any],
    muscles: Iterable[str],
    equipment: Iterable[str],
    *,
    taken_slugs: Iterable[str] = (),
    taken_names: Iterable[str] = (),
) -> tuple[dict[str, dict[str, Any]], ImportReport]:
    """Exercise data (slug → the YAML's content) for every record that maps, and the report.

    ``muscles``/``equipment`` are the ids of the vocabulary the folder will have; a mapping
    onto an id it lacks counts as unmapped. ``taken_*`` are slugs and names (lowercase)
    already used by exercises the import is merged with.
    """
    from ..model import Exercise

    known_muscles, known_equipment = set(muscles), set(equipment)
    slugs, names = set(taken_slugs), {n.lower() for n in taken_names}
    report = ImportReport(SOURCE)
    exercises: dict[str, dict[str, Any]] = {}
    for number, record in enumerate(records, start=1):
        report.records += 1
        their_id = str(record.get("id") or "") if isinstance(record, dict) else ""
        try:
            slug, data = _convert(record, known_muscles, known_equipment, slugs, names, report)
            Exercise.from_content(data)  # what the loader will check: never write a broken file
        except _Skip as skip:
            report.skipped.append(Skipped(number, their_id, str(skip)))
            continue
        except ValueError as exc:  # pydantic's ValidationError is a ValueError
            first = str(exc).splitlines()[1:3]
            report.skipped.append(Skipped(number, their_id, "does not validate: " + " ".join(first)))
            continue
        slugs.add(slug)
        names.add(data["name"].lower())
        exercises[slug] = data
        report.imported[slug] = their_id
    return exercises, report


class _Skip(Exception):
    """A record that cannot become an exercise; the message is the report's reason."""


def _convert(
    record: object,
    known_muscles: set[str],
    known_equipment: set[str],
    slugs: set[str],
    names: set[str],
    report: ImportReport,
) -> tuple[str, dict[str, Any]]:
    if not isinstance(record, dict):
        raise _Skip(f"not an object but {type(record).__name__}")
    missing = [
        k for k in ("id", "name", "category", "level", "primaryMuscles", "instructions") if k not in record
    ]
    if missing:
        raise _Skip(f"missing {', '.join(missing)}")
    category = record["category"]
    if category in SKIPPED_CATEGORIES:
        raise _Skip(f"category '{category}': {SKIPPED_CATEGORIES[category]}")
    if category not in CATEGORY:
        raise _Skip(f"category '{category}' has no RunStrong equivalent")
    if record["level"] not in LEVEL:
        raise _Skip(f"level '{record['level']}' has no RunStrong equivalent")

    name = _clean(str(record["name"]))
    if not name:
        raise _Skip("no name")
    if len(name) > NAME_LIMIT:
        raise _Skip(f"name longer than {NAME_LIMIT} characters")
    if name.lower() in names:
        raise _Skip(f"another exercise is already named '{name}'")
    slug = _slugify(str(record["id"])) or _slugify(name)
    if not slug or slug in RESERVED_SLUGS:
        raise _Skip(f"id '{record['id']}' gives no usable file name")
    if slug in slugs:
        raise _Skip(f"another exercise already has the file name '{slug}.yaml'")

    primary = _muscles(record.get("primaryMuscles"), known_muscles, slug, report)
    secondary = [
        m for m in _muscles(record.get("secondaryMuscles"), known_muscles, slug, report) if m not in primary
    ]
    if not primary:
        theirs = ", ".join(map(str, record.get("primaryMuscles") or [])) or "none given"
        raise _Skip(f"no primary muscle RunStrong knows ({theirs})")

    steps = _steps(record["instructions"], slug, report)
    if len(steps) < 2:
        raise _Skip("fewer than two steps in its instructions")

    ours_category = CATEGORY[category]
    pattern = _pattern(name, record.get("force"), ours_category)
    equipment = _equipment(record.get("equipment"), known_equipment, slug, report)
    level = LEVEL[record["level"]]
    dose = DOSES.get(ours_category if ours_category in DOSES else pattern, DOSES["default"])
    if ours_category not in ("plyometric", "mobility") and pattern == "isometric":
        dose = DOSES["isometric"]
    mapped: tuple[tuple[str, Any, str], ...] = (
        ("category", category, ours_category),
        ("level", record["level"], level),
        ("pattern", record.get("force"), pattern),
    )
    for what, their_value, ours in mapped:
        report.count(what, their_value, ours)
    muscle_names = " and ".join(m.replace("-", " ") for m in primary[:2])
    data: dict[str, Any] = {
        "name": name,
        "summary": f"A {level} {ours_category} exercise for the {muscle_names}.",
        "why_runners": DEFAULTS["why_runners"],
        "category": ours_category,
        "pattern": pattern,
        "level": level,
        "equipment": {"required": [equipment]},
        "muscles": {"primary": primary, "secondary": secondary},
        # The first instruction sets the start position in most records; it also stays step 1
        # when fewer than two steps would remain.
        "setup": [steps[0]],
        "steps": steps[1:] if len(steps) >= 3 else steps,
        "cues": BY_CATEGORY.get(ours_category, DEFAULTS)["cues"],
        "mistakes": DEFAULTS["mistakes"],
        "easier": BY_CATEGORY.get(ours_category, DEFAULTS)["easier"],
        "harder": BY_CATEGORY.get(ours_category, DEFAULTS)["harder"],
        "dose": dict(dose),
        "source": {"title": f"{name} ({SOURCE})", "url": SOURCE_URL, "publisher": SOURCE},
    }
    return slug, data


def _muscles(theirs: object, known: set[str], slug: str, report: ImportReport) -> list[str]:
    ours: list[str] = []
    for muscle in theirs if isinstance(theirs, list) else []:
        mapped = MUSCLES.get(str(muscle))
        if mapped is None or mapped not in known:
            report.unmapped_muscles.setdefault(str(muscle), []).append(slug)
            continue
        report.count("muscles", muscle, mapped)
        if mapped not in ours:
            ours.append(mapped)
    return ours


def _equipment(theirs: object, known: set[str], slug: str, report: ImportReport) -> str:
    key = theirs if theirs is None else str(theirs)
    ours = EQUIPMENT.get(key)
    if ours is not None and ours in known:
        report.count("equipment", key, ours)
        return ours
    added, _ = ADDED_EQUIPMENT.get(str(key), (_slugify(str(key)) or "other-equipment", ""))
    report.added_equipment.setdefault(added, []).append(slug)
    report.count("equipment", key, f"{added} (added)")
    return added


def _pattern(name: str, force: object, category: str) -> str:
    lowered = name.lower()
    for pattern, ours in PATTERN_BY_NAME:
        if re.search(pattern, lowered):
            return ours
    if category == "mobility":
        return "isometric"  # a stretch is held, whatever its force
    return PATTERN_BY_FORCE.get(str(force), "isometric" if force is None else "push")


def _steps(instructions: object, slug: str, report: ImportReport) -> list[str]:
    steps: list[str] = []
    parts = instructions if isinstance(instructions, list) else []
    for text in parts:
        pieces = _pieces(_clean(str(text)))
        if len(pieces) > 1:
            report.split_lines[slug] = report.split_lines.get(slug, 0) + 1
        steps += pieces
    if len(steps) == 1:  # one paragraph of several sentences still makes several steps
        steps = _sentences(steps[0])
    return steps


def _clean(text: str) -> str:
    """One line of plain text: markup fragments and doubled spaces gone."""
    text = re.sub(r"<[^>]*>", " ", text).replace("<", " ").replace(">", " ")
    return " ".join(text.split())


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if s]


def _pieces(text: str) -> list[str]:
    """The text as lines of at most LINE_LIMIT characters: whole sentences where they fit,
    else broken after a comma or between words, never inside one."""
    if len(text) <= LINE_LIMIT:
        return [text] if text else []
    lines: list[str] = []
    current = ""
    for sentence in _sentences(text):
        for chunk in _break(sentence):
            joined = f"{current} {chunk}".strip()
            if len(joined) <= LINE_LIMIT:
                current = joined
            else:
                lines.append(current)
                current = chunk
    return [*lines, current] if current else lines


def _break(sentence: str) -> list[str]:
    chunks: list[str] = []
    while len(sentence) > LINE_LIMIT:
        head = sentence[: LINE_LIMIT + 1]
        cut = max(head.rfind(", "), head.rfind("; "))
        cut = cut + 1 if cut > LINE_LIMIT // 3 else head.rfind(" ")
        chunks.append(sentence[:cut].strip())
        sentence = sentence[cut:].strip()
    return [*chunks, sentence]


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80].strip("-")


def vocabulary_ids(content: Path) -> tuple[list[str], list[str]]:
    """Muscle and equipment ids of a content folder's vocabulary (checked by its loader)."""
    muscles = yaml.safe_load((content / MUSCLES_FILE).read_text(encoding="utf-8"))["muscles"]
    equipment = yaml.safe_load((content / EQUIPMENT_FILE).read_text(encoding="utf-8"))["equipment"]
    return [m["id"] for m in muscles], [e["id"] for e in equipment]


def folder_files(
    exercises: Mapping[str, Mapping[str, Any]],
    report: ImportReport,
    content: Path,
) -> list[GeneratedFile]:
    """The files of the new content folder: the vocabulary of ``content`` plus the equipment
    the import had to add, one YAML file per exercise, a home page and the report."""
    files: dict[str, bytes] = {}
    vocabulary = content / "vocabulary"
    for path in sorted(p for p in vocabulary.rglob("*") if p.is_file()):
        files[f"vocabulary/{path.relative_to(vocabulary).as_posix()}"] = path.read_bytes()
    if report.added_equipment:
        names = {new_id: label for new_id, label in ADDED_EQUIPMENT.values()}
        lines = [
            f"  - {{id: {e}, name: {names.get(e, e.replace('-', ' ').capitalize())}}}"
            for e in sorted(report.added_equipment)
        ]
        equipment = EQUIPMENT_FILE.as_posix()
        text = files[equipment].decode("utf-8").rstrip("\n")
        comment = f"  # added by the {SOURCE} import: no RunStrong equivalent"
        files[equipment] = (text + "\n" + comment + "\n" + "\n".join(lines) + "\n").encode("utf-8")
    out = [GeneratedFile(path, data) for path, data in files.items()]
    for slug, data in exercises.items():
        text = yaml.safe_dump(dict(data), sort_keys=False, allow_unicode=True, width=1000)
        out.append(GeneratedFile.text(f"exercises/{slug}.yaml", text))
    home = f"# Exercise library\n\n{len(exercises)} exercises imported from [{SOURCE}]({SOURCE_URL}).\n"
    out.append(GeneratedFile.text("pages/index.md", home))
    out.append(GeneratedFile.text(REPORT_FILE, report.markdown()))
    return out


FOLDERS = ("exercises", "programs", "pages")  # made even when empty: the loader reads each


def write_folder(
    out: Path,
    exercises: Mapping[str, Mapping[str, Any]],
    report: ImportReport,
    content: Path,
) -> None:
    """Write the content folder into the existing folder ``out`` (the benchmarks' libraries)."""
    from ..writer import write_files

    for folder in FOLDERS:
        (out / folder).mkdir(parents=True, exist_ok=True)
    write_files(folder_files(exercises, report, content), out)


def import_free_exercise_db(source: Path, out: Path, content: Path) -> ImportReport:
    """Import ``source`` (free-exercise-db's exercises.json) into the new folder ``out``.

    ``content`` is the guide whose vocabulary the import maps onto (and copies). ``out`` is
    written whole or not at all: a failure leaves no half-written folder.
    """
    from ..writer import write_tree

    records = read_records(source)
    exercises, report = convert_records(records, *vocabulary_ids(content))
    report.source = f"{SOURCE} ({display_path(source)})"
    write_tree(folder_files(exercises, report, content), None, out, folders=FOLDERS)
    return report
