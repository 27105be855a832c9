"""`runstrong cards`: a coach's plan in, a PDF out, from any folder; bad slugs point at the line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pypdfium2 as pdfium

from ..conftest import CONTENT
from ..test_cli import runstrong

PLAN = CONTENT / "programs" / "foundation.yaml"


def test_cards_from_any_folder_write_the_same_bytes_every_time(tmp_path: Path) -> None:
    """Run twice, in two processes, from a folder with no content: byte-identical PDFs."""
    shutil.copy(PLAN, tmp_path / "plan.yaml")
    outputs = []
    for name in ("one.pdf", "two.pdf"):
        result = runstrong(
            "cards",
            "plan.yaml",
            "-o",
            name,
            "--size",
            "letter",
            "--week",
            "1",
            "--athlete",
            "Zoë",
            cwd=tmp_path,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith(f"wrote {name}: 2 pages, ")
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1]
    doc = pdfium.PdfDocument(outputs[0])
    assert [doc[i].get_size() for i in range(len(doc))] == [(612.0, 792.0)] * 2
    assert "Zoë" in doc[0].get_textpage().get_text_range()


def test_misspelt_slug_exits_1_with_line_column_and_a_suggestion(tmp_path: Path) -> None:
    text = PLAN.read_text(encoding="utf-8")
    line = (
        text.splitlines().index(next(s for s in text.splitlines() if "exercise: romanian-deadlift" in s)) + 1
    )
    (tmp_path / "plan.yaml").write_text(
        text.replace("romanian-deadlift", "romanian-deadlfit", 1), encoding="utf-8"
    )
    result = runstrong("cards", "plan.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    column = text.splitlines()[line - 1].index("romanian-deadlift") + 1
    assert (
        f"plan.yaml:{line}:{column}: weeks[0].days[1].strength.exercises[1].exercise: "
        "'romanian-deadlfit' is not an exercise in this guide (did you mean 'romanian-deadlift'?)"
    ) in result.stderr
    assert result.stderr.strip().endswith("1 error found; nothing was built.")
    assert not list(tmp_path.glob("*.pdf"))
