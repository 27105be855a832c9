"""Run the command line with one fault injected: ``python -m tests.hostile.inject FAULT -- ARGS``.

Faults a test cannot make for real without root (a full disk, a read-only folder — root
writes anyway), or without waiting (a clock three days ahead):

- ``enospc:DIR``   every file opened for writing under DIR fails with "No space left on device";
- ``erofs:DIR``    creating a folder in DIR fails with "Read-only file system";
- ``eacces:DIR``   creating a temporary file under DIR fails with "Permission denied";
- ``clock:DAYS``   the wall clock runs DAYS days ahead (MkDocs' build date reads it).
"""

from __future__ import annotations

import builtins
import datetime as dt
import errno
import os
import sys
import tempfile
from pathlib import Path
from typing import Any


def _under(path: object, folder: Path) -> bool:
    try:
        return Path(os.fsdecode(path)).absolute().is_relative_to(folder)  # type: ignore[arg-type]
    except TypeError:
        return False  # a file descriptor


def _fail(code: int, path: object) -> OSError:
    return OSError(code, os.strerror(code), os.fsdecode(path))  # type: ignore[arg-type]


class _HalfWritten:
    """A file on a disk that fills up half-way through the write."""

    def __init__(self, file: Any, path: str) -> None:
        self.file, self.path = file, path

    def write(self, data: bytes) -> int:
        self.file.write(data[: len(data) // 2])
        self.file.flush()
        raise _fail(errno.ENOSPC, self.path)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.file, name)

    def __enter__(self) -> _HalfWritten:
        return self

    def __exit__(self, *exc: object) -> None:
        self.file.close()


def install(fault: str) -> None:
    kind, _, arg = fault.partition(":")
    if kind == "enospc":
        folder, real_open = Path(arg).absolute(), builtins.open

        def open_(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
            if any(c in mode for c in "wax") and _under(file, folder):
                raise _fail(errno.ENOSPC, file)
            return real_open(file, mode, *args, **kwargs)

        real_fdopen = os.fdopen

        def fdopen(fd: int, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
            file = real_fdopen(fd, mode, *args, **kwargs)
            path = os.readlink(f"/proc/self/fd/{fd}")
            return _HalfWritten(file, path) if any(c in mode for c in "wax") and _under(path, folder) else file

        builtins.open, os.fdopen = open_, fdopen  # type: ignore[assignment]
    elif kind == "erofs":
        folder, real_mkdtemp, real_mkdir = Path(arg).absolute(), tempfile.mkdtemp, os.mkdir

        def mkdtemp(suffix: Any = None, prefix: Any = None, dir: Any = None) -> str:
            if dir is not None and _under(dir, folder):
                raise _fail(errno.EROFS, Path(dir) / f"{prefix or ''}xxxx")
            return real_mkdtemp(suffix, prefix, dir)

        def mkdir(path: Any, *args: Any, **kwargs: Any) -> None:
            if _under(path, folder):
                raise _fail(errno.EROFS, path)
            real_mkdir(path, *args, **kwargs)

        tempfile.mkdtemp, os.mkdir = mkdtemp, mkdir  # type: ignore[assignment]
    elif kind == "eacces":
        folder, real_mkstemp = Path(arg).absolute(), tempfile.mkstemp

        def mkstemp(suffix: Any = None, prefix: Any = None, dir: Any = None, text: bool = False) -> Any:
            if dir is not None and _under(dir, folder):
                raise _fail(errno.EACCES, Path(dir) / f"{prefix or ''}xxxx")
            return real_mkstemp(suffix, prefix, dir, text)

        tempfile.mkstemp = mkstemp  # type: ignore[assignment]
    elif kind == "clock":
        shift = dt.timedelta(days=float(arg))

        class Later(dt.datetime):
            @classmethod
            def now(cls, tz: Any = None) -> Any:  # type: ignore[override]
                return dt.datetime.now(tz) + shift

            @classmethod
            def utcnow(cls) -> Any:  # type: ignore[override]
                return dt.datetime.now(dt.UTC).replace(tzinfo=None) + shift

        import mkdocs.utils

        mkdocs.utils.datetime = Later  # type: ignore[attr-defined,misc]
        real_time = __import__("time").time
        __import__("time").time = lambda: real_time() + shift.total_seconds()
    else:
        raise SystemExit(f"unknown fault {fault!r}")


if __name__ == "__main__":
    fault, separator, *args = sys.argv[1:]
    assert separator == "--", "usage: python -m tests.hostile.inject FAULT -- ARGS"
    install(fault)
    from generator.cli import main

    sys.exit(main(args))
