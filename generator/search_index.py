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
(``mkdocs_plugin``) writes the same index as a full build. Sentences that recur on a large
share of the exercise pages are left out at the source instead (``data-search-exclude``, from
``pages.search_terms.generic_texts``): a decision over the whole library, which such a build
does not have here, but the pages have when they are written.

Then the ranking (issue 18), all computed here so any engine's lunr index can reuse it
(``rank_entries``; ``clean_search_index`` applies it to MkDocs' index):

* ``FIELD_BOOSTS`` and ``SEPARATOR`` are written into the index's own ``config`` (the search
  worker reads them from there), so the weights live in this one place, not in each mkdocs.yml.
* A page's ``text`` becomes a teaser of a line or two (``teaser``): the search results show it,
  and a whole page's text filled a phone's screen per result. The words are searched in
  ``body``.
* Material appends ``*`` to every word typed and skips the stemmer for such terms, so "lunges"
  never met "lunge" and "stairs" never met "stair". Every indexed word also gets its other
  English forms (``word_forms``: plural and singular, -ing), in ``forms`` (title and tag words)
  and ``body_forms`` (the text's), where no word of the entry already starts with them.
* Terms may be phrases ("IT band", "no equipment"): a phrase is indexed as its words plus one
  token of them joined by ``_`` (``phrase_token``), which the site's query rewrite
  (theme/assets/javascripts/workers/rs-search.js) turns a typed phrase into, so the phrase
  ranks as one term and "no" or "it" (stop words, or prefixes of "Nordic", "item") cannot
  swamp it.
* Hand-written pages carry ``topics`` (front matter ``search: terms``, and ``sections`` by
  anchor: what hurts, body parts, everyday words), boosted above everything, so a query that
  names a symptom or body part opens the guide section about it, and a query naming an
  exercise (several of its words) still opens the exercise (Material multiplies a result whose
  words all matched).
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
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

# Field weights of the lunr index (Material multiplies a field's matches by its boost). Guide
# topics (what hurts, body parts) above one-word exercise names ("RDL") above tags (aliases,
# muscles) above lay words ("calf", "no equipment") above titles and word forms, far above text.
FIELD_BOOSTS: dict[str, float] = {
    "topics": 1e8,
    "names": 1e7,
    "tags": 1e6,
    "terms": 1e5,
    "helps": 1e4,  # an exercise a guide section links to, found by that section's topics
    "title": 1e3,
    "forms": 1e3,
    "text": 1,
    "body": 1,
    "body_forms": 1,
}

# Words split at white space, hyphens and punctuation, not only at white space and hyphens
# (Material's default): "knee." and "(IT" were words of their own that no query met exactly.
# Not at ' (runner's: word_forms adds "runners") nor at the query syntax (* ^ ~ + :).
SEPARATOR = r"[\s\-,.;!?()\[\]\"/]+"
_WORD = re.compile(r"[^\s\-,.;!?()\[\]\"/]+")

# lunr's English stop words (lunr.stopWordFilter): the worker drops them, so no form of one is
# worth indexing.
STOP_WORDS = frozenset(
    [
        "a",
        "able",
        "about",
        "across",
        "after",
        "all",
        "almost",
        "also",
        "am",
        "among",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "but",
        "by",
        "can",
        "cannot",
        "could",
        "dear",
        "did",
        "do",
        "does",
        "either",
        "else",
        "ever",
        "every",
        "for",
        "from",
        "get",
        "got",
        "had",
        "has",
        "have",
        "he",
        "her",
        "hers",
        "him",
        "his",
        "how",
        "however",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "just",
        "least",
        "let",
        "like",
        "likely",
        "may",
        "me",
        "might",
        "most",
        "must",
        "my",
        "neither",
        "no",
        "nor",
        "not",
        "of",
        "off",
        "often",
        "on",
        "only",
        "or",
        "other",
        "our",
        "own",
        "rather",
        "said",
        "say",
        "says",
        "she",
        "should",
        "since",
        "so",
        "some",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "tis",
        "to",
        "too",
        "twas",
        "us",
        "wants",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "yet",
        "you",
        "your",
    ]
)

TEASER_CHARS = 160  # about two lines of a result at 390 px


def plain(text: str) -> str:
    """Markup out, white space collapsed (entities left encoded).

    A tag becomes a space (the end of a block), but none is left before a full stop or a comma:
    "<strong>runners</strong>." reads "runners.", as Material shows it.
    """
    return _BEFORE_PUNCTUATION.sub("", _SPACE.sub(" ", _TAG.sub(" ", text))).strip()


Terms = str | Sequence[str]  # words, or a list of terms (each a word or a phrase)


def clean_search_index(
    site: Path,
    exercises: Mapping[str, Mapping[str, Terms]] | None = None,
    topics: Mapping[str, Sequence[str]] | None = None,
) -> int:
    """Rewrite the site's search index as plain text, ranked; returns the number of entries.

    ``exercises`` (exercise page URL path → {field: terms}) names the exercise pages: each is
    folded into one entry (plus its ``DEEP_LINKED`` sections), which gets those fields: the lay
    words and short names of generator/pages/search_terms.py. Other pages keep an entry per
    section. ``topics`` (entry location, ``page/`` or ``page/#anchor`` → terms) are the guide
    pages' search terms (``search_terms.page_topics``). Then ``rank_entries`` (``clean_index``).
    """
    index = read_index(site / INDEX)
    if index is None:
        return 0
    index = clean_index(index, exercises or {}, topics or {})
    write_index(site / INDEX, index)
    return len(index["docs"])


@dataclass(frozen=True)
class Partial:
    """The index of a build that rendered some pages only: the engine's index holds the entries
    of the pages it ``wrote``; the ``others`` come from elsewhere (the last build's finished
    index, a worker process's), and all go in ``pages``' order (every page's URL, as built)."""

    pages: Sequence[str]
    wrote: Collection[str]
    others: Mapping[str, Sequence[dict[str, Any]]]
    # Pages whose ``others`` are entries of a finished index (the last build's), already plain:
    # made plain again, they would be the same (``plain`` leaves plain text as it is).
    finished: Collection[str] = ()

    def is_plain(self, entry: Mapping[str, Any]) -> bool:
        """Whether ``entry`` (of ``entries``) comes from a finished index."""
        page = _page(entry)
        return page not in self.wrote and page in self.finished

    def entries(self, written: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
        """Every page's entries in build order: the engine's for the pages it wrote (none, if it
        wrote a page without any), the others' for the rest."""
        fresh: dict[str, list[dict[str, Any]]] = {}
        for entry in written:
            fresh.setdefault(_page(entry), []).append(entry)
        return [
            entry
            for url in self.pages
            for entry in (fresh.get(url, []) if url in self.wrote else self.others.get(url, []))
        ]


def clean_index(
    index: Mapping[str, Any],
    exercises: Mapping[str, Mapping[str, Terms]],
    topics: Mapping[str, Sequence[str]],
    partial: Partial | None = None,
) -> dict[str, Any]:
    """MkDocs' lunr index (its JSON object) cleaned, folded and ranked (``clean_search_index``
    says how), in memory. With a ``partial`` build's entries, the index a full build writes:
    cleaning, folding and ranking give an entry of a finished index back as it was, unless what
    it is folded or ranked with changed (the exercise's fields, the named words, the topics);
    the memos (``_FORMS``, ``_field_text``, ``_name_phrases``) make that a look-up, so a
    one-edit build does the work of the pages it rendered."""
    docs: list[dict[str, Any]] = list(index.get("docs", []))
    if partial is not None:
        docs = partial.entries(docs)
    for entry in docs:
        if partial is None or not partial.is_plain(entry):
            _plain_entry(entry)
    ranked = rank_entries(fold_exercise_pages(docs, exercises), topics)
    _RANKED["mkdocs"] = _RANKED["last"]
    return {**index, "docs": ranked, "config": search_config(index.get("config") or {})}


def read_index(path: Path) -> dict[str, Any] | None:
    """An engine's search index (a JSON object), or None without the file."""
    if not path.is_file():
        return None
    index = json.loads(path.read_text(encoding="utf-8"))
    return index if isinstance(index, dict) else None


def entries_by_page(site: Path) -> dict[str, list[Any]]:
    """MkDocs' search index entries in ``site``, by the URL of their page."""
    index = read_index(site / INDEX)
    return group_entries(index.get("docs", [])) if index is not None else {}


def group_entries(entries: list[Any]) -> dict[str, list[Any]]:
    """Search index entries by the URL of their page ("exercises/x/#setup" → "exercises/x/")."""
    pages: dict[str, list[Any]] = {}
    for entry in entries:
        pages.setdefault(str(entry.get("location", "")).split("#", 1)[0], []).append(entry)
    return pages


def ranked_key() -> str:
    """The key of the words MkDocs' index was last ranked with in this process (``remember_ranked``)."""
    return _RANKED.get("mkdocs", "")


def read_plain_index(path: Path, key: str) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
    """An engine's search index and its entries (the list under ``key``: MkDocs' ``docs``,
    Zensical's ``items``), each entry's title and text made ``plain``; None without the file."""
    index = read_index(path)
    if index is None:
        return None
    entries: list[dict[str, Any]] = index.get(key, [])
    for entry in entries:
        _plain_entry(entry)
    return index, entries


def _plain_entry(entry: dict[str, Any]) -> None:
    for name in ("title", "text"):
        if isinstance(entry.get(name), str):
            entry[name] = plain(entry[name])


def write_index(path: Path, index: Mapping[str, Any]) -> None:
    write_file(path, json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def _page(doc: Mapping[str, Any]) -> str:
    return str(doc.get("location", "")).split("#", 1)[0]


def _anchor(doc: Mapping[str, Any]) -> str:
    return str(doc.get("location", "")).partition("#")[2]


def fold_exercise_pages(
    docs: list[dict[str, Any]], exercises: Mapping[str, Mapping[str, Terms]]
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
        if "body" not in article:  # not folded before (a page a partial rebuild kept is)
            article["text"] = " ".join(texts)
        fields = {**exercises[page], **name_phrases(exercises[page])}
        for field in ("names", "terms", "helps"):
            if value := field_text(fields.get(field, ())):
                article[field] = value
            else:  # none now (an alias removed): none left from an earlier build either
                article.pop(field, None)
        out += [article, *kept]
    return out


def _section(doc: Mapping[str, Any], article: Mapping[str, Any]) -> dict[str, Any]:
    kept = {key: doc[key] for key in ("location", "title", "text") if key in doc}
    if "boost" in article:
        kept["boost"] = article["boost"]  # an exercise's section ranks like the exercise
    if "body" in doc:  # cleaned before (a page a partial rebuild kept): its teaser split off
        kept["body"] = doc["body"]  # already; without the rest, it would be split again and lost
    return kept


def name_phrases(fields: Mapping[str, Terms]) -> dict[str, list[str]]:
    """An exercise's ``names`` and ``terms``, with its full names as phrases (``titles``).

    A full name ("Single-leg calf raise") goes into ``names`` as one token ("single_leg_calf_raise"),
    each run of two or more of its words into ``terms`` ("calf_raise", "single_leg"): the query
    rewrite turns "calf raise" into that token, so it opens the calf raise, not the guide section
    about the calf, and "romanian deadlift" opens the Romanian deadlift before the single-leg one.
    """

    def listed(field: str) -> tuple[str, ...]:
        value = fields.get(field, ())
        return tuple(value.split() if isinstance(value, str) else value)

    given = fields.get("titles", ())
    names, terms = _name_phrases(
        listed("names"), listed("terms"), (given,) if isinstance(given, str) else tuple(given)
    )
    return {"names": list(names), "terms": list(terms)}


# A pure function of its arguments, kept: a partial rebuild folds every exercise page of the
# index again (~0.2 s at 900 exercises), and only the edited pages' fields are new.
@functools.lru_cache(maxsize=16384)
def _name_phrases(
    given_names: tuple[str, ...], given_terms: tuple[str, ...], titles: tuple[str, ...]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    names, terms = list(given_names), list(given_terms)
    for title in titles:
        parts = _WORD.findall(_normal(title))
        if len(parts) < 2:
            names.append(title)
            continue
        names.append(phrase_token(title))
        runs = [" ".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 2, len(parts) + 1)]
        terms += [phrase_token(run) for run in runs if run != " ".join(parts)]
    return tuple(dict.fromkeys(names)), tuple(dict.fromkeys(terms))


def search_config(config: Mapping[str, Any]) -> dict[str, Any]:
    """The index's ``config`` with RunStrong's fields, weights and word separator.

    Fields an mkdocs.yml declares and this does not know keep their weights.
    """
    fields = dict(config.get("fields") or {})
    fields.update({name: {"boost": boost} for name, boost in FIELD_BOOSTS.items()})
    return {**config, "separator": SEPARATOR, "fields": fields}


def rank_entries(docs: list[dict[str, Any]], topics: Mapping[str, Sequence[str]]) -> list[dict[str, Any]]:
    """Teasers, word forms and guide topics on (plain, folded) entries; the same when run twice.

    ``topics``: location → terms. A page's sections with topics rank in page order among
    themselves (a tiny boost), so "knee" opens the first section about the knee.
    """
    sections_with_topics: dict[str, list[str]] = {}
    for location in topics:
        page, _, anchor = location.partition("#")
        if anchor:
            sections_with_topics.setdefault(page, []).append(location)
    order = {loc: i for page in sections_with_topics.values() for i, loc in enumerate(page)}
    # The words anything is named by (titles, tags, names, terms, topics): the text's words get
    # their other forms only if they are one of these, so the index does not grow with forms of
    # "usually" and "whether". Over the whole index (a partial rebuild cleans the merged one).
    named = _named(docs)
    named_key = _RANKED["last"] = _named_key(named)
    for doc in docs:
        location = str(doc.get("location", ""))
        if "body" not in doc:  # the text not yet split (a page a partial rebuild kept is)
            doc["text"], rest = split_teaser(str(doc.get("text", "")))
            doc["body"] = searched_words(rest)
        if value := field_text(topics.get(location, ())):
            doc["topics"] = value
        else:
            doc.pop("topics", None)
        if location in order:
            page = location.partition("#")[0]
            doc["boost"] = round(1 + (len(sections_with_topics[page]) - order[location]) / 100, 2)
        forms, body_forms = _forms(doc, named_key, named)
        _set(doc, "forms", forms)
        _set(doc, "body_forms", body_forms)
    if len(_FORMS) > 4 * len(docs) + 1000:  # the memo of one index, not of every edit a session made
        _FORMS.clear()
    return docs


# An entry's added word forms by what they are computed from (its own fields and the words the
# whole index is named by): ``runstrong serve`` ranks the index again after each edit, and an
# edit changes a few entries of thousands (~1 s of a rebuild at 900 exercises). A pure function
# of the key, so the memo changes no output.
_FORMS: dict[tuple[object, ...], tuple[list[str], list[str]]] = {}
_FORM_FIELDS = ("title", "names", "terms", "topics", "helps", "body", "text")


def _named(docs: Iterable[Mapping[str, Any]]) -> set[str]:
    """The words the entries are named by, as ``rank_entries`` is given them. Not their
    ``topics``: ranking puts those in (from its ``topics`` argument), so an entry an engine
    wrote has none, and an entry a partial rebuild kept from the last index (a hand-written
    page not rendered again) has them with their forms; read, they would name words a full
    build does not, and rank every text differently."""
    named: set[str] = set()
    for doc in docs:
        named |= words(" ".join(str(doc.get(f, "")) for f in ("title", "names", "terms", "helps")))
        named |= words(" ".join(str(t) for t in doc.get("tags") or []))
    return named


def _named_key(named: set[str]) -> str:
    return hashlib.sha256(" ".join(sorted(named)).encode("utf-8")).hexdigest()


def _forms_key(doc: Mapping[str, Any], named_key: str) -> tuple[object, ...]:
    tags = tuple(str(t) for t in doc.get("tags") or [])
    return (named_key, tags, *(str(doc.get(f, "")) for f in _FORM_FIELDS))


# The named words' key of the last ranking ("last"), and of the last MkDocs index ("mkdocs").
_RANKED: dict[str, str] = {"last": ""}


def remember_ranked(docs: Sequence[Mapping[str, Any]], named_key: str) -> None:
    """Seed the memo with the entries of an index ``rank_entries`` finished (the last build's),
    ranked with the words of ``named_key`` (``ranked_key`` then): ranking is the same when run
    twice, so a finished entry's forms are the forms of its fields under those words. A
    one-edit build then ranks only the entries of the pages the edit changed. The named words
    are those of the entries as ``rank_entries`` was given them, which a finished index no
    longer shows (its topics carry their forms), so the key travels with the build's state."""
    if not named_key:
        return
    for doc in docs:
        if "body" in doc and "text" in doc:
            forms, body_forms = str(doc.get("forms", "")), str(doc.get("body_forms", ""))
            _FORMS.setdefault(_forms_key(doc, named_key), (forms.split(), body_forms.split()))


def _forms(doc: Mapping[str, Any], named_key: str, named: set[str]) -> tuple[list[str], list[str]]:
    key = _forms_key(doc, named_key)
    if (found := _FORMS.get(key)) is not None:
        return found
    heading = [str(doc.get("title", "")), *(str(t) for t in doc.get("tags") or [])]
    fields = ("names", "terms", "topics", "helps")
    present = words(" ".join([*heading, *(str(doc.get(f, "")) for f in fields)]))
    body = words(str(doc["body"]) + " " + str(doc["text"]))
    found = (
        new_forms(words(" ".join(heading)), present),
        new_forms(body & named, present | body, inflect=False),
    )
    _FORMS[key] = found
    return found


def _set(doc: dict[str, Any], field: str, values: list[str]) -> None:
    if values:
        doc[field] = " ".join(values)
    else:
        doc.pop(field, None)


def teaser(text: str, limit: int = TEASER_CHARS) -> str:
    """The start of a text, a line or two: whole sentences while they fit, else cut at a word."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = max(cut.rfind(". "), cut.rfind("? "), cut.rfind("! "))
    if end >= limit // 3:
        return cut[: end + 1]
    # Not inside an HTML entity ("&amp;"), which Material shows as markup.
    cut = cut.rsplit(" ", 1)[0] if " " in cut else cut
    cut = re.sub(r"&[#a-zA-Z0-9]*$", "", cut)
    return cut.rstrip(" ,;:—–-") + " …"


def split_teaser(text: str) -> tuple[str, str]:
    """(teaser, the rest of the text): both are searched, the teaser is shown."""
    short = teaser(text)
    shown = short.removesuffix(" …")
    return short, text[len(shown) :].strip() if text.startswith(shown) else text


def searched_words(text: str) -> str:
    """The words of a text that a search can meet, in order: what ``body`` needs, never shown.

    The search splits the text at ``SEPARATOR`` and drops lunr's stop words before indexing
    (the pipeline of the index's config), and a mark such as "·", "×" or "—" is a word nobody
    types: leaving them out here indexes the same terms, each as often, in a quarter fewer
    bytes (the index is downloaded by every phone that searches).
    """
    return " ".join(w for w in _WORD.findall(text) if w.lower() not in STOP_WORDS and _SEARCHABLE.search(w))


_SEARCHABLE = re.compile(r"\w")  # a letter or a digit


def words(text: str) -> set[str]:
    """The lowercase words of a text, split as the search worker splits them (``SEPARATOR``)."""
    return {w.lower() for w in _WORD.findall(text)}


def phrase_token(phrase: str) -> str:
    """One index token for a phrase: "IT band" → "_it_band", "runner's knee" → "_runners_knee".

    The leading "_" keeps a word typed alone from matching the phrase as a prefix ("step" is
    not "Step-back lunge"); the query rewrite produces the same token from the typed phrase.
    """
    return "_" + "_".join(_WORD.findall(_normal(phrase)))


def _normal(text: str) -> str:
    return re.sub(r"['’]", "", text.lower()).replace("-", " ")


def field_text(terms: Terms) -> str:
    """A field's value: each term's words, plus one token for each phrase (``phrase_token``),
    plus the words' other forms (``new_forms``: "calfs", "knees")."""
    if isinstance(terms, str):
        return terms
    return _field_text(tuple(terms))


# Pure, and kept for the same reason as ``_name_phrases``: each fold and ranking asks again.
@functools.lru_cache(maxsize=16384)
def _field_text(terms: tuple[str, ...]) -> str:
    out: list[str] = []
    for term in terms:
        parts = _normal(term).split()
        if len(parts) > 1 and not term.startswith("_"):
            # The phrase as one token only: its words alone would rank the entry for each
            # of them ("band" is not "IT band"); the query rewrite makes the token of the phrase.
            out.append(phrase_token(term))
            continue
        out.append(term)
        if "'" in term or "’" in term:
            out.append(parts[0])  # runner's → runners too
    plain_words = words(" ".join(t for t in out if not t.startswith("_")))
    out += new_forms(plain_words, plain_words)
    return " ".join(dict.fromkeys(out))


_VOWELS = set("aeiou")


def word_forms(word: str) -> list[str]:
    """Other English forms of a word, as a runner might type it: plural and singular, -ing.

    Not a stemmer (the index keeps the words as written; Material's wildcard queries are never
    stemmed): the forms a prefix search would miss. "calf" → "calves", "calfs"; "lunges" →
    "lunge"; "stair" → "stairs"; "hop" → "hops", "hopping".
    """
    w = word.lower()
    if len(w) < 3 or not w.isalpha():
        return [w.replace("'", "").replace("’", "")] if "'" in w or "’" in w else []
    out: list[str] = []
    if w.endswith("ies") and len(w) > 4:
        out.append(w[:-3] + "y")
    elif w.endswith("ves") and len(w) > 4:
        out.append(w[:-3] + "f")
    elif w.endswith(("sses", "xes", "zes", "ches", "shes")):
        out.append(w[:-2])
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        out.append(w[:-1])
    elif w.endswith("ing") and len(w) > 5 and not w.endswith(("string", "spring", "thing", "sling", "swing")):
        stem = w[:-3]
        out += [stem, stem + "e"]
        if len(stem) > 2 and stem[-1] == stem[-2]:
            out.append(stem[:-1])
    else:
        if w.endswith("y") and w[-2] not in _VOWELS:
            out.append(w[:-1] + "ies")
        elif w.endswith("f"):
            out += [w[:-1] + "ves", w + "s"]
        elif w.endswith(("s", "x", "z", "ch", "sh")):
            out.append(w + "es")
        else:
            out.append(w + "s")
        if w.endswith("e") and not w.endswith("ee"):
            out.append(w[:-1] + "ing")
        elif _short_cvc(w):
            out.append(w + w[-1] + "ing")  # hop → hopping, run → running
    return out


def _short_cvc(w: str) -> bool:
    """A short word ending consonant-vowel-consonant doubles its last letter before -ing."""
    ends = len(w) <= 4 and w[-1] not in _VOWELS | {"w", "x", "y"}
    return ends and w[-2] in _VOWELS and w[-3] not in _VOWELS


def new_forms(found: Iterable[str], present: Iterable[str], *, inflect: bool = True) -> list[str]:
    """The forms of ``found`` words that no word of ``present`` starts with, sorted.

    A prefix query already finds "lunge" in "lunges"; only forms no present word starts with
    are worth a place in the index. ``inflect=False`` (a page's text): plural and singular of
    words of four letters or more only, which keeps the index near its size.
    """
    have = sorted(set(present))
    out: set[str] = set()
    for word in found:
        if word in STOP_WORDS or (not inflect and len(word) < 4):
            continue
        for form in word_forms(word):
            if not inflect and form.endswith("ing") and not word.endswith("ing"):
                continue
            if form and not _starts_any(have, form):
                out.add(form)
    return sorted(out)


def _starts_any(sorted_words: list[str], prefix: str) -> bool:
    import bisect

    i = bisect.bisect_left(sorted_words, prefix)
    return i < len(sorted_words) and sorted_words[i].startswith(prefix)


# ---- Zensical's index ---------------------------------------------------------------------

ZENSICAL_INDEX = "search.json"

# Zensical's own word separator, but not at "_": a phrase token ("_no_equipment") stays one
# word, as in MkDocs' index. (Zensical's worker and its page highlighting read it from the
# index's config.)
ZENSICAL_SEPARATOR = r'[\s\-,:;!?=\[\]()\\"`/]+|\.(?!\d)'

# Keys of a Zensical item its search dialog reads (the result's breadcrumbs, the tag filter,
# the heading level): a folded exercise section takes them from the item it was.
_ZENSICAL_KEYS = ("path", "level", "tags")


def tidy_zensical_search(
    site: Path,
    exercises: Mapping[str, Mapping[str, Terms]],
    topics: Mapping[str, Sequence[str]] | None = None,
    boosts: Mapping[str, float] | None = None,
) -> int:
    """Zensical's ``search.json`` tidied and given the ranking fields of MkDocs' index; returns
    its item count.

    The same entries as ``clean_search_index`` writes: plain text, each exercise page folded
    into one item (and its ``DEEP_LINKED`` sections), the same ranking fields (``names``,
    ``terms``, ``helps``, ``topics``, ``forms``, ``body_forms``) and the pages' ``boosts`` (URL
    path → boost: Zensical leaves out the front matter's ``search: boost``). Two
    differences, for Zensical's dialog: an item's ``text`` stays whole (Zensical shows the
    passage around the match, not a teaser), and the index's config carries the word separator
    and stop words the query rewrite needs. Zensical's worker knows three fields and no
    boosts; RunStrong's search worker (theme/assets/javascripts/workers/rs-search.js) lays
    these fields out for it so that it ranks as MkDocs' index does. Does nothing to a site
    without that file.
    """
    loaded = read_plain_index(site / ZENSICAL_INDEX, "items")
    if loaded is None:
        return 0
    index, items = loaded
    original = {str(item.get("location", "")): item for item in items}
    for item in items:
        if boost := (boosts or {}).get(_page(item)):
            item["boost"] = boost  # a section ranks like its page, as in Material's index
    folded = fold_exercise_pages([dict(item) for item in items], exercises)
    whole = {id(item): str(item.get("text", "")) for item in folded}
    for item in rank_entries(folded, topics or {}):
        item["text"] = whole[id(item)]
        item.pop("body", None)
        # A kept section has its location, title and text; Zensical's dialog reads the rest too.
        for key in _ZENSICAL_KEYS:
            if key in original.get(str(item.get("location", "")), {}):
                item.setdefault(key, original[str(item["location"])][key])
    index["items"] = folded
    index["config"] = {
        **(index.get("config") or {}),
        "separator": ZENSICAL_SEPARATOR,
        "stop_words": sorted(STOP_WORDS),
    }
    write_index(site / ZENSICAL_INDEX, index)
    return len(folded)
