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

import posixpath

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
    "dose": "Default dose",
    "muscles": "Muscles worked",
    "programs": "Programs that use it",
    "source": "Source",
}

HOME_SOURCE = "index.md"
LIBRARY_SOURCE = "exercises/index.md"
PROGRAMS_SOURCE = "programs/index.md"
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


def exercise_url(slug: str) -> str:
    return url_of(exercise_source(slug))


def program_url(slug: str) -> str:
    return url_of(program_source(slug))


def asset_path(*parts: str) -> str:
    """Path of a generated asset (image, PDF) in the docs tree; also its URL path."""
    return posixpath.join(GENERATED_ASSETS, *parts)


def link(from_source: str, to_source: str, anchor: str = "") -> str:
    """A relative Markdown link between two sources, as MkDocs resolves and validates it."""
    rel = posixpath.relpath(to_source, posixpath.dirname(from_source) or ".")
    return f"{rel}#{anchor}" if anchor else rel


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


def library_group_source(key: str) -> str:
    """The library's 'browse by' pages: exercises/by-muscle.md and friends."""
    return f"exercises/{key}.md"

