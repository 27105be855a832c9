"""PDF cost: every card pack and week sheet of the guide, cold (empty cache) and cached.

.venv/bin/python -m benchmarks.pdf_times [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import pypdfium2

from generator.cards import render_cards
from generator.load import load_guide

ROOT = Path(__file__).resolve().parent.parent
SITE_URL = "https://runstrong.example/"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    guide = load_guide(ROOT / "content")
    cold, cached = [], []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as cache:
            started = time.perf_counter()
            files = render_cards(guide, SITE_URL, cache_dir=Path(cache))
            cold.append(time.perf_counter() - started)
            started = time.perf_counter()
            render_cards(guide, SITE_URL, cache_dir=Path(cache))
            cached.append(time.perf_counter() - started)
    cold_s, cached_s = statistics.median(cold), statistics.median(cached)
    print(f"{len(files)} PDFs, medians of {args.runs}: cold {cold_s:.2f} s, cached {cached_s:.3f} s", end="")
    print(f" (cached/cold {cached_s / cold_s:.3f})")
    for f in files:
        pages = len(pypdfium2.PdfDocument(f.content))
        kb = len(f.content) / 1024
        print(f"  {f.path:<62} {pages:2d} pages {kb:5.0f} KB ({kb / pages:.0f} KB a page)")


if __name__ == "__main__":
    main()
