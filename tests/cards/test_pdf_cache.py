"""PDF cache keys hash what a PDF prints (issue 11): an edit draws again exactly the PDFs that print
what it changed, and the process pool draws the same bytes as one process."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import urls
from generator.cards import draw, render_cards, subsetfont
from generator.cards.jobs import PdfJob
from generator.cards.render import POOL_MIN_JOBS
from generator.load import load_guide

from ..conftest import VALID_EXERCISE, write_content

# A real address, so QR codes (and their short links) are drawn, not preview boxes.
SITE_URL = "https://coach.github.io/runstrong/"

SQUAT = (
    VALID_EXERCISE.replace("name: Test hinge", "name: Test squat")
    .replace("aliases: [TH]", "aliases: []")
    .replace("pattern: hinge", "pattern: squat")
    .replace("required: [dumbbells]", "required: [none]")
    .replace("Hips back, weights close.", "Knees over toes, chest tall.")
)

# Two weeks: the hinge in week 1, the squat in week 2, so an edit to one exercise must leave the
# other week's PDFs alone.
PROGRAM = textwrap.dedent(
    """\
    name: Test plan
    summary: Two weeks for the tests.
    goal: Check the cache.
    level: beginner
    weeks:
      - focus: Learn the hinge
        days:
          - day: mon
            run: {type: easy, minutes: 30}
          - day: tue
            run: {type: quality, minutes: 45, description: 5 × 3 min hard}
            strength:
              name: Session A
              exercises:
                - {exercise: test-hinge, sets: 2, reps: 12, rest_seconds: 60, rpe: 6, note: Slow down.}
      - focus: Learn the squat
        days:
          - day: tue
            run: {type: easy, minutes: 30}
            strength:
              name: Session B
              exercises:
                - {exercise: test-squat, sets: 3, reps: 10, rest_seconds: 60, rpe: 7}
    """
)

SLUG = "test-plan"
PROGRAM_PDFS = {urls.program_pdf_path(SLUG, size) for size in urls.PROGRAM_PDF_SIZES}
SHEET_PDFS = {urls.program_pdf_path(SLUG, size) for size in ("a4", "letter")}  # with week sheets


def week_pdfs(week: int) -> set[str]:
    return {urls.week_pdf_path(SLUG, week, size) for size in urls.WEEK_PDF_SIZES}


ALL_PDFS = PROGRAM_PDFS | week_pdfs(1) | week_pdfs(2)


def write_guide(root: Path) -> Path:
    content = write_content(root, program=PROGRAM)
    (content / "exercises" / "test-squat.yaml").write_text(SQUAT, encoding="utf-8")
    return content


def render(content: Path, cache: Path | None, workers: int) -> dict[str, bytes]:
    return {
        f.path: f.read()
        for f in render_cards(load_guide(content), SITE_URL, cache_dir=cache, workers=workers)
    }


@pytest.fixture(scope="module")
def cold(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes], Path]:
    """The small guide drawn once in this process without a cache, and once by a pool of two
    workers into a cache that each test copies: (content, sequential PDFs, cache)."""
    root = tmp_path_factory.mktemp("pdf-cache")
    content = write_guide(root / "content")
    sequential = render(content, None, workers=1)
    cache = root / "cache"
    pooled = render(content, cache, workers=2)
    assert len(pooled) >= POOL_MIN_JOBS  # enough PDFs that the pool was used
    assert pooled == sequential
    return content, sequential, cache


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The paths of the PDFs drawn (not taken from the cache) while the test runs."""
    paths: list[str] = []
    draw_job = draw.draw_job

    def spy(job: PdfJob) -> bytes:
        paths.append(job.path)
        return draw_job(job)

    monkeypatch.setattr(draw, "draw_job", spy)
    yield paths


def edited(
    cold: tuple[Path, dict[str, bytes], Path], tmp_path: Path, edits: list[tuple[str, str, str]]
) -> Path:
    """A copy of the small guide with ``edits`` (file, old text, new text; no old text: a new
    file) made, and a copy of its cache."""
    content = tmp_path / "content"
    shutil.copytree(cold[0], content)
    shutil.copytree(cold[2], tmp_path / "cache")
    for name, old, new in edits:
        path = content / name
        if not old:
            path.write_text(new, encoding="utf-8")
            continue
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return content


HINGE = "exercises/test-hinge.yaml"
PLAN = "programs/test-plan.yaml"
EVIDENCE = (
    "  rpe: 7\n",
    "  rpe: 7\nevidence:\n  - {claim: Hinges help, source: 'Someone, J Sports', year: 2020,"
    " url: 'https://doi.org/10.1000/1'}\n",
)

