"""Illustration cost: cold (empty cache) and warm (no change) renders of every picture.

    .venv/bin/python -m benchmarks.figure_times [--runs 3]
    .venv/bin/python -m benchmarks.figure_times --kinds [--content DIR] [--sample 15] [--only animation,strip]
    .venv/bin/python -m benchmarks.figure_times --step [--content DIR]

Also prints the bytes each exercise page weighs (its HTML in a built site plus its pictures).

``--kinds``: the CPU milliseconds of one picture (and one PDF) of each kind, drawn one after
another in this process with no cache: the median of a sample spread over the kind's jobs,
the first job's time apart (it pays for what a process draws once: layers, fonts, the
card's base). Run it on an imported library (``benchmarks.free_exercise_db``) to see what a
cold build pays per exercise; CPU time, so a busy machine changes it little.

``--step``: the build's "pictures and PDFs" step as ``runstrong build`` runs it (one pool, one
worker per core) with an empty cache: its wall time and its CPU time (this process and the
workers), the number to compare on a machine other jobs share.
"""

from __future__ import annotations

import argparse
import functools
import os
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
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
    parser.add_argument("--kinds", action="store_true", help="CPU ms per picture and PDF, by kind")
    parser.add_argument("--content", type=Path, default=ROOT / "content", help="the guide (--kinds)")
    parser.add_argument("--sample", type=int, default=15, help="jobs timed per kind (--kinds)")
    parser.add_argument("--only", help="comma-separated kinds to time (--kinds), e.g. animation,strip")
    parser.add_argument("--step", action="store_true", help="the build's pictures-and-PDFs step, cold")
    args = parser.parse_args()
    if args.kinds:
        kind_times(args.content, args.sample, args.only.split(",") if args.only else None)
        return
    if args.step:
        step_time(args.content)
        return
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


def kind_times(content: Path, sample: int, only: list[str] | None = None) -> None:
    """Print, per kind of picture and PDF (or only the kinds ``only`` names): how many, the first
    job's and the median job's CPU ms."""
    from generator.cards.draw import draw_job
    from generator.cards.render import card_batch
    from generator.figures.jobs import all_jobs, run

    guide = load_guide(content)
    by_kind: dict[str, list[Callable[[], object]]] = {}
    for job in all_jobs(guide):
        by_kind.setdefault(job.kind, []).append(functools.partial(run, job))
    for pdf in card_batch(guide, "https://runstrong.example/").jobs:
        kind = "pdf-week" if "-week-" in pdf.path else "pdf-program"
        by_kind.setdefault(kind, []).append(functools.partial(draw_job, pdf))
    if only is not None:
        unknown = sorted(set(only) - set(by_kind))
        if unknown:
            raise SystemExit(f"--only: no jobs of kind {', '.join(unknown)} (kinds: {', '.join(by_kind)})")
        by_kind = {kind: calls for kind, calls in by_kind.items() if kind in only}
    total = 0.0
    print(f"{'kind':<18} {'n':>5} {'first ms':>9} {'median ms':>10} {'≈ total s':>10}")
    for kind, calls in by_kind.items():
        step = max(1, len(calls) // sample)
        times = []
        for call in calls[::step][:sample]:
            started = time.process_time()
            call()
            times.append((time.process_time() - started) * 1000)
        median = statistics.median(times[1:] or times)
        total += median * len(calls) / 1000
        print(f"{kind:<18} {len(calls):5d} {times[0]:9.1f} {median:10.1f} {median * len(calls) / 1000:10.1f}")
    print(f"{'all':<18} {'':5} {'':9} {'':10} {total:10.1f}")


def step_time(content: Path) -> None:
    """Print the wall and CPU seconds of a cold build's pictures-and-PDFs step."""
    from generator.cards.render import card_batch
    from generator.figures import picture_batch
    from generator.workers import run_batches

    guide = load_guide(content)
    workers = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as cache:
        started, used, own = time.perf_counter(), _cpu(), _cpu(children=False)
        pictures = picture_batch(guide, cache_dir=Path(cache))
        pdfs = card_batch(guide, "https://runstrong.example/", cache_dir=Path(cache))
        ran = run_batches([pictures, pdfs], workers=workers)
        wall, cpu, main = time.perf_counter() - started, _cpu() - used, _cpu(children=False) - own
    files = sum(len(r.done) for r in ran)
    print(f"pictures and PDFs, cold: {files} files, {workers} workers:", end="")
    print(f" {wall:.1f} s wall, {cpu:.1f} s CPU", end="")
    print(f" ({main:.1f} s of it in this process: the jobs' keys, the cache, the pool)")


def _cpu(*, children: bool = True) -> float:
    """CPU seconds used so far by this process and (``children``) its finished worker processes."""
    me, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + (workers.ru_utime + workers.ru_stime if children else 0.0)


if __name__ == "__main__":
    main()
