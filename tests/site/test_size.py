"""Size budgets of the built site, by kind, on the small fixture guide (issue 19: the site of a
900-exercise import was 61 MB). Each budget sits between what the build wrote before the size
work and after it, so a change that brings back the templates' indentation, the fonts' hinting
or the preview cards' loose compression fails here, not on a coach's phone bill.

Measured on the fixture guide (3 exercises, 2 programs), before → after: exercise pages
25.1 → 20.8 KB, PDFs 35.1 → 27.2 KB, link-preview cards 18.1 → 15.1 KB (averages).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import urls
from generator.build import BuildReport

BUDGETS_KB = {  # average size of a file of each kind
    "exercise pages": 23.5,
    "PDFs": 31.0,
    "link-preview cards": 16.5,
}


def files_by_kind(content: Path, site: Path) -> dict[str, list[Path]]:
    slugs = sorted(p.stem for p in (content / "exercises").glob("*.yaml"))
    return {
        "exercise pages": [site / urls.exercise_url(slug) / "index.html" for slug in slugs],
        "PDFs": sorted(site.rglob("*.pdf")),
        "link-preview cards": sorted((site / urls.asset_path("previews")).rglob("*.png")),
    }


@pytest.mark.parametrize("kind", sorted(BUDGETS_KB))
def test_each_kind_of_file_keeps_its_budget(
    fixture_guide_site: tuple[Path, Path, BuildReport], kind: str
) -> None:
    content, site, _ = fixture_guide_site
    files = files_by_kind(content, site)[kind]
    assert files, f"no {kind} in the fixture guide's site"
    average = sum(f.stat().st_size for f in files) / len(files) / 1000
    assert average <= BUDGETS_KB[kind], f"{kind}: {average:.1f} KB a file, budget {BUDGETS_KB[kind]} KB"
