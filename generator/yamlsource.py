"""Read one YAML file into plain data *and* remember where every key and value sits.

PyYAML's constructed objects forget their positions, so the file is read as a stream of
parser events and built here, once: the build makes the data and a map from each path to its
line and column. Validation errors (pydantic's ``loc``) are then pointed back at the exact spot.

The files are ones people are sent (a coach's plan, a pull request), so the build is also the
guard against hostile input, and each guard is a limit, not a special case:
- only regular files are read, without blocking (a FIFO or a device named ``x.yaml``), and
  never more than ``MAX_BYTES``;
- nesting is bounded (``MAX_DEPTH``), and the build is iterative, so no recursion to exhaust;
- aliases are shared, not copied, and every use of an alias is charged the full size of what
  it stands for: a "billion laughs" file hits ``MAX_VALUES`` after a few hundred values, and
  no file, aliases or not, holds more values than can be read in well under a second;
- an alias inside the block it names (a loop) is refused;
- only plain data comes out: text, numbers, true/false, null, lists and mappings (no
  ``!!binary``, dates or sets), so every value can be validated strictly as JSON.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, cast

import yaml

from . import yamlhints
from .errors import DataPath

MAX_BYTES = 2_000_000  # a long exercise is ~6 KB; a plan of 52 weeks ~60 KB
MAX_DEPTH = 40  # the deepest real content (a program's exercise) is 8 levels
# Values after alias expansion. An exercise has ~300, an 8-week program ~1,000, a 52-week one
# ~7,000; reading 20,000 takes well under a second, so no file can keep a check busy longer.
MAX_VALUES = 20_000


@dataclass(frozen=True)
class Position:
    line: int  # 1-based, as editors count
    column: int


@dataclass
class Document:
    data: object
    values: dict[DataPath, Position] = field(default_factory=dict)
    keys: dict[DataPath, Position] = field(default_factory=dict)
    # Valid YAML that is almost surely a mistake (a list item indented into the text above it):
    # (the value's path, where the mistake is, what to do). The file is still checked field by
    # field; errors inside these values are left out (they would only echo the mistake).
    problems: list[tuple[DataPath, Position, str]] = field(default_factory=list)

    def position(self, path: DataPath, *, prefer_key: bool = False) -> Position:
        """Where a path is written; for a path that is absent, where its nearest parent is."""
        if prefer_key and path in self.keys:
            return self.keys[path]
        probe = path
        while probe:
            if probe in self.values:
                return self.values[probe]
            probe = probe[:-1]
        return self.values.get((), Position(1, 1))


class YamlProblem(Exception):
    def __init__(self, message: str, position: Position) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


# libyaml's C parser is ~20× faster than the pure-Python one (5 s → 0.3 s for a 900-exercise
# library) and keeps the marks we need; fall back where it is not compiled in.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = {f"{_TAG}{t}" for t in ("str", "int", "float", "bool", "null")}
_STR = f"{_TAG}str"
_FILE_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_source(path: Path, *, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file, or YamlProblem saying in words why it cannot be read.

    Opened non-blocking and checked with fstat on the open descriptor (no race between the
    check and the read): a FIFO is refused instead of waiting forever for a writer, a device
    instead of reading /dev/zero until memory runs out.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise YamlProblem(open_failure(path, exc), Position(1, 1)) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in _FILE_KINDS if test(mode)), "not a regular file")
            raise YamlProblem(f"{kind}, not a regular file; only plain files are read", Position(1, 1))
        chunks: list[bytes] = []
        size = 0
        while chunk := os.read(fd, 1 << 16):
            size += len(chunk)
            if size > limit:
                raise YamlProblem(
                    f"the file is larger than {limit // 1_000_000} MB; is it the right file?",
                    Position(1, 1),
                )
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise YamlProblem(f"cannot be read: {exc.strerror or exc}", Position(1, 1)) from None
    finally:
        os.close(fd)


def open_failure(path: Path, exc: OSError) -> str:
    """Why a file cannot be opened, in the words a person would use."""
    if exc.errno == errno.ELOOP:
        return "a symbolic link that loops back on itself"
    if exc.errno == errno.ENOENT and path.is_symlink():
        return f"a broken symbolic link (it points to '{os.readlink(path)}', which does not exist)"
    if exc.errno == errno.ENOENT:
        return "file not found"
    if exc.errno == errno.ENXIO:
        return "a socket or device, not a regular file; only plain files are read"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    return f"cannot be opened: {exc.strerror or exc}"


def decode(raw: bytes) -> str:
    """UTF-8 text without a byte-order mark; YamlProblem at the first undecodable byte or NUL."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise YamlProblem(
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file with UTF-8 encoding",
            _position_in(raw.decode("utf-8", "replace"), len(raw[: exc.start].decode("utf-8", "replace"))),
        ) from None
    nul = text.find("\x00")
    if nul >= 0:
        raise YamlProblem("a NUL byte: this is a binary file, not text", _position_in(text, nul))
    return text.removeprefix("\ufeff")


