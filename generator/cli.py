"""The ``runstrong`` command line: a thin adapter over load, build and schema."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from .build import build_site, default_config, default_content, generate, site_url_of, write_tree
from .cards.paper import LAYOUTS
from .errors import ContentErrors
from .load import display_path, load_guide, load_plan


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except ContentErrors as exc:
        print(exc, file=sys.stderr)
        count = len(exc.errors)
        print(f"{count} error{'s' if count != 1 else ''} found; nothing was built.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="runstrong", description="Build the RunStrong strength-training guide for runners."
    )
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    def content_option(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--content",
            type=Path,
            default=None,
            metavar="DIR",
            help="content folder (default: ./content, else the guide's own)",
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
    strict_option(p)
    p.set_defaults(run=_build)

    p = sub.add_parser("serve", help="live-reloading preview; rebuilds when content changes")
    content_option(p)
    p.add_argument("--config", type=Path, default=None, metavar="FILE")
    p.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="IP:PORT")
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
    p.add_argument("--site-url", default=None, metavar="URL", help="site the QR codes open")
    p.add_argument(
        "--config", type=Path, default=None, metavar="FILE", help="mkdocs.yml whose site_url is the default"
    )
    content_option(p)
    strict_option(p)
    p.set_defaults(run=_cards)

    p = sub.add_parser("schema", help="write JSON Schema for exercise and program files")
    content_option(p)
    p.set_defaults(run=_schema)
    return parser


def _content(args: argparse.Namespace) -> Path:
    return args.content if args.content is not None else default_content()


def _check(args: argparse.Namespace) -> int:
    from .plans import check_guide

    guide = load_guide(_content(args))
    if _plan_warnings(check_guide(_content(args), guide), args.strict):
        return 1
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


def _build(args: argparse.Namespace) -> int:
    from mkdocs.exceptions import MkDocsException

    from .plans import check_guide

    content = _content(args)
    if _plan_warnings(check_guide(content, load_guide(content)), args.strict):
        print(f"{display_path(args.site_dir)} was left as it was.", file=sys.stderr)
        return 1
    try:
        report = build_site(_content(args), args.site_dir, args.config)
    except MkDocsException as exc:
        print(f"MkDocs build failed: {exc}", file=sys.stderr)
        print(f"{display_path(args.site_dir)} was left as it was.", file=sys.stderr)
        return 1
    print(report.summary() + f" → {display_path(args.site_dir)}/")
    return 0


def _serve(args: argparse.Namespace) -> int:
    import os

    from mkdocs.commands.serve import serve

    from .build import CONTENT_ENV

    content = _content(args).resolve()
    load_guide(content)  # report content errors up front, in our format
    os.environ[CONTENT_ENV] = str(content)
    # livereload passed explicitly: Click 8.3 silently disabled MkDocs' default (ARCHITECTURE.md).
    serve(
        config_file=str(args.config or default_config()),
        livereload=True,
        dev_addr=args.dev_addr,
        docs_dir=str(content / "pages"),
    )
    return 0


def _generate(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    content = _content(args)
    guide = load_guide(content)
    files = generate(guide, site_url_of(args.config or default_config()))
    write_tree(files, content / "pages", args.out)
    print(
        f"Generated {len(files)} files (plus hand-written pages) into {display_path(args.out)}/ "
        f"in {time.perf_counter() - started:.2f} s"
    )
    return 0


def _cards(args: argparse.Namespace) -> int:
    from .cards import cards_pdf
    from .plans import check_program

    started = time.perf_counter()
    guide = load_guide(_content(args))
    program = load_plan(args.plan, guide)
    if _plan_warnings(check_program(program, guide, args.plan), args.strict):
        return 1
    weeks = sorted(set(args.week)) if args.week else None
    if weeks and not all(1 <= w <= len(program.weeks) for w in weeks):
        count = len(program.weeks)
        print(f"{display_path(args.plan)}: --week: the plan has weeks 1 to {count}", file=sys.stderr)
        return 1
    site_url = args.site_url or site_url_of(args.config or default_config())
    pdf = cards_pdf(
        guide,
        program,
        site_url,
        args.size,
        athlete=args.athlete,
        weeks=weeks,
        with_week_sheets=args.week_sheets,
    )
    out = args.output or Path(f"{args.plan.stem}-cards-{args.size}.pdf")
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.partial")
    partial.write_bytes(pdf)
    partial.replace(out)  # a reader (or a failed run) never sees half a PDF
    pages = pdf.count(b"/Type /Page\n")
    print(
        f"wrote {display_path(out)}: {pages} page{'s' if pages != 1 else ''}, {len(pdf) / 1024:.0f} KB, "
        f"in {time.perf_counter() - started:.2f} s"
    )
    return 0


def _schema(args: argparse.Namespace) -> int:
    from .schema import write_schemas

    content = _content(args)
    try:
        guide = load_guide(content)
    except ContentErrors:
        guide = None  # a schema without vocabulary enums still helps fix the errors
    for path in write_schemas(content, guide):
        print(f"wrote {display_path(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
