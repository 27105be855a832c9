"""Author text is text, and bounded: Markdown block syntax, admonitions, definition lists,
rules and icon shortcodes in a data field print as written; every field and file has a size
that keeps the build linear."""

from __future__ import annotations

import html
import re
from pathlib import Path

import markdown
import pytest

from generator.pages.markdown import block, escape

from .conftest import Good, bounded, run_main

# The extensions mkdocs.yml enables (the emoji one without Material's index: same syntax).
EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.tasklist",
    "pymdownx.emoji",
]

TEXTS = [
    "??? note X",
    "???+ warning Open by default",
    "!!! danger Stop",
    "---",
    "***",
    "___",
    "Term\n\n: definition",
    ": a definition alone",
    "Use :material-alert: and :smile: here",
    "~~~\ncode\n~~~",
    "```python\nprint(1)\n```",
    '--8<-- "/etc/passwd"',
    "- item",
    "+ item",
    "1. one",
    "1) one",
    "*[HTML]: Hyper",
    "A footnote[^1]\n\n[^1]: note",
    "[ ] a task",
    "# Heading",
    "=== tab",
    "    indented four",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "<div markdown>inner</div>",
    "{: .class }",
    "Tempo 3:1:1 at 10:00:00",
]


def visible(rendered: str) -> str:
    """The words a reader sees: tags dropped, references resolved, spaces folded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", rendered)).split())


@pytest.mark.parametrize("text", TEXTS)
def test_author_text_prints_as_written(text: str) -> None:
    rendered = markdown.markdown(escape(text), extensions=EXTENSIONS)
    for tag in (
        "<details",
        "<dl",
        "<hr",
        "<h1",
        "<li",
        "<pre",
        "<code",
        "<table",
        "<div",
        "<svg",
        "<img",
        "<sup",
    ):
        assert tag not in rendered, (text, rendered)
    assert visible(rendered) == " ".join(text.split()), rendered


@pytest.mark.parametrize("text", TEXTS)
def test_inside_a_box_too(text: str) -> None:
    rendered = markdown.markdown("!!! note\n    " + block(text), extensions=EXTENSIONS)
    assert rendered.count("<div") == 1 and "<details" not in rendered and "<dl" not in rendered, rendered
    assert " ".join(text.split()) in visible(rendered), rendered


def _exercise(content: Path, field: str, value: str) -> None:
    path = content / "exercises" / "test-hinge.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(f"{field}:"))
    lines[at] = f"{field}: {value}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("why_runners", "'" + "*" * 100_000 + "'", "at most 3000 characters"),
        ("why_runners", "'" + "[" * 4000 + "'", "at most 3000 characters"),
        ("summary", "'" + "_" * 50_000 + "'", "at most 200 characters"),
        ("name", "'" + "x" * 5000 + "'", "at most 80 characters"),
    ],
)
def test_a_field_too_long_is_refused_at_check(
    capsys: pytest.CaptureFixture[str], good: Good, hostile_content: Path, field: str, value: str, said: str
) -> None:
    _exercise(hostile_content, field, value)
    with bounded(2.0):
        code, _, err = run_main(capsys, "check", "--content", hostile_content, "--cache-dir", good.cache)
    assert code == 1 and said in err and "test-hinge.yaml:" in err, err


def test_too_many_items_are_refused(
    capsys: pytest.CaptureFixture[str], good: Good, hostile_content: Path
) -> None:
    path = hostile_content / "exercises" / "test-hinge.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "cues:\n", "cues:\n" + "  - Push the floor away.\n" * 500, 1
    )
    path.write_text(text, encoding="utf-8")
    with bounded(2.0):
        code, _, err = run_main(capsys, "check", "--content", hostile_content, "--cache-dir", good.cache)
    assert code == 1 and "cues" in err and "at most 20" in err, err


def test_a_file_with_too_much_text_is_refused(hostile_content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each field within its limit, the file's text together beyond the file's: refused at the file."""
    from generator import load
    from generator.errors import ContentErrors

    monkeypatch.setattr(load, "MAX_TEXT_CHARS", 300)
    load._READ.clear()
    with pytest.raises(ContentErrors) as raised:
        load.load_guide(hostile_content)
    assert any("characters of text; a file holds at most 300" in str(e) for e in raised.value.errors)
