"""free-exercise-db (https://github.com/yuhonas/free-exercise-db) → a RunStrong content folder.

``runstrong import free-exercise-db exercises.json --out DIR`` writes DIR as a content folder
(``vocabulary/``, ``exercises/``, ``programs/``, ``pages/``) that ``runstrong check`` passes
and ``runstrong build --content DIR`` publishes, plus ``DIR/import-report.md``.

The source knows muscles, equipment, a category, a force (push/pull/static), a level and
instruction paragraphs; RunStrong needs more (why runners do it, cues, mistakes, a dose).
What the source has is mapped onto RunStrong's vocabularies; what it lacks is filled with
plainly generic text that says it was not reviewed, so a coach sees at a glance what to edit.
Nothing is dropped silently: a record is either written or listed as skipped with its
reason (only cardio machines and records that are not exercises at all are skipped), a muscle
or piece of equipment that has no RunStrong id joins the imported folder's vocabulary and is
named in the report with the exercises that use it, instructions of fewer than two steps are
completed with generic steps the report lists, and no instruction text is cut (long ones are
split into steps).
Imported exercises have no ``figure:`` block: their pages show the muscle map and get a
preview card, and no strip or animation is linked.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from ..errors import ContentError, ContentErrors, display_path
from ..files import GeneratedFile
from ..load import EQUIPMENT_FILE, MUSCLES_FILE, RESERVED_SLUGS
from ..urls import slugify
from .report import ImportReport, Skipped

SOURCE = "free-exercise-db"
SOURCE_URL = "https://github.com/yuhonas/free-exercise-db"
REPORT_FILE = "import-report.md"
LINE_LIMIT = 200  # model.Line
NAME_LIMIT = 80  # model.Name
# Bounds that keep an import linear and in memory whatever the file holds: the real export is
# ~1 MB with instructions of a few hundred characters.
MAX_SOURCE_BYTES = 64 * 1024 * 1024
MAX_INSTRUCTION_CHARS = 4000  # one paragraph: 20 steps of a full line
MAX_STEPS = 40
# The type each field must have; a record with another is skipped, with the field named.
FIELD_TYPES: dict[str, tuple[type, ...]] = {
    "id": (str, int),
    "name": (str,),
    "category": (str,),
    "level": (str,),
    "force": (str, type(None)),
    "equipment": (str, type(None)),
    "primaryMuscles": (list,),
    "secondaryMuscles": (list, type(None)),
    "instructions": (list,),
}

# Their muscle → ours. 'forearms' and 'neck' have no RunStrong id (a runner's guide does not
# train them): like equipment, they join the imported folder's vocabulary (ADDED_MUSCLES).
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
# Muscles RunStrong has no id for: an id, name, the muscle map's side and the library heading
# of their own in the imported folder's vocabulary, so a wrist curl or a neck harness is still
# an exercise (found under its muscle) rather than a record lost. The muscle map has no region
# for them (it colours the muscles it draws); the page names them in its text.
ADDED_MUSCLES: dict[str, tuple[str, str, str, str]] = {
    "forearms": ("forearms", "Forearms", "front", "Arms and chest"),
    "neck": ("neck", "Neck", "both", "Back and shoulders"),
}
OTHER_MUSCLES = "Other muscles"  # the library heading of a muscle the table above does not name
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
# Instructions of fewer than two steps (a one-line stretch, or none at all: "One-Arm Kettlebell
# Swings" has no instructions) still describe an exercise: the model wants a set-up and two
# steps, so generic ones are added, worded so a reader knows, and the report lists them.
GENERIC_SETUP = "Not reviewed yet: the source gives no set-up; take the start position the name describes."
GENERIC_MOVE = (
    "Not reviewed yet: the source gives no steps; do the movement the name describes, with control."
)
GENERIC_END: dict[str, str] = {  # by the dose's kind: what ends one repetition, hold or landing
    "reps": "Return to the start with control, and repeat for the reps.",
    "seconds": "Hold the position for the time, breathing steadily, then release.",
    "contacts": "Land softly, reset, and repeat for the contacts.",
}
DOSES: dict[str, dict[str, Any]] = {
    "plyometric": {"sets": 3, "contacts": 10, "rest_seconds": 90},
    "mobility": {"sets": 2, "seconds": 30, "rest_seconds": 30, "rpe": 3},
    "isometric": {"sets": 3, "seconds": 30, "rest_seconds": 60, "rpe": 7},
    "default": {"sets": 3, "reps": 10, "rest_seconds": 60, "rpe": 7},
}


def read_records(source: Path) -> list[Any]:
    """The source's JSON array; a broken file is one error at its line and column.

    Read as the loader reads content (``yamlsource.read_source``): a regular file of at most
    MAX_SOURCE_BYTES, so a FIFO, /dev/zero or an endless file is one line, never a hang.
    """
    from ..yamlsource import YamlProblem, read_source

    try:
        raw = read_source(source, limit=MAX_SOURCE_BYTES)
    except YamlProblem as exc:
        raise ContentErrors([ContentError(display_path(source), 1, 1, "", exc.message)]) from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except RecursionError:
        message = "nested too deeply to be an exercise list"
        raise ContentErrors([ContentError(display_path(source), 1, 1, "", message)]) from None
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
    report = ImportReport(SOURCE, filled=tuple(DEFAULTS))
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
        report.positions[slug] = number
    return exercises, report


_TYPE_NAMES: dict[type, str] = {
    str: "text",
    int: "a number",
    float: "a number",
    bool: "true/false",
    list: "a list",
    dict: "an object",
    type(None): "null",
}


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
        raise _Skip(f"not an object but {_TYPE_NAMES.get(type(record), type(record).__name__)}")
    missing = [
        k for k in ("id", "name", "category", "level", "primaryMuscles", "instructions") if k not in record
    ]
    if missing:
        raise _Skip(f"missing {', '.join(missing)}")
    for key, types in FIELD_TYPES.items():
        value = record.get(key)
        if key in record and (not isinstance(value, types) or isinstance(value, bool)):
            wanted = " or ".join(_TYPE_NAMES[t] for t in types)
            raise _Skip(f"'{key}' is {_TYPE_NAMES.get(type(value), type(value).__name__)}, expected {wanted}")
    for key in ("primaryMuscles", "secondaryMuscles", "instructions"):
        if any(not isinstance(item, str) for item in record.get(key) or []):
            raise _Skip(f"'{key}' holds something other than text")
    if len(record["instructions"]) > MAX_STEPS:
        raise _Skip(f"more than {MAX_STEPS} instructions")
    if any(len(text) > MAX_INSTRUCTION_CHARS for text in record["instructions"]):
        raise _Skip(f"an instruction longer than {MAX_INSTRUCTION_CHARS} characters")
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
        raise _Skip(f"no primary muscle that can be named ({theirs})")

    ours_category = CATEGORY[category]
    pattern = _pattern(name, record.get("force"), ours_category)
    dose = DOSES.get(ours_category if ours_category in DOSES else pattern, DOSES["default"])
    if ours_category not in ("plyometric", "mobility") and pattern == "isometric":
        dose = DOSES["isometric"]
    setup, steps = _setup_and_steps(_steps(record["instructions"], slug, report), dose, slug, report)
    equipment = _equipment(record.get("equipment"), known_equipment, slug, report)
    level = LEVEL[record["level"]]
    mapped: tuple[tuple[str, Any, str], ...] = (
        ("category", category, ours_category),
        ("level", record["level"], level),
        ("pattern", record.get("force"), pattern),
    )
    for what, their_value, ours in mapped:
        report.count(what, their_value, ours)
    muscle_names = " and ".join(m.replace("-", " ") for m in primary[:2])
    article = "An" if level[0] in "aeiou" else "A"  # "an intermediate", "an advanced"
    data: dict[str, Any] = {
        "name": name,
        "summary": f"{article} {level} {ours_category} exercise for the {muscle_names}.",
        "why_runners": DEFAULTS["why_runners"],
        "category": ours_category,
        "pattern": pattern,
        "level": level,
        "equipment": {"required": [equipment]},
        "muscles": {"primary": primary, "secondary": secondary},
        "setup": setup,
        "steps": steps,
        "cues": BY_CATEGORY.get(ours_category, DEFAULTS)["cues"],
        "mistakes": DEFAULTS["mistakes"],
        "easier": BY_CATEGORY.get(ours_category, DEFAULTS)["easier"],
        "harder": BY_CATEGORY.get(ours_category, DEFAULTS)["harder"],
        "dose": dict(dose),
        "source": {"title": f"{name} ({SOURCE})", "url": SOURCE_URL, "publisher": SOURCE},
    }
    return slug, data


def _setup_and_steps(
    steps: list[str], dose: Mapping[str, Any], slug: str, report: ImportReport
) -> tuple[list[str], list[str]]:
    """The set-up and at least two steps, from the source's steps (any number, none too)."""
    if len(steps) >= 3:  # the first instruction sets the start position in most records
        return steps[:1], steps[1:]
    if len(steps) == 2:  # the first stays step 1 too: two steps must remain
        return steps[:1], steps
    report.completed_steps[slug] = len(steps)
    end = next(text for kind, text in GENERIC_END.items() if kind in dose)
    # One step is the whole movement ("raise your shoulders toward your ears, then back down"):
    # it is step 1, not the set-up.
    return [GENERIC_SETUP], [steps[0] if steps else GENERIC_MOVE, end]


