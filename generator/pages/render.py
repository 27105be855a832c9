"""Render the generated Markdown pages from Jinja templates.

Templates receive model objects plus a few helpers; every value they print is escaped by
``markdown.finalize`` unless a helper built it as Markdown on purpose.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import json
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from urllib.parse import quote, urlsplit

import jinja2

from .. import display, text, urls
from ..api import program_json_path
from ..arrange import Arrangement
from ..arrange import arrangements as arrangements_of
from ..cache import checked_bytecode_cache
from ..display import FigureFacts
from ..files import GeneratedFile
from ..memo import NO_MEMO, Memo
from ..model import (
    KIT_NAMES,
    WEEKDAY_NAMES,
    Category,
    Exercise,
    Guide,
    Kit,
    Level,
    Pattern,
    Phase,
    Program,
    RunType,
    Variation,
    Weekday,
)
from ..substitutes import Peers, Substitute, fits, peers, substitutes
from ..totals import groups_used, week_totals
from . import finder, htmlblocks, pictures, search_terms
from .kept import KeptInputs
from .markdown import Md, block, escape, finalize, front_matter, link
from .pagecache import ExerciseInputs, PageCache, Records, code_version, view

LEVEL_ORDER = list(Level)
LETTER_SECTIONS_FROM = 40  # exercises in the library before the A–Z list gets letter headings

PATTERN_NAMES: dict[Pattern, str] = {
    Pattern.hinge: "Hinge",
    Pattern.squat: "Squat",
    Pattern.lunge: "Lunge and split stance",
    Pattern.push: "Push",
    Pattern.pull: "Pull",
    Pattern.carry: "Carry",
    Pattern.anti_rotation: "Anti-rotation",
    Pattern.anti_extension: "Anti-extension",
    Pattern.anti_lateral_flexion: "Anti-side-bend",
    Pattern.lateral: "Lateral",
    Pattern.jump: "Jump",
    Pattern.hop: "Hop, skip and bound",
    Pattern.calf: "Calf and foot",
    Pattern.dorsiflexion: "Shin (ankle dorsiflexion)",
    Pattern.bridge: "Bridge",
    Pattern.knee_flexion: "Knee flexion (hamstring curl)",
    Pattern.isometric: "Isometric hold",
}

PHASE_NAMES: dict[Phase, str] = {
    Phase.base: "Base",
    Phase.build: "Build",
    Phase.peak: "Peak",
    Phase.deload: "Lighter week",
    Phase.taper: "Taper",
    Phase.race: "Race week",
    Phase.maintenance: "Maintenance",
    Phase.test: "Test week",
}

CATEGORY_NAMES: dict[Category, str] = {c: c.value.capitalize() for c in Category}


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator.pages", "templates"),
        autoescape=False,  # Markdown, not HTML: markdown.finalize does the escaping
        finalize=finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["md"] = escape
    env.filters["block"] = block  # the body of an admonition: paragraphs indented to stay in it
    # A macro's output is Markdown the template built (its data was escaped inside the macro).
    env.filters["template_markdown"] = Md
    # Text inside a raw HTML block (program page controls and folds), where Markdown escapes
    # would print as backslashes: HTML-escaped instead.
    env.filters["h"] = lambda value: Md(html.escape(str(value)))
    return env


def _keep_compiled(cache_dir: Path | None) -> None:
    """Keep the page templates compiled in the render cache (Jinja's bytecode, each entry checked
    by its hash: ``cache.checked_bytecode_cache``): compiling them cost every build ~0.5 s. The
    folder is named after Jinja's version and the options that shape the compiled code, which
    Jinja's own check (the template's source) does not cover."""
    if cache_dir is None:
        return
    env = _environment()
    options = (
        jinja2.__version__,
        env.trim_blocks,
        env.lstrip_blocks,
        env.keep_trailing_newline,
        env.autoescape,
    )
    folder = cache_dir / "page-templates" / hashlib.sha256(repr(options).encode()).hexdigest()[:16]
    with contextlib.suppress(OSError):  # a read-only cache costs only the compile time
        folder.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = checked_bytecode_cache(folder)


def _render(template: str, **context: object) -> str:
    out = _environment().get_template(template).render(**context)
    # One blank line between blocks, one newline at the end: tidy, stable golden files.
    lines = out.splitlines()
    tidy: list[str] = []
    for line in lines:
        if line.strip() == "" and (not tidy or tidy[-1] == ""):
            continue
        tidy.append(line.rstrip())
    return "\n".join(tidy).rstrip() + "\n"


class _Pages:
    """Helpers bound to a guide, handed to templates (as ``g``)."""

    def __init__(self, guide: Guide, source: str) -> None:
        self.guide = guide
        self.source = source

    def exercise_link(self, slug: str, anchor: str = "") -> Md:
        return link(
            self.guide.exercises[slug].name, urls.link(self.source, urls.exercise_source(slug), anchor)
        )

    def program_link(self, slug: str, anchor: str = "") -> Md:
        return link(self.guide.programs[slug].name, urls.link(self.source, urls.program_source(slug), anchor))

    def group_link(self, grouping: str, anchor: str, label: str) -> Md:
        return link(label, urls.link(self.source, urls.library_group_source(grouping), anchor))

    def muscle_links(self, ids: Iterable[str]) -> Md:
        return Md(", ".join(self.group_link("by-muscle", m, self.guide.muscles[m].name) for m in ids))

    def equipment_names(self, ex: Exercise) -> Md:
        names = [escape(self.guide.equipment[e].name) for e in ex.equipment.required]
        return Md(", ".join(names))

    def external_link(self, label: str, url: str) -> Md:
        # Percent-encode what would end a Markdown link early (parentheses, spaces, '<>').
        return link(label, quote(url, safe=":/?#@!$&'*+,;=%~"))

    def variation(self, v: Variation) -> Md:
        if v.exercise is not None:
            lead = self.exercise_link(v.exercise)
            return Md(f"{lead} — {escape(v.how)}") if v.how else lead
        return Md(f"**{escape(v.name)}** — {escape(v.how)}")


def render_pages(
    guide: Guide,
    sizes: Mapping[str, int] | None = None,
    figures: Mapping[str, FigureFacts] | None = None,
    arrangements: Mapping[str, Sequence[Arrangement]] | None = None,
    *,
    cache_dir: Path | None = None,
    memo: Memo = NO_MEMO,
) -> list[GeneratedFile]:
    """Every Markdown page (``memo``: a serve session's, ``pages/kept.py``).

    ``sizes`` (path → bytes) of the rendered PDFs: links to them show their size. ``figures``
    (slug → facts) are what the picture renderer found drawing each exercise's strip: pages
    show the strip, the hero and the library thumbnail from them, never laying a figure out;
    an exercise without facts shows its muscle map only. ``arrangements`` (slug → every
    checked layout of its week, generator/arrange.py): the program page says which long-run
    days are offered and why not the others; computed here when not given. ``cache_dir``: the
    render cache, where exercise pages are kept by what they show (``pagecache.py``; pages
    are kept in memory either way).
    """
    sizes, figures = sizes or {}, figures or {}
    _keep_compiled(cache_dir)
    if arrangements is None:
        arrangements = all_arrangements(guide)
    # Made once for the site, not once a page: each page's related exercises and substitutes are
    # looked for among its pattern's exercises, and its programs read from one index.
    same, users = peers(guide), _programs_by_exercise(guide)
    # Texts recurring on so many exercise pages that they are kept out of search: a fact of the
    # whole library, so every page's cache key holds them (Records.generic).
    generic = search_terms.generic_texts(guide)
    quiet = _Quiet(generic)
    # Each exercise page from the page cache when nothing it shows changed (pagecache.py).
    store, records = PageCache(cache_dir), Records(guide, generic)
    files = []
    kept = KeptInputs(guide, same, memo, _exercise_inputs)
    for slug in guide.exercises:
        inputs = kept.inputs(slug, figures.get(slug), users.get(slug, []))
        page_key = kept.key(inputs, records)
        text = store.get(page_key)
        if text is None:
            text = _exercise_page(view(guide, inputs), inputs, quiet)
            store.put(page_key, text)
        files.append(GeneratedFile.text(urls.exercise_source(slug), text))
    files += [_program_page(guide, slug, sizes, arrangements[slug]) for slug in guide.programs]
    files.append(_library_index(guide, figures))
    files += [_grouping_page(guide, grouping, store) for grouping in urls.GROUPINGS]
    store.close()
    files.append(_programs_index(guide))
    files.append(_offline_page(guide))
    return files


def _offline_page(guide: Guide) -> GeneratedFile:
    """What the service worker shows for a page it has not stored (theme/assets/javascripts/
    rs-sw.js); phone.js lists what is stored. Not in the nav, not in search."""
    source = urls.OFFLINE_SOURCE
    meta = front_matter(
        {
            "title": "You are offline",
            "description": "What this device has stored.",
            "search": {"exclude": True},
        }
    )
    return GeneratedFile.text(
        source,
        _render(
            "offline.md.j2",
            meta=meta,
            library=urls.link(source, urls.LIBRARY_SOURCE),
            programs=urls.link(source, urls.PROGRAMS_SOURCE),
            program_links=[
                (p.name, urls.link(source, urls.program_source(slug))) for slug, p in guide.programs.items()
            ],
        ),
    )


def _programs_by_exercise(guide: Guide) -> dict[str, list[str]]:
    """Slug → the programs that prescribe it, in program order (``Guide.programs_using``)."""
    users: dict[str, list[str]] = {}
    for program_slug, program in guide.programs.items():
        for slug in program.exercise_slugs():
            users.setdefault(slug, []).append(program_slug)
    return users


class _Quiet:
    """Text that recurs on so many exercise pages that it says nothing about one
    (``search_terms.generic_texts``), shown as it is but kept out of the search index: Material's
    search skips an element marked ``data-search-exclude``. A text of several paragraphs is left
    as it is (a span cannot hold them)."""

    def __init__(self, generic: frozenset[str]) -> None:
        self.generic = generic

    def __call__(self, value: object, variation: Variation | None = None) -> Md:
        shown = escape(value)
        if variation is not None:
            key = (
                search_terms.variation_text(variation.name, variation.how)
                if variation.exercise is None
                else ""
            )
        else:
            key = str(value)
        if key in self.generic and "\n" not in shown:
            return Md(f"<span data-search-exclude>{shown}</span>")
        return shown


def _exercise_inputs(
    guide: Guide, slug: str, facts: FigureFacts | None, same: Peers, programs: list[str]
) -> ExerciseInputs:
    """What an exercise page shows that is computed from the whole library (its cache key's part)."""
    return ExerciseInputs(
        slug=slug,
        facts=facts,
        programs=tuple(programs),
        related=tuple(finder.related(guide, slug, same)),
        subs=tuple(substitutes(guide, slug, same)),
    )


def _exercise_page(guide: Guide, inputs: ExerciseInputs, quiet: _Quiet) -> str:
    """An exercise page's Markdown. ``guide`` is the page's view (``pagecache.view``): only the
    records ``inputs`` name, so the page cannot show anything its cache key does not cover."""
    slug = inputs.slug
    ex = guide.exercises[slug]
    source = urls.exercise_source(slug)
    tags = [*ex.aliases, *(guide.muscles[m].name for m in ex.muscles.primary)]
    card = pictures.preview_meta(
        display.exercise_preview_path(slug, ex, guide.muscles),
        display.exercise_preview_alt(ex, guide.muscles),
    )
    meta = front_matter(
        {
            "title": ex.name,
            "description": html.escape(ex.summary),
            "tags": tags,
            "search": {"boost": search_terms.EXERCISE_BOOST},
            **card,
        }
    )
    g = _Pages(guide, source)
    return _render(
        "exercise.md.j2",
        meta=meta,
        ex=ex,
        slug=slug,
        g=g,
        h=htmlblocks.Blocks(source),
        lists=_exercise_lists(g, ex, inputs, quiet),
        pics=pictures.ExercisePictures(guide, slug, source, inputs.facts),
        a=_anchors(),
        text=text,
        quiet=quiet,
        pattern_name=PATTERN_NAMES[ex.pattern],
        category_name=CATEGORY_NAMES[ex.category],
        programs=list(inputs.programs),
        related=list(inputs.related),
        library=urls.link(source, urls.LIBRARY_SOURCE),
        # An attribute of raw HTML: escaped for HTML here, not as Markdown text.
        video_embed=Md(html.escape(video_embed(ex.video), quote=True)) if ex.video else "",
        video_host=video_host(ex.video) if ex.video else "",
    )


@dataclass(frozen=True)
class _ExerciseLists:
    """An exercise page's lists and table rows as Markdown lines, for ``htmlblocks`` to write as
    finished HTML (or, when a line is not the renderer's own Markdown, as the Markdown list)."""

    setup: list[Md]
    steps: list[Md]
    cues: list[Md]
    dose_head: list[Md]
    dose_row: list[Md]
    mistakes: list[list[Md]]
    easier: list[Md]
    harder: list[Md]
    subs: list[Md]
    muscles: list[Md]
    programs: list[Md]
    related: list[Md]


def _exercise_lists(g: _Pages, ex: Exercise, inputs: ExerciseInputs, quiet: _Quiet) -> _ExerciseLists:
    dose_head = [f"Sets × {'contacts' if ex.dose.contacts else 'reps'}", "Rest", "Effort"]
    dose_row = [text.volume(ex.dose), text.duration(ex.dose.rest_seconds), text.effort(ex.dose)]
    if ex.tempo:
        dose_head.append("Tempo")
        dose_row.append(ex.tempo)
    muscles = [Md(f"**Primary:** {g.muscle_links(ex.muscles.primary)}")]
    if ex.muscles.secondary:
        muscles.append(Md(f"**Secondary:** {g.muscle_links(ex.muscles.secondary)}"))
    exercises = g.guide.exercises
    return _ExerciseLists(
        setup=[quiet(item) for item in ex.setup],
        steps=[quiet(step) for step in ex.steps],
        cues=[quiet(cue) for cue in ex.cues],
        dose_head=[escape(cell) for cell in dose_head],
        dose_row=[escape(cell) for cell in dose_row],
        mistakes=[[quiet(m.mistake), quiet(m.fix)] for m in ex.mistakes],
        easier=[quiet(g.variation(v), v) for v in ex.easier],
        harder=[quiet(g.variation(v), v) for v in ex.harder],
        subs=[Md(f"**{escape(kits)}:** {swap}") for kits, swap in _substitute_lines(g, list(inputs.subs))],
        muscles=muscles,
        programs=[g.program_link(p) for p in inputs.programs],
        related=[
            Md(f"{g.exercise_link(s)} ({escape(exercises[s].level.value)}): {escape(exercises[s].summary)}")
            for s in inputs.related
        ],
    )


_YOUTUBE = re.compile(
    r"^https://(?:www\.|m\.)?(?:youtube\.com/(?:watch\?(?:\S*&)?v=|shorts/|embed/)|youtu\.be/)([A-Za-z0-9_-]{11})"
)
_VIMEO = re.compile(r"^https://(?:www\.|player\.)?vimeo\.com/(?:video/)?(\d+)")


def video_embed(url: str) -> str:
    """The player address a tap on the page may load (YouTube's privacy-enhanced host, Vimeo's
    do-not-track player), or "" for a video the page only links to."""
    if m := _YOUTUBE.match(url):
        return f"https://www.youtube-nocookie.com/embed/{m.group(1)}?autoplay=1"
    if m := _VIMEO.match(url):
        return f"https://player.vimeo.com/video/{m.group(1)}?dnt=1&autoplay=1"
    return ""


def video_host(url: str) -> str:
    return urlsplit(url).hostname or url


def _substitute_lines(g: _Pages, subs: list[Substitute]) -> list[tuple[str, Md]]:
    """(kits, what to do) lines; kits where the exercise works as written share one line."""
    lines: list[tuple[str, Md]] = []
    same = [KIT_NAMES[s.kit] for s in subs if s.variation is None]
    answered = {s.kit for s in subs}
    for kit in Kit:
        found = next((s for s in subs if s.kit is kit), None)
        if found is not None and found.variation is not None:
            lines.append((KIT_NAMES[kit], g.variation(found.variation)))
        elif found is not None and KIT_NAMES[kit] == same[0]:
            label = " and ".join([", ".join(same[:-1]), same[-1]] if len(same) > 1 else same)
            lines.append((label[0] + label[1:].lower(), Md("this exercise, as written.")))
        elif kit not in answered:
            # Say so rather than leave the reader wondering whether the kit was forgotten.
            lines.append((KIT_NAMES[kit], Md("no swap in the guide yet; try an easier version above.")))
    return lines


def _anchors() -> dict[str, str]:
    return {key: key for key in urls.ANCHORS}


def all_arrangements(guide: Guide, cache_dir: Path | None = None) -> dict[str, list[Arrangement]]:
    """Every program's checked layouts (kept in the render cache under ``cache_dir``, if
    given). The plan checks read positions from a program's file only to point at a line; a
    layout is not a file, so none is read (the path names none)."""
    store = None
    if cache_dir is not None:
        from ..cache import Cache

        store = Cache(cache_dir, "arrangements", linkable=False)
    return {
        slug: arrangements_of(p, guide, Path(f"<{slug} re-arranged>"), store)
        for slug, p in guide.programs.items()
    }


@dataclass(frozen=True)
class _LongRow:
    day: str
    offered: bool
    count: int
    reason: str


def _long_rows(found: Sequence[Arrangement]) -> list[_LongRow]:
    """Per long-run day (the written one first): offered, in how many layouts, or why not.

    The reason given for a day is that of the layout that keeps the quality days where they
    are written relative to the long run (the one a runner would try first)."""
    written = next(a for a in found if a.is_written)
    order = list(Weekday)
    rows: list[_LongRow] = []
    for a in found:
        if a.long is None or any(r.day == WEEKDAY_NAMES[a.long] for r in rows):
            continue
        same = [b for b in found if b.long is a.long]
        offered = [b for b in same if b.offered]
        reason = ""
        if not offered and written.long is not None:
            shift = order.index(a.long) - order.index(written.long)
            rotated = tuple(order[(order.index(q) + shift) % 7] for q in written.quality)
            first = next((b for b in same if set(b.quality) == set(rotated)), same[0])
            reason = first.reason()
        rows.append(_LongRow(WEEKDAY_NAMES[a.long], bool(offered), len(offered), reason))
    return rows


def _program_page(
    guide: Guide, slug: str, asset_sizes: Mapping[str, int], found: Sequence[Arrangement]
) -> GeneratedFile:
    program = guide.programs[slug]
    source = urls.program_source(slug)
    card = pictures.preview_meta(
        urls.preview_image_path("programs", slug), f"{program.name}: {program.summary}"
    )
    meta = front_matter({"title": program.name, "description": html.escape(program.summary), **card})
    return GeneratedFile.text(
        source,
        _render(
            "program.md.j2",
            meta=meta,
            program=program,
            g=_Pages(guide, source),
            text=text,
            day_name=lambda day: WEEKDAY_NAMES[day],
            weekdays=list(Weekday),
            used=program.exercise_slugs(),
            sessions_per_week=_sessions_per_week(program),
            runner_line=text.runner_line(program.runner) if program.runner else "",
            totals=(rows := week_totals(program, guide)),
            total_groups=groups_used(rows, guide),
            phase_names=PHASE_NAMES,
            pdf=_PdfLinks(source, slug, asset_sizes),
            urls=urls,
            slug=slug,
            day_short=lambda day: WEEKDAY_NAMES[day][:3],
            race=any(d.run.type is RunType.race for w in program.weeks for d in w.days),
            api_path="/" + program_json_path(slug),
            api_link=urls.link(source, program_json_path(slug)),
            # Raw HTML is not rewritten by the engine: relative to the page's own URL.
            api_fetch=posixpath.relpath(program_json_path(slug), urls.program_url(slug)),
            long_rows=_long_rows(found),
            written_long=WEEKDAY_NAMES[w]
            if (w := next(a for a in found if a.is_written).long)
            else "no fixed day",
        ),
    )


@dataclass(frozen=True)
class _PdfLinks:
    """Links to a program's printable PDFs (generator/cards), with their size when known."""

    source: str
    slug: str
    sizes: Mapping[str, int]

    def program(self, size: str, label: str = "") -> Md:
        return self._link(urls.program_pdf_path(self.slug, size), label or urls.PDF_LABELS[size])

    def week(self, week: int, size: str) -> Md:
        return self._link(urls.week_pdf_path(self.slug, week, size), urls.PDF_LABELS[size])

    def _link(self, path: str, label: str) -> Md:
        size = self.sizes.get(path)
        about = f"PDF, {max(1, round(size / 1024))} KB" if size else "PDF"
        return link(f"{label} ({about})", urls.link(self.source, path))


def _sessions_per_week(program: Program) -> str:
    counts = sorted({sum(1 for d in w.days if d.strength) for w in program.weeks})
    return str(counts[0]) if len(counts) == 1 else f"{counts[0]}–{counts[-1]}"


def _library_index(guide: Guide, figures: Mapping[str, FigureFacts]) -> GeneratedFile:
    source = urls.LIBRARY_SOURCE
    meta = front_matter({"title": "Exercise library", "description": "Every exercise in the guide, A to Z."})
    facet_list = finder.facets(
        guide,
        {p.value: name for p, name in PATTERN_NAMES.items()},
        {c.value: name for c, name in CATEGORY_NAMES.items()},
    )
    by_letter: dict[str, list[str]] = {}
    for slug, ex in sorted(guide.exercises.items(), key=lambda item: item[1].name.lower()):
        by_letter.setdefault(ex.name[0].upper(), []).append(slug)
    return GeneratedFile.text(
        source,
        _render(
            "library.md.j2",
            meta=meta,
            g=_Pages(guide, source),
            groupings=urls.GROUPINGS,
            by_letter=by_letter,
            # Letter headings help in a long list and only fragment a short one.
            letter_sections=len(guide.exercises) > LETTER_SECTIONS_FROM,
            grouping_link=lambda key: urls.link(source, urls.library_group_source(key)),
            finder_form=finder.finder_form(guide, facet_list),
            cards=lambda slugs: finder.card_list(guide, list(slugs), figures),
        ),
    )


def _grouping_page(guide: Guide, grouping: urls.Grouping, store: PageCache) -> GeneratedFile:
    """A browse page, kept in the page cache by exactly what it shows: its sections (headings,
    anchors, which exercises and whether as primary) and the names of those exercises, which
    is all the template is given (``_Names``). A summary edit, or any field a browse page does
    not show, renders none of the browse pages again (~0.5 s at 900 exercises)."""
    source = urls.library_group_source(grouping.key)
    sections = _sections(guide, grouping.key)
    names = {
        slug: guide.exercises[slug].name
        for _, group in sections
        for _, _, items in group
        for slug, _ in items
    }
    shown = [code_version(), grouping.key, grouping.title, grouping.intro, sections, names]
    page_key = hashlib.sha256(json.dumps(shown, sort_keys=True).encode("utf-8")).hexdigest()
    text = store.get(page_key)
    if text is None:
        meta = front_matter(
            {
                "title": grouping.title,
                "description": grouping.intro,
                "search": {"boost": search_terms.BROWSE_BOOST},
            }
        )
        text = _render(
            "grouping.md.j2",
            meta=meta,
            grouping=grouping,
            sections=sections,
            g=_Names(names, source),
            h=htmlblocks.Blocks(source),
        )
        store.put(page_key, text)
    return GeneratedFile.text(source, text)


@dataclass(frozen=True)
class _Names:
    """All a browse page may read of the guide: its exercises' names (for ``_grouping_page``'s key)."""

    names: Mapping[str, str]
    source: str

    def exercise_link(self, slug: str, anchor: str = "") -> Md:
        return link(self.names[slug], urls.link(self.source, urls.exercise_source(slug), anchor))

    def entries(self, items: Sequence[tuple[str, bool]]) -> list[Md]:
        """A section's list: each exercise's link, a secondary one marked (raw ``<em>``, which
        Markdown publishes as it publishes ``*(secondary)*``, and ``htmlblocks`` writes as is)."""
        return [
            Md(f"{self.exercise_link(slug)}{'' if primary else ' <em>(secondary)</em>'}")
            for slug, primary in items
        ]


# A section of a grouping page: (heading, anchor, [(slug, is_primary)]), under an optional
# super-heading (muscles are filed under 'Thighs', 'Core'…).
Section = tuple[str, str, list[tuple[str, bool]]]


# Whether an exercise is filed under a browse page's heading: True first (a primary mover,
# required kit), False after (secondary, optional), None not at all.


def _works(muscle: str, ex: Exercise) -> bool | None:
    return True if muscle in ex.muscles.primary else (False if muscle in ex.muscles.secondary else None)


def _moves(pattern: Pattern, ex: Exercise) -> bool | None:
    return True if ex.pattern is pattern else None


def _uses(equipment: str, ex: Exercise) -> bool | None:
    if equipment in ex.equipment.required:
        return True
    return False if equipment in ex.equipment.optional else None


def _is_level(level: Level, ex: Exercise) -> bool | None:
    return True if ex.level is level else None


def _sections(guide: Guide, key: str) -> list[tuple[str | None, list[Section]]]:
    by_name = sorted(guide.exercises.items(), key=lambda item: item[1].name.lower())

    def section(title: str, anchor: str, member: Callable[[Exercise], bool | None]) -> Section:
        items = [(slug, bool(flag)) for slug, ex in by_name if (flag := member(ex)) is not None]
        # Primary movers (or required equipment) first, then the rest; A–Z within each. The
        # sort is stable, so the name order of by_name survives inside both halves.
        items.sort(key=lambda item: not item[1])
        return (title, anchor, items)

    def non_empty(groups: list[tuple[str | None, list[Section]]]) -> list[tuple[str | None, list[Section]]]:
        kept = [(heading, [s for s in sections if s[2]]) for heading, sections in groups]
        return [(heading, sections) for heading, sections in kept if sections]

    if key == "by-muscle":
        groups: dict[str, list[Section]] = {}
        for muscle in guide.muscles.values():
            groups.setdefault(muscle.group, []).append(
                section(
                    muscle.name,
                    muscle.id,
                    partial(_works, muscle.id),
                )
            )
        return non_empty(list(groups.items()))
    if key == "by-pattern":
        return non_empty(
            [
                (
                    None,
                    [section(name, p.value, partial(_moves, p)) for p, name in PATTERN_NAMES.items()],
                )
            ]
        )
    if key == "by-equipment":
        return non_empty(
            [
                (
                    None,
                    [
                        section(
                            e.name,
                            e.id,
                            partial(_uses, e.id),
                        )
                        for e in guide.equipment.values()
                    ],
                )
            ]
        )
    if key == "by-level":
        return non_empty(
            [
                (
                    None,
                    [
                        section(
                            level.value.capitalize(),
                            level.value,
                            partial(_is_level, level),
                        )
                        for level in LEVEL_ORDER
                    ],
                )
            ]
        )
    raise ValueError(f"unknown grouping {key!r}")


# Goals the program chooser offers, and the words in a program's `runner.race` that name them.
GOALS: dict[str, tuple[str, tuple[str, ...]]] = {
    "none": ("No race: stronger running", ()),
    "5k": ("5K", ("5k", "parkrun")),
    "10k": ("10K", ("10k",)),
    "half": ("Half marathon", ("half",)),
    "marathon": ("Marathon", ("marathon",)),
}


@dataclass(frozen=True)
class _ChooserItem:
    """A program as the chooser on the programs index reads it (data attributes)."""

    slug: str
    program: Program
    runs: int | str  # the run days it assumes ("" when it does not say)
    level: str
    kit: Kit  # the least kit at which every exercise can be done as written
    goals: list[str]


def program_goals(program: Program) -> list[str]:
    """The chooser's goals a program leads into, from its runner's race (no race: 'none')."""
    race = (program.runner.race or "").lower() if program.runner else ""
    found = [
        key
        for key, (_, words) in GOALS.items()
        if words
        and any(word in race for word in words)
        # "half marathon" names the half only.
        and not (key == "marathon" and "half marathon" in race and race.count("marathon") == 1)
    ]
    return found or ["none"]


def program_kit(program: Program, guide: Guide) -> Kit:
    exercises = [guide.exercises[slug] for slug in program.exercise_slugs()]
    return next((kit for kit in Kit if all(fits(ex, kit) for ex in exercises)), Kit.gym)


def _programs_index(guide: Guide) -> GeneratedFile:
    source = urls.PROGRAMS_SOURCE
    meta = front_matter(
        {"title": "Programs", "description": "Week-by-week plans that combine running and strength."}
    )
    # Beginner plans first, so a new lifter meets the plans meant for them at the top.
    ordered = sorted(guide.programs.items(), key=lambda kv: (LEVEL_ORDER.index(kv[1].level), kv[0]))
    items = [
        _ChooserItem(
            slug,
            program,
            program.runner.run_days if program.runner else "",
            program.level.value,
            program_kit(program, guide),
            program_goals(program),
        )
        for slug, program in ordered
    ]
    return GeneratedFile.text(
        source,
        _render(
            "programs.md.j2",
            meta=meta,
            guide=guide,
            ordered=items,
            g=_Pages(guide, source),
            sessions_per_week=_sessions_per_week,
            runner_line=text.runner_line,
            run_choices=range(2, 8),
            level_choices=[(lv.value, lv.value.capitalize()) for lv in LEVEL_ORDER],
            kit_choices=[(k.value, KIT_NAMES[k]) for k in Kit],
            kit_names=KIT_NAMES,
            goal_choices=[(key, name) for key, (name, _) in GOALS.items()],
        ),
    )
