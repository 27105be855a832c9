"""Every short link ever printed keeps working: the guide's own record of them.

A card's QR code opens ``/x/<code>/``. Changing an exercise's ``short:`` would remove that
page, and every card already printed for it would open a 404; the repository's append-only
URL list protects only the repository's own guide. So each guide keeps, beside its content,
``content/short-links.txt``: one line per code ever published (``<code> <exercise slug>``),
appended by ``build``, ``generate`` and ``cards`` and never pruned (commit it with the
content). The loader reads it back: a recorded code the exercise no longer answers at is kept
as a redirect to it (``check`` says so, with the record's line); a code whose exercise is gone
opens the exercise library; a code another exercise now claims is an error, since printed
cards would open the wrong exercise.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError, display_path
from .filedates import SHORT_LINKS
from .model import SLUG_PATTERN, Exercise, Guide
from .redirects import short_codes

RECORD = SHORT_LINKS  # one name, which filedates leaves out of the dates
MAX_RECORD_BYTES = 4 * 1024 * 1024  # ~100,000 lines: far beyond any guide
_HEADER = (
    "# Short links printed on cards (/x/<code>/) and the exercise each was printed for.\n"
    "# Written by runstrong; keep it with the content (commit it): a code listed here keeps\n"
    "# working as a redirect when the exercise's short: changes. Never remove a line.\n"
)
LIBRARY = ""  # the target of a code whose exercise is gone: the exercise library


@dataclass(frozen=True)
class Recorded:
    code: str
    slug: str
    line: int


def read_record(content: Path) -> tuple[list[Recorded], list[ContentError]]:
    """The record's lines, and an error for each line that is not ``<code> <slug>``."""
    from .yamlsource import YamlProblem, decode, read_source

    path = content / RECORD
    if not path.exists() and not path.is_symlink():
        return [], []
    shown = display_path(path)
    try:
        text = decode(read_source(path, limit=MAX_RECORD_BYTES))
    except YamlProblem as exc:
        return [], [ContentError(shown, exc.position.line, exc.position.column, "", exc.message)]
    entries: list[Recorded] = []
    errors: list[ContentError] = []
    for number, line in enumerate(text.splitlines(), 1):
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        if len(words) != 2 or not all(re.fullmatch(SLUG_PATTERN, w) for w in words):
            message = "expected '<short code> <exercise slug>' (lowercase letters, digits, hyphens)"
            errors.append(ContentError(shown, number, 1, "", message))
            continue
        entries.append(Recorded(words[0], words[1], number))
    return entries, errors


def kept_codes(
    content: Path, exercises: Mapping[str, Exercise]
) -> tuple[dict[str, str], list[ContentError], list[ContentError]]:
    """(code → exercise slug, or LIBRARY) for the recorded codes the content no longer
    publishes, with the errors and the notes ``check`` prints."""
    entries, errors = read_record(content)
    notes: list[ContentError] = []
    owner = {code: slug for slug, ex in exercises.items() for code in short_codes(slug, ex)}
    renamed = {old: slug for slug, ex in exercises.items() for old in ex.redirect_from}
    kept: dict[str, str] = {}
    shown = display_path(content / RECORD)
    for entry in entries:
        slug = entry.slug if entry.slug in exercises else renamed.get(entry.slug, LIBRARY)
        now = owner.get(entry.code)
        if now is not None:
            if now != slug and slug != LIBRARY:
                message = (
                    f"/x/{entry.code}/ was printed on cards for '{entry.slug}', but '{now}' now uses it: "
                    f"those cards would open the wrong exercise; give '{now}' another short:"
                )
                errors.append(ContentError(shown, entry.line, 1, "", message))
            continue
        if entry.code in kept:
            continue
        kept[entry.code] = slug
        if slug == LIBRARY:
            message = f"/x/{entry.code}/ was printed for '{entry.slug}', which is gone: it opens the library"
        else:
            current = exercises[slug].short or slug
            message = f"/x/{entry.code}/ was printed for '{slug}' (now /x/{current}/): kept as a redirect"
        notes.append(ContentError(shown, entry.line, 1, "note", message))
    return kept, errors, notes


def unrecorded(content: Path, guide: Guide) -> list[str]:
    """Lines to add: each exercise's printed code (its short, else its slug) not yet recorded."""
    entries, _ = read_record(content)
    known = {e.code for e in entries}  # a code recorded for another exercise is a load error
    return [
        f"{ex.short or slug} {slug}"
        for slug, ex in guide.exercises.items()
        if (ex.short or slug) not in known
    ]


def record(content: Path, guide: Guide) -> str | None:
    """Append the guide's printed codes to its record; None, or why it could not (one line).

    Not for the packaged guide (site-packages is the installer's). Written in one step (the
    writer), so a kill leaves the old record or the new one.
    """
    from .install import is_packaged
    from .writer import write_file

    lines = unrecorded(content, guide)
    if not lines or is_packaged(content):
        return None
    path = content / RECORD
    try:
        old = path.read_text(encoding="utf-8") if path.is_file() else _HEADER
        if old and not old.endswith("\n"):
            old += "\n"
        write_file(path, (old + "\n".join(lines) + "\n").encode("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        return f"{display_path(path)}: could not record the short links printed ({reason})"
    return None
