"""Every public URL and output path, computed in one place.

Pages, the library index, redirects, QR codes on printed cards and the URL manifest all ask
this module, so a printed card and the site can never disagree about where a page lives.
A published URL is a promise: change these functions only together with a redirect.

Two kinds of value come out of here:
- *source paths* (``exercises/rdl.md``): where a file sits in the generated docs tree;
- *URL paths* (``exercises/rdl/``): where MkDocs publishes it, relative to the site root
  (MkDocs' ``use_directory_urls``), which ``absolute()`` joins to ``site_url``.
"""

from __future__ import annotations

import functools
import posixpath
import re
from dataclasses import dataclass

SITE_NAME = "RunStrong"

# Section anchors of an exercise page. Coaches deep-link to these ("see #mistakes"), so they
# are part of the public URL contract and pinned by tests.
ANCHORS: dict[str, str] = {
    "why-runners": "Why runners do it",
    "setup": "Set-up",
    "steps": "Steps",
    "cues": "Cues",
    "mistakes": "Common mistakes",
    "easier": "Make it easier",
    "harder": "Make it harder",
    "substitutes": "No kit, dumbbells or gym",
    "dose": "Default dose",
    "muscles": "Muscles worked",
    "programs": "Programs that use it",
    "related": "Related exercises",
    "source": "Source",
}

HOME_SOURCE = "index.md"
LIBRARY_SOURCE = "exercises/index.md"
PROGRAMS_SOURCE = "programs/index.md"
OFFLINE_SOURCE = "offline.md"  # what the service worker shows for a page neither stored nor reachable
API_DIR = "api"  # the open data (generator/api.py)
GENERATED_ASSETS = "assets/generated"


def exercise_source(slug: str) -> str:
    return f"exercises/{slug}.md"


def program_source(slug: str) -> str:
    return f"programs/{slug}.md"


def url_of(source: str) -> str:
    """The URL path MkDocs gives a Markdown source with directory URLs."""
    if source == "index.md":
        return ""
    stem = source.removesuffix(".md")
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def slugify(text: str, max_length: int = 80) -> str:
    """A slug for ``text`` (lowercase letters, digits, single hyphens), or '' when none is left.

    The one slug rule: the importer names files with it, and the loader suggests it for a file
    name that is not a slug. Cut at ``max_length`` and never ending in a hyphen.
    """
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:max_length].strip("-")


def exercise_url(slug: str) -> str:
    return url_of(exercise_source(slug))


def program_url(slug: str) -> str:
    return url_of(program_source(slug))


def asset_path(*parts: str) -> str:
    """Path of a generated asset (image, PDF) in the docs tree; also its URL path."""
    return posixpath.join(GENERATED_ASSETS, *parts)


def link(from_source: str, to_source: str, anchor: str = "") -> str:
    """A relative Markdown link between two sources, as MkDocs resolves and validates it."""
    rel = _relative(to_source, posixpath.dirname(from_source) or ".")
    return f"{rel}#{anchor}" if anchor else rel


@functools.lru_cache(maxsize=65536)
def _relative(to_source: str, folder: str) -> str:
    # posixpath.relpath makes both paths absolute against the working folder each call: ~0.1 ms,
    # and a library of 850 pages makes ~20,000 links, most of them between the same folders.
    return posixpath.relpath(to_source, folder)


MAX_SITE_URL = 200


def site_url_problem(site_url: str) -> str | None:
    """Why ``site_url`` cannot be the published address, or None. It is printed into every page
    (og:image) and every QR code, so only http(s), a host, and a path of URL characters."""
    from urllib.parse import urlsplit

    if len(site_url) > MAX_SITE_URL:  # a QR code holds ~2,900 bytes; a card's short link must fit
        return f"a site address of {len(site_url)} characters; give at most {MAX_SITE_URL}"
    parts = urlsplit(site_url)
    if parts.scheme not in ("http", "https") or not parts.hostname or re.search(r"[\s\"'<>\\`]", site_url):
        return (
            f"'{site_url}' is not a web address: give http:// or https://, a host and an optional path, "
            "e.g. https://runstrong.example/"
        )
    if parts.query or parts.fragment:
        return f"'{site_url}': give the site's address without '?' or '#'"
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        return f"'{site_url}': the port is not a number"
    return None


def absolute(site_url: str, url_path: str) -> str:
    """Join a URL path to the published site's base URL (``site_url`` of mkdocs.yml)."""
    return site_url.rstrip("/") + "/" + url_path.lstrip("/")


def short_source(code: str) -> str:
    """A short link (/x/rdl/), printed under QR codes: a redirect file, not a page."""
    return f"x/{code}/index.html"


def short_url(code: str) -> str:
    return f"x/{code}/"


def redirect_file(url_path: str) -> str:
    """The static HTML file that answers at a directory URL (used for redirects)."""
    return url_path + "index.html"


