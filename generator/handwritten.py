"""Hand-written pages (``content/pages/``), checked before MkDocs ever opens them.

MkDocs reads whatever is in its docs folder: it blocks forever on a FIFO named ``x.md``,
follows a symlink loop, stops with a traceback on a Latin-1 page, and prints front-matter
values into every page unescaped. So the folder is walked here first, with the same rules as
the YAML content: regular files only, UTF-8 without NUL bytes, front matter parsed by the
guarded reader (``yamlsource``) and validated strictly (``PageMeta``), and no page may take an
output path the generator publishes (a short link, a redirect, an exercise page, an asset).
"""

from __future__ import annotations

import html
import os
import re
import stat
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from . import urls
from .errors import ContentError, display_path
from .model import Name, Strict
from .yamlsource import Document, Position, YamlProblem, decode, open_failure, parse, read_source

# MkDocs' own front-matter rule (mkdocs.utils.meta.YAML_RE), so both read the same block.
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)
MAX_DEPTH = 20  # folders inside content/pages
MAX_PAGE_BYTES = 2_000_000
# Python-Markdown recurses once per level of list or quote nesting (300 levels exhaust the
# stack) and matches links in quadratic time (2,000 '[' in one paragraph take 3 s, 4,000
# take 30 s): limits far above any real page, far below the harm.
MAX_NESTING = 16
MAX_BRACKETS = 200

Plain = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
# A path inside the site: no scheme, no '..', no leading slash (the template adds site_url).
_IMAGE_PATH = r"^[A-Za-z0-9_-]+(/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*\.(png|jpg)$"
ImagePath = Annotated[str, StringConstraints(pattern=_IMAGE_PATH)]
Hideable = Literal["navigation", "toc", "footer", "path", "tags", "feedback"]


Term = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]


class SearchMeta(Strict):
    exclude: bool = False
    boost: float = Field(default=1, ge=0, le=100)
    # Words and phrases a reader searches this page by that its text may not use ("runner's
    # knee", "shin splints"): they rank the page first (generator/search_index.py, topics).
    terms: list[Term] = Field(default_factory=list, max_length=100)
    # The same for a section, by its heading's anchor: the search opens that section.
    sections: dict[str, list[Term]] = Field(default_factory=dict, max_length=100)


class PageMeta(Strict):
    """Front matter a hand-written page may set: RunStrong's own fields and Material's."""

    title: Plain | None = None
    nav_title: Name | None = Field(default=None, description="Short label of the page in the navigation.")
    nav_order: int | None = Field(default=None, ge=-1000, le=1000, description="Place in the navigation.")
    description: Plain | None = None
    og_image: ImagePath | None = Field(
        default=None, description="Link-preview image, a path from the site root, e.g. assets/x.png."
    )
    og_image_alt: Plain | None = None
    subtitle: Plain | None = None
    author: Plain | None = None
    icon: Annotated[str, StringConstraints(pattern=r"^[a-z0-9/-]+$")] | None = None
    status: Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+$")] | None = None
    template: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]+\.html$")] | None = None
    hide: list[Hideable] = Field(default_factory=list)
    tags: list[Name] = Field(default_factory=list)
    search: SearchMeta | None = None


@dataclass(frozen=True)
class Page:
    path: str  # POSIX, relative to the pages folder: guide/warm-up.md
    file: Path
    front: Document | None  # the front matter, positions in the page's own lines


@dataclass
class Scan:
    pages: list[Page]  # Markdown pages, with their front matter
    files: list[str]  # every file MkDocs will publish (pages included), relative and POSIX
    errors: list[ContentError]


