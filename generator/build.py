"""``runstrong build``: skip it when nothing changed, else the pipeline, MkDocs, an atomic swap.

The order of a build: fingerprint every input (``fingerprint``) and stop if the site the last
build left is that fingerprint's and untouched; load the content once (``pipeline.load``);
then, inside a staging folder beside ``site/``, have the MkDocs adapter publish the Site and
swap the folder in (``writer.atomic_folder``). A failed build leaves the last good site as it was.
No MkDocs import here: ``generator/mkdocs_plugin.py`` is the only module that imports it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .files import GeneratedFile
from .pipeline import generate
from .writer import _umask, atomic_folder, clean_stale, exchange, normalise_permissions, swap_in, write_tree

if TYPE_CHECKING:
    from .model import Guide
    from .pipeline import Loaded, Site

# Kept importable from here: the trust suite and older tests know them by this module.
__all__ = [
    "CACHE_ENV",
    "BuildReport",
    "GeneratedFile",
    "_umask",
    "atomic_folder",
    "build_site",
    "clean_stale",
    "exchange",
    "generate",
    "normalise_permissions",
    "swap_in",
    "write_tree",
]

CACHE_ENV = "RUNSTRONG_CACHE"  # where rendered pictures are kept between builds


def render_cache_dir() -> Path:
    """Pictures and PDFs are cached by content hash: a no-change build renders none.

    In the user's cache folder (``~/.cache/runstrong`` on Linux), so a coach running
    ``runstrong`` from their own folder finds no ``.cache/`` left in it; ``$RUNSTRONG_CACHE``
    (or the ``--cache-dir`` option, which sets it) chooses another place.
    """
    from platformdirs import user_cache_dir

    return Path(os.environ.get(CACHE_ENV) or user_cache_dir("runstrong", appauthor=False))


def cache_problem() -> str | None:
    """Why the render cache must not be used ('RUNSTRONG_CACHE /x: is writable by other users'),
    or None. The command line refuses such a cache before any work (exit status 2)."""
    from .cache import trust_problem
    from .errors import display_path

    folder = render_cache_dir()
    problem = trust_problem(folder)
    if problem is None:
        return None
    where = f"${CACHE_ENV}" if os.environ.get(CACHE_ENV) else "the render cache"
    advice = "refusing to use it (choose a folder of your own with --cache-dir)"
    return f"{where} {display_path(folder)}: {problem}; {advice}"


def trusted_cache_dir() -> Path | None:
    """The render cache when it is the user's alone; None (no caching) otherwise: a cache
    another user can write could hand the build their bytes (a plain ``mkdocs build`` comes
    here without the command line's check)."""
    return None if cache_problem() is not None else render_cache_dir()


@dataclass(frozen=True)
class BuildReport:
    pages: int
    images: int
    pdfs: int
    seconds: float

    def summary(self) -> str:
        return (
            f"Built site: {self.pages} pages, {self.images} images, {self.pdfs} PDFs in {self.seconds:.2f} s"
        )


def count_site(site_dir: Path) -> tuple[int, int, int]:
    pages = images = pdfs = 0
    for path in site_dir.rglob("*"):
        suffix = path.suffix.lower()
        if suffix == ".html" and path.name != "404.html" and not _is_redirect(path):
            pages += 1
        elif suffix in {".png", ".webp", ".svg", ".jpg"} and "generated" in path.parts:
            images += 1
        elif suffix == ".pdf":
            pdfs += 1
    return pages, images, pdfs


def _is_redirect(path: Path) -> bool:
    # Redirect files are a few hundred bytes; only those need their head read.
    return path.stat().st_size < 2048 and b'http-equiv="refresh"' in path.read_bytes()


def build_site(
    content: Path,
    site_dir: Path,
    config_file: Path | None = None,
    *,
    strict: bool = True,
    on_guide: Callable[[Guide], None] | None = None,
    loaded: Loaded | None = None,
    progress: bool = False,
    stamp: str | None = None,
    engine: str | None = None,
    reuse: bool = True,
) -> BuildReport:
    """Validate, generate and run a real MkDocs build into ``site_dir``, atomically.

    ``loaded`` is the content already loaded by the caller (the command line prints its plan
    warnings first); the content is loaded here otherwise — once either way. ``stamp`` (a
    ``fingerprint``) is stored in the new site, so the next build with the same inputs is skipped;
    with ``engine`` (an ``engine_fingerprint``) too, a build after a content edit starts from the
    last site and renders only the pages whose Markdown changed (``reuse=False``: every page).
    Raises ContentErrors for bad content (before anything is written) and MkDocs' exceptions
    (``mkdocs_plugin.MkDocsException``) when MkDocs itself fails (strict warnings included).
    """
    from . import pipeline
    from .mkdocs_plugin import BuildState, build_into

    started = time.perf_counter()
    if loaded is None:
        loaded = pipeline.load(content)  # fail fast, before a temporary folder even exists
    if on_guide:
        on_guide(loaded.guide)
    config_file = config_file or default_config()
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    if not previous:
        # The sitemap's <lastmod> otherwise carries the build date: the same content built on
        # two days would give two different sites. MkDocs honours SOURCE_DATE_EPOCH.
        os.environ["SOURCE_DATE_EPOCH"] = _last_commit_time(content) or content_time(content)
    digests: Digests = {}
    last = reusable(site_dir, engine, digests) if engine is not None and reuse else None
    state = BuildState.from_json(last["state"]) if last is not None else None
    if state is not None:  # the service worker's revisions are these hashes' first 16 digits
        state.revisions = {path: (t, size, sha[:16]) for path, (t, size, sha) in digests.items()}
    try:
        with atomic_folder(site_dir) as staging:

            def make_site(site_url: str) -> Site:
                return pipeline.build(loaded, pipeline.Settings(site_url), progress=progress)

            plugin = build_into(
                config_file,
                staging,
                loaded.pages_dir.resolve(),
                make_site,
                strict=strict,
                progress=progress,
                previous=state,
                seed=site_dir.resolve() if state is not None else None,
            )
            if stamp is not None:  # swapped in with the site it describes
                write_stamp(staging, stamp, engine or "", plugin.state.to_json(), digests)
    finally:
        if not previous:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
    pages, images, pdfs = count_site(site_dir)
    return BuildReport(pages, images, pdfs, time.perf_counter() - started)


def _last_commit_time(content: Path) -> str | None:
    """Unix time of the last commit that touched the content folder, if it is in git."""
    import subprocess

    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct", "--", "."],
            cwd=content,
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    stamp = result.stdout.strip()
    return stamp if result.returncode == 0 and stamp.isdigit() else None


def content_time(content: Path) -> str:
    """The newest modification time of the content's files: a date that comes from the content
    (unchanged files, same date, on any day), for content that is not in git."""
    newest = 0
    # A file dated in the future (a wrong clock, a touch -d 2100) is left out: it would date
    # every page of the sitemap. Clamping it to now instead would change the site every day.
    now = int(time.time())
    for folder, dirs, files in os.walk(content):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith("."):
                try:
                    mtime = int(os.stat(os.path.join(folder, name)).st_mtime)
                except OSError:
                    continue  # a broken link: the loader has already reported it
                if mtime <= now:
                    newest = max(newest, mtime)
    return str(newest)


def default_config() -> Path:
    """mkdocs.yml of the working folder if there is one, else the guide's own (installed: the starter's)."""
    from .install import default_config_file

    local = Path("mkdocs.yml")
    return local if local.is_file() else default_config_file()


def site_url_of(config_file: Path) -> str:
    """``site_url`` of an mkdocs.yml (read by the MkDocs adapter, the one module importing mkdocs)."""
    from .mkdocs_plugin import site_url_of as read

    return read(config_file)


def default_content() -> Path:
    """./content when it is a content folder, else the guide's own (packaged in a wheel)."""
    from .install import guide_content

    local = Path("content")
    return local if (local / "vocabulary").is_dir() else guide_content()


# ---- the no-change build ----------------------------------------------------------------
#
# A build whose inputs are all the same as the last successful build's, into a site/ nobody
# has touched since, would write the same bytes: it is skipped before anything is loaded.
# The stamp is a file of the site itself, written into the staging folder, so it is swapped
# in with the site it describes (a kill can never leave a stamp for another site). It holds
# only hashes of the inputs and of the site's bytes: two builds of the same inputs write the
# same stamp, so the site stays byte-for-byte reproducible. A dot-file at the root: Material's
# search indexes pages only and the service worker precaches the theme's and the pages'
# files only (generator/offline.py), so it is never sent to a phone.

STAMP = ".runstrong-build.json"
# Environment variables that change what a build writes, besides those mkdocs.yml names with !ENV.
OUTPUT_ENV = ("RUNSTRONG_SITE_URL", "SOURCE_DATE_EPOCH")
# The engines whose version changes the published bytes.
ENGINES = ("mkdocs", "mkdocs-material", "pymdown-extensions", "markdown", "jinja2", "pillow", "fpdf2")


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
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    # MkDocs' tags (!ENV, !relative, python/name…) are not needed to find custom_dir.
    _Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        data = yaml.load(config_text, Loader=_Loader)  # a SafeLoader subclass
    except yaml.YAMLError:
        return []  # MkDocs will report it; an unreadable config is never up to date anyway
    theme = data.get("theme") if isinstance(data, dict) else None
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    if not isinstance(custom, str):
        return []
    folder = (config_file.resolve().parent / custom).resolve()
    return [folder] if folder.is_dir() else []


# Each file's sha256 by its path, with the (mtime_ns, size) it had when hashed: the digests
# of the last site, reused for the files a build links or copies from it unchanged.
Digests = dict[str, tuple[int, int, str]]


def site_hash(site_dir: Path, digests: Digests | None = None) -> str | None:
    """sha256 of the site's files (names and bytes, the stamp aside); None without a site.

    Bytes, not file times: the stamp then is the same for the same site (reproducible output),
    and a copied or restored site is recognised. Reading it back costs a fraction of the build
    it saves (a 40 MB site: ~0.1 s). Any edit, deletion or addition in site/ changes it.
    ``digests`` is read and filled: a file whose time and size are the ones recorded there is
    not read again (a build that starts from the last site hashes only what it wrote).
    """
    if not site_dir.is_dir():
        return None
    digest = hashlib.sha256()
    for path in _walk(site_dir):
        name = path.relative_to(site_dir).as_posix()
        if name == STAMP:
            continue
        digest.update(name.encode("utf-8") + b"\0")
        try:
            info = path.stat()
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
    return digest.hexdigest()


def _walk(root: Path) -> Iterator[Path]:
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            yield Path(folder, name)


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


def reusable(site_dir: Path, engine: str, digests: Digests) -> dict[str, Any] | None:
    """The last build's stamp when its pages can be reused: only the content changed since, and
    nobody touched the site (a hand edit must not be carried into the new site). Fills
    ``digests`` with the site's files' hashes."""
    stamp = read_stamp(site_dir)
    if stamp is None or stamp.get("engine") != engine or not isinstance(stamp.get("state"), dict):
        return None
    return stamp if stamp.get("site") == site_hash(site_dir, digests) else None


def write_stamp(
    site_dir: Path,
    inputs: str,
    engine: str = "",
    state: dict[str, Any] | None = None,
    digests: Digests | None = None,
) -> None:
    """Record in ``site_dir`` (the staging folder) that it is the build of ``inputs``.

    ``state`` (the plugin's BuildState: hashes of each generated file, the nav) lets the next
    build reuse the pages an edit did not change.
    """
    from .writer import write_file

    stamp = {"inputs": inputs, "engine": engine, "site": site_hash(site_dir, digests), "state": state or {}}
    write_file(site_dir / STAMP, (json.dumps(stamp, indent=1, sort_keys=True) + "\n").encode("utf-8"))
