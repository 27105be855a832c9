"""The one writer: every file that leaves the process goes through this module.

Renderers return ``GeneratedFile`` lists and never touch the disk (tests/test_architecture.py
holds them to it). Here they become a folder swapped in whole (the site, a ``generate`` tree,
an import), or a single file replaced in one step (a cards PDF, a schema, the service worker).
A failed run therefore leaves the last good output exactly as it was, and a reader, a web server
or a kill at any moment sees the complete old output or the complete new one.
"""

from __future__ import annotations

import ctypes
import errno
import functools
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .files import GeneratedFile
from .removal import remove_soon


@contextmanager
def atomic_folder(destination: Path, *, budget: float | None = None) -> Iterator[Path]:
    """Yield an empty folder beside ``destination``; on success it replaces ``destination``.

    On any exception the temporary folder is removed and ``destination`` is untouched. The
    swap is one step where the OS allows it (``exchange``), so a reader, a web server or a kill
    at any moment sees the complete old folder or the complete new one. Staging folders that a
    killed run left behind are removed by the next run (``clean_stale``). ``budget``: how long
    the old folder's removal is waited for (``removal.remove_soon``).
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
    swap_in(staging, destination, budget)


def _staging_prefix(destination: Path, pid: int | None = None) -> str:
    """'.site.new-<pid>-': the process id tells a later run whether its maker still runs."""
    return f".{destination.name}.new-" + (f"{os.getpid() if pid is None else pid}-" if pid != 0 else "")


def _retired_prefix(destination: Path, pid: int | None = None) -> str:
    return f".{destination.name}.old-" + (f"{os.getpid() if pid is None else pid}-" if pid != 0 else "")


def _trash_prefix(destination: Path) -> str:
    return f".{destination.name}.trash-"


def trash_prefix(destination: Path) -> Path:
    """Where a folder retired beside ``destination`` waits for its detached remover (``removal``)."""
    destination = destination.resolve()
    return destination.parent / _trash_prefix(destination)


def swap_in(staging: Path, destination: Path, budget: float | None = None) -> None:
    """Put ``staging`` at ``destination`` and remove what was there."""
    if not destination.exists() and not destination.is_symlink():
        staging.rename(destination)
        return
    if not destination.is_dir():
        shutil.rmtree(staging, ignore_errors=True)
        message = "exists and is not a folder; refusing to replace it"
        raise NotADirectoryError(errno.ENOTDIR, message, str(destination))
    if exchange(staging, destination):
        remove_soon(staging, destination.parent / _trash_prefix(destination), budget)  # the old site
        return
    # No atomic exchange on this system: two renames. A kill between them leaves no
    # destination for a moment; the next run puts the retired folder back (clean_stale).
    retired = destination.parent / f"{_retired_prefix(destination)}{os.urandom(4).hex()}"
    destination.rename(retired)
    staging.rename(destination)
    remove_soon(retired, destination.parent / _trash_prefix(destination), budget)


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
    return function


def clean_stale(destination: Path) -> None:
    """Remove staging folders of runs that were killed; restore a folder a kill left retired.

    A folder's name carries the process id that made it, so a build running right now in
    the same place keeps its folder.
    """
    parent = destination.parent
    staging, retired = _staging_prefix(destination, 0), _retired_prefix(destination, 0)
    trash = _trash_prefix(destination)
    leftovers = sorted(p for p in parent.iterdir() if p.name.startswith((staging, retired, trash)))
    for path in leftovers:
        pid = path.name.removeprefix(staging).removeprefix(retired).removeprefix(trash).partition("-")[0]
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
    folder_mode, file_mode = 0o777 & ~umask, 0o666 & ~umask
    # Only what differs is changed: a one-edit build's ~4,800 folders and files (most of them
    # the last site's, linked) have their modes already, and each chmod is a journal write.
    for folder, dirs, files in os.walk(root):
        for name in dirs:
            path = os.path.join(folder, name)
            if stat.S_IMODE(os.lstat(path).st_mode) != folder_mode and not os.path.islink(path):
                os.chmod(path, folder_mode, follow_symlinks=False)
        for name in files:
            path = os.path.join(folder, name)
            info = os.lstat(path)
            if not stat.S_ISLNK(info.st_mode) and stat.S_IMODE(info.st_mode) != file_mode:
                os.chmod(path, file_mode)


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


def write_tree(
    files: Iterable[GeneratedFile], pages_dir: Path | None, out: Path, *, folders: Iterable[str] = ()
) -> int:
    """Write hand-written pages plus generated files as one folder, swapped in atomically.

    ``folders`` are created even when empty (an imported content folder has a ``programs/``).
    """
    count = 0
    with atomic_folder(out) as staging:
        if pages_dir is not None and pages_dir.is_dir():
            shutil.copytree(pages_dir, staging, dirs_exist_ok=True)
        for folder in folders:
            (staging / folder).mkdir(parents=True, exist_ok=True)
        for f in files:
            put(f, staging)
            count += 1
    return count


def put(file: GeneratedFile, root: Path) -> Path:
    """Write one generated file under ``root`` (a staging folder): its bytes, or a link to its source.

    A source is hardlinked (no copy, no memory: the unchanged pictures of a 900-exercise site
    are 100+ MB) and copied where a link cannot be made (another file system, a file system
    without links). Replaces a file already there (a generated file over a hand-written one is
    refused earlier, by the loader and the plugin), unlinking it first: a file that may be a link
    is never written in place (``generator/lastbuild.py`` says why).
    """
    target = root / file.path
    target.parent.mkdir(parents=True, exist_ok=True)
    if file.source is None:
        with open(target, "wb") as out:
            out.write(file.content)
        return target
    target.unlink(missing_ok=True)
    link_or_copy(file.source, target)
    return target


def link_or_copy(source: Path, target: Path) -> None:
    """``source``'s bytes at ``target`` (which must not exist): a hardlink when ``source``
    already has the mode a published file gets, else (or where no link can be made) a copy.

    A link whose mode differed would be chmod'ed by ``normalise_permissions``, and with it the
    render cache's file: under a umask of 002 a blob made group-writable is no longer trusted
    (``cache.read_own``), and every build would draw it again.
    """
    if stat.S_IMODE(os.stat(source).st_mode) == 0o666 & ~_umask():
        _link(source, target, shutil.copyfile)
    else:
        shutil.copyfile(source, target)


# Where a hardlink cannot be made: another file system, too many links, no links at all.
_NO_LINK = (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP)


def _link(source: Path, target: Path, copy: Callable[[Path, Path], object]) -> None:
    try:
        os.link(source, target)
    except OSError as exc:
        if exc.errno not in _NO_LINK:
            raise
        copy(source, target)


# Files an engine rewrites in place at every build (pages, sitemaps, the search index): copied
# into a seeded folder, so a write into the new site can never reach the old one through a link;
# linked only when the caller owns them (``seed_folder``).
REWRITTEN = (".html", ".htm", ".xml", ".gz", ".json")


def seed_folder(last: Path, staging: Path, *, skip: Iterable[str] = (), owned: Iterable[str] = ()) -> int:
    """Start ``staging`` as a copy of ``last`` (the last good site): pictures, PDFs and theme files
    hardlinked (no bytes copied; they are only ever replaced, never written in place), the files
    in ``REWRITTEN`` copied with their times, unless the caller ``owned`` them. Returns the number
    of files.

    ``owned``: paths the caller unlinks before any write (a dirty build's pages: a one-edit
    build of a 900-exercise site then links 1,800 pages instead of copying 31 MB). The caller
    unlinks, before writing, any linked file it replaces: the old site stays exactly as it was
    until the swap, and a failed build leaves it untouched (the hardlink invariant, stated in
    ``generator/lastbuild.py``).
    """
    skipped, mine = set(skip), set(owned)
    count = 0
    for folder, dirs, files in os.walk(last):
        dirs.sort()
        relative = Path(folder).relative_to(last)
        (staging / relative).mkdir(parents=True, exist_ok=True)
        for name in sorted(files):
            source, target = Path(folder, name), staging / relative / name
            path = (relative / name).as_posix()
            if path in skipped or source.is_symlink():
                continue
            if name.endswith(REWRITTEN) and path not in mine:
                shutil.copy2(source, target)
            else:
                _link(source, target, shutil.copy2)
            count += 1
    return count


def copy_over(source: Path, target: Path) -> None:
    """Replace ``target`` (a link, perhaps) by a copy of ``source`` with its times."""
    target.unlink(missing_ok=True)
    shutil.copy2(source, target)


def write_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` in one step: a temporary file in the same folder, then a rename.

    A reader, or a run that fails half-way (a full disk), never sees half a file, and a file
    already at ``path`` stays as it was until the new one is complete.
    """
    fd, partial = tempfile.mkstemp(dir=path.absolute().parent, prefix=f".{path.name}.", suffix=".partial")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(partial, 0o666 & ~_umask())  # mkstemp makes it private
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def write_files(files: Iterable[GeneratedFile], root: Path) -> list[Path]:
    """Replace single files under an existing folder (schemas in a content folder), each in one step."""
    written = []
    for f in files:
        target = root / f.path
        target.parent.mkdir(parents=True, exist_ok=True)
        write_file(target, f.read())
        written.append(target)
    return written


