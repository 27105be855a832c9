"""MkDocs' pages spread over processes (generator/mkdocs_plugin/spread.py, share.py): the same
site byte for byte, the workers' warnings and errors told as one process tells them, and the
threshold below which a build stays in one process."""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest
from mkdocs.structure.files import File

from generator import build, cli, progress
from generator.build import BuildReport
from generator.mkdocs_plugin import spread

from ..conftest import ROOT, fixture_mkdocs_config, write_fixture_guide
from ..test_build import snapshot
from .conftest import Warnings

CONFIG = ROOT / "mkdocs.yml"


def _leftovers(site: Path) -> list[str]:
    """Worker folders left in or beside a site, and worker processes still running."""
    folders = [p.name for p in site.parent.rglob(f"{spread.SHARE_FOLDER}*")]
    return folders + [p.name for p in multiprocessing.active_children()]


def test_a_spread_build_is_the_one_process_build_byte_for_byte(
    fixture_guide_site: tuple[Path, Path, BuildReport],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Every file — pages, sitemap, search index, 404, service worker, post-build outputs — as
    the run's one-process build of the fixture guide wrote it; progress counts every page.

    A worker's arguments fit in the pipe ``spawn`` writes them into (64 KiB): with the Site
    among them (~10 MB for 900 exercises), starting a worker waited until it had read them."""
    _, one_process, report = fixture_guide_site
    content = write_fixture_guide(tmp_path / "content")
    monkeypatch.setattr(progress, "LEVEL", progress.VERBOSE)
    started: list[int] = []
    monkeypatch.setattr(spread, "start_method", lambda: _Measuring(started))
    capsys.readouterr()
    spread_build = build.build_site(
        content, tmp_path / "site", CONFIG, strict=True, processes=3, progress=True
    )
    assert snapshot(tmp_path / "site") == snapshot(one_process)
    assert spread_build.pages == report.pages
    said = capsys.readouterr().out
    assert f"MkDocs pages (3 processes): {report.pages} done" in said, said
    assert _leftovers(tmp_path / "site") == []
    assert len(started) == 2 and max(started) < 64 * 1024, started


class _Measuring:
    """``spawn``, saying how many bytes each process's arguments pickle to (its pipe excepted:
    a connection pickles only while a process is being spawned)."""

    def __init__(self, sizes: list[int]) -> None:
        self.sizes = sizes
        self.context = multiprocessing.get_context("spawn")

    def Pipe(self, duplex: bool) -> Any:
        return self.context.Pipe(duplex=duplex)

    def Process(self, *, target: Any, args: tuple[Any, ...], daemon: bool) -> Any:
        self.sizes.append(len(pickle.dumps((target, args[:-1]))))
        return self.context.Process(target=target, args=args, daemon=daemon)


ANCHORS = """---
nav_order: 95
---
# Links

