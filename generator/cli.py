"""The ``runstrong`` command line: arguments parsed, one command run, every failure in one line.

The commands themselves are in ``commands.py`` (``runstrong serve``'s in ``preview.py``): each
takes the parsed arguments and returns the exit status.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import os
import sys
import typing
from collections.abc import Sequence
from pathlib import Path

from . import authoring, commands, preview, printing
from .cards.paper import LAYOUTS
from .errors import ContentErrors
from .failures import Failure, UsageError, describe, parse_dev_addr, site_url
from .gcpace import GC_THRESHOLD

# The loader (pydantic's models), the renderers and MkDocs are imported by the commands that
# use them: a build where nothing changed is decided, and said, in a fraction of a second.


def main(argv: Sequence[str] | None = None) -> int:
    """Exit status 0 on success, 1 on any failure, 2 on a usage error; never a traceback.

    Every failure is told in one line (``failures.describe``); RUNSTRONG_DEBUG=1 shows the
    traceback of an unexpected one.
    """
    parser = _parser()
    args = parser.parse_args(argv)
    from . import progress

    progress.LEVEL = progress.QUIET if args.quiet else progress.VERBOSE if args.verbose else progress.NORMAL
    before = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLD)  # gcpace.py says why
    try:
        return _run(args)
    finally:
        gc.set_threshold(*before)  # a caller's own (the tests call main in their process)


def _run(args: argparse.Namespace) -> int:
    try:
        if args.command in _CACHED:
            _check_cache(args)
            _check_date_epoch()
        if args.quiet:  # errors and warnings go to stderr, which stays
            with contextlib.redirect_stdout(_Nothing()):
                return int(args.run(args))
        return int(args.run(args))
    except ContentErrors as exc:
        print(exc, file=sys.stderr)
        count = len(exc.errors)
        print(f"{count} error{'s' if count != 1 else ''} found; nothing was built.", file=sys.stderr)
        return 1
    except UsageError as exc:
        print(f"runstrong {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except Failure as exc:
        print(f"runstrong {args.command}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        if os.environ.get("RUNSTRONG_DEBUG"):
            raise
        print(f"runstrong {args.command}: {describe(exc, commands.cache_of(args))}", file=sys.stderr)
        return 1


_CACHED = frozenset({"check", "build", "serve", "generate", "cards"})  # the commands that read the cache


def _check_cache(args: argparse.Namespace) -> None:
    """A render cache another user can write is refused before any work (cache.trust_problem)."""
    from .cache import cache_problem

    if problem := cache_problem(getattr(args, "cache_dir", None)):
        raise UsageError(problem)


def _check_date_epoch() -> None:
    """SOURCE_DATE_EPOCH dates the sitemap (reproducible builds): a Unix time in seconds or unset."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    if value and not (value.isascii() and value.isdigit() and int(value) <= 253402300799):
        raise UsageError(
            f"SOURCE_DATE_EPOCH={value[:40]!r}: give a Unix time in seconds (e.g. 1700000000), or unset it"
        )


class _Nothing(io.TextIOBase):
    """Where -q sends what a command would print on stdout: nowhere (not a file: nothing kept)."""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        return len(text)


