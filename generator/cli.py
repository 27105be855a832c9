"""The ``runstrong`` command line: a thin adapter over load, build and schema."""

from __future__ import annotations

import argparse
import contextlib
import io
import logging
import os
import re
import sys
import time
import typing
from collections.abc import Sequence
from pathlib import Path

from .build import CACHE_ENV, default_config, default_content
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
    if getattr(args, "cache_dir", None) is not None:
        os.environ[CACHE_ENV] = str(args.cache_dir)
    from . import progress

    progress.LEVEL = progress.QUIET if args.quiet else progress.VERBOSE if args.verbose else progress.NORMAL
    try:
        if args.command in _CACHED:
            _check_cache()
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
        print(f"runstrong {args.command}: {describe(exc)}", file=sys.stderr)
        return 1


_CACHED = frozenset({"check", "build", "serve", "generate", "cards"})  # the commands that read the cache


def _check_cache() -> None:
    """A render cache another user can write is refused before any work (cache.trust_problem)."""
    from .build import cache_problem

    if problem := cache_problem():
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
    content_option(p, guide_command=False)
    p.set_defaults(run=_schema)
    for command in sub.choices.values():
        said = command.add_mutually_exclusive_group()
        said.add_argument(
            "-q",
            "--quiet",
            action="store_true",
            help="say nothing but errors and warnings (no summary, no progress)",
        )
        said.add_argument(
            "-v",
            "--verbose",
            action="store_true",
            help="also say each long step as it starts, progresses and ends, even into a log",
        )
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


def _guide(args: argparse.Namespace) -> Path:
    """The content folder of check, build, serve and generate: --content, else ./content.

    Never RunStrong's own guide unasked: run in an empty folder, these commands once built the
    packaged guide, which looked like success and published somebody else's site. That guide is
    used only with --packaged-guide.
    """
    from .install import guide_content

    if args.content is not None:
        return typing.cast(Path, args.content)
    if getattr(args, "packaged_guide", False):
        return guide_content()
    local = Path("content")
    if local.is_dir():
        return local
    here = Path.cwd()
    raise Failure(
        f"no guide here: {here} has no content/ folder; start one with `runstrong new my-guide`, run "
        f"runstrong in a guide's folder, or give --content DIR (--packaged-guide uses RunStrong's own guide)"
    )


