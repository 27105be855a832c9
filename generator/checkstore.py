"""What a load's checks keep in the render cache, so a build after one edit checks only what
the edit touched: each program's plan findings, keyed by everything its checks read, and the
figure checks, keyed by the checking code.

A cache that cannot be written (read-only) costs only the checks' time: nothing here fails a
build.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cache import Cache

if TYPE_CHECKING:
    from .model import Guide
    from .plans import Finding


def plan_findings(content: Path, guide: Guide, root: Path | None) -> list[Finding]:
    """The plan checks' findings for every program (``plans.check_guide``), each program's kept
    in the render cache by everything its checks read (``plans.check_inputs``) and the checking
    code: a build after an exercise edit checks only the programs that use it (re-reading a
    program's file for its lines is most of a check)."""
    from .arrange import checking_code
    from .plans import Finding, check_inputs, check_program

    store = Cache(root, "findings", linkable=False) if root is not None else None
    findings: list[Finding] = []
    for slug, program in guide.programs.items():
        file = content / "programs" / f"{slug}.yaml"
        digest = hashlib.sha256(f"{checking_code()}\0{file}\0".encode())
        digest.update(check_inputs(program, guide, file))
        key = digest.hexdigest()
        kept = store.get(key) if store is not None else None
        try:
            found = [Finding(*row) for row in json.loads(kept)] if kept is not None else None
        except (ValueError, TypeError):
            found = None  # not ours: checked again
        if found is None:
            found = check_program(program, guide, file)
            if store is not None:
                rows = [[f.file, f.line, f.column, f.rule, f.message] for f in found]
                with contextlib.suppress(OSError):  # a read-only cache costs only the checks' time
                    store.put(key, json.dumps(rows).encode("utf-8"))
        findings += found
    return sorted(findings)


@dataclass
class FigureChecks:
    """The figure checks of the last load, in the render cache, keyed by the checking code."""

    cache: Any
    key: str
    _read: dict[str, Any] | None = None

    def read(self) -> dict[str, Any]:
        if self._read is None:
            data = self.cache.get(self.key) if self.cache is not None else None
            try:
                loaded = json.loads(data) if data else {}
            except ValueError:
                loaded = {}
            self._read = (
                {k: [(tuple(path), message) for path, message in v] for k, v in loaded.items()}
                if isinstance(loaded, dict)
                else {}
            )
        return self._read

    def write(self, checks: dict[str, Any]) -> None:
        if self.cache is None:
            return
        with contextlib.suppress(OSError):  # a read-only cache costs only the checks' time
            self.cache.put(self.key, json.dumps(checks, sort_keys=True).encode("utf-8"))


def figure_checks(root: Path | None) -> FigureChecks:
    # The checking code: the model and every module of the figures package it may call.
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in [package / "model.py", *sorted((package / "figures").glob("*.py"))]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return FigureChecks(Cache(root, "checks", linkable=False), digest.hexdigest())
