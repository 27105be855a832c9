"""The command line, run as a user runs it: a real process, its exit status and its output."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import ROOT, VALID_EXERCISE

Write = Callable[[str, str], Path]


def runstrong(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", *args],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_check_ok_prints_one_summary_line(content: Path) -> None:
    result = runstrong("check", "--content", str(content))
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == 1
    assert "OK: 1 exercises, 1 programs" in result.stdout


def test_check_reports_every_error_without_traceback(content: Path, write: Write) -> None:
    broken = (
        VALID_EXERCISE.replace("muscles:", "muscels:")
        .replace("sets: 3", "sets: 0")
        .replace("category: strength", "category: strenght")
    )
    write("exercises/test-hinge.yaml", broken)
    write("exercises/tabbed.yaml", "name: x\n\tsummary: y\n")
    (content / "exercises" / "latin1.yaml").write_bytes(b"name: caf\xe9\n")
    write("exercises/empty.yaml", "")
    result = runstrong("check", "--content", str(content))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[-1] == f"{len(lines) - 1} errors found; nothing was built."
    text = result.stderr
    assert "empty.yaml:1:1: the file is empty" in text
    assert "latin1.yaml:1:10: not valid UTF-8 (byte 0xe9)" in text
    assert "tabbed.yaml:2:1: a tab character" in text
    assert "test-hinge.yaml:12:1: muscels: unknown field 'muscels' (did you mean 'muscles'?)" in text
    assert "test-hinge.yaml:32:9: dose.sets: must be at least 1, got 0" in text
    assert "(did you mean 'strength'?)" in text


def test_failed_build_leaves_the_previous_site_untouched(content: Path, write: Write, tmp_path: Path) -> None:
    site = tmp_path / "site"
    first = runstrong("build", "--content", str(content), "--site-dir", str(site))
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("Built site: ")
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert Path("exercises/test-hinge/index.html") in before

    write("exercises/test-hinge.yaml", VALID_EXERCISE.replace("sets: 3", "sets: 0"))
    failed = runstrong("build", "--content", str(content), "--site-dir", str(site))
    assert failed.returncode == 1
    assert "dose.sets: must be at least 1" in failed.stderr
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site")], "no staging folder left behind"


def test_mkdocs_failure_also_leaves_the_site_untouched(content: Path, write: Write, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert runstrong("build", "--content", str(content), "--site-dir", str(site)).returncode == 0
    marker = (site / "index.html").read_bytes()
    # Valid content, but a hand-written page links to a page that does not exist: strict fails.
    write("pages/index.md", "# Home\n\n[broken](nowhere.md)\n")
    failed = runstrong("build", "--content", str(content), "--site-dir", str(site))
    assert failed.returncode == 1
    assert "nowhere.md" in failed.stderr
    assert "Traceback" not in failed.stderr
    assert (site / "index.html").read_bytes() == marker


def test_generate_writes_a_plain_docs_tree(content: Path, tmp_path: Path) -> None:
    out = tmp_path / "project"  # DIR/docs, DIR/mkdocs.yml, DIR/theme (tests/test_zensical.py builds one)
    result = runstrong("generate", "--content", str(content), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert (out / "docs" / "index.md").read_text(encoding="utf-8") == "# Test guide\n"
    assert (out / "docs" / "exercises" / "test-hinge.md").is_file()
    assert (out / "docs" / "programs" / "test-plan.md").is_file()
    assert (out / "docs" / "exercises" / "index.md").is_file()
    assert "docs_dir: docs" in (out / "mkdocs.yml").read_text(encoding="utf-8")


def test_generate_is_deterministic(content: Path, tmp_path: Path) -> None:
    trees = []
    for name in ("a", "b"):
        out = tmp_path / name
        assert runstrong("generate", "--content", str(content), "--out", str(out)).returncode == 0
        trees.append({p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()})
    assert trees[0] == trees[1]


def test_schema_writes_json_schema_with_vocabulary(content: Path) -> None:
    import json

    result = runstrong("schema", "--content", str(content))
    assert result.returncode == 0, result.stderr
    schema = json.loads((content / "schema" / "exercise.schema.json").read_text(encoding="utf-8"))
    muscles = schema["$defs"]["Muscles"]["properties"]["primary"]["items"]["enum"]
    assert "glute-medius" in muscles
    assert schema["additionalProperties"] is False
    assert (content / "schema" / "program.schema.json").is_file()


@pytest.mark.parametrize("command", [["--help"], ["check", "--help"], ["build", "--help"]])
def test_help(command: list[str]) -> None:
    assert runstrong(*command).returncode == 0


def test_version_names_runstrong_and_the_engines_it_runs_on() -> None:
    result = runstrong("--version")
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(
        r"runstrong \d+\.\d+\.\d+\S* \(Python 3\.\d+\.\d+, MkDocs 1\.\d+\.\d+\S*, Material 9\.\d+\.\d+\S*\)\n",
        result.stdout,
    ), result.stdout


@pytest.mark.parametrize("fails", [False, True])
def test_a_command_runs_with_fewer_collections_and_the_callers_pace_comes_back(
    monkeypatch: pytest.MonkeyPatch, fails: bool
) -> None:
    import gc

    from generator import cli, commands

    seen: list[tuple[int, int, int]] = []

    def check(args: object) -> int:
        seen.append(gc.get_threshold())
        if fails:
            raise RuntimeError("boom")
        return 0

    monkeypatch.setattr(commands, "check", check)
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    try:
        assert cli.main(["check", "--cache-dir", "/nonexistent-runstrong"]) == (1 if fails else 0)
        assert seen == [cli.GC_THRESHOLD]
        assert gc.get_threshold() == (700, 10, 10)
    finally:
        gc.set_threshold(*before)


def test_console_freezes_what_the_command_made_and_exits_with_its_status(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from generator import cli

    # The runstrong script ends with gc.freeze(): the interpreter's exit then skips walking the
    # build's objects (0.6-0.8 s of CPU after a one-edit build); main itself never freezes.
    frozen: list[bool] = []
    monkeypatch.setattr(cli, "main", lambda: 3)
    monkeypatch.setattr(cli.gc, "freeze", lambda: frozen.append(True))
    with pytest.raises(SystemExit) as exit_:
        cli.console()
    assert exit_.value.code == 3 and frozen == [True]
