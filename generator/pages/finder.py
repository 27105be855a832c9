"""The exercise finder on the library page, and the links that lead on from an exercise page.

The library lists every exercise as a card (HTML built here, every value escaped with
``html.escape``): without JavaScript it is a plain list; with it, theme/assets/javascripts/
finder.js filters the cards by the ``data-*`` facets written on each one. The facets live on
the library page only, so the finder adds nothing to the other pages of a 1,000-exercise
library; the thumbnails are lazy-loaded crops of the keyframe strips the pages already use.

Filter values are the vocabulary ids (``?muscle=soleus``), plus names a coach would type:
muscles that share a name before a bracket ("Calves (gastrocnemius)", "Calves (soleus)")
answer to that name together (``?muscle=calves``), and each muscle group answers to its
name (``?muscle=core``). ``finder_muscles`` is that mapping, written once on the page.
"""

from __future__ import annotations

import heapq
import html
import json
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .. import display, urls, verbatim
from ..display import FigureFacts
from ..model import Exercise, Guide, Level
from ..substitutes import Peer, Peers, pattern_peers
from .markdown import Md

NO_EQUIPMENT = "none"  # the equipment id of body-weight exercises (content/vocabulary)
RELATED_LIMIT = 6  # same-pattern exercises listed under "Related exercises"


def value_of(name: str) -> str:
    """A label as a query-string value: 'Lower legs and feet' → 'lower-legs-and-feet'."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def muscle_filters(guide: Guide) -> dict[str, list[str]]:
    """Every muscle filter value → the muscle ids it stands for, in vocabulary order.

    Exact ids win over the names derived from labels and groups, so no vocabulary id can be
    shadowed by a group that happens to share its spelling.
    """
    shared: dict[str, list[str]] = {}
    groups: dict[str, list[str]] = {}
    for muscle in guide.muscles.values():
        if " (" in muscle.name:
            shared.setdefault(value_of(muscle.name.split(" (", 1)[0]), []).append(muscle.id)
        groups.setdefault(value_of(muscle.group), []).append(muscle.id)
    filters: dict[str, list[str]] = {}
    for key, ids in [*groups.items(), *((k, v) for k, v in shared.items() if len(v) > 1)]:
        filters[key] = ids
    for muscle in guide.muscles.values():
        filters[muscle.id] = [muscle.id]
    return filters


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Facet:
    """One filter of the finder: a query-string key, a label and its options (with optgroups)."""

    key: str
    label: str
    groups: tuple[tuple[str, tuple[Option, ...]], ...]  # (optgroup label or "", options)


def facets(guide: Guide, pattern_names: Mapping[str, str], category_names: Mapping[str, str]) -> list[Facet]:
    """The finder's filters, offering only values that at least one exercise has."""
    exercises = list(guide.exercises.values())
    used_muscles = {m for ex in exercises for m in ex.muscles.primary}
    muscle_groups: dict[str, list[Option]] = {}
    filters = muscle_filters(guide)
    for muscle in guide.muscles.values():
        options = muscle_groups.setdefault(muscle.group, [])
        group_key = value_of(muscle.group)
        if not options and used_muscles & set(filters[group_key]):
            options.append(Option(group_key, f"All {muscle.group.lower()}"))
        if " (" in muscle.name:
            shared = value_of(muscle.name.split(" (", 1)[0])
            new = len(filters.get(shared, [])) > 1 and not any(o.value == shared for o in options)
            if new and used_muscles & set(filters[shared]):
                options.append(Option(shared, f"{muscle.name.split(' (', 1)[0]} (all)"))
        if muscle.id in used_muscles:
            options.append(Option(muscle.id, muscle.name))
    used_equipment = {e for ex in exercises for e in equipment_of(ex)}
    equipment = [
        Option(e.id, "No equipment (body weight)" if e.id == NO_EQUIPMENT else e.name)
        for e in guide.equipment.values()
        if e.id in used_equipment
    ]
    used_levels = {ex.level for ex in exercises}
    levels = [Option(lv.value, lv.value.capitalize()) for lv in Level if lv in used_levels]
    used_patterns = {ex.pattern.value for ex in exercises}
    patterns = [Option(p, name) for p, name in pattern_names.items() if p in used_patterns]
    used_categories = {ex.category.value for ex in exercises}
    categories = [Option(c, name) for c, name in category_names.items() if c in used_categories]
    return [
        Facet("muscle", "Main muscle", tuple((g, tuple(o)) for g, o in muscle_groups.items() if o)),
        Facet("equipment", "Equipment", (("", tuple(equipment)),)),
        Facet("level", "Level", (("", tuple(levels)),)),
        Facet("pattern", "Movement", (("", tuple(patterns)),)),
        Facet("category", "Type", (("", tuple(categories)),)),
    ]