def _muscles(theirs: object, known: set[str], slug: str, report: ImportReport) -> list[str]:
    ours: list[str] = []
    for muscle in theirs if isinstance(theirs, list) else []:
        mapped = MUSCLES.get(str(muscle))
        if mapped is None or mapped not in known:
            mapped = _added_muscle(str(muscle), known, slug, report)
            if mapped is None:
                continue
        else:
            report.count("muscles", muscle, mapped)
        if mapped not in ours:
            ours.append(mapped)
    return ours


def _added_muscle(theirs: str, known: set[str], slug: str, report: ImportReport) -> str | None:
    """Our id for a muscle of theirs the vocabulary lacks: one already there, or a new one."""
    added = ADDED_MUSCLES[theirs][0] if theirs in ADDED_MUSCLES else _slugify(theirs)
    if not added:  # nothing to name a file or a link by ("???"): reported, left out
        report.unmapped_muscles.setdefault(theirs or "(empty)", []).append(slug)
        return None
    if added in known:  # their name is already an id of ours: never added twice
        report.count("muscles", theirs, added)
        return added
    if slug not in report.added_muscles.setdefault(added, []):
        report.added_muscles[added].append(slug)
    report.muscle_names.setdefault(added, theirs)
    report.count("muscles", theirs, f"{added} (added)")
    return added