def move_files(source: Path, target: Path, paths: Iterable[str]) -> None:
    """Move the files at ``paths`` (relative) from ``source`` into ``target`` by renaming (a
    spread build's worker pages into its staging folder): never written through a link.

    A folder that holds only listed files and that ``target`` lacks (a page's own folder,
    ``exercises/<slug>/``) moves whole: one rename, where a file at a time made the folder
    again in ``target`` and left the emptied one to remove: ~450 folders at 900 exercises, each
    a search for a free inode (``cache.py`` says what that costs).
    """
    by_folder: dict[str, list[str]] = {}
    for path in paths:
        by_folder.setdefault(os.path.dirname(path), []).append(path)
    for folder, files in by_folder.items():
        if folder and _move_folder(source / folder, target / folder, files):
            continue
        for path in files:
            destination = target / path
            destination.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source / path, destination)


def _move_folder(source: Path, target: Path, files: list[str]) -> bool:
    """Rename ``source`` to ``target`` when it holds exactly ``files`` (no folder, nothing
    unlisted) and ``target`` does not exist; False (nothing moved) otherwise."""
    try:
        if os.path.lexists(target) or sorted(os.listdir(source)) != sorted(
            os.path.basename(f) for f in files
        ):
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        os.rename(source, target)  # onto an empty folder made meanwhile too: it held nothing
    except OSError:
        return False
    return True
