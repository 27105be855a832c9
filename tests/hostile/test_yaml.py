"""Hostile YAML and hostile files: bombs, loops, special files, bad bytes, coerced types.

Each input is tried on its own, in-process: the exact message and where it points, read in
under a second. All of them together, with the hostile pages, also go through
``runstrong check`` and ``runstrong build`` as child processes (test_pages.py): exit status 1,
one line per file, no traceback, bounded memory, the previous site untouched.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.errors import ContentErrors
from generator.load import load_guide

from .conftest import GOOD_EXERCISE, Good, bounded

Maker = Callable[[Path], None]  # puts the hostile input at a path


def text(data: str | bytes) -> Maker:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return lambda path: path.write_bytes(raw)


def fifo(path: Path) -> None:
    os.mkfifo(path)


def unix_socket(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    _SOCKETS.append(server)  # closed at exit; the file stays a socket while the test runs


_SOCKETS: list[socket.socket] = []


def link_to(target: str) -> Maker:
    return lambda path: path.symlink_to(target)


def loop(path: Path) -> None:
    other = path.with_name("loop-other.yaml")
    path.symlink_to(other.name)
    other.symlink_to(path.name)


def laughs(levels: int, fan: int = 10) -> str:
    """The 'billion laughs': each level a list of ``fan`` aliases of the one before."""
    lines = ["name: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, levels):
        lines.append(f"k{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * fan) + "]")
    return "\n".join(lines) + "\n"


def mapping_laughs(levels: int) -> str:
    lines = ["a0: &a0 {" + ", ".join(f"k{j}: lol" for j in range(10)) + "}"]
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} {{" + ", ".join(f"k{j}: *a{i - 1}" for j in range(10)) + "}")
    return "\n".join(lines) + "\n"


def merge_laughs(levels: int) -> str:
    """Merge keys pulling in ever larger mappings: sized like the aliases they name."""
    lines = ["m0: &m0 {" + ", ".join(f"k{j}: [lol, lol, lol, lol, lol, lol, lol, lol]" for j in range(10)) + "}"]
    for i in range(1, levels):
        keys = ", ".join(f"n{j}: *m{i - 1}" for j in range(10))
        lines.append(f"m{i}: &m{i} {{<<: *m{i - 1}, {keys}}}")
    return "\n".join(lines) + "\n"


def strict(field_line: str, replacement: str, name: str) -> Maker:
    """The good exercise with one line changed, under a name of its own."""
    body = GOOD_EXERCISE.replace("name: Test hinge", f"name: {name}").replace("aliases: [TH]", "aliases: []")
    assert field_line in body, field_line
    return text(body.replace(field_line, replacement, 1))


ALIAS_BUDGET = "the aliases expand to more than 20,000 values; write the data out instead of nesting aliases"
BOMBS: list[tuple[str, Maker, str]] = [
    ("exercises/laughs.yaml", text(laughs(9)), f"laughs.yaml:5:10: {ALIAS_BUDGET}"),
    ("exercises/laughs-wide.yaml", text(laughs(3, fan=5000)), f"laughs-wide.yaml:2:9090: {ALIAS_BUDGET}"),
    ("exercises/map-laughs.yaml", text(mapping_laughs(9)), f"map-laughs.yaml:4:77: {ALIAS_BUDGET}"),
    ("exercises/merge-laughs.yaml", text(merge_laughs(9)), f"merge-laughs.yaml:4:14: {ALIAS_BUDGET}"),
    ("exercises/self-list.yaml", text("name: &n [a, *n]\n"), "self-list.yaml:1:14: alias '*n' is inside the block it names"),
    ("exercises/self-map.yaml", text("dose: &d\n  sets: 3\n  again: *d\n"), "self-map.yaml:3:10: alias '*d' is inside the block it names"),
    ("exercises/self-merge.yaml", text("dose: &d\n  <<: *d\n"), "self-merge.yaml:2:7: alias '*d' is inside the block it names"),
    ("exercises/deep-flow.yaml", text("name: " + "[" * 5000 + "]" * 5000 + "\n"), "deep-flow.yaml:1:1006: nested too deeply (more than 40 levels)"),
    ("exercises/deep-flow-100.yaml", text("name: " + "[" * 100 + "]" * 100 + "\n"), "deep-flow-100.yaml:1:46: nested too deeply (more than 40 levels)"),
    ("exercises/deep-block.yaml", text("".join("  " * i + f"k{i}:\n" for i in range(200))), "deep-block.yaml:41:81: nested too deeply"),
    ("exercises/long-list.yaml", text("name: [" + "x, " * 30_000 + "x]\n"), "long-list.yaml:1:59999: more than 20,000 values in one file; split it"),
    ("exercises/huge.yaml", text("# padding\n" * 300_000), "huge.yaml:1:1: the file is larger than 2 MB"),
    ("exercises/unknown-alias.yaml", text("name: *nowhere\n"), "unknown-alias.yaml:1:7: unknown alias '*nowhere'"),
]
SPECIAL: list[tuple[str, Maker, str]] = [
    ("exercises/pipe.yaml", fifo, "pipe.yaml:1:1: a named pipe (FIFO), not a regular file; only plain files are read"),
    ("exercises/sock.yaml", unix_socket, "sock.yaml:1:1: a socket or device, not a regular file"),
    ("exercises/zero.yaml", link_to("/dev/zero"), "zero.yaml:1:1: a character device, not a regular file"),
    ("exercises/random.yaml", link_to("/dev/urandom"), "random.yaml:1:1: a character device, not a regular file"),
    ("exercises/gone.yaml", link_to("renamed-long-ago.yaml"), "gone.yaml:1:1: a broken symbolic link (it points to 'renamed-long-ago.yaml', which does not exist)"),
    ("exercises/loop.yaml", loop, "loop.yaml:1:1: a symbolic link that loops back on itself"),
    ("exercises/self-link.yaml", link_to("self-link.yaml"), "self-link.yaml:1:1: a symbolic link that loops back on itself"),
    ("vocabulary/equipment.yaml", lambda p: (p.unlink(), fifo(p)), "equipment.yaml:1:1: a named pipe (FIFO)"),
]

BYTES: list[tuple[str, Maker, str]] = [
    ("exercises/nul.yaml", text(b"name: Nul\nsummary: a\x00b\n"), "nul.yaml:2:11: a NUL byte: this is a binary file, not text"),
    ("exercises/bell.yaml", text(b"name: Bell\x07\n"), "bell.yaml:1:11: the character U+0007 is not allowed in YAML text"),
    ("exercises/latin1.yaml", text("name: Café crème\n".encode("latin-1")), "latin1.yaml:1:10: not valid UTF-8 (byte 0xe9)"),
    ("exercises/utf16.yaml", text("name: x\n".encode("utf-16")), "utf16.yaml:1:1: not valid UTF-8 (byte 0xff)"),
    ("exercises/png.yaml", text(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "png.yaml:1:1: not valid UTF-8 (byte 0x89)"),
    ("exercises/two-docs.yaml", text("name: A\n---\nname: B\n"), "two-docs.yaml:2:1: only one YAML document per file"),
    ("exercises/empty.yaml", text(""), "empty.yaml:1:1: the file is empty"),
    ("exercises/python-tag.yaml", text("name: !!python/object/apply:os.system [ls]\n"), "python-tag.yaml:1:7: '!!python/object/apply:os.system' values are not allowed"),
]

TYPES: list[tuple[str, Maker, str]] = [
    ("exercises/sets-true.yaml", strict("  sets: 3", "  sets: true", "Strict A"), "sets-true.yaml:33:9: dose.sets: expected a whole number, got True"),
    ("exercises/sets-text.yaml", strict("  sets: 3", "  sets: '3'", "Strict B"), "sets-text.yaml:33:9: dose.sets: expected a whole number, got '3'"),
    ("exercises/rpe-text.yaml", strict("  rpe: 7", "  rpe: '7'", "Strict C"), "rpe-text.yaml:36:8: dose.rpe: expected a number, got '7'"),
    ("exercises/reps-float.yaml", strict("  reps: 10", "  reps: 10.0", "Strict D"), "reps-float.yaml:34:9: dose.reps: expected a whole number, got 10.0"),
    ("exercises/per-side-text.yaml", strict("  rpe: 7", "  rpe: 7\n  per_side: 'yes'", "Strict E"), "per-side-text.yaml:37:13: dose.per_side: expected true or false, got 'yes'"),
    ("exercises/binary-name.yaml", strict("name: Strict F", "name: !!binary U3RyaWN0IEY=", "Strict F"), "binary-name.yaml:2:7: '!!binary' values are not allowed"),
    ("exercises/date-summary.yaml", strict("summary: A hinge used by the tests.", "summary: 2024-05-01", "Strict G"), "date-summary.yaml:4:10: '2024-05-01' reads as a date; put it in quotes"),
    ("exercises/number-name.yaml", strict("name: Strict H", "name: 1234", "Strict H"), "number-name.yaml:2:7: name: expected text, got 1234"),
    ("exercises/list-as-text.yaml", strict("cues:\n  - Hips back, weights close.\n  - Ρυθμός σταθερός, без рывков.", "cues: Hips back.", "Strict I"), "list-as-text.yaml:20:7: cues: expected a list, got 'Hips back.'"),
    ("exercises/rest-null.yaml", strict("  rest_seconds: 60", "  rest_seconds: ~", "Strict J"), "rest-null.yaml:35:17: dose.rest_seconds: expected a whole number, got nothing"),
    ("exercises/fix-paragraphs.yaml", strict("    fix: Keep the chest proud.", "    fix: |\n      Keep the chest proud.\n\n      And breathe.", "Strict K"), "fix-paragraphs.yaml:25:10: mistakes[0].fix: must be one paragraph: remove the blank line"),
]

# Text that lands in a table cell, a list item or a card line holds one paragraph.
PARAGRAPHS: list[tuple[str, Maker, str]] = [
    ("exercises/cue-paragraphs.yaml", strict("  - Hips back, weights close.", "  - |\n    Hips back.\n\n    Weights close.", "Para A"), "cue-paragraphs.yaml:21:5: cues[0]: must be one paragraph: remove the blank line"),
    ("exercises/mistake-paragraphs.yaml", strict("  - mistake: Rounding the back.", "  - mistake: |-\n      Rounding\n\n      the back.", "Para B"), "mistake-paragraphs.yaml:24:14: mistakes[0].mistake: must be one paragraph"),
    ("exercises/how-paragraphs.yaml", strict("    how: Balance on one leg.", "    how: |\n      Balance on one leg.\n      \n      Then close your eyes.", "Para C"), "how-paragraphs.yaml:31:10: harder[0].how: must be one paragraph"),
    ("exercises/step-paragraphs.yaml", strict("  - Stand tall again.", "  - \"Stand tall\\n\\nagain.\"", "Para D"), "step-paragraphs.yaml:19:5: steps[1]: must be one paragraph"),
]

CLASSES = {"bombs": BOMBS, "special files": SPECIAL, "bytes": BYTES, "types": TYPES, "paragraphs": PARAGRAPHS}


def place(content: Path, relative: str, make: Maker) -> Path:
    path = content / relative
    make(path)
    return path


def errors_of(content: Path) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        load_guide(content)
    return [str(e) for e in caught.value.errors]


@pytest.mark.usefixtures("warm")
@pytest.mark.parametrize(
    ("relative", "make", "message"),
    [case for cases in CLASSES.values() for case in cases],
    ids=[case[0] for cases in CLASSES.values() for case in cases],
)
def test_each_input_is_one_error_read_in_under_a_second(
    hostile_content: Path, relative: str, make: Maker, message: str
) -> None:
    place(hostile_content, relative, make)
    with bounded():
        errors = errors_of(hostile_content)
    mine = [e for e in errors if Path(relative).name in e.split(":", 1)[0]]
    assert len(mine) == 1, errors
    assert message in mine[0], mine[0]
    assert "\n" not in mine[0]


def test_a_merge_key_with_an_override_is_valid(good: Good) -> None:
    guide = load_guide(good.content)
    first, second = guide.programs["test-plan"].weeks[0].days[1].strength.exercises  # type: ignore[union-attr]
    assert (first.sets, second.sets) == (2, 3)
    assert second.reps == first.reps == 12 and second.note == "Same again, one more set."


def test_merge_keys_never_win_over_written_keys(hostile_content: Path) -> None:
    from generator.yamlsource import parse

    doc = parse(b"base: &b {a: 1, b: 1}\nmore: &m {b: 2, c: 2}\nx:\n  <<: [*b, *m]\n  a: 0\n")
    assert doc.data["x"] == {"a": 0, "b": 1, "c": 2}  # type: ignore[index]
    assert doc.position(("x", "a")).line == 5
