"""``runstrong cards``: a coach's plan checked against the guide and printed as session cards."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .commands import config_of, content_of, guide_of, plan_warnings, record_short_links
from .errors import ContentError, ContentErrors, display_path
from .failures import UsageError, check_output_file


def cards(args: argparse.Namespace) -> int:
    """Cards for one plan or several: every plan is checked (every error of every plan in one
    run) before any PDF is written, so a typo in the third plan leaves no half-printed set."""
    from .cards import cards_pdf
    from .glyphs import problem
    from .plans import check_program

    plans: list[Path] = args.plan
    outs = _card_outputs(plans, args.output, args.size)  # before the work, not after it
    from .outputs import check_output_file as check_not_an_input

    inputs = [("the plan", plan) for plan in plans] + [("the content folder", content_of(args))]
    inputs += [("the config", args.config)] if args.config else []
    for out in outs:
        check_not_an_input(out, "-o", inputs, magic=b"%PDF-")
    if args.athlete is not None and (why := problem(args.athlete) or _one_line(args.athlete)):
        raise UsageError(f"--athlete: {why}")
    from .load import load_plan

    guide = guide_of(content_of(args))
    record_short_links(content_of(args), guide)
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
    if plan_warnings(findings, args.strict):
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

    site_url = args.site_url or site_url_of(config_of(args))
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
