"""Outputs never overlap inputs: every writing command refuses, in one line with exit status 2
and before any work, an output that is, contains or lies inside an input or an output folder,
and nothing is deleted that runstrong did not make."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from ..conftest import ROOT
from .conftest import Good, run_main


def tree(root: Path) -> dict[str, str]:
    """Every file under ``root`` (the .git folder included) with its hash."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
        for p in sorted(root.rglob("*"))
        if not p.is_symlink()
    }


@pytest.fixture
def guide(good: Good, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A coach's guide folder, a repository, as the working folder: content, mkdocs.yml, a plan,
    a theme folder and a file of notes."""
    root = tmp_path / "guide"
    shutil.copytree(good.content, root / "content")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "theme", root / "theme")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    shutil.copy(good.content / "programs" / "test-plan.yaml", root / "plan.yaml")
    (root / "notes.txt").write_text("my notes\n", encoding="utf-8")
    monkeypatch.chdir(root)
    monkeypatch.setenv("RUNSTRONG_CACHE", str(good.cache))
    return root


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["generate", "--out", "content"], "is the content folder"),
        (["generate", "--out", "."], "contains the content folder"),
        (["generate", "--out", "content/pages/project"], "lies inside the content folder"),
        (["generate", "--out", "theme"], "is the theme"),
        (["generate", "--out", "content/../content"], "is the content folder"),
        (["build", "--site-dir", "content"], "is the content folder"),
        (["build", "--site-dir", "content/pages"], "lies inside the content folder"),
        (["build", "--site-dir", "."], "contains the content folder"),
        (["build", "--site-dir", ".."], "contains the content folder"),
        (["build", "--site-dir", "/"], "root of the file system"),
        (["build", "--site-dir", ".git/site"], "repository's own files"),
        (["build", "--site-dir", "theme/site"], "lies inside the theme"),
        (["build", "--site-dir", "notes.txt"], "not a folder"),
        (["cards", "plan.yaml", "-o", "plan.yaml"], "is the plan"),
        (["cards", "plan.yaml", "-o", "notes.txt"], "is not a PDF file"),
        (["cards", "plan.yaml", "-o", "mkdocs.yml"], "is not a PDF file"),
        (["cards", "plan.yaml", "-o", "content/cards.pdf"], "lies inside the content folder"),
        (["cards", "plan.yaml", "-o", ".git/cards.pdf"], "repository's own files"),
        (["import", "free-exercise-db", "notes.txt", "--out", "content/imported"], "inside the content"),
        (["import", "free-exercise-db", "notes.txt", "--out", "."], "not an empty folder"),
        (["new", "content/guide"], "lies inside the content folder"),
        (["new", "."], "contains the content folder"),
        (["schema", "--content", "contnet"], "no such folder"),
        (["schema", "--content", "theme"], "not a content folder"),
    ],
)
def test_an_output_over_an_input_is_refused(
    capsys: pytest.CaptureFixture[str], guide: Path, argv: list[str], said: str
) -> None:
    before = tree(guide)
    code, _out, err = run_main(capsys, *argv)
    assert code == 2, err
    assert err.count("\n") == 1 and said in err, err
    assert tree(guide) == before, "nothing written, nothing lost"
    assert not (guide / "contnet").exists()


def _site(folder: Path) -> Path:
    """A folder as runstrong build leaves it (its mark, a page)."""
    folder.mkdir(parents=True)
    (folder / ".runstrong-build.json").write_text("{}\n", encoding="utf-8")
    (folder / "index.html").write_text("<p>old site</p>\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("foreign", ["x/mkdocs.yml", "x/.git/HEAD", "guide/content/vocabulary/muscles.yaml"])
def test_a_site_holding_a_persons_files_is_not_replaced(
    capsys: pytest.CaptureFixture[str], guide: Path, foreign: str
) -> None:
    site = _site(guide / "site")
    (site / foreign).parent.mkdir(parents=True)
    (site / foreign).write_text("theirs\n", encoding="utf-8")
    (site / "guide" / "content" / "exercises").mkdir(parents=True, exist_ok=True)
    before = tree(guide)
    code, _, err = run_main(capsys, "build", "--site-dir", "site")
    assert code == 2 and "did not make" in err and err.count("\n") == 1, err
    assert tree(guide) == before


@pytest.mark.parametrize("command", ["build --site-dir", "generate --out"])
def test_a_folder_runstrong_did_not_make_is_not_replaced(
    capsys: pytest.CaptureFixture[str], guide: Path, command: str
) -> None:
    (guide / "mine").mkdir()
    (guide / "mine" / "holiday.jpg").write_bytes(b"\xff\xd8 a photo")
    before = tree(guide)
    code, _, err = run_main(capsys, *command.split(), "mine")
    assert code == 2 and "was not made by runstrong" in err and "nothing was deleted" in err, err
    assert tree(guide) == before


@pytest.mark.parametrize("inside", ["site/new-guide", "site/a/b", "project/docs/guide"])
def test_a_guide_is_never_started_inside_an_output(
    capsys: pytest.CaptureFixture[str], guide: Path, inside: str
) -> None:
    _site(guide / "site")
    (guide / "project").mkdir()
    (guide / "project" / ".runstrong-project").write_text("x\n", encoding="utf-8")
    code, _, err = run_main(capsys, "new", inside)
    assert code == 2 and "replaces whole" in err, err
    assert not (guide / inside).exists()


def test_cards_never_writes_into_a_site(capsys: pytest.CaptureFixture[str], guide: Path) -> None:
    _site(guide / "site")
    code, _, err = run_main(capsys, "cards", "plan.yaml", "-o", "site/cards.pdf")
    assert code == 2 and "lies inside a site runstrong built" in err, err
    assert not (guide / "site" / "cards.pdf").exists()


def test_a_symlink_to_the_content_is_the_content(capsys: pytest.CaptureFixture[str], guide: Path) -> None:
    (guide / "alias").symlink_to(guide / "content")
    code, _, err = run_main(capsys, "build", "--site-dir", "alias")
    assert code == 2 and "is the content folder" in err, err
    assert (guide / "content" / "exercises" / "test-hinge.yaml").is_file()


def test_generate_replaces_its_own_project(capsys: pytest.CaptureFixture[str], guide: Path) -> None:
    """The mark lets a second generate replace the first one's folder (and only that)."""
    for _ in range(2):
        code, _out, err = run_main(capsys, "generate", "--out", "project")
        assert code == 0, err
    assert (guide / "project" / ".runstrong-project").is_file()
    assert (guide / "project" / "docs" / "exercises" / "test-hinge.md").is_file()


def test_schema_never_writes_through_a_link_out_of_the_content(
    capsys: pytest.CaptureFixture[str], guide: Path
) -> None:
    (guide / "elsewhere").mkdir()
    shutil.rmtree(guide / "content" / "schema", ignore_errors=True)
    (guide / "content" / "schema").symlink_to(guide / "elsewhere")
    code, _, err = run_main(capsys, "schema", "--content", "content")
    assert code == 2 and "leads outside the content folder" in err, err
    assert list((guide / "elsewhere").iterdir()) == []
