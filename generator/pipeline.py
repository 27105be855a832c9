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
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ContentError
from .files import GeneratedFile

if TYPE_CHECKING:
    from .handwritten import Page
    from .model import Guide
    from .plans import Finding

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

    @property
    def pages_dir(self) -> Path:
        return self.content / PAGES_FOLDER


def load(content: Path, cache_dir: Path | None = None) -> Loaded:
    """Load, validate and plan-check ``content``; raises ContentErrors listing every problem.

    The figure checks (the pose maths, ~25 ms a figure) are kept in the render cache by the
    figure and the checking code: a build after one edit checks only the edited figure.
    """
    from .cache import trusted_cache_dir
    from .checkstore import figure_checks, plan_findings
    from .load import load_guide

    root = trusted_cache_dir(cache_dir)  # parsed files and figure checks are kept there
    checks = figure_checks(root)
    before = checks.read()
    made = dict(before)
    notes: list[ContentError] = []
    guide = load_guide(content, notes, cache_dir=root, figure_checks=made)
    used = {ex.figure.model_dump_json() for ex in guide.exercises.values() if ex.figure is not None}
    now = {key: value for key, value in made.items() if key in used}
    if now != before:
        checks.write(now)
    return Loaded(content, guide, tuple(notes), tuple(plan_findings(content, guide, root)))


def build(content: Path | Loaded, settings: Settings, *, progress: bool = False) -> Site:
    """The whole pipeline: load (unless given what ``load`` returned), then render.

    ``progress`` draws progress bars on the long steps when stdout is a terminal.
    """
    loaded = content if isinstance(content, Loaded) else load(content, settings.cache_dir)
    files = generate(loaded.guide, settings, progress=progress)
    return Site(
        content=loaded.content,
        guide=loaded.guide,
        site_url=settings.site_url,
        files=tuple(files),
        nav=nav_data(loaded.guide, loaded.pages_dir),
        notes=loaded.notes,
        warnings=loaded.warnings,
        sizes=sizes_of(files),
    )


def generate(guide: Guide, settings: Settings, *, progress: bool = False) -> list[GeneratedFile]:
    """Every generated file of the docs tree, in a stable (path) order."""
    from .api import render_api
    from .cache import trusted_cache_dir
    from .cards.render import card_batch
    from .figures import picture_batch, pictures_of
    from .pages import render_pages
    from .pages.render import PHASE_NAMES, all_arrangements
    from .progress import step
    from .redirects import render_redirects
    from .workers import run_batches

    # None when the cache is not the user's alone: then nothing is cached (cache.trusted_cache_dir).
    cache_dir = trusted_cache_dir(settings.cache_dir)
    workers = settings.workers or os.cpu_count() or 1
    # Pictures and PDFs in one pool (workers.run_batches): its workers start once, and no core
    # waits between the two. Pictures first: the animations are the longest drawings.
    with step("pictures and PDFs", progress) as bar:
        started = time.perf_counter()
        picture_jobs = picture_batch(guide, cache_dir=cache_dir, progress=bar)
        pdf_jobs = card_batch(guide, settings.site_url, cache_dir=cache_dir, progress=bar)
        ran_pictures, ran_pdfs = run_batches([picture_jobs, pdf_jobs], workers=workers)
        pictures = pictures_of(guide, picture_jobs, ran_pictures, started, cache_dir=cache_dir)
        pdfs = [done.file for done in ran_pdfs.done]
    from .figures.site import render_site_images

    images = [*pictures.files, *render_site_images(guide, cache_dir)]
    # Pages link the PDFs with their sizes and show the strips as the renderer measured them
    # (plain data: pages import nothing of the renderer and read no picture).
    sizes = {f.path: f.size for f in pdfs}
    with step("pages", progress):
        # Every layout of every program's week, checked once by the plan checks: the program
        # pages say which are offered, and the open data (api/) lists them for the page script.
        arrangements = all_arrangements(guide, cache_dir)
        files = [
            *render_pages(guide, sizes, pictures.figures, arrangements, cache_dir=cache_dir),
            *render_api(guide, arrangements, {p.value: name for p, name in PHASE_NAMES.items()}),
            *render_redirects(guide),
            *pdfs,
            *images,
        ]
    paths = [f.path for f in files]
    if len(paths) != len(set(paths)):
        duplicates = sorted({p for p in paths if paths.count(p) > 1})
        raise RuntimeError(f"two renderers produced the same file: {duplicates}")
    return sorted(files, key=lambda f: f.path)


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
