"""Build times: `runstrong build` (cold and no-change) against a plain `mkdocs build` of the
same generated docs tree, on the guide's content and on a 900-exercise library.

    .venv/bin/python -m benchmarks.build_times [--runs 3] [--skip-library]

Every number is the median of --runs runs in this one script, and the ratios compare runs
made minutes apart on the same (noisy, shared) machine — read the ratios, not the seconds.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.free_exercise_db import write_content
from generator.build import site_url_of
from generator.load import load_guide
from generator.pipeline import Settings, generate

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
os.environ["NO_MKDOCS_2_WARNING"] = "1"  # Material's end-of-life banner, printed on every build


def timed(cmd: list[str], env: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, env={**os.environ, **(env or {})})
    return time.perf_counter() - started


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def plain_config(tree: Path) -> Path:
    """The project ``runstrong generate`` writes: its mkdocs.yml is the guide's minus the runstrong
    plugin, with the nav written out, reading DIR/docs (generator/zensical.py)."""
    return tree / "mkdocs.yml"


def measure(label: str, content: Path, runs: int, work: Path) -> None:
    site = work / f"site-{label}"
    tree = work / f"tree-{label}"
    runstrong = [PYTHON, "-m", "generator.cli"]
    build = [*runstrong, "build", "--content", str(content), "--site-dir", str(site)]

    cold = []
    for i in range(runs):
        cache = work / f"cache-{label}-{i}"  # an empty cache each time: nothing can be reused
        cold.append(timed(build, {"RUNSTRONG_CACHE": str(cache)}))
    warm_cache = {"RUNSTRONG_CACHE": str(work / f"cache-{label}-0")}
    timed(build, warm_cache)
    no_change = [timed(build, warm_cache) for _ in range(runs)]

    subprocess.run(
        [*runstrong, "generate", "--content", str(content), "--out", str(tree)],
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        env={**os.environ, **warm_cache},
    )
    config = plain_config(tree)
    plain_site = work / f"plain-{label}"
    plain = [
        timed([PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(plain_site)])
        for _ in range(runs)
    ]
    guide = load_guide(content)
    files = len(generate(guide, Settings(site_url_of(ROOT / "mkdocs.yml"))))
    base = statistics.median(plain)
    megabytes = size_of(site) / 1e6
    print(f"\n{label}: {len(guide.exercises)} exercises, {files} generated files, site {megabytes:.1f} MB")
    print(f"  plain mkdocs build of the generated tree   {base:6.2f} s   1.00×")
    for name, values in (("runstrong build, cold cache", cold), ("runstrong build, no change", no_change)):
        median = statistics.median(values)
        print(f"  {name:<42} {median:6.2f} s   {median / base:.2f}×")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-library", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="runstrong-bench-"))
    try:
        print(f"medians of {args.runs} runs; machine: {os.cpu_count()} cores")
        measure("guide", ROOT / "content", args.runs, work)
        if not args.skip_library:
            library = work / "library-content"
            write_content(library)
            measure("library", library, args.runs, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
