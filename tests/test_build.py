"""`runstrong build`: the content loaded once, and a build where nothing changed skipped."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

import generator.load
from generator import build, cli, lastbuild

from .conftest import ROOT, VALID_EXERCISE

CONFIG = ROOT / "mkdocs.yml"


def times(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*")}


def test_a_build_loads_once_and_a_build_with_nothing_changed_touches_nothing(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    loads: list[Path] = []
    real = generator.load.load_guide

    def counting(folder: Path, notes: list[object] | None = None, **options: object) -> object:
        loads.append(folder)
        return real(folder, notes, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(generator.load, "load_guide", counting)
    site = tmp_path / "site"
    command = ["build", "--content", str(content), "--site-dir", str(site), "--config", str(CONFIG)]

    assert cli.main(command) == 0
    assert len(loads) == 1, "the command line and the MkDocs plugin share one load of the content"
    assert (site / "exercises" / "test-hinge" / "index.html").is_file()
    out = capsys.readouterr().out
    assert out.startswith("Built site: ") and out.count("\n") == 1, "not a terminal: no progress bars"

    before = times(site)
    assert cli.main(command) == 0
    out = capsys.readouterr().out
    assert out == f"{site}/ is up to date: nothing changed since the last build\n"
    assert len(loads) == 1, "a no-change build loads nothing"
    assert times(site) == before, "and touches nothing in site/"

    # Someone edits the built site: the next build puts the real one back.
    page = site / "exercises" / "test-hinge" / "index.html"
    page.write_text("edited by hand", encoding="utf-8")
    assert cli.main(command) == 0
    assert "up to date" not in capsys.readouterr().out
    assert "A hinge used by the tests." in page.read_text(encoding="utf-8")
    assert len(loads) == 2

    # An edited exercise rebuilds.
    (content / "exercises" / "test-hinge.yaml").write_text(
        VALID_EXERCISE.replace("A hinge used by the tests.", "Edited."), encoding="utf-8"
    )
    assert cli.main(command) == 0
    assert "Edited." in page.read_text(encoding="utf-8")
    assert len(loads) == 3
    capsys.readouterr()

    # --force builds even when nothing changed.
    assert cli.main([*command, "--force"]) == 0
    assert capsys.readouterr().out.startswith("Built site: ")
    assert len(loads) == 4


def test_the_stamp_is_the_same_for_the_same_build_and_stays_out_of_the_precache(content: Path) -> None:
    """Reproducible output: the stamp holds hashes only, no times and no paths."""
    first = lastbuild.fingerprint(content, CONFIG, strict=False)
    moved = content.parent / "elsewhere"
    shutil.copytree(content, moved)
    assert lastbuild.fingerprint(moved, CONFIG, strict=False) == first
    worker = (ROOT / "generator" / "offline.py").read_text(encoding="utf-8")
    assert lastbuild.STAMP.startswith(".") and lastbuild.STAMP not in worker


@pytest.mark.parametrize(
    "change",
    [
        "edit an exercise",
        "add a file",
        "rename a file",
        "edit a page",
        "edit the config",
        "edit the theme",
        "site url",
        "source date",
        "strict",
        "runstrong version",
        "engine version",
    ],
)
def test_any_input_changes_the_fingerprint(
    change: str, content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "main.html").write_text("{% extends 'base.html' %}\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: t\nsite_url: !ENV [MY_SITE_URL, 'https://x.org/']\ntheme:\n  name: material\n"
        "  custom_dir: theme\n",
        encoding="utf-8",
    )
    monkeypatch.delenv("RUNSTRONG_SITE_URL", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = lastbuild.fingerprint(content, config, strict=False)
    assert lastbuild.fingerprint(content, config, strict=False) == before, (
        "the same inputs, the same fingerprint"
    )
    strict = False
    exercise = content / "exercises" / "test-hinge.yaml"
    match change:
        case "edit an exercise":
            exercise.write_text(exercise.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        case "add a file":
            (content / "pages" / "new.md").write_text("# New\n", encoding="utf-8")
        case "rename a file":
            exercise.rename(exercise.with_name("test-hinge-2.yaml"))
        case "edit a page":
            page = next((content / "pages").rglob("*.md"))
            page.write_text(page.read_text(encoding="utf-8") + "more\n", encoding="utf-8")
        case "edit the config":
            config.write_text(config.read_text(encoding="utf-8") + "copyright: me\n", encoding="utf-8")
        case "edit the theme":
            (theme / "main.html").write_text("{% extends 'base.html' %}\n{# x #}\n", encoding="utf-8")
        case "site url":
            monkeypatch.setenv("MY_SITE_URL", "https://y.org/")  # named with !ENV in the config
        case "source date":
            monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
        case "strict":
            strict = True
        case "runstrong version" | "engine version":
            import importlib.metadata

            real = importlib.metadata.version
            package = "runstrong" if change == "runstrong version" else "mkdocs-material"
            monkeypatch.setattr(
                importlib.metadata, "version", lambda name: "99.0" if name == package else real(name)
            )
    assert lastbuild.fingerprint(content, config, strict=strict) != before


def test_a_deleted_or_edited_site_is_not_up_to_date(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text("<p>a</p>", encoding="utf-8")
    lastbuild.write_stamp(site, "inputs")
    assert lastbuild.up_to_date(site, "inputs")
    assert not lastbuild.up_to_date(site, "other inputs")
    (site / "a" / "index.html").write_text("<p>b</p>", encoding="utf-8")  # the same size, other bytes
    assert not lastbuild.up_to_date(site, "inputs")
    lastbuild.write_stamp(site, "inputs")
    (site / "extra.html").write_text("", encoding="utf-8")
    assert not lastbuild.up_to_date(site, "inputs")
    lastbuild.write_stamp(site, "inputs")
    (site / "a" / "index.html").unlink()
    assert not lastbuild.up_to_date(site, "inputs")
    shutil.rmtree(site)
    assert not lastbuild.up_to_date(site, "inputs")


def test_a_no_change_build_imports_no_renderer_and_no_engine(content: Path, tmp_path: Path) -> None:
    """The skip is decided before the loader, the renderers or MkDocs are even imported."""
    import subprocess
    import sys

    site = tmp_path / "site"
    command = ["build", "--content", str(content), "--site-dir", str(site), "--config", str(CONFIG)]
    inputs = lastbuild.fingerprint(content, CONFIG, strict=False)
    (site / "x").mkdir(parents=True)
    lastbuild.write_stamp(site, inputs)
    code = (
        "import sys; from generator.cli import main; rc = main(sys.argv[1:]); "
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material', 'PIL', 'fpdf', "
        "'pydantic', 'jinja2')); print(rc, heavy)"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", code, *command], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "0 []", result.stdout


def test_progress_bars_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from generator.progress import step

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    for stream, shown in ((io.StringIO(), False), (Terminal(), True)):
        monkeypatch.setattr("sys.stdout", stream)
        with step("MkDocs pages", True, total=3) as bar:
            bar.update()
        with step("pictures", False) as bar:  # not asked for: nothing even on a terminal
            bar.update()
        assert ("MkDocs pages" in stream.getvalue()) is shown
        assert "pictures" not in stream.getvalue()


def snapshot(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.name != lastbuild.STAMP
    }


def test_a_build_after_an_edit_renders_only_what_changed_and_equals_a_full_build(
    content: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Only the content changed: the new site starts from the last one (pictures linked, pages
    whose Markdown did not change kept) and is byte for byte the site a full build makes."""
    import logging

    caplog.set_level(logging.INFO, logger="runstrong")
    site = tmp_path / "site"
    command = ["build", "--content", str(content), "--site-dir", str(site), "--config", str(CONFIG)]
    assert cli.main(command) == 0
    picture = next(p for p in sorted(site.rglob("*.png")) if "previews" not in p.parts)  # not the summary
    before = picture.stat().st_ino
    caplog.clear()

    (content / "exercises" / "test-hinge.yaml").write_text(
        VALID_EXERCISE.replace("A hinge used by the tests.", "Edited."), encoding="utf-8"
    )
    assert cli.main(command) == 0
    rendered = [r.getMessage() for r in caplog.records if "pages rendered" in r.getMessage()]
    assert len(rendered) == 1
    done, total = (int(n) for n in rendered[0].split()[1:4:2])
    assert 0 < done < total, rendered
    assert picture.stat().st_ino == before, "an unchanged picture is linked from the last site, not copied"

    full = tmp_path / "full"
    build.build_site(content, full, CONFIG)  # no stamp: every page rendered
    assert snapshot(site) == snapshot(full)


