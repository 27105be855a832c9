"""Content folder → validated, cross-referenced ``Guide``, or every error found in one go.

Three passes, each collecting errors instead of stopping at the first:
1. each YAML file is parsed (with positions) and validated against its model class;
2. vocabulary values (muscles, equipment) and references between files are checked;
3. only when both passes are clean is the immutable ``Guide`` returned.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import hashlib
import json
import pickle
import re
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

import pydantic
from pydantic import BaseModel

from . import glyphs, handwritten, urls, yamlsource
from .bundle import Bundle
from .cache import Cache, library_versions
from .errors import (
    ContentError,
    ContentErrors,
    DataPath,
    did_you_mean,
    display_path,
    format_path,
)
from .model import (
    PLAIN_TEXT_PATTERN,
    SLUG_PATTERN,
    TEMPO_PATTERN,
    Category,
    EquipmentVocabulary,
    Exercise,
    Guide,
    MuscleVocabulary,
    Program,
    Strict,
)
from .redirects import published_outputs
from .yamlsource import Document, Position, YamlProblem, parse, read_source

MUSCLES_FILE = Path("vocabulary/muscles.yaml")
EQUIPMENT_FILE = Path("vocabulary/equipment.yaml")
NO_EQUIPMENT = "none"
# File names that would collide with generated pages (exercises/index.md, exercises/by-muscle.md…).
RESERVED_SLUGS = frozenset({"index", "by-muscle", "by-pattern", "by-equipment", "by-level"})

M = TypeVar("M", bound=Strict)


# Files parsed and validated without a problem, by model and the hash of their bytes, for the
# life of the process: a `runstrong serve` rebuild after one edit parses one file, not 900.
# Models are frozen and documents are only read, so sharing them between loads is safe; files
# a ``prepare`` step rewrites (programs following renamed exercises) are always read anew.
# The third part is the file's checked entry (``_Collector._keep_checked``): a load hands it to
# the bundle of checked files (``checked_files``), so the next process finds it there too.
_READ: dict[tuple[str, bytes], tuple[Document, Strict, bytes | None]] = {}
# Figure-check results by the figure's JSON: the check is a pure function of the figure, so a
# caller may keep them between loads (pipeline.load keeps them in the render cache).
FigureChecks = dict[str, list[tuple[DataPath, str]]]


@functools.cache
def _parser_version() -> bytes:
    """The parser: our code and the YAML library under it (a new PyYAML may read a file
    otherwise, or give other positions)."""
    versions = json.dumps(library_versions("pyyaml")).encode()
    return hashlib.sha256(Path(yamlsource.__file__).read_bytes() + b"\0" + versions).digest()


@functools.cache
def _reader_version() -> bytes:
    """What a file's checked result depends on besides its bytes: the parser, the models and
    the validator that read it (pydantic), the per-file checks here and the fonts' glyphs."""
    from . import fonts, model

    digest = hashlib.sha256(_parser_version())
    digest.update(json.dumps(library_versions("pydantic", "fonttools")).encode())
    for path in [Path(__file__), Path(model.__file__), Path(glyphs.__file__)]:
        digest.update(path.read_bytes() + b"\0")
    for font in (fonts.SANS, fonts.SANS_BOLD, fonts.CONDENSED, fonts.CONDENSED_BOLD):
        digest.update(Path(font).read_bytes())
    return digest.digest()


def _json_safe(value: object) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and _json_safe(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_json_safe(v) for v in value)
    return value is None or isinstance(value, str | int | float)


def _json_document(doc: Document) -> bytes | None:
    if not _json_safe(doc.data) or doc.problems:  # a file with a mistake is parsed each time
        return None
    table = {
        "data": doc.data,
        "values": [[list(p), at.line, at.column] for p, at in doc.values.items()],
        "keys": [[list(p), at.line, at.column] for p, at in doc.keys.items()],
    }
    try:
        return json.dumps(table, ensure_ascii=False).encode("utf-8")
    except (ValueError, UnicodeEncodeError):
        return None


def _document(data: bytes) -> Document | None:
    try:
        table = json.loads(data)
        return Document(
            table["data"],
            {tuple(p): Position(line, column) for p, line, column in table["values"]},
            {tuple(p): Position(line, column) for p, line, column in table["keys"]},
        )
    except (ValueError, KeyError, TypeError):
        return None  # another format: parsed again


# The text of one content file, all fields together: the guide's longest exercise has ~5,500
# characters, a 52-week plan ~60,000.
MAX_TEXT_CHARS = 200_000


class _Unparsed(Document):
    """A checked file's document whose positions are found only when asked: a file read from
    the render cache had no error, and a later check (a reference, a name) rarely points at it.
    Only ``position`` is asked of a checked file's document (errors and notes point with it)."""

    def __init__(self, data: object, source: bytes) -> None:
        super().__init__(data)
        self._source = source
        self._parsed: Document | None = None

    def position(self, path: DataPath, *, prefer_key: bool = False) -> Position:
        if self._parsed is None:
            self._parsed = parse(self._source)
        return self._parsed.position(path, prefer_key=prefer_key)


