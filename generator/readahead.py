"""A cold load's exercise files read on every core, before the loader reads them in order.

A first build of a 900-exercise guide spends ~3.5 s loading on one core (parsing, checking and
validating each file, ~2 ms; checking each figure's pose maths, ~25 ms) while its drawing
workers, started early (``drawing.Drawing.start``), only import the renderers on the other. So
the files the render cache does not hold yet are handed to those workers a few dozen at a time,
and this process reads the chunks no worker has taken yet itself, from the last. A worker reads
a file exactly as the loader does (``load.read_entry``) and hands back its checked entry, which
this process remembers (``load.remember``): the load that follows finds every file read, says
nothing new, and keeps the entries in the render cache as one bundle (``load.checked_files``).
A file with anything to say (an error, a note) comes back as nothing: the load reads it itself
and says it as always. Each new figure's checks come back too (``load.FigureChecks``).

Nothing here changes what a load returns or raises; a worker that fails only leaves its files
to the load.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .bundle import Bundle
    from .drawing import Drawing
    from .load import FigureChecks

CHUNK = 32  # files a worker reads at once: ~70 ms of work for one round trip
EXERCISES = "exercises"


@dataclass(frozen=True)
class Read:
    """One file read ahead (its entries in the render cache): the checked entry, and its
    figure's checks if new."""

    checked: bytes
    figure: tuple[str, list[tuple[tuple[str | int, ...], str]]] | None


def read_chunk(sources: Sequence[bytes], known: frozenset[str]) -> list[Read | None]:
    """In a worker (module level: imported by name): each exercise file's bytes read as the
    loader reads them; ``known``: the figures whose checks the render cache holds."""
    from .figures.geometry import check_figure
    from .load import read_entry
    from .model import Exercise

    out: list[Read | None] = []
    for source in sources:
        entry = read_entry(source, Exercise)
        if entry is None:
            out.append(None)
            continue
        figure = None
        exercise = entry[1]
        if exercise.figure is not None and (key := exercise.figure.model_dump_json()) not in known:
            figure = (key, list(check_figure(exercise.figure)))
        out.append(Read(entry[0], figure))
    return out


def read_ahead(content: Path, checked: Bundle | None, drawing: Drawing, checks: FigureChecks) -> int:
    """Read ``content``'s exercise files the render cache's ``checked`` files
    (``load.checked_files``, handed on to the load) do not hold on ``drawing``'s workers and
    here, for the load that follows; their figures' checks into ``checks``. How many files
    were read ahead (0 without a cache or started workers)."""
    from .load import checked_key
    from .model import Exercise
    from .yamlsource import YamlProblem, read_source

    if checked is None or not drawing.started:  # no workers: the load reads alone
        return 0
    sources = []
    with contextlib.suppress(OSError):
        for file in sorted((content / EXERCISES).iterdir()):
            # A link is the load's alone: one leaving the content folder is never read.
            if file.suffix != ".yaml" or file.name.startswith(".") or file.is_symlink():
                continue
            with contextlib.suppress(YamlProblem):  # the load says why it cannot be read
                source = read_source(file)
                if not checked.holds(checked_key(source, Exercise)):
                    sources.append(source)
    chunks = [sources[i : i + CHUNK] for i in range(0, len(sources), CHUNK)]
    known = frozenset(checks)
    futures: dict[Future[list[Read | None]], int] = {}
    for number, chunk in enumerate(chunks):
        future = drawing.beside(read_chunk, chunk, known)
        if future is None:
            break
        futures[future] = number
    mine = [n for n in range(len(chunks)) if n not in futures.values()]
    done = 0
    for number, reads in _results(futures, mine, chunks, known):
        for source, read in zip(chunks[number], reads, strict=True):
            if read is not None:
                _keep(source, read, checks)
                done += 1
    return done


def _results(
    futures: dict[Future[list[Read | None]], int],
    mine: list[int],
    chunks: list[list[bytes]],
    known: frozenset[str],
) -> Iterator[tuple[int, list[Read | None]]]:
    """(chunk, its reads) as each is ready: the workers' as they come, and meanwhile, from the
    last, the chunks no worker has started (cancelled there, read here)."""
    pending = dict(futures)
    while pending or mine:
        ready = [f for f in pending if f.done()]
        for future in ready:
            number = pending.pop(future)
            try:
                yield number, future.result()
            except Exception:  # a worker's failure: the load reads these files itself
                continue
        if ready:
            continue
        if not mine:
            for future in reversed(list(pending)):  # taken back unless a worker has it
                if future.cancel():
                    mine.append(pending.pop(future))
                    break
        if mine:
            number = mine.pop()
            yield number, read_chunk(chunks[number], known)
        elif pending:
            wait(pending, return_when=FIRST_COMPLETED)


def _keep(source: bytes, read: Read, checks: FigureChecks) -> None:
    from .load import remember
    from .model import Exercise

    remember(source, Exercise, read.checked)
    if read.figure is not None:
        checks[read.figure[0]] = read.figure[1]
