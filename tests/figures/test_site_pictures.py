"""The built site: every exercise page links its pictures, and pages carry link-preview tags."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator import display, urls
from generator.build import BuildReport
from generator.figures.site import SITE_PREVIEW
from generator.model import Guide

pytestmark = pytest.mark.site

SITE_URL = "https://runstrong.example/"  # mkdocs.yml's site_url


def _meta(html: str) -> dict[str, str]:
    tags = re.findall(r'<meta (?:property|name)="((?:og|twitter):[^"]+)" content="([^"]*)"', html)
    return dict(tags)


def test_exercise_pages_show_strip_animation_and_muscle_map(
    built_site: tuple[Path, BuildReport], guide: Guide
) -> None:
    site, _ = built_site
    for slug, ex in guide.exercises.items():
        html = (site / urls.exercise_url(slug) / "index.html").read_text(encoding="utf-8")
        sources = re.findall(r'<img [^>]*src="([^"]+)"', html)
        wanted = [display.muscle_map_path(ex.muscles.primary, ex.muscles.secondary)]
        if ex.figure is not None:
            wanted += [urls.figure_strip_path(slug), urls.figure_animation_path(slug)]
        for path in wanted:
            assert any(src.endswith(path) for src in sources), f"{slug}: no <img> for {path}"
            assert (site / path).is_file()
        assert all(re.search(r'alt="[^"]{20,}"', tag) for tag in re.findall(r"<img [^>]*>", html))


def test_library_index_shows_small_muscle_maps(built_site: tuple[Path, BuildReport], guide: Guide) -> None:
    site, _ = built_site
    html = (site / urls.url_of(urls.LIBRARY_SOURCE) / "index.html").read_text(encoding="utf-8")
    for ex in guide.exercises.values():
        assert display.muscle_map_small_path(ex.muscles.primary, ex.muscles.secondary) in html


def test_open_graph_tags_with_absolute_image_urls(built_site: tuple[Path, BuildReport], guide: Guide) -> None:
    site, _ = built_site
    pages = [("exercises", slug, urls.exercise_url(slug)) for slug in guide.exercises]
    pages += [("programs", slug, urls.program_url(slug)) for slug in guide.programs]
    for kind, slug, url in pages:
        meta = _meta((site / url / "index.html").read_text(encoding="utf-8"))
        image = urls.absolute(SITE_URL, urls.preview_image_path(kind, slug))
        assert meta["og:image"] == image, url
        assert meta["og:image"].startswith("https://")
        assert meta["twitter:card"] == "summary_large_image"
        assert meta["twitter:image"] == image
        assert meta["og:title"] and meta["og:description"]
        assert meta["og:url"] == urls.absolute(SITE_URL, url)
        assert (site / urls.preview_image_path(kind, slug)).is_file()


def test_pages_without_a_card_of_their_own_get_the_sites(built_site: tuple[Path, BuildReport]) -> None:
    """Issue 18: every page has a link-preview image; the home page, the guide pages, the
    library and its browse pages show the site's card (generator/figures/site.py)."""
    site, _ = built_site
    meta = _meta((site / "index.html").read_text(encoding="utf-8"))
    assert meta["og:title"] and meta["og:description"]
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["og:image"] == urls.absolute(SITE_URL, SITE_PREVIEW)
    assert (site / SITE_PREVIEW).is_file()
