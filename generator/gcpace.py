"""The cycle collector's pace in a build's processes: the command line's and its workers'."""

from __future__ import annotations

# At its default pace (700 allocations) the cycle collector ran ~500 times in a one-edit build
# of 900 exercises (1.2-1.8 s under load), freeing almost nothing: reference counts free what a
# build makes. Its older generations keep their pace, so a long serve still collects cycles.
# A cold build's workers at the default pace: 700 collections in each picture worker and 440 in
# the page worker of the 884-exercise import, 0.8 s of their CPU in all (measured with a
# gc.callbacks timer in each process).
GC_THRESHOLD = (100_000, 50, 10)
