"""Illustration cost: cold (empty cache) and warm (no change) renders of every picture.

    .venv/bin/python -m benchmarks.figure_times [--runs 3]

Also prints the bytes each exercise page weighs (its HTML in a built site plus its pictures).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import tempfile
import time
from pathlib import Path

from generator import display, urls
from generator.figures import render_figures
from generator.load import load_guide

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="a built site, for page weights")
    parser.add_argument(
        "--exercises",
        help="comma-separated slugs: time only their pictures (no programs), to compare like with like",
    )
    args = parser.parse_args()
    guide = load_guide(ROOT / "content")
    if args.exercises:
        keep = args.exercises.split(",")
        guide = guide.model_copy(update={"exercises": {s: guide.exercises[s] for s in keep}, "programs": {}})
    workers = os.cpu_count() or 1
    cold, warm, cpu = [], [], []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as cache:
            started, used = time.perf_counter(), _cpu()
            files, _ = render_figures(guide, cache_dir=Path(cache), workers=workers)
            cold.append(time.perf_counter() - started)
            cpu.append(_cpu() - used)
            started = time.perf_counter()
            _, again = render_figures(guide, cache_dir=Path(cache), workers=workers)
            warm.append(time.perf_counter() - started)
            assert again.rendered == 0
    cold_s, warm_s = statistics.median(cold), statistics.median(warm)
    print(f"{len(files)} pictures, {workers} workers, medians of {args.runs}")
    print(f"  cold (empty cache): {cold_s:.2f} s = {cold_s / len(files):.3f} s a picture", end="")
    print(f"   warm (no change): {warm_s:.3f} s", end="")
    # CPU seconds (this process and its workers) do not grow when other jobs share the machine.
    cpu_s = statistics.median(cpu)
    print(f"   cold CPU: {cpu_s:.2f} s = {cpu_s / len(files):.3f} s a picture", end="")
    print(f"   warm/cold {warm_s / cold_s:.3f}")
    sizes = {f.path: f.size for f in files}
    for slug in guide.exercises:
        html = args.site / urls.exercise_url(slug) / "index.html"
        pictures = [
            urls.figure_strip_path(slug),
            urls.figure_animation_path(slug),
            display.muscle_map_path(
                guide.exercises[slug].muscles.primary, guide.exercises[slug].muscles.secondary
            ),
        ]
        weight = html.stat().st_size if html.is_file() else 0
        total = weight + sum(sizes.get(p, 0) for p in pictures)
        print(f"  {slug:<22} HTML {weight / 1024:5.0f} KB + pictures = {total / 1024:5.0f} KB")


def _cpu() -> float:
    """CPU seconds used so far by this process and its finished worker processes."""
    me, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + workers.ru_utime + workers.ru_stime


if __name__ == "__main__":
    main()
