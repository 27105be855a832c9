"""Tidy Material's search index after the build: plain text, one entry per exercise page.

Material keeps ``<p>``, ``<li>``, ``<code>``… tags in each entry's text so it can lay the
results out; in the index they are noise that the search worker tokenises and ships to every
phone. Text is joined with a space where a block ended and runs of white space collapse.
Entities stay encoded: Material shows the text as HTML, so a decoded "&lt;script&gt;" in
an exercise's text would become markup in the results. (Repeated text —
each exercise's summary on the library and browse pages — is kept out of the index at the
source with ``data-search-exclude``.)

Material also writes an entry per section, each carrying the page's tags and fields again: 14
entries for an exercise page, over 4 KB of index per exercise, most of it copies. A library of
900 exercises then ships a 3.7 MB index to every phone. So an exercise page becomes one entry
holding the words of its sections (but those that name other pages: ``UNINDEXED``), plus an
entry for each section that a search should open directly (``DEEP_LINKED``). The page's
anchors themselves do not change.

Each page is folded from its own entries only, and folding a folded page changes nothing: a
build that renders only the edited pages and keeps the others' entries from the last build
(``mkdocs_plugin``) writes the same index as a full build. (Leaving out sentences that recur on
many pages would save another fifth, but that is a decision over the whole index, which such
a build does not have.)
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .writer import write_file

INDEX = "search/search_index.json"
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_BEFORE_PUNCTUATION = re.compile(r" (?=[,.:;!?])")

# Sections of an exercise page that keep an entry of their own, so a search result opens them:
# what to do with no kit, dumbbells or a gym ("backpack", "no kit") is a section people look
# for by itself. The other sections' words go into the page's one entry.
DEEP_LINKED: tuple[str, ...] = ("substitutes",)

# Sections whose words name other pages, not this exercise: the programs that use it, related
# exercises, where the text comes from. Indexed here, "foundation" or "free-exercise-db" would
# find hundreds of exercise pages before the one page about it; their words stay out.
UNINDEXED: tuple[str, ...] = ("programs", "related", "source")


def plain(text: str) -> str:
    """Markup out, white space collapsed (entities left encoded).

    A tag becomes a space (the end of a block), but none is left before a full stop or a comma:
    "<strong>runners</strong>." reads "runners.", as Material shows it.
    """
    return _BEFORE_PUNCTUATION.sub("", _SPACE.sub(" ", _TAG.sub(" ", text))).strip()


def clean_search_index(site: Path, exercises: Mapping[str, Mapping[str, str]] | None = None) -> int:
    """Rewrite the site's search index as plain text; returns the number of entries.

    ``exercises`` (exercise page URL path → {field: words}) names the exercise pages: each is
    folded into one entry (plus its ``DEEP_LINKED`` sections), which gets those fields: the lay
    words and short names of generator/pages/search_terms.py (the fields and their weights are
    declared in mkdocs.yml). Other pages keep an entry per section.
    """
    exercises = exercises or {}
    path = site / INDEX
    if not path.is_file():
        return 0
    index = json.loads(path.read_text(encoding="utf-8"))
    docs: list[dict[str, Any]] = index.get("docs", [])
    for doc in docs:
        for name in ("title", "text"):
            if isinstance(doc.get(name), str):
                doc[name] = plain(doc[name])
    index["docs"] = fold_exercise_pages(docs, exercises)
    write_file(path, json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    return len(index["docs"])


def _page(doc: Mapping[str, Any]) -> str:
    return str(doc.get("location", "")).split("#", 1)[0]


def _anchor(doc: Mapping[str, Any]) -> str:
    return str(doc.get("location", "")).partition("#")[2]


def fold_exercise_pages(
    docs: list[dict[str, Any]], exercises: Mapping[str, Mapping[str, str]]
) -> list[dict[str, Any]]:
    """The entries with each exercise page's sections folded into its first entry.

    Material makes the first entry of a page its article (the result's heading) and the rest
    its sections, so the first stays first; only the ``DEEP_LINKED`` sections follow it, with
    their title, text and the page's boost (not the tags and fields: the article has those).
    """
    groups: dict[str, list[dict[str, Any]]] = {}
    for doc in docs:
        groups.setdefault(_page(doc), []).append(doc)
    out: list[dict[str, Any]] = []
    for page, group in groups.items():
        if page not in exercises:
            out += group
            continue
        article = group[0]
        texts: list[str] = []
        kept: list[dict[str, Any]] = []
        for doc in group:
            if doc is not article and _anchor(doc) in DEEP_LINKED:
                kept.append(_section(doc, article))
            elif doc.get("text") and _anchor(doc) not in UNINDEXED:
                texts.append(str(doc["text"]))
        article["text"] = " ".join(texts)
        for field, value in exercises[page].items():
            if value:
                article[field] = value
            else:  # none now (an alias removed): none left from an earlier build either
                article.pop(field, None)
        out += [article, *kept]
    return out


def _section(doc: Mapping[str, Any], article: Mapping[str, Any]) -> dict[str, Any]:
    kept = {key: doc[key] for key in ("location", "title", "text") if key in doc}
    if "boost" in article:
        kept["boost"] = article["boost"]  # an exercise's section ranks like the exercise
    return kept


# ---- Zensical's index ---------------------------------------------------------------------

ZENSICAL_INDEX = "search.json"


def tidy_zensical_search(site: Path, exercises: Mapping[str, Mapping[str, str]]) -> int:
    """Zensical's ``search.json`` tidied and ranked like MkDocs' index; returns its item count.

    The same tidy-up (``search_index``): plain text, each exercise page folded into one item
    (and its ``DEEP_LINKED`` sections). Zensical's search has three fixed fields (title ×3, path
    ×2, text) and no per-document boost, and among matches in the same field it ranks the one
    matched earliest first; so an exercise's short names and lay words ("RDL", "calf", "no
    equipment") go at the very start of its text, where a search finds them before any page
    that only mentions them further in. Does nothing to a site without that file.
    """
    path = site / ZENSICAL_INDEX
    if not path.is_file():
        return 0
    index = json.loads(path.read_text(encoding="utf-8"))
    items: list[dict[str, Any]] = index.get("items", [])
    for item in items:
        for name in ("title", "text"):
            if isinstance(item.get(name), str):
                item[name] = plain(item[name])
    original = {str(item.get("location", "")): item for item in items}
    folded = _fold_other_pages(fold_exercise_pages([dict(item) for item in items], exercises), exercises)
    for item in folded:
        words = [item.pop(field, "") for field in ("names", "terms")]
        if any(words):
            item["text"] = " ".join(w for w in [*words, item.get("text", "")] if w)
        # A kept section has its location, title and text; Zensical's worker reads the rest too.
        for key, value in original.get(str(item.get("location", "")), {}).items():
            item.setdefault(key, value)
    index["items"] = folded
    write_file(path, json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    return len(folded)


def _fold_other_pages(
    items: list[dict[str, Any]], exercises: Mapping[str, Mapping[str, str]]
) -> list[dict[str, Any]]:
    """Every other page as one item too: its sections' titles and words in its text.

    Zensical ranks a match in any title above every match in text, and has no boost to lift
    an exercise above it: left as items of their own, the section "Calves" of the browse page
    or "Shin pain" of a guide page would come before every calf or shin exercise. Folded, their
    words still find the page (its title first), after the exercises whose names and lay words
    lead their text; MkDocs' index, with its boosts, keeps those sections apart.
    """
    groups: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        groups.setdefault(str(item.get("location", "")).split("#", 1)[0], []).append(item)
    out: list[dict[str, Any]] = []
    for page, group in groups.items():
        if page in exercises or len(group) == 1:
            out += group
            continue
        article, *sections = group
        words = [str(article.get("text", ""))]
        words += [f"{s.get('title', '')}: {s.get('text', '')}".strip(": ") for s in sections]
        article["text"] = " ".join(w for w in words if w)
        out.append(article)
    return out
