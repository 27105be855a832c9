"""MkDocs' dirty build, made exact: render only the pages whose Markdown changed.

MkDocs' dirty build skips a file whose ``is_modified()`` is False: a file on disk whose output
is newer than it, never a file with in-memory content. Given the last build's ``BuildState``
(``generator/lastbuild.py``), ``mark`` says which generated files (``Generated``) are as the last
build left them, and removes the old output of every file to render again, so MkDocs' own check
renders it; an edit of one exercise renders that exercise's page and the pages listing it
(library, browse pages), not the 900 others. Hand-written pages are always rendered (a dozen;
their titles label the nav every rendered page shows). Anything that changes what every page
shows (the nav, a hand-written file, a file added or removed) renders every page.

A dirty build's search index then holds only the pages it rendered: ``merge_search_index``
puts the others' entries back, in build order, so the index is the one a full build makes.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation

from ..files import GeneratedFile
from ..lastbuild import BuildState
from ..pipeline import Site
from ..search_index import INDEX
from ..writer import seed_folder, write_file

# The digest of a picture still drawing (``Site.pending``): never a last build's, so its old
# output is removed (``mark``) and the joined file put in its place (``put_late``).
PENDING = "pending"


class Generated(File):
    """A file of the Site, handed to MkDocs (``File.generated``), that can be as the last build
    left it: ``unchanged`` then tells MkDocs' dirty build to keep its output. A ``late`` one is
    a picture still drawing: MkDocs copies nothing of it, ``put_late`` does once it is drawn."""

    unchanged = False
    late = False

    def is_modified(self) -> bool:
        return False if self.unchanged or self.late else super().is_modified()


def put_late(late: Sequence[GeneratedFile], config: MkDocsConfig, state: BuildState) -> None:
    """The pending pictures, drawn now, written into the site as MkDocs writes every generated
    file (``File.copy_file``: the same bytes), their digests into this build's state."""
    for made in late:
        if made.source is not None:
            file = Generated.generated(config, made.path, abs_src_path=str(made.source))
        else:
            file = Generated.generated(config, made.path, content=made.content)
        file.copy_file()
        state.digests[made.path] = _digest(made)


def state_of(site: Site, files: Files, docs_dir: Path) -> BuildState:
    """This build's state: each generated file's digest, the nav, the hand-written files' hashes."""
    handwritten = [f for f in files if f.generated_by is None and _inside(f.abs_src_path, docs_dir)]
    return BuildState(
        digests={f.path: _digest(f) for f in site.files} | dict.fromkeys(site.pending, PENDING),
        handwritten={f.src_uri: _sha256(Path(f.abs_src_path or "")) for f in handwritten},
        nav=site.nav,
    )


def needs_full(previous: BuildState | None, state: BuildState) -> bool:
    """True when every page must be rendered: no last build, or what every page shows changed."""
    return (
        previous is None
        or previous.nav != state.nav
        or previous.digests.keys() != state.digests.keys()
        or previous.handwritten != state.handwritten
    )


def mark(
    files: Files, previous: BuildState, state: BuildState, *, full: bool, seed: Path | None, site_dir: Path
) -> None:
    """Set what MkDocs renders on a build after ``previous``: the unchanged generated files are
    kept; every other page (and changed generated file) loses its old output, so it is rendered.

    With a ``seed`` (``runstrong build``), the new site starts as the last good one, its files
    linked (``writer.seed_folder``); the old output a file loses is unlinked, so the old site is
    never written through a link (the hardlink invariant: ``generator/lastbuild.py``).
    """
    if full:
        # Every page again (its nav may have changed); a build starts from an empty folder.
        for file in files.documentation_pages():
            Path(file.abs_dest_path).unlink(missing_ok=True)
        return
    if seed is not None:
        # Every page and generated file may be linked: each one rendered is unlinked below.
        owned = [f.dest_uri for f in files if f.is_documentation_page() or f.generated_by is not None]
        seed_folder(seed, site_dir, owned=owned)
        if not previous.search:
            previous.search = entries_by_page(seed)
    for file in files:
        if isinstance(file, Generated) and previous.digests.get(file.src_uri) == state.digests.get(
            file.src_uri
        ):
            file.unchanged = True
        elif file.is_documentation_page() or file.generated_by is not None:
            Path(file.abs_dest_path).unlink(missing_ok=True)


def read_kept_nav_pages(nav: Navigation, config: MkDocsConfig) -> None:
    """Read the front matter and title of each page in the nav this build keeps, as a full build
    does: every rendered page shows the nav, and Material's nav prints a page's ``icon``,
    ``subtitle`` and ``status`` (its front matter) and its title. A page kept unread would label
    the nav differently in the pages this build renders than a full build labels it."""
    for page in nav.pages:
        if isinstance(page.file, Generated) and page.file.unchanged:
            page.read_source(config)


def merge_search_index(
    site: Path, pages: list[str], rendered: set[str], others: dict[str, list[Any]]
) -> None:
    """Put in the search entries of the pages MkDocs did not render in this process, in build
    order (``pages``: every page's URL; ``rendered``: the ones this process rendered, whose
    entries are in the index; ``others``: the rest's, kept from the last build or rendered by a
    spread build's workers)."""
    path = site / INDEX
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    fresh = group_entries(index.get("docs", []))
    index["docs"] = [
        entry for url in pages for entry in (fresh.get(url, []) if url in rendered else others.get(url, []))
    ]
    write_file(path, json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def entries_by_page(site: Path) -> dict[str, list[Any]]:
    """The site's search index entries by the URL of their page."""
    path = site / INDEX
    if not path.is_file():
        return {}
    return group_entries(json.loads(path.read_text(encoding="utf-8")).get("docs", []))


def group_entries(entries: list[Any]) -> dict[str, list[Any]]:
    """Search index entries by the URL of their page ("exercises/x/#setup" → "exercises/x/")."""
    pages: dict[str, list[Any]] = {}
    for entry in entries:
        pages.setdefault(str(entry.get("location", "")).split("#", 1)[0], []).append(entry)
    return pages


def _digest(file: GeneratedFile) -> str:
    if file.source is not None:  # a cache blob is named by the hash of its bytes (files.py)
        return f"{file.source.name}:{file.size}"
    return hashlib.sha256(file.content).hexdigest()


def _sha256(path: Path) -> str:
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def _inside(path: str | None, folder: Path) -> bool:
    return path is not None and os.path.abspath(path).startswith(os.path.abspath(folder) + os.sep)
