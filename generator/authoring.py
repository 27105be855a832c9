"""The commands that make or extend a guide's folder rather than publish it: ``runstrong import``,
``runstrong new`` and ``runstrong schema``."""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from .commands import content_of
from .errors import ContentErrors, display_path
from .failures import UsageError


def import_library(args: argparse.Namespace) -> int:
    from .importers import import_free_exercise_db
    from .importers.free_exercise_db import REPORT_FILE

    started = time.perf_counter()
    if args.out.exists() and (not args.out.is_dir() or any(args.out.iterdir())):
        raise UsageError(f"--out {display_path(args.out)}: exists and is not an empty folder; name a new one")
    from .outputs import check_new_folder

    check_new_folder(args.out, "--out", [("the content folder", content_of(args)), ("the export", args.file)])
    report = import_free_exercise_db(args.file, args.out, content_of(args))
    out = display_path(args.out)
    print(report.summary())
    print(
        f"wrote {out}/ in {time.perf_counter() - started:.2f} s; the report is {out}/{REPORT_FILE}; "
        f"next: runstrong build --content {out}"
    )
    return 0


def new(args: argparse.Namespace) -> int:
    from .outputs import check_new_folder
    from .scaffold import new_guide  # the starter guide and the copy (generator/scaffold.py)

    content = Path("content")
    check_new_folder(args.folder, "", [("the content folder", content)] if content.is_dir() else [])
    print(new_guide(args.folder, args.site_url).summary())
    return 0


def schema(args: argparse.Namespace) -> int:
    from .install import is_packaged
    from .load import load_guide
    from .schema import write_schemas

    content = content_of(args)
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
