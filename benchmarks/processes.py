"""Running a timed command for the benchmarks: wall time, peak memory, and what it printed.

Shared by ``benchmarks.scale`` and the measures it calls (``benchmarks.serve_measure``).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
RUNSTRONG = [PYTHON, "-m", "generator.cli"]


@dataclass(frozen=True)
class Run:
    seconds: float
    largest_mib: float  # the largest single process: the build or one of its workers (wait4)
    together_mib: float  # the process and all its descendants at once (PSS), sampled every 0.1 s
    stdout: str = ""  # what it printed, when asked to keep it


def _tree_pss_kib(root: int) -> int:
    """Memory that ``root`` and every process descended from it hold together, in KiB.

    Proportional set size (/proc/PID/smaps_rollup), not RSS: forked workers share their
    parent's pages, and adding up RSS would count those pages once per worker.
    """
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as f:
                parents[int(entry.name)] = int(f.read().rpartition(")")[2].split()[1])
        except (OSError, ValueError, IndexError):
            continue  # the process ended while we looked
    family, frontier = [root], [root]
    while frontier:
        pid = frontier.pop()
        children = [child for child, parent in parents.items() if parent == pid]
        family += children
        frontier += children
    total = 0
    for pid in family:
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
                total += next((int(line.split()[1]) for line in f if line.startswith("Pss:")), 0)
        except (OSError, ValueError):
            continue
    return total


def run(
    cmd: Sequence[str | Path], env: dict[str, str] | None = None, *, sample: bool = False, keep: bool = False
) -> Run:
    """Time one command, with its peak memory measured two ways.

    wait4's ru_maxrss is the largest of the process and the workers it waited for, each on its
    own; picture and PDF workers run side by side, so a sampler also adds up the whole process
    tree's proportional memory every 0.1 s (what a coach's laptop must hold at once) when
    ``sample`` is set: it costs ~3 ms of CPU a sample, so timed-only runs go without.
    ``keep`` keeps what the command printed (``Run.stdout``).
    """
    started = time.perf_counter()
    with tempfile.TemporaryFile() as stderr, tempfile.TemporaryFile() as stdout:
        child = subprocess.Popen(
            [str(c) for c in cmd],
            cwd=ROOT,
            stdout=stdout if keep else subprocess.DEVNULL,
            stderr=stderr,
            env={**os.environ, **(env or {})},
        )
        together = 0
        done = threading.Event()

        def sample_memory() -> None:
            nonlocal together
            while not done.wait(0.1):
                together = max(together, _tree_pss_kib(child.pid))

        sampler = threading.Thread(target=sample_memory, daemon=True)
        if sample:
            sampler.start()
        _, status, usage = os.wait4(child.pid, 0)  # wait4, not wait: it tells the peak memory
        done.set()
        if sample:
            sampler.join()
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        if child.returncode:
            stderr.seek(0)
            raise SystemExit(f"{' '.join(map(str, cmd))} failed:\n{stderr.read().decode(errors='replace')}")
        stdout.seek(0)
        printed = stdout.read().decode(errors="replace") if keep else ""
    return Run(seconds, usage.ru_maxrss / 1024, together / 1024, printed)


def timed(cmd: Sequence[str | Path], env: dict[str, str] | None = None) -> float:
    return run(cmd, env).seconds
