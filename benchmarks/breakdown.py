"""Where a cold build's time and a site's bytes go: the per-step lines of ``runstrong build -v``
and the site's files by kind.

``runstrong build -v`` says each long step as it ends ("pictures: 879 done in 41.2 s", see
generator/progress.py); the steps before and between them (loading the content, starting the
engine) are what is left of the whole build's time.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

_DONE = re.compile(r"^(?P<step>[^:\n]+): (?:(?P<count>\d+) )?done in (?P<seconds>[\d.]+) s$", re.M)
# The pictures drawn beside the pages (generator/schedule.py): only the time the build waited
# for them after its last page is a step of its own; the rest overlapped the steps above.
_WAITED = re.compile(r"^(?P<step>[^:\n]+): (?P<count>\d+) ready, .*; (?P<seconds>[\d.]+) s waited for$", re.M)

# The kinds a site's bytes are told by: the folder or suffix that names each.
KINDS: tuple[tuple[str, str], ...] = (
    ("PDF cards", ".pdf"),
    ("animations", ".webp"),
    ("link-preview cards", "/previews/"),
    ("muscle maps", "/muscles/"),
    ("figure strips", "/figures/"),
    ("search index", "search/"),
    ("open data (api/)", "api/"),
    ("short links (x/)", "x/"),
    ("exercise pages", "exercises/"),
    ("theme assets", "assets/"),
)


def steps(printed: str) -> list[tuple[str, str, float]]:
    """(step, count, seconds) of every step the build said it finished, in order."""
    found = sorted([*_DONE.finditer(printed), *_WAITED.finditer(printed)], key=lambda m: m.start())
    return [
        (m["step"] if m.re is _DONE else f"waited for the {m['step']}", m["count"] or "", float(m["seconds"]))
        for m in found
    ]


def kind_of(relative: str) -> str:
    for name, mark in KINDS:
        if mark.startswith(".") and relative.endswith(mark):
            return name
        if not mark.startswith(".") and (relative.startswith(mark) or mark in f"/{relative}"):
            return name
    return "other pages and files"


def sizes_by_kind(site: Path) -> Counter[str]:
    """Bytes of the site's files by kind (``KINDS``, first match wins)."""
    out: Counter[str] = Counter()
    for path in site.rglob("*"):
        if path.is_file():
            out[kind_of(path.relative_to(site).as_posix())] += path.stat().st_size
    return out


def breakdown(printed: str, total: float, site: Path) -> list[str]:
    """Lines telling the cold build's steps and the site's bytes by kind."""
    lines = ["cold build by step (runstrong build -v):"]
    done = steps(printed)
    for step, count, seconds in done:
        counted = f" ({count})" if count else ""
        lines.append(f"  {step + counted:<44} {seconds:>8.2f} s")
    rest = total - sum(seconds for *_, seconds in done)
    lines.append(f"  {'the rest (load, checks, engine start, swap)':<44} {rest:>8.2f} s")
    lines.append("site by kind:")
    for kind, size in sizes_by_kind(site).most_common():
        lines.append(f"  {kind:<44} {size / 1e6:>8.2f} MB")
    return lines
