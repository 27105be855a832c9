"""Scale benchmark (issues #11, #19): the free-exercise-db import plus the guide, against the floor.

    .venv/bin/python -m benchmarks.scale [--runs 3] [--cold-runs 1] [--records N]

In one run, on one content folder (every record of shared/datasets/free-exercise-db that
imports, plus the guide's own exercises, programs and pages):

- the floor: a plain Material build (search on) of bare pages of the same exercises: each
  page its name, summary, set-up and steps as plain Markdown, reached from one index page;
- a plain ``mkdocs build`` of the project ``runstrong generate`` writes (docs/, and a mkdocs.yml
  without the runstrong plugin, its nav written out), and ``zensical build --strict`` of that
  same project: whole builds (``--clean``), then one on the cache Zensical keeps;
- ``runstrong build``: cold (an empty cache each run), no change, and one exercise's summary
  edited;
- the site's size, the search index's size, the build's peak memory, and ``runstrong serve``'s
  time from saving an edit to serving the edited page.

Times are medians of --runs runs (--cold-runs for cold builds, which take minutes) and are
printed as ratios to the floor's median: the machine is shared and noisy, the ratios compare
runs made minutes apart on it. The targets are issue #19's (one edit ≤ 1.2×, serve ≤ 2 s; the
rest as issue #11 set them), all printed in one run with Zensical beside them.
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from benchmarks.build_times import size_of
from benchmarks.free_exercise_db import DATASET, import_into

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
RUNSTRONG = [PYTHON, "-m", "generator.cli"]
os.environ["NO_MKDOCS_2_WARNING"] = "1"  # Material's end-of-life banner, printed on every build

TARGETS = {  # issue #19 (after #11): what each measure should be at most
    "cold": 6.0,
    "no change": 1.2,
    "one edit": 1.2,
    "serve edit → reload (s)": 2.0,
    "site (MB)": 40.0,
    "search index (MB)": 2.0,
    "peak memory (MiB)": 500.0,
    "peak memory, all processes at once (MiB)": 500.0,  # the same target, the stricter measure
}


@dataclass(frozen=True)
class Run:
    seconds: float
    largest_mib: float  # the largest single process: the build or one of its workers (wait4)
    together_mib: float  # the process and all its descendants at once (PSS), sampled every 0.1 s


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


def run(cmd: Sequence[str | Path], env: dict[str, str] | None = None, *, sample: bool = False) -> Run:
    """Time one command, with its peak memory measured two ways.

    wait4's ru_maxrss is the largest of the process and the workers it waited for, each on its
    own; picture and PDF workers run side by side, so a sampler also adds up the whole process
    tree's proportional memory every 0.1 s (what a coach's laptop must hold at once) when
    ``sample`` is set: it costs ~3 ms of CPU a sample, so timed-only runs go without.
    """
    started = time.perf_counter()
    with tempfile.TemporaryFile() as stderr:
        child = subprocess.Popen(
            [str(c) for c in cmd],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
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
    return Run(seconds, usage.ru_maxrss / 1024, together / 1024)


def timed(cmd: Sequence[str | Path], env: dict[str, str] | None = None) -> float:
    return run(cmd, env).seconds


def write_floor(content: Path, docs: Path) -> Path:
    """Bare pages of the same exercises and a mkdocs.yml that builds them with Material."""
    (docs / "exercises").mkdir(parents=True)
    (docs / "index.md").write_text("# Library\n\n[All exercises](exercises/index.md)\n", encoding="utf-8")
    index = ["# Exercises", ""]
    for file in sorted((content / "exercises").glob("*.yaml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        lines = [f"# {data['name']}", "", data["summary"], "", "## Set-up", ""]
        lines += [f"- {s}" for s in data["setup"]] + ["", "## Steps", ""]
        lines += [f"{i}. {s}" for i, s in enumerate(data["steps"], 1)]
        (docs / "exercises" / f"{file.stem}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
        index.append(f"- [{data['name']}]({file.stem}.md)")
    (docs / "exercises" / "index.md").write_text("\n".join(index) + "\n", encoding="utf-8")
    config = docs.parent / "floor-mkdocs.yml"
    config.write_text(
        yaml.safe_dump(
            {
                "site_name": "Floor",
                "site_url": "https://runstrong.example/",
                "docs_dir": str(docs),
                "theme": {"name": "material", "font": False},
                "plugins": ["search"],
                "nav": [{"Home": "index.md"}, {"Exercises": "exercises/index.md"}],
            }
        ),
        encoding="utf-8",
    )
    return config


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def page_has(url: str, text: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return text in response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def serve_reload_times(content: Path, slug: str, runs: int, env: dict[str, str]) -> list[float]:
    """Seconds from saving an edited exercise to the preview serving the edited page."""
    port = free_port()
    server = subprocess.Popen(
        [*RUNSTRONG, "serve", "--content", str(content), "--dev-addr", f"127.0.0.1:{port}"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, **env},
    )
    url = f"http://127.0.0.1:{port}/exercises/{slug}/"
    file = content / "exercises" / f"{slug}.yaml"
    original = file.read_text(encoding="utf-8")
    summary = yaml.safe_load(original)["summary"]
    times = []
    try:
        deadline = time.monotonic() + 900
        while not page_has(url, "<h1") and time.monotonic() < deadline:
            time.sleep(0.5)
        for i in range(runs):
            marker = f"Serve edit {i} {time.time_ns()}."
            started = time.perf_counter()
            file.write_text(original.replace(summary, marker, 1), encoding="utf-8")
            while not page_has(url, marker):
                if time.perf_counter() - started > 600:
                    raise SystemExit("serve never showed the edit")
                time.sleep(0.05)
            times.append(time.perf_counter() - started)
            time.sleep(1)  # let the live-reload server settle before the next edit
    finally:
        file.write_text(original, encoding="utf-8")
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    return times


def zensical_command() -> str | None:
    """The zensical executable of this Python's environment (the test extras install it)."""
    return shutil.which("zensical", path=str(Path(PYTHON).parent)) or shutil.which("zensical")


