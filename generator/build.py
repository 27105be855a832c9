"""Run the renderers and put their files where they belong.

The one place that writes to disk: renderers return ``GeneratedFile`` lists, and this module
either hands them to MkDocs (through the plugin) or writes them as a plain docs tree.
Writes are atomic: output is built beside its destination and swapped in only on success,
so a failed build leaves the last good folder exactly as it was.
"""

from __future__ import annotations

import ctypes
import errno
import functools
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ContentError, ContentErrors
from .files import GeneratedFile

if TYPE_CHECKING:
    from .model import Guide

# The renderers (and pydantic's models) are imported where they are used: the site swap and
# the error paths of the command line then start without seconds of imports.

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CONTENT_ENV = "RUNSTRONG_CONTENT"  # how the CLI tells the MkDocs plugin which content to use
CACHE_ENV = "RUNSTRONG_CACHE"  # where rendered pictures are kept between builds


def render_cache_dir() -> Path:
    """Pictures and PDFs are cached by content hash: a no-change build renders none.

    In the user's cache folder (``~/.cache/runstrong`` on Linux), so a coach running
    ``runstrong`` from their own folder finds no ``.cache/`` left in it; ``$RUNSTRONG_CACHE``
    (or the ``--cache-dir`` option, which sets it) chooses another place.
    """
    from platformdirs import user_cache_dir

    return Path(os.environ.get(CACHE_ENV) or user_cache_dir("runstrong", appauthor=False))


def generate(guide: Guide, site_url: str) -> list[GeneratedFile]:
    """Every generated file of the docs tree, in a stable order.

    ``site_url`` is where the site is published: printed cards link it in QR codes.
    """
    from .cards import render_cards
    from .figures import render_figures
    from .pages import render_pages
    from .redirects import render_redirects

    pdfs = render_cards(guide, site_url, cache_dir=render_cache_dir())
    images, _ = render_figures(guide, cache_dir=render_cache_dir(), workers=os.cpu_count() or 1)
    # Pages link the PDFs with their sizes and show pictures at their real dimensions.
    assets = {f.path: f.content for f in [*pdfs, *images]}
    files = render_pages(guide, assets) + render_redirects(guide) + pdfs + images
    paths = [f.path for f in files]
    if len(paths) != len(set(paths)):
        duplicates = sorted({p for p in paths if paths.count(p) > 1})
        raise RuntimeError(f"two renderers produced the same file: {duplicates}")
    return sorted(files, key=lambda f: f.path)