def _muscle_entry(new_id: str, theirs: str) -> dict[str, str]:
    """The vocabulary entry of an added muscle: ADDED_MUSCLES', or one made from their name."""
    if theirs in ADDED_MUSCLES:
        _, name, side, group = ADDED_MUSCLES[theirs]
    else:
        name, side, group = theirs.strip().capitalize()[:NAME_LIMIT], "both", OTHER_MUSCLES
    return {"id": new_id, "name": name or new_id, "side": side, "group": group}


def _equipment(theirs: object, known: set[str], slug: str, report: ImportReport) -> str:
    key = theirs if theirs is None else str(theirs)
    ours = EQUIPMENT.get(key)
    if ours is not None and ours in known:
        report.count("equipment", key, ours)
        return ours
    added, _ = ADDED_EQUIPMENT.get(str(key), (_slugify(str(key)) or "other-equipment", ""))
    if added in known:  # their 'wall' or 'none' is already an id of ours: never added twice
        report.count("equipment", key, added)
        return added
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
    """Linear in the sentence's length: a window moves along it, nothing is copied twice."""
    chunks: list[str] = []
    start = 0
    while len(sentence) - start > LINE_LIMIT:
        head = sentence[start : start + LINE_LIMIT + 1]
        cut = max(head.rfind(", "), head.rfind("; "))
        cut = cut + 1 if cut > LINE_LIMIT // 3 else head.rfind(" ")
        if cut <= 0:  # one word longer than a line: cut it (the word itself is kept whole elsewhere)
            cut = LINE_LIMIT
        chunks.append(head[:cut].strip())
        start += cut
        while start < len(sentence) and sentence[start] == " ":
            start += 1
    return [c for c in (*chunks, sentence[start:]) if c]


