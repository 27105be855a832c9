"""The command line in a coach's hands (issue 21): no guide here, several plans, -q and -v.

In-process (``main``) where a real process adds nothing: these are about what is said and where.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator import progress
from generator.cards.render import render_cards
from generator.cli import main
from generator.load import load_guide

from .conftest import VALID_PROGRAM

Write = Callable[[str, str], Path]


@pytest.fixture(autouse=True)
def _normal_level() -> None:
    """-q and -v set the level for the process; each test starts from the default."""
    progress.LEVEL = progress.NORMAL


@pytest.mark.parametrize("command", [["check"], ["build"], ["serve"], ["generate", "--out", "out"]])
def test_a_folder_without_a_guide_says_so_and_suggests_new(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Never RunStrong's own guide unasked: an empty folder is an error, not somebody else's site."""
    monkeypatch.chdir(tmp_path)
    assert main(command) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        f"runstrong {command[0]}: no guide here: {tmp_path} has no content/ folder; start one with "
        "`runstrong new my-guide`, run runstrong in a guide's folder, or give --content DIR "
        "(--packaged-guide uses RunStrong's own guide)\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # nothing built, nothing written


def test_the_packaged_guide_only_when_asked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--packaged-guide"]) == 0
    assert "OK: " in capsys.readouterr().out


def test_a_content_folder_without_vocabulary_is_checked_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A half-made content/ is the coach's guide with an error, not a reason to build another."""
    (tmp_path / "content" / "exercises").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert "content/vocabulary/muscles.yaml" in err and "OK" not in err


def _plan(write: Write, name: str, text: str = VALID_PROGRAM) -> Path:
    return write(f"plans/{name}.yaml", text)


def test_cards_prints_several_plans_each_to_its_own_pdf(
    content: Path, write: Write, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = _plan(write, "alpha"), _plan(write, "beta", VALID_PROGRAM.replace("Test plan", "Second"))
    out = tmp_path / "cards"
    args = [
        "cards",
        str(first),
        str(second),
        "-o",
        str(out),
        "--content",
        str(content),
        "--site-url",
        "https://c.example/",
    ]
    assert main(args) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == [
        f"wrote {out / 'alpha-cards-a6.pdf'}",
        f"wrote {out / 'beta-cards-a6.pdf'}",
    ]
    for name in ("alpha", "beta"):
        assert (out / f"{name}-cards-a6.pdf").read_bytes().startswith(b"%PDF")


def test_cards_checks_every_plan_before_printing_any(
    content: Path,
    write: Write,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    good = _plan(write, "good")
    bad = _plan(write, "bad", VALID_PROGRAM.replace("exercise: test-hinge", "exercise: test-hing"))
    worse = _plan(write, "worse", VALID_PROGRAM.replace("day: mon", "day: mnday"))
    monkeypatch.chdir(tmp_path)
    assert main(["cards", str(good), str(bad), str(worse), "--content", str(content)]) == 1
    err = capsys.readouterr().err
    assert "bad.yaml:" in err and "did you mean 'test-hinge'" in err
    assert "worse.yaml:" in err and "mnday" in err
    assert err.strip().endswith("2 errors found; nothing was built.")
    assert not list(tmp_path.glob("*.pdf"))  # not even the good plan's


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        ("file", "-o {out}: with several plans, -o names a folder for their PDFs"),
        (
            "same-name",
            "{a} and {b} would both print to {pdf}; rename one, or print them one at a time with -o",
        ),
    ],
)
def test_cards_with_several_plans_refuses_what_would_overwrite(
    setup: str, expected: str, content: Path, write: Write, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = _plan(write, "one")
    b = write("other/one.yaml", VALID_PROGRAM) if setup == "same-name" else _plan(write, "two")
    out = tmp_path / "cards.pdf"
    if setup == "file":
        out.write_bytes(b"%PDF old")
    args = ["cards", str(a), str(b), "--content", str(content)]
    assert main([*args, "-o", str(out)] if setup == "file" else args) == 2
    message = expected.format(out=out, a=a, b=b, pdf="one-cards-a6.pdf")
    assert capsys.readouterr().err == f"runstrong cards: error: {message}\n"


def test_quiet_says_nothing_but_errors(
    content: Path, write: Write, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["check", "-q", "--content", str(content)]) == 0
    out, err = capsys.readouterr()
    assert out == "" and "OK" not in err  # the plan warning (no runner) still says itself
    lines = err.splitlines()  # the plan's warnings (no runner, an unbalanced block), one line each
    assert lines and all(": warning: " in line for line in lines)
    write("exercises/test-hinge.yaml", "name: [\n")
    assert main(["check", "--quiet", "--content", str(content)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "test-hinge.yaml:2:1:" in err


def test_quiet_and_verbose_exclude_each_other(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["check", "-q", "-v"])
    assert exit_.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


class _Count:
    def __init__(self) -> None:
        self.expected: int | None = None
        self.done = 0
        self.seen: list[int] = []

    def total(self, count: int) -> None:
        self.expected = count

    def advance(self, count: int = 1) -> None:
        self.done += count
        self.seen.append(self.done)


def test_pdfs_move_the_progress_as_each_is_drawn(content: Path, tmp_path: Path) -> None:
    guide = load_guide(content)
    count = _Count()
    files = render_cards(guide, "https://c.example/", cache_dir=tmp_path / "cache", workers=1, progress=count)
    assert count.expected is not None and count.expected > 1
    assert (
        count.done == count.expected and len(count.seen) >= count.expected
    )  # one step a PDF, not one at the end
    again = _Count()
    assert (
        render_cards(guide, "https://c.example/", cache_dir=tmp_path / "cache", workers=1, progress=again)
        == files
    )
    assert again.done == again.expected  # all from the cache, told at once


def test_verbose_writes_each_step_as_lines_into_a_log(capsys: pytest.CaptureFixture[str]) -> None:
    progress.LEVEL = progress.VERBOSE
    with progress.step("pictures", True) as bar:
        bar.total(8)
        for _ in range(8):
            bar.advance()
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "pictures…"
    assert lines[1:4] == ["pictures: 2 of 8", "pictures: 4 of 8", "pictures: 6 of 8"]
    assert lines[4].startswith("pictures: 8 done in ") and lines[4].endswith(" s")
    progress.LEVEL = progress.NORMAL
    with progress.step("pictures", True) as bar:  # not a terminal, not verbose: nothing
        bar.total(2)
        bar.advance(2)
    assert capsys.readouterr().out == ""
