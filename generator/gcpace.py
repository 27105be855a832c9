"""The cycle collector's pace in a build's process: the command line's (and the test suite's)."""

from __future__ import annotations

# At its default pace (700 allocations) the cycle collector ran ~500 times in a one-edit build
# of 900 exercises (1.2-1.8 s under load), freeing almost nothing: reference counts free what a
# build makes. Its older generations keep their pace, so a long serve still collects cycles.
# Not in the workers: at this pace a cold build of the 884-exercise import saved 0.8 s of their
# CPU but its peak of all processes at once rose from 506 to 516 MiB (medians of three
# alternating pairs), against the 500 MiB a coach's laptop is promised (benchmarks/scale.py):
# garbage in cycles waits longer to be freed (which objects, not traced). Again once the
# workers gave their freed memory back (workers.give_back_memory): 492 against 462 MiB (medians
# of six pairs), the cold build 0.2 s faster, within its noise.
GC_THRESHOLD = (100_000, 50, 10)