def zensical_builds(project: Path, runs: int) -> tuple[list[float], float] | str:
    """Seconds of ``zensical build --clean`` runs in the generated project, then one build on the
    cache the last one left (no change); or why there are none.

    ``--clean`` empties Zensical's build cache first, so each run is a whole build like a plain
    ``mkdocs build``; the cached rebuild is what Zensical does when nothing changed.
    """
    zensical = zensical_command()
    if zensical is None:
        return "not installed"
    times = []
    for flags in [["--clean"]] * runs + [[]]:
        started = time.perf_counter()
        result = subprocess.run(
            [zensical, "build", "--strict", *flags], cwd=project, capture_output=True, text=True
        )
        if result.returncode:
            return f"failed: {(result.stderr.strip().splitlines() or ['?'])[-1][:60]}"
        times.append(time.perf_counter() - started)
    return times[:-1], times[-1]


def zensical_rows(
    zensical: tuple[list[float], float] | str, floor: float
) -> list[tuple[str, str, float | None]]:
    if isinstance(zensical, str):
        return [("zensical build of the generated tree", zensical, None)]
    clean, cached = statistics.median(zensical[0]), zensical[1]
    return [
        ("zensical build of the generated tree", f"{clean:.2f} s", clean / floor),
        ("zensical build, its cache warm, no change", f"{cached:.2f} s", cached / floor),
    ]


def zensical_sizes(project: Path) -> str:
    """Zensical's site and its own search index (search.json), for comparison (no target)."""
    site = project / "site"
    if not (site / "index.html").is_file():
        return ""
    index = site / "search.json"
    index_mb = f", search.json {index.stat().st_size / 1e6:.2f} MB" if index.is_file() else ""
    return f"zensical's site {size_of(site) / 1e6:.1f} MB{index_mb}"


