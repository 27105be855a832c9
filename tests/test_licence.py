"""The content licence: declared once (mkdocs.yml's extra.license), checked, stamped into the
published search index (issue 21). The footer that prints it is covered by the site builds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.licence import licence_of, stamp_index

CC_BY = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}


def test_a_declared_licence_is_read_with_its_credit() -> None:
    assert licence_of({"license": {**CC_BY, "credit": " Based on RunStrong. "}}) == {
        **CC_BY,
        "credit": "Based on RunStrong.",
    }
    assert licence_of({"license": "All rights reserved"}) == {"name": "All rights reserved"}
    assert licence_of({}) is None and licence_of(None) is None and licence_of({"license": None}) is None


@pytest.mark.parametrize(
    ("declared", "message"),
    [
        ({"url": CC_BY["url"]}, "extra.license: missing required field 'name' (e.g. CC BY 4.0)"),
        (
            {"name": "CC BY 4.0", "link": "x"},
            "extra.license: unknown field 'link' (expected: name, url, credit)",
        ),
        (
            {"name": "CC BY", "url": "creativecommons.org"},
            "extra.license.url: 'creativecommons.org' is not a web address starting with http:// or https://",
        ),
        ({"name": 4}, "extra.license.name: expected text, got 4"),
        ({"name": "  "}, "extra.license.name: expected text, got '  '"),
        (["CC BY"], "extra.license: expected a mapping with name, url and credit"),
    ],
)
def test_a_malformed_licence_is_refused_in_one_line(declared: object, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        licence_of({"license": declared})
    assert str(caught.value) == message


def test_the_search_index_carries_the_licence_first_and_loses_it_when_dropped(tmp_path: Path) -> None:
    index = tmp_path / "search_index.json"
    index.write_text(json.dumps({"config": {"lang": ["en"]}, "docs": [{"location": ""}]}), encoding="utf-8")
    assert stamp_index(index, CC_BY)
    stamped = json.loads(index.read_text(encoding="utf-8"))
    assert list(stamped) == ["license", "config", "docs"] and stamped["license"] == CC_BY
    before = index.read_bytes()
    assert not stamp_index(index, CC_BY) and index.read_bytes() == before  # nothing to change
    assert stamp_index(index, None)
    assert "license" not in json.loads(index.read_text(encoding="utf-8"))
    assert not stamp_index(tmp_path / "missing.json", CC_BY)
