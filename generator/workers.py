"""Render workers that die with the build.

A ``ProcessPoolExecutor``'s workers outlive a parent killed with SIGKILL (no cleanup runs): three
``kill -9`` of a build once left six workers drawing, about 1 GB. Each worker asks the kernel
to kill it when its parent dies (Linux's PR_SET_PDEATHSIG) and, for a parent that died before
it asked, checks that its parent is still the one that started it.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.context import BaseContext

_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def pool(max_workers: int, mp_context: BaseContext | None = None) -> ProcessPoolExecutor:
    """A process pool whose workers end when the process that made it ends, however it ends."""
    return ProcessPoolExecutor(
        max_workers=max_workers, mp_context=mp_context, initializer=die_with_parent, initargs=(os.getpid(),)
    )


def die_with_parent(parent: int) -> None:
    """In a worker: be killed when ``parent`` dies; exit now if it already has."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:
        os._exit(1)  # the parent died before the request above: nobody waits for this worker