{links}
"""


def test_anchors_on_a_workers_pages_are_checked_and_strict_counts_what_is_missing(
    fixture_guide: Path, tmp_path: Path, warnings: Warnings
) -> None:
    """A hand-written page (the parent's) links an anchor each exercise page has and one it has
    not; with three processes, two of the three exercise pages are a worker's (split by size):
    each missing anchor is said once, the present ones never, and MkDocs' strict mode counts it."""
    exercises = sorted(p.stem for p in (fixture_guide / "exercises").glob("*.yaml"))
    links = [
        f"[{name}](exercises/{name}.md#steps) [{name}](exercises/{name}.md#no-{name})" for name in exercises
    ]
    (fixture_guide / "pages" / "links.md").write_text(ANCHORS.format(links="\n\n".join(links)), "utf-8")
    site = tmp_path / "site"
    with pytest.raises(Exception, match=f"Aborted with {len(exercises)} warnings in strict mode"):
        build.build_site(fixture_guide, site, CONFIG, strict=True, processes=3)
    said = "\n".join(warnings.messages)
    for name in exercises:
        assert said.count(f"does not contain an anchor '#no-{name}'") == 1, said
    assert "'#steps'" not in said, "an anchor that is there is found"
    assert not site.exists(), "a failed build writes no site"
    assert _leftovers(site) == []


def test_a_worker_keeps_what_is_said_on_its_pages_and_the_parent_counts_it(tmp_path: Path) -> None:
    """Only what is said while one of the share's pages is read or built goes back (the rest —
    config, nav, hand-written pages — the parent says itself); said again through MkDocs'
    loggers, strict mode counts it."""
    from mkdocs.utils import CountHandler

    from generator.mkdocs_plugin import dirty, share

    def page(path: str, generated: bool = True) -> Any:
        kind = dirty.Generated if generated else File
        return SimpleNamespace(file=kind(path, None, str(tmp_path), True))

    said = share._Said()
    logger = logging.getLogger("mkdocs.structure.pages")
    logger.addHandler(said)
    plugin = share.SharePlugin(
        frozenset({"exercises/a.md"}), said, cast(Any, SimpleNamespace(send=lambda _m: None))
    )
    try:
        logger.warning("the config")
        mine, other, handwritten = page("exercises/a.md"), page("exercises/b.md"), page("about.md", False)
        for current in (mine, other, handwritten):
            plugin.on_pre_page(current, config=cast(Any, None), files=cast(Any, None))
            logger.warning(f"reading {current.file.src_uri}")
            plugin.on_page_content("", page=current, config=cast(Any, None), files=cast(Any, None))
            logger.warning("between pages")
            plugin.on_page_context({}, page=current, config=cast(Any, None), nav=None)
            logger.warning(f"building {current.file.src_uri}")
            plugin.on_post_page("", page=current, config=cast(Any, None))
    finally:
        logger.removeHandler(said)
    assert [r.message for r in said.records] == ["reading exercises/a.md", "building exercises/a.md"]

    counter = CountHandler()
    counter.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(counter)
    try:
        spread._say(said.records)
    finally:
        logging.getLogger("mkdocs").removeHandler(counter)
    assert counter.get_counts() == [("WARNING", 2)]


def own_theme_build(guide: Path, tmp_path: Path) -> tuple[Path, Path, list[str]]:
    """(site, theme, command): a build of ``guide`` into ``tmp_path/site`` with a copy of the
    theme of its own (``tmp_path/theme``), for a test to break."""
    site, theme = tmp_path / "site", tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    config = fixture_mkdocs_config(guide, tmp_path)
    text = config.read_text("utf-8")
    config.write_text(text.replace(f"custom_dir: {ROOT / 'theme'}", f"custom_dir: {theme}"), "utf-8")
    return site, theme, ["build", "--content", str(guide), "--site-dir", str(site), "--config", str(config)]


@pytest.mark.parametrize("where", ["worker", "parent"])
def test_an_error_in_a_worker_or_the_parent_is_one_clean_line_and_the_last_site_stays(
    where: str,
    fixture_guide: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A generated page that fails only in a worker, or only in the parent while a worker runs
    (a theme override that breaks there): the build says it in one line, as a one-process build
    would (MkDocs' line naming the page, then ours), no worker outlives it, and the last good
    site stays as it was."""
    site, theme, command = own_theme_build(fixture_guide, tmp_path)
    assert cli.main(command) == 0
    before = snapshot(site)

    main = theme / "main.html"
    side = "in" if where == "worker" else "not in"
    there = f'"{spread.SHARE_FOLDER}" {side} config.site_dir and page and page.file.generated_by'
    breaking = "{% if " + there + " %}{{ no_such_function() }}{% endif %}\n"
    main.write_text(breaking + main.read_text("utf-8"), "utf-8")
    monkeypatch.setattr("generator.mkdocs_plugin.run.PARALLEL_FROM", 1)  # the fixture guide, spread
    monkeypatch.setattr("generator.mkdocs_plugin.run.free_cores", lambda ours=0: 2)
    # MkDocs' lines go to this test's stderr (the handler the command line adds is made anew).
    monkeypatch.setattr(logging.getLogger("mkdocs"), "handlers", [])
    capsys.readouterr()
    assert cli.main([*command, "--force"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    *said, last = err.strip().splitlines()
    assert last.startswith("runstrong build: ") and "'no_such_function' is undefined" in last, err
    assert said and all(line.startswith("ERROR - Error building page '") for line in said), err
    assert snapshot(site) == before
    assert _leftovers(site) == []


def test_a_worker_that_ends_before_reading_its_job_fails_the_build_and_leaves_nothing(
    fixture_guide: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A worker that dies before it reads its job (killed, out of memory): the build says so in
    one line, and neither the job's file (share.write_job) nor a half-written site is left."""
    site = tmp_path / "site"
    command = ["build", "--content", str(fixture_guide), "--site-dir", str(site), "--config", str(CONFIG)]
    monkeypatch.setattr("generator.mkdocs_plugin.run.PARALLEL_FROM", 1)  # the fixture guide, spread
    monkeypatch.setattr("generator.mkdocs_plugin.run.free_cores", lambda ours=0: 2)
    monkeypatch.setattr(spread, "render_share", _ends_at_once)
    capsys.readouterr()
    assert cli.main(command) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "ended unexpectedly (exit code 3)" in err, err
    assert not site.exists()
    assert _leftovers(site) == []


def _ends_at_once(job_file: str, parent: int, conn: Any) -> None:
    """A worker's target that ends before it reads anything (spawned: importable by name)."""
    os._exit(3)


def test_few_pages_stay_in_one_process_and_many_use_every_core() -> None:
    least = spread.PARALLEL_FROM
    assert spread.processes_for(least - 1, 8) == 1
    assert spread.processes_for(10_000, 1) == 1
    assert spread.processes_for(least, 2) == 2
    assert spread.processes_for(least, 8) == 2, "each process gets at least half the threshold"
    assert spread.processes_for(10_000, 8) == 8
    assert spread.processes_for(3, 3, least=1) == 3, "asked for: spread whatever the count"


def test_only_the_cores_no_other_program_keeps_busy_are_used() -> None:
    """A busy machine shares its time between sessions: a worker there only costs CPU."""
    assert spread.free_of(2, [0, 0, 1, 0, 0]) == 2, "an idle machine: both cores"
    assert spread.free_of(2, [1, 2, 1, 0, 1]) == 1, "another program running: one process"
    assert spread.free_of(8, [3, 2, 2, 9, 2]) == 6, "the median look, not a passing spike"
    assert spread.free_of(4, [12, 12, 12]) == 1, "never fewer than this process"


def test_the_builds_own_drawing_workers_are_not_another_programs() -> None:
    """The drawing pool's busy workers are the build's own load, which pauses while the pages
    are spread: seen among the runnable tasks, they do not keep the pages to one process."""
    assert spread.free_of(2, [1, 1, 1], ours=1) == 2, "our one worker seen: both cores for the pages"
    assert spread.free_of(2, [0, 0, 0], ours=1) == 2, "our worker between drawings"
    assert spread.free_of(4, [3, 3, 3], ours=1) == 2, "two other programs and our worker"
    assert spread.free_of(2, [3, 3, 3], ours=2) == 1, "another program besides ours: one process"


def test_the_shares_hold_each_page_once_the_parents_larger() -> None:
    sizes = {f"exercises/e{i}.md": 1_000 + 37 * i for i in range(600)} | {"exercises/index.md": 600_000}
    shares = spread.split(sizes, 3)
    assert sorted(p for share in shares for p in share) == sorted(sizes)
    work = [sum(sizes[p] + spread.PAGE_COST for p in share) for share in shares]
    assert work[0] > work[1] and work[0] > work[2], "the parent renders while the workers start"
    assert abs(work[1] - work[2]) <= 700_000, work
    assert spread.split(sizes, 3) == shares, "the same shares for the same pages"
    small = spread.split({"a.md": 10, "b.md": 10, "c.md": 10}, 2)
    assert all(small), "a small build's worker still gets pages"


def test_a_build_after_an_edit_spreads_what_changed_and_equals_a_full_build(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A dirty build (seeded from the last site) whose changed pages are spread: the pages the
    workers render, the parent's and the kept ones, and the search index merging the three."""
    site = tmp_path / "site"
    command = ["build", "--content", str(content), "--site-dir", str(site), "--config", str(CONFIG)]
    assert cli.main(command) == 0
    hinge = content / "exercises" / "test-hinge.yaml"
    hinge.write_text(hinge.read_text("utf-8").replace("used by the tests", "edited"), "utf-8")
    monkeypatch.setattr("generator.mkdocs_plugin.run.PARALLEL_FROM", 2)  # the small guide, spread
    monkeypatch.setattr("generator.mkdocs_plugin.run.free_cores", lambda ours=0: 2)
    started = []
    monkeypatch.setattr(spread, "start", _counting(spread.start, started))
    assert cli.main(command) == 0
    assert started == [2], "the pages the edit changed were spread"
    full = tmp_path / "full"
    build.build_site(content, full, CONFIG, processes=1)
    assert snapshot(site) == snapshot(full)


def _counting(start: Any, started: list[int]) -> Any:
    def counted(*args: Any, **kwargs: Any) -> Any:
        started.append(kwargs["processes"])
        return start(*args, **kwargs)

    return counted
