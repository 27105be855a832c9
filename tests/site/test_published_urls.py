"""Stable URLs: every URL ever published keeps answering (as a page or a redirect to one).

``published-urls.txt`` is the promise, and it is append-only: a URL, once recorded, is never
removed, and every version of the file in the git history counts, as does every exercise,
program and page file ever committed. A build that loses one of those URLs, or whose
redirect leads nowhere, fails here; a build that adds URLs fails until they are recorded:

    RUNSTRONG_UPDATE_GOLDEN=1 pytest tests/site/test_published_urls.py   # appends new URLs, fails once
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import urls
from generator.build import BuildReport

from ..conftest import ROOT

MANIFEST = Path(__file__).with_name("published-urls.txt")
_REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)">')


def published(site: Path) -> set[str]:
    """Pages and redirects (directory URLs), plus the program PDFs coaches link and share and
    the open data other apps read (``api/``, README: the data behind the programs)."""
    pages = {
        "/" + p.parent.relative_to(site).as_posix().removeprefix(".") + ("/" if p.parent != site else "")
        for p in site.rglob("index.html")
        if "assets" not in p.parts and "search" not in p.parts
    }
    data = {"/" + p.relative_to(site).as_posix() for p in site.glob(f"{urls.API_DIR}/**/*.json")}
    return pages | data | {"/" + p.relative_to(site).as_posix() for p in site.rglob("*.pdf")}


def recorded() -> list[str]:
    return [line for line in MANIFEST.read_text(encoding="utf-8").split() if line.startswith("/")]


def _git(*args: str) -> str | None:
    try:
        result = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def ever_recorded() -> set[str]:
    """Every URL in any committed version of the record (a shallow clone has just one)."""
    relative = MANIFEST.relative_to(ROOT).as_posix()
    found: set[str] = set()
    for commit in (_git("log", "--format=%H", "--", relative) or "").split():
        found |= {u for u in (_git("show", f"{commit}:{relative}") or "").split() if u.startswith("/")}
    return found


def ever_committed() -> set[str]:
    """The URLs of every exercise, program and hand-written page file ever committed."""
    names = _git("log", "--format=", "--name-only", "--diff-filter=A", "--", "content") or ""
    out: set[str] = set()
    for name in names.split():
        path = Path(name)
        if path.parts[:2] == ("content", "exercises") and path.suffix == ".yaml":
            out |= {"/" + urls.exercise_url(path.stem), "/" + urls.short_url(path.stem)}
        elif path.parts[:2] == ("content", "programs") and path.suffix == ".yaml":
            out.add("/" + urls.program_url(path.stem))
        elif path.parts[:2] == ("content", "pages") and path.suffix == ".md":
            out.add("/" + urls.url_of(Path(*path.parts[2:]).as_posix()))
    return out


def resolves(site: Path, url: str, hops: int = 5) -> bool:
    """The URL answers with a page, or redirects (within the site) to one that does."""
    if not url.endswith("/"):
        return (site / url.lstrip("/")).is_file()
    page = site / url.lstrip("/") / "index.html"
    if not page.is_file():
        return False
    target = _REFRESH.search(page.read_text(encoding="utf-8", errors="replace"))
    if target is None:
        return True
    following = posixpath.normpath(posixpath.join(url, target.group(1))) + "/"
    return hops > 0 and resolves(site, following, hops - 1)


def runstrong(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def test_the_record_is_append_only() -> None:
    now = recorded()
    assert len(now) == len(set(now)), "a URL is recorded twice"
    dropped = sorted(ever_recorded() - set(now))
    assert not dropped, f"URLs were removed from {MANIFEST.name}; it is append-only: {dropped}"
    unrecorded = sorted(ever_committed() - set(now))
    assert not unrecorded, f"URLs of committed files are missing from {MANIFEST.name}: {unrecorded}"


def test_no_published_url_is_lost(built_site: tuple[Path, BuildReport]) -> None:
    site, _ = built_site
    promised = recorded()
    now = published(site)
    new = sorted(now - set(promised))
    if os.environ.get("RUNSTRONG_UPDATE_GOLDEN") and new:
        with MANIFEST.open("a", encoding="utf-8") as f:
            f.write("\n".join(new) + "\n")
        # Recorded, and still a failure this once: an update run never passes unseen.
        pytest.fail(f"{len(new)} new URLs appended to {MANIFEST.name}: review them, then run again")
    lost = [u for u in promised if not resolves(site, u)]
    assert not lost, f"published URLs no longer answer (add redirect_from to the renamed item): {lost}"
    assert not new, f"new URLs: record them in {MANIFEST.name} (see this file's docstring): {new}"


def test_redirects_keep_the_section_of_a_deep_link(built_site: tuple[Path, BuildReport]) -> None:
    site, _ = built_site
    html = (site / "x" / "rdl" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'location\.replace\("\.\./\.\./exercises/romanian-deadlift/" \+ location\.hash\)', html)
    assert '<meta http-equiv="refresh" content="0; url=../../exercises/romanian-deadlift/">' in html


def test_renaming_an_exercise_as_readme_says_keeps_every_url(
    fixture_guide_site: tuple[Path, Path, BuildReport], fixture_guide: Path, tmp_path: Path
) -> None:
    """README: rename the file, add the old slug to redirect_from. Every URL the guide published
    before still answers, the old short link included, and a plan naming the old slug still
    prints. On the small fixture guide (its build before the rename is the record): the real
    guide's rebuild cost half a minute of every run, and recorded URLs are checked on the real
    guide by test_no_published_url_is_lost."""
    from generator.load import load_guide

    _, before, _ = fixture_guide_site
    promised = sorted(published(before))
    guide = load_guide(fixture_guide)
    # An exercise without a short code (its short link is its slug) that programs use and that
    # another exercise and a hand-written page link to: the fixture guide's split squat.
    old = "test-split-squat"
    assert not guide.exercises[old].short and not guide.exercises[old].redirect_from
    assert any(old in program.exercise_slugs() for program in guide.programs.values())
    assert any(
        f"exercise: {old}" in p.read_text("utf-8") for p in (fixture_guide / "exercises").glob("*.yaml")
    )
    assert any(f"exercises/{old}.md" in p.read_text("utf-8") for p in (fixture_guide / "pages").rglob("*.md"))
    new = f"{old}-renamed"
    source = fixture_guide / "exercises" / f"{old}.yaml"
    (fixture_guide / "exercises" / f"{new}.yaml").write_text(
        source.read_text(encoding="utf-8") + f"redirect_from: [{old}]\n", encoding="utf-8"
    )
    source.unlink()
    # What check and the strict build then ask for: links from other exercises and from
    # hand-written pages name the new slug (programs may keep the old one).
    for other in (fixture_guide / "exercises").glob("*.yaml"):
        text = other.read_text(encoding="utf-8")
        other.write_text(re.sub(rf"\b(exercise: ){old}\b", rf"\g<1>{new}", text), encoding="utf-8")
    for page in (fixture_guide / "pages").rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        page.write_text(
            re.sub(rf"\b(exercises|figures|muscles)/{old}\.(md|png|webp)", rf"\1/{new}.\2", text), "utf-8"
        )

    site = tmp_path / "site"
    result = runstrong("build", "--content", str(fixture_guide), "--site-dir", str(site), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"note: '{old}' was renamed '{new}'" in result.stderr  # the programs still name the old slug
    lost = [u for u in promised if not resolves(site, u)]
    assert not lost, lost
    assert resolves(site, f"/x/{old}/") and resolves(site, f"/exercises/{old}/")
    assert f"/exercises/{old}/" in promised and resolves(site, f"/exercises/{new}/")

    # A coach's plan written before the rename: a copy of a program that names the old slug.
    naming_old = next(
        p for p in sorted((fixture_guide / "programs").glob("*.yaml")) if f": {old}" in p.read_text("utf-8")
    )
    plan = tmp_path / "plan.yaml"
    shutil.copyfile(naming_old, plan)
    cards = runstrong(
        "cards", str(plan), "--content", str(fixture_guide), "-o", str(tmp_path / "cards.pdf"), cwd=tmp_path
    )
    assert cards.returncode == 0, cards.stderr
    assert "plan.yaml:" in cards.stderr and f"note: '{old}' was renamed '{new}'" in cards.stderr
    assert (tmp_path / "cards.pdf").read_bytes().startswith(b"%PDF")
