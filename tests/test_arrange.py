"""Fit a program to the runner's week: every offered layout keeps the guide's rules.

The checks here run over every program of the guide (more programs and stricter rules land
without touching this file), and over small plans of our own where a layout must be refused.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from generator.arrange import (
    LONG_RUNS,
    Arrangement,
    _arrangements,
    arrangements,
    mapping,
    quality_days,
    rearranged,
    usual_day,
)
from generator.cache import Cache
from generator.model import WEEKDAY_NAMES, Guide, Program, RunType, Weekday
from generator.pages.render import render_pages
from generator.plans import check_program, weekly_findings

from .conftest import CONTENT, real_arrangements, real_guide

GUIDE = real_guide()
ARRANGED = real_arrangements()
NOWHERE = Path("<no file>")


@pytest.mark.parametrize("slug", sorted(GUIDE.programs))
def test_every_offered_layout_of_every_program_passes_the_plan_checks(slug: str) -> None:
    program = GUIDE.programs[slug]
    found = ARRANGED[slug]
    offered = [a for a in found if a.offered]
    assert offered, f"{slug}: no layout offered at all"
    for a in offered:
        moved = rearranged(program, a.days)
        assert check_program(moved, GUIDE, NOWHERE) == [], (slug, a.key)


@pytest.mark.parametrize("slug", sorted(GUIDE.programs))
def test_each_layout_moves_whole_days_and_puts_the_runs_where_asked(slug: str) -> None:
    program = GUIDE.programs[slug]
    written_long = usual_day(program, LONG_RUNS)
    written_quality = quality_days(program, written_long)
    found = ARRANGED[slug]
    assert sum(a.is_written for a in found) == 1 and found[0].is_written
    assert found[0].offered, f"{slug}: the program as written breaks its own rules"
    keys = [a.key for a in found]
    assert len(keys) == len(set(keys))
    for a in found:
        assert sorted(a.days.values()) == sorted(Weekday), (slug, a.key)  # a permutation of the week
        if written_long is not None:
            assert a.days[written_long] is a.long
        assert tuple(a.days[q] for q in written_quality) == a.quality
        moved = rearranged(program, a.days)
        for before, after in zip(program.weeks, moved.weeks, strict=True):
            by_day = {d.day: d for d in after.days}
            for d in before.days:
                # The run and the session travel together.
                assert by_day[a.days[d.day]].run == d.run and by_day[a.days[d.day]].strength == d.strength
    # Every long-run day a runner may name is considered, offered or not.
    if written_long is not None:
        assert {a.long for a in found} == set(Weekday)


def _plan(days: dict[str, dict[str, object]], weeks: int = 2) -> Program:
    return Program.model_validate(
        {
            "name": "Layout test",
            "summary": "A plan for the layout tests.",
            "goal": "Test layouts.",
            "level": "intermediate",
            "runner": {
                "run_days": sum(1 for d in days.values() if d["run"]["type"] != "rest"),
                "weekly_km": 30,  # type: ignore[index]
                "long_run_km": 12,
            },
            "weeks": [
                {"focus": f"Week {w}", "days": [{"day": k, **v} for k, v in days.items()]}
                for w in range(weeks)
            ],
        }
    )


HEAVY = {
    "name": "Heavy legs",
    "exercises": [{"exercise": "half-squat", "sets": 4, "reps": 4, "rest_seconds": 180, "rpe": 8}],
}
HOPS = {
    "name": "Hops",
    "exercises": [{"exercise": "pogo-hops", "sets": 3, "contacts": 20, "rest_seconds": 90}],
}


def _found(program: Program) -> list[Arrangement]:
    return arrangements(program, GUIDE, NOWHERE)


# The small plans below may break other rules of the guide (balance, volume…): these tests
# look at the rule each is about, with an oracle of their own for when it must fire.
def _rules(a: Arrangement) -> set[str]:
    return {f.rule for f in a.findings}


def test_a_layout_that_puts_heavy_legs_before_the_long_run_is_refused_with_the_reason() -> None:
    # Heavy legs after Tuesday's quality run, four days before a Saturday long run: fine as
    # written. Quality runs on the day before the long run would bring the session with them.
    plan = _plan(
        {
            "mon": {"run": {"type": "rest"}},
            "tue": {"run": {"type": "quality", "minutes": 40}, "strength": HEAVY},
            "wed": {"run": {"type": "easy", "minutes": 30}},
            "thu": {"run": {"type": "easy", "minutes": 30}},
            "fri": {"run": {"type": "rest"}},
            "sat": {"run": {"type": "long", "km": 12}},
            "sun": {"run": {"type": "rest"}},
        }
    )
    found = _found(plan)
    assert found[0].key == "sat-tue" and "heavy-before-key-run" not in _rules(found[0])
    order = list(Weekday)
    for a in found:
        assert a.long is not None
        day_before = order[(order.index(a.long) - 1) % 7]
        assert ("heavy-before-key-run" in _rules(a)) is (a.quality == (day_before,)), a.key
        assert not a.offered or "heavy-before-key-run" not in _rules(a)
    assert sum("heavy-before-key-run" in _rules(a) for a in found) == 7  # one per long-run day


def _plyo_days(plan: Program) -> list[int]:
    return sorted(
        w * 7 + list(Weekday).index(d.day)
        for w, week in enumerate(plan.weeks)
        for d in week.days
        if d.strength and any(p.contacts for p in d.strength.exercises)
    )


def test_jump_sessions_kept_48_hours_apart_in_every_offered_layout() -> None:
    plan = _plan(
        {
            "mon": {"run": {"type": "easy", "minutes": 30}, "strength": HOPS},
            "tue": {"run": {"type": "quality", "minutes": 40}},
            "wed": {"run": {"type": "easy", "minutes": 30}, "strength": HOPS},
            "thu": {"run": {"type": "rest"}},
            "fri": {"run": {"type": "quality", "minutes": 40}, "strength": HOPS},
            "sat": {"run": {"type": "rest"}},
            "sun": {"run": {"type": "long", "km": 12}},
        }
    )
    found = _found(plan)
    for a in found:
        days = _plyo_days(rearranged(plan, a.days))
        too_close = any(later - earlier < 2 for earlier, later in itertools.pairwise(days))
        assert ("plyometric-spacing" in _rules(a)) is too_close, a.key
    assert "plyometric-spacing" not in _rules(found[0])
    assert any("plyometric-spacing" in _rules(a) for a in found)


def test_mapping_keeps_the_other_days_in_order_after_the_long_run() -> None:
    program = GUIDE.programs[sorted(GUIDE.programs)[0]]
    long = usual_day(program, LONG_RUNS)
    if long is None:
        pytest.skip("the first program has no long run")
    days = mapping(program, Weekday.sat, tuple(d for d in quality_days(program, long)))
    assert days[long] is Weekday.sat
    assert mapping(program, long, quality_days(program, long)) == {d: d for d in Weekday}


def test_a_plan_without_a_long_run_has_the_written_layout_only() -> None:
    plan = _plan(
        {
            "tue": {"run": {"type": "easy", "minutes": 30}, "strength": HEAVY},
            "thu": {"run": {"type": "easy", "minutes": 30}},
        }
    )
    found = _found(plan)
    assert [a.key for a in found] == ["as-written"] and found[0].is_written


def test_the_program_page_says_which_long_run_days_are_offered_and_why_not() -> None:
    pages = {f.path: f.content.decode() for f in render_pages(GUIDE, arrangements=ARRANGED)}
    for slug, found in ARRANGED.items():
        page = pages[f"programs/{slug}.md"]
        longs = {a.long for a in found if a.long is not None}
        for day in longs:
            offered = any(a.offered for a in found if a.long is day)
            name = WEEKDAY_NAMES[day]
            line = next(line for line in page.splitlines() if line.startswith(f"- **Long run on {name}:**"))
            assert ("not offered: " in line) is (not offered), (slug, line)
            if not offered:
                assert "[" in line and "]" in line  # the rule's name, as the plan checks say it


def test_a_race_written_on_the_long_run_day_moves_with_it() -> None:
    for slug, found in ARRANGED.items():
        program = GUIDE.programs[slug]
        long = usual_day(program, LONG_RUNS)
        raced = {d.day for w in program.weeks for d in w.days if d.run.type is RunType.race}
        for a in found:
            if not a.offered or raced != {long}:
                continue
            moved = rearranged(program, a.days)
            assert {d.day for w in moved.weeks for d in w.days if d.run.type is RunType.race} == {a.long}


def _fresh(program: Program, guide: Guide, file: Path) -> list[tuple[str, tuple[str, ...]]]:
    """The findings of every layout, checked again now (no memo, no store)."""
    return [
        (a.key, tuple(f"{f.line}:{f.rule}:{f.message}" for f in a.findings))
        for a in _arrangements(program, guide, file)
    ]


def _kept(found: list[Arrangement]) -> list[tuple[str, tuple[str, ...]]]:
    return [(a.key, tuple(f"{f.line}:{f.rule}:{f.message}" for f in a.findings)) for a in found]


def test_the_kept_checks_follow_the_whole_library_the_balance_rule_reads(tmp_path: Path) -> None:
    # The balance rule names a family missing from two weeks only when the library can fill it,
    # so adding or removing exercises elsewhere in the library changes a program's findings
    # though none of its own exercises changed.
    plan = _plan(
        {
            "tue": {"run": {"type": "easy", "minutes": 30}, "strength": HEAVY},
            "sun": {"run": {"type": "long", "km": 12}},
        }
    )
    whole = GUIDE
    alone = GUIDE.model_copy(update={"exercises": {"half-squat": GUIDE.exercises["half-squat"]}})
    assert _fresh(plan, whole, NOWHERE) != _fresh(plan, alone, NOWHERE)  # the case is real
    store = Cache(tmp_path / "cache", "arrangements")
    for guide in (whole, alone, whole):
        assert _kept(arrangements(plan, guide, NOWHERE)) == _fresh(plan, guide, NOWHERE)
        assert _kept(arrangements(plan, guide, NOWHERE, store)) == _fresh(plan, guide, NOWHERE)


def test_the_kept_checks_follow_the_lines_of_the_file_they_point_at(tmp_path: Path) -> None:
    # A finding names a line of the program's file: a comment added above moves every line, and
    # the program itself (what the checks read) is unchanged.
    slug = next(s for s, found in ARRANGED.items() if any(a.findings for a in found))
    source = CONTENT / "programs" / f"{slug}.yaml"
    file = tmp_path / f"{slug}.yaml"
    file.write_bytes(source.read_bytes())
    program = GUIDE.programs[slug]
    store = Cache(tmp_path / "cache", "arrangements")
    before = _kept(arrangements(program, GUIDE, file, store))
    assert before == _fresh(program, GUIDE, file)
    file.write_bytes(
        b"# A coach's note, three lines long,\n# above everything,\n# moves every line down.\n"
        + source.read_bytes()
    )
    after = _kept(arrangements(program, GUIDE, file, store))
    assert after == _fresh(program, GUIDE, file) and after != before


def _whole_checks_agree(program: Program, file: Path) -> list[Arrangement]:
    """Each arrangement's findings, made with the written program's weekly findings, are what a
    whole check of that arrangement finds; the weekly rules find the same in every one."""
    written = weekly_findings(program, GUIDE, file)
    found = _arrangements(program, GUIDE, file)
    for a in found:
        moved = rearranged(program, a.days)
        assert weekly_findings(moved, GUIDE, file) == written, a.key
        assert a.findings == tuple(check_program(moved, GUIDE, file)), a.key
    return found


@pytest.mark.parametrize("slug", ["marathon", "return-to-running", "no-kit-15"])
def test_an_arrangement_finds_what_a_whole_check_of_it_finds(slug: str) -> None:
    # The program's own file: the findings name its lines.
    _whole_checks_agree(GUIDE.programs[slug], CONTENT / "programs" / f"{slug}.yaml")


def test_a_plan_the_weekly_rules_refuse_is_refused_alike_in_every_arrangement() -> None:
    """Six weeks of the same heavy legs and nothing else: no lighter week, families missing, and
    a runner who runs more days than declared; every arrangement says so."""
    days = {
        "mon": {"run": {"type": "easy", "km": 5}, "strength": HEAVY},
        "tue": {"run": {"type": "rest"}},
        "wed": {"run": {"type": "quality", "km": 6}},
        "thu": {"run": {"type": "easy", "km": 5}, "strength": HEAVY},
        "sat": {"run": {"type": "rest"}},
        "sun": {"run": {"type": "long", "km": 12}},
    }
    plan = _plan(days, weeks=6)
    plan = plan.model_copy(update={"runner": plan.runner.model_copy(update={"run_days": 3})})  # type: ignore[union-attr]
    weekly = {f.rule for f in weekly_findings(plan, GUIDE, NOWHERE)}
    assert {"no-lighter-week", "balance", "runner"} <= weekly
    found = _whole_checks_agree(plan, NOWHERE)
    assert len(found) > 1 and all(weekly <= _rules(a) for a in found)
