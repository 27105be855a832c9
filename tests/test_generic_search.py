"""Generic text (pages/search_terms.generic_texts) over a whole build: shown, kept out of the
search index, and a build after an edit that makes a text generic no more indexes it again on
every page that shows it, byte for byte as a full build does (the decision is the library's,
and a dirty build renders only the pages whose Markdown changed)."""

from __future__ import annotations

import json
from pathlib import Path

from generator import build, cli, urls
from generator.pages.search_terms import GENERIC_MIN_PAGES
from generator.search_index import INDEX

from .conftest import VALID_EXERCISE
from .test_build import CONFIG, snapshot

CUE = "Brace and breathe out."


def copy_of(i: int, cue: str) -> str:
    return (
        VALID_EXERCISE.replace("name: Test hinge", f"name: Copy {i}")
        .replace("aliases: [TH]", f"aliases: [C{i}]")
        .replace("A hinge used by the tests.", f"Copy {i} of the hinge.")
        .replace("Hips back, weights close.", cue)
    )


def bodies(site: Path) -> dict[str, str]:
    index = json.loads((site / INDEX).read_text(encoding="utf-8"))
    return {d["location"]: d.get("body", "") + " " + d.get("text", "") for d in index["docs"]}


def test_generic_text_is_indexed_again_when_an_edit_makes_it_rare(content: Path, tmp_path: Path) -> None:
    for i in range(GENERIC_MIN_PAGES):
        (content / "exercises" / f"copy-{i}.yaml").write_text(copy_of(i, CUE), encoding="utf-8")
    site = tmp_path / "site"
    command = ["build", "--content", str(content), "--site-dir", str(site), "--config", str(CONFIG)]
    assert cli.main(command) == 0
    page = (site / urls.exercise_url("copy-3") / "index.html").read_text(encoding="utf-8")
    assert f"<span data-search-exclude>{CUE}</span>" in page  # shown, on 20 of 21 pages
    found = bodies(site)
    assert "Brace" not in found[urls.exercise_url("copy-3")]
    assert "Hips back" in found[urls.exercise_url("test-hinge")]  # its own cue: searched

    # One copy says something else: the cue is on 19 pages, too few to be generic.
    (content / "exercises" / "copy-0.yaml").write_text(copy_of(0, "Brace hard."), encoding="utf-8")
    assert cli.main(command) == 0
    assert "Brace breathe" in bodies(site)[urls.exercise_url("copy-3")]
    full = tmp_path / "full"
    build.build_site(content, full, CONFIG)
    assert snapshot(site) == snapshot(full)
