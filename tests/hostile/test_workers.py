"""Render workers die with the build: a build killed with SIGKILL leaves no worker drawing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from ..conftest import ROOT

CHILD = textwrap.dedent(
    """
    import multiprocessing, os, sys, time
    from generator.workers import pool

    def work(n):
        time.sleep(60)  # a long animation
        return n

    if __name__ == "__main__":
        context = multiprocessing.get_context(sys.argv[1])
        with pool(2, mp_context=context) as workers:
            futures = [workers.submit(work, n) for n in range(2)]
            time.sleep(0.5)
            print(" ".join(str(p) for p in workers._processes), flush=True)
            time.sleep(60)
    """
)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().split(") ")[1][0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_killing_the_build_kills_its_workers(method: str, tmp_path: object) -> None:
    script = tmp_path / "build.py"  # type: ignore[operator]
    script.write_text(CHILD, encoding="utf-8")
    child = subprocess.Popen(
        [sys.executable, str(script), method],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert child.stdout is not None
        workers = [int(p) for p in child.stdout.readline().split()]
        assert len(workers) == 2 and all(_alive(p) for p in workers)
        child.send_signal(signal.SIGKILL)
        child.wait()
        deadline = time.monotonic() + 5
        while any(_alive(p) for p in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(_alive(p) for p in workers), "a worker outlived the killed build"
    finally:
        child.kill()
        child.wait()
