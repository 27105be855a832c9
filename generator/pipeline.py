"""The one pipeline: content folder in, ``Site`` out — loaded and validated once.

``build(content, settings)`` loads the content (every error at once), runs the plan checks,
runs the renderers and returns a ``Site``: the guide, every generated file, the nav as plain
data and its sizes. Engines are outputs of a Site, never callers of the pipeline's insides:
the MkDocs plugin is handed it (``runstrong build``) or makes one from its typed ``content``
option (a plain ``mkdocs build``/``serve``); ``runstrong generate`` writes its files as a docs
tree another engine (Zensical) publishes, with ``nav_data`` written out as data.

No MkDocs here, and no writing: the writer (``generator/writer.py``) puts files on disk.
"""

from __future__ import annotations

import html
import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ContentError
from .files import GeneratedFile
from .memo import NO_MEMO, Memo

if TYPE_CHECKING:
    from .drawing import Drawing
    from .handwritten import Page
    from .model import Guide
    from .plans import Finding
    from .schedule import Later, Pictures

# The renderers (Pillow, fpdf2, Jinja) and pydantic's models are imported where they are used:
# the command line's error paths and the no-change build then start without seconds of imports.

PAGES_FOLDER = "pages"  # hand-written Markdown inside a content folder


@dataclass(frozen=True)
class Settings:
    """What the output depends on besides the content."""

    site_url: str  # printed cards link it in QR codes; must already be checked (urls.site_url_problem)
    cache_dir: Path | None = None  # None: the user's render cache (cache.render_cache_dir)
    workers: int = 0  # picture-rendering processes; 0: one per core


@dataclass(frozen=True)
class Loaded:
    """A content folder, loaded and checked once."""

    content: Path
    guide: Guide
    notes: Sequence[ContentError] = ()  # worth saying, not errors (a program naming a renamed exercise)
    warnings: Sequence[Finding] = ()  # plan checks (race week, rest before the long run…)

    @property
    def pages_dir(self) -> Path:
        return self.content / PAGES_FOLDER


@dataclass(frozen=True)
class Sizes:
    pages: int  # generated Markdown pages
    images: int
    pdfs: int
    bytes: int  # of every generated file


@dataclass(frozen=True)
class Site:
    """Everything an engine needs to publish the guide; no engine needed to make it."""

    content: Path
    guide: Guide
    site_url: str
    files: tuple[GeneratedFile, ...]
    nav: list[Any]  # the structure of mkdocs.yml's ``nav:`` (see nav_data)
    notes: Sequence[ContentError] = ()
    warnings: Sequence[Finding] = ()
    sizes: Sizes = field(default_factory=lambda: Sizes(0, 0, 0, 0))
    # Pictures still drawing (``build_beside``): their paths, their files not in ``files`` yet.
    pending: tuple[str, ...] = ()

    @property
    def pages_dir(self) -> Path:
        return self.content / PAGES_FOLDER


def load(content: Path, cache_dir: Path | None = None, *, drawing: Drawing | None = None) -> Loaded:
    """Load, validate and plan-check ``content``; raises ContentErrors listing every problem.

    The figure checks (the pose maths, ~25 ms a figure) are kept in the render cache by the
    figure and the checking code: a build after one edit checks only the edited figure.
    ``drawing``: a build's pool whose workers are started; the exercise files the render cache
    does not hold are read on them too, first (``readahead.py``).
    """
    from .cache import trusted_cache_dir
    from .checkstore import figure_checks, plan_findings
    from .load import checked_files, load_guide

    root = trusted_cache_dir(cache_dir)  # parsed files and figure checks are kept there
    checks = figure_checks(root)
    before = checks.read()
    made = dict(before)
    checked = checked_files(root) if root is not None else None  # read once, by both
    if drawing is not None:
        from .readahead import read_ahead

        if read_ahead(content, checked, drawing, made):  # a cold load: the pictures are to draw
            from .schedule import prepare_workers

            prepare_workers(drawing)
    notes: list[ContentError] = []
    guide = load_guide(content, notes, cache_dir=root, figure_checks=made, checked=checked)
    used = {ex.figure.model_dump_json() for ex in guide.exercises.values() if ex.figure is not None}
    now = {key: value for key, value in made.items() if key in used}
    if now != before:
        checks.write(now)
    return Loaded(content, guide, tuple(notes), tuple(plan_findings(content, guide, root)))


def build(
    content: Path | Loaded, settings: Settings, *, progress: bool = False, memo: Memo = NO_MEMO
) -> Site:
    """The whole pipeline: load (unless given what ``load`` returned), then render every file.

    ``progress`` draws progress bars on the long steps when stdout is a terminal. ``memo``: what
    a serve session keeps between its builds (``generator/memo.py``; the same files either way).
    """
    from .drawing import Drawing

    loaded = content if isinstance(content, Loaded) else load(content, settings.cache_dir)
    with Drawing(workers_of(settings)) as drawing:
        pictures = start_pictures(loaded.guide, drawing, settings.cache_dir, progress=progress, memo=memo)
        site, later = build_beside(loaded, settings, pictures, progress=progress, memo=memo)
        return completed(site, later.join())


