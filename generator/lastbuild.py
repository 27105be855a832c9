"""What the last build left, and whether the next one can use it: engine-neutral, no MkDocs.

A build leaves three things in the site it swaps in, all of them hashes (two builds of the same
inputs leave the same bytes, so the site stays reproducible):

- the **fingerprint** of its inputs (``fingerprint``, ``engine_fingerprint``): the next build
  with the same inputs, into a site nobody has touched, is skipped before anything is loaded;
- the **stamp** (``STAMP``, a dot-file at the site's root, written into the staging folder so
  it is swapped in with the site it describes: a kill can never leave a stamp for another
  site), holding the fingerprints and the hash of the site's bytes (``site_hash``); each
  settled file's digest by its time and size (``settled_digests``: the next build reads only
  the files whose time or size changed) is kept beside it, in the render cache, not in the
  site: file times differ from build to build, the site's bytes must not;
- the **state** of the build (``BuildState``): each generated file's hash, the hand-written
  files' hashes and the nav. When only the content changed, the next build starts from the
  last site (``last_site``) and renders only the pages whose Markdown changed.

The hardlink invariant, stated once: **a file that may be shared through a hardlink is
replaced, never written in place.** Three places link files: the writer links render-cache
blobs into a site (``writer.put``), a build that starts from the last site links that site's
files into its staging folder (``seeding.Seed``: ``cp -al``, else ``writer.seed_folder``), and
so a cache blob, the last site and the new site can be one inode. Every writer therefore
writes a temporary file and renames it over the target (``writer.write_file``,
``cache._write``); whoever rewrites a linked file unlinks it first (``writer.put``; the MkDocs
adapter's dirty build unlinks the old output of each file it renders, ``mkdocs_plugin.dirty.mark``,
so the pages it owns are linked too); and
the other files an engine rewrites in place (sitemaps, the search index, a theme's 404 page:
``writer.REWRITTEN``) are copied into a seeded folder, never linked. An edit of the new site
then never reaches the old site or the cache; a blob damaged by hand through a published
site's link is caught by its hash (``cache.Cache.entry``). A hand-edited site fails
``site_hash`` (an edit changes a file's name, time or size, and a file whose time or size
changed is read), so it is never carried over.

Material's search indexes pages only and the service worker precaches the theme's and the
pages' files only (``generator/offline.py``), so the stamp is never sent to a phone.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypedDict

# Each file's sha256 by its path, with the (mtime_ns, size) it had when hashed: the digests
# of the last site, reused for the files a build links or copies from it unchanged.
Digests = dict[str, tuple[int, int, str]]


class PageFacts(TypedDict):
    """What rendering a page told MkDocs that other pages use: its title (the nav's label), the
    anchors it has, and the anchors it links to (target page source → anchor → link as written)."""

    title: str | None
    anchors: list[str]
    links: dict[str, dict[str, str]]


def _is_facts(value: object) -> bool:
    return (
        isinstance(value, dict)
        and isinstance(value.get("title"), str | None)
        and isinstance(value.get("anchors"), list)
        and isinstance(value.get("links"), dict)
    )


@dataclass
class BuildState:
    """What one build leaves for the next, so an edit rebuilds only what it touches.

    ``runstrong serve`` keeps it in memory between rebuilds; ``runstrong build`` stores it in the
    site's stamp (``STAMP``), so it holds hashes only and reads the same on any machine.
    """

    digests: dict[str, str] = field(default_factory=dict)  # generated path → digest of its bytes
    handwritten: dict[str, str] = field(default_factory=dict)  # docs_dir file → sha256 of its bytes
    nav: list[Any] = field(default_factory=list)
    search: dict[str, list[Any]] = field(default_factory=dict)  # page URL → its search index entries
    revisions: Digests = field(default_factory=dict)  # the service worker's hashes of the site's files
    ranked: str = ""  # the words the search index was ranked with (search_index.ranked_key)
    # Page source → what MkDocs learned rendering it (``PageFacts``): a page the next build keeps
    # gives the nav its title and the anchor checks its anchors and links, as if rendered.
    pages: dict[str, PageFacts] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "digests": self.digests,
            "handwritten": self.handwritten,
            "nav": self.nav,
            "ranked": self.ranked,
            "pages": self.pages,
        }

    @classmethod
    def from_json(cls, data: object) -> BuildState | None:
        if not isinstance(data, dict) or not all(isinstance(data.get(k), t) for k, t in _STATE_FIELDS):
            return None
        ranked, pages = data.get("ranked"), data.get("pages")
        return cls(
            digests=data["digests"],
            handwritten=data["handwritten"],
            nav=data["nav"],
            ranked=ranked if isinstance(ranked, str) else "",
            # An older stamp has none: its pages are rendered, as they were then.
            pages={k: v for k, v in pages.items() if _is_facts(v)} if isinstance(pages, dict) else {},
        )


_STATE_FIELDS = (("digests", dict), ("handwritten", dict), ("nav", list))


@dataclass(frozen=True)
class LastSite:
    """The last good site, when the next build may start from it (``last_site``)."""

    folder: Path
    state: BuildState
    files: frozenset[str] = frozenset()  # its files' names ('/'), the stamp aside


STAMP = ".runstrong-build.json"
# Environment variables that change what a build writes, besides those mkdocs.yml names with !ENV.
OUTPUT_ENV = ("RUNSTRONG_SITE_URL", "SOURCE_DATE_EPOCH")
# The engines whose version changes the published bytes.
ENGINES = ("mkdocs", "mkdocs-material", "pymdown-extensions", "markdown", "jinja2", "pillow", "fpdf2")


def source_date(content: Path) -> str:
    """The date a build of ``content`` carries (MkDocs' SOURCE_DATE_EPOCH): the newest of its
    files' dates (``filedates``: last commit, else modification time); never the day it was
    built, so the same content makes the same site on any day. Each page then gets its own
    date in the sitemap (``pagedates``)."""
    from .filedates import file_dates

    return str(max(file_dates(content).values(), default=0))


def fingerprint(content: Path, config_file: Path, *, strict: bool, engine: str | None = None) -> str:
    """sha256 of every input of a build: what, if unchanged, makes the same site.

    The content folder's files (names and bytes) and everything ``engine_fingerprint`` covers
    (``engine``, when the caller has it already).
    """
    engine = engine or engine_fingerprint(config_file, strict=strict)
    digest = hashlib.sha256(engine.encode("ascii"))
    _add_tree(digest, content)
    return digest.hexdigest()


def engine_fingerprint(config_file: Path, *, strict: bool) -> str:
    """sha256 of the inputs other than the content: the config file and the theme it names, the
    generator package's own files (code, templates, fonts, packaged theme), its engines' versions,
    the environment that changes output and the strict flag.

    When only the content changed since the last build, that build's pages can be reused
    (pages whose Markdown is the same render the same HTML); otherwise every page is rendered.
    """
    from importlib.metadata import PackageNotFoundError, version

    from .install import theme_dir

    digest = hashlib.sha256()
    for package in ("runstrong", *ENGINES):
        try:
            _add(digest, package, version(package))
        except PackageNotFoundError:
            _add(digest, package, None)
    _add(digest, "python", sys.version_info[:3])
    _add_tree(digest, Path(__file__).resolve().parent)  # the generator itself (an edited checkout too)
    config = config_inputs(config_file)
    for path in config.files:  # mkdocs.yml, every INHERIT parent, every hooks file
        _add(digest, "config", path.name)
        try:
            digest.update(path.read_bytes())
        except OSError as exc:  # MkDocs will say what is wrong; never "up to date"
            _add(digest, "unreadable", exc.errno, time.time_ns())
    for theme in sorted({*config.folders, theme_dir().resolve()}):
        _add_tree(digest, theme)
    names = sorted({*OUTPUT_ENV, *config.env})
    _add(digest, "env", [(name, os.environ.get(name) or None) for name in names])  # empty is unset
    _add(digest, "strict", strict)
    return digest.hexdigest()


def _add(digest: Any, *parts: object) -> None:
    digest.update(json.dumps(parts, default=str).encode("utf-8") + b"\0")


def _add_tree(digest: Any, root: Path) -> None:
    _add(digest, "tree")  # names inside the tree, not where it is: a moved folder builds the same site
    for folder, dirs, files in os.walk(root):  # pruned and sorted in place: a stable order
        dirs[:] = sorted(d for d in dirs if d not in {".git", "__pycache__"})
        for name in sorted(files):
            path = Path(folder, name)
            _add(digest, path.relative_to(root).as_posix())
            try:
                mode = path.stat().st_mode
                if not stat.S_ISREG(mode):
                    # A FIFO would block the read, /dev/zero never end it: the loader reports
                    # such files; here they only must never count as unchanged.
                    _add(digest, "special", mode, time.time_ns())
                    continue
                with open(path, "rb") as f:
                    digest.update(hashlib.file_digest(f, "sha256").digest())
            except OSError as exc:  # unreadable now: the build will say so; never "up to date"
                _add(digest, "unreadable", exc.errno, time.time_ns())


_ENV_TAG = re.compile(rb"!ENV\s*(?:\[([^\]]*)\]|([A-Za-z_][A-Za-z0-9_]*))")
_ENV_NAME = re.compile(rb"[A-Za-z_][A-Za-z0-9_]*")
_MAX_INHERIT = 10  # MkDocs follows INHERIT chains; a loop must not hang the fingerprint


@dataclass(frozen=True)
class ConfigInputs:
    """What a build reads because mkdocs.yml says so, besides the content."""

    files: list[Path]  # the config, its INHERIT parents, its hooks
    folders: list[Path]  # theme.custom_dir of each, the folders of the hooks
    env: set[str]  # every name of every !ENV tag ('!ENV [A, B, default]': A and B, and the default)


def config_inputs(config_file: Path) -> ConfigInputs:
    """The config's own inputs, read without MkDocs: when in doubt the build runs again, so a
    parent config, a hook or an environment variable it names is never missed."""
    files: list[Path] = []
    folders: list[Path] = []
    env: set[str] = set()
    current: Path | None = config_file
    while current is not None and len(files) < _MAX_INHERIT and current.resolve() not in files:
        current = current.resolve()
        files.append(current)
        try:
            text = current.read_bytes()
        except OSError:
            break
        for listed, single in _ENV_TAG.findall(text):
            items = [item.strip() for item in listed.split(b",")] if listed else [single]
            names = items[:-1] if len(items) > 1 else items  # the last of several is the default
            env.update(n.decode() for n in names if _ENV_NAME.fullmatch(n))
        folders += theme_dirs(current, text)
        data = _tolerant_yaml(text)
        base = current.parent
        for hook in data.get("hooks") or [] if isinstance(data.get("hooks"), list) else []:
            if isinstance(hook, str):
                path = (base / hook).resolve()
                files.append(path)
                # A hook may import its neighbours: the .py files beside it (not the folder's
                # tree, which may be the config's folder, site/ included).
                files += sorted(p for p in path.parent.glob("*.py") if p != path)
        parent = data.get("INHERIT")
        current = base / parent if isinstance(parent, str) else None
    return ConfigInputs(files, folders, env)


def _tolerant_yaml(text: bytes) -> dict[str, Any]:
    """The config's settings as plain data, {} when it is not a readable mapping: MkDocs' tags
    (!ENV, !relative, python/name…) read as nothing, since no input this looks for needs them.
    MkDocs reports a broken config; an unreadable one is never up to date anyway."""
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        data = yaml.load(text, Loader=_Loader)  # a SafeLoader subclass
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def theme_dirs(config_file: Path, config_text: bytes) -> list[Path]:
    """The theme folder mkdocs.yml names (``theme.custom_dir``), read without MkDocs' loader."""
    theme = _tolerant_yaml(config_text).get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    if not isinstance(custom, str):
        return []
    folder = (config_file.resolve().parent / custom).resolve()
    return [folder] if folder.is_dir() else []


def site_hash(site_dir: Path, digests: Digests | None = None, seen: set[str] | None = None) -> str | None:
    """sha256 of the site's files (names and bytes, the stamp aside); None without a site.

    Bytes, not file times: the stamp then is the same for the same site (reproducible output),
    and a copied or restored site is recognised. Any edit, deletion or addition in site/
    changes it. ``digests`` is read and filled: a file whose time and size are the ones
    recorded there is not read again (``write_stamp`` returns the digests of the files it
    found settled, ``settled_digests``, kept for the next build: a build after one edit reads
    the files it wrote, not the site's 40 MB). ``seen`` is filled with the names hashed.
    """
    if not site_dir.is_dir():
        return None
    digest = hashlib.sha256()
    for name, path in _walk(str(site_dir)):
        if name == STAMP:
            continue
        digest.update(name.encode("utf-8") + b"\0")
        try:
            info = os.stat(path)
            known = digests.get(name) if digests is not None else None
            if known is not None and known[:2] == (info.st_mtime_ns, info.st_size):
                file_digest = known[2]
            else:
                with open(path, "rb") as f:
                    file_digest = hashlib.file_digest(f, "sha256").hexdigest()
                if digests is not None:
                    digests[name] = (info.st_mtime_ns, info.st_size, file_digest)
        except OSError:
            return None  # unreadable: never "up to date"
        digest.update(bytes.fromhex(file_digest))
        if seen is not None:
            seen.add(name)
    return digest.hexdigest()


# A file modified this recently may be modified again within its time's granularity, keeping its
# time and size (git's "racy" files): the stamp keeps its digest only once it has settled.
SETTLED_NS = 2_000_000_000


def settled_digests(digests: Digests, names: set[str], now_ns: int) -> dict[str, list[Any]]:
    """The record of each file's digest by its time and size (``site_hash`` reads a file
    again when either differs): only the ``names`` in the site, and only the files that settled
    before ``now_ns``. A hand edit changes a file's time (a tool that restores it while keeping
    the size is the one edit this trusts, as make, rsync and git do); a copied or restored site
    has new times and is read whole."""
    return {
        name: [t, size, sha]
        for name, (t, size, sha) in digests.items()
        if name in names and t < now_ns - SETTLED_NS
    }


def recorded_digests(records: dict[str, Any]) -> Digests:
    """``settled_digests`` read back (``write_stamp``'s records); a malformed entry is left out
    (read again)."""
    files = records.get("files")
    if not isinstance(files, dict):
        return {}
    digests: Digests = {}
    for name, record in files.items():
        if (
            isinstance(record, list)
            and len(record) == 3
            and all(isinstance(n, int) and not isinstance(n, bool) for n in record[:2])
            and isinstance(record[2], str)
            and len(record[2]) == 64
        ):
            digests[name] = (record[0], record[1], record[2])
    return digests


def _walk(root: str) -> Iterator[tuple[str, str]]:
    """(name relative to ``root`` with '/', path) of every file, in sorted order. Strings, not
    ``Path`` objects: a 900-exercise site has ~3,000 files, walked twice by a one-edit build."""
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        # os.walk names each folder by joining onto ``root``: its tail is the relative name
        # (os.path.relpath made both absolute again, per folder: ~0.1 ms x 4,500 folders).
        prefix = folder[len(root) :].lstrip(os.sep).replace(os.sep, "/")
        prefix = prefix + "/" if prefix else ""
        for name in sorted(files):
            yield prefix + name, os.path.join(folder, name)


def read_stamp(site_dir: Path) -> dict[str, Any] | None:
    try:
        stamp = json.loads((site_dir / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return stamp if isinstance(stamp, dict) else None


def up_to_date(site_dir: Path, inputs: str) -> bool:
    """True when the last successful build into ``site_dir`` had these inputs and the site is untouched."""
    stamp = read_stamp(site_dir)
    if stamp is None or stamp.get("inputs") != inputs:
        return False
    return stamp.get("site") == site_hash(site_dir)


def last_site(site_dir: Path, engine: str, digests: Digests, records: object = None) -> LastSite | None:
    """The last build's site and state when its pages can be reused: only the content changed
    since (the same ``engine`` fingerprint), and nobody touched the site (a hand edit must not
    be carried into the new site). Fills ``digests`` with the site's files' hashes; ``records``:
    what ``write_stamp`` returned for that site (``cache.site_records``), so only the files
    whose time or size changed since are read."""
    stamp = read_stamp(site_dir)
    if stamp is None or stamp.get("engine") != engine or not isinstance(stamp.get("state"), dict):
        return None
    if isinstance(records, dict) and records.get("site") == stamp.get("site"):
        digests.update(recorded_digests(records))  # that very site's, as write_stamp returned them
    names: set[str] = set()
    if stamp.get("site") != site_hash(site_dir, digests, names):
        return None
    state = BuildState.from_json(stamp["state"])
    if state is None:
        return None
    # The service worker's revisions are these hashes' first 16 digits (generator/offline.py).
    state.revisions = {path: (t, size, sha[:16]) for path, (t, size, sha) in digests.items()}
    return LastSite(site_dir.resolve(), state, frozenset(names))


def write_stamp(
    site_dir: Path,
    inputs: str,
    engine: str = "",
    state: dict[str, Any] | None = None,
    digests: Digests | None = None,
) -> dict[str, Any]:
    """Record in ``site_dir`` (the staging folder) that it is the build of ``inputs``; returns
    the records of its files' digests (``settled_digests``) for ``last_site``, which the caller
    keeps outside the site (``cache.site_records``).

    ``state`` (``BuildState.to_json``: hashes of each generated file, the nav) lets the next
    build reuse the pages an edit did not change.
    """
    from .writer import write_file

    digests = {} if digests is None else digests
    names: set[str] = set()
    site = site_hash(site_dir, digests, names)
    stamp = {"inputs": inputs, "engine": engine, "site": site, "state": state or {}}
    # Compact: indented, json.dumps runs its Python encoder (~0.5 s for the 1.4 MB of 900 pages).
    text = json.dumps(stamp, sort_keys=True, separators=(",", ":"))
    write_file(site_dir / STAMP, (text + "\n").encode("utf-8"))
    return {"site": site, "files": settled_digests(digests, names, time.time_ns())}
