"""JSON Schema for the content files, exported from the model so editors can check YAML.

The vocabularies are data, so their ids are folded into the schema as enums: an editor
then offers 'glute-medius' as you type and underlines 'glute'.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .files import GeneratedFile
from .model import Exercise, Guide, Program

SCHEMA_FOLDER = "schema"
EXERCISE_SCHEMA = "exercise.schema.json"
PROGRAM_SCHEMA = "program.schema.json"


def _with_vocabulary(schema: dict[str, Any], guide: Guide | None) -> dict[str, Any]:
    if guide is None:
        return schema
    defs = schema.get("$defs", {})
    muscles = sorted(guide.muscles)
    equipment = sorted(guide.equipment)
    for name, field, values in (
        ("Muscles", "primary", muscles),
        ("Muscles", "secondary", muscles),
        ("EquipmentNeeds", "required", equipment),
        ("EquipmentNeeds", "optional", equipment),
    ):
        prop = defs.get(name, {}).get("properties", {}).get(field)
        if prop and "items" in prop:
            prop["items"] = {"type": "string", "enum": values}
    exercises = sorted(guide.exercises)
    for name in ("Prescription", "Variation"):
        prop = defs.get(name, {}).get("properties", {}).get("exercise")
        if prop and exercises:
            prop.pop("anyOf", None)
            prop.pop("pattern", None)
            prop["type"] = "string"
            prop["enum"] = exercises
    return schema


def schema_files(guide: Guide | None) -> list[GeneratedFile]:
    out = []
    for file_name, model, title in (
        (EXERCISE_SCHEMA, Exercise, "RunStrong exercise"),
        (PROGRAM_SCHEMA, Program, "RunStrong program"),
    ):
        schema = _with_vocabulary(model.model_json_schema(), guide)
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **schema}
        text = json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        out.append(GeneratedFile.text(f"{SCHEMA_FOLDER}/{file_name}", text))
    return out


def write_schemas(content: Path, guide: Guide | None) -> list[Path]:
    """Write the schemas into the content folder (through the writer: each file in one step)."""
    from .writer import write_files

    return write_files(schema_files(guide), content)
