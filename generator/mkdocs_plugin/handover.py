"""What the command line (or a spread build's parent) gives the plugin before MkDocs runs.

Data only, so the plugin, the parent of a spread build and its workers share it without
importing one another.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..files import GeneratedFile
from ..lastbuild import BuildState
from ..memo import Memo
from ..pipeline import Loaded, Site
from ..seeding import Seed
from .theme import ThemeWalk

PLUGIN = "runstrong"  # its name in mkdocs.yml's plugins and in the entry point


@dataclass
class Memory:
    """What ``runstrong serve`` keeps in memory from one build to the next, so an edit costs
    what it touched: the results made of unchanged records (``generator/memo.py``) and the
    theme's file list (``theme.ThemeWalk``). Never written anywhere; the output is the same
    without it."""

    memo: Memo = field(default_factory=Memo)
    theme: ThemeWalk = field(default_factory=ThemeWalk)
    # The last build's search ranking (``search_index.ranked_key``) and the pages it rendered:
    # the other pages' entries were ranked in this process as they are, and need no seeding.
    ranked: str = ""
    rendered: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Handover:
    """What the command line gives the plugin before MkDocs runs; a plain ``mkdocs build`` gives
    nothing (the plugin then makes the Site from its options)."""

    site: Site | None = None  # runstrong build: the Site made for this build's site_url
    loaded: Loaded | None = None  # runstrong serve's first build: the content already loaded
    previous: BuildState | None = None  # the last build's state: render only what changed
    memory: Memory | None = None  # runstrong serve: what its builds keep in memory (Memory)
    seed: Seed | None = None  # runstrong build: the last good site, to start the new one from
    progress: bool = False  # progress bars (a build on a terminal)
    # Processes that may render the pages (spread.py: this one and workers); 1 for serve and
    # a plain mkdocs build, whose rebuilds are small.
    processes: int = 1
    spread_from: int = 1  # pages to render from which they are spread (spread.PARALLEL_FROM)
    # False in a spread build's worker: it renders its share, and the parent finishes the site.
    finish: bool = True
    # The files of the Site's pending pictures (``schedule.Later.join``): waited for after the
    # last page, before the site is finished.
    late: Callable[[], Sequence[GeneratedFile]] | None = None
    # Called with the cores the pages take from now on; the build's drawings have the others:
    # none while the pages are spread over every core, one while this process waits for the
    # workers' last pages, all but this process's own while it finishes the site.
    spreading: Callable[[int], None] | None = None
