"""``runstrong new DIR``: a coach's own guide, ready to check, serve, build and print.

The starter (``generator/defaults/starter``: mkdocs.yml, a README with the next commands, a
home page, a first program) is copied, and so are, from the guide itself, the vocabulary, the
JSON Schemas and the example exercises that the program uses. Copied from the guide rather
than kept twice in the package, they are the guide's current files and pass today's checks.

Nothing that exists is overwritten: a DIR with anything in it is refused. A new DIR is
written by ``writer.write_tree`` (the one module that writes) into a staging folder beside it
and swapped in, so it is absent before and complete after, never half written; an empty DIR
is filled in place.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import display_path
from .failures import UsageError
from .files import GeneratedFile
from .install import PROJECT_ROOT, guide_content, starter_dir
from .writer import write_files, write_tree

# Body-weight exercises with a figure and no link to another exercise (an `easier: exercise:`
# link would need that exercise too), so the starter builds on its own.
EXAMPLE_EXERCISES = ("tibialis-raise", "dead-bug")
FIRST_PROGRAM = "content/programs/first-block.yaml"
# The starter's site_url line; --site-url replaces the placeholder address in it.
PLACEHOLDER_URL = "https://runstrong.example/"
# The starter's credit names RunStrong's repository: `new` writes the one address the package
# metadata holds (pyproject.toml [project.urls] Source, ``release``) in its place.
SOURCE_PLACEHOLDER = b"RUNSTRONG_SOURCE"
# What the publishing workflow (starter/.github/workflows/publish.yml) installs, and the file
# its pip cache is keyed on.
REQUIREMENTS = "requirements.txt"


@dataclass(frozen=True)
class NewGuide:
    folder: Path
    files: list[str]  # relative to the folder, sorted

    def summary(self) -> str:
        here = self.folder.resolve() == Path.cwd().resolve()
        shown = "./" if here else f"{display_path(self.folder)}/"
        serve = "runstrong serve" if here else f"cd {display_path(self.folder)} && runstrong serve"
        return (
            f"created {shown}: {len(self.files)} files ({len(EXAMPLE_EXERCISES)} example exercises, "
            f"a program, a home page, mkdocs.yml, README.md, a GitHub Pages workflow)\n"
            f"next: {serve}   (README.md there lists build, cards and publishing)"
        )


def new_guide(target: Path, site_url: str | None = None) -> NewGuide:
    """Write a new guide into ``target`` (absent or an empty folder); UsageError otherwise."""
    _refuse_existing(target)
    files = starter_files(site_url)
    if target.is_dir():
        # An empty folder the coach made, perhaps the one their shell is in (`runstrong new .`):
        # filled in place, so it stays that folder (a swap would leave the shell in a removed
        # one). Nothing is in it to overwrite.
        write_files(files, target)
    else:
        write_tree(files, None, target)
    return NewGuide(target, sorted(f.path for f in files))


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


def starter_files(site_url: str | None = None) -> list[GeneratedFile]:
    """The new guide's files: the starter, and the guide's vocabulary, schemas and examples.

    Their bytes, never links to them: a hardlinked copy edited in place would change the
    installed package (or, in the repository, the guide's own content).
    """
    starter, guide = starter_dir(), guide_content()
    files = {
        path.relative_to(starter).as_posix(): path.read_bytes()
        for path in sorted(starter.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }
    copies = sorted((guide / "vocabulary").glob("*.yaml"))
    copies += sorted((guide / "schema").glob("*.json"))
    copies += [guide / "exercises" / f"{slug}.yaml" for slug in EXAMPLE_EXERCISES]
    for source in copies:
        files[f"content/{source.relative_to(guide).as_posix()}"] = source.read_bytes()
    files[REQUIREMENTS] = requirements_txt().encode("utf-8")
    if SOURCE_PLACEHOLDER not in files["mkdocs.yml"]:
        raise RuntimeError(f"the starter mkdocs.yml has no {SOURCE_PLACEHOLDER.decode()} in its credit")
    files["mkdocs.yml"] = files["mkdocs.yml"].replace(SOURCE_PLACEHOLDER, release()[1].encode())
    if site_url is not None:
        placeholder = json.dumps(PLACEHOLDER_URL).encode()
        if placeholder not in files["mkdocs.yml"]:
            raise RuntimeError(f"the starter mkdocs.yml has no site_url placeholder {placeholder!r}")
        # A JSON string is a YAML double-quoted string: any URL stays one value.
        files["mkdocs.yml"] = files["mkdocs.yml"].replace(placeholder, json.dumps(site_url).encode(), 1)
    return [GeneratedFile(path, content) for path, content in sorted(files.items())]


def requirements_txt() -> str:
    """The new guide's requirements.txt: this RunStrong, pinned to its release tag.

    Its workflow installs exactly the version that wrote the guide (RunStrong is installed from
    its repository: the tag ``v<version>`` of the ``Source`` URL in the package metadata, which
    CHANGELOG.md lists), so a later release never changes a published guide unasked.
    """
    version, source = release()
    return (
        "# The RunStrong this guide is built with, pinned to a release: the publishing workflow\n"
        "# (.github/workflows/publish.yml) installs it, and its pip cache is kept until this file\n"
        f"# changes. To upgrade, change the tag (releases: {source}/blob/main/CHANGELOG.md), run\n"
        "# `runstrong build --strict` here, and commit.\n"
        f"runstrong @ git+{source}@v{version}\n"
    )


def release() -> tuple[str, str]:
    """(version, repository URL) of the running RunStrong: the installed metadata, else (run
    from a checkout that was never installed) the repository's pyproject.toml."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        meta = metadata("runstrong")
        version = meta["Version"]
        urls = dict(line.split(", ", 1) for line in meta.get_all("Project-URL") or [] if ", " in line)
    except PackageNotFoundError:
        project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
        version, urls = project["version"], project.get("urls", {})
    source = urls.get("Source")
    if not source:
        raise RuntimeError("runstrong's package metadata names no Source URL (pyproject.toml [project.urls])")
    return version, source.rstrip("/")
