"""Where a command may write: never over an input, never over what it did not make.

Every command that writes (``build``, ``generate``, ``cards``, ``import``, ``new``, ``schema``)
asks here first, before any work. An output folder is replaced whole (``writer.atomic_folder``),
so an output that is, contains or lies inside an input would delete the input: the content,
the config's folder, the theme, the repository (``--out .`` once removed ``.git``). And a
folder is replaced only when it is empty or carries the mark this tool leaves in what it
makes (``site/.runstrong-build.json``, ``DIR/.runstrong-project``) and holds nothing a person
made (a guide started inside it with ``runstrong new site/x``): nothing is deleted that the
tool did not create. Each refusal is one line (``UsageError``: exit status 2).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path

from .failures import UsageError

SITE_MARK = ".runstrong-build.json"  # build.STAMP: written into every site the build swaps in
PROJECT_MARK = ".runstrong-project"  # written into every folder ``generate`` swaps in
MARKS = {"a site runstrong built": SITE_MARK, "a project runstrong generated": PROJECT_MARK}
# What a person's folder has and no output of ours ever holds (a guide, a repository).
_FOREIGN = ("mkdocs.yml", "mkdocs.yaml", ".git", ".hg", ".svn")
_FOREIGN_SCAN_LIMIT = 200_000  # entries: a site of 900 exercises has ~6,000


def _shown(path: Path) -> str:
    from .errors import display_path

    return display_path(path)


def _named(option: str, out: Path) -> str:
    return f"{option} {_shown(out)}" if option else _shown(out)


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def repository_roots(paths: Iterable[Path]) -> list[Path]:
    """The repositories (a folder holding ``.git``, ``.hg`` or ``.svn``) these paths lie in."""
    roots: set[Path] = set()
    for path in paths:
        for folder in (_real(path), *_real(path).parents):
            if any((folder / name).exists() for name in (".git", ".hg", ".svn")):
                roots.add(folder)
                break
    return sorted(roots)


def protected(inputs: Sequence[tuple[str, Path]]) -> list[tuple[str, Path]]:
    """The inputs, plus what no output may ever be or contain: the working folder, the home
    folder, the file system's root and every repository an input lies in."""
    extra: list[tuple[str, Path]] = [("the working folder", Path.cwd()), ("your home folder", Path.home())]
    extra += [("the repository", root) for root in repository_roots([Path.cwd(), *(p for _, p in inputs)])]
    return [*inputs, *extra]


def check_not_over_inputs(
    out: Path,
    option: str,
    inputs: Sequence[tuple[str, Path]],
    *,
    not_inside: Sequence[tuple[str, Path]] = (),
    guard: bool = True,
) -> None:
    """Refuse an output that is or contains any input, or lies inside one of ``not_inside``.

    Paths are compared as the file system resolves them (symbolic links, '..'), so
    ``--out content/..`` or a link to the content are the content too.
    """
    real = _real(out)
    if real == real.parent:
        raise UsageError(f"{_named(option, out)}: is the root of the file system; name a new folder")
    for what, path in protected(inputs) if guard else inputs:
        target = _real(path)
        if real == target:
            raise UsageError(f"{_named(option, out)}: is {what} ({_shown(path)}); name another folder")
        if _within(target, real):
            raise UsageError(
                f"{_named(option, out)}: contains {what} ({_shown(path)}), which it would replace; "
                "name a folder outside it"
            )
    for what, path in not_inside:
        if _within(real, _real(path)):
            raise UsageError(
                f"{_named(option, out)}: lies inside {what} ({_shown(path)}); name a folder outside it"
            )
    for folder in real.parents:
        if any(part in (".git", ".hg", ".svn") for part in folder.parts[-1:]):
            where = _shown(folder)
            raise UsageError(f"{_named(option, out)}: lies inside a repository's own files ({where})")


def inside_an_output(out: Path) -> tuple[str, Path] | None:
    """The site or generated project ``out`` would lie in (a later build would delete it), if any."""
    for folder in _real(out).parents:
        for what, mark in MARKS.items():
            if (folder / mark).is_file():
                return what, folder
    return None


def check_not_inside_an_output(out: Path, option: str) -> None:
    if found := inside_an_output(out):
        what, folder = found
        raise UsageError(
            f"{_named(option, out)}: lies inside {what} ({_shown(folder)}), which the next build or "
            "generate replaces whole; write outside it"
        )


