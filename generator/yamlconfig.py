"""mkdocs.yml read as plain YAML, without MkDocs: ``!ENV`` resolved and ``INHERIT`` merged as
MkDocs does it, ``!!python/name:`` tags kept (``PythonName``) for the config another engine reads."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml


class PythonName(str):
    """A ``!!python/name:module.attr`` value (the emoji index and generator), kept as a tag.

    Zensical resolves these itself (and maps ``material.extensions`` onto its own), so the
    written config must carry the tag, not whatever a Python loader would make of it.
    """


class _Loader(yaml.SafeLoader):
    """Safe YAML that keeps ``!!python/name:`` tags and resolves ``!ENV`` as MkDocs does."""


def _python_name(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> PythonName:
    return PythonName(suffix)


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """``!ENV NAME`` or ``!ENV [NAME, …, default]``: the first variable set, else the default."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    elif isinstance(node, yaml.SequenceNode) and node.value:
        *name_nodes, last = node.value
        names = [loader.construct_scalar(n) for n in name_nodes]
        default = loader.construct_object(last)
        if not name_nodes:  # one item: a name with no default
            names, default = [loader.construct_scalar(last)], None
    else:
        raise yaml.constructor.ConstructorError(None, None, "!ENV takes a name or a list", node.start_mark)
    for name in names:
        if name in os.environ:
            value = os.environ[name]
            tag = loader.resolve(yaml.ScalarNode, value, (True, False))
            return loader.construct_object(yaml.ScalarNode(tag, value))
    return default


_Loader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)
_Loader.add_constructor("!ENV", _env)


def read_config(config_file: Path, _seen: tuple[Path, ...] = ()) -> dict[str, Any]:
    """The config's settings, with ``INHERIT:`` resolved as MkDocs does it.

    ``INHERIT: base.yml`` (relative to the config) reads that file first and lays this one over
    it: mappings merge key by key, anything else (lists included) is replaced. Left in, the key
    would reach the generated project, which neither engine could then build (its path is
    relative to the guide's folder, not the project's).
    """
    with config_file.open(encoding="utf-8") as f:
        data = yaml.load(f, Loader=_Loader)  # a SafeLoader subclass: no arbitrary objects
    if not isinstance(data, dict):
        raise ValueError(f"{config_file}: not a mapping of settings")
    parent = data.pop("INHERIT", None)
    if parent is None:
        return data
    base = (config_file.parent / str(parent)).resolve()
    if base in _seen or base == config_file.resolve():
        raise ValueError(f"{config_file}: INHERIT: {parent} inherits from itself")
    if not base.is_file():
        raise ValueError(f"{config_file}: INHERIT: {base} not found")
    return _merged(read_config(base, (*_seen, config_file.resolve())), data)


def _merged(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """MkDocs' INHERIT merge (mkdocs.utils.yaml.merge): nested mappings merged, the rest replaced."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = _merged(out[key], value)
        else:
            out[key] = value
    return out