class _Parser(argparse.ArgumentParser):
    """argparse, with its usage errors in one line (plus where to find help), exit status 2."""

    def error(self, message: str) -> typing.NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="runstrong", description="Build the RunStrong strength-training guide for runners.")
    parser.add_argument("--version", action=_Version, help="show the versions of runstrong, MkDocs, Material")
    sub = parser.add_subparsers(required=True, metavar="COMMAND", dest="command")

    def content_option(p: argparse.ArgumentParser, guide_command: bool = True) -> None:
        p.add_argument(
            "--content",
            type=Path,
            default=None,
            metavar="DIR",
            help="content folder (default: ./content)"
            if guide_command
            else "content folder whose exercises a plan may name (default: ./content, else the guide's)",
        )
        if guide_command:
            p.add_argument(
                "--packaged-guide",
                action="store_true",
                help="use RunStrong's own guide, the one installed with it (default: ./content only)",
            )
        p.add_argument(
            "--cache-dir",
            type=Path,
            default=None,
            metavar="DIR",
            help="where rendered pictures and PDFs are kept (default: $RUNSTRONG_CACHE, else the user cache)",
        )

    def strict_option(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--strict",
            action="store_true",
            help="treat plan-check warnings (race week, rest before the long run…) as errors",
        )

    p = sub.add_parser("check", help="validate the content and report every error")
    content_option(p)
    strict_option(p)
    p.set_defaults(run=commands.check)

    p = sub.add_parser("build", help="validate, generate and build the site (atomically)")
    content_option(p)
    p.add_argument("--site-dir", type=Path, default=Path("site"), metavar="DIR")
    p.add_argument("--config", type=Path, default=None, metavar="FILE", help="mkdocs.yml to use")
    p.add_argument(
        "--force",
        action="store_true",
        help="build every page even when nothing changed since the last build (default: skip it, "
        "or render only the pages an edit changed)",
    )
    strict_option(p)
    p.set_defaults(run=commands.build)

    p = sub.add_parser("serve", help="live-reloading preview; rebuilds when content changes")
    content_option(p)
    p.add_argument("--config", type=Path, default=None, metavar="FILE")
    p.add_argument("--dev-addr", default="127.0.0.1:8000", type=parse_dev_addr, metavar="IP:PORT")
    p.set_defaults(run=preview.serve)

    p = sub.add_parser("generate", help="write the generated docs tree (Markdown + assets) to a folder")
    content_option(p)
    p.add_argument("--out", type=Path, required=True, metavar="DIR")
    p.add_argument(
        "--config", type=Path, default=None, metavar="FILE", help="mkdocs.yml whose site_url cards link to"
    )
    p.set_defaults(run=commands.generate)

    p = sub.add_parser(
        "cards",
        help="print session cards for a plan (the schema of content/programs/) as a PDF",
        description="Validate a coach's plan against the guide's exercises and write its session cards.",
    )
    p.add_argument("plan", type=Path, nargs="+", metavar="PLAN.yaml", help="one plan or several")
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        metavar="OUT",
        help="the PDF (default: PLAN-cards-SIZE.pdf); with several plans, a folder for their PDFs",
    )
    p.add_argument(
        "--size",
        choices=list(LAYOUTS),
        default="a6",
        help="card size; a4-4up and letter-4up put four cards on a sheet with cut marks (default: a6)",
    )
    p.add_argument("--athlete", default=None, metavar="NAME", help="print a name on every card")
    p.add_argument("--week", type=int, action="append", metavar="N", help="only week N (repeatable)")
    p.add_argument("--week-sheets", action="store_true", help="start with a week sheet per week")
    p.add_argument("--site-url", default=None, type=site_url, metavar="URL", help="site the QR codes open")
    p.add_argument(
        "--config", type=Path, default=None, metavar="FILE", help="mkdocs.yml whose site_url is the default"
    )
    content_option(p, guide_command=False)
    strict_option(p)
    p.set_defaults(run=printing.cards)

    p = sub.add_parser(
        "import",
        help="turn another exercise library into a content folder, with a report of the mapping",
        description="Write a new content folder from another library's export, mapped onto the guide's "
        "vocabularies; DIR/import-report.md lists what was mapped, what was not and every record skipped.",
    )
    p.add_argument("format", choices=["free-exercise-db"], help="the library's export format")
    p.add_argument("file", type=Path, metavar="FILE", help="its export (free-exercise-db: exercises.json)")
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="a new or empty folder")
    p.add_argument(
        "--content",
        type=Path,
        default=None,
        metavar="DIR",
        help="content folder whose vocabulary the import maps onto (default: ./content, else the guide's)",
    )
    p.set_defaults(run=authoring.import_library)

    p = sub.add_parser(
        "new",
        help="start a guide of your own in a new folder: mkdocs.yml, example content, a README",
        description="Write a new guide (mkdocs.yml, a README with the next commands, and content/ with "
        "the vocabulary, two example exercises, a program and a home page) into a new or empty folder.",
    )
    p.add_argument("folder", type=Path, metavar="DIR", help="a new or empty folder; nothing is overwritten")
    p.add_argument(
        "--site-url", default=None, type=site_url, metavar="URL", help="where the guide will be published"
    )
    p.set_defaults(run=authoring.new)

    p = sub.add_parser("schema", help="write JSON Schema for exercise and program files")
    content_option(p, guide_command=False)
    p.set_defaults(run=authoring.schema)
    for command in sub.choices.values():
        said = command.add_mutually_exclusive_group()
        quiet = "say nothing but errors and warnings (no summary, no progress)"
        said.add_argument("-q", "--quiet", action="store_true", help=quiet)
        verbose = "also say each long step as it starts, progresses and ends, even into a log"
        said.add_argument("-v", "--verbose", action="store_true", help=verbose)
    return parser


def version_line() -> str:
    """'runstrong 0.1.0 (Python 3.11.2, MkDocs 1.6.1, Material 9.7.0)': what a bug report needs."""
    from importlib.metadata import PackageNotFoundError, version

    def of(package: str) -> str:
        try:
            return version(package)
        except PackageNotFoundError:
            return "not installed"

    python = ".".join(map(str, sys.version_info[:3]))
    engines = f"MkDocs {of('mkdocs')}, Material {of('mkdocs-material')}"
    return f"runstrong {of('runstrong')} (Python {python}, {engines})"


class _Version(argparse.Action):
    """--version, looked up only when asked (reading package metadata costs every other run time)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: typing.Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        print(version_line())  # to stdout, like argparse's own version action
        parser.exit(0)


def console() -> typing.NoReturn:
    """The ``runstrong`` command (pyproject's script): ``main``, then the process ends. What a
    build made is still referenced at exit, and the interpreter's final cycle collections walked
    all of it (0.6-0.8 s of CPU after a one-edit build of 900 exercises). Frozen, it is left to
    the operating system; exit handlers still run, open files are still flushed and closed.
    Never in ``main``: the tests call it in their own long-lived process."""
    status = main()
    gc.freeze()
    sys.exit(status)


if __name__ == "__main__":
    console()