SQUAT = VALID_EXERCISE.replace("name: Test hinge", "name: Test squat").replace(
    "aliases: [TH]", "aliases: [TS]"
)


def _edit(case: str, content: Path, theme: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    exercises, pages = content / "exercises", content / "pages"
    match case:
        case "summary":
            hinge = exercises / "test-hinge.yaml"
            hinge.write_text(
                hinge.read_text(encoding="utf-8").replace("used by the tests", "edited"), "utf-8"
            )
        case "add a program":
            program = (content / "programs" / "test-plan.yaml").read_text(encoding="utf-8")
            (content / "programs" / "second-plan.yaml").write_text(
                program.replace("name: Test plan", "name: Second plan"), encoding="utf-8"
            )
        case "delete an exercise":
            (exercises / "test-squat.yaml").unlink()
        case "rename an exercise":
            (exercises / "test-squat.yaml").unlink()
            renamed = SQUAT.replace("name: Test squat", "name: Test squat\nredirect_from: [test-squat]")
            (exercises / "goblet-squat.yaml").write_text(renamed, encoding="utf-8")
        case "hand-written page title":
            (pages / "about.md").write_text(
                "---\nnav_title: Who we are\nnav_order: 5\n---\n# About us\n", "utf-8"
            )
        case "program name":  # a nav title of a generated page: every page shows the nav
            program = content / "programs" / "test-plan.yaml"
            text = program.read_text(encoding="utf-8")
            program.write_text(text.replace("name: Test plan", "name: Renamed plan"), encoding="utf-8")
        case "hand-written page text":
            (pages / "about.md").write_text("---\nnav_order: 90\n---\n# About\n\nMore.\n", "utf-8")
        case "vocabulary label":
            muscles = content / "vocabulary" / "muscles.yaml"
            text = muscles.read_text(encoding="utf-8")
            muscles.write_text(text.replace("name: Glute max,", "name: Gluteus maximus,"), encoding="utf-8")
        case "site url":
            monkeypatch.setenv("RUNSTRONG_SITE_URL", "https://elsewhere.example/")
        case "theme override":
            (theme / "main.html").write_text(
                (theme / "main.html").read_text(encoding="utf-8") + "{# edited #}\n", encoding="utf-8"
            )


# Edits after which every page must be rendered again (each page shows the nav, or the engine changed).
EVERY_PAGE = {"add a program", "delete an exercise", "rename an exercise", "hand-written page title", "site url",
              "theme override", "program name"}  # fmt: skip


@pytest.mark.parametrize(
    "case",
    [
        "summary",
        "add a program",
        "delete an exercise",
        "rename an exercise",
        "hand-written page title",
        "vocabulary label",
        "site url",
        "theme override",
        "program name",
        "hand-written page text",
    ],
)
def test_a_build_after_any_edit_is_byte_for_byte_a_full_build(
    case: str,
    content: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    import logging

    caplog.set_level(logging.INFO, logger="runstrong")
    monkeypatch.delenv("RUNSTRONG_SITE_URL", raising=False)
    (content / "exercises" / "test-squat.yaml").write_text(SQUAT, encoding="utf-8")
    (content / "pages" / "about.md").write_text("---\nnav_order: 90\n---\n# About\n", encoding="utf-8")
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        CONFIG.read_text(encoding="utf-8").replace("custom_dir: theme", f"custom_dir: {theme}"),
        encoding="utf-8",
    )
    site = tmp_path / "site"
    command = ["build", "--content", str(content), "--site-dir", str(site), "--config", str(config)]
    assert cli.main(command) == 0
    caplog.clear()
    # Another name for every file of the last site: a write into the new site through a link
    # (a page linked from the last site and rendered in place) would show here.
    before, kept = snapshot(site), tmp_path / "kept"
    shutil.copytree(site, kept, copy_function=os.link)

    _edit(case, content, theme, monkeypatch)
    assert cli.main(command) == 0
    assert snapshot(kept) == before, f"{case}: the last site was written through a link"
    rendered = [r.getMessage() for r in caplog.records if "pages rendered" in r.getMessage()]
    done, total = (int(n) for n in rendered[-1].split()[1:4:2])
    if case in EVERY_PAGE:
        assert done == total, f"{case}: every page again ({rendered})"
    elif case == "summary":  # (a muscle's label shows on nearly every page of the small guide)
        assert done < total, f"{case}: only the pages the edit changed ({rendered})"

    full = tmp_path / "full"
    build.build_site(content, full, config)
    assert snapshot(site) == snapshot(full), f"{case}: the site differs from a full build's"


def test_a_kept_page_labels_the_nav_as_in_a_full_build(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A generated page in the nav that a one-edit build keeps (not rendered again) still gives
    the nav its front matter (Material prints a nav page's subtitle, icon and status) in the
    pages that build renders."""
    from generator.pages import render

    def with_subtitle(*args: object, **kwargs: object) -> list[object]:
        files = real(*args, **kwargs)
        return [
            f.__class__.text(f.path, f.content.decode().replace("---\n", "---\nsubtitle: Every plan\n", 1))
            if f.path == "programs/index.md"
            else f
            for f in files
        ]

    real = render.render_pages
    monkeypatch.setattr(render, "render_pages", with_subtitle)
    monkeypatch.setattr("generator.pages.render_pages", with_subtitle)
    site = tmp_path / "site"
    command = ["build", "--content", str(content), "--site-dir", str(site), "--config", str(CONFIG)]
    assert cli.main(command) == 0
    page = site / "programs" / "test-plan" / "index.html"
    assert "Every plan" in page.read_text(encoding="utf-8")  # the program index, in the open branch
    index = (site / "programs" / "index.html").stat().st_ino
    plan = content / "programs" / "test-plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("Session A", "Session Z"), "utf-8")
    assert cli.main(command) == 0
    assert "Session Z" in page.read_text(encoding="utf-8")
    assert (site / "programs" / "index.html").stat().st_ino == index, "the index is kept, not rendered"
    full = tmp_path / "full"
    build.build_site(content, full, CONFIG)
    assert snapshot(site) == snapshot(full)


def test_the_digests_kept_beside_the_stamp_spare_reading_the_settled_files(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    old, fresh = site / "a" / "index.html", site / "new.html"
    old.write_text("<p>a</p>", encoding="utf-8")
    fresh.write_text("<p>n</p>", encoding="utf-8")
    settled = time.time_ns() - 10 * lastbuild.SETTLED_NS
    os.utime(old, ns=(settled, settled))
    records = lastbuild.write_stamp(site, "inputs", "engine", lastbuild.BuildState().to_json())
    assert set(records["files"]) == {"a/index.html"}  # new.html: not settled yet
    stamp = lastbuild.read_stamp(site)
    assert stamp is not None and "files" not in stamp, "file times stay out of the site's bytes"
    # The same time and size: trusted, not read (what a hand edit that restores the time gets).
    old.write_text("<p>b</p>", encoding="utf-8")
    os.utime(old, ns=(settled, settled))
    digests: lastbuild.Digests = {}
    assert lastbuild.last_site(site, "engine", digests, records) is not None
    assert digests["a/index.html"][:2] == (settled, len("<p>b</p>"))
    assert lastbuild.last_site(site, "engine", {}) is None, "without the records every file is read"
    assert lastbuild.last_site(site, "engine", {}, {**records, "site": "another"}) is None
    # A file written since has a time of its own: read, the edit found.
    records = lastbuild.write_stamp(site, "inputs", "engine", lastbuild.BuildState().to_json())
    fresh.write_text("<p>m</p>", encoding="utf-8")
    assert lastbuild.last_site(site, "engine", {}, records) is None


def test_the_site_records_live_only_in_a_cache_the_user_alone_can_write(tmp_path: Path) -> None:
    from generator.build import records_file_of

    mine = tmp_path / "mine"
    mine.mkdir(mode=0o755)
    site = tmp_path / "site"
    found = records_file_of(mine, site)
    assert found is not None and found.is_relative_to(mine / "sites")
    assert records_file_of(mine, tmp_path / "other-site") != found  # one record per site folder
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)  # another user could plant a record that vouches for a hand-edited site
    assert records_file_of(shared, site) is None
