"""Each page of the sitemap carries its own date, from the content files it is made from
(issue 21: all 58 pages carried the same date). generator/pagedates.py, generator/filedates.py."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from generator import shortlinks, urls
from generator.filedates import file_dates
from generator.lastbuild import source_date
from generator.pagedates import date_sitemap, page_dates, page_sources

from .conftest import CONTENT, real_guide

DAY = 86_400
JAN = 1_700_000_000  # 2023-11-14
GUIDE = real_guide()


def _git(folder: Path, *args: str, when: int | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t"}
    env["GIT_COMMITTER_EMAIL"] = "t@t"
    if when is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"@{when} +0000"
    subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True)


def _edit(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """The guide's content in a repository of its own, all committed on one day."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    content = tmp_path / "guide" / "content"
    shutil.copytree(CONTENT, content)
    _git(content.parent, "init", "-q")
    _git(content.parent, "add", ".")
    _git(content.parent, "commit", "-qm", "first", when=JAN)
    return content


def test_a_page_is_dated_by_the_last_commit_of_the_files_it_is_made_from(repository: Path) -> None:
    rdl = next(s for s, p in GUIDE.programs.items() if "romanian-deadlift" in p.exercise_slugs())
    _edit(repository / "exercises" / "romanian-deadlift.yaml")
    _git(repository, "commit", "-qam", "rdl", when=JAN + 10 * DAY)
    _edit(repository / "pages" / "guide" / "warm-up.md")
    _git(repository, "commit", "-qam", "warm-up", when=JAN + 20 * DAY)

    pages, newest = page_dates(GUIDE, repository)
    assert newest == JAN + 20 * DAY
    assert pages[urls.exercise_url("romanian-deadlift")] == JAN + 10 * DAY
    assert pages[urls.exercise_url("dead-bug")] == JAN  # untouched since the first commit
    assert pages[urls.program_url(rdl)] == JAN + 10 * DAY  # it prescribes the edited exercise
    others = [s for s, p in GUIDE.programs.items() if "romanian-deadlift" not in p.exercise_slugs()]
    assert others and all(pages[urls.program_url(s)] == JAN for s in others)
    assert pages["exercises/"] == JAN + 10 * DAY  # the library lists it
    assert pages["guide/warm-up/"] == JAN + 20 * DAY
    assert pages[""] == JAN  # the home page: its own Markdown


def test_an_edit_not_committed_yet_dates_the_page_by_the_file(repository: Path) -> None:
    path = repository / "exercises" / "dead-bug.yaml"
    _edit(path)
    os.utime(path, (JAN + 5 * DAY, JAN + 5 * DAY))
    (repository / "pages" / "new-page.md").write_text("# New\n", encoding="utf-8")  # never added
    os.utime(repository / "pages" / "new-page.md", (JAN + 6 * DAY, JAN + 6 * DAY))
    pages, _ = page_dates(GUIDE, repository)
    assert pages[urls.exercise_url("dead-bug")] == JAN + 5 * DAY
    assert pages["new-page/"] == JAN + 6 * DAY
    assert pages[urls.exercise_url("romanian-deadlift")] == JAN


def test_outside_git_files_are_dated_by_their_times_and_the_future_is_left_out(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    for i, path in enumerate(sorted(content.rglob("*"))):
        os.utime(path, (JAN + i, JAN + i))
    dates = file_dates(content)
    assert dates["exercises/dead-bug.yaml"] == int((content / "exercises" / "dead-bug.yaml").stat().st_mtime)
    year_2100 = 4_102_444_800
    os.utime(content / "exercises" / "dead-bug.yaml", (year_2100, year_2100))
    pages, newest = page_dates(GUIDE, content)
    assert "exercises/dead-bug.yaml" not in file_dates(content)
    assert newest < time.time() and pages[urls.exercise_url("dead-bug")] == newest


def test_the_short_links_record_a_build_appends_to_dates_nothing(tmp_path: Path) -> None:
    """A build appends to the record (shortlinks.py) before it dates the pages: had its time
    counted, a build that added a code dated the offline page and MkDocs' build date by that
    day, and one that added none by the content's (the same content, two sitemaps)."""
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    for path in content.rglob("*"):
        os.utime(path, (JAN, JAN))
    before = page_dates(GUIDE, content), source_date(content)
    (content / shortlinks.RECORD).write_text("# appended by a build today\n", encoding="utf-8")
    assert shortlinks.RECORD not in file_dates(content)
    assert (page_dates(GUIDE, content), source_date(content)) == before
    assert before[0][1] == JAN


def test_source_date_epoch_caps_every_date(repository: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _edit(repository / "exercises" / "romanian-deadlift.yaml")
    _git(repository, "commit", "-qam", "rdl", when=JAN + 10 * DAY)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(JAN + 3 * DAY))
    pages, newest = page_dates(GUIDE, repository)
    assert newest == JAN + 3 * DAY and max(pages.values()) == JAN + 3 * DAY
    assert pages[urls.exercise_url("dead-bug")] == JAN


def test_every_page_kind_is_made_from_its_own_files() -> None:
    sources = page_sources(GUIDE, CONTENT)
    slug, program = next(iter(GUIDE.programs.items()))
    assert sources[urls.exercise_url("dead-bug")] == ["exercises/dead-bug.yaml"]
    assert sources[urls.program_url(slug)] == [
        f"programs/{slug}.yaml",
        *(f"exercises/{e}.yaml" for e in program.exercise_slugs()),
    ]
    assert len(sources["exercises/by-muscle/"]) == len(GUIDE.exercises)
    assert len(sources["programs/"]) == len(GUIDE.programs)
    assert sources["guide/warm-up/"] == ["pages/guide/warm-up.md"]
    assert all((CONTENT / f).is_file() for files in sources.values() for f in files)


SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <url>
         <loc>https://coach.example/guide/</loc>
         <lastmod>2030-01-01</lastmod>
    </url>
    <url>
         <loc>https://coach.example/guide/exercises/dead-bug/</loc>
         <lastmod>2030-01-01</lastmod>
    </url>
    <url>
         <loc>https://coach.example/guide/offline/</loc>
    </url>
</urlset>
"""


def test_the_sitemap_gets_each_pages_date_and_the_same_gz(tmp_path: Path) -> None:
    (tmp_path / "sitemap.xml").write_text(SITEMAP, encoding="utf-8")
    date_sitemap(tmp_path, {"": JAN, "exercises/dead-bug/": JAN + 40 * DAY}, JAN + 50 * DAY)
    text = (tmp_path / "sitemap.xml").read_text(encoding="utf-8")
    assert re.findall(r"<lastmod>([^<]+)</lastmod>", text) == ["2023-11-14", "2023-12-24", "2024-01-03"]
    assert gzip.decompress((tmp_path / "sitemap.xml.gz").read_bytes()).decode("utf-8") == text
    first = (tmp_path / "sitemap.xml.gz").read_bytes()
    date_sitemap(tmp_path, {"": JAN, "exercises/dead-bug/": JAN + 40 * DAY}, JAN + 50 * DAY)
    assert (tmp_path / "sitemap.xml").read_text(encoding="utf-8") == text  # the same when run again
    assert (tmp_path / "sitemap.xml.gz").read_bytes() == first