def equipment_of(ex: Exercise) -> list[str]:
    """The equipment an exercise needs; body-weight exercises answer to 'none'."""
    needed = [e for e in ex.equipment.required if e != NO_EQUIPMENT]
    return needed or [NO_EQUIPMENT]


def kit_allows(ex: Exercise, have: Iterable[str]) -> bool:
    """Whether an exercise can be done with the kit a runner has: everything it needs is in
    ``have`` (body weight needs nothing; "none" in ``have`` adds nothing)."""
    needed = set(ex.equipment.required) - {NO_EQUIPMENT}
    return needed <= set(have)


def matches(ex: Exercise, query: Mapping[str, str], filters: Mapping[str, list[str]]) -> bool:
    """Whether an exercise passes a finder query — the rule finder.js applies, for tests.

    Filters combine (AND); a muscle filter matches the exercise's primary muscles; equipment
    is what the runner has, several kinds at once ("wall,step": every exercise doable with a
    wall, a step, both or nothing).
    """
    for key, value in query.items():
        if key == "muscle" and not set(filters.get(value, [])) & set(ex.muscles.primary):
            return False
        if key == "equipment" and not kit_allows(ex, [v for v in value.split(",") if v]):
            return False
        if key == "level" and ex.level.value != value:
            return False
        if key == "pattern" and ex.pattern.value != value:
            return False
        if key == "category" and ex.category.value != value:
            return False
    return True


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def finder_form(guide: Guide, facet_list: list[Facet]) -> Md:
    """The filter form, hidden until finder.js runs (without JavaScript the list is all there is).

    Equipment is a set of boxes (what the runner has, several at once), folded away on a phone;
    the other filters are one choice each. finder.js adds the counts beside each option.
    """
    parts = [
        '<form class="rs-finder" hidden data-search-exclude aria-labelledby="rs-finder-title"'
        f" data-muscles='{_attr(json.dumps(muscle_filters(guide), separators=(',', ':')))}'>",
        '<p id="rs-finder-title" class="rs-visually-hidden">Filter the exercises</p>',
        '<p class="rs-finder__notice" role="status" hidden></p>',
        '<div class="rs-finder__fields">',
    ]
    for facet in facet_list:
        if facet.key == "equipment":
            continue
        parts.append(f'<label data-facet="{facet.key}">{html.escape(facet.label)}<select name="{facet.key}">')
        parts.append('<option value="" data-label="Any">Any</option>')
        for group, options in facet.groups:
            if group:
                parts.append(f'<optgroup label="{_attr(group)}">')
            for o in options:
                value, label = _attr(o.value), _attr(o.label)
                parts.append(f'<option value="{value}" data-label="{label}">{html.escape(o.label)}</option>')
            if group:
                parts.append("</optgroup>")
        parts.append("</select></label>")
    parts.append("</div>")
    kit = next((f for f in facet_list if f.key == "equipment"), None)
    if kit is not None:
        parts += [
            '<details class="rs-finder__kit" data-facet="equipment">',
            '<summary>Equipment you have: <span class="rs-finder__kit-chosen">any</span></summary>',
            '<fieldset><legend class="rs-visually-hidden">Equipment you have</legend>',
            '<p class="rs-finder__hint">Tick everything you have: the list keeps the exercises '
            "you can do with it.</p>",
            '<div class="rs-finder__boxes">',
        ]
        for _, options in kit.groups:
            for o in options:
                label = "Nothing (body weight only)" if o.value == NO_EQUIPMENT else o.label
                parts.append(
                    '<label class="rs-finder__box">'
                    f'<input type="checkbox" name="equipment" value="{_attr(o.value)}">'
                    f' <span data-label="{_attr(label)}">{html.escape(label)}</span>'
                    ' <span class="rs-finder__n"></span></label>'
                )
        parts += ["</div>", "</fieldset>", "</details>"]
    parts += [
        '<div class="rs-finder__status">',
        '<output class="rs-finder__count" role="status" aria-live="polite">'
        f"{len(guide.exercises)} exercises</output>",
        '<button type="reset" class="rs-finder__reset" hidden>Show all exercises</button>',
        "</div>",
        "</form>",
    ]
    return Md("\n".join(parts))


