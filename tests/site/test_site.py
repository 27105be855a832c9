"""A real ``mkdocs build --strict`` of the guide's content, checked in the produced HTML."""

from __future__ import annotations

import json
import re
from pathlib import Path

from generator import urls
from generator.build import BuildReport
from generator.load import load_guide

from ..conftest import CONTENT

GUIDE = load_guide(CONTENT)


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


def test_two_builds_are_byte_identical(built_site: tuple[Path, BuildReport], tmp_path: Path) -> None:
    from generator.build import build_site

    from ..conftest import ROOT

    first, _ = built_site
    second = tmp_path / "again"
    build_site(CONTENT, second, ROOT / "mkdocs.yml")
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    different = [f for f in files if (first / f).read_bytes() != (second / f).read_bytes()]
    assert different == []


def test_plain_mkdocs_build_strict_passes(built_site: tuple[Path, BuildReport], tmp_path: Path) -> None:
    # The plugin must also work under MkDocs' own command, as `mkdocs serve` and hosting
    # services run it, not only through `runstrong build`. (built_site: its pictures and PDFs
    # are in the session's render cache, which $RUNSTRONG_CACHE hands to this child process.)
    import os
    import subprocess
    import sys

    from ..conftest import ROOT

    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert (tmp_path / "site" / "exercises" / "romanian-deadlift" / "index.html").is_file()