def _check(args: argparse.Namespace) -> int:
    loaded = _loaded(_guide(args))
    if _plan_warnings(loaded.warnings, args.strict):
        return 1
    guide = loaded.guide
    print(
        f"{display_path(_guide(args))}: OK: {len(guide.exercises)} exercises, "
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


def _loaded(content: Path) -> Loaded:
    """The content, loaded and checked once, with its notes printed (not hidden)."""
    from . import pipeline

    loaded = pipeline.load(content)
    for note in loaded.notes:
        print(note, file=sys.stderr)
    return loaded


def _build(args: argparse.Namespace) -> int:
    from .build import build_site, engine_fingerprint, fingerprint, up_to_date
    from .failures import is_mkdocs_error
    from .progress import wanted

    content = _guide(args)
    if args.site_dir.exists() and not args.site_dir.is_dir():
        raise UsageError(f"--site-dir {display_path(args.site_dir)}: exists and is not a folder")
    config = _config(args)
    from .outputs import SITE_MARK, check_output_folder

    # Before anything is read or written: the site is replaced whole, so it must not hold an input.
    check_output_folder(
        args.site_dir, "--site-dir", content, config, mark=SITE_MARK, made_by="runstrong build"
    )
    # Before loading anything: a build whose every input is as the last one left it would
    # write the same site (build.fingerprint lists the inputs).
    engine = engine_fingerprint(config, strict=args.strict)
    inputs = fingerprint(content, config, strict=args.strict, engine=engine) if content.is_dir() else None
    if inputs is not None and not args.force and up_to_date(args.site_dir, inputs):
        print(f"{display_path(args.site_dir)}/ is up to date: nothing changed since the last build")
        return 0
    loaded = _loaded(content)
    if _plan_warnings(loaded.warnings, args.strict):
        print(f"{display_path(args.site_dir)} was left as it was.", file=sys.stderr)
        return 1
    if _record_short_links(content, loaded.guide) and inputs is not None:
        inputs = fingerprint(content, config, strict=args.strict, engine=engine)  # the record is an input
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


def _record_short_links(content: Path, guide: Guide) -> bool:
    """Add the short links this run may print to the guide's record (shortlinks.py); True if it grew."""
    from .shortlinks import record, unrecorded

    if not unrecorded(content, guide):
        return False
    if problem := record(content, guide):
        print(f"warning: {problem}", file=sys.stderr)
        return False
    return True


def _serve(args: argparse.Namespace) -> int:
    from .failures import check_port_free
    from .mkdocs_plugin import serve

    content = _guide(args).resolve()
    config = _config(args)
    loaded = _loaded(content)  # report content errors up front, in our format
    check_port_free(args.dev_addr)  # before MkDocs spends seconds on a first build
    _ServeLog.install()
    serve(config, loaded, args.dev_addr)
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
    content = _guide(args)
    if args.out.exists() and not args.out.is_dir():
        raise UsageError(f"--out {display_path(args.out)}: exists and is not a folder")
    from . import pipeline
    from .build import site_url_of
    from .files import GeneratedFile
    from .outputs import PROJECT_MARK, check_output_folder
    from .writer import write_tree
    from .zensical import CONFIG, DOCS, project_files

    config = _config(args)
    check_output_folder(args.out, "--out", content, config, mark=PROJECT_MARK, made_by="runstrong generate")
    loaded = _loaded(content)
    _record_short_links(content, loaded.guide)
    site = pipeline.build(loaded, pipeline.Settings(site_url_of(config)))
    from .urls import is_placeholder, placeholder_warning

    if is_placeholder(site.site_url):  # as build and serve say it: the PDFs are previews
        print(placeholder_warning(site.site_url), file=sys.stderr)
    # A project, not just the docs tree: Zensical runs no plugins and wants docs_dir inside the
    # config's folder, so the config (nav written out) and the theme go beside DIR/docs.
    files = project_files(
        site.files, pages_dir=site.pages_dir, config_file=config, site_url=site.site_url, nav=site.nav
    )
    # The mark that lets the next generate replace this folder (outputs.check_replaceable).
    mark = GeneratedFile.text(PROJECT_MARK, "Made by runstrong generate; the next one replaces it.\n")
    write_tree([*files, mark], None, args.out)
    out = display_path(args.out)
    print(
        f"Generated {len(site.files)} files (plus hand-written pages) into {out}/{DOCS}/, and {out}/{CONFIG} "
        f"without the runstrong plugin, in {time.perf_counter() - started:.2f} s "
        f"(publish with: cd {out} && zensical build --strict)"
    )
    return 0


def _cards(args: argparse.Namespace) -> int:
    """Cards for one plan or several: every plan is checked (every error of every plan in one
    run) before any PDF is written, so a typo in the third plan leaves no half-printed set."""
    from .cards import cards_pdf
    from .glyphs import problem
    from .plans import check_program

    plans: list[Path] = args.plan
    outs = _card_outputs(plans, args.output, args.size)  # before the work, not after it
    from .outputs import check_output_file as check_not_an_input

    inputs = [("the plan", plan) for plan in plans] + [("the content folder", _content(args))]
    inputs += [("the config", args.config)] if args.config else []
    for out in outs:
        check_not_an_input(out, "-o", inputs, magic=b"%PDF-")
    if args.athlete is not None and (why := problem(args.athlete) or _one_line(args.athlete)):
        raise UsageError(f"--athlete: {why}")
    from .load import load_plan

    guide = _load(_content(args))
    _record_short_links(_content(args), guide)
    programs = []
    errors: list[ContentError] = []
    for plan in plans:
        notes: list[ContentError] = []
        try:
            programs.append(load_plan(plan, guide, notes))
        except ContentErrors as exc:
            errors.extend(exc.errors)
        for note in notes:
            print(note, file=sys.stderr)
    if errors:
        raise ContentErrors(errors)
    findings = [
        finding
        for plan, program in zip(plans, programs, strict=True)
        for finding in check_program(program, guide, plan)
    ]
    if _plan_warnings(findings, args.strict):
        return 1
    weeks = sorted(set(args.week)) if args.week else None
    wrong = [
        (plan, len(program.weeks))
        for plan, program in zip(plans, programs, strict=True)
        if weeks and not all(1 <= w <= len(program.weeks) for w in weeks)
    ]
    for plan, count in wrong:
        print(f"{display_path(plan)}: --week: the plan has weeks 1 to {count}", file=sys.stderr)
    if wrong:
        return 1
    from .build import site_url_of
    from .writer import write_file

    site_url = args.site_url or site_url_of(_config(args))
    if args.output is not None and len(plans) > 1:
        args.output.mkdir(exist_ok=True)
    for program, out in zip(programs, outs, strict=True):
        started = time.perf_counter()
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
            f"in {time.perf_counter() - started:.2f} s",
            flush=True,  # one line per plan as it is written: progress when there are several
        )
    return 0


