"""Stable URLs: every URL ever published keeps answering (as a page or a redirect).

``published-urls.txt`` is the promise. A build that loses one of its URLs fails here; a build
that adds URLs fails until they are recorded, so the list stays complete:

    RUNSTRONG_UPDATE_GOLDEN=1 pytest tests/site/test_published_urls.py   # records new URLs only
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from generator.build import BuildReport

MANIFEST = Path(__file__).with_name("published-urls.txt")


def published(site: Path) -> set[str]:
    """Pages and redirects (directory URLs), plus the program PDFs coaches link and share."""
    pages = {
        "/" + p.parent.relative_to(site).as_posix().removeprefix(".") + ("/" if p.parent != site else "")
        for p in site.rglob("index.html")
        if "assets" not in p.parts and "search" not in p.parts
    }
    return pages | {"/" + p.relative_to(site).as_posix() for p in site.rglob("*.pdf")}


def test_no_published_url_is_lost(built_site: tuple[Path, BuildReport]) -> None:
    site, _ = built_site
    promised = set(MANIFEST.read_text(encoding="utf-8").split())
    now = published(site)
    if os.environ.get("RUNSTRONG_UPDATE_GOLDEN"):
        MANIFEST.write_text("\n".join(sorted(promised | now)) + "\n", encoding="utf-8")
    lost = sorted(promised - now)
    assert not lost, f"published URLs no longer answer (add redirect_from to the renamed item): {lost}"
    new = sorted(now - promised)
    assert not new, f"new URLs: record them in {MANIFEST.name} (see this file's docstring): {new}"


def test_redirects_keep_the_section_of_a_deep_link(built_site: tuple[Path, BuildReport]) -> None:
    site, _ = built_site
    html = (site / "x" / "rdl" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'location\.replace\("\.\./\.\./exercises/romanian-deadlift/" \+ location\.hash\)', html)
    assert '<meta http-equiv="refresh" content="0; url=../../exercises/romanian-deadlift/">' in html
