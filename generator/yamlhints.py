"""YAML syntax errors said in our words: where the mistake is, and what to check there.

libyaml reports where its parser gave up ("did not find expected key while parsing a block
mapping"), which is often a line after the mistake and never says what to change. The
mistakes people make in an exercise file are few: a line indented one space off, a list item
out of line with the others, a second ': ' in a sentence, a quote or bracket left open, a
missing space after ':' or '-'. ``explain`` reads the line libyaml stopped at, and the lines
above it, and names the mistake; anything it does not recognise still gets our sentence with
the line and what to check (indentation, ': ' after each field name, quotes).

``plain_text_problem`` catches the one indentation mistake YAML accepts: a list item indented
deeper than the items above it continues the text of the item before ("setup[0]" becomes "Stand
tall - Keep your legs straight"), which would otherwise surface as "too long" or not at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FIX_GENERIC = (
    "check this line and the one above it: the indentation, the ': ' after each field name, and the quotes"
)
_KEY = re.compile(r"^(\s*)(?:-\s+)?([^\s#'\"\[{][^:#]*?):(?:\s|$)")


@dataclass(frozen=True)
class Hint:
    line: int  # 1-based
    column: int  # 1-based
    message: str


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _content_lines_above(lines: list[str], index: int) -> list[tuple[int, str]]:
    """(index, line) of the non-blank, non-comment lines above ``index``, nearest first."""
    found = []
    for i in range(index - 1, -1, -1):
        stripped = lines[i].strip()
        if stripped and not stripped.startswith("#"):
            found.append((i, lines[i]))
    return found


def _spaces(n: int) -> str:
    return f"{n} space{'s' if n != 1 else ''}"


def _indented(line: str) -> str:
    return f"indented {_spaces(_indent(line))}" if _indent(line) else "not indented"


def _key_of(line: str) -> str | None:
    match = _KEY.match(line)
    return match[2].strip() if match else None


def explain(problem: str, context: str, lines: list[str], line: int, column: int, context_line: int) -> Hint:
    """Our message for one libyaml error (``line``/``column``: its problem mark, 1-based)."""
    index = min(max(line - 1, 0), max(len(lines) - 1, 0))
    text = lines[index] if lines else ""
    at = text[column - 1 : column] if 0 < column <= len(text) else ""
    ctx_index = min(max(context_line - 1, 0), max(len(lines) - 1, 0))
    ctx_text = lines[ctx_index] if lines else ""

    def hint(message: str, at_line: int = line, at_column: int = column) -> Hint:
        return Hint(at_line, at_column, message)

    if "quoted scalar" in context and "end of stream" in problem:
        return hint(
            "this quote is never closed: end the text with the same quote mark it starts with",
            context_line,
            _first_quote(ctx_text),
        )
    if "quoted scalar" in context and "document indicator" in problem:
        return hint("a line '---' inside quoted text: indent it, or close the quote before it", line, 1)
    if "escape character" in problem:
        return hint(
            "a backslash in double-quoted text starts an escape such as \\n: write \\\\ for a backslash, "
            "or use single quotes"
        )
    if "flow sequence" in context or "flow mapping" in context:
        bracket, close = ("[", "]") if "sequence" in context else ("{", "}")
        return hint(
            f"the '{bracket}' opened here is not closed: end it with '{close}' on the same line, or write "
            "each item on a line of its own",
            context_line,
            _column_of(ctx_text, bracket),
        )
    if "simple key" in context and "':'" in problem:
        key_line = ctx_text
        if m := re.match(r"^(\s*(?:-\s+)?[\w-]+):(\S)", key_line):
            field, value = m[1].strip(), key_line[m.end() - 1 :].strip()
            return hint(
                f"no space after the ':' of '{field}': write '{field}: {value}' "
                "(a field name is followed by ': ', a colon and a space)",
                context_line,
                len(m[1]) + 1,
            )
        return hint(
            "this line is neither a field ('name: value') nor a list item ('- '): add the ': ' after the "
            "field name, or, if it continues the text above, put that text in quotes",
            context_line,
            _indent(key_line) + 1,
        )
    if "mapping values are not allowed" in problem:
        above = _content_lines_above(lines, index)
        first_colon = re.search(r":(\s|$)", text)
        continues = (
            above
            and _indent(text) > _indent(above[0][1])
            and first_colon
            and first_colon.start() == column - 1
        )
        if continues and (key := _key_of(above[0][1])) is not None:
            name = _key_of(text) or text.strip().split(":")[0]
            return hint(
                f"'{name}' is indented more than '{key}' on line {above[0][0] + 1}, whose value is already "
                f"given, so it is read as part of that value: line '{name}' up with '{key}' "
                f"({_indented(above[0][1])})",
                line,
                _indent(text) + 1,
            )
        name = _key_of(text) or "the field"
        return hint(
            f"a second ': ' on the line of '{name}': text that contains ': ' must be in quotes, "
            f'e.g. {name}: "{text.split(":", 1)[1].strip()}"',
        )
    if "block sequence entries are not allowed" in problem:
        name = _key_of(text) or "the field"
        return hint(
            f"a list item ('- ') on the line of '{name}': put each item on a line of its own below "
            f"'{name}:', indented, or put the text in quotes if the '-' belongs to it"
        )
    if "expected '-' indicator" in problem or ("block collection" in context and "expected" in problem):
        return hint(
            "this line sits among list items but does not start with '- ': start it with '- ' like the "
            "items above, or, if it is a field of the item above, indent it like that item's first field"
        )
    if "cannot start any token" in problem:
        if at == "\t":
            return hint("a tab character; YAML must be indented with spaces")
        return hint(f"'{at}' cannot start a value in YAML: put the value in quotes")
    if "directive" in context:
        return hint("a '%' at the start of a line: put the text in quotes", line, 1)
    if "anchor" in context or "alias" in context:
        sign = ctx_text[max(column - 2, 0) : column - 1] or "&"
        return hint(f"'{sign}' starts an anchor or alias in YAML: put the value in quotes")
    if "block scalar" in context:
        return hint(
            "after '|' or '>' only '-', '+' or a digit may follow on the line; start the text on the next "
            "line, indented"
        )
    if "expected key" in problem or "block end" in problem:
        return _misaligned(lines, index, line, column)
    if "unexpected ':'" in problem:
        return hint("a ':' inside a [ ] or { } list, or right after a value: put the text in quotes")
    if "node content" in problem:
        return hint(f"no value where one was expected; {FIX_GENERIC}")
    return hint(f"this line is not valid YAML ({problem}); {FIX_GENERIC}")


def _first_quote(text: str) -> int:
    match = re.search(r"['\"]", text)
    return match.start() + 1 if match else 1


def _column_of(text: str, char: str) -> int:
    return text.find(char) + 1 if char in text else 1


def _misaligned(lines: list[str], index: int, line: int, column: int) -> Hint:
    """A block mapping that broke at ``line``: the line is not lined up with its neighbours."""
    text = lines[index] if index < len(lines) else ""
    stripped = text.strip()
    above = _content_lines_above(lines, index)
    # A quoted value that ended early: "name: 'it's'" stops after 'it'.
    before = text[: column - 1].rstrip()
    if before.endswith(("'", '"')) and re.search(r":\s+['\"]", before):
        quote = before[-1]
        return Hint(
            line,
            column,
            f"the quoted text ends at the {quote} before this: write a {quote} inside it as "
            + ("'' (two single quotes)" if quote == "'" else '\\"')
            + ", or quote the text with the other quote mark",
        )
    if stripped.startswith("- ") or stripped == "-":
        items = [(i, t) for i, t in above if t.strip().startswith("- ") or t.strip() == "-"]
        if items and _indent(items[0][1]) != _indent(text):
            return Hint(
                line,
                _indent(text) + 1,
                f"this list item is indented {_spaces(_indent(text))}, the item on line {items[0][0] + 1} "
                f"{_spaces(_indent(items[0][1]))}: line up the '- ' of every item of a list",
            )
        return Hint(
            line,
            _indent(text) + 1,
            "a list item ('- ') where a field was expected: put it under the field that is a list, "
            "indented below it",
        )
    # Block text under '|' or '>' ends where a line is indented less than its first line.
    parent = next(((i, t) for i, t in above if _indent(t) < _indent(text)), None)
    if parent is not None and re.search(r":\s*[|>][-+0-9]*\s*$", parent[1]):
        key = _key_of(parent[1]) or "the field"
        return Hint(
            line,
            _indent(text) + 1,
            f"this line is indented {_spaces(_indent(text))}, less than the text of '{key}' (line "
            f"{parent[0] + 1}) above it: indent every line of a '|' or '>' text at least as far as its "
            "first line",
        )
    sibling = next(((i, t) for i, t in above if _key_of(t) and _indent(t) < _indent(text)), None)
    deeper = next(((i, t) for i, t in above if _key_of(t) and _indent(t) > _indent(text)), None)
    name = _key_of(text) or stripped.split(":")[0]
    if deeper is not None and sibling is not None:
        inner, outer = deeper, sibling
        return Hint(
            line,
            _indent(text) + 1,
            f"'{name}' is indented {_spaces(_indent(text))}, which lines it up with no field above it: "
            f"'{_key_of(inner[1])}' (line {inner[0] + 1}) is indented {_indent(inner[1])}, "
            f"'{_key_of(outer[1])}' (line {outer[0] + 1}) {_indent(outer[1])}; indent '{name}' like the "
            "field it belongs beside",
        )
    return Hint(
        line,
        _indent(text) + 1,
        f"'{name}' is not lined up with the fields above it: indent it like the field it belongs "
        f"beside; {FIX_GENERIC}",
    )


def plain_text_problem(lines: list[str], start_line: int, end_line: int, start_column: int) -> Hint | None:
    """A list item or a '-' without its space swallowed into the plain text before it, or None.

    ``start_line``/``end_line`` (0-based) are the lines a plain (unquoted) value spans.
    """
    first = lines[start_line][start_column:] if start_line < len(lines) else ""
    # "-one" alone on its line (not "-20", not "knee: -5") is an item that lost its space.
    alone = start_line < len(lines) and not lines[start_line][:start_column].strip()
    if alone and re.match(r"-[^\s\d.-]", first):
        return Hint(
            start_line + 1,
            start_column + 1,
            f"'{first.split()[0]}': a list item needs a space after its '-' ('- {first[1:].split()[0]}')",
        )
    for i in range(start_line + 1, min(end_line, len(lines) - 1) + 1):
        stripped = lines[i].strip()
        if stripped.startswith("- ") or stripped == "-":
            item = next(
                (t for _, t in _content_lines_above(lines, start_line + 1) if t.strip().startswith("- ")),
                None,
            )
            expected = f", the item above it {_spaces(_indent(item))}" if item is not None else ""
            return Hint(
                i + 1,
                _indent(lines[i]) + 1,
                f"this list item is indented {_spaces(_indent(lines[i]))}{expected}, so it is read as the "
                "end of the text before it: line up the '- ' of every item of a list",
            )
    return None