class _Collector:
    """Gathers errors for every file; knows how to point a data path back at its line."""

    def __init__(self, parsed: Cache | None = None, checked: Bundle | None = None) -> None:
        self.parsed = parsed  # YAML files already parsed, by their bytes (see _parse)
        self.checked = checked  # files already parsed, checked and validated (see _checked)
        self.errors: list[ContentError] = []
        self.notes: list[ContentError] = []  # not errors: printed, and the command succeeds
        self.renamed: dict[str, str] = {}  # former slug -> current slug of an exercise
        self.documents: dict[Path, Document] = {}
        self.parsed_now: dict[Path, str] = {}  # files parsed by this load: their parsed entries' keys
        self.outside: set[Path] = set()  # links leaving the content folder: reported, never read

    def add(self, file: Path, path: DataPath, message: str, *, at_key: bool = False) -> None:
        doc = self.documents.get(file)
        pos = doc.position(path, prefer_key=at_key) if doc else None
        self.errors.append(
            ContentError(
                display_path(file),
                pos.line if pos else 1,
                pos.column if pos else 1,
                format_path(path),
                message,
            )
        )

    def note(self, file: Path, path: DataPath, message: str) -> None:
        pos = self.documents[file].position(path)
        self.notes.append(ContentError(display_path(file), pos.line, pos.column, "note", message))

    def read(
        self,
        file: Path,
        model: type[M],
        *,
        prepare: typing.Callable[[Path, object], None] | None = None,
        prepared_by: bytes | None = None,
    ) -> M | None:
        """Parse (guarded: see yamlsource) and validate one file; ``prepare`` may fix the raw data
        first. ``prepared_by``: everything ``prepare`` reads besides the file (its result may
        then be kept, when it noted nothing); without it a prepared file is always read anew."""
        if file in self.outside:
            return None
        try:
            source = read_source(file)
        except YamlProblem as exc:
            self.errors.append(
                ContentError(display_path(file), exc.position.line, exc.position.column, "", exc.message)
            )
            return None
        keep = prepare is None or prepared_by is not None
        source_key = source if prepare is None else (prepared_by or b"") + b"\0" + source
        key = (model.__name__, hashlib.sha256(source_key).digest())
        if keep and (seen := _READ.get(key) or self._checked(model, source_key, source)) is not None:
            self.documents[file] = seen[0]
            _READ[key] = seen
            if self.checked is not None:  # the bundle keeps it for the next process too
                checked = self._checked_key(model, source_key)
                if seen[2] is not None:
                    self.checked.put(checked, seen[2])
                else:  # read in this process without a cache: kept if the bundle holds it
                    self.checked.get(checked)
            return typing.cast(M, seen[1])
        errors, notes = len(self.errors), len(self.notes)
        item = self._read(file, source, model, prepare)
        covered = False
        if keep and item is not None and len(self.errors) == errors and len(self.notes) == notes:
            kept = self._keep_checked(model, source_key, self.documents[file], item)
            _READ[key] = (self.documents[file], item, kept)
            # A checked entry keyed by the file alone is all the next load reads of it; a
            # prepared file's (a program's) is keyed by what ``prepare`` read too.
            covered = kept is not None and prepare is None
        self._keep_parsed(file, covered)
        return item

    # A file that parsed, passed the per-file checks and validated is kept in the render cache
    # as its (document, model) pickled, keyed by its bytes and the reading code
    # (``_reader_version``): a one-edit build of a 900-exercise library then parses, checks and
    # validates one file, not 900 (~2 s). The entries are one bundle (``bundle.py``), written
    # once at the end of a load that made any. Pickles are code, so this cache is
    # only ever one the user alone can write (``cache.trusted_cache_dir``, as for Jinja's
    # compiled templates), checked against its hash before it is read (``Cache.get``).
    def _checked_key(self, model: type[M], source: bytes) -> str:
        return hashlib.sha256(_reader_version() + model.__name__.encode() + b"\0" + source).hexdigest()

    def _checked(
        self, model: type[M], source_key: bytes, source: bytes
    ) -> tuple[Document, Strict, bytes] | None:
        if self.checked is None or (data := self.checked.get(self._checked_key(model, source_key))) is None:
            return None
        try:
            raw, item = pickle.loads(data)
        except Exception:  # another version's pickle: read the file again
            return None
        return (_Unparsed(raw, source), item, data) if isinstance(item, model) else None

    def _keep_checked(self, model: type[M], source: bytes, doc: Document, item: Strict) -> bytes | None:
        """A file read without a word as its checked entry, kept in the bundle; None without
        one, or when pickle cannot hold it (the file is then read each time)."""
        if self.checked is None:
            return None
        try:
            # The raw data and the model; not the positions (most of a pickle's reading time),
            # which only an error or a note needs (``_Unparsed``).
            data = pickle.dumps((doc.data, item), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:
            return None
        self.checked.put(self._checked_key(model, source), data)
        return data

    def _keep_parsed(self, file: Path, covered: bool) -> None:
        """Keep the document of a file parsed now (``_parse``), unless its checked entry covers
        it: then only a new version of the reading code parses the file again, as a first build
        does, and a cold build of a 900-exercise library writes ~900 files fewer (each new file
        a search for a free inode: ``cache.py``). A file with an error or a note, or a program
        (checked against the exercises), is parsed each load: for it the entry pays."""
        key = self.parsed_now.pop(file, None)
        if key is None or covered or self.parsed is None:
            return
        if (data := _json_document(self.documents[file])) is not None:
            with contextlib.suppress(OSError):  # a read-only cache costs only the parse time
                self.parsed.put(key, data)

    def _read(
        self, file: Path, source: bytes, model: type[M], prepare: typing.Callable[[Path, object], None] | None
    ) -> M | None:
        try:
            doc = self._parse(file, source)
        except YamlProblem as exc:
            self.errors.append(
                ContentError(display_path(file), exc.position.line, exc.position.column, "", exc.message)
            )
            return None
        self.documents[file] = doc
        if not isinstance(doc.data, dict):
            self.add(file, (), f"expected a mapping of fields at the top level, got {_kind(doc.data)}")
            return None
        # Every text of a content file may end up on a card or a picture: refuse what would not print.
        total = 0
        for path, text in glyphs.strings(doc.data):
            total += len(text)
            if problem := glyphs.problem(text):
                self.add(file, path, problem)
        if total > MAX_TEXT_CHARS:
            # Markdown's inline parsing grows faster than the text: a page's text is bounded so
            # the build stays linear in the number of pages (each field is bounded by the model).
            message = f"{total:,} characters of text; a file holds at most {MAX_TEXT_CHARS:,} (split it)"
            self.add(file, (), message)
        for path, at, message in doc.problems:
            self.errors.append(
                ContentError(display_path(file), at.line, at.column, format_path(path), message)
            )
        if prepare is not None:
            prepare(file, doc.data)
        return self.validate(file, model, doc.data)

    def _parse(self, file: Path, source: bytes) -> Document:
        """``parse``, through the render cache: parsing is most of a load (a 900-exercise library:
        ~3 s), and a file with a note or an error is read again at every load. The entry is the
        document as JSON (data and positions), keyed by the file's bytes and the parser's own
        source, written once the file is read (``_keep_parsed``); a document JSON cannot hold
        exactly (a key that is not a string) is parsed each time."""
        if self.parsed is None:
            return parse(source)
        key = hashlib.sha256(_parser_version() + source).hexdigest()
        if (cached := self.parsed.get(key)) is not None and (doc := _document(cached)) is not None:
            return doc
        doc = parse(source)
        self.parsed_now[file] = key
        return doc

    def validate(self, file: Path, model: type[M], data: object) -> M | None:
        try:
            return model.from_content(data)  # strict: no '3' for 3, no true for 1
        except pydantic.ValidationError as exc:
            doc = self.documents.get(file)
            mistaken = [path for path, _, _ in doc.problems] if doc is not None else []
            for err in exc.errors():
                loc = tuple(err["loc"])
                if any(
                    loc[: len(path)] == path or (isinstance(path[-1], int) and loc == path[:-1])
                    for path in mistaken
                ):
                    # Already said as the YAML mistake behind it (Document.problems): the value,
                    # or its list's length (an item swallowed into the one above it).
                    continue
                self.add(file, loc, _explain(err, model), at_key=err["type"] == "extra_forbidden")
            return None


# A cold load's files may be read ahead in other processes (``readahead.py``): each one parsed,
# checked and validated there exactly as ``_Collector.read`` does, and remembered here
# (``_READ``, with its checked entry) as if read: the load keeps it in its bundle.
def read_entry(source: bytes, model: type[M]) -> tuple[bytes, M] | None:
    """A file's bytes read as the loader reads them: its checked entry's bytes and its item, or
    None when it had anything to say (the load then reads it itself and says it). Such a file
    has no parsed entry (``_Collector._keep_parsed``)."""
    c, file = _Collector(), Path("ahead")
    item = c._read(file, source, model, None)
    if item is None or c.errors or c.notes:
        return None
    doc = c.documents[file]
    return pickle.dumps((doc.data, item), protocol=pickle.HIGHEST_PROTOCOL), item


def checked_key(source: bytes, model: type[M]) -> str:
    """The render cache key of a file's checked entry (``_Collector.read``)."""
    return _Collector()._checked_key(model, source)


def remember(source: bytes, model: type[M], checked: bytes) -> M:
    """A file read ahead (``read_entry``'s checked entry), as the next load finds it read."""
    raw, item = pickle.loads(checked)
    _READ[(model.__name__, hashlib.sha256(source).digest())] = (_Unparsed(raw, source), item, checked)
    return typing.cast(M, item)


def load_guide(
    content: Path,
    notes: list[ContentError] | None = None,
    *,
    cache_dir: Path | None = None,
    figure_checks: FigureChecks | None = None,
    checked: Bundle | None = None,
) -> Guide:
    """Load and check a content folder; raise ContentErrors listing every problem.

    ``notes`` receives what is worth saying but is no error (a program naming a renamed exercise).
    ``cache_dir``: the render cache, which then keeps parsed files (``_Collector._parse``) and
    files parsed, checked and validated (``_Collector._checked``: pickles, so only a cache the
    user alone can write, ``cache.trusted_cache_dir``, as ``pipeline.load`` hands it).
    ``figure_checks``: the checks of figures already made (read, and filled with the new ones).
    ``checked``: the cache's checked files, if the caller has them (``checked_files``; the
    read-ahead asked them first); written here either way.
    """
    checks: FigureChecks = {} if figure_checks is None else figure_checks
    if checked is None and cache_dir is not None:
        checked = checked_files(cache_dir)
    c = _Collector(Cache(cache_dir, "parsed", linkable=False) if cache_dir is not None else None, checked)
    try:
        return _load_guide(c, content, notes, checks)
    finally:
        if c.checked is not None:  # what was read well is kept, whatever else the load found
            c.checked.close()


def checked_files(cache_dir: Path) -> Bundle:
    """The render cache's bundle of checked files (``_Collector._checked``)."""
    return Bundle(Cache(cache_dir, "checked", linkable=False), "checked files")


def _load_guide(
    c: _Collector, content: Path, notes: list[ContentError] | None, checks: FigureChecks
) -> Guide:
    if not content.is_dir():
        raise ContentErrors([ContentError(display_path(content), 1, 1, "", "content folder not found")])
    for link, error in outside_links(content):
        c.outside.add(link)
        c.errors.append(error)

    muscles_vocab = _read_required(c, content / MUSCLES_FILE, MuscleVocabulary)
    equipment_vocab = _read_required(c, content / EQUIPMENT_FILE, EquipmentVocabulary)
    exercises, exercise_files = _read_folder(c, content / "exercises", Exercise)
    renamed = c.renamed = _former_slugs(
        {slug: c.documents[file].data for slug, file in exercise_files.items() if file in c.documents}
    )
    programs, program_files = _read_folder(
        c,
        content / "programs",
        Program,
        prepare=lambda file, data: _follow_renames(c, file, data, renamed),
        prepared_by=json.dumps(renamed, sort_keys=True).encode(),
    )

    muscles = {m.id: m for m in muscles_vocab.muscles} if muscles_vocab else {}
    equipment = {e.id: e for e in equipment_vocab.equipment} if equipment_vocab else {}
    if muscles_vocab:
        _check_unique_ids(c, content / MUSCLES_FILE, "muscles", [m.id for m in muscles_vocab.muscles])
    if equipment_vocab:
        _check_unique_ids(c, content / EQUIPMENT_FILE, "equipment", [e.id for e in equipment_vocab.equipment])
        if NO_EQUIPMENT not in equipment:
            c.add(content / EQUIPMENT_FILE, ("equipment",), f"the vocabulary must define '{NO_EQUIPMENT}'")

    # Pass 2 reads the raw data of every parsed file, valid or not, so a file with a type
    # error still gets its unknown muscles reported in the same run. Vocabulary checks only
    # run against vocabularies that loaded: one broken vocabulary file must not bury the
    # real errors under a thousand "unknown muscle" lines.
    raw_exercises = {
        slug: (file, c.documents[file].data) for slug, file in exercise_files.items() if file in c.documents
    }
    for slug, (file, data) in raw_exercises.items():
        if muscles_vocab:
            _check_muscles(c, file, data, muscles)
        if equipment_vocab:
            _check_equipment(c, file, data, equipment)
        _check_variations(c, file, slug, data, exercise_files)
        _check_substitutes(c, file, slug, data, exercise_files)
    _check_names_and_aliases(c, raw_exercises)
    for file, exercise in exercises.values():
        _check_figure(c, file, exercise, checks)
    _check_urls(c, raw_exercises, "an exercise")
    _check_urls(
        c,
        {slug: (f, c.documents[f].data) for slug, f in program_files.items() if f in c.documents},
        "a program",
    )
    plyometric = {slug for slug, (_, ex) in exercises.items() if ex.category is Category.plyometric}
    for file in program_files.values():
        if file in c.documents:
            _check_program(c, file, c.documents[file].data, exercise_files, plyometric)
    from .shortlinks import kept_codes  # the guide's record of printed short links

    kept, errors, kept_notes = kept_codes(content, {slug: ex for slug, (_, ex) in exercises.items()})
    c.errors += errors
    c.notes += kept_notes
    _check_pages(c, content / "pages", exercises, programs, kept)

    if notes is not None:
        notes += c.notes
    if c.errors:
        raise ContentErrors(c.errors)
    return Guide(
        exercises={slug: ex for slug, (_, ex) in sorted(exercises.items())},
        programs={slug: p for slug, (_, p) in sorted(programs.items())},
        muscles=muscles,
        equipment=equipment,
        kept_shorts=dict(sorted(kept.items())),
    )


_LINK_SCAN_LIMIT = 100_000  # entries: a content folder of 900 exercises has ~1,000


def outside_links(content: Path) -> list[tuple[Path, ContentError]]:
    """Every symbolic link in the content folder that resolves outside it, as an error.

    The build publishes the content's pages folder as it is and MkDocs follows links, so
    ``pages/env.txt -> /proc/self/environ`` would put the builder's environment (CI tokens
    included) on the site, and any file the builder can read could leak the same way. A link
    that stays inside the content folder is fine; folders that are links are not walked into.
    """
    import os
    import stat

    root = os.path.realpath(content)
    errors: list[tuple[Path, ContentError]] = []
    seen = 0
    for folder, dirs, files in os.walk(content):
        dirs[:] = sorted(d for d in dirs if d != ".git")
        for name in [*dirs, *sorted(files)]:
            seen += 1
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                continue
            target = os.path.realpath(path)
            try:
                mode = os.stat(target).st_mode
            except OSError:
                continue  # broken (or a loop): nothing to publish; the reader says so
            if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                continue  # a device, FIFO or socket: the reader refuses it as such, without reading
            if os.path.commonpath([root, target]) != root:
                shown = os.readlink(path)
                errors.append(
                    (
                        Path(path),
                        ContentError(
                            display_path(Path(path)),
                            1,
                            1,
                            "",
                            f"a symbolic link to {shown}, outside the content folder: the build would "
                            "publish what it points to; copy the file into the content folder instead",
                        ),
                    )
                )
        if seen > _LINK_SCAN_LIMIT:
            message = f"more than {_LINK_SCAN_LIMIT} files and folders"
            errors.append((content, ContentError(display_path(content), 1, 1, "", message)))
            break
    return errors


def load_plan(file: Path, guide: Guide, notes: list[ContentError] | None = None) -> Program:
    """A coach's own plan (program schema) checked against an already loaded guide.

    The plan may name an exercise by a former slug: it is read as the new one, with a note.
    """
    c = _Collector()
    renamed = {old: slug for slug, ex in guide.exercises.items() for old in ex.redirect_from}
    program = c.read(file, Program, prepare=lambda f, data: _follow_renames(c, f, data, renamed))
    if notes is not None:
        notes += c.notes
    if file in c.documents:
        plyometric = {slug for slug, ex in guide.exercises.items() if ex.category is Category.plyometric}
        _check_program(c, file, c.documents[file].data, dict.fromkeys(guide.exercises, file), plyometric)
    if c.errors or program is None:
        raise ContentErrors(c.errors)
    return program


# --- pass 1: files -------------------------------------------------------------------------


def _read_required(c: _Collector, file: Path, model: type[M]) -> M | None:
    if not file.exists() and not file.is_symlink():
        c.errors.append(ContentError(display_path(file), 1, 1, "", "required vocabulary file is missing"))
        return None
    return c.read(file, model)


def _read_folder(
    c: _Collector,
    folder: Path,
    model: type[M],
    prepare: typing.Callable[[Path, object], None] | None = None,
    prepared_by: bytes | None = None,
) -> tuple[dict[str, tuple[Path, M]], dict[str, Path]]:
    """Valid items by slug, and the file of every slug (valid or not).

    References are checked against every slug that has a file, so one broken exercise does
    not also make each program that uses it report "not an exercise".
    """
    found: dict[str, tuple[Path, M]] = {}
    files: dict[str, Path] = {}
    if not folder.is_dir():
        return found, files
    for file in sorted(folder.iterdir()):
        if file.name.startswith(".") or file.is_dir():
            continue
        if file.suffix != ".yaml":
            hint = " (rename it to .yaml)" if file.suffix == ".yml" else ""
            c.errors.append(
                ContentError(display_path(file), 1, 1, "", f"only .yaml files belong in {folder.name}/{hint}")
            )
            continue
        if not re.fullmatch(SLUG_PATTERN, file.stem) or file.stem in RESERVED_SLUGS or len(file.stem) > 80:
            c.errors.append(ContentError(display_path(file), 1, 1, "", _bad_file_name(file.stem)))
            continue
        files[file.stem] = file
        item = c.read(file, model, prepare=prepare, prepared_by=prepared_by)
        if item is not None:
            found[file.stem] = (file, item)
    return found, files


def _bad_file_name(stem: str) -> str:
    if len(stem) > 80:  # model.Slug: a URL segment, a file name of every output, a PDF's name
        return f"file name of {len(stem)} characters; a slug has at most 80"
    if stem in RESERVED_SLUGS:
        return f"'{stem}' is reserved for a page of the site; choose another file name"
    return (
        f"file name '{stem}' is not a valid slug: use lowercase letters, digits and single hyphens, "
        f"e.g. '{_slugify(stem)}'"
    )


def _slugify(text: str) -> str:
    return urls.slugify(text) or "my-exercise"


def _num(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _kind(value: object) -> str:
    return {
        dict: "a mapping",
        list: "a list",
        str: "text",
        int: "a number",
        float: "a number",
        bool: "true/false",
        type(None): "nothing",
    }.get(type(value), type(value).__name__)


def _explain(err: Any, model: type[BaseModel]) -> str:
    """Turn one pydantic error into the sentence an author needs."""
    kind: str = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    loc = tuple(err["loc"])
    # The last *named* part: for a list item (loc ends in an index) that is the list's field.
    field = next((part for part in reversed(loc) if isinstance(part, str)), "")
    shown = repr(value) if isinstance(value, str | int | float | bool) else _kind(value)
    match kind:
        case "extra_forbidden":
            hint = did_you_mean(field, _fields_at(model, loc[:-1])) or _belongs_elsewhere(field, model, loc)
            return f"unknown field '{field}'" + hint
        case "missing":
            return f"missing required field '{field}'"
        case "enum":
            options = [o.strip(" '") for o in str(ctx.get("expected", "")).replace(" or ", ", ").split(",")]
            return f"{shown} is not a known {field} (expected one of: {', '.join(options)})" + did_you_mean(
                value, options
            )
        case "int_type" | "int_parsing" | "int_from_float":
            return f"expected a whole number, got {shown}"
        case "float_type" | "float_parsing":
            return f"expected a number, got {shown}"
        case "bool_type" | "bool_parsing":
            return f"expected true or false, got {shown}"
        case "string_type":
            return f"expected text, got {shown}"
        case "list_type":
            return f"expected a list, got {shown}"
        case "model_type" | "model_attributes_type" | "dict_type":
            return f"expected a mapping of fields, got {shown}"
        case "greater_than_equal":
            return f"must be at least {_num(ctx['ge'])}, got {shown}"
        case "greater_than":
            return f"must be more than {_num(ctx['gt'])}, got {shown}"
        case "less_than_equal":
            return f"must be at most {_num(ctx['le'])}, got {shown}"
        case "multiple_of":
            return f"must be a multiple of {_num(ctx['multiple_of'])}, got {shown}"
        case "too_short":
            if isinstance(value, str):
                return "must not be empty"
            return f"must list at least {ctx.get('min_length', 1)} item(s), got {ctx.get('actual_length', 0)}"
        case "too_long":
            return f"must list at most {ctx.get('max_length')} item(s), got {ctx.get('actual_length')}"
        case "string_too_short":
            return "must not be empty"
        case "string_too_long":
            return f"is too long: at most {ctx['max_length']} characters, got {len(str(value))}"
        case "string_pattern_mismatch":
            if ctx.get("pattern") == SLUG_PATTERN:
                return (
                    f"{shown} is not a valid slug: use lowercase letters, digits and single hyphens, "
                    f"e.g. '{_slugify(str(value))}'"
                )
            if ctx.get("pattern") == PLAIN_TEXT_PATTERN:
                return f"{shown} must be plain text: remove the '<' and '>'"
            if ctx.get("pattern") == TEMPO_PATTERN:
                return f"{shown} is not a tempo: seconds lowering-pause-lifting, e.g. '3-1-1' (each 0–10)"
            if "http" in str(ctx.get("pattern")):
                return f"{shown} is not a web address starting with http:// or https://"
            return f"{shown} does not match the expected pattern {ctx.get('pattern')}"
        case "value_error" | "assertion_error":
            return str(err["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
        case _:
            return str(err["msg"])


def _belongs_elsewhere(field: str, model: type[BaseModel], loc: tuple[str | int, ...]) -> str:
    """' (it belongs under 'muscles' …)' when ``field`` is a field one level deeper or shallower.

    The mistake behind most unknown fields that are spelt right: a line indented one level too
    far out (``secondary:`` beside ``muscles:`` instead of under it) or too far in.
    """
    here = loc[:-1]
    deeper = [
        name
        for name in _fields_at(model, here)
        if field in _fields_at(model, (*here, name)) or field in _fields_at(model, (*here, name, 0))
    ]
    if deeper:
        owner = deeper[0]
        return f" (it is a field of '{owner}': indent it under '{owner}', in line with its other fields)"
    container = next((part for part in reversed(here) if isinstance(part, str)), None)
    if container is None:
        return ""
    # The container's parent: drop the container's name (and the list index after it, if any).
    parent = here[: len(here) - 1 - (1 if isinstance(here[-1], int) else 0)]
    if field in _fields_at(model, parent):
        return f" (it belongs one level out, beside '{container}': indent it like '{container}')"
    return ""


def _fields_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """Field names of the model class found by following ``loc`` from ``model``."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            args = [a for a in typing.get_args(current) if a is not type(None)]
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel) and part in current.model_fields:
            current = current.model_fields[part].annotation
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip Optional/Annotated so a model class or list[...] remains."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation
        else:
            return annotation


# --- pass 2: vocabularies and references ---------------------------------------------------


def _check_unique_ids(c: _Collector, file: Path, key: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for i, ident in enumerate(ids):
        if ident in seen:
            c.add(file, (key, i, "id"), f"'{ident}' is defined twice")
        seen.add(ident)


def _get(data: object, *path: str) -> object:
    for key in path:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def _items(data: object, *path: str) -> list[tuple[int, object]]:
    """(index, item) of the list at ``path`` in raw data; [] when it is absent or not a list."""
    value = _get(data, *path)
    return list(enumerate(value)) if isinstance(value, list) else []


def _check_known(
    c: _Collector, file: Path, data: object, path: tuple[str, ...], known: Mapping[str, object], what: str
) -> list[str]:
    """Report unknown or repeated vocabulary values; return the values listed."""
    seen: list[str] = []
    for i, value in _items(data, *path):
        if not isinstance(value, str):
            continue  # a type error, already reported by pass 1
        if value not in known:
            c.add(file, (*path, i), f"'{value}' is not a known {what}" + did_you_mean(value, known))
        elif value in seen:
            c.add(file, (*path, i), f"'{value}' is listed twice")
        seen.append(value)
    return seen


def _check_muscles(c: _Collector, file: Path, data: object, muscles: Mapping[str, object]) -> None:
    primary = _check_known(c, file, data, ("muscles", "primary"), muscles, "muscle")
    secondary = _check_known(c, file, data, ("muscles", "secondary"), muscles, "muscle")
    for i, muscle in enumerate(secondary):
        if muscle in primary:
            c.add(file, ("muscles", "secondary", i), f"'{muscle}' is already a primary muscle")


def _check_equipment(c: _Collector, file: Path, data: object, equipment: Mapping[str, object]) -> None:
    required = _check_known(c, file, data, ("equipment", "required"), equipment, "piece of equipment")
    optional = _check_known(c, file, data, ("equipment", "optional"), equipment, "piece of equipment")
    if NO_EQUIPMENT in required and len(required) > 1:
        c.add(file, ("equipment", "required"), f"'{NO_EQUIPMENT}' cannot be combined with other equipment")
    if NO_EQUIPMENT in optional:
        c.add(file, ("equipment", "optional"), f"'{NO_EQUIPMENT}' is not optional equipment")


def _check_reference(
    c: _Collector, file: Path, path: DataPath, target: object, slugs: dict[str, Path]
) -> None:
    if isinstance(target, str) and re.fullmatch(SLUG_PATTERN, target) and target not in slugs:
        if target in c.renamed:
            c.add(file, path, f"'{target}' was renamed '{c.renamed[target]}'; write '{c.renamed[target]}'")
        else:
            c.add(file, path, f"'{target}' is not an exercise in this guide" + did_you_mean(target, slugs))


def _check_variations(c: _Collector, file: Path, slug: str, data: object, slugs: dict[str, Path]) -> None:
    for key in ("easier", "harder"):
        for i, variation in _items(data, key):
            target = _get(variation, "exercise")
            if target == slug:
                c.add(file, (key, i, "exercise"), "an exercise cannot be its own variation")
            else:
                _check_reference(c, file, (key, i, "exercise"), target, slugs)


def _check_names_and_aliases(c: _Collector, exercises: dict[str, tuple[Path, object]]) -> None:
    """Names and aliases are search terms and card titles: each must lead to one exercise."""
    owner: dict[str, tuple[str, str]] = {}  # lowercased term -> (slug, "name"/"alias")
    for slug, (file, data) in exercises.items():
        name = _get(data, "name")
        if not isinstance(name, str):
            continue
        prior = owner.setdefault(name.strip().lower(), (slug, "name"))
        if prior[0] != slug:
            c.add(file, ("name",), f"'{name}' is already the name of '{prior[0]}'")
    for slug, (file, data) in exercises.items():
        name = str(_get(data, "name") or "").strip().lower()
        for i, alias in _items(data, "aliases"):
            if not isinstance(alias, str):
                continue
            term = alias.strip().lower()
            earlier = owner.get(term)
            if term == name:
                c.add(file, ("aliases", i), f"'{alias}' repeats the exercise's own name")
            elif earlier and earlier[0] != slug:
                c.add(file, ("aliases", i), f"'{alias}' is already the {earlier[1]} of '{earlier[0]}'")
            elif earlier:
                c.add(file, ("aliases", i), f"'{alias}' is listed twice")
            else:
                owner[term] = (slug, "alias")


def _check_urls(c: _Collector, items: dict[str, tuple[Path, object]], kind: str) -> None:
    """Short codes and former slugs become published URLs: each must answer for one page.

    An exercise answers at /x/<code>/ for its ``short``, its slug and each former slug
    (``redirect_from``), so a code printed on a card at any time keeps working.
    """
    owner: dict[tuple[str, str], str] = {}  # (namespace, code) -> slug
    for slug in items:
        owner[("page", slug)] = slug
        if kind == "an exercise":
            owner[("short", slug)] = slug
    for slug, (file, data) in items.items():
        short = _get(data, "short")
        if isinstance(short, str) and kind == "an exercise":
            taken = owner.get(("short", short))
            if taken and taken != slug and short == taken:
                c.add(file, ("short",), f"short link '{short}' is the default short link of '{short}'")
            elif taken and taken != slug:
                c.add(file, ("short",), f"short link '{short}' is already used by '{taken}'")
            owner[("short", short)] = slug
        for i, old in _items(data, "redirect_from"):
            if not isinstance(old, str):
                continue
            taken = owner.get(("page", old))
            if taken:
                c.add(file, ("redirect_from", i), f"'{old}' is still the slug of {kind}: '{taken}'")
            elif old in RESERVED_SLUGS:
                c.add(file, ("redirect_from", i), f"'{old}' is reserved for a page of the site")
            elif kind == "an exercise" and owner.get(("short", old), slug) != slug:
                other = owner[("short", old)]
                c.add(file, ("redirect_from", i), f"'{old}' is already the short link of '{other}'")
            owner[("page", old)] = slug
            if kind == "an exercise":
                owner[("short", old)] = slug


def _former_slugs(exercises: dict[str, object]) -> dict[str, str]:
    """Former slug -> current slug, from the raw ``redirect_from`` of each exercise."""
    return {
        old: slug
        for slug, data in exercises.items()
        for _, old in _items(data, "redirect_from")
        if isinstance(old, str) and old not in exercises
    }


def _follow_renames(c: _Collector, file: Path, data: object, renamed: dict[str, str]) -> None:
    """A program or plan naming a renamed exercise keeps working: read it as the new slug, with a note."""
    for w, week in _items(data, "weeks"):
        for d, day in _items(week, "days"):
            for e, item in _items(day, "strength", "exercises"):
                old = _get(item, "exercise")
                if isinstance(item, dict) and isinstance(old, str) and old in renamed:
                    item["exercise"] = renamed[old]
                    where = ("weeks", w, "days", d, "strength", "exercises", e, "exercise")
                    c.note(file, where, f"'{old}' was renamed '{renamed[old]}'; read as '{renamed[old]}'")


def _check_pages(
    c: _Collector,
    pages_dir: Path,
    exercises: dict[str, tuple[Path, Exercise]],
    programs: dict[str, tuple[Path, Program]],
    kept: dict[str, str],
) -> None:
    """Hand-written pages: readable, valid front matter, and no output path the generator publishes."""
    found = handwritten.scan(pages_dir, skip=c.outside)
    c.errors += found.errors
    for page in found.pages:
        if page.front is None:
            continue
        c.documents[page.file] = page.front
        if isinstance(page.front.data, dict):
            meta = c.validate(page.file, handwritten.PageMeta, page.front.data)
            _check_og_image(c, page.file, page.front.data.get("og_image"), found.files)
            if meta is not None and meta.search is not None and meta.search.sections:
                _check_section_anchors(c, page.file, meta.search.sections)
        else:
            c.add(page.file, (), f"front matter must be a mapping of fields, got {_kind(page.front.data)}")
    published = published_outputs(
        {slug: ex for slug, (_, ex) in exercises.items()},
        {slug: p for slug, (_, p) in programs.items()},
        kept,
    )
    c.errors += handwritten.collisions(pages_dir, found.files, published)


def _check_section_anchors(c: _Collector, file: Path, sections: dict[str, list[str]]) -> None:
    """``search: sections:`` names headings of the page by anchor: each must be one."""
    anchors = handwritten.heading_anchors(file.read_text(encoding="utf-8"))
    for anchor in sections:
        if anchor not in anchors:
            hint = difflib.get_close_matches(anchor, anchors, n=1)
            also = (
                f" (did you mean '{hint[0]}'?)"
                if hint
                else f"; the page's are: {', '.join(anchors) or 'none'}"
            )
            c.add(
                file,
                ("search", "sections", anchor),
                f"no heading of the page has the anchor #{anchor}{also}",
                at_key=True,
            )


def _check_og_image(c: _Collector, file: Path, image: object, files: list[str]) -> None:
    """A link-preview image names a file the site will have: a hand-written file, a file of the
    theme, or a generated picture (checked when it is made). A missing one ships a broken preview."""
    from .install import theme_dir
    from .urls import GENERATED_ASSETS

    if not isinstance(image, str) or not re.fullmatch(handwritten._IMAGE_PATH, image):
        return  # the model reports it
    if image in files or image.startswith(GENERATED_ASSETS + "/") or (theme_dir() / image).is_file():
        return
    c.add(file, ("og_image",), f"'{image}' is not a file of the site (give a path from the pages folder)")


def _check_substitutes(c: _Collector, file: Path, slug: str, data: object, slugs: dict[str, Path]) -> None:
    substitutes = _get(data, "substitutes")
    if not isinstance(substitutes, dict):
        return
    for kit, variation in substitutes.items():
        target = _get(variation, "exercise")
        if target == slug:
            c.add(file, ("substitutes", kit, "exercise"), "an exercise cannot be its own substitute")
        else:
            _check_reference(c, file, ("substitutes", kit, "exercise"), target, slugs)


def _check_program(
    c: _Collector, file: Path, data: object, slugs: dict[str, Path], plyometric: set[str]
) -> None:
    for w, week in _items(data, "weeks"):
        for d, day in _items(week, "days"):
            for e, item in _items(day, "strength", "exercises"):
                path = ("weeks", w, "days", d, "strength", "exercises", e)
                target = _get(item, "exercise")
                _check_reference(c, file, (*path, "exercise"), target, slugs)
                # Jumps are prescribed in landings, everything else in reps or seconds.
                if not isinstance(item, dict) or not isinstance(target, str) or target not in slugs:
                    continue
                if target in plyometric and "contacts" not in item:
                    message = f"'{target}' is plyometric: prescribe 'contacts' per set, no rpe"
                    c.add(file, (*path, "exercise"), message)
                elif target not in plyometric and "contacts" in item:
                    message = f"'{target}' is not plyometric: prescribe reps or seconds"
                    c.add(file, (*path, "contacts"), message)


def _check_figure(c: _Collector, file: Path, exercise: Exercise, checks: FigureChecks) -> None:
    """Geometry of a valid figure: contacts touch, nothing goes through the floor, joints bend
    the right way, relations hold (``figures.geometry``); each problem at its keyframe's line."""
    if exercise.figure is None:
        return
    from .figures.geometry import check_figure  # the figures package pulls in Pillow: load it lazily

    # The check is a pure function of the figure (~40 ms each): made once per figure.
    key = exercise.figure.model_dump_json()
    if key not in checks:
        checks[key] = list(check_figure(exercise.figure))
    for path, message in checks[key]:
        c.add(file, ("figure", *path), message)