def _position_in(text: str, index: int) -> Position:
    line = text.count("\n", 0, index) + 1
    return Position(line, index - (text.rfind("\n", 0, index) + 1) + 1)


class _Mark(Protocol):
    """PyYAML's ``Mark``, or libyaml's (the C parser's marks have the same fields)."""

    line: int
    column: int


def _pos(mark: _Mark | None) -> Position:
    return Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)


def parse(raw: bytes) -> Document:
    """Parse bytes of one YAML file; raise YamlProblem with a person-readable message."""
    text = decode(raw)
    loader = _Loader(text)
    try:
        return _Builder(loader, text).document()
    except yaml.MarkedYAMLError as exc:
        position = _pos(exc.problem_mark or exc.context_mark)
        message = _describe(exc, text, position)
        if message is None:  # a syntax error: said in our words, at the line to fix (yamlhints)
            context = _pos(exc.context_mark) if exc.context_mark else position
            hint = yamlhints.explain(
                exc.problem or "",
                exc.context or "",
                text.splitlines(),
                position.line,
                position.column,
                context.line,
            )
            message, position = hint.message, Position(hint.line, hint.column)
        raise YamlProblem(message, position) from None
    except yaml.reader.ReaderError as exc:
        where = _position_in(text, exc.position) if isinstance(exc.position, int) else Position(1, 1)
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise YamlProblem(f"the character U+{ord(char):04X} is not allowed in YAML text", where) from None
    except yaml.YAMLError as exc:  # anything else libyaml reports, still as one line
        raise YamlProblem(f"invalid YAML: {exc}".replace("\n", " "), Position(1, 1)) from None
    finally:
        loader.dispose()


def _describe(exc: yaml.MarkedYAMLError, text: str, position: Position) -> str | None:
    problem = exc.problem or "invalid YAML"
    lines = text.splitlines()
    line = lines[position.line - 1] if 0 < position.line <= len(lines) else ""
    # libyaml does not name the character it choked on; a tab in the indentation is the
    # classic cause, so look at the line itself.
    if "\t" in line[: position.column] or "\t" in line[: len(line) - len(line.lstrip())]:
        return "a tab character; YAML must be indented with spaces"
    if "nesting depth" in problem:
        return f"nested too deeply (more than {MAX_DEPTH} levels)"
    return None


_OPEN = object()  # an anchor whose block is still being read


@dataclass
class _Frame:
    """A list or mapping being built."""

    path: DataPath
    data: dict[str, object] | list[object]
    anchor: str | None
    size: int = 1  # values inside, aliases counted at their full size
    key: str | None = None  # a mapping's key waiting for its value
    merging: bool = False  # the waiting key is the merge key '<<'
    merges: list[tuple[dict[str, object], Position]] = field(default_factory=list)
    first_seen: dict[str, Position] = field(default_factory=dict)