def _card_outputs(plans: list[Path], output: Path | None, size: str) -> list[Path]:
    """Where each plan's PDF goes: ``-o FILE`` for one plan; for several, ``-o`` is a folder
    (made if missing) and each PDF is named after its plan, as without ``-o``."""
    if len(plans) == 1:
        out = output or Path(f"{plans[0].stem}-cards-{size}.pdf")
        check_output_file(out, "-o")
        return [out]
    if output is not None and output.exists() and not output.is_dir():
        raise UsageError(f"-o {display_path(output)}: with several plans, -o names a folder for their PDFs")
    folder = output or Path()
    outs = [folder / f"{plan.stem}-cards-{size}.pdf" for plan in plans]
    seen: dict[Path, Path] = {}
    for plan, out in zip(plans, outs, strict=True):
        if out in seen:
            raise UsageError(
                f"{display_path(seen[out])} and {display_path(plan)} would both print to "
                f"{display_path(out)}; rename one, or print them one at a time with -o"
            )
        seen[out] = plan
    if output is not None and not output.is_dir():  # made when the plans have passed
        if not output.absolute().parent.is_dir():
            raise UsageError(
                f"-o {display_path(output)}: the folder {display_path(output.parent)} does not exist"
            )
        return outs
    for out in outs:
        check_output_file(out, "-o")
    return outs


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
    from .outputs import check_new_folder

    check_new_folder(args.out, "--out", [("the content folder", _content(args)), ("the export", args.file)])
    report = import_free_exercise_db(args.file, args.out, _content(args))
    out = display_path(args.out)
    print(report.summary())
    print(
        f"wrote {out}/ in {time.perf_counter() - started:.2f} s; the report is {out}/{REPORT_FILE}; "
        f"next: runstrong build --content {out}"
    )
    return 0


def _new(args: argparse.Namespace) -> int:
    from .outputs import check_new_folder
    from .scaffold import new_guide  # the starter guide and the copy (generator/scaffold.py)

    content = Path("content")
    check_new_folder(args.folder, "", [("the content folder", content)] if content.is_dir() else [])
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
    if args.content is not None and not content.is_dir():  # a typo must not become a new folder
        raise UsageError(f"--content {display_path(content)}: no such folder")
    if not (content / "vocabulary").is_dir() and not (content / "exercises").is_dir():
        shown = display_path(content)
        raise UsageError(f"--content {shown}: not a content folder (no vocabulary/ or exercises/)")
    if is_packaged(content):  # no content/ here, installed: the fallback is the package's own guide
        raise UsageError(
            "no content/ folder here: run it in a guide's folder (runstrong new makes one) "
            "or give --content DIR"
        )
    target = os.path.realpath(content / "schema")
    if os.path.commonpath([os.path.realpath(content), target]) != os.path.realpath(content):
        shown = display_path(content / "schema")
        raise UsageError(f"{shown}: leads outside the content folder; refusing to write through it")
    try:
        guide = load_guide(content)
    except ContentErrors:
        guide = None  # a schema without vocabulary enums still helps fix the errors
    for path in write_schemas(content, guide):
        print(f"wrote {display_path(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
