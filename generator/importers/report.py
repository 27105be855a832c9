"""What an import did with every record of its source: the report a coach reads
(``import-report.md``) and the one-line summary the command prints.

Nothing is dropped silently: each record is imported (the file it became) or skipped with its
reason, and every mapping, every muscle and piece of equipment added to the vocabulary and
every exercise whose steps were completed is named with the exercises concerned.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Skipped:
    record: int  # position in the source file, from 1
    id: str
    reason: str


@dataclass
class ImportReport:
    """What an import did with every record; ``markdown()`` is the report a coach reads."""

    source: str
    filled: tuple[str, ...] = ()  # the fields every exercise gets generic text for
    records: int = 0
    imported: dict[str, str] = field(default_factory=dict)  # our slug -> their id
    positions: dict[str, int] = field(default_factory=dict)  # our slug -> its record's position
    skipped: list[Skipped] = field(default_factory=list)
    mapped: dict[str, Counter[tuple[str, str]]] = field(default_factory=dict)  # field -> (theirs, ours)
    unmapped_muscles: dict[str, list[str]] = field(default_factory=dict)  # their muscle -> our slugs
    added_muscles: dict[str, list[str]] = field(default_factory=dict)  # our new id -> our slugs
    muscle_names: dict[str, str] = field(default_factory=dict)  # our new id -> their muscle
    added_equipment: dict[str, list[str]] = field(default_factory=dict)  # our new id -> our slugs
    completed_steps: dict[str, int] = field(default_factory=dict)  # slug -> the source's step count
    split_lines: dict[str, int] = field(default_factory=dict)  # slug -> instructions split to fit a line

    def count(self, what: str, theirs: object, ours: str) -> None:
        self.mapped.setdefault(what, Counter())[(_shown(theirs), ours)] += 1

    @property
    def accounted_for(self) -> bool:
        """Every record of the source was written or skipped with a reason."""
        return len(self.imported) + len(self.skipped) == self.records

    def summary(self) -> str:
        unmapped = ", ".join(f"{m} ({len(s)})" for m, s in sorted(self.unmapped_muscles.items()))
        muscles = ", ".join(f"{m} ({len(s)})" for m, s in sorted(self.added_muscles.items()))
        added = ", ".join(sorted(self.added_equipment))
        completed = len(self.completed_steps)
        return (
            f"{self.records} records: {len(self.imported)} exercises imported, {len(self.skipped)} skipped"
            + (f"; muscles added to the vocabulary: {muscles}" if muscles else "")
            + (f"; muscles not mapped: {unmapped}" if unmapped else "")
            + (f"; equipment added to the vocabulary: {added}" if added else "")
            + (f"; {completed} with generic steps added" if completed else "")
        )

    def markdown(self) -> str:
        out = [
            f"# Import report: {self.source}",
            "",
            self.summary() + ".",
            "",
            "Fields the source does not have were filled with generic text that says the exercise "
            f"was not reviewed ({', '.join(self.filled)}), and a dose by category. Review them before "
            "publishing.",
            "",
        ]
        for what, counter in sorted(self.mapped.items()):
            out += [
                f"## {what.capitalize()} mapped",
                "",
                "| theirs | ours | records |",
                "| --- | --- | --- |",
            ]
            out += [f"| {t} | {o} | {n} |" for (t, o), n in sorted(counter.items())]
            out.append("")
        out += ["## Muscles added to this folder's vocabulary", ""]
        if not self.added_muscles:
            out += ["None.", ""]
        for muscle, slugs in sorted(self.added_muscles.items()):
            out.append(
                f"- **{muscle}** (their '{self.muscle_names[muscle]}', no RunStrong equivalent; the "
                f"muscle map does not draw it): {len(slugs)} exercise(s): {', '.join(slugs)}"
            )
        if self.unmapped_muscles:
            out += ["", "## Muscles not mapped", ""]
        for muscle, slugs in sorted(self.unmapped_muscles.items()):
            left_out = f"left out of {len(slugs)} exercise(s): {', '.join(slugs)}"
            out.append(f"- **{muscle}**: gives no usable id; {left_out}")
        out += ["", "## Equipment added to this folder's vocabulary", ""]
        if not self.added_equipment:
            out += ["None.", ""]
        for equipment, slugs in sorted(self.added_equipment.items()):
            out.append(f"- **{equipment}** (no RunStrong equivalent): {len(slugs)} exercise(s)")
        out += ["", "## Records skipped", ""]
        if not self.skipped:
            out += ["None.", ""]
        out += [f"- record {s.record} ({s.id or 'no id'}): {s.reason}" for s in self.skipped]
        out += ["", "## Exercises imported (file ← record id)", ""]
        out += [f"- {slug}.yaml ← {their_id}" for slug, their_id in sorted(self.imported.items())]
        if self.completed_steps:
            out += ["", "## Generic set-up or steps added (the source gave fewer than two steps)", ""]
            completed = sorted(self.completed_steps.items())
            out += [f"- {slug}: {n} step(s) in the source" for slug, n in completed]
        if self.split_lines:
            out += ["", "## Long instructions split into several steps (no text cut)", ""]
            out += [f"- {slug}: {n}" for slug, n in sorted(self.split_lines.items())]
        return "\n".join(out).rstrip() + "\n"


def _shown(value: object) -> str:
    return "(not given)" if value is None or value == "" else str(value)
