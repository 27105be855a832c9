"""What a build draws when (generator/schedule.py): the pictures nobody reads until the site is
assembled are drawn while MkDocs publishes the pages, and a failure among them ends the build
as any failure does: one line, exit 1, the last site as it was, no worker left."""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator import build, cli, figures, progress
from generator.build import BuildReport
from generator.drawing import Drawing
from generator.figures.jobs import Job, run
from generator.progress import Bar
from generator.schedule import WARM_FROM, SizesWhenDrawn, worth_warming
from generator.workers import Facts

from .conftest import ROOT, fixture_mkdocs_config, write_fixture_guide
from .mkdocs_plugin.test_spread import own_theme_build
from .test_build import snapshot
from .test_drawing import _batch


def no_muscle_map(job: Job) -> tuple[bytes, Facts]:
    """The pictures' drawing, but a muscle map (drawn beside the pages) cannot be drawn (module
    level: the workers import it)."""
    if job.kind == "muscles":
        raise RuntimeError(f"the muscle map {job.path} cannot be drawn")
    return run(job)


def test_the_later_pictures_are_in_the_site_and_the_steps_say_what_overlaps(
    fixture_guide_site: tuple[Path, Path, BuildReport],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A cold build (an empty cache: every picture drawn, the later ones beside the pages) is the
    run's build byte for byte, its counts too; -v says the steps as they overlap.

    Its pages spread over two processes: the drawings pause meanwhile, take the parent's core
    once it has built its share and waits for the worker's, keep it while the site is finished
    (the search index, the sitemap), and have every core for the last pictures."""
    _, built, report = fixture_guide_site
    content = write_fixture_guide(tmp_path / "content")
    monkeypatch.setattr(progress, "LEVEL", progress.VERBOSE)
    shares: list[int] = []
    share = Drawing.share

    def recorded(self: Drawing, limit: int) -> None:
        shares.append(max(0, min(limit, self.workers)))
        share(self, limit)

    monkeypatch.setattr(Drawing, "share", recorded)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    capsys.readouterr()
    cold = build.build_site(
        content,
        tmp_path / "site",
        ROOT / "mkdocs.yml",
        strict=True,
        progress=True,
        cache_dir=tmp_path / "cold",
        processes=2,
    )
    said = capsys.readouterr().out
    assert snapshot(tmp_path / "site") == snapshot(built)
    assert (cold.pages, cold.images, cold.pdfs) == (report.pages, report.images, report.pdfs)
    lines = said.splitlines()
    # The pages start once the strips are in (the exercise pages need no PDF); they end after
    # the PDFs are (the program pages link them with their sizes).
    assert lines[:2] == ["strips and PDFs…", "pages…"], said
    drawn = next(
        i for i, line in enumerate(lines) if line.startswith("strips and PDFs: ") and " done in " in line
    )
    assert drawn < lines.index(next(line for line in lines if line.startswith("pages: done in "))), said
    later = [line for line in lines if line.startswith("other pictures (drawn beside the pages): ")]
    assert len(later) == 1 and " s waited for" in later[0], said
    mkdocs = max(i for i, line in enumerate(lines) if line.startswith("MkDocs pages"))
    assert lines.index(later[0]) > mkdocs, "joined after the last page"
    assert multiprocessing.active_children() == []
    paused = len(shares) - 1 - shares[::-1].index(0)  # the last pause: the pages spread
    assert shares[paused:] == [0, 1, 1, 2], shares


def test_a_later_picture_that_fails_is_one_line_and_the_last_site_stays(
    fixture_guide: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    config = fixture_mkdocs_config(fixture_guide, tmp_path)
    command = ["build", "--content", str(fixture_guide), "--site-dir", str(site), "--config", str(config)]
    assert cli.main(command) == 0
    before = snapshot(site)
    monkeypatch.setattr(figures, "PICTURES", dataclasses.replace(figures.PICTURES, draw=no_muscle_map))
    capsys.readouterr()
    assert cli.main([*command, "--force", "--cache-dir", str(tmp_path / "cold")]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    (line,) = [
        line for line in err.strip().splitlines() if not line.startswith("site_url is the placeholder")
    ]
    assert line.startswith("runstrong build: ") and "cannot be drawn" in line, err
    assert snapshot(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cold", "fixture-guide", "mkdocs.yml", "site"]
    assert multiprocessing.active_children() == []


def test_the_pdf_sizes_are_waited_for_only_when_a_page_asks_for_one(tmp_path: Path) -> None:
    """The exercise pages need no PDF: their length is known at once, a size waits for the PDFs."""
    gate = tmp_path / "gate"
    with Drawing(2) as drawing:
        index = drawing.add(_batch(["week-1", "week-10"], gate, tmp_path), urgent=True)
        sizes = SizesWhenDrawn(drawing, index, Bar("PDFs", None, False))
        assert len(sizes) == 2 and sizes, "known without a PDF drawn"
        assert drawing.pending(index) == 2
        gate.touch()
        assert sizes.get("w/week-10.txt") == len(b"WEEK-10") and sizes["w/week-1.txt"] == len(b"WEEK-1")
        assert sorted(sizes) == ["w/week-1.txt", "w/week-10.txt"]
        assert [f.read() for f in sizes.files()] == [b"WEEK-1", b"WEEK-10"]
    assert multiprocessing.active_children() == []


def test_only_a_large_guide_starts_its_workers_before_it_loads(tmp_path: Path) -> None:
    """Starting the workers early costs CPU a small or broken guide never pays back."""
    exercises = tmp_path / "exercises"
    assert not worth_warming(tmp_path), "no exercises folder"
    exercises.mkdir()
    for number in range(WARM_FROM - 1):
        (exercises / f"e{number}.yaml").touch()
    assert not worth_warming(tmp_path)
    (exercises / "last.yaml").touch()
    assert worth_warming(tmp_path)


def test_a_warmed_worker_has_the_pdf_drawing_code_loaded() -> None:
    """The PDFs are queued before the pages: a worker warmed while the content loads must not
    import fpdf2 at its first PDF (a fresh interpreter, as a ``spawn`` worker is)."""
    code = (
        "import sys; from generator.schedule import warm_up; warm_up(); "
        "print(all(m in sys.modules for m in ('fpdf', 'generator.cards.draw', 'generator.figures.jobs')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "True"


def test_mkdocs_failing_while_pictures_draw_ends_the_pool_and_keeps_the_last_site(
    fixture_guide: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A theme that breaks every generated page, on a cold cache: MkDocs fails while the later
    pictures are still queued or drawing; the build says so in one line, exit 1, no worker stays."""
    site, theme, command = own_theme_build(fixture_guide, tmp_path)
    assert cli.main(command) == 0
    before = snapshot(site)
    main = theme / "main.html"
    breaking = "{% if page and page.file.generated_by %}{{ no_such_function() }}{% endif %}\n"
    main.write_text(breaking + main.read_text("utf-8"), "utf-8")
    capsys.readouterr()
    assert cli.main([*command, "--force", "--cache-dir", str(tmp_path / "cold")]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("runstrong build: ") and "no_such_function" in err, err
    assert snapshot(site) == before
    assert multiprocessing.active_children() == []
