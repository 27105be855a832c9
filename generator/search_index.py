"""Tidy Material's search index after the build: plain text, no markup.

Material keeps ``<p>``, ``<li>``, ``<code>``… tags in each entry's text so it can lay the
results out; in the index they are noise that the search worker tokenises and ships to every
phone. Text is joined with a space where a block ended and runs of white space collapse.
Entities stay encoded: Material shows the text as HTML, so a decoded "&lt;script&gt;" in
an exercise's text would become markup in the results. (Repeated text —
each exercise's summary on the library and browse pages — is kept out of the index at the
source with ``data-search-exclude``.)
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path

INDEX = "search/search_index.json"
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def plain(text: str) -> str:
    """Markup out, white space collapsed (entities left encoded)."""
    return _SPACE.sub(" ", _TAG.sub(" ", text)).strip()


def clean_search_index(site: Path, extra: Mapping[str, Mapping[str, str]] | None = None) -> int:
    """Rewrite the site's search index as plain text; returns the number of entries.

    ``extra`` (page URL path → {field: words}) adds searchable fields to every entry of those
    pages: the lay words and short names of generator/pages/search_terms.py (the fields and
    their weights are declared in mkdocs.yml).
    """
    extra = extra or {}
    path = site / INDEX
    if not path.is_file():
        return 0
    index = json.loads(path.read_text(encoding="utf-8"))
    for doc in index.get("docs", []):
        for name in ("title", "text"):
            if isinstance(doc.get(name), str):
                doc[name] = plain(doc[name])
        for field, words in extra.get(str(doc.get("location", "")).split("#", 1)[0], {}).items():
            if words:
                doc[field] = words
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return len(index.get("docs", []))
