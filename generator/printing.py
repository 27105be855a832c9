"""``runstrong cards``: a coach's plan checked against the guide and printed as session cards."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .commands import config_of, content_of, guide_of, plan_warnings, record_short_links
from .errors import ContentError, display_path
from .failures import UsageError, check_output_file


def cards(args: argparse.Namespace) -> int:
    from .cards import cards_pdf
    from .glyphs import problem
    from .plans import check_program

    started = time.perf_counter()
    out = args.output or Path(f"{args.plan.stem}-cards-{args.size}.pdf")
    check_output_file(out, "-o")  # before the work, not after it
    from .outputs import check_output_file as check_not_an_input

    inputs = [("the plan", args.plan), ("the content folder", content_of(args))]
    inputs += [("the config", args.config)] if args.config else []
    check_not_an_input(out, "-o", inputs, magic=b"%PDF-")
    if args.athlete is not None and (why := problem(args.athlete) or _one_line(args.athlete)):
        raise UsageError(f"--athlete: {why}")
    from .load import load_plan

    guide = guide_of(content_of(args))
    record_short_links(content_of(args), guide)
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