def _thumbnail(guide: Guide, slug: str, from_url: str, figures: Mapping[str, FigureFacts]) -> str:
    """The exercise's key frame, cut from its keyframe strip (the PNG its page shows anyway).

    The same key frame as the page's still (``FigureFacts.key_frame``), cropped the way
    figures.css crops strip frames: ``object-fit: cover`` plus ``object-position``, with the
    frame's aspect ratio set inline. An exercise without a figure has no thumbnail; its muscle
    map stands alone.
    """
    ex = guide.exercises[slug]
    layout = figures.get(slug)
    if ex.figure is None or layout is None:
        return ""
    frame = layout.key_frame
    w, h = layout.size
    src = posix_rel(urls.figure_strip_path(slug), from_url)
    return (
        f'<span class="rs-thumb"><img src="{_attr(src)}" alt="" loading="lazy"'
        f' width="{w}" height="{h}" style="{_attr(layout.crop(frame))}"></span>'
    )


def posix_rel(path: str, from_url: str) -> str:
    """A URL path relative to the page at ``from_url`` (both from the site root)."""
    return posixpath.relpath(path, from_url.rstrip("/") or ".") + ("/" if path.endswith("/") else "")


def card(guide: Guide, slug: str, figures: Mapping[str, FigureFacts]) -> str:
    """One exercise as a card of the library list, with its facets as data attributes."""
    ex = guide.exercises[slug]
    page = urls.url_of(urls.LIBRARY_SOURCE)
    href = posix_rel(urls.exercise_url(slug), page)
    muscles = ", ".join(guide.muscles[m].name for m in ex.muscles.primary)
    kit = ", ".join(guide.equipment[e].name for e in ex.equipment.required)
    data = {
        "muscle": " ".join(ex.muscles.primary),
        "equipment": " ".join(equipment_of(ex)),
        "level": ex.level.value,
        "pattern": ex.pattern.value,
        "category": ex.category.value,
    }
    attrs = " ".join(f'data-{k}="{_attr(v)}"' for k, v in data.items())
    # The summary repeats the exercise page's lead: kept out of the search index
    # (data-search-exclude), where it would only push the library above the exercise itself.
    return (
        f'<li class="rs-card" {attrs}>'
        f'<div class="rs-card__pics">{_thumbnail(guide, slug, page, figures)}'
        f"{_small_map(guide, slug, page)}</div>"
        '<div class="rs-card__body">'
        f'<a class="rs-card__title" href="{_attr(href)}">{html.escape(ex.name)}</a>'
        f'<p class="rs-card__summary" data-search-exclude>{html.escape(ex.summary)}</p>'
        '<dl class="rs-card__facts" data-search-exclude>'
        f"<dt>Trains:</dt> <dd>{html.escape(muscles)}</dd>"
        f"<dt>Equipment:</dt> <dd>{html.escape(kit)}</dd>"
        f"<dt>Level:</dt> <dd>{html.escape(ex.level.value.capitalize())}</dd>"
        "</dl>"
        "</div></li>"
    )


