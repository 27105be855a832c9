"""Scale benchmark (issue #11): the free-exercise-db import plus the guide, against the floor.

    .venv/bin/python -m benchmarks.scale [--runs 3] [--cold-runs 1] [--records N]

In one run, on one content folder (every record of shared/datasets/free-exercise-db that
imports, plus the guide's own exercises, programs and pages):

- the floor: a plain Material build (search on) of bare pages of the same exercises: each
  page its name, summary, set-up and steps as plain Markdown, reached from one index page;
- a plain ``mkdocs build`` of the tree ``runstrong generate`` writes (the same config minus
  the runstrong plugin), and Zensical on that tree when it is installed;
- ``runstrong build``: cold (an empty cache each run), no change, and one exercise's summary
  edited;
- the site's size, the search index's size, the build's peak memory, and ``runstrong serve``'s
  time from saving an edit to serving the edited page.

Times are medians of --runs runs (--cold-runs for cold builds, which take minutes) and are
printed as ratios to the floor's median: the machine is shared and noisy, the ratios compare
runs made minutes apart on it. The targets are issue #11's.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from pathlib import Path

import yaml

from benchmarks.build_times import plain_config, size_of
from benchmarks.free_exercise_db import DATASET, import_into

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
RUNSTRONG = [PYTHON, "-m", "generator.cli"]
os.environ["NO_MKDOCS_2_WARNING"] = "1"  # Material's end-of-life banner, printed on every build

TARGETS = {  # issue #11: what each measure should be at most
    "cold": 6.0,
    "no change": 1.2,
    "one edit": 2.0,
    "serve edit → reload (s)": 2.0,
    "site (MB)": 40.0,
    "search index (MB)": 2.0,
    "peak memory (MiB)": 500.0,
}


def run(cmd: Sequence[str | Path], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Seconds, and peak memory in MiB: the largest of the process and the workers it waited for."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as stderr:
        child = subprocess.Popen(
            [str(c) for c in cmd],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env={**os.environ, **(env or {})},
        )
        _, status, usage = os.wait4(child.pid, 0)  # wait4, not wait: it tells the peak memory
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        if child.returncode:
            stderr.seek(0)
            raise SystemExit(f"{' '.join(map(str, cmd))} failed:\n{stderr.read().decode(errors='replace')}")
    return seconds, usage.ru_maxrss / 1024


def timed(cmd: Sequence[str | Path], env: dict[str, str] | None = None) -> float:
    return run(cmd, env)[0]


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


def zensical_build(tree: Path, config_text: str, work: Path, runs: int) -> float | str:
    """Median seconds of ``zensical build`` on the generated tree, or why there is none.

    Zensical reads mkdocs.yml from the folder it runs in and has no --site-dir, so it runs in
    a folder of its own holding the same config (ARCHITECTURE.md: Zensical).
    """
    zensical = shutil.which("zensical") or shutil.which("zensical", path=str(Path(PYTHON).parent))
    if zensical is None:
        return "not installed"
    folder = work / "zensical"
    folder.mkdir(exist_ok=True)
    theme = f"custom_dir: {ROOT / 'theme'}"  # the config names it relative to the repository
    (folder / "mkdocs.yml").write_text(config_text.replace("custom_dir: theme", theme), encoding="utf-8")
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = subprocess.run([zensical, "build"], cwd=folder, capture_output=True, text=True)
        if result.returncode:
            return f"failed: {(result.stderr.strip().splitlines() or ['?'])[-1][:40]}"
        times.append(time.perf_counter() - started)
    return statistics.median(times)


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
    print(f"medians of {args.runs} runs ({args.cold_runs} for cold builds)\n")
    slug = sorted(report.imported)[len(report.imported) // 2]  # an imported exercise to edit

    floor_config = write_floor(content, work / "floor-docs")
    floor = statistics.median(
        timed([PYTHON, "-m", "mkdocs", "build", "-q", "-f", floor_config, "-d", work / "floor-site"])
        for _ in range(args.runs)
    )
    floor_size = size_of(work / "floor-site") / 1e6

    site = work / "site"
    build = [*RUNSTRONG, "build", "--content", content, "--site-dir", site]
    cold, peaks = [], []
    for i in range(args.cold_runs):
        seconds, peak = run(build, {"RUNSTRONG_CACHE": str(work / f"cache-cold-{i}")})
        cold.append(seconds)
        peaks.append(peak)
    warm = {"RUNSTRONG_CACHE": str(work / "cache-cold-0")}
    no_change = [timed(build, warm) for _ in range(args.runs)]
    one_edit = []
    for i in range(args.runs):
        edit_summary(content, slug, i)
        one_edit.append(timed(build, warm))

    tree = work / "tree"
    subprocess.run(
        [*RUNSTRONG, "generate", "--content", str(content), "--out", str(tree)],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        env={**os.environ, **warm},
    )
    config = plain_config(work, tree, content)
    config_text = config.read_text(encoding="utf-8")
    try:
        plain = statistics.median(
            timed([PYTHON, "-m", "mkdocs", "build", "-q", "-f", config, "-d", work / "plain-site"])
            for _ in range(args.runs)
        )
    finally:
        config.unlink()
    zensical = zensical_build(tree, config_text, work, args.runs)

    serve = [] if args.skip_serve else serve_reload_times(content, slug, args.runs, warm)

    site_mb = size_of(site) / 1e6
    index = site / "search" / "search_index.json"
    index_mb = index.stat().st_size / 1e6 if index.is_file() else float("nan")
    rows: list[tuple[str, str, float | None]] = [
        ("floor: plain Material build of bare pages", f"{floor:.2f} s, {floor_size:.1f} MB", None),
        ("plain mkdocs build of the generated tree", f"{plain:.2f} s", plain / floor),
        (
            "zensical build of the generated tree",
            f"{zensical:.2f} s" if isinstance(zensical, float) else zensical,
            zensical / floor if isinstance(zensical, float) else None,
        ),
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
        ("peak memory (MiB)", max(peaks)),
    ]
    for name, value in extras:
        verdict = "  met" if value <= TARGETS[name] else "  NOT met"
        print(f"{name:<46} {value:>18.2f} {'':>8}  ≤ {TARGETS[name]}{verdict}")


if __name__ == "__main__":
    main()