# Fields no PDF prints: the site shows them, the cards and week sheets do not.
UNPRINTED: dict[str, list[tuple[str, str, str]]] = {
    "why_runners": [(HINGE, "Strong hips for the push-off.", "Strong hips for the push-off and the hills.")],
    "aliases": [(HINGE, "aliases: [TH]", "aliases: [TH, Hip hinge drill]")],
    "evidence": [(HINGE, *EVIDENCE)],
    "summary": [(HINGE, "A hinge used by the tests.", "A hinge the tests use.")],
    "steps": [(HINGE, "- Stand tall again.", "- Stand tall again, squeezing the glutes.")],
    "later cues": [
        (HINGE, "  - Hips back, weights close.\n", "  - Hips back, weights close.\n  - Breathe out.\n")
    ],
    "secondary muscles": [(HINGE, "secondary: [lower-back]", "secondary: [lower-back, adductors]")],
    "exercise tempo": [(HINGE, "  rpe: 7\n", '  rpe: 7\ntempo: "3-1-1"\n')],
    "program goal and notes": [
        (PLAN, "goal: Check the cache.", "goal: Check the cache again.\nnotes: [Warm up.]")
    ],
    "week phase": [(PLAN, "  - focus: Learn the squat\n", "  - focus: Learn the squat\n    phase: deload\n")],
    "prescription tempo": [(PLAN, "rpe: 6, note", 'rpe: 6, tempo: "3-1-1", note')],
    "an exercise no program uses": [
        ("exercises/test-lunge.yaml", "", SQUAT.replace("Test squat", "Test lunge"))
    ],
}


@pytest.mark.parametrize("field", UNPRINTED)
def test_editing_a_field_no_pdf_prints_draws_no_pdf(
    field: str, cold: tuple[Path, dict[str, bytes], Path], tmp_path: Path, drawn: list[str]
) -> None:
    content = edited(cold, tmp_path, UNPRINTED[field])
    assert render(content, tmp_path / "cache", workers=1) == cold[1]
    assert drawn == []


def test_the_unprinted_fields_really_do_not_print(
    cold: tuple[Path, dict[str, bytes], Path], tmp_path: Path
) -> None:
    """Drawn from scratch (no cache), the guide with every unprinted edit gives the same bytes:
    the keys leave out nothing a PDF prints."""
    edits = [edit for field in UNPRINTED.values() for edit in field]
    content = edited(cold, tmp_path, edits)
    assert render(content, None, workers=1) == cold[1]


# Printed fields, and exactly the PDFs that print them.
PRINTED: dict[str, tuple[list[tuple[str, str, str]], set[str]]] = {
    "the hinge's cue": (
        [(HINGE, "Hips back, weights close.", "Hips back, bar close.")],
        PROGRAM_PDFS | week_pdfs(1),
    ),
    "the squat's name": (
        [("exercises/test-squat.yaml", "name: Test squat", "name: Test back squat")],
        PROGRAM_PDFS | week_pdfs(2),
    ),
    "the hinge's equipment (kg or tick boxes)": (
        [(HINGE, "required: [dumbbells]", "required: [none]")],
        PROGRAM_PDFS | week_pdfs(1),
    ),
    "the hinge's short link (QR code)": (
        [(HINGE, "aliases: [TH]", "aliases: [TH]\nshort: th")],
        PROGRAM_PDFS | week_pdfs(1),
    ),
    "week 2's focus (week sheets only)": (
        [(PLAN, "focus: Learn the squat", "focus: Squat deeper")],
        SHEET_PDFS | {urls.week_pdf_path(SLUG, 2, "a4"), urls.week_pdf_path(SLUG, 2, "letter")},
    ),
    "week 1's run (week sheets only)": (
        [(PLAN, "5 × 3 min hard", "6 × 3 min hard")],
        SHEET_PDFS | week_pdfs(1),
    ),
    "week 1's dose": ([(PLAN, "sets: 2, reps: 12", "sets: 2, reps: 10")], PROGRAM_PDFS | week_pdfs(1)),
    "week 1's note": ([(PLAN, "note: Slow down.", "note: Slower down.")], PROGRAM_PDFS | week_pdfs(1)),
    "the program's name": ([(PLAN, "name: Test plan", "name: Test plan B")], ALL_PDFS),
}


@pytest.mark.parametrize("field", PRINTED)
def test_editing_a_printed_field_draws_exactly_the_pdfs_that_print_it(
    field: str, cold: tuple[Path, dict[str, bytes], Path], tmp_path: Path, drawn: list[str]
) -> None:
    edits, expected = PRINTED[field]
    content = edited(cold, tmp_path, edits)
    pdfs = render(content, tmp_path / "cache", workers=1)
    assert sorted(drawn) == sorted(expected)
    assert {p for p in pdfs if pdfs[p] != cold[1][p]} == expected  # each drawn PDF did change
    assert render(content, tmp_path / "cache", workers=1) == pdfs and len(drawn) == len(expected)


def test_a_drawing_error_is_raised(
    cold: tuple[Path, dict[str, bytes], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> bytes:
        raise ValueError("the printer is on fire")

    # In this process; workers start fresh (spawn), so tests/test_workers.py checks that a
    # worker's error is raised here as it was there.
    monkeypatch.setattr(draw, "draw_pdf", broken)
    with pytest.raises(ValueError, match="the printer is on fire"):
        render(cold[0], None, workers=1)


def test_a_font_subset_is_cut_once_for_every_process_and_again_when_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(subsetfont.tempfile, "gettempdir", lambda: str(tmp_path))
    font = subsetfont.FONT_FILES["sans", ""]
    cut = subsetfont.subset_file.__wrapped__  # without this process's memo: as another process
    target = cut(font)
    good = target.read_bytes()
    assert good.startswith(b"\x00\x01\x00\x00") and target.parent == tmp_path

    def no_cutting(path: Path) -> bytes:
        raise AssertionError("the subset was cut again")

    with monkeypatch.context() as m:
        m.setattr(subsetfont, "_subset", no_cutting)
        assert cut(font) == target  # found made, and checked
    target.write_bytes(good[:1000])  # a damaged file (a full disk, a crash) is cut again
    assert cut(font).read_bytes() == good
