"""A dirty or spread build's search index: the entries of the pages this process did not render
joined to the ones Material made here, and the ranking's memo seeded from the last build.

Material's search plugin indexes only the pages its own process renders. The pages the build
kept (``dirty.py``) come back as the last build left them, finished; the pages the spread
workers rendered come as Material made them in each worker (``spread.py``). ``search_index``
merges them into one index, ranked as a full build would rank it.
"""

from __future__ import annotations

from collections.abc import Collection

from ..lastbuild import BuildState
from ..search_index import Partial, remember_ranked
from .handover import Memory
from .share import Rendered


def joined(
    pages: list[str],
    rendered: Collection[str],
    previous: BuildState | None,
    *,
    full: bool,
    made: list[Rendered],
) -> Partial | None:
    """The index's other entries (None: Material's index is the whole index).

    ``pages`` are every page's URL in build order, ``rendered`` those this process rendered,
    ``made`` the workers' results; a full build keeps nothing from ``previous``.
    """
    kept = previous.search if previous is not None and not full else {}  # finished, plain
    workers = {url: entries for result in made for url, entries in result.search.items()}
    others = kept | workers
    return Partial(pages, set(rendered), others, kept.keys() - workers.keys()) if others else None


def seed_ranking(previous: BuildState, memory: Memory | None) -> None:
    """Hand the last index's ranked entries to the ranking's memo: only the pages this build
    changed are ranked again. Under serve, the last build ranked its kept pages' entries as they
    are now, in this process (``memory.ranked``): only the entries of the pages it rendered are new.
    """
    fresh = memory.rendered if memory is not None and memory.ranked == previous.ranked else None
    ranked = [
        entry
        for url, entries in previous.search.items()
        if fresh is None or url in fresh
        for entry in entries
    ]
    remember_ranked(ranked, previous.ranked)