class _Builder:
    """Plain data from parser events, with an explicit stack instead of recursion."""

    def __init__(self, loader: yaml.SafeLoader, text: str = "") -> None:
        self.loader = loader
        self.lines = text.splitlines()  # to say what a suspicious plain value's lines hold
        self.doc = Document(data=None)
        self.anchors: dict[str, object] = {}  # name -> (value, size) or _OPEN
        self.stack: list[_Frame] = []
        self.values = 0
        self.aliased = False  # whether any alias was used (for the message at the limit)

    def document(self) -> Document:
        get = self.loader.get_event
        get()  # StreamStart
        if self.loader.check_event(yaml.StreamEndEvent):
            raise YamlProblem("the file is empty; expected a mapping of fields", Position(1, 1))
        get()  # DocumentStart
        done = False
        while not done:
            event = get()
            if isinstance(event, yaml.ScalarEvent):
                done = self._value(self._scalar(event), 1, event)
            elif isinstance(event, yaml.AliasEvent):
                value, size = self._alias(event)
                done = self._value(value, size, event)
            elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
                self._open(event)
            elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
                done = self._close()
        get()  # DocumentEnd
        if not self.loader.check_event(yaml.StreamEndEvent):
            raise YamlProblem("only one YAML document per file (remove the '---')", _pos(get().start_mark))
        return self.doc

    # --- where the next value goes -------------------------------------------------------

    def _child_path(self) -> DataPath | None:
        """The path of the value that starts now; None when it is a mapping's key."""
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.data, list):
            return (*top.path, len(top.data))
        if top.key is None and not top.merging:
            return None
        return (*top.path, "<<") if top.merging or top.key is None else (*top.path, top.key)

    def _count(self, size: int, event: yaml.Event) -> None:
        self.values += size
        if self.values > MAX_VALUES:
            message = (
                f"the aliases expand to more than {MAX_VALUES:,} values; write the data out instead of "
                "nesting aliases"
                if self.aliased
                else f"more than {MAX_VALUES:,} values in one file; split it (is it the right file?)"
            )
            raise YamlProblem(message, _pos(event.start_mark))

    def _value(self, value: object, size: int, event: yaml.Event) -> bool:
        """Put a finished value in its place; True when it was the whole document."""
        position = _pos(event.start_mark)
        if not self.stack:
            self.doc.data = value
            self.doc.values[()] = position
            return True
        top = self.stack[-1]
        top.size += size
        if isinstance(top.data, list):
            self.doc.values.setdefault((*top.path, len(top.data)), position)
            top.data.append(value)
        elif top.merging:
            top.merges += self._merge_sources(value, position)
            top.merging = False
        elif top.key is None:
            self._key(top, value, event)
        else:
            self.doc.values.setdefault((*top.path, top.key), position)
            top.data[top.key] = value
            top.key = None
        return False

    def _key(self, top: _Frame, key: object, event: yaml.Event) -> None:
        position = _pos(event.start_mark)
        if isinstance(event, yaml.ScalarEvent) and key is _MERGE:
            top.merging = True
            return
        if not isinstance(key, str):
            shown = "a list or mapping" if isinstance(key, list | dict) else repr(key)
            raise YamlProblem(f"keys must be text, got {shown}", position)
        if key in top.first_seen:
            raise YamlProblem(
                f"duplicate key '{key}' (first written at line {top.first_seen[key].line})", position
            )
        top.first_seen[key] = position
        top.key = key
        self.doc.keys[(*top.path, key)] = position

    def _merge_sources(self, value: object, position: Position) -> list[tuple[dict[str, object], Position]]:
        """'<<: *defaults' or '<<: [*a, *b]': mappings whose keys fill in what is not written."""
        sources = value if isinstance(value, list) else [value]
        if not all(isinstance(s, dict) for s in sources):
            raise YamlProblem("'<<' merges mappings: give an alias of a mapping, or a list of them", position)
        return [(s, position) for s in sources]  # type: ignore[misc]

    # --- events -------------------------------------------------------------------------

    def _open(self, event: yaml.CollectionStartEvent) -> None:
        path = self._child_path()
        if path is None:
            raise YamlProblem("keys must be text, got a list or mapping", _pos(event.start_mark))
        if len(self.stack) >= MAX_DEPTH:
            raise YamlProblem(f"nested too deeply (more than {MAX_DEPTH} levels)", _pos(event.start_mark))
        is_map = isinstance(event, yaml.MappingStartEvent)
        default = f"{_TAG}map" if is_map else f"{_TAG}seq"
        if event.tag not in (None, "!", default):
            raise YamlProblem(_tag_message(event.tag, ""), _pos(event.start_mark))
        self._count(1, event)
        self.doc.values.setdefault(path, _pos(event.start_mark))
        if event.anchor is not None:
            self.anchors[event.anchor] = _OPEN
        self.stack.append(_Frame(path, {} if is_map else [], event.anchor))

    def _close(self) -> bool:
        frame = self.stack.pop()
        if isinstance(frame.data, dict):
            # Written keys win over merged ones; of two merged mappings, the first listed wins.
            for source, position in frame.merges:
                for key, value in source.items():
                    if key not in frame.data:
                        frame.data[key] = value
                        self.doc.values.setdefault((*frame.path, key), position)
                        self.doc.keys.setdefault((*frame.path, key), position)
        if frame.anchor is not None:
            self.anchors[frame.anchor] = (frame.data, frame.size)
        if not self.stack:
            self.doc.data = frame.data
            return True
        top = self.stack[-1]
        # The frame's own start was counted when it opened; its inner values are charged now.
        top.size += frame.size
        if isinstance(top.data, list):
            top.data.append(frame.data)
        elif top.merging:
            top.merges += self._merge_sources(frame.data, self.doc.values[frame.path])
            top.merging = False
        else:
            top.data[top.key] = frame.data  # type: ignore[index]
            top.key = None
        return False

    def _alias(self, event: yaml.AliasEvent) -> tuple[object, int]:
        found = self.anchors.get(event.anchor or "")
        if found is None:
            message = f"unknown alias '*{event.anchor}' (no '&{event.anchor}' before it)"
            raise YamlProblem(message, _pos(event.start_mark))
        if found is _OPEN:
            raise YamlProblem(
                f"alias '*{event.anchor}' is inside the block it names, so it would never end",
                _pos(event.start_mark),
            )
        value, size = cast(tuple[object, int], found)  # what _end stores: (value, size)
        self.aliased = True
        self._count(size, event)
        return value, size

    def _scalar(self, event: yaml.ScalarEvent) -> object:
        self._count(1, event)
        tag = event.tag
        if tag in (None, "!"):
            # Quoted and block scalars are text; only plain ones may be numbers, booleans…
            plain = not event.style and event.implicit[0]  # style "" (libyaml) or None: plain
            tag = self.loader.resolve(yaml.ScalarNode, event.value, event.implicit) if plain else _STR
        start, end = event.start_mark, event.end_mark  # a parser's events always carry both
        assert start is not None and end is not None
        if not event.style and (end.line > start.line or event.value.startswith("-")):
            # Plain text over several lines: a list item indented too far joins the text above
            # it; "-one" alone on a line is an item that lost its space (yamlhints).
            path = self._child_path()
            hint = yamlhints.plain_text_problem(self.lines, start.line, end.line, start.column)
            if hint is not None and path is not None:
                self.doc.problems.append((path, Position(hint.line, hint.column), hint.message))
        if tag == _STR:
            value: object = event.value  # the common case, without building a node
        elif tag == f"{_TAG}merge" and self._child_path() is None:
            value = _MERGE
        elif tag not in _PLAIN_TAGS:
            raise YamlProblem(_tag_message(tag, event.value), _pos(event.start_mark))
        else:
            marks: tuple[Any, Any] = (event.start_mark, event.end_mark)  # PyYAML's or libyaml's
            node = yaml.ScalarNode(tag, event.value, *marks, event.style)
            value = self.loader.construct_object(node)
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, 1)
        return value


_MERGE = object()  # the merge key '<<' (a sentinel: a real key of that name is quoted)


def _tag_message(tag: str | None, value: str) -> str:
    short = (tag or "").replace(_TAG, "!!")
    if short == "!!timestamp":
        return f"'{value}' reads as a date; put it in quotes to write it as text"
    if short == "!!merge":
        return "'<<' is the merge key; put it in quotes to write it as text"
    return f"'{short}' values are not allowed; write plain text, a number, true/false, a list or a mapping"
