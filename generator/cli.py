"""The ``runstrong`` command line: a thin adapter over load, build and schema."""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
import time
import typing
from collections.abc import Sequence
from pathlib import Path

from .build import default_config, default_content
from .cards.paper import LAYOUTS
from .errors import ContentError, ContentErrors, display_path
from .failures import Failure, UsageError, check_output_file, describe, parse_dev_addr, site_url

if typing.TYPE_CHECKING:
    from .model import Guide
    from .pipeline import Loaded

# The loader (pydantic's models), the renderers and MkDocs are imported by the commands that
# use them: a build where nothing changed is decided, and said, in a fraction of a second.


def main(argv: Sequence[str] | None = None) -> int:
    """Exit status 0 on success, 1 on any failure, 2 on a usage error; never a traceback.

    Every failure is told in one line (``failures.describe``); RUNSTRONG_DEBUG=1 shows the
    traceback of an unexpected one.
    """
    parser = _parser()
    args = parser.parse_args(argv)
    try:
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
        print(f"runstrong {args.command}: {describe(exc, _cache(args))}", file=sys.stderr)
        return 1


class _Parser(argparse.ArgumentParser):
    """argparse, with its usage errors in one line (plus where to find help), exit status 2."""

    def error(self, message: str) -> typing.NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="runstrong", description="Build the RunStrong strength-training guide for runners.")
    parser.add_argument("--version", action=_Version, help="show the versions of runstrong, MkDocs, Material")
    sub = parser.add_subparsers(required=True, metavar="COMMAND", dest="command")

    def content_option(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--content",
            type=Path,
            default=None,
            metavar="DIR",
            help="content folder (default: ./content, else the guide's own)",
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
    p.set_defaults(run=_check)

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
    p.set_defaults(run=_build)

    p = sub.add_parser("serve", help="live-reloading preview; rebuilds when content changes")
    content_option(p)
    p.add_argument("--config", type=Path, default=None, metavar="FILE")
    p.add_argument("--dev-addr", default="127.0.0.1:8000", type=parse_dev_addr, metavar="IP:PORT")
    p.set_defaults(run=_serve)

    p = sub.add_parser("generate", help="write the generated docs tree (Markdown + assets) to a folder")
    content_option(p)
    p.add_argument("--out", type=Path, required=True, metavar="DIR")
    p.add_argument(
        "--config", type=Path, default=None, metavar="FILE", help="mkdocs.yml whose site_url cards link to"
    )
    p.set_defaults(run=_generate)

    p = sub.add_parser(
        "cards",
        help="print session cards for a plan (the schema of content/programs/) as a PDF",
        description="Validate a coach's plan against the guide's exercises and write its session cards.",
    )
    p.add_argument("plan", type=Path, metavar="PLAN.yaml")
    p.add_argument(
        "-o", "--output", type=Path, default=None, metavar="OUT.pdf", help="default: PLAN-cards-SIZE.pdf"
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
    content_option(p)
    strict_option(p)
    p.set_defaults(run=_cards)

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
    p.set_defaults(run=_import)

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
    p.set_defaults(run=_new)

    p = sub.add_parser("schema", help="write JSON Schema for exercise and program files")
    content_option(p)
    p.set_defaults(run=_schema)
    return parser


def _load(content: Path) -> Guide:
    """The guide, with its notes (a program naming a renamed exercise) printed, not hidden."""
    from .load import load_guide

    notes: list[ContentError] = []
    guide = load_guide(content, notes)
    for note in notes:
        print(note, file=sys.stderr)
    return guide


def _config(args: argparse.Namespace) -> Path:
    """The mkdocs.yml to use, or a one-line error naming the file that is missing."""
    config: Path = args.config or default_config()
    if not config.is_file():
        message = f"{display_path(config)}: mkdocs.yml not found"
        if args.config:
            raise UsageError(message)
        raise Failure(f"{message}: run runstrong in the guide's folder, or give --config FILE")
    return config


def _content(args: argparse.Namespace) -> Path:
    return args.content if args.content is not None else default_content()


def _cache(args: argparse.Namespace) -> Path:
    """The render cache: --cache-dir, else $RUNSTRONG_CACHE, else the user's cache folder; handed
    to whatever reads or fills it."""
    from .cache import render_cache_dir

    return render_cache_dir(getattr(args, "cache_dir", None))


def _check(args: argparse.Namespace) -> int:
    loaded = _loaded(_content(args), _cache(args))
    if _plan_warnings(loaded.warnings, args.strict):
        return 1
    guide = loaded.guide
    print(
        f"{display_path(_content(args))}: OK: {len(guide.exercises)} exercises, "
        f"{len(guide.programs)} programs, {len(guide.muscles)} muscles, {len(guide.equipment)} equipment"
    )
    return 0


def _plan_warnings(findings: Sequence[object], strict: bool) -> bool:
    """Print plan-check warnings; True when --strict turns them into a failure."""
    for finding in findings:
        print(finding, file=sys.stderr)
    if findings and strict:
        count = len(findings)
        plural = "s" if count != 1 else ""
        print(f"{count} plan warning{plural} (--strict makes them errors).", file=sys.stderr)
        return True
    return False


def _loaded(content: Path, cache_dir: Path) -> Loaded:
    """The content, loaded and checked once, with its notes printed (not hidden)."""
    from . import pipeline

    loaded = pipeline.load(content, cache_dir)
    for note in loaded.notes:
        print(note, file=sys.stderr)
    return loaded


def _build(args: argparse.Namespace) -> int:
    from .build import build_site
    from .failures import is_mkdocs_error
    from .lastbuild import engine_fingerprint, fingerprint, up_to_date
    from .progress import wanted

    content = _content(args)
    if args.site_dir.exists() and not args.site_dir.is_dir():
        raise UsageError(f"--site-dir {display_path(args.site_dir)}: exists and is not a folder")
    config = _config(args)
    # Before loading anything: a build whose every input is as the last one left it would
    # write the same site (lastbuild.fingerprint lists the inputs).
    engine = engine_fingerprint(config, strict=args.strict)
    inputs = fingerprint(content, config, strict=args.strict, engine=engine) if content.is_dir() else None
    if inputs is not None and not args.force and up_to_date(args.site_dir, inputs):
        print(f"{display_path(args.site_dir)}/ is up to date: nothing changed since the last build")
        return 0
    cache = _cache(args)
    loaded = _loaded(content, cache)
    if _plan_warnings(loaded.warnings, args.strict):
        print(f"{display_path(args.site_dir)} was left as it was.", file=sys.stderr)
        return 1
    try:
        report = build_site(
            content,
            args.site_dir,
            config,
            loaded=loaded,
            progress=wanted(),
            stamp=inputs,
            engine=engine,
            reuse=not args.force,
            cache_dir=cache,
        )
    except Exception as exc:
        if not is_mkdocs_error(exc):
            raise
        reason = str(exc).strip().replace("\n", "; ")
        site = display_path(args.site_dir)
        print(f"MkDocs build failed: {reason}; {site} was left as it was.", file=sys.stderr)
        return 1
    print(report.summary() + f" → {display_path(args.site_dir)}/")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from .failures import check_port_free
    from .mkdocs_plugin import serve

    content = _content(args).resolve()
    config = _config(args)
    cache = _cache(args)
    loaded = _loaded(content, cache)  # report content errors up front, in our format
    check_port_free(args.dev_addr)  # before MkDocs spends seconds on a first build
    _ServeLog.install()
    serve(config, loaded, args.dev_addr, cache_dir=cache)
    return 0


class _ServeLog(logging.Handler):
    """What someone previewing needs from MkDocs' log: the address, and each rebuild as it ends.

    MkDocs says both only at INFO, among chatter; warnings and errors still reach stderr
    through the handler of ``mkdocs_plugin.quiet_mkdocs``. The plugin says how many pages a
    build rendered (a rebuild renders only what the edit touched); it is told with the time.
    """

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.builds = 0
        self.pages = ""

    @classmethod
    def install(cls) -> None:
        from .mkdocs_plugin import quiet_mkdocs

        quiet_mkdocs()
        handler = cls()
        for name in ("mkdocs", "runstrong"):
            logger = logging.getLogger(name)
            logger.addHandler(handler)
            logger.setLevel(logging.INFO)

    def emit(self, record: logging.LogRecord) -> None:
        # The live-reload server stamps its messages "[12:00:00] "; the stamp is printed anew.
        message = re.sub(r"^\[[\d:]+\] ", "", record.getMessage())
        now = time.strftime("%H:%M:%S")
        if record.name == "runstrong":
            if record.levelno >= logging.WARNING:  # the plugin's own warnings (a placeholder site_url)
                print(message, file=sys.stderr, flush=True)
            elif match := re.fullmatch(r"runstrong: (\d+) of (\d+) pages rendered", message):
                self.pages = f" ({match[1]} of {match[2]} pages)"
        elif message.startswith("Serving on "):
            url = message.removeprefix("Serving on ").split()[0]
            print(f"Serving on {url} (edits to the content rebuild it; Ctrl+C stops)", flush=True)
        elif message == "Detected file changes":
            print(f"{now} content changed: rebuilding…", flush=True)
        elif message.startswith("Documentation built in "):
            seconds = message.removeprefix("Documentation built in ").removesuffix(" seconds")
            self.builds += 1
            done = "built" if self.builds == 1 else "rebuilt"
            print(f"{now} {done} in {seconds} s{self.pages}", flush=True)
            self.pages = ""


def _generate(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    content = _content(args)
    if args.out.exists() and not args.out.is_dir():
        raise UsageError(f"--out {display_path(args.out)}: exists and is not a folder")
    from . import pipeline
    from .build import site_url_of
    from .writer import write_tree
    from .zensical import CONFIG, DOCS, project_files

    cache = _cache(args)
    loaded = _loaded(content, cache)
    config = _config(args)
    site = pipeline.build(loaded, pipeline.Settings(site_url_of(config), cache_dir=cache))
    # A project, not just the docs tree: Zensical runs no plugins and wants docs_dir inside the
    # config's folder, so the config (nav written out) and the theme go beside DIR/docs.
    files = project_files(
        site.files, pages_dir=site.pages_dir, config_file=config, site_url=site.site_url, nav=site.nav
    )
    write_tree(files, None, args.out)
    out = display_path(args.out)
    print(
        f"Generated {len(site.files)} files (plus hand-written pages) into {out}/{DOCS}/, and {out}/{CONFIG} "
        f"without the runstrong plugin, in {time.perf_counter() - started:.2f} s "
        f"(publish with: cd {out} && zensical build --strict)"
    )
    return 0


def _cards(args: argparse.Namespace) -> int:
    from .cards import cards_pdf
    from .glyphs import problem
    from .plans import check_program

    started = time.perf_counter()
    out = args.output or Path(f"{args.plan.stem}-cards-{args.size}.pdf")
    check_output_file(out, "-o")  # before the work, not after it
    if args.athlete is not None and (why := problem(args.athlete) or _one_line(args.athlete)):
        raise UsageError(f"--athlete: {why}")
    from .load import load_plan

    guide = _load(_content(args))
    notes: list[ContentError] = []
    program = load_plan(args.plan, guide, notes)
    for note in notes:
        print(note, file=sys.stderr)
    if _plan_warnings(check_program(program, guide, args.plan), args.strict):
        return 1
    weeks = sorted(set(args.week)) if args.week else None
    if weeks and not all(1 <= w <= len(program.weeks) for w in weeks):
        count = len(program.weeks)
        print(f"{display_path(args.plan)}: --week: the plan has weeks 1 to {count}", file=sys.stderr)
        return 1
    from .build import site_url_of
    from .writer import write_file

    site_url = args.site_url or site_url_of(_config(args))
    pdf = cards_pdf(
        guide,
        program,
        site_url,
        args.size,
        athlete=args.athlete,
        weeks=weeks,
        with_week_sheets=args.week_sheets,
    )
    write_file(out, pdf)  # a temporary file beside it, then a rename: never half a PDF
    pages = pdf.count(b"/Type /Page\n")
    print(
        f"wrote {display_path(out)}: {pages} page{'s' if pages != 1 else ''}, {len(pdf) / 1024:.0f} KB, "
        f"in {time.perf_counter() - started:.2f} s"
    )
    return 0


def _one_line(text: str) -> str | None:
    if not text.strip() or len(text) > 60 or not text.isprintable():
        return "give a name of 1 to 60 characters on one line"
    return None


def _import(args: argparse.Namespace) -> int:
    from .importers import import_free_exercise_db
    from .importers.free_exercise_db import REPORT_FILE

    started = time.perf_counter()
    if args.out.exists() and (not args.out.is_dir() or any(args.out.iterdir())):
        raise UsageError(f"--out {display_path(args.out)}: exists and is not an empty folder; name a new one")
    report = import_free_exercise_db(args.file, args.out, _content(args))
    out = display_path(args.out)
    print(report.summary())
    print(
        f"wrote {out}/ in {time.perf_counter() - started:.2f} s; the report is {out}/{REPORT_FILE}; "
        f"next: runstrong build --content {out}"
    )
    return 0


def _new(args: argparse.Namespace) -> int:
    from .scaffold import new_guide  # the starter guide and the copy (generator/scaffold.py)

    print(new_guide(args.folder, args.site_url).summary())
    return 0


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


def _schema(args: argparse.Namespace) -> int:
    from .install import is_packaged
    from .load import load_guide
    from .schema import write_schemas

    content = _content(args)
    if is_packaged(content):  # no content/ here, installed: the fallback is the package's own guide
        raise UsageError(
            "no content/ folder here: run it in a guide's folder (runstrong new makes one) "
            "or give --content DIR"
        )
    try:
        guide = load_guide(content)
    except ContentErrors:
        guide = None  # a schema without vocabulary enums still helps fix the errors
    for path in write_schemas(content, guide):
        print(f"wrote {display_path(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