@dataclass(frozen=True)
class Grouping:
    """One 'browse by' page of the library: exercises filed under headings.

    Its page is ``library_group_source(key)``; the nav and the URL checks list them too.
    """

    key: str  # by-muscle, by-pattern…
    title: str
    intro: str


GROUPINGS = [
    Grouping("by-muscle", "Exercises by muscle", "Find the work for a muscle: primary movers first."),
    Grouping("by-pattern", "Exercises by movement", "Hinge, lunge, push, jump: pick by the movement."),
    Grouping("by-equipment", "Exercises by equipment", "What you can do with the kit you have."),
    Grouping("by-level", "Exercises by level", "Start where you are; progress when the dose feels easy."),
]


def library_group_source(key: str) -> str:
    """The library's 'browse by' pages: exercises/by-muscle.md and friends."""
    return f"exercises/{key}.md"


# Printable PDFs of a program, generated as site assets (``generator/cards``). The key names the
# paper to print on: a4 and letter are print packs (week sheets + four cards to a sheet);
# a6, a5 and 4x6 are cards only, one to a page, for card stock.
PROGRAM_PDF_SIZES = ("a4", "letter", "a6", "a5", "4x6")
WEEK_PDF_SIZES = ("a4", "letter")

# Paper names of the printable PDFs (urls.PROGRAM_PDF_SIZES), as a runner reads them.
PDF_LABELS: dict[str, str] = {
    "a4": "A4",
    "letter": "Letter",
    "a6": "A6",
    "a5": "A5",
    "4x6": "4 × 6 in",
}


def program_pdf_path(slug: str, size: str) -> str:
    """The whole program as one PDF; a folder per program, so no two programs' files collide."""
    return asset_path("pdf", slug, f"{slug}-{size}.pdf")


def week_pdf_path(slug: str, week: int, size: str) -> str:
    """One week (1-based) of a program as one PDF."""
    return asset_path("pdf", slug, f"{slug}-week-{week}-{size}.pdf")


def program_week_anchor(week: int) -> str:
    """The heading of a week on its program page (``## Week 2 { #week-2 }``)."""
    return f"week-{week}"


def program_session_anchor(week: int, day: str) -> str:
    """A strength session on its program page: ``week-2-tue`` (week 1-based, day as in YAML)."""
    return f"{program_week_anchor(week)}-{day}"


# Host names reserved for examples (RFC 2606/6761): a site_url on one of them is a placeholder,
# and printed QR codes to it would open nothing (mkdocs.yml ships with https://runstrong.example/).
PLACEHOLDER_SUFFIXES = (".example", ".invalid", ".test", ".localhost")
PLACEHOLDER_HOSTS = ("example.com", "example.net", "example.org", "localhost")


def placeholder_warning(site_url: str) -> str:
    """What ``build``, ``serve`` and ``generate`` say while ``site_url`` is a placeholder."""
    return (
        f"site_url is the placeholder {site_url}: the PDFs are previews without QR codes. Set site_url "
        "in mkdocs.yml or RUNSTRONG_SITE_URL to the published address (README: Publishing)."
    )


def is_placeholder(site_url: str) -> bool:
    """Whether ``site_url`` is not a real published address (so PDFs are marked as previews)."""
    host = display_url(site_url).split("/", 1)[0].split(":", 1)[0].lower().rstrip(".")
    return (
        not host
        or host.endswith(PLACEHOLDER_SUFFIXES)
        or host in PLACEHOLDER_HOSTS
        or any(host.endswith("." + h) for h in PLACEHOLDER_HOSTS)
    )


def display_url(url: str) -> str:
    """A URL as printed for typing: without the scheme (``runstrong.example/x/rdl/``)."""
    return url.split("://", 1)[-1]


# --- generated pictures (figures, muscle maps, link previews; see generator/figures) ---------
# One folder per kind, so no slug can collide with another picture's name.


def figure_strip_path(slug: str) -> str:
    """The keyframe strip of an exercise (PNG, also used by printed cards)."""
    return asset_path("figures", f"{slug}.png")


def figure_animation_path(slug: str) -> str:
    """The animated movement of an exercise (WebP)."""
    return asset_path("figures", f"{slug}.webp")


# Muscle maps are named by what they show, not by exercise (one file for every exercise that
# works the same muscles): generator.display.muscle_map_path.


PREVIEW_KINDS = ("exercises", "programs")


def preview_image_path(kind: str, slug: str) -> str:
    """The 1200×630 link-preview card (og:image) of an exercise or a program page."""
    if kind not in PREVIEW_KINDS:
        raise ValueError(f"preview kind must be one of {PREVIEW_KINDS}, got {kind!r}")
    return asset_path("previews", kind, f"{slug}.png")
