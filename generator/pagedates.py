"""When each published page last changed: the sitemap's ``<lastmod>`` for every engine.

A page's date is the newest date of the content files it is made from (``page_sources``): an
exercise page its YAML (text, dose, and the figure drawn from it), a program page its program
and the exercises it prescribes, a list of exercises or programs the files it lists, a
hand-written page its Markdown. A page made from nothing in particular (the offline page, a
redirect) carries the content's newest date.

A file's date (``filedates.file_dates``: its last commit, else its modification time) never
depends on the day of the build, so the same content makes the same sitemap on any day.

``SOURCE_DATE_EPOCH``, when the person building sets it, caps every date (reproducible
builds: nothing newer than the time they name).
"""

from __future__ import annotations

import gzip
import os
import re
import time
from collections.abc import Mapping
from pathlib import Path

from . import urls
from .filedates import file_dates
from .model import Guide
from .writer import write_file

EXERCISES = "exercises"
PROGRAMS = "programs"
PAGES = "pages"


def page_sources(guide: Guide, content: Path) -> dict[str, list[str]]:
    """The content files each generated or hand-written page is made from, by URL path."""
    exercise = {slug: f"{EXERCISES}/{slug}.yaml" for slug in guide.exercises}
    program = {slug: f"{PROGRAMS}/{slug}.yaml" for slug in guide.programs}
    sources: dict[str, list[str]] = {}
    for slug in guide.exercises:
        sources[urls.exercise_url(slug)] = [exercise[slug]]
    for slug, p in guide.programs.items():
        sources[urls.program_url(slug)] = [program[slug], *(exercise[e] for e in p.exercise_slugs())]
    every_exercise = sorted(exercise.values())
    sources[urls.url_of(urls.LIBRARY_SOURCE)] = every_exercise
    for grouping in urls.GROUPINGS:
        sources[urls.url_of(urls.library_group_source(grouping.key))] = every_exercise
    sources[urls.url_of(urls.PROGRAMS_SOURCE)] = sorted(program.values())
    pages = content / PAGES
    for path in sorted(pages.rglob("*.md")) if pages.is_dir() else ():
        rel = path.relative_to(pages).as_posix()
        source = rel.removesuffix("README.md") + "index.md" if rel.endswith("README.md") else rel
        sources[urls.url_of(source)] = [f"{PAGES}/{rel}"]  # over a generated page: it replaces it
    return sources


def page_dates(guide: Guide, content: Path) -> tuple[dict[str, int], int]:
    """(each page's date by URL path, the date of any other page): Unix times, each capped by a
    ``SOURCE_DATE_EPOCH`` the person building set."""
    dates = file_dates(content)
    ceiling = _source_date_epoch()
    newest = min(max(dates.values(), default=0), ceiling)
    pages = {}
    for url, files in page_sources(guide, content).items():
        known = [dates[f] for f in files if f in dates]
        pages[url] = min(max(known), ceiling) if known else newest
    return pages, newest


def _source_date_epoch() -> int:
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(value) if value.isdigit() else 2**63


_URL = re.compile(r"(<url>\s*<loc>([^<]*)</loc>)(\s*<lastmod>[^<]*</lastmod>)?")


def date_sitemap(site: Path, pages: Mapping[str, int], default: int) -> None:
    """Give each URL of the site's sitemap its page's date, and write ``sitemap.xml.gz`` from it.

    MkDocs dates every URL with the build's one date, Zensical with none. The ``.gz`` has no
    name or time in its header, so the same sitemap always compresses to the same bytes. Does
    nothing to a site without a sitemap.
    """
    path = site / "sitemap.xml"
    if not path.is_file():
        return
    text = path.read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]*)</loc>", text)
    base = min(locations, key=len, default="")  # the home page: every other URL starts with it

    def dated(match: re.Match[str]) -> str:
        location = match.group(2)
        page = location[len(base) :] if location.startswith(base) else None
        epoch = pages.get(page, default) if page is not None else default
        day = time.strftime("%Y-%m-%d", time.gmtime(epoch))
        return f"{match.group(1)}\n         <lastmod>{day}</lastmod>"

    text = _URL.sub(dated, text)
    write_file(path, text.encode("utf-8"))
    write_file(site / "sitemap.xml.gz", gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