def check_replaceable(out: Path, option: str, mark: str, made_by: str) -> None:
    """Refuse to replace an existing folder the tool did not make, or one a person has put
    something of theirs into (a guide, a repository).

    ``mark``: the file this tool leaves in every such folder it makes. A folder that is
    missing or empty is always fine; a site built before the mark existed is rebuilt only
    after its owner removes it (the message says so).
    """
    try:
        entries = sorted(os.listdir(out))
    except FileNotFoundError:
        return
    except NotADirectoryError:
        raise UsageError(f"{_named(option, out)}: exists and is not a folder") from None
    except OSError as exc:
        from .failures import describe

        raise UsageError(f"{_named(option, out)}: {describe(exc)}") from None
    if not entries:
        return
    if mark not in entries:
        raise UsageError(
            f"{_named(option, out)}: exists, is not empty and was not made by {made_by} "
            f"(no {mark} in it); nothing was deleted: name a new or empty folder, or empty it yourself"
        )
    if foreign := _foreign(out, root_config_allowed=mark == PROJECT_MARK):
        raise UsageError(
            f"{_named(option, out)}: holds {_shown(foreign)}, which {made_by} did not make and would "
            "delete; move it out first"
        )


def _foreign(root: Path, *, root_config_allowed: bool) -> Path | None:
    """The first file or folder under ``root`` that belongs to a person's guide or repository."""
    seen = 0
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        here = Path(folder)
        for name in sorted([*dirs, *files]):
            seen += 1
            if name in _FOREIGN and not (root_config_allowed and here == root and name.startswith("mkdocs.")):
                return here / name
        # A content folder (what ``runstrong new`` and ``import`` make) inside an output.
        if "vocabulary" in dirs and here != root and (here / "exercises").is_dir():
            return here
        if seen > _FOREIGN_SCAN_LIMIT:
            return None
    return None


def check_output_file(out: Path, option: str, inputs: Sequence[tuple[str, Path]], *, magic: bytes) -> None:
    """A single output file (a PDF): never an input, never inside the content, a theme, a
    repository's own files or an output folder, and never a file of another kind that exists
    (``-o plan.yaml`` once replaced the plan with its PDF)."""
    real = _real(out)
    for what, path in inputs:
        target = _real(path)
        if path.is_file() or not path.exists():
            if real == target:
                raise UsageError(f"{_named(option, out)}: is {what}; name another file")
        elif _within(real, target):
            raise UsageError(f"{_named(option, out)}: lies inside {what} ({_shown(path)}); name another file")
    check_not_inside_an_output(out, option)
    if any(part in (".git", ".hg", ".svn") for part in real.parts):
        raise UsageError(f"{_named(option, out)}: lies inside a repository's own files")
    try:
        fd = os.open(out, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO must not block the check
    except OSError:
        return  # missing, or a folder: failures.check_output_file names what is wrong
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size == 0:
            return
        head = os.read(fd, len(magic))
    finally:
        os.close(fd)
    if head != magic:
        raise UsageError(
            f"{_named(option, out)}: exists and is not a {magic.decode('ascii').strip('%-')} file; "
            "refusing to replace it: name a new file"
        )


def guide_inputs(content: Path, config: Path | None) -> list[tuple[str, Path]]:
    """What a build or generate reads: the content, the config's folder and the themes."""
    from .install import theme_dir

    inputs = [("the content folder", content)]
    folders = [("the theme", theme_dir())]
    if config is not None and config.is_file():
        from .lastbuild import theme_dirs

        inputs.append(("the folder of the config", config.absolute().parent))
        folders += [("the theme", folder) for folder in theme_dirs(config, config.read_bytes())]
    return inputs + folders


def check_output_folder(
    out: Path, option: str, content: Path, config: Path | None, *, mark: str, made_by: str
) -> None:
    """All the rules for a folder ``build`` or ``generate`` replaces whole (see the module's doc)."""
    inputs = guide_inputs(content, config)
    content_and_themes = [(what, path) for what, path in inputs if what != "the folder of the config"]
    check_not_over_inputs(out, option, inputs, not_inside=content_and_themes)
    check_not_inside_an_output(out, option)
    check_replaceable(out, option, mark, made_by)


def check_new_folder(out: Path, option: str, inputs: Sequence[tuple[str, Path]]) -> None:
    """A new folder (``import``, ``new``): not an input, not inside the content, a repository's
    own files or an output folder a later build replaces whole."""
    # Empty or missing, so it holds nothing; what matters is where it lies.
    check_not_over_inputs(out, option, inputs, not_inside=[i for i in inputs if i[1].is_dir()], guard=False)
    check_not_inside_an_output(out, option)
