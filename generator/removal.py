"""Removing a folder a build retired (the old site after the swap) without making the user wait.

A one-edit build of a 900-exercise guide writes a few pages, then swaps a new site in; removing
the old one (~5,000 files and folders, most of them hardlinks the new site shares) took 3-9 s of
that build on a busy disk, longer than everything else it did. So the removal gets a budget:
what is left after it is renamed and removed by a detached process. A small site (and every
failed build's staging folder, which ``writer.atomic_folder`` removes itself) is gone before the
command returns.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

BUDGET = 0.5  # seconds of removal a build waits for, at most
# Files from which a folder goes to the detached remover at once (``at_once``): a one-edit build
# of 900 exercises retires ~2,950 files in ~1,850 folders, more than the budget removes on a
# busy disk, and what it does remove is time the user waits for.
DETACH_FROM = 1_000


def at_once(files: int) -> float | None:
    """The budget for retiring a folder of ``files`` files: 0 (all of it detached) for a large
    one, None (``BUDGET``) otherwise, so a small site is gone when the command returns."""
    return 0.0 if files >= DETACH_FROM else None


# The detached remover: it waits for the folder named after its own process id (the parent
# renames it once the process exists: a later run then sees a live remover, not an orphan).
_REMOVER = (
    "import os, shutil, sys, time\n"
    "folder = sys.argv[1] + str(os.getpid()) + sys.argv[2]\n"
    "for _ in range(500):\n"
    "    if os.path.isdir(folder):\n"
    "        shutil.rmtree(folder, ignore_errors=True)\n"
    "        break\n"
    "    time.sleep(0.02)\n"
)


# Removers started by this process, reaped as later ones start: a long-lived process (a test
# run) never holds a finished one, and none is dropped while it runs.
_removers: list[subprocess.Popen[bytes]] = []


def remove_soon(folder: Path, trash_prefix: Path, budget: float | None = None) -> None:
    """Remove ``folder``; what is left after ``budget`` seconds is renamed
    ``<trash_prefix><pid of its remover>-…`` and removed by a detached process.

    ``writer.clean_stale`` leaves a trash folder alone while its remover runs and removes it
    if the remover was killed. Links are removed, never followed.
    """
    budget = BUDGET if budget is None else budget
    try:
        if _removed_within(folder, time.monotonic() + budget):
            return
    except OSError:  # a file that will not go: never fail a build that is already swapped in
        shutil.rmtree(folder, ignore_errors=True)
        return
    token = f"-{os.urandom(4).hex()}"
    try:
        remover = subprocess.Popen(
            [sys.executable, "-c", _REMOVER, str(trash_prefix), token],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # outlives this command, and a Ctrl+C in its terminal
        )
        _removers[:] = [r for r in _removers if r.poll() is None]
        _removers.append(remover)
        os.rename(folder, f"{trash_prefix}{remover.pid}{token}")
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)


def _removed_within(folder: Path, deadline: float) -> bool:
    """Remove ``folder`` from the bottom up until ``deadline``; True if it is gone."""
    for root, dirs, files in os.walk(folder, topdown=False, onerror=_raise):
        for name in files:  # the deadline checked at each entry: one folder may hold 900 pictures
            if time.monotonic() > deadline:
                return False
            os.unlink(os.path.join(root, name))
        for name in dirs:  # and at each folder: a site holds ~900 page folders, each rmdir a journal wait
            if time.monotonic() > deadline:
                return False
            path = os.path.join(root, name)
            if os.path.islink(path):  # os.walk lists a link to a folder among the folders
                os.unlink(path)
            else:
                os.rmdir(path)
    os.rmdir(folder)
    return True


def _raise(error: OSError) -> None:
    raise error
