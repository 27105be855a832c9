"""The licence of a guide's content, declared once in mkdocs.yml and shown wherever it is published.

``extra.license`` (``name``, an optional ``url`` and ``credit``) is read from the config: the
theme's footer (``theme/partials/copyright.html``) prints it on every page, and the published
search index (MkDocs' ``search/search_index.json``, Zensical's ``search.json``) carries it as a
top-level ``license`` object, so whoever reuses the guide's text through its data knows the terms.
The code's licence (MIT, ``LICENSE``) is another matter: this is about the text, figures and
programs (``content/LICENSE.md``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .writer import write_file

FIELDS = ("name", "url", "credit")


def licence_of(extra: object) -> dict[str, str] | None:
    """``extra.license`` as {name, url?, credit?}; None when the config declares none.

    Raises ValueError with the one-line reason when it is declared but malformed (the MkDocs
    plugin turns that into a config error, so a typo never publishes an empty licence).
    """
    if not isinstance(extra, Mapping) or extra.get("license") is None:
        return None
    declared = extra["license"]
    if isinstance(declared, str):  # `license: CC BY 4.0` is a name alone
        declared = {"name": declared}
    if not isinstance(declared, Mapping):
        raise ValueError("extra.license: expected a mapping with name, url and credit")
    unknown = sorted(str(key) for key in declared if key not in FIELDS)
    if unknown:
        raise ValueError(f"extra.license: unknown field '{unknown[0]}' (expected: {', '.join(FIELDS)})")
    licence: dict[str, str] = {}
    for key in FIELDS:
        value = declared.get(key)
        if value is None:
            continue
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"extra.license.{key}: expected text, got {value!r}")
        licence[key] = value.strip()
    if "name" not in licence:
        raise ValueError("extra.license: missing required field 'name' (e.g. CC BY 4.0)")
    url = licence.get("url", "")
    if url and not url.startswith(("https://", "http://")):
        raise ValueError(f"extra.license.url: {url!r} is not a web address starting with http:// or https://")
    return licence


def stamp_index(path: Path, licence: Mapping[str, str] | None) -> bool:
    """Write the licence into a published search index (a JSON object); True when it changed.

    The key is ``license`` (schema.org's and SPDX's spelling). A guide that declares none gets
    no key; the index is otherwise left byte for byte as it was.
    """
    if not path.is_file():
        return False
    index: Any = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(index, dict):
        return False
    wanted = dict(licence) if licence else None
    if index.get("license") == wanted or (wanted is None and "license" not in index):
        return False
    index = stamped(index, licence)
    write_file(path, json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    return True


def stamped(index: Mapping[str, Any], licence: Mapping[str, str] | None) -> dict[str, Any]:
    """A search index (its JSON object) with the licence as its first key, or without the key
    when the guide declares none (``stamp_index``, for an index held in memory)."""
    rest = {k: v for k, v in index.items() if k != "license"}
    return {"license": dict(licence), **rest} if licence else rest
