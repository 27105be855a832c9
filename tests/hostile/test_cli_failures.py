"""Every failure of the command line is one clear line: exit status 1, or 2 for a usage error.

Environment failures (a full disk, a read-only folder) are injected in a child process
(``inject.py``): the suite runs as root in CI containers, and root writes anyway.
"""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pytest

from generator.cli import main

from ..conftest import ROOT
from .conftest import Good, runstrong

PLAN = "plan.yaml"


@pytest.fixture
def plan(good: Good, tmp_path: Path) -> Path:
    path = tmp_path / PLAN
    path.write_text((good.content / "programs" / "test-plan.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return path


def usage(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """Run in-process; the one line a usage error prints (argparse exits, we return 2)."""
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    err = capsys.readouterr().err
    assert code == 2, err
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err
    return err.strip()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://runstrong.example/", "'ftp://runstrong.example/' is not a web address"),
        ("runstrong.example", "'runstrong.example' is not a web address"),
        ("https://", "'https://' is not a web address"),
        ("https://run strong.example/", "is not a web address"),
        ("javascript:alert(1)", "'javascript:alert(1)' is not a web address"),
        ("https://runstrong.example/?a=1", "give the site's address without '?' or '#'"),
        ("https://runstrong.example:port/", "the port is not a number"),
    ],
)
def test_site_url_is_validated(capsys: pytest.CaptureFixture[str], plan: Path, url: str, message: str) -> None:
    line = usage(capsys, "cards", str(plan), "--site-url", url)
    assert line.startswith("runstrong cards: error: argument --site-url: ")
    assert message in line


def test_output_to_a_folder_is_refused(capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    line = usage(capsys, "cards", str(plan), "-o", str(tmp_path / "out"))
    assert line.endswith("out: is a folder; give a file name, e.g. " + str(tmp_path / "out" / "cards.pdf"))


@pytest.mark.parametrize("target", ["/dev/null", "/dev/full", "fifo"])
def test_output_to_a_special_file_is_refused(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path, target: str
) -> None:
    if target == "fifo":
        target = str(tmp_path / "cards.pdf")
        os.mkfifo(target)
    line = usage(capsys, "cards", str(plan), "-o", target)
    assert line.endswith("is not a regular file (a device, pipe or socket); refusing to write it")


def test_output_into_a_missing_folder_is_refused(capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path) -> None:
    line = usage(capsys, "cards", str(plan), "-o", str(tmp_path / "no" / "such" / "cards.pdf"))
    assert line.endswith(f"the folder {tmp_path / 'no' / 'such'} does not exist")


@pytest.mark.parametrize("name", ["", "Sam\nJones", "x" * 61, "王"])
def test_athlete_names_that_cannot_print_are_refused(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path, name: str
) -> None:
    line = usage(capsys, "cards", str(plan), "-o", str(tmp_path / "c.pdf"), "--athlete", name)
    assert line.startswith("runstrong cards: error: --athlete: ")


def test_a_missing_mkdocs_yml_is_named(capsys: pytest.CaptureFixture[str], good: Good, tmp_path: Path) -> None:
    line = usage(capsys, "build", "--content", str(good.content), "--config", str(tmp_path / "mkdocs.yml"))
    assert line == f"runstrong build: error: {tmp_path / 'mkdocs.yml'}: mkdocs.yml not found"
    assert not (tmp_path / "site").exists()


def test_a_site_dir_that_is_a_file_is_refused(capsys: pytest.CaptureFixture[str], good: Good, tmp_path: Path) -> None:
    (tmp_path / "site").write_text("not a folder", encoding="utf-8")
    line = usage(capsys, "build", "--content", str(good.content), "--site-dir", str(tmp_path / "site"))
    assert line.endswith("site: exists and is not a folder")


@pytest.mark.parametrize("addr", ["8000", "localhost:", "127.0.0.1:99999", "127.0.0.1:http"])
def test_dev_addr_is_validated(capsys: pytest.CaptureFixture[str], addr: str) -> None:
    assert "is not IP:PORT" in usage(capsys, "serve", "--dev-addr", addr)


def test_serve_on_a_busy_port_says_so_before_building(capsys: pytest.CaptureFixture[str], good: Good) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        line = usage(capsys, "serve", "--content", str(good.content), "--dev-addr", f"127.0.0.1:{port}")
    assert line == (
        f"runstrong serve: error: --dev-addr 127.0.0.1:{port}: the port is in use by another program; "
        f"choose another, e.g. --dev-addr 127.0.0.1:{port + 1}"
    )


def test_a_full_disk_leaves_the_previous_site(good: Good) -> None:
    result = runstrong(
        "enospc:" + str(good.site.parent),
        "--",
        "build",
        "--force",  # the good site is up to date: a plain build would not even start
        "--content",
        good.content,
        "--site-dir",
        good.site,
        "--cache-dir",
        good.cache,
        cwd=good.site.parent,
        module="tests.hostile.inject",
    )
    result.assert_one_line_failure()
    assert "runstrong build: " in result.stderr
    assert ": no space left on the disk" in result.stderr
    good.assert_site_untouched()


def test_a_read_only_site_folder_is_one_line(good: Good) -> None:
    result = runstrong(
        "erofs:" + str(good.site.parent),
        "--",
        "build",
        "--force",  # the good site is up to date: a plain build would not even start
        "--content",
        good.content,
        "--site-dir",
        good.site,
        "--cache-dir",
        good.cache,
        cwd=good.site.parent,
        module="tests.hostile.inject",
    )
    result.assert_one_line_failure()
    assert result.stderr.strip().splitlines()[-1] == "runstrong build: site: the folder is on a read-only file system"
    good.assert_site_untouched()


def test_a_read_only_cache_names_the_cache(good: Good, tmp_path: Path) -> None:
    cache = tmp_path / "the-cache"
    shutil.copytree(good.cache, cache)
    next(p for p in sorted(cache.rglob("*")) if p.is_file()).unlink()  # one picture to render, and store
    result = runstrong(
        "eacces:" + str(cache),
        "--",
        "build",
        "--force",  # the good site is up to date: a plain build would not even start
        "--content",
        good.content,
        "--site-dir",
        good.site,
        "--cache-dir",
        cache,
        cwd=tmp_path,
        module="tests.hostile.inject",
    )
    result.assert_one_line_failure()
    line = result.stderr.strip().splitlines()[-1]
    assert line.startswith("runstrong build: the-cache/"), line
    assert line.endswith(": permission denied (the render cache: choose another with --cache-dir or $RUNSTRONG_CACHE)")
    good.assert_site_untouched()


def test_a_full_disk_never_leaves_half_a_pdf(good: Good, plan: Path, tmp_path: Path) -> None:
    (tmp_path / "cards.pdf").write_bytes(b"%PDF- the coach's previous cards")
    result = runstrong(
        "enospc:" + str(tmp_path),
        "--",
        "cards",
        plan,
        "-o",
        tmp_path / "cards.pdf",
        "--content",
        good.content,
        "--cache-dir",
        good.cache,
        cwd=tmp_path,
        module="tests.hostile.inject",
    )
    result.assert_one_line_failure()
    assert result.stderr.strip().splitlines()[-1].endswith(": no space left on the disk")
    assert (tmp_path / "cards.pdf").read_bytes() == b"%PDF- the coach's previous cards"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cards.pdf", PLAN]


def test_generate_into_a_file_is_one_line(capsys: pytest.CaptureFixture[str], good: Good, tmp_path: Path) -> None:
    (tmp_path / "docs").write_text("a file", encoding="utf-8")
    line = usage(capsys, "generate", "--content", str(good.content), "--out", str(tmp_path / "docs"))
    assert line == f"runstrong generate: error: --out {tmp_path / 'docs'}: exists and is not a folder"


def test_a_site_url_that_would_inject_markup_is_refused(good: Good, tmp_path: Path) -> None:
    # site_url comes from the environment in CI (mkdocs.yml: !ENV RUNSTRONG_SITE_URL) and is
    # printed into the head of every page.
    hostile = 'https://runstrong.example/"><script>alert(1)</script>/'
    result = runstrong(
        "build",
        "--content",
        good.content,
        "--site-dir",
        good.site,
        "--cache-dir",
        good.cache,
        "--config",
        ROOT / "mkdocs.yml",
        cwd=tmp_path,
        env={"RUNSTRONG_SITE_URL": hostile},
    )
    result.assert_one_line_failure()
    assert f"site_url: '{hostile}' is not a web address" in result.stderr.strip().splitlines()[-1]
    good.assert_site_untouched()
