"""By-muscle lists: the exercises where a muscle is a primary mover come first, A–Z within."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.load import load_guide
from generator.pages.render import render_pages

from ..conftest import VALID_EXERCISE

Write = Callable[[str, str], Path]


def exercise(name: str, alias: str, primary: str, secondary: str) -> str:
    return (
        VALID_EXERCISE.replace("name: Test hinge", f"name: {name}")
        .replace("aliases: [TH]", f"aliases: [{alias}]")
        .replace("primary: [hamstrings, glute-max]", f"primary: [{primary}]")
        .replace("secondary: [lower-back]", f"secondary: [{secondary}]")
    )


def test_primary_movers_come_first(content: Path, write: Write) -> None:
    # A–Z, "Alpha" would come first; it only works the hamstrings as a secondary muscle.
    write("exercises/alpha.yaml", exercise("Alpha curl", "AC", "glute-max", "hamstrings"))
    write("exercises/zulu.yaml", exercise("Zulu curl", "ZC", "hamstrings", "lower-back"))
    write("exercises/beta.yaml", exercise("Beta curl", "BC", "glute-max", "hamstrings"))
    pages = {f.path: f.content.decode() for f in render_pages(load_guide(content))}
    page = pages["exercises/by-muscle.md"]
    section = page.split("{ #hamstrings }", 1)[1].split("###", 1)[0]
    # The list is finished HTML (pages/htmlblocks.py): one <li> a line, the link first.
    items = [line for line in section.splitlines() if line.startswith("<li><a ")]
    names = [line.split("</a>")[0].rsplit(">", 1)[1] for line in items]
    # Primary: Test hinge, Zulu curl (A–Z); then secondary: Alpha curl, Beta curl (A–Z).
    assert names == ["Test hinge", "Zulu curl", "Alpha curl", "Beta curl"]
    secondary = [line.endswith("</a> <em>(secondary)</em></li>") for line in items]
    assert secondary == [False, False, True, True]