def scan(pages_dir: Path, skip: Collection[Path] = ()) -> Scan:
    """Every page and file of the folder, and every problem found on the way.

    ``skip``: paths already reported (links out of the content folder), neither read nor walked.
    """
    pages: list[Page] = []
    files: list[str] = []
    errors: list[ContentError] = []

    def fail(file: Path, message: str, where: Position | None = None) -> None:
        where = where or Position(1, 1)
        errors.append(ContentError(display_path(file), where.line, where.column, "", message))

    if not pages_dir.is_dir():
        return Scan(pages, files, errors)
    seen: set[tuple[int, int]] = set()
    todo: list[tuple[Path, str, int]] = [(pages_dir, "", 0)]
    while todo:
        folder, prefix, depth = todo.pop()
        st = folder.stat()
        if (st.st_dev, st.st_ino) in seen:
            fail(folder, "a symbolic link back to a folder it is in (a loop); MkDocs would read it forever")
            continue
        seen.add((st.st_dev, st.st_ino))
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            fail(folder, f"cannot be listed: {exc.strerror or exc}")
            continue
        for entry in entries:
            # MkDocs leaves out dotfiles and a top-level templates/ folder (exclude_docs).
            if entry.name.startswith(".") or (not prefix and entry.name == "templates"):
                continue
            path = Path(entry.path)
            if path in skip:
                continue
            relative = f"{prefix}{entry.name}"
            try:
                mode = os.stat(path).st_mode  # follows links, as MkDocs does
            except OSError as exc:
                fail(path, open_failure(path, exc))
                continue
            if stat.S_ISDIR(mode):
                if depth + 1 > MAX_DEPTH:
                    fail(path, f"folders nested more than {MAX_DEPTH} deep")
                else:
                    todo.append((path, f"{relative}/", depth + 1))
            elif not stat.S_ISREG(mode):
                try:
                    read_source(path)  # raises, in words: a FIFO, a device, a socket…
                except YamlProblem as exc:
                    fail(path, exc.message)
            else:
                files.append(relative)
                if entry.name.endswith(".md"):
                    try:
                        front = _front_matter(read_source(path, limit=MAX_PAGE_BYTES))
                    except YamlProblem as exc:
                        fail(path, exc.message, exc.position)
                    else:
                        pages.append(Page(relative, path, front))
    return Scan(sorted(pages, key=lambda p: p.path), sorted(files), errors)


def _front_matter(raw: bytes) -> Document | None:
    """The page's front matter as a Document whose positions count the page's lines."""
    text = decode(raw)
    _check_markdown(text)
    match = FRONT_MATTER.match(text)
    if match is None:
        return _multimarkdown(text)
    try:
        doc = parse(match.group(1).encode("utf-8"))
    except YamlProblem as exc:
        raise YamlProblem(exc.message, Position(exc.position.line + 1, exc.position.column)) from None
    shift = {path: Position(p.line + 1, p.column) for path, p in doc.values.items()}
    keys = {path: Position(p.line + 1, p.column) for path, p in doc.keys.items()}
    return Document(doc.data if doc.data is not None else {}, shift, keys)


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def _check_markdown(text: str) -> None:
    """Refuse Markdown that would crash or stall MkDocs: nesting and link brackets, bounded."""
    fence: str | None = None
    brackets, paragraph_start = 0, 1
    for number, line in enumerate(text.splitlines(), start=1):
        opening = _FENCE.match(line)
        if fence is not None:  # inside a fenced code block: not parsed as Markdown
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        if not line.strip():
            brackets, paragraph_start = 0, number + 1
            continue
        expanded = line.expandtabs(4)
        indent = len(expanded) - len(expanded.lstrip(" "))
        quotes = re.match(r"[ >]*", line).group(0).count(">")  # type: ignore[union-attr]
        if indent > 4 * MAX_NESTING or quotes > MAX_NESTING:
            what = "quoted ('>')" if quotes > MAX_NESTING else "indented"
            raise YamlProblem(
                f"{what} more than {MAX_NESTING} levels deep; Markdown this deep crashes MkDocs",
                Position(number, 1),
            )
        brackets += line.count("[")
        if brackets > MAX_BRACKETS:
            raise YamlProblem(
                f"more than {MAX_BRACKETS} '[' in one paragraph; MkDocs would take minutes to render it "
                "(put long bracketed text in a code block)",
                Position(paragraph_start, 1),
            )


# MkDocs' MultiMarkdown rule (mkdocs.utils.meta, BSD-licensed, © 2015 Waylan Limberg), read
# here without importing MkDocs: only the MkDocs adapter imports it (ARCHITECTURE.md).
# tests/pages checks both read the same pages.
_META = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_META_MORE = re.compile(r"^([ ]{4}|\t)(\s*)(?P<value>.*)")


def multimarkdown_meta(text: str) -> dict[str, str]:
    """The 'Key: value' lines at the top of a page, as MkDocs reads them (no YAML block)."""
    data: dict[str, str] = {}
    key = None
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.strip() == "":
            break
        if m := _META.match(line):
            key = m.group("key").lower().strip()
            value = m.group("value").strip()
            data[key] = f"{data[key]} {value}" if key in data else value
        elif (more := _META_MORE.match(line)) and key:
            data[key] += " " + more.group("value").strip()
        else:
            break
    return data


