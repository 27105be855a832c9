"""The exercise fields a runner's library needs: contacts, tempo, substitutes, evidence, runner."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.errors import ContentErrors
from generator.load import load_guide
from generator.model import Kit
from generator.pages.render import render_pages
from generator.substitutes import substitutes

from .conftest import VALID_EXERCISE, VALID_PROGRAM

Write = Callable[[str, str], Path]


def errors_of(content: Path) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        load_guide(content)
    return [
        str(e).replace(str(content) + "/", "").replace(str(content.resolve()) + "/", "")
        for e in caught.value.errors
    ]


HOPS = (
    VALID_EXERCISE.replace("name: Test hinge", "name: Test hops")
    .replace("aliases: [TH]", "aliases: [HOP]")
    .replace("category: strength", "category: plyometric")
    .replace("pattern: hinge", "pattern: hop")
    .replace("required: [dumbbells]", "required: [none]")
    .replace("  reps: 10\n", "  contacts: 20\n")
    .replace("  rpe: 7\n", "")
)


def test_a_plyometric_exercise_is_dosed_in_contacts_without_rpe(content: Path, write: Write) -> None:
    write("exercises/test-hops.yaml", HOPS)
    guide = load_guide(content)
    assert guide.exercises["test-hops"].dose.contacts == 20
    assert guide.exercises["test-hops"].dose.rpe is None


def test_contacts_rules(content: Path, write: Write) -> None:
    write("exercises/test-hops.yaml", HOPS.replace("  contacts: 20\n", "  reps: 20\n  rpe: 7\n"))
    write(
        "exercises/with-rpe.yaml",
        HOPS.replace("Test hops", "With rpe").replace("[HOP]", "[WR]") + "  rpe: 7\n",
    )
    write(
        "exercises/lifted.yaml",
        VALID_EXERCISE.replace("Test hinge", "Lifted")
        .replace("[TH]", "[LI]")
        .replace("  reps: 10\n", "  contacts: 10\n"),
    )
    assert errors_of(content) == [
        "exercises/lifted.yaml:32:3: dose: a contacts dose has no 'rpe': jumps stop when landings get loud, not at an RPE",
        "exercises/test-hops.yaml:32:3: dose: a plyometric exercise is dosed in foot contacts: use 'contacts', no rpe",
        "exercises/with-rpe.yaml:32:3: dose: a contacts dose has no 'rpe': jumps stop when landings get loud, not at an RPE",
    ]


def test_a_dose_without_rpe_needs_contacts(content: Path, write: Write) -> None:
    write("exercises/test-hinge.yaml", VALID_EXERCISE.replace("  rpe: 7\n", ""))
    assert errors_of(content) == [
        "exercises/test-hinge.yaml:32:3: dose: missing required field 'rpe' (only a contacts dose goes without one)"
    ]


def test_prescriptions_follow_the_exercise_kind(content: Path, write: Write) -> None:
    write("exercises/test-hops.yaml", HOPS)
    line = "            - {exercise: test-hinge, sets: 2, reps: 12, rest_seconds: 60, rpe: 6}\n"
    assert line in VALID_PROGRAM
    plan = VALID_PROGRAM.replace(
        line,
        "            - {exercise: test-hinge, sets: 2, contacts: 12, rest_seconds: 60}\n"
        "            - {exercise: test-hops, sets: 2, reps: 12, rest_seconds: 60, rpe: 6}\n",
    )
    write("programs/test-plan.yaml", plan)
    assert errors_of(content) == [
        "programs/test-plan.yaml:16:57: weeks[0].days[1].strength.exercises[0].contacts: "
        "'test-hinge' is not plyometric: prescribe reps or seconds",
        "programs/test-plan.yaml:17:26: weeks[0].days[1].strength.exercises[1].exercise: "
        "'test-hops' is plyometric: prescribe 'contacts' per set, no rpe",
    ]


@pytest.mark.parametrize("tempo", ["3-1", "3-1-1-1", "11-0-1", "three", "3–1–1"])
def test_tempo_is_three_numbers(content: Path, write: Write, tempo: str) -> None:
    write("exercises/test-hinge.yaml", VALID_EXERCISE + f'tempo: "{tempo}"\n')
    (error,) = errors_of(content)
    assert error == (
        f"exercises/test-hinge.yaml:36:8: tempo: '{tempo}' is not a tempo: seconds "
        "lowering-pause-lifting, e.g. '3-1-1' (each 0–10)"
    )


def test_tempo_shows_on_the_page(content: Path, write: Write) -> None:
    write("exercises/test-hinge.yaml", VALID_EXERCISE + 'tempo: "3-1-1"\n')
    page = _page(content, "exercises/test-hinge.md")
    assert "**Tempo:** 3 s down, 1 s pause, 1 s up (3-1-1)" in page
    # The dose table is finished HTML (pages/htmlblocks.py), a cell a line.
    assert "<th>Tempo</th>" in page
    assert "<td>3 × 10</td>\n<td>60 s</td>\n<td>RPE 7 (about 3 reps in reserve)</td>\n<td>3-1-1</td>" in page


def test_substitute_slugs_are_checked_with_a_hint(content: Path, write: Write) -> None:
    write("exercises/test-hinge.yaml", VALID_EXERCISE + "substitutes:\n  none: {exercise: test-hopz}\n")
    write("exercises/test-hops.yaml", HOPS + "substitutes:\n  gym: {exercise: test-hops}\n")
    assert errors_of(content) == [
        "exercises/test-hinge.yaml:37:20: substitutes.none.exercise: 'test-hopz' is not an exercise in this guide"
        " (did you mean 'test-hops'?)",
        "exercises/test-hops.yaml:36:19: substitutes.gym.exercise: an exercise cannot be its own substitute",
    ]


def test_substitutes_are_written_or_computed(content: Path, write: Write) -> None:
    # test-hinge needs dumbbells: no kit takes its easier version that needs none; the gym row
    # is the exercise itself; a written dumbbells row wins.
    bridge = (
        VALID_EXERCISE.replace("name: Test hinge", "name: Test bridge")
        .replace("aliases: [TH]", "aliases: [TB]")
        .replace("required: [dumbbells]", "required: [none]")
    )
    write("exercises/test-bridge.yaml", bridge)
    write(
        "exercises/test-hinge.yaml",
        VALID_EXERCISE.replace(
            "  - name: Lighter weights\n    how: Use half the load.\n", "  - exercise: test-bridge\n"
        )
        + "substitutes:\n  dumbbells: {name: Tempo hinge, how: Three seconds down.}\n",
    )
    guide = load_guide(content)
    found = {s.kit: s for s in substitutes(guide, "test-hinge")}
    assert found[Kit.none].variation is not None and found[Kit.none].variation.exercise == "test-bridge"
    assert found[Kit.none].computed
    assert found[Kit.dumbbells].variation is not None and found[Kit.dumbbells].variation.name == "Tempo hinge"
    assert found[Kit.gym].variation is None
    page = _page(content, "exercises/test-hinge.md")
    assert "## No kit, dumbbells or gym { #substitutes }" in page
    # The list is finished HTML (pages/htmlblocks.py): links as MkDocs resolves them.
    assert '<li><strong>No kit:</strong> <a href="../test-bridge/">Test bridge</a></li>' in page
    assert "<li><strong>Dumbbells:</strong> <strong>Tempo hinge</strong> — Three seconds down.</li>" in page
    assert "<li><strong>Gym:</strong> this exercise, as written.</li>" in page
    # The bridge needs nothing: one line for every kit.
    assert "<li><strong>No kit, dumbbells and gym:</strong> this exercise, as written.</li>" in _page(
        content, "exercises/test-bridge.md"
    )


def test_a_kit_without_a_swap_says_so(content: Path) -> None:
    # The only exercise needs dumbbells and has no library variations: nothing to compute.
    page = _page(content, "exercises/test-hinge.md")
    assert "<li><strong>No kit:</strong> no swap in the guide yet; try an easier version above.</li>" in page
    assert "<li><strong>Dumbbells and gym:</strong> this exercise, as written.</li>" in page


def test_evidence_shows_under_why_runners(content: Path, write: Write) -> None:
    evidence = (
        "evidence:\n"
        "  - claim: Heavy lifting improved running economy.\n"
        "    source: Støren et al., Med Sci Sports Exerc\n"
        "    year: 2008\n"
        "    url: https://doi.org/10.1249/MSS.0b013e31816a1c59\n"
    )
    write("exercises/test-hinge.yaml", VALID_EXERCISE + evidence)
    page = _page(content, "exercises/test-hinge.md")
    # Why runners do it follows the how-to (issue 18); the muscles come after it.
    why, _rest = page.split("## Why runners do it", 1)[1].split("## Muscles worked", 1)
    assert (
        "- Heavy lifting improved running economy. ([Støren et al., Med Sci Sports Exerc, 2008]"
        "(https://doi.org/10.1249/MSS.0b013e31816a1c59))" in why
    )


def test_a_runner_needs_volume_and_long_run(content: Path, write: Write) -> None:
    write(
        "programs/test-plan.yaml",
        VALID_PROGRAM.replace("level: beginner\n", "level: beginner\nrunner: {run_days: 3}\n"),
    )
    assert errors_of(content) == [
        "programs/test-plan.yaml:6:9: runner: give the weekly volume: 'weekly_km' or 'weekly_minutes'"
    ]


def _page(content: Path, path: str) -> str:
    return next(f for f in render_pages(load_guide(content)) if f.path == path).content.decode()