def start_pictures(
    guide: Guide, drawing: Drawing, cache_dir: Path | None, *, progress: bool = False, memo: Memo = NO_MEMO
) -> Pictures:
    """Queue the strips of ``guide`` in ``drawing`` (``schedule.py``), drawn while the caller goes
    on (reads mkdocs.yml, then ``build_beside`` queues the PDFs and the other pictures);
    ``cache_dir`` as in ``Settings``."""
    from .cache import trusted_cache_dir
    from .schedule import start_pictures as start

    return start(guide, drawing, trusted_cache_dir(cache_dir), progress=progress, memo=memo)


def build_beside(
    loaded: Loaded, settings: Settings, pictures: Pictures, *, progress: bool = False, memo: Memo = NO_MEMO
) -> tuple[Site, Later]:
    """The Site as soon as its pages are rendered, the pictures nobody reads until the site is
    assembled still drawing (``pictures``: ``start_pictures``). The Site lists their paths as
    ``pending``; ``Later.join`` waits for their files, ``completed`` puts them in the Site."""
    from .cache import trusted_cache_dir
    from .schedule import render_files

    cache_dir = trusted_cache_dir(settings.cache_dir)  # None: not the user's alone, nothing cached
    files, later = render_files(
        loaded.guide, settings.site_url, cache_dir, pictures, progress=progress, memo=memo
    )
    site = Site(
        content=loaded.content,
        guide=loaded.guide,
        site_url=settings.site_url,
        files=tuple(files),
        nav=nav_data(loaded.guide, loaded.pages_dir),
        notes=loaded.notes,
        warnings=loaded.warnings,
        sizes=sizes_of(files),
        pending=later.paths,
    )
    return site, later


def completed(site: Site, late: Sequence[GeneratedFile]) -> Site:
    """``site`` with its pending pictures' files (``Later.join``) in their places."""
    files = sorted([*site.files, *late], key=lambda f: f.path)
    return replace(site, files=tuple(files), sizes=sizes_of(files), pending=())


def generate(guide: Guide, settings: Settings, *, progress: bool = False) -> list[GeneratedFile]:
    """Every generated file of the docs tree, in a stable (path) order."""
    from .cache import trusted_cache_dir
    from .drawing import Drawing
    from .schedule import render_files

    cache_dir = trusted_cache_dir(settings.cache_dir)
    with Drawing(workers_of(settings)) as drawing:
        pictures = start_pictures(guide, drawing, settings.cache_dir, progress=progress)
        files, later = render_files(guide, settings.site_url, cache_dir, pictures, progress=progress)
        return sorted([*files, *later.join()], key=lambda f: f.path)


def workers_of(settings: Settings) -> int:
    """The drawing processes of a build: ``Settings.workers``, or one per core."""
    return settings.workers or os.cpu_count() or 1


def sizes_of(files: Sequence[GeneratedFile]) -> Sizes:
    pages = sum(f.path.endswith(".md") for f in files)
    images = sum(f.path.endswith((".png", ".webp", ".svg", ".jpg")) for f in files)
    pdfs = sum(f.path.endswith(".pdf") for f in files)
    return Sizes(pages, images, pdfs, sum(f.size for f in files))


def nav_data(guide: Guide, pages_dir: Path) -> list[Any]:
    """The site's navigation as plain data, in the shape of mkdocs.yml's ``nav:``.

    Home, the library's browse pages, programs, then the hand-written pages. Exercise pages are
    deliberately absent: a 1,000-exercise nav would be written into every page of the site
    (ARCHITECTURE.md measured 270 KB a page). Titles are HTML-escaped, because Material prints
    nav titles as they are. Zensical reads the same structure from its config.
    """
    from . import urls
    from .handwritten import scan

    nav: list[Any] = []
    if (pages_dir / urls.HOME_SOURCE).is_file():
        nav.append({"Home": urls.HOME_SOURCE})
    exercises: list[Any] = [{"All exercises": urls.LIBRARY_SOURCE}]
    exercises += [
        {g.title.removeprefix("Exercises ").capitalize(): urls.library_group_source(g.key)}
        for g in urls.GROUPINGS
    ]
    nav.append({"Exercises": exercises})
    programs: list[Any] = [{"All programs": urls.PROGRAMS_SOURCE}]
    programs += [{html.escape(p.name): urls.program_source(slug)} for slug, p in guide.programs.items()]
    nav.append({"Programs": programs})
    pages = [page for page in scan(pages_dir).pages if page.path != urls.HOME_SOURCE]
    handwritten = sorted((*_nav_meta(page), page.path) for page in pages)
    # Pages in a folder (guide/…) share one section named after the folder, placed where its
    # first page sorts: a dozen guide pages stay one tab instead of a dozen.
    sections: dict[str, list[Any]] = {}
    for _, title, path in handwritten:
        entry = {html.escape(title): path} if title else path
        folder, _, rest = path.partition("/")
        if rest:
            if folder not in sections:
                sections[folder] = []
                nav.append({folder.replace("-", " ").capitalize(): sections[folder]})
            sections[folder].append(entry)
        else:
            nav.append(entry)
    return nav


def _nav_meta(page: Page) -> tuple[int, str]:
    """A hand-written page's place and label in the nav, from its front matter.

    ``nav_order: N`` sorts the page (default 100); ``nav_title`` gives a short tab label
    where the page title is too long for one. The loader has validated both (``PageMeta``).
    """
    from .handwritten import PageMeta

    if page.front is None or not isinstance(page.front.data, dict):
        return (100, "")
    meta = PageMeta.from_content(page.front.data)
    return (100 if meta.nav_order is None else meta.nav_order, meta.nav_title or "")
