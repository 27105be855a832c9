"""The hostile suite: inputs a hostile user (or an unlucky one) sends, run as the user runs them.

One good site is built once for the whole suite (``good``); each test breaks a copy of its
content, runs the real command line in a child process with a time limit, and asserts the
exit status, the one-line ``file:line:col`` message, no traceback, the child's peak memory,
and that the good site is byte-identical afterwards.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from ..conftest import ROOT, VALID_EXERCISE, VALID_PROGRAM, made_once, write_content

MEMORY_LIMIT_MB = 200
HANG_LIMIT_S = 60  # a child still running after this is a hang, whatever the machine's load
HANDLE_LIMIT_S = 1.0  # in-process: reading one hostile input takes at most this

# The good content is the shared test content plus what a real guide has and a hostile one
# abuses: a merge key with an override, a multi-paragraph safety note, Greek and Cyrillic
# text (which must print), and a hand-written page whose front matter needs escaping.
GOOD_EXERCISE = (
    VALID_EXERCISE.replace("  - Hips back, weights close.", "  - Hips back, weights close.\n  - Ρυθμός σταθερός, без рывков.")
    + "safety: |\n  Keep the back flat.\n\n  Stop on any sharp pain & see a physio.\n"
)
_PRESCRIPTION = "            - {exercise: test-hinge, sets: 2, reps: 12, rest_seconds: 60, rpe: 6}"
assert _PRESCRIPTION in VALID_PROGRAM
GOOD_PROGRAM = VALID_PROGRAM.replace(
    _PRESCRIPTION,
    "            - &base {exercise: test-hinge, sets: 2, reps: 12, rest_seconds: 60, rpe: 6}\n"
    "            - <<: *base\n"
    "              sets: 3\n"
    "              note: Same again, one more set.",
)
GOOD_PAGE = textwrap.dedent(
    """\
    ---
    nav_order: 50
    nav_title: Q&A "fair" use
    description: Straps & "quotes" <b>bold</b> here
    ---

    # Questions

    Text.
    """
)


@dataclass(frozen=True)
class Result:
    code: int
    stdout: str
    stderr: str
    seconds: float
    memory_mb: float

    def assert_one_line_failure(self, code: int = 1) -> None:
        """Failed with ``code``, said why in words, and showed no traceback."""
        assert self.code == code, (self.code, self.stderr)
        assert "Traceback" not in self.stderr, self.stderr
        assert self.stderr.strip(), "a failure must say what went wrong"
        assert self.memory_mb < MEMORY_LIMIT_MB, f"{self.memory_mb:.0f} MB"


# The child reports its own peak (VmHWM of the memory it has after exec) when it exits. The
# kernel's ru_maxrss from wait4 is no use here: a child forked from a test runner that has
# grown to 400 MB inherits that figure before it execs, whatever the command itself uses.
_MEASURED = textwrap.dedent(
    """
    import atexit, os, runpy, sys

    def _report():
        # Raw os calls: fault-injecting wrappers (tests/hostile/inject.py) patch open().
        try:
            fd = os.open("/proc/self/status", os.O_RDONLY)
            status = os.read(fd, 65536).decode("ascii", "replace")
            os.close(fd)
            kb = next(int(l.split()[1]) for l in status.splitlines() if l.startswith("VmHWM:"))
            fd = os.open(os.environ["RUNSTRONG_TEST_PEAK"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.write(fd, str(kb).encode("ascii"))
            os.close(fd)
        except (OSError, StopIteration, ValueError):
            pass  # the runner falls back to what it saw while the child ran

    atexit.register(_report)
    module = sys.argv.pop(1)
    runpy.run_module(module, run_name="__main__", alter_sys=True)
    """
)


def _peak_mb(report: Path, status_kb: int, usage_kb: int) -> float:
    """The child's own report if it made one, else the highest VmHWM seen while it ran."""
    try:
        return int(report.read_text(encoding="ascii")) / 1024
    except (OSError, ValueError):
        return (status_kb or usage_kb) / 1024


def _vm_hwm_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            return next((int(line.split()[1]) for line in status if line.startswith("VmHWM:")), 0)
    except (OSError, ValueError):
        return 0


def runstrong(*args: str | Path, cwd: Path, env: dict[str, str] | None = None, module: str = "generator.cli") -> Result:
    """Run the command line (or an injecting wrapper) as a child, with its own peak memory."""
    started = time.monotonic()
    out, err, peak = cwd / ".stdout", cwd / ".stderr", cwd / ".peak"
    peak.unlink(missing_ok=True)
    seen_kb = 0
    with out.open("wb") as stdout, err.open("wb") as stderr:
        child = subprocess.Popen(
            [sys.executable, "-c", _MEASURED, module, *map(str, args)],
            cwd=cwd,
            stdout=stdout,
            stderr=stderr,
            stdin=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": str(ROOT), "RUNSTRONG_TEST_PEAK": str(peak), **(env or {})},
            preexec_fn=lambda: os.umask(0o022),  # the usual umask, whatever the test runner's
        )
        while True:
            seen_kb = max(seen_kb, _vm_hwm_kb(child.pid))
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - started > HANG_LIMIT_S:
                child.kill()
                child.wait()
                pytest.fail(f"runstrong {' '.join(map(str, args))} hung for {HANG_LIMIT_S} s")
            time.sleep(0.02)
    child.returncode = os.waitstatus_to_exitcode(status)
    result = Result(
        os.waitstatus_to_exitcode(status),
        out.read_text(encoding="utf-8", errors="replace"),
        err.read_text(encoding="utf-8", errors="replace"),
        time.monotonic() - started,
        _peak_mb(peak, seen_kb, usage.ru_maxrss),
    )
    out.unlink()
    err.unlink()
    peak.unlink(missing_ok=True)
    return result


def snapshot(site: Path) -> dict[str, tuple[str, int]]:
    """Every file and folder of a site with its content hash and permission bits."""
    tree = {}
    for path in sorted(site.rglob("*")):
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
        tree[path.relative_to(site).as_posix()] = (digest, path.stat().st_mode & 0o777)
    return tree


@dataclass(frozen=True)
class Good:
    content: Path  # the good content; copy it (``hostile_content``) before breaking it
    site: Path  # built from it; every failing command must leave it as it is
    tree: dict[str, tuple[str, int]]
    cache: Path

    def assert_site_untouched(self) -> None:
        assert snapshot(self.site) == self.tree, "the previous site/ changed"
        leftovers = [p.name for p in self.site.parent.iterdir() if p.name.startswith(".site.")]
        assert leftovers == [], f"staging folders left behind: {leftovers}"


def write_good_content(root: Path) -> Path:
    root.mkdir(parents=True)
    write_content(root, GOOD_EXERCISE, GOOD_PROGRAM)
    (root / "pages" / "questions.md").write_text(GOOD_PAGE, encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def good(tmp_path_factory: pytest.TempPathFactory) -> Good:
    """The good content, built with a render cache of its own that holds exactly what that build
    cached (tests damage copies of it). Drawn once per run: the first worker to get here builds
    into the run's folder (``good_cache``), every worker copies that cache and builds its own
    site from it, drawing nothing."""
    base = tmp_path_factory.mktemp("good")
    content = write_good_content(base / "content")
    cache = base / "cache"
    shutil.copytree(good_cache(tmp_path_factory), cache, symlinks=True)
    site = base / "out" / "site"
    site.parent.mkdir()
    result = runstrong("build", "--content", content, "--site-dir", site, "--cache-dir", cache, cwd=base)
    assert result.code == 0, result.stderr
    return Good(content, site, snapshot(site), cache)


def good_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The render cache of one build of the good content, made once per run (every pytest-xdist
    worker sees the run's folder); read it, copy it, never change it."""

    def build(folder: Path) -> None:
        content = write_good_content(folder / "content")
        site, cache = folder / "site", folder / "cache"
        result = runstrong("build", "--content", content, "--site-dir", site, "--cache-dir", cache, cwd=folder)
        assert result.code == 0, result.stderr

    return made_once(tmp_path_factory, "hostile-good", build) / "cache"


@pytest.fixture
def hostile_content(good: Good, tmp_path: Path) -> Path:
    """A copy of the good content that a test may break."""
    target = tmp_path / "content"
    shutil.copytree(good.content, target, symlinks=True)
    return target


@pytest.fixture(scope="session")
def warm(good: Good) -> None:
    """Load the good content once in-process (imports, font tables), so the time bound of each
    in-process test measures the hostile input, not the first import of pydantic."""
    from generator.load import load_guide

    load_guide(good.content)


@contextmanager
def bounded(seconds: float = HANDLE_LIMIT_S) -> Iterator[None]:
    """In-process: the block must finish within ``seconds`` (a hang is cut off at 5 s). Memory
    is bounded where it can be measured honestly, in the child processes that read every
    hostile input at once (``Result.memory_mb``, the kernel's peak RSS)."""
    # The bound is on this process's CPU time, not the wall clock: the suite shares two cores
    # with browsers and builds, and a test must measure the work the hostile input causes, not
    # how long it waited for a core. A hang (no CPU, no progress) is still cut off by the
    # wall-clock deadline.
    started = time.process_time()
    with deadline(max(5.0, seconds * 5)):
        yield
    elapsed = time.process_time() - started
    assert elapsed < seconds, f"{elapsed:.2f} s of CPU"


def run_main(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    """The command line in-process (its exit status, stdout, stderr), cut off after 20 s."""
    from generator.cli import main

    with deadline(20):
        try:
            code = main([str(a) for a in argv])
        except SystemExit as exc:
            code = int(exc.code or 0)
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


class Hang(Exception):
    pass


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Fail instead of hanging when an in-process read blocks (a FIFO that is read)."""

    def expire(signum: int, frame: object) -> None:
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
