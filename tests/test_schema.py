"""The JSON Schema that editors read must match the model and vocabularies it is made from."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from generator.schema import schema_files

from .conftest import CONTENT, real_guide


def test_committed_schemas_are_current() -> None:
    for generated in schema_files(real_guide()):
        committed = CONTENT / generated.path
        assert committed.read_bytes() == generated.content, f"run `runstrong schema` to refresh {committed}"


def test_every_content_file_names_its_schema() -> None:
    for folder, schema in (("exercises", "exercise"), ("programs", "program")):
        for path in (CONTENT / folder).glob("*.yaml"):
            first = path.read_text(encoding="utf-8").splitlines()[0]
            assert first == f"# yaml-language-server: $schema=../schema/{schema}.schema.json", path


@pytest.mark.parametrize(("folder", "schema"), [("exercises", "exercise"), ("programs", "program")])
def test_real_content_validates_against_the_schema(folder: str, schema: str) -> None:
    document = json.loads((CONTENT / "schema" / f"{schema}.schema.json").read_text(encoding="utf-8"))
    # One validator for every file: jsonschema.validate() re-checks the whole schema against
    # its metaschema on each call, which took 0.6 s per exercise file.
    cls = jsonschema.validators.validator_for(document)
    cls.check_schema(document)
    validator = cls(document)
    for path in (CONTENT / folder).glob("*.yaml"):
        validator.validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def test_schema_rejects_an_unknown_muscle() -> None:
    validator = json.loads((CONTENT / "schema" / "exercise.schema.json").read_text(encoding="utf-8"))
    data = yaml.safe_load((CONTENT / "exercises" / "romanian-deadlift.yaml").read_text(encoding="utf-8"))
    data["muscles"]["primary"] = ["glute"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, validator)
