"""The commands of ``runstrong``, one function each: the parsed arguments in, the exit status out.

``cli.py`` parses the arguments and tells failures in one line; ``runstrong serve`` is in
``preview.py``. The loader (pydantic's models), the renderers and MkDocs are imported by the
commands that use them: a build where nothing changed is decided, and said, in a fraction of a
second.
"""

from __future__ import annotations

import argparse
import sys
import time
import typing
from collections.abc import Sequence
from pathlib import Path

from .build import default_config, default_content
from .errors import ContentError, ContentErrors, display_path
from .failures import Failure, UsageError, check_output_file

if typing.TYPE_CHECKING:
    from .model import Guide
    from .pipeline import Loaded


def _load(content: Path) -> Guide:
    """The guide, with its notes (a program naming a renamed exercise) printed, not hidden."""
    from .load import load_guide

    notes: list[ContentError] = []
    guide = load_guide(content, notes)
    for note in notes:
        print(note, file=sys.stderr)
    return guide


def config_of(args: argparse.Namespace) -> Path:
    """The mkdocs.yml to use, or a one-line error naming the file that is missing."""
    config: Path = args.config or default_config()
    if not config.is_file():
        message = f"{display_path(config)}: mkdocs.yml not found"
        if args.config:
            raise UsageError(message)
        raise Failure(f"{message}: run runstrong in the guide's folder, or give --config FILE")
    return config


def content_of(args: argparse.Namespace) -> Path:
    return args.content if args.content is not None else default_content()


def cache_of(args: argparse.Namespace) -> Path:
    """The render cache: --cache-dir, else $RUNSTRONG_CACHE, else the user's cache folder; handed
    to whatever reads or fills it."""
    from .cache import render_cache_dir

    return render_cache_dir(getattr(args, "cache_dir", None))


def check(args: argparse.Namespace) -> int:
    loaded = loaded_of(content_of(args), cache_of(args))
    if plan_warnings(loaded.warnings, args.strict):
        return 1
    guide = loaded.guide
    print(
        f"{display_path(content_of(args))}: OK: {len(guide.exercises)} exercises, "
        f"{len(guide.programs)} programs, {len(guide.muscles)} muscles, {len(guide.equipment)} equipment"
    )
    return 0


def plan_warnings(findings: Sequence[object], strict: bool) -> bool:
    """Print plan-check warnings; True when --strict turns them into a failure."""
    for finding in findings:
        print(finding, file=sys.stderr)
    if findings and strict:
        count = len(findings)
        plural = "s" if count != 1 else ""
        print(f"{count} plan warning{plural} (--strict makes them errors).", file=sys.stderr)
        return True
    return False


def loaded_of(content: Path, cache_dir: Path) -> Loaded:
    """The content, loaded and checked once, with its notes printed (not hidden)."""
    from . import pipeline

    loaded = pipeline.load(content, cache_dir)
    for note in loaded.notes:
        print(note, file=sys.stderr)
    return loaded


def build(args: argparse.Namespace) -> int:
    from .build import build_site
    from .failures import is_mkdocs_error
    from .lastbuild import engine_fingerprint, fingerprint, up_to_date
    from .progress import wanted

    content = content_of(args)
    if args.site_dir.exists() and not args.site_dir.is_dir():
        raise UsageError(f"--site-dir {display_path(args.site_dir)}: exists and is not a folder")
    config = config_of(args)
    # Before loading anything: a build whose every input is as the last one left it would
    # write the same site (lastbuild.fingerprint lists the inputs).
    engine = engine_fingerprint(config, strict=args.strict)
    inputs = fingerprint(content, config, strict=args.strict, engine=engine) if content.is_dir() else None
    if inputs is not None and not args.force and up_to_date(args.site_dir, inputs):
        print(f"{display_path(args.site_dir)}/ is up to date: nothing changed since the last build")
        return 0
    cache = cache_of(args)
    loaded = loaded_of(content, cache)
    if plan_warnings(loaded.warnings, args.strict):
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


def generate(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    content = content_of(args)
    if args.out.exists() and not args.out.is_dir():
        raise UsageError(f"--out {display_path(args.out)}: exists and is not a folder")
    from . import pipeline
    from .build import site_url_of
    from .writer import write_tree
    from .zensical import CONFIG, DOCS, project_files

    cache = cache_of(args)
    loaded = loaded_of(content, cache)
    config = config_of(args)
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


def cards(args: argparse.Namespace) -> int:
    from .cards import cards_pdf
    from .glyphs import problem
    from .plans import check_program

    started = time.perf_counter()
    out = args.output or Path(f"{args.plan.stem}-cards-{args.size}.pdf")
    check_output_file(out, "-o")  # before the work, not after it
    if args.athlete is not None and (why := problem(args.athlete) or _one_line(args.athlete)):
        raise UsageError(f"--athlete: {why}")
    from .load import load_plan

    guide = _load(content_of(args))
    notes: list[ContentError] = []
    program = load_plan(args.plan, guide, notes)
    for note in notes:
        print(note, file=sys.stderr)
    if plan_warnings(check_program(program, guide, args.plan), args.strict):
        return 1
    weeks = sorted(set(args.week)) if args.week else None
    if weeks and not all(1 <= w <= len(program.weeks) for w in weeks):
        count = len(program.weeks)
        print(f"{display_path(args.plan)}: --week: the plan has weeks 1 to {count}", file=sys.stderr)
        return 1
    from .build import site_url_of
    from .writer import write_file

    site_url = args.site_url or site_url_of(config_of(args))
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


def import_library(args: argparse.Namespace) -> int:
    from .importers import import_free_exercise_db
    from .importers.free_exercise_db import REPORT_FILE

    started = time.perf_counter()
    if args.out.exists() and (not args.out.is_dir() or any(args.out.iterdir())):
        raise UsageError(f"--out {display_path(args.out)}: exists and is not an empty folder; name a new one")
    report = import_free_exercise_db(args.file, args.out, content_of(args))
    out = display_path(args.out)
    print(report.summary())
    print(
        f"wrote {out}/ in {time.perf_counter() - started:.2f} s; the report is {out}/{REPORT_FILE}; "
        f"next: runstrong build --content {out}"
    )
    return 0


def new(args: argparse.Namespace) -> int:
    from .scaffold import new_guide  # the starter guide and the copy (generator/scaffold.py)

    print(new_guide(args.folder, args.site_url).summary())
    return 0


def schema(args: argparse.Namespace) -> int:
    from .install import is_packaged
    from .load import load_guide
    from .schema import write_schemas

    content = content_of(args)
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