def _slugify(text: str) -> str:
    return slugify(text, 80)


def vocabulary_ids(content: Path) -> tuple[list[str], list[str]]:
    """Muscle and equipment ids of a content folder's vocabulary, read as the loader reads
    content (guarded YAML, regular files of bounded size): a FIFO or a broken vocabulary is a
    one-line error, never a hang or a traceback."""
    return _ids(content / MUSCLES_FILE, "muscles"), _ids(content / EQUIPMENT_FILE, "equipment")


def _ids(path: Path, key: str) -> list[str]:
    from ..yamlsource import YamlProblem, parse, read_source

    try:
        data = parse(read_source(path)).data
    except YamlProblem as exc:
        where = exc.position
        raise ContentErrors(
            [ContentError(display_path(path), where.line, where.column, "", exc.message)]
        ) from None
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise ContentErrors([ContentError(display_path(path), 1, 1, "", f"expected a list '{key}' of ids")])
    return [item["id"] for item in items if isinstance(item, dict) and isinstance(item.get("id"), str)]


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
    if report.added_muscles:
        # Quoted (JSON strings are YAML): an id 'yes' or 'null' must stay text when read back.
        entries = [_muscle_entry(m, report.muscle_names[m]) for m in sorted(report.added_muscles)]
        muscles = MUSCLES_FILE.as_posix()
        text = files[muscles].decode("utf-8").rstrip("\n")
        comment = f"  # added by the {SOURCE} import: no RunStrong equivalent"
        lines = ["  - {" + ", ".join(f"{k}: {json.dumps(v)}" for k, v in e.items()) + "}" for e in entries]
        files[muscles] = (text + "\n" + comment + "\n" + "\n".join(lines) + "\n").encode("utf-8")
    if report.added_equipment:
        names = {new_id: label for new_id, label in ADDED_EQUIPMENT.values()}
        # Quoted (JSON strings are YAML): an id 'yes' or 'null' must stay text when read back.
        lines = [
            f"  - {{id: {json.dumps(e)}, name: {json.dumps(names.get(e, e.replace('-', ' ').capitalize()))}}}"
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
    written whole or not at all: a failure leaves no half-written folder. What is written
    passes ``runstrong check``: the folder is checked by the loader before it is swapped in,
    and a record the loader would reject (a name the fonts cannot print, a text the model
    refuses) is skipped with the loader's own reason.
    """
    from ..load import load_guide
    from ..writer import atomic_folder, put

    records = read_records(source)
    exercises, report = convert_records(records, *vocabulary_ids(content))
    report.source = f"{SOURCE} ({display_path(source)})"
    with atomic_folder(out) as staging:
        for _ in range(3):  # a second pass only drops what the first found; a third is a guard
            for folder in FOLDERS:
                (staging / folder).mkdir(parents=True, exist_ok=True)
            for file in folder_files(exercises, report, content):
                put(file, staging)
            try:
                load_guide(staging)
                break
            except ContentErrors as exc:
                rejected = _rejected(exc, staging)
                if not rejected or set(rejected) - set(exercises):
                    raise  # not an exercise's fault (the vocabulary): said as it is
                for slug, reason in rejected.items():
                    del exercises[slug]
                    their_id = report.imported.pop(slug)
                    report.skipped.append(Skipped(report.positions[slug], their_id, reason))
                report.skipped.sort(key=lambda skipped: skipped.record)
                for stale in (staging / "exercises").iterdir():
                    stale.unlink()
    return report


def _rejected(errors: ContentErrors, staging: Path) -> dict[str, str]:
    """slug -> the loader's first reason, for each exercise file it rejected; '' for others."""
    out: dict[str, str] = {}
    folder = staging / "exercises"
    for error in errors.errors:
        path = Path(error.file)
        absolute = path if path.is_absolute() else Path.cwd() / path
        if absolute.parent.resolve() == folder.resolve():
            reason = f"{error.path}: {error.message}" if error.path else error.message
            out.setdefault(absolute.stem, f"check would refuse it: {reason}")
        else:
            out.setdefault("", error.message)
    return out
