"""The mistakes people make in a YAML file, each in our words at the line to fix (issue 21).

libyaml's own words ("did not find expected key while parsing a block mapping") never reach a
coach. Each case below is a mistake made by hand in an exercise file, with the message and the
place ``runstrong check`` gives; the last ones are valid YAML that is almost surely a mistake.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.yamlsource import YamlProblem, parse

from .conftest import VALID_EXERCISE
from .test_load import errors_of

Write = Callable[[str, str], Path]

SYNTAX = [
    (
        "name: A\nmuscles:\n  primary: [a]\n secondary: [b]\n",
        "4:2: 'secondary' is indented 1 space, which lines it up with no field above it: 'primary' (line 3) "
        "is indented 2, 'muscles' (line 2) 0; indent 'secondary' like the field it belongs beside",
    ),
    (
        "name: A\nlevel: x\n  pattern: y\n",
        "3:3: 'pattern' is indented more than 'level' on line 2, whose value is already given, so it is read "
        "as part of that value: line 'pattern' up with 'level' (not indented)",
    ),
    (
        "name: A\nsummary: Keep: the back flat\n",
        "2:14: a second ': ' on the line of 'summary': text that contains ': ' must be in quotes, "
        'e.g. summary: "Keep: the back flat"',
    ),
    (
        'name: "A\nlevel: x\n',
        "1:7: this quote is never closed: end the text with the same quote mark it starts with",
    ),
    (
        "name: 'it's'\n",
        "1:11: the quoted text ends at the ' before this: write a ' inside it as '' (two single quotes), "
        "or quote the text with the other quote mark",
    ),
    (
        "name: A\nequipment: [a, b\nlevel: x\n",
        "2:12: the '[' opened here is not closed: end it with ']' on the same line, or write each item on a "
        "line of its own",
    ),
    (
        "name: A\nlevel:x\nsetup:\n  - a\n",
        "2:6: no space after the ':' of 'level': write 'level: x' (a field name is followed by ': ', a colon "
        "and a space)",
    ),
    (
        "setup:\n  - a\n - b\n",
        "3:2: this list item is indented 1 space, the item on line 2 2 spaces: line up the '- ' of every "
        "item of a list",
    ),
    (
        "name: A\n- b\n",
        "2:1: a list item ('- ') where a field was expected: put it under the field that is a list, indented "
        "below it",
    ),
    (
        "name: - a\n",
        "1:7: a list item ('- ') on the line of 'name': put each item on a line of its own below 'name:', "
        "indented, or put the text in quotes if the '-' belongs to it",
    ),
    (
        "setup:\n  - a\n  b: c\n",
        "3:3: this line sits among list items but does not start with '- ': start it with '- ' like the items "
        "above, or, if it is a field of the item above, indent it like that item's first field",
    ),
    (
        "why_runners: |\n  text\n more\nlevel: x\n",
        "3:2: this line is indented 1 space, less than the text of 'why_runners' (line 1) above it: indent "
        "every line of a '|' or '>' text at least as far as its first line",
    ),
    ("name: @home\n", "1:7: '@' cannot start a value in YAML: put the value in quotes"),
    ("name: `x`\n", "1:7: '`' cannot start a value in YAML: put the value in quotes"),
    (
        'name: "a\\d"\n',
        "1:9: a backslash in double-quoted text starts an escape such as \\n: write \\\\ for a backslash, "
        "or use single quotes",
    ),
    (
        "why_runners: |x\n  a\n",
        "1:15: after '|' or '>' only '-', '+' or a digit may follow on the line; start the text on the next "
        "line, indented",
    ),
    ("name: &\n", "1:8: '&' starts an anchor or alias in YAML: put the value in quotes"),
    ("name: A\n%x: y\n", "2:1: a '%' at the start of a line: put the text in quotes"),
    (
        "a: {b: c\nd: e\n",
        "1:4: the '{' opened here is not closed: end it with '}' on the same line, or write each item on a "
        "line of its own",
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), SYNTAX, ids=[e.split(":")[0] + ":" + t[:18] for t, e in SYNTAX]
)
def test_a_yaml_syntax_mistake_is_said_in_our_words_at_its_line(text: str, expected: str) -> None:
    with pytest.raises(YamlProblem) as caught:
        parse(text.encode())
    problem = caught.value
    assert f"{problem.position.line}:{problem.position.column}: {problem.message}" == expected
    assert "while parsing" not in problem.message and "did not find" not in problem.message


def test_no_yaml_syntax_error_reaches_the_author_in_libyamls_words() -> None:
    """Broken at every character: whatever libyaml says, the message is ours and says what to check."""
    for cut in range(1, len(VALID_EXERCISE), 7):
        for insert in ("'", '"', "[", "{", ":", " ", "\n ", "- ", "@", "|"):
            text = VALID_EXERCISE[:cut] + insert + VALID_EXERCISE[cut:]
            try:
                parse(text.encode())
            except YamlProblem as exc:
                assert not exc.message.startswith(("invalid YAML", "while ")), (text, exc.message)
                assert "while parsing" not in exc.message and "while scanning" not in exc.message, exc.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "setup:\n  - Stand tall.\n    - Push the hips back.\n",
            "3:5: this list item is indented 4 spaces, the item above it 2 spaces, so it is read as the end of "
            "the text before it: line up the '- ' of every item of a list",
        ),
        (
            "setup:\n  - Stand tall.\n   - Push the hips back.\n",
            "3:4: this list item is indented 3 spaces, the item above it 2 spaces, so it is read as the end of "
            "the text before it: line up the '- ' of every item of a list",
        ),
        ("setup:\n  -Stand tall.\n", "2:3: '-Stand': a list item needs a space after its '-' ('- Stand')"),
    ],
)
def test_a_list_item_indented_into_the_text_above_is_found(text: str, expected: str) -> None:
    doc = parse(text.encode())
    ((_, at, message),) = doc.problems
    assert f"{at.line}:{at.column}: {message}" == expected


@pytest.mark.parametrize(
    "text",
    [
        "angles: {knee: -20}\nlist:\n  - -5\n  - -0.5\n",
        "summary: a long plain text\n  that goes on - and on\n",
        "setup:\n  - a\n  - b\n",
        "name: -x marks the spot\n",
    ],
)
def test_plain_text_and_negative_numbers_are_not_mistaken_for_list_items(text: str) -> None:
    assert parse(text.encode()).problems == []


def test_the_three_mistakes_of_a_copied_exercise_each_get_their_message(content: Path, write: Write) -> None:
    """A field one level out, one level in, a mis-indented item: all said in one run, nothing more."""
    text = (
        VALID_EXERCISE.replace("  secondary: [lower-back]", "secondary: [lower-back]")
        .replace("  rest_seconds: 60\n", "  rest_seconds: 60\n  level: beginner\n")
        .replace("level: beginner\nequipment", "equipment")
        .replace("  - Stand tall again.", "    - Stand tall again.")
    )
    write("exercises/test-hinge.yaml", text)
    assert errors_of(content) == [
        "exercises/test-hinge.yaml:2:1: level: missing required field 'level'",
        "exercises/test-hinge.yaml:13:1: secondary: unknown field 'secondary' (it is a field of 'muscles': "
        "indent it under 'muscles', in line with its other fields)",
        "exercises/test-hinge.yaml:18:5: steps[0]: this list item is indented 4 spaces, the item above it 2 "
        "spaces, so it is read as the end of the text before it: line up the '- ' of every item of a list",
        "exercises/test-hinge.yaml:34:3: dose.level: unknown field 'level' (it belongs one level out, beside "
        "'dose': indent it like 'dose')",
    ]


def test_a_field_of_a_list_item_written_beside_the_list_says_where_it_belongs(
    content: Path, write: Write
) -> None:
    text = VALID_EXERCISE.replace("    fix: Keep the chest proud.", "fix: Keep the chest proud.")
    write("exercises/test-hinge.yaml", text)
    errors = errors_of(content)
    assert (
        "exercises/test-hinge.yaml:24:1: fix: unknown field 'fix' (it is a field of 'mistakes': indent it "
        "under 'mistakes', in line with its other fields)"
    ) in errors
