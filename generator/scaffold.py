"""``runstrong new DIR``: a coach's own guide, ready to check, serve, build and print.

The starter (``generator/defaults/starter``: mkdocs.yml, a README with the next commands, a
home page, a first program) is copied, and so are, from the guide itself, the vocabulary, the
JSON Schemas and the example exercises that the program uses. Copied from the guide rather
than kept twice in the package, they are the guide's current files and pass today's checks.

Nothing that exists is overwritten: the guide is written into a staging folder beside DIR and
renamed into place, so DIR is either absent (or empty) before and complete after, never half
written, and a folder with anything in it is refused.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .failures import UsageError
from .install import guide_content, starter_dir
from .load import display_path

# Body-weight exercises with a figure and no link to another exercise (an `easier: exercise:`
# link would need that exercise too), so the starter builds on its own.
EXAMPLE_EXERCISES = ("tibialis-raise", "dead-bug")
FIRST_PROGRAM = "content/programs/first-block.yaml"
# The starter's site_url line; --site-url replaces the placeholder address in it.
PLACEHOLDER_URL = "https://runstrong.example/"


@dataclass(frozen=True)
class NewGuide:
    folder: Path
    files: list[str]  # relative to the folder, sorted

    def summary(self) -> str:
        shown = display_path(self.folder)
        return (
            f"created {shown}/: {len(self.files)} files ({len(EXAMPLE_EXERCISES)} example exercises, "
            f"a program, a home page, mkdocs.yml, README.md)\n"
            f"next: cd {shown} && runstrong serve   (README.md there lists build, cards and publishing)"
        )


def new_guide(target: Path, site_url: str | None = None) -> NewGuide:
    """Write a new guide into ``target`` (absent or an empty folder); UsageError otherwise."""
    _refuse_existing(target)
    parent = target.absolute().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=parent))
    except OSError as exc:
        # Name the folder the coach gave, not the staging folder beside it.
        raise OSError(exc.errno, exc.strerror, str(target)) from None
    try:
        _fill(staging, site_url)
        # mkdtemp makes the folder 700; the coach's folder gets what any new folder gets.
        staging.chmod(0o777 & ~_umask())
        _move_into_place(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    files = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    return NewGuide(target, files)


def _refuse_existing(target: Path) -> None:
    for folder in target.absolute().parents:  # `new notes.txt/guide`: say which part is a file
        if folder.exists():
            if not folder.is_dir():
                raise UsageError(f"{display_path(folder)}: is not a folder; name a folder for the guide")
            break
    if not (target.exists() or target.is_symlink()):
        return
    shown = display_path(target)
    if not target.is_dir() or target.is_symlink():
        raise UsageError(f"{shown}: exists and is not a folder; name a new folder for the guide")
    if any(target.iterdir()):
        raise UsageError(f"{shown}: folder is not empty; runstrong new never overwrites, name a new folder")


def _fill(root: Path, site_url: str | None) -> None:
    # copyfile, not copy2: the coach's files are new (fresh times, the umask's permissions), and
    # installed package files may be read-only.
    shutil.copytree(
        starter_dir(), root, dirs_exist_ok=True, copy_function=shutil.copyfile, ignore=_not_content
    )
    guide = guide_content()
    copies = sorted((guide / "vocabulary").glob("*.yaml"))
    copies += sorted((guide / "schema").glob("*.json"))
    copies += [guide / "exercises" / f"{slug}.yaml" for slug in EXAMPLE_EXERCISES]
    for source in copies:
        destination = root / "content" / source.relative_to(guide)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, destination)
    if site_url is not None:
        config = root / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        placeholder = json.dumps(PLACEHOLDER_URL)
        if placeholder not in text:
            raise RuntimeError(f"the starter mkdocs.yml has no site_url placeholder {placeholder}")
        # A JSON string is a YAML double-quoted string: any URL stays one value.
        config.write_text(text.replace(placeholder, json.dumps(site_url), 1), encoding="utf-8")


def _not_content(folder: str, names: list[str]) -> set[str]:
    return {n for n in names if n == "__pycache__" or n.endswith((".pyc", ".py"))}


def _move_into_place(staging: Path, target: Path) -> None:
    try:
        if target.is_dir():
            # Empty (checked above); rmdir refuses a folder that something has written into
            # since, so a file put there meanwhile is never replaced.
            target.rmdir()
        staging.rename(target)  # fails if the folder was made again, with files, in between
    except OSError as exc:
        raise UsageError(f"{display_path(target)}: {exc.strerror}; runstrong new never overwrites") from None


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