def edit_summary(content: Path, slug: str, n: int) -> None:
    file = content / "exercises" / f"{slug}.yaml"
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    text = file.read_text(encoding="utf-8").replace(data["summary"], f"{data['summary']} Edit {n}.", 1)
    file.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3, help="runs of each fast measure (median)")
    parser.add_argument("--cold-runs", type=int, default=1, help="runs of the cold build (minutes each)")
    parser.add_argument("--records", type=int, default=None, help="import only the first N records")
    parser.add_argument("--skip-serve", action="store_true")
    args = parser.parse_args()
    if not DATASET.is_file():
        raise SystemExit(f"{DATASET} is not beside the repository")
    work = Path(tempfile.mkdtemp(prefix="runstrong-scale-"))
    try:
        bench(work, args)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def bench(work: Path, args: argparse.Namespace) -> None:
    content = work / "content"
    report = import_into(content, limit=args.records)
    exercises = len(list((content / "exercises").glob("*.yaml")))
    print(f"{report.summary()}")
    print(
        f"content: {exercises} exercises ({len(report.imported)} imported + the guide's), "
        f"{os.cpu_count()} cores"
    )
    print(
        f"medians of {args.runs} runs ({args.cold_runs} for cold builds; the floor: {args.runs} "
        "before the other measures and as many after)\n"
    )
    slug = sorted(report.imported)[len(report.imported) // 2]  # an imported exercise to edit

    floor_config = write_floor(content, work / "floor-docs")
    floor_build = [PYTHON, "-m", "mkdocs", "build", "-q", "-f", floor_config, "-d", work / "floor-site"]
    floor_times = [timed(floor_build) for _ in range(args.runs)]
    floor_size = size_of(work / "floor-site") / 1e6

    site = work / "site"
    build = [*RUNSTRONG, "build", "--content", content, "--site-dir", site]
    cold, peaks = [], []
    for i in range(args.cold_runs):
        result = run(build, {"RUNSTRONG_CACHE": str(work / f"cache-cold-{i}")}, sample=True)
        cold.append(result.seconds)
        peaks.append(result)
    warm = {"RUNSTRONG_CACHE": str(work / "cache-cold-0")}
    no_change = [timed(build, warm) for _ in range(args.runs)]
    one_edit = []
    for i in range(args.runs):
        edit_summary(content, slug, i)
        one_edit.append(timed(build, warm))

    # `runstrong generate` writes a project: docs/, mkdocs.yml (no runstrong plugin, the nav
    # written out) and theme/; both engines publish it as it is (generator/zensical.py).
    project = work / "project"
    subprocess.run(
        [*RUNSTRONG, "generate", "--content", str(content), "--out", str(project)],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        env={**os.environ, **warm},
    )
    config = project / "mkdocs.yml"
    plain = statistics.median(
        timed([PYTHON, "-m", "mkdocs", "build", "-q", "-f", config, "-d", work / "plain-site"])
        for _ in range(args.runs)
    )
    zensical = zensical_builds(project, args.runs)

    serve = [] if args.skip_serve else serve_reload_times(content, slug, args.runs, warm)

    # The floor again at the end: a shared machine's load drifts over a run of many minutes, and
    # the median of runs before and after is nearer the floor the measures in between met.
    floor_times += [timed(floor_build) for _ in range(args.runs)]
    floor = statistics.median(floor_times)

    site_mb = size_of(site) / 1e6
    index = site / "search" / "search_index.json"
    index_mb = index.stat().st_size / 1e6 if index.is_file() else float("nan")
    rows: list[tuple[str, str, float | None]] = [
        ("floor: plain Material build of bare pages", f"{floor:.2f} s, {floor_size:.1f} MB", None),
        ("plain mkdocs build of the generated tree", f"{plain:.2f} s", plain / floor),
        *zensical_rows(zensical, floor),
        ("runstrong build, cold", f"{statistics.median(cold):.2f} s", statistics.median(cold) / floor),
        (
            "runstrong build, no change",
            f"{statistics.median(no_change):.2f} s",
            statistics.median(no_change) / floor,
        ),
        (
            "runstrong build, one edit",
            f"{statistics.median(one_edit):.2f} s",
            statistics.median(one_edit) / floor,
        ),
    ]
    print(f"{'measure':<46} {'value':>18} {'× floor':>8}  target")
    for name, value, ratio in rows:
        key = name.removeprefix("runstrong build, ")
        target = f"≤ {TARGETS[key]}×" if key in TARGETS else ""
        met = (
            "" if ratio is None or key not in TARGETS else ("  met" if ratio <= TARGETS[key] else "  NOT met")
        )
        shown = f"{ratio:.2f}" if ratio is not None else ""
        print(f"{name:<46} {value:>18} {shown:>8}  {target}{met}")
    extras = [
        ("serve edit → reload (s)", statistics.median(serve) if serve else float("nan")),
        ("site (MB)", site_mb),
        ("search index (MB)", index_mb),
        ("peak memory (MiB)", max(p.largest_mib for p in peaks)),
        ("peak memory, all processes at once (MiB)", max(p.together_mib for p in peaks)),
    ]
    for name, value in extras:
        if math.isnan(value):  # --skip-serve, or no search index
            print(f"{name:<46} {'not measured':>18} {'':>8}  ≤ {TARGETS[name]}")
            continue
        verdict = "  met" if value <= TARGETS[name] else "  NOT met"
        print(f"{name:<46} {value:>18.2f} {'':>8}  ≤ {TARGETS[name]}{verdict}")
    if sizes := zensical_sizes(project):
        print(f"({sizes})")


if __name__ == "__main__":
    main()