@contextmanager
def atomic_folder(destination: Path) -> Iterator[Path]:
    """Yield an empty folder beside ``destination``; on success it replaces ``destination``.

    On any exception the temporary folder is removed and ``destination`` is untouched. The
    swap is one step where the OS allows it (``exchange``), so a reader, a web server or a kill
    at any moment sees the complete old folder or the complete new one. Staging folders that a
    killed run left behind are removed by the next run (``clean_stale``).
    """
    destination = destination.resolve()  # a symlinked site/ swaps the folder it points to
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        clean_stale(destination)
        staging = Path(tempfile.mkdtemp(prefix=_staging_prefix(destination), dir=destination.parent))
    except OSError as exc:
        # Name the folder the user gave, not the temporary one beside it.
        raise OSError(exc.errno, exc.strerror, str(destination)) from None
    try:
        yield staging
        normalise_permissions(staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap_in(staging, destination)


def _staging_prefix(destination: Path, pid: int | None = None) -> str:
    """'.site.new-<pid>-': the process id tells a later run whether its maker still runs."""
    return f".{destination.name}.new-" + (f"{os.getpid() if pid is None else pid}-" if pid != 0 else "")


def _retired_prefix(destination: Path, pid: int | None = None) -> str:
    return f".{destination.name}.old-" + (f"{os.getpid() if pid is None else pid}-" if pid != 0 else "")


def swap_in(staging: Path, destination: Path) -> None:
    """Put ``staging`` at ``destination`` and remove what was there."""
    if not destination.exists() and not destination.is_symlink():
        staging.rename(destination)
        return
    if not destination.is_dir():
        shutil.rmtree(staging, ignore_errors=True)
        message = "exists and is not a folder; refusing to replace it"
        raise NotADirectoryError(errno.ENOTDIR, message, str(destination))
    if exchange(staging, destination):
        shutil.rmtree(staging, ignore_errors=True)  # now holds the old site
        return
    # No atomic exchange on this system: two renames. A kill between them leaves no
    # destination for a moment; the next run puts the retired folder back (clean_stale).
    retired = destination.parent / f"{_retired_prefix(destination)}{os.urandom(4).hex()}"
    destination.rename(retired)
    staging.rename(destination)
    shutil.rmtree(retired, ignore_errors=True)


_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with Linux's renameat2(RENAME_EXCHANGE); False where unsupported."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False  # an old kernel, or a file system without exchange (some network mounts)
    raise OSError(err, os.strerror(err), str(b))


@functools.cache
def _renameat2() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        function = libc.renameat2  # glibc 2.28+, musl 1.2.3+
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function  # type: ignore[no-any-return]


def clean_stale(destination: Path) -> None:
    """Remove staging folders of runs that were killed; restore a folder a kill left retired.

    A folder's name carries the process id that made it, so a build running right now in
    the same place keeps its folder.
    """
    parent = destination.parent
    staging, retired = _staging_prefix(destination, 0), _retired_prefix(destination, 0)
    leftovers = sorted(p for p in parent.iterdir() if p.name.startswith((staging, retired)))
    for path in leftovers:
        pid = path.name.removeprefix(staging).removeprefix(retired).partition("-")[0]
        if pid.isdigit() and int(pid) != os.getpid() and _alive(int(pid)):
            continue
        if path.name.startswith(retired) and not destination.exists() and path.is_dir():
            path.rename(destination)  # killed between the fallback's two renames
        else:
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def normalise_permissions(root: Path) -> None:
    """Folders 777 and files 666, less the umask (755 and 644 usually), like any copied site.

    mkdtemp makes the staging folder 700: published as is, a web server running as another
    user answers 403 for the whole site.
    """
    umask = _umask()
    root.chmod(0o777 & ~umask)
    for folder, dirs, files in os.walk(root):
        for name in dirs:
            os.chmod(os.path.join(folder, name), 0o777 & ~umask, follow_symlinks=False)
        for name in files:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                os.chmod(path, 0o666 & ~umask)


def _umask() -> int:
    try:  # Linux tells without changing it
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_tree(files: list[GeneratedFile], pages_dir: Path | None, out: Path) -> int:
    """Write hand-written pages plus generated files as a plain docs tree (atomically)."""
    with atomic_folder(out) as staging:
        if pages_dir is not None and pages_dir.is_dir():
            shutil.copytree(pages_dir, staging, dirs_exist_ok=True)
        for f in files:
            target = staging / f.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(f.content)
    return len(files)


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
) -> BuildReport:
    """Validate, generate and run a real MkDocs build into ``site_dir``, atomically.

    Raises ContentErrors for bad content (before anything is written) and
    ``mkdocs.exceptions.MkDocsException`` when MkDocs itself fails (strict warnings included).
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    started = time.perf_counter()
    from .load import load_guide
    from .urls import site_url_problem

    guide = load_guide(content)  # fail fast, before a temporary folder even exists
    if on_guide:
        on_guide(guide)
    config_file = config_file or default_config()
    _quiet_mkdocs()
    previous = {key: os.environ.get(key) for key in (CONTENT_ENV, "SOURCE_DATE_EPOCH")}
    os.environ[CONTENT_ENV] = str(content.resolve())
    if not previous["SOURCE_DATE_EPOCH"]:
        # The sitemap's <lastmod> otherwise carries the build date: the same content built on
        # two days would give two different sites. MkDocs honours SOURCE_DATE_EPOCH.
        os.environ["SOURCE_DATE_EPOCH"] = _last_commit_time(content) or content_time(content)
    try:
        with atomic_folder(site_dir) as staging:
            config = load_config(
                config_file=str(config_file),
                site_dir=str(staging),
                docs_dir=str((content / "pages").resolve()),
                strict=strict,
            )
            if config.site_url and (problem := site_url_problem(config.site_url)):
                from .failures import Failure

                raise Failure(f"{config_file}: site_url: {problem}")
            build(config)
    finally:
        for key, value in previous.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
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
    for folder, dirs, files in os.walk(content):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith("."):
                try:
                    newest = max(newest, int(os.stat(os.path.join(folder, name)).st_mtime))
                except OSError:
                    continue  # a broken link: the loader has already reported it
    return str(newest)


def default_config() -> Path:
    """mkdocs.yml of the working folder if there is one, else the guide's own."""
    local = Path("mkdocs.yml")
    return local if local.is_file() else PROJECT_ROOT / "mkdocs.yml"


def site_url_of(config_file: Path) -> str:
    """``site_url`` of an mkdocs.yml (QR codes on printed cards need the published address)."""
    from mkdocs.config import load_config

    _quiet_mkdocs()
    from .urls import site_url_problem

    site_url = load_config(config_file=str(config_file)).site_url
    if not site_url:
        message = "set site_url: printed cards link to the published site"
        raise ContentErrors([ContentError(str(config_file), 1, 1, "site_url", message)])
    if problem := site_url_problem(site_url):
        raise ContentErrors([ContentError(str(config_file), 1, 1, "site_url", problem)])
    return site_url


def default_content() -> Path:
    local = Path("content")
    return local if (local / "vocabulary").is_dir() else PROJECT_ROOT / "content"


def _quiet_mkdocs() -> None:
    """Show MkDocs' warnings and errors (they fail a strict build) but not its chatter."""
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_runstrong", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
        handler.setLevel(logging.WARNING)
        handler._runstrong = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.propagate = False
    logger.setLevel(logging.WARNING)
