"""Read one YAML file into plain data *and* remember where every key and value sits.

PyYAML's constructed objects forget their positions, so the file is composed into nodes
first and walked once: the walk builds the data and a map from each path to its line and
column. Validation errors (pydantic's ``loc``) are then pointed back at the exact spot.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from .errors import Path


@dataclass(frozen=True)
class Position:
    line: int  # 1-based, as editors count
    column: int


@dataclass
class Document:
    data: object
    values: dict[Path, Position] = field(default_factory=dict)
    keys: dict[Path, Position] = field(default_factory=dict)

    def position(self, path: Path, *, prefer_key: bool = False) -> Position:
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


# libyaml's C parser composes ~20× faster than the pure-Python one (5 s → 0.3 s for a
# 900-exercise library) and keeps the marks we need; fall back where it is not compiled in.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _pos(mark: yaml.Mark | None) -> Position:
    return Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)


def parse(raw: bytes) -> Document:
    """Parse bytes of one YAML file; raise YamlProblem with a person-readable message."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlProblem(
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file with UTF-8 encoding",
            Position(line, column),
        ) from None
    text = text.removeprefix("\ufeff")
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise YamlProblem("the file is empty; expected a mapping of fields", Position(1, 1))
        doc = Document(data=None)
        doc.data = _walk(loader, node, (), doc)
        return doc
    except yaml.MarkedYAMLError as exc:
        position = _pos(exc.problem_mark or exc.context_mark)
        raise YamlProblem(_describe(exc, text, position), position) from None
    finally:
        loader.dispose()


def _describe(exc: yaml.MarkedYAMLError, text: str, position: Position) -> str:
    problem = exc.problem or "invalid YAML"
    lines = text.splitlines()
    line = lines[position.line - 1] if 0 < position.line <= len(lines) else ""
    # libyaml does not name the character it choked on; a tab in the indentation is the
    # classic cause, so look at the line itself.
    if "\t" in line[: position.column] or "\t" in line[: len(line) - len(line.lstrip())]:
        return "a tab character; YAML must be indented with spaces"
    context = f" {exc.context}" if exc.context else ""
    return f"invalid YAML: {problem}{context}".replace("\n", " ")


def _walk(loader: yaml.SafeLoader, node: yaml.Node, path: Path, doc: Document) -> object:
    doc.values[path] = _pos(node.start_mark)
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)  # resolves YAML merge keys ("<<: *defaults")
        out: dict[str, object] = {}
        first_seen: dict[str, Position] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                raise YamlProblem(f"keys must be text, got {key!r}", _pos(key_node.start_mark))
            if key in first_seen:
                raise YamlProblem(
                    f"duplicate key '{key}' (first written at line {first_seen[key].line})",
                    _pos(key_node.start_mark),
                )
            first_seen[key] = _pos(key_node.start_mark)
            doc.keys[(*path, key)] = _pos(key_node.start_mark)
            out[key] = _walk(loader, value_node, (*path, key), doc)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_walk(loader, item, (*path, i), doc) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)
