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
  time from saving an edit to serving the edited page;
- where the cold build's time goes, step by step, and the site's bytes by kind
  (``benchmarks/breakdown.py``).

The floor, the serve measure, Zensical's builds and the timed runs live in their own modules
(``floor``, ``serve_measure``, ``zensical_measure``, ``processes``).

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
import statistics
import subprocess
import tempfile
from pathlib import Path

import yaml

from benchmarks.breakdown import breakdown
from benchmarks.build_times import size_of
from benchmarks.floor import write_floor
from benchmarks.free_exercise_db import DATASET, import_into
from benchmarks.processes import PYTHON, ROOT, RUNSTRONG, run, timed
from benchmarks.serve_measure import serve_reload_times
from benchmarks.zensical_measure import zensical_builds, zensical_rows, zensical_sizes

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
        # -v: each long step says when it ends (the breakdown printed below).
        env = {"RUNSTRONG_CACHE": str(work / f"cache-cold-{i}")}
        # No site either: a build finds the last one's stamp and takes what it can from it (a
        # second "cold" run over the first's site was a no-change build of 0.5 s).
        shutil.rmtree(site, ignore_errors=True)
        result = run([*build, "-v"], env, sample=True, keep=True)
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
    # The median cold run's steps (the last site is the one-edit build's: the same files).
    middle = sorted(peaks, key=lambda p: p.seconds)[len(peaks) // 2]
    print("\n".join(["", *breakdown(middle.stdout, middle.seconds, site)]))


if __name__ == "__main__":
    main()
