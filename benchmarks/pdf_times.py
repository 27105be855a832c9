"""PDF cost: every card pack and week sheet of the guide, cold (empty cache) and cached.

.venv/bin/python -m benchmarks.pdf_times [--runs 3] [--workers N]

Prints wall time and CPU time (this process and its worker processes): on a shared machine
the CPU time is the steadier number, and it shows what a process pool costs besides its gain.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from pathlib import Path

import pypdfium2

from generator.cards import render_cards
from generator.load import load_guide

ROOT = Path(__file__).resolve().parent.parent
SITE_URL = "https://runstrong.example/"


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the pool's workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=None, help="processes (default: one per core)")
    args = parser.parse_args()
    guide = load_guide(ROOT / "content")
    cold, cold_cpu, cached = [], [], []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as cache:
            started, cpu = time.perf_counter(), _cpu()
            files = render_cards(guide, SITE_URL, cache_dir=Path(cache), workers=args.workers)
            cold.append(time.perf_counter() - started)
            cold_cpu.append(_cpu() - cpu)
            started = time.perf_counter()
            render_cards(guide, SITE_URL, cache_dir=Path(cache), workers=args.workers)
            cached.append(time.perf_counter() - started)
    cold_s, cached_s = statistics.median(cold), statistics.median(cached)
    print(f"{len(files)} PDFs, medians of {args.runs}: cold {cold_s:.2f} s wall", end="")
    print(f" {statistics.median(cold_cpu):.2f} s CPU, cached {cached_s:.3f} s", end="")
    print(f" (cached/cold {cached_s / cold_s:.3f})")
    for f in files:
        pages = len(pypdfium2.PdfDocument(f.content))
        kb = len(f.content) / 1024
        print(f"  {f.path:<62} {pages:2d} pages {kb:5.0f} KB ({kb / pages:.0f} KB a page)")


if __name__ == "__main__":
    main()
