"""The theme's stylesheets say each look once: a rule's declarations are not copied into another
rule (issue 21: phone.css drew the finder's reset button and the video's play button with the
same seven declarations twice, and the next edit would have changed one of them)."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from ..conftest import ROOT

STYLESHEETS = sorted((ROOT / "theme" / "assets" / "stylesheets").glob("*.css"))
_COMMENT = re.compile(r"/\*.*?\*/", re.S)

# This many declarations in common make a copied look, not two rules that happen to agree on
# a margin and a colour.
COPIED = 5


def rules(css: str) -> list[tuple[str, str, frozenset[str]]]:
    """(context, selector, declarations) of each rule: context is the @media (or other at-rule)
    it sits in, "" at the top; declarations normalised ("color:red")."""
    out: list[tuple[str, str, frozenset[str]]] = []
    stack: list[str] = []
    text = ""
    for char in _COMMENT.sub("", css):
        if char == "{":
            stack.append(" ".join(text.split()))
            text = ""
        elif char == "}":
            if stack and not stack[-1].startswith("@"):
                body = {re.sub(r"\s+", " ", d).strip().replace(": ", ":") for d in text.split(";")}
                out.append((" ".join(stack[:-1]), stack[-1], frozenset(d for d in body if d)))
            if stack:
                stack.pop()
            text = ""
        else:
            text += char
    return out


def copied(css: str) -> list[tuple[str, str, list[str]]]:
    """Rules of the same context that share ``COPIED`` declarations or more. (The same look for a
    phone-only selector inside @media and another outside it cannot be one rule in CSS.)"""
    return [
        (a, b, sorted(da & db))
        for (ca, a, da), (cb, b, db) in itertools.combinations(rules(css), 2)
        if ca == cb and len(da & db) >= COPIED
    ]


@pytest.mark.parametrize("stylesheet", STYLESHEETS, ids=lambda p: p.name)
def test_no_rule_copies_another_rules_declarations(stylesheet: Path) -> None:
    assert copied(stylesheet.read_text(encoding="utf-8")) == []


def test_a_copied_look_is_found() -> None:
    button = "border:0;border-radius:1px;background:none;color:red;font:inherit;cursor:pointer"
    assert len(copied(f".a {{{button};min-height:2rem}} .b {{{button}}}")) == 1
    assert len(copied(f"@media print {{ .a {{{button}}} .b {{{button}}} }}")) == 1
    assert copied(f".a {{{button}}} @media print {{ .b {{{button}}} }}") == []  # cannot be one rule
    assert copied(".a, .b {border:0;border-radius:1px;background:none;color:red;font:inherit} .a {x:1}") == []
