"""Each content file's date, never the day of the build: the same content, the same dates.

* In a git repository, the time of the last commit that changed the file (one ``git log`` for
  the whole folder).
* A file that is not committed as it is (edited since, or never added), or content outside
  git: its modification time. A file dated in the future (a wrong clock, a ``touch -d 2100``)
  is left out: it would date its pages until that day came, and clamping it to now would
  change the site every day.

* The guide's record of its short links (``SHORT_LINKS``, ``shortlinks.py``) dates nothing: a
  build appends to it, so its time is the day of some build, and no page shows its words (a
  build that added a code and one that did not dated the same pages a day apart).

Read by ``pagedates`` (each page's date in the sitemap) and ``lastbuild.source_date`` (the
build's date, for MkDocs' SOURCE_DATE_EPOCH).
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

SHORT_LINKS = "short-links.txt"  # shortlinks.RECORD: written by builds, left out of the dates


def file_dates(content: Path) -> dict[str, int]:
    """Each content file's date (Unix time), by its path in the content folder (POSIX)."""
    committed = _commit_times(content)
    changed = _changed_since_commit(content) if committed else set()
    now = int(time.time())
    dates: dict[str, int] = {}
    for folder, dirs, files in os.walk(content):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(folder, name)
            rel = path.relative_to(content).as_posix()
            if rel == SHORT_LINKS:
                continue
            if rel in committed and rel not in changed:
                dates[rel] = committed[rel]
                continue
            try:
                mtime = int(path.stat().st_mtime)
            except OSError:
                continue  # a broken link: the loader has already reported it
            if mtime <= now:
                dates[rel] = mtime
    return dates


def _git(content: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", "-c", "core.quotePath=false", *args],
            cwd=content,
            capture_output=True,
            text=True,
            timeout=60,
            encoding="utf-8",
        )
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    return result.stdout if result.returncode == 0 else None


def _commit_times(content: Path) -> dict[str, int]:
    """The time of the last commit that changed each file under ``content`` (empty outside git)."""
    out = _git(content, "log", "--format=%x00%ct", "--name-only", "--relative", "--no-renames", "--", ".")
    times: dict[str, int] = {}
    stamp = 0
    for line in (out or "").splitlines():
        if line.startswith("\0"):
            stamp = int(line[1:]) if line[1:].isdigit() else 0
        elif line and stamp:
            times.setdefault(_unquote(line), stamp)  # newest first: the first time a file is named
    return times


def _changed_since_commit(content: Path) -> set[str]:
    """Files under ``content`` whose bytes differ from the last commit (staged or not)."""
    out = _git(content, "diff", "--name-only", "--relative", "--no-renames", "HEAD", "--", ".")
    return {_unquote(line) for line in (out or "").splitlines() if line}


def _unquote(name: str) -> str:
    """git quotes a path with unusual characters ("caf\\303\\251.md"): the path as it is."""
    if not (name.startswith('"') and name.endswith('"')):
        return name
    raw = name[1:-1].encode("latin-1", "backslashreplace").decode("unicode_escape")
    return raw.encode("latin-1").decode("utf-8", "replace")