def _multimarkdown(text: str) -> Document | None:
    """MkDocs also reads 'Key: value' lines at the top of a page as metadata; so do we."""
    data = multimarkdown_meta(text)
    if not data:
        return None
    doc = Document(data)
    for number, line in enumerate(text.splitlines()[: len(data) * 4 + 1], start=1):
        key = line.partition(":")[0].strip().lower()
        if key in data and (key,) not in doc.keys:
            doc.keys[(key,)] = doc.values[(key,)] = Position(number, 1)
    for key in data:
        if key not in PageMeta.model_fields:
            # Most likely prose ("Note: …") that MkDocs would silently take off the page.
            raise YamlProblem(
                f"MkDocs reads '{key}: …' at the top of a page as metadata and leaves it off the page; "
                "start the page with a heading or a blank line, or use '---' front matter",
                doc.keys.get((key,), Position(1, 1)),
            )
    return doc


_FENCE = re.compile(r"^(```|~~~)")
_HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$")
_ATTR_ID = re.compile(r"\{[^}]*#([A-Za-z0-9_:.-]+)[^}]*\}\s*$")


def heading_anchors(text: str) -> list[str]:
    """The anchors of a page's headings, as Python-Markdown's toc extension makes them.

    ``{ #id }`` (attr_list) wins; else the heading's text, its Markdown links and emphasis
    dropped, slugified the toc way, with ``_1``, ``_2``… on repeats.
    """
    return [anchor for anchor, _ in sections(text)]


def sections(text: str) -> list[tuple[str, str]]:
    """(anchor, Markdown up to the next heading) for each heading of a page (``heading_anchors``)."""
    from markdown.extensions.toc import slugify

    anchors: list[str] = []
    bodies: list[list[str]] = []
    fenced = False
    for line in text.splitlines():
        if _FENCE.match(line):
            fenced = not fenced
        if fenced or not (m := _HEADING.match(line)):
            if bodies:
                bodies[-1].append(line)
            continue
        bodies.append([])
        title = m.group(1)
        if attr := _ATTR_ID.search(title):
            anchors.append(attr.group(1))
            continue
        title = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", title)
        title = re.sub(r"[*_`]", "", title)
        anchor = base = slugify(html.unescape(title), "-")
        n = 0
        while anchor in anchors:
            n += 1
            anchor = f"{base}_{n}"
        anchors.append(anchor)
    return list(zip(anchors, ("\n".join(b) for b in bodies), strict=True))


def output_path(page_path: str) -> str:
    """Where MkDocs writes a page (directory URLs): guide/warm-up.md → guide/warm-up/index.html."""
    if page_path == "README.md" or page_path.endswith("/README.md"):
        page_path = page_path.removesuffix("README.md") + "index.md"
    return urls.url_of(page_path) + "index.html"


def collisions(pages_dir: Path, files: list[str], published: dict[str, str]) -> list[ContentError]:
    """Hand-written files (pages and static files) whose output path the generator publishes.

    ``published`` maps output paths to who publishes them; a path ending in '/' claims the
    whole folder (generated assets).
    """
    errors = []
    folders = [p for p in published if p.endswith("/")]
    for relative in files:
        target = output_path(relative) if relative.endswith(".md") else relative
        owner = published.get(target) or next((published[f] for f in folders if target.startswith(f)), None)
        if owner:
            message = f"{target} is already published by {owner}; rename or move this file"
            errors.append(ContentError(display_path(pages_dir / relative), 1, 1, "", message))
    return errors


def escape_meta(value: object) -> object:
    """A hand-written page's front-matter value with every string HTML-escaped.

    MkDocs and Material print front matter into HTML as it is; generated pages escape their
    own (``pages/render.py``), so only hand-written pages go through this — in the MkDocs
    plugin at build time, and in ``zensical.py`` when the page is written for another engine.
    """
    if isinstance(value, str):
        return html.escape(value)
    if isinstance(value, list):
        return [escape_meta(v) for v in value]
    if isinstance(value, dict):
        return {k: escape_meta(v) for k, v in value.items()}
    return value
