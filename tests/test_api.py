"""The open data (api/): valid against its published JSON Schema, versioned, stable, and the
same layouts the plan checks allowed."""

from __future__ import annotations

import json

import jsonschema

from generator import api, urls
from generator.pages.render import PHASE_NAMES, all_arrangements

from .conftest import real_arrangements, real_guide

GUIDE = real_guide()
ARRANGED = real_arrangements()
PHASES = {p.value: name for p, name in PHASE_NAMES.items()}


def _files() -> dict[str, object]:
    return {f.path: json.loads(f.content) for f in api.render_api(GUIDE, ARRANGED, PHASES)}


def test_every_file_validates_against_its_schema_and_carries_the_format_version() -> None:
    files = _files()
    schemas = {name: files[api.schema_path(name)] for name in api.SCHEMAS}
    for schema in schemas.values():
        jsonschema.Draft202012Validator.check_schema(schema)
    for slug in GUIDE.programs:
        data = files[api.program_json_path(slug)]
        jsonschema.validate(data, schemas["program"])
        assert data["format_version"] == api.FORMAT_VERSION and data["format"] == "runstrong-program"
    jsonschema.validate(files[api.EXERCISES], schemas["exercises"])
    jsonschema.validate(files[api.PROGRAMS_INDEX], schemas["programs"])
    # A field renamed in the data but not in the schema fails: the schema forbids extra fields.
    broken = dict(files[api.program_json_path(next(iter(GUIDE.programs)))])  # type: ignore[call-overload]
    broken["weeks_renamed"] = broken.pop("weeks")
    try:
        jsonschema.validate(broken, schemas["program"])
    except jsonschema.ValidationError:
        pass
    else:
        raise AssertionError("the schema accepted a program without weeks")


def test_program_data_matches_the_program_and_its_checked_layouts() -> None:
    files = _files()
    exercises = {e["slug"] for e in files[api.EXERCISES]["exercises"]}  # type: ignore[index]
    assert exercises == set(GUIDE.exercises)
    for slug, program in GUIDE.programs.items():
        data = files[api.program_json_path(slug)]
        assert [w["number"] for w in data["weeks"]] == list(range(1, len(program.weeks) + 1))  # type: ignore[index]
        for week, written in zip(data["weeks"], program.weeks, strict=True):  # type: ignore[index]
            assert {d["day"] for d in week["days"]} == {d.day.value for d in written.days}
            for d in week["days"]:
                if d["strength"]:
                    assert {p["exercise"] for p in d["strength"]["exercises"]} <= exercises
                    assert d["strength"]["anchor"] == urls.program_session_anchor(week["number"], d["day"])
        offered = {a.key for a in ARRANGED[slug] if a.offered}
        assert {a["key"] for a in data["arrangements"]["offered"]} == offered  # type: ignore[index]
        refused = data["arrangements"]["refused"]  # type: ignore[index]
        assert {a["key"] for a in refused} == {a.key for a in ARRANGED[slug] if not a.offered}
        assert all(r["reason"] and r["rule"] for r in refused)


def test_the_same_guide_gives_the_same_bytes() -> None:
    first = {f.path: f.content for f in api.render_api(GUIDE, ARRANGED, PHASES)}
    again = {f.path: f.content for f in api.render_api(GUIDE, all_arrangements(GUIDE), PHASES)}
    assert first == again