def _small_map(guide: Guide, slug: str, from_url: str) -> str:
    """The small muscle map (alt as on the old table: the card names the muscles too)."""
    ex = guide.exercises[slug]
    alt = display.small_muscle_map_alt(ex, guide.muscles)
    src = posix_rel(display.muscle_map_small_path(ex.muscles.primary, ex.muscles.secondary), from_url)
    w, h = display.MUSCLE_MAP_SMALL_SIZE
    return (
        f'<img class="rs-muscle-map-small" src="{_attr(src)}" alt="{_attr(alt)}"'
        f' width="{w}" height="{h}" loading="lazy">'
    )


def card_list(guide: Guide, slugs: list[str], figures: Mapping[str, FigureFacts]) -> Md:
    """The cards as one list of finished HTML, marked verbatim: an engine that can need not
    parse a 900-exercise library's 650 KB of it as Markdown, nor search it (``verbatim.py``)."""
    items = "\n".join(card(guide, slug, figures) for slug in slugs)
    return Md(verbatim.wrap(f'<ul class="rs-cards">\n{items}\n</ul>'))


def related(guide: Guide, slug: str, same: Peers | None = None) -> list[str]:
    """Exercises of the same movement pattern, nearest first.

    Nearest: the same level, then the most primary muscles in common, then by name (then in
    slug order); the exercise's own easier/harder links are already on its page, so they are
    left out. ``same``: ``substitutes.peers(guide)``, when a caller asks for many exercises.
    """
    ex = guide.exercises[slug]
    linked = {v.exercise for v in [*ex.easier, *ex.harder] if v.exercise}
    mine, level = set(ex.muscles.primary), list(Level).index(ex.level)
    # Peers of one level and the same primary muscles are equally near: each group's distance
    # is worked out once, not once a peer (a pattern of 300 imported exercises holds ~60).
    by_distance: dict[tuple[int, int], list[tuple[tuple[str, int, str], ...]]] = {}
    for (rank, primary), members in _groups(pattern_peers(guide, ex.pattern, same)):
        by_distance.setdefault((abs(rank - level), -len(mine.intersection(primary))), []).append(members)
    found: list[str] = []
    for distance in sorted(by_distance):
        # Equally near groups: their members in (name, slug order) order, as one sorted list.
        for _, _, other in heapq.merge(*by_distance[distance]):
            if other != slug and other not in linked:
                found.append(other)
                if len(found) == RELATED_LIMIT:
                    return found
    return found


_Group = tuple[tuple[int, frozenset[str]], tuple[tuple[str, int, str], ...]]
# The groups of the last peer lists asked about, by the list's identity (the list is kept, so
# its id cannot be another list's while it is here): a site asks once per exercise.
_GROUPS: dict[int, tuple[list[Peer], list[_Group]]] = {}


def _groups(peer_list: list[Peer]) -> list[_Group]:
    """``peer_list`` grouped by (level, primary muscles), each group's (name, index, slug) sorted."""
    known = _GROUPS.get(id(peer_list))
    if known is not None and known[0] is peer_list:
        return known[1]
    grouped: dict[tuple[int, frozenset[str]], list[tuple[str, int, str]]] = {}
    for i, other in enumerate(peer_list):
        grouped.setdefault((other.rank, other.primary), []).append((other.name, i, other.slug))
    groups = [(key, tuple(sorted(members))) for key, members in grouped.items()]
    if len(_GROUPS) >= 64:  # a site has one list a pattern; older sites' lists are let go
        _GROUPS.clear()
    _GROUPS[id(peer_list)] = (peer_list, groups)
    return groups
