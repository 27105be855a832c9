"""MkDocs' dirty build, made exact: render only the pages whose Markdown changed.

MkDocs' dirty build skips a file whose ``is_modified()`` is False: a file on disk whose output
is newer than it, never a file with in-memory content. Given the last build's ``BuildState``
(``generator/lastbuild.py``), ``mark`` says which generated files (``Generated``) are as the last
build left them, and removes the old output of every file to render again, so MkDocs' own check
renders it; an edit of one exercise renders that exercise's page and the pages listing it
(library, browse pages), not the 900 others, and no hand-written page. Anything that changes
what every page shows (the nav, a hand-written file, a file added or removed) renders every page.

A kept page is not rendered, but other pages use what rendering it told MkDocs: its title labels
the nav, its anchors are what links to it are checked against, and its own links to other
pages' anchors are checked too (an edit that removes a heading a kept page links to still
warns). The last build's ``PageFacts`` (``page_facts``) give a kept page those
(``read_kept_nav_pages``, ``restore_anchors``), so every page's links are checked as in a full
build; a page the last build left no facts for (an older stamp) is rendered.

A dirty build's search index then holds only the pages it rendered: the post-build step puts
the others' entries back, in build order (``search_index.Partial``), so the index is the one a
full build makes.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation

from ..files import GeneratedFile
from ..handwritten import escape_meta
from ..lastbuild import BuildState, PageFacts
from ..pipeline import Site
from ..search_index import entries_by_page
from ..seeding import Seed
from ..writer import link_or_copy

# The digest of a picture still drawing (``Site.pending``): never a last build's, so MkDocs never
# takes it for unchanged; ``put_late`` puts the joined file in place of its old output, or keeps
# that output when it is the same picture.
PENDING = "pending"


class Generated(File):
    """A file of the Site, handed to MkDocs (``File.generated``), that can be as the last build
    left it: ``unchanged`` then tells MkDocs' dirty build to keep its output. A ``late`` one is
    a picture still drawing: MkDocs copies nothing of it, ``put_late`` does once it is drawn."""

    unchanged = False
    late = False

    def is_modified(self) -> bool:
        return False if self.unchanged or self.late else super().is_modified()

    def copy_file(self, dirty: bool = False) -> None:
        """Its old output unlinked first (it may be a link to the last site's file: lastbuild.py),
        then a render-cache output (a picture, a PDF: ``abs_src_path``) linked into the site
        (``writer.link_or_copy``: a cold build of 900 exercises copied ~1,100 files, each a new
        inode and its bytes), anything else written as MkDocs writes it."""
        if dirty and not self.is_modified():
            return
        output = Path(self.abs_dest_path)
        output.parent.mkdir(parents=True, exist_ok=True)
        output.unlink(missing_ok=True)
        if self.abs_src_path is None:
            super().copy_file()
        else:
            link_or_copy(Path(self.abs_src_path), output)


def virtual_file(config: MkDocsConfig, made: GeneratedFile) -> File:
    """``made`` as MkDocs' generated file: copied from disk when it is there (the render
    cache's pictures and PDFs are never held in memory), else from its bytes."""
    if made.source is not None:
        return Generated.generated(config, made.path, abs_src_path=str(made.source))
    return Generated.generated(config, made.path, content=made.content)


def put_late(
    late: Sequence[GeneratedFile], config: MkDocsConfig, state: BuildState, previous: BuildState | None = None
) -> None:
    """The pending pictures, drawn now, put into the site as every generated file is
    (``Generated.copy_file``: linked), their digests into this build's state.

    A picture the ``previous`` build published with the same digest keeps that build's output
    (``mark`` left it: the animations, muscle maps and link previews an edit did not change,
    ~840 files of 900 exercises, are not put again); any other is put anew."""
    for made in late:
        digest = _digest(made)
        file = virtual_file(config, made)
        output = Path(file.abs_dest_path)
        if previous is None or previous.digests.get(made.path) != digest or not output.is_file():
            file.copy_file()
        state.digests[made.path] = digest


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


# Markdown extensions and plugins through which a page can print another file (pymdownx's
# snippets, markdown-include, the macros plugin): a hand-written page using one may show a
# generated file that changed, so with one configured, hand-written pages are always rendered.
INCLUDING = ("pymdownx.snippets", "markdown_include.include", "mdx_include", "macros")


def keeps_handwritten(config: MkDocsConfig) -> bool:
    """Whether a hand-written page's output depends only on its own file, the nav, the theme
    and the config: nothing configured lets a page print another file (``INCLUDING``)."""
    used = {str(name) for name in (*config.markdown_extensions, *config.plugins)}
    return not any(name == i or name.endswith("/" + i) for name in used for i in INCLUDING)


def mark(
    files: Files,
    previous: BuildState,
    state: BuildState,
    *,
    full: bool,
    seed: Seed | None,
    config: MkDocsConfig,
) -> set[str]:
    """Set what MkDocs renders on a build after ``previous``: the unchanged generated files are
    kept, and the hand-written pages as the last build left them (unless a page may print
    another file: ``keeps_handwritten``); every other page (and changed generated file) loses
    its old output, so it is rendered. Returns the kept pages' sources.

    With a ``seed`` (``runstrong build``), the new site starts as the last good one, its files
    linked (``seeding.Seed.into``); the old output a file loses is unlinked, so the old site is
    never written through a link (the hardlink invariant: ``generator/lastbuild.py``). Without
    one (``runstrong serve``: every build into the same folder), what the last build published
    and this one does not is removed first (``drop_gone``).
    """
    if seed is None:
        drop_gone(previous, state, config)
    if full:
        # Every page again (its nav may have changed); a build starts from an empty folder.
        for file in files.documentation_pages():
            Path(file.abs_dest_path).unlink(missing_ok=True)
        return set()
    if seed is not None:
        # Every page and generated file may be linked: each one rendered is unlinked below.
        owned = [f.dest_uri for f in files if f.is_documentation_page() or f.generated_by is not None]
        seed.into(Path(config.site_dir), owned)
        if not previous.search:
            previous.search = entries_by_page(seed.last)
    kept: set[str] = set()
    handwritten = keeps_handwritten(config)
    for file in files:
        if isinstance(file, Generated) and previous.digests.get(file.src_uri) == state.digests.get(
            file.src_uri
        ):
            file.unchanged = True
            if file.is_documentation_page():
                kept.add(file.src_uri)
        elif isinstance(file, Generated) and file.late and file.src_uri in previous.digests:
            continue  # still drawing: ``put_late`` keeps its old output if the picture is the same
        elif handwritten and file.is_documentation_page() and _kept_handwritten(file, previous):
            kept.add(file.src_uri)
        elif file.is_documentation_page() or file.generated_by is not None:
            Path(file.abs_dest_path).unlink(missing_ok=True)
    return kept


def drop_gone(previous: BuildState, state: BuildState, config: MkDocsConfig) -> None:
    """Remove the outputs of the files the last build published and this one does not (an
    exercise removed or renamed, a picture named by what it shows that nothing shows now, a
    hand-written file deleted), and the folders that leaves empty: a build into the last
    build's folder then holds what a fresh build holds. Only the outputs of files a build
    state names are touched (the theme's and MkDocs' own are written again by each build)."""
    site = Path(config.site_dir)
    gone = (previous.digests.keys() - state.digests.keys()) | (
        previous.handwritten.keys() - state.handwritten.keys()
    )
    for src in sorted(gone):
        output = Path(File(src, None, str(site), config.use_directory_urls).abs_dest_path)
        output.unlink(missing_ok=True)
        folder = output.parent
        while folder != site and folder.is_relative_to(site):
            try:
                folder.rmdir()  # only when empty
            except OSError:
                break
            folder = folder.parent


def _kept_handwritten(file: File, previous: BuildState) -> bool:
    """A hand-written page as the last build left it: its bytes are the last build's (no full
    build, so ``needs_full`` found every hand-written file unchanged), that build left its facts,
    and its output is there, newer than its source (MkDocs' own check, ``File.is_modified``)."""
    return file.generated_by is None and file.src_uri in previous.pages and not file.is_modified()


def read_kept_nav_pages(
    nav: Navigation, config: MkDocsConfig, kept: set[str], previous: BuildState | None
) -> None:
    """Read the front matter and title of each page in the nav this build keeps, as a full build
    does: every rendered page shows the nav, and Material's nav prints a page's ``icon``,
    ``subtitle`` and ``status`` (its front matter) and its title. A page kept unread would label
    the nav differently in the pages this build renders than a full build labels it.

    ``kept``: the pages ``mark`` kept, whose title is the one rendering gave them last time
    (``previous.pages``: an H1 with markup is titled as rendered, not as written). A spread
    build's pages the workers render are read too (``Generated.unchanged``)."""
    for page in nav.pages:
        file = page.file
        if not (isinstance(file, Generated) and file.unchanged) and file.src_uri not in kept:
            continue
        page.read_source(config)
        if file.generated_by is None:  # escaped as ``on_page_markdown`` escapes a rendered one
            page.meta = {key: escape_meta(value) for key, value in page.meta.items()}
        facts = previous.pages.get(file.src_uri) if previous is not None else None
        if file.src_uri in kept and facts is not None and facts["title"] is not None:
            page.title = facts["title"]  # MkDocs' weak_property: an instance may override it


def restore_anchors(files: Files, kept: set[str], previous: BuildState | None) -> None:
    """Give each kept page the anchors it has and the anchor links it makes, as the last build
    rendered them (MkDocs checks every page's anchor links after the pages are built)."""
    if previous is None:
        return
    by_source = files.src_uris  # sources are POSIX already (get_file_from_path parses each: ~0.2 ms)
    for src in kept:
        file = by_source.get(src)
        facts = previous.pages.get(src)
        if file is None or file.page is None or facts is None:
            continue
        file.page.present_anchor_ids = set(facts["anchors"])
        file.page.links_to_anchors = {
            target: dict(links)
            for name, links in facts["links"].items()
            if (target := by_source.get(name)) is not None
        }


def page_facts(files: Files) -> dict[str, PageFacts]:
    """What each page's rendering (in this build or a kept page's last) told MkDocs: its title,
    its anchors, its anchor links. A page MkDocs knows no anchors of is left out: the next build
    renders it rather than keep it blind."""
    facts: dict[str, PageFacts] = {}
    for file in files.documentation_pages():
        page = file.page
        if page is None or page.present_anchor_ids is None:
            continue
        facts[file.src_uri] = PageFacts(
            title=page.title,
            anchors=sorted(page.present_anchor_ids),
            links={
                target.src_uri: dict(links)
                for target, links in sorted(
                    (page.links_to_anchors or {}).items(), key=lambda item: item[0].src_uri
                )
            },
        )
    return facts


def _digest(file: GeneratedFile) -> str:
    if file.source is not None:  # a cache blob is named by the hash of its bytes (files.py)
        return f"{file.source.name}:{file.size}"
    return hashlib.sha256(file.content).hexdigest()


def _sha256(path: Path) -> str:
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def _inside(path: str | None, folder: Path) -> bool:
    return path is not None and os.path.abspath(path).startswith(os.path.abspath(folder) + os.sep)
