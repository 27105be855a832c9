"""A real ``mkdocs build --strict`` of the guide's content, checked in the produced HTML."""

from __future__ import annotations

import json
import re
from pathlib import Path

from generator import urls
from generator.build import BuildReport
from generator.lastbuild import STAMP

from ..conftest import CONTENT, real_guide

GUIDE = real_guide()


def page(site: Path, url_path: str) -> str:
    return (site / url_path / "index.html").read_text(encoding="utf-8")


def test_build_reports_its_pages(built_site: tuple[Path, BuildReport]) -> None:
    _, report = built_site
    assert report.pages >= len(GUIDE.exercises) + len(GUIDE.programs) + 3
    assert report.summary().startswith(f"Built site: {report.pages} pages")


def test_every_exercise_page_has_its_title_and_fixed_anchors(built_site: tuple[Path, BuildReport]) -> None:
    site, _ = built_site
    for slug, ex in GUIDE.exercises.items():
        html = page(site, urls.exercise_url(slug))
        assert f"<title>{ex.name} - RunStrong</title>" in html
        for anchor in urls.ANCHORS:
            if anchor == "source" and ex.source is None:
                continue
            assert f'id="{anchor}"' in html, f"{slug} lacks #{anchor}"


def test_program_pages_link_every_exercise_and_back(built_site: tuple[Path, BuildReport]) -> None:
    site, _ = built_site
    for slug, program in GUIDE.programs.items():
        html = page(site, urls.program_url(slug))
        used = {p.exercise for w in program.weeks for d in w.days if d.strength for p in d.strength.exercises}
        for exercise in used:
            assert f'href="../../{urls.exercise_url(exercise)}"' in html
            back = page(site, urls.exercise_url(exercise))
            assert f'href="../../{urls.program_url(slug)}"' in back
        for w in range(1, len(program.weeks) + 1):
            assert f'id="week-{w}"' in html


def test_exercise_pages_are_not_in_the_navigation(built_site: tuple[Path, BuildReport]) -> None:
    site, _ = built_site
    html = page(site, "")
    # The primary nav (the sidebar and the phone drawer), nested navs and all; with
    # navigation.prune a closed section is one link to its first page.
    nav = html[html.index('<nav class="md-nav md-nav--primary') : html.index("md-sidebar--secondary")]
    assert re.search(r'md-ellipsis">\s*Exercises\s*<', nav) and 'href="exercises/"' in nav
    for slug in GUIDE.exercises:
        assert urls.exercise_url(slug) not in nav


def test_the_drawer_of_an_exercise_page_reaches_every_section(built_site: tuple[Path, BuildReport]) -> None:
    # navigation.prune writes only the open branch of the nav into a page: an exercise page
    # (in no section) still links each section's first page, from which the rest opens.
    site, _ = built_site
    slug = next(iter(GUIDE.exercises))
    html = page(site, urls.exercise_url(slug))
    nav = html[html.index('<nav class="md-nav md-nav--primary') : html.index("md-sidebar--secondary")]
    for section in ("Exercises", "Programs", "Guide"):
        assert re.search(
            rf'<a href="[^"]+" class="md-nav__link">\s*<span class="md-ellipsis">\s*{section}\s*<', nav
        ), section
    assert 'href="../"' in nav and f'href="../../{urls.PROGRAMS_SOURCE.removesuffix("index.md")}"' in nav


def test_library_index_reaches_every_exercise(built_site: tuple[Path, BuildReport]) -> None:
    site, _ = built_site
    html = page(site, "exercises/")
    for slug in GUIDE.exercises:
        assert f'href="{slug}/"' in html
    by_muscle = page(site, "exercises/by-muscle/")
    assert 'id="hamstrings"' in by_muscle


def test_search_index_has_exercises_with_aliases_as_tags(built_site: tuple[Path, BuildReport]) -> None:
    site, _ = built_site
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    by_location = {doc["location"]: doc for doc in index["docs"]}
    for slug, ex in GUIDE.exercises.items():
        doc = by_location[urls.exercise_url(slug)]
        assert doc["title"] == ex.name
        assert set(ex.aliases) <= set(doc.get("tags", []))
    assert by_location[urls.exercise_url("romanian-deadlift")]["tags"][0] == "RDL"


def test_no_third_party_requests(built_site: tuple[Path, BuildReport]) -> None:
    site, _ = built_site
    for html_file in site.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in html
        assert "fonts.gstatic.com" not in html


def test_home_page_is_the_hand_written_one(built_site: tuple[Path, BuildReport]) -> None:
    site, _ = built_site
    first_heading = (CONTENT / "pages" / "index.md").read_text(encoding="utf-8")
    title = re.search(r"^# (.+)$", first_heading, flags=re.M)
    assert title is not None
    assert title.group(1).strip() in page(site, "")


def test_two_builds_are_byte_identical(
    fixture_guide_site: tuple[Path, Path, BuildReport], tmp_path: Path
) -> None:
    """The fixture guide built again by ``runstrong build`` in another process, with another
    string hash seed (sets and dicts of strings iterate in another order): the same bytes.
    (On the small guide: the real one's second build cost a minute of a run, and ran in the
    same process, so an order that depends on the hash seed went unseen.)"""
    import os
    import subprocess
    import sys

    content, first, _ = fixture_guide_site
    second = tmp_path / "again"
    seed = "1" if os.environ.get("PYTHONHASHSEED") != "1" else "2"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator.cli",
            "build",
            "--content",
            str(content),
            "--site-dir",
            str(second),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PYTHONHASHSEED": seed},
    )
    assert result.returncode == 0, result.stderr
    # The command's up-to-date stamp (lastbuild.STAMP) is what a build function call never writes.
    assert (second / STAMP).is_file()
    (second / STAMP).unlink()
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    different = [f for f in files if (first / f).read_bytes() != (second / f).read_bytes()]
    assert different == []


def test_plain_mkdocs_build_strict_passes(
    fixture_guide_site: tuple[Path, Path, BuildReport], tmp_path: Path
) -> None:
    # The plugin must also work under MkDocs' own command, as `mkdocs serve` and hosting
    # services run it, not only through `runstrong build`: the guide's mkdocs.yml pointed at the
    # fixture guide (its PDFs and muscle maps are in the run's render cache, which
    # $RUNSTRONG_CACHE hands to this child process). The real guide's strict build is built_site.
    import os
    import subprocess
    import sys

    from ..conftest import fixture_mkdocs_config

    content, _, _ = fixture_guide_site
    config = fixture_mkdocs_config(content, tmp_path)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(config),
            "-d",
            str(tmp_path / "site"),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert (tmp_path / "site" / "exercises" / "test-hinge" / "index.html").is_file()
    assert (tmp_path / "site" / "guide" / "test-page" / "index.html").is_file()
