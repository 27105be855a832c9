"""A build's staging folder started as the last site, its links made in the background (``Seed``).

A build after one edit publishes the last site with a few pages changed, so the new site starts
as the last one, its files hardlinked (``writer.seed_folder`` says which files are linked and
which copied; ``generator/lastbuild.py`` why linking is safe). For a 900-exercise site that is
~1,850 folders made and ~2,950 files linked: 0.5-0.7 s of system calls, each folder a journal
write. GNU ``cp -al`` makes them in another process, on the core this one leaves free while it
renders the pages, into a folder beside the staging folder (named as a staging folder, so a
killed run's is cleaned: ``writer.clean_stale``). When the plugin knows which pages it renders
(``into``), the files an engine rewrites in place are copied over their links, as
``writer.seed_folder`` copies them, and that folder replaces the still empty staging folder in
one rename. Where cp cannot (no GNU cp, another system, a failure) ``writer.seed_folder`` does
the work then, as before; a seed not used (a build that renders every page, a failed build) is
removed as the old site is (``removal.remove_soon``).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from .removal import remove_soon
from .writer import REWRITTEN, copy_over, seed_folder, trash_prefix


class Seed:
    """The last site (``last``, whose files are ``names``) linked into a folder beside ``staging``
    by cp (not ``start``: by ``writer.seed_folder``, when ``into`` is called)."""

    def __init__(
        self, last: Path, names: Iterable[str], staging: Path, destination: Path, *, start: bool = True
    ) -> None:
        self.last = last
        self._names = sorted(names)
        self._staging = staging
        self._trash = trash_prefix(destination)
        self._folder: Path | None = None
        self._process: subprocess.Popen[bytes] | None = None
        cp = shutil.which("cp")
        if not start or not sys.platform.startswith("linux") or cp is None or shutil.which("find") is None:
            return  # GNU's cp and find (BSD's cp -l differs): seed_folder instead
        try:
            self._folder = Path(tempfile.mkdtemp(prefix=f"{staging.name}-seed-", dir=staging.parent))
            # "last/." : its contents into the folder; -a keeps links as links (removed in into).
            command = [cp, "-al", "--", f"{last}{os.sep}.", str(self._folder)]
            self._process = subprocess.Popen(
                command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
        except OSError:
            self.drop()

    def into(self, staging: Path, owned: Iterable[str]) -> int:
        """Make ``staging`` (empty) the last site: its files linked, the ``REWRITTEN`` ones not
        ``owned`` (the caller unlinks those before writing them) copied. Returns the number of
        files. The old site is never written: only links and copies are made, then one rename."""
        folder, process = self._folder, self._process
        self._folder = self._process = None
        try:
            if folder is None or process is None or process.wait() != 0 or staging != self._staging:
                raise OSError("no seed")
            # seed_folder leaves out links (a built site has none; a hand-made one is not carried).
            subprocess.run(
                ["find", str(folder), "-type", "l", "-delete"],
                check=True,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            mine = set(owned)
            for name in self._names:
                source = self.last / name
                if name.endswith(REWRITTEN) and name not in mine and not source.is_symlink():
                    copy_over(source, folder / name)
            os.rename(folder, staging)  # onto the empty staging folder (ENOTEMPTY otherwise)
        except (OSError, subprocess.SubprocessError):
            self._folder, self._process = folder, process
            self.drop()
            return seed_folder(self.last, staging, owned=owned)
        return len(self._names)

    def drop(self) -> None:
        """End cp if it still runs and remove what it made (by a detached process)."""
        folder, process = self._folder, self._process
        self._folder = self._process = None
        if process is not None and process.poll() is None:
            process.kill()
        if process is not None:
            process.wait()
        if folder is not None and folder.exists():
            remove_soon(folder, self._trash)  # a failed build's is gone when it returns


@contextlib.contextmanager
def seeding(
    last: Path | None, names: Iterable[str], staging: Path, destination: Path
) -> Iterator[Seed | None]:
    """A ``Seed`` of ``staging`` from the ``last`` site while the block runs (None without one);
    what the block did not use is removed when it ends."""
    if last is None:
        yield None
        return
    seed = Seed(last, names, staging, destination)
    try:
        yield seed
    finally:
        seed.drop()
