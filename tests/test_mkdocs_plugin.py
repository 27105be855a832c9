"""The navigation the plugin builds from the content and the hand-written pages."""

from __future__ import annotations

from pathlib import Path

from generator.load import load_guide
from generator.mkdocs_plugin import default_nav


def _page(docs: Path, relative: str, front: str) -> None:
    path = docs / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front}\n---\n\n# Page\n", encoding="utf-8")


def test_pages_in_a_folder_share_one_section_in_nav_order(content: Path) -> None:
    docs = content / "pages"
    _page(docs, "guide/zeta.md", "nav_order: 30\nnav_title: Zeta")
    _page(docs, "guide/alpha.md", "nav_order: 20\nnav_title: Alpha")
    _page(docs, "guide/warm-up.md", "nav_order: 25")
    _page(docs, "about.md", "nav_order: 90\nnav_title: About")
    nav = default_nav(load_guide(content), docs)
    titles = [next(iter(item)) if isinstance(item, dict) else item for item in nav]
    assert titles[-2:] == ["Guide", "About"], "the section sits where its first page sorts"
    guide = nav[-2]["Guide"]
    assert guide == [{"Alpha": "guide/alpha.md"}, "guide/warm-up.md", {"Zeta": "guide/zeta.md"}]


def test_top_level_pages_stay_top_level(content: Path) -> None:
    docs = content / "pages"
    _page(docs, "about.md", "nav_title: About")
    nav = default_nav(load_guide(content), docs)
    assert {"About": "about.md"} in nav
