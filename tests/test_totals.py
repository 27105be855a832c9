"""Weekly totals of a program, computed from its prescriptions (shown on every program page)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.load import load_guide
from generator.pages.render import render_pages
from generator.totals import CHANGEOVER_SECONDS, REP_SECONDS, groups_used, session_minutes, week_totals

from .conftest import VALID_EXERCISE, VALID_PROGRAM

Write = Callable[[str, str], Path]

# A plyometric exercise for the fixture guide: primary movers in two groups (calves, thighs).
HOPS = (
    VALID_EXERCISE.replace("name: Test hinge", "name: Test hops")
    .replace("aliases: [TH]", "aliases: [HOP]")
    .replace("category: strength", "category: plyometric")
    .replace("pattern: hinge", "pattern: hop")
    .replace("primary: [hamstrings, glute-max]", "primary: [gastrocnemius, quadriceps]")
    .replace("  reps: 10\n", "  contacts: 20\n")
    .replace("  rpe: 7\n", "")
)

PROGRAM = VALID_PROGRAM.replace(
    "        run: {type: long, km: 14}\n",
    """        run: {type: long, km: 14}
      - day: thu
        run: {type: quality, minutes: 40}
        strength:
          name: Session B
          exercises:
            - {exercise: test-hops, sets: 3, contacts: 10, per_side: true, rest_seconds: 90}
            - {exercise: test-hinge, sets: 3, reps: 5, rest_seconds: 120, rpe: 8}
  - focus: Lighter
    days:
      - day: tue
        run: {type: quality, minutes: 40}
        strength:
          name: Session A
          exercises:
            - {exercise: test-hinge, sets: 1, reps: 12, rest_seconds: 60, rpe: 6}
""",
)
assert PROGRAM != VALID_PROGRAM


def test_week_totals_count_sets_by_group_contacts_and_minutes(content: Path, write: Write) -> None:
    write("exercises/test-hops.yaml", HOPS)
    write("programs/test-plan.yaml", PROGRAM)
    guide = load_guide(content)
    program = guide.programs["test-plan"]
    rows = week_totals(program, guide)
    first, second = rows
    assert (first.week, first.sessions, second.week, second.sessions) == (1, 2, 2, 1)
    # Hinge sets (2 + 3: hamstrings, glute max) count for Thighs and Hips; hop sets (3, per side,
    # counted once: calves, quads) for Lower legs and Thighs. Order: the vocabulary's.
    assert first.sets == {"Hips and glutes": 5, "Thighs": 8, "Lower legs and feet": 3}
    assert first.contacts == 3 * 10 * 2
    assert (second.contacts, second.sets) == (0, {"Hips and glutes": 1, "Thighs": 1})
    assert groups_used(rows, guide) == list(first.sets)  # every group, in vocabulary order


def test_session_minutes_add_work_rest_and_changeovers(content: Path) -> None:
    guide = load_guide(content)
    session = guide.programs["test-plan"].weeks[0].days[1].strength
    assert session is not None
    # 2 sets × (12 reps × 4 s + 60 s rest) + one changeover.
    seconds = 2 * (12 * REP_SECONDS + 60) + CHANGEOVER_SECONDS
    assert session_minutes(session, guide) == round(seconds / 60)


def test_the_program_page_shows_the_totals(content: Path, write: Write) -> None:
    write("exercises/test-hops.yaml", HOPS)
    write("programs/test-plan.yaml", PROGRAM)
    guide = load_guide(content)
    page = next(f for f in render_pages(guide) if f.path == "programs/test-plan.md").content.decode()
    assert '<summary><h2 id="totals">Weekly totals</h2></summary>' in page  # a fold after the weeks
    rows = [line for line in page.splitlines() if line.startswith("| [")]
    assert rows[0].startswith("| [1](#week-1) | 2 | ")
    assert "| 60 |" in rows[0]
    assert rows[1].startswith("| [2](#week-2) | 1 | ") and "| — |" in rows[1]
