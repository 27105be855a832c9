"""Failures told in one line: what went wrong, where, and what to do, never a traceback.

The command line catches every exception at its top (``cli.main``) and prints ``describe``;
the checks here run *before* the work (a busy port, an output path that is a folder), so a
coach is not told after a minute of rendering that the file cannot be written.
"""

from __future__ import annotations

import argparse
import errno
import os
import socket
import stat
from pathlib import Path


class UsageError(Exception):
    """A command given something it cannot use (exit status 2, like argparse's own errors)."""


class Failure(Exception):
    """A failure already put in words (exit status 1)."""


_OS_REASONS = {
    errno.ENOSPC: "no space left on the disk",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the folder is on a read-only file system",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOENT: "no such file or folder",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.EISDIR: "is a folder",
    errno.EADDRINUSE: "the address is already in use",
    errno.EMFILE: "too many open files",
}


def describe(exc: BaseException, cache_dir: Path | None = None) -> str:
    """One line for any failure; the command name is printed in front of it.

    ``cache_dir``: the render cache in use, so a failure inside it says how to choose another.
    """
    if isinstance(exc, OSError):
        standard = os.strerror(exc.errno) if exc.errno else None
        if exc.strerror and exc.strerror != standard:
            reason = exc.strerror  # a message of ours, already in words
        else:
            reason = _OS_REASONS.get(exc.errno or 0) or (exc.strerror or str(exc))
        where = exc.filename
        if where is not None:
            where = _shown(Path(os.fsdecode(where)))
            return f"{where}: {reason}{_hint(exc, cache_dir)}"
        return f"{reason}{_hint(exc, cache_dir)}"
    if is_mkdocs_error(exc):
        return "MkDocs: " + " ".join(str(exc).split())
    message = " ".join(str(exc).split()) or type(exc).__name__
    return f"internal error: {message} ({type(exc).__name__}; RUNSTRONG_DEBUG=1 shows where)"


def is_mkdocs_error(exc: BaseException) -> bool:
    """MkDocs' own failures (strict warnings, a bad mkdocs.yml), told by the class's name, not
    imported: only the MkDocs adapter imports mkdocs, and only when a command needs it."""
    names = {f"{c.__module__}.{c.__qualname__}" for c in type(exc).__mro__}
    return "mkdocs.exceptions.MkDocsException" in names


def _hint(exc: OSError, cache_dir: Path | None) -> str:
    from .cache import CACHE_ENV

    if cache_dir is None or exc.filename is None:
        return ""
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC):
        path = Path(os.fsdecode(exc.filename)).absolute()
        if path.is_relative_to(cache_dir.absolute()):
            return f" (the render cache: choose another with --cache-dir or ${CACHE_ENV})"
    return ""


def _shown(path: Path) -> str:
    from .errors import display_path

    return display_path(path)


def check_output_file(path: Path, option: str) -> None:
    """Refuse an output path that is a folder or a special file, and a folder that is missing."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise UsageError(f"{option} {_shown(path)}: {describe(exc)}") from None
    if mode is not None and stat.S_ISDIR(mode):
        example = _shown(path / "cards.pdf")
        raise UsageError(f"{option} {_shown(path)}: is a folder; give a file name, e.g. {example}")
    if mode is not None and not stat.S_ISREG(mode):
        kind = "a device, pipe or socket"
        raise UsageError(f"{option} {_shown(path)}: is not a regular file ({kind}); refusing to write it")
    parent = path.absolute().parent
    if not parent.is_dir():
        raise UsageError(f"{option} {_shown(path)}: the folder {_shown(parent)} does not exist")


def site_url(value: str) -> str:
    """argparse type of --site-url: an http(s) address with a host, nothing else."""
    from .urls import site_url_problem

    if problem := site_url_problem(value.strip()):
        raise argparse.ArgumentTypeError(problem)
    return value.strip()


def parse_dev_addr(value: str) -> str:
    """argparse type of --dev-addr: IP:PORT with a port from 1 to 65535."""
    host, _, port = value.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise argparse.ArgumentTypeError(f"'{value}' is not IP:PORT, e.g. 127.0.0.1:8000")
    return value


def check_port_free(dev_addr: str) -> None:
    """Fail in one line, before any build, when the preview's port is taken."""
    host, _, port = dev_addr.rpartition(":")
    host = host.strip("[]")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # SO_REUSEADDR as MkDocs' server sets it, so a port in TIME_WAIT is not called busy.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, int(port)))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise UsageError(
                    f"--dev-addr {dev_addr}: the port is in use by another program; choose another, "
                    f"e.g. --dev-addr {host}:{int(port) + 1}"
                ) from None
            raise UsageError(f"--dev-addr {dev_addr}: {describe(exc)}") from None
