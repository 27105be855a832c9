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
from .errors import ContentError, display_path
from .failures import Failure, UsageError

if typing.TYPE_CHECKING:
    from .drawing import Drawing
    from .model import Guide
    from .pipeline import Loaded


def guide_of(content: Path) -> Guide:
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


def guide_folder(args: argparse.Namespace) -> Path:
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


def cache_of(args: argparse.Namespace) -> Path:
    """The render cache: --cache-dir, else $RUNSTRONG_CACHE, else the user's cache folder; handed
    to whatever reads or fills it."""
    from .cache import render_cache_dir

    return render_cache_dir(getattr(args, "cache_dir", None))


def check(args: argparse.Namespace) -> int:
    loaded = loaded_of(guide_folder(args), cache_of(args))
    if plan_warnings(loaded.warnings, args.strict):
        return 1
    guide = loaded.guide
    print(
        f"{display_path(guide_folder(args))}: OK: {len(guide.exercises)} exercises, "
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


def loaded_of(content: Path, cache_dir: Path, drawing: Drawing | None = None) -> Loaded:
    """The content, loaded and checked once, with its notes printed (not hidden); ``drawing``:
    a build's started pool, whose workers read files too (``readahead.py``)."""
    from . import pipeline

    loaded = pipeline.load(content, cache_dir, drawing=drawing)
    for note in loaded.notes:
        print(note, file=sys.stderr)
    return loaded


def build(args: argparse.Namespace) -> int:
    from .lastbuild import engine_fingerprint, fingerprint, up_to_date

    content = guide_folder(args)
    if args.site_dir.exists() and not args.site_dir.is_dir():
        raise UsageError(f"--site-dir {display_path(args.site_dir)}: exists and is not a folder")
    config = config_of(args)
    from .outputs import SITE_MARK, check_output_folder

    # Before anything is read or written: the site is replaced whole, so it must not hold an input.
    check_output_folder(
        args.site_dir, "--site-dir", content, config, mark=SITE_MARK, made_by="runstrong build"
    )
    # Before loading anything: a build whose every input is as the last one left it would
    # write the same site (lastbuild.fingerprint lists the inputs).
    engine = engine_fingerprint(config, strict=args.strict)
    inputs = fingerprint(content, config, strict=args.strict, engine=engine) if content.is_dir() else None
    if inputs is not None and not args.force and up_to_date(args.site_dir, inputs):
        print(f"{display_path(args.site_dir)}/ is up to date: nothing changed since the last build")
        return 0
    from .drawing import Drawing
    from .lastbuild import STAMP

    drawing = Drawing()
    if not (args.site_dir / STAMP).is_file():  # a first build draws: its workers start while it loads
        from .schedule import warm_up, worth_warming

        if worth_warming(content):
            drawing.start(warm_up)
    try:
        return _build(args, content, config, engine, inputs, drawing)
    finally:
        drawing.close(failed=True)  # the build closed it; after a failure, no worker stays


def _build(
    args: argparse.Namespace, content: Path, config: Path, engine: str, inputs: str | None, drawing: Drawing
) -> int:
    from .build import build_site
    from .failures import is_mkdocs_error
    from .lastbuild import fingerprint
    from .progress import wanted

    cache = cache_of(args)
    loaded = loaded_of(content, cache, drawing)
    if plan_warnings(loaded.warnings, args.strict):
        print(f"{display_path(args.site_dir)} was left as it was.", file=sys.stderr)
        return 1
    if record_short_links(content, loaded.guide) and inputs is not None:
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
            cache_dir=cache,
            drawing=drawing,
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


def record_short_links(content: Path, guide: Guide) -> bool:
    """Add the short links this run may print to the guide's record (shortlinks.py); True if it grew."""
    from .shortlinks import record, unrecorded

    if not unrecorded(content, guide):
        return False
    if problem := record(content, guide):
        print(f"warning: {problem}", file=sys.stderr)
        return False
    return True


def generate(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    content = guide_folder(args)
    if args.out.exists() and not args.out.is_dir():
        raise UsageError(f"--out {display_path(args.out)}: exists and is not a folder")
    from . import pipeline
    from .build import site_url_of
    from .files import GeneratedFile
    from .outputs import PROJECT_MARK, check_output_folder
    from .writer import write_tree
    from .zensical import CONFIG, DOCS, project_files

    config = config_of(args)
    check_output_folder(args.out, "--out", content, config, mark=PROJECT_MARK, made_by="runstrong generate")
    cache = cache_of(args)
    loaded = loaded_of(content, cache)
    record_short_links(content, loaded.guide)
    site = pipeline.build(loaded, pipeline.Settings(site_url_of(config), cache_dir=cache))
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
