"""The one step after an engine built the site, for MkDocs and Zensical alike.

An engine publishes the Markdown; what it cannot know is added to the built site:

0. each page's date in the sitemap, from the content files it is made from (``pagedates``),
   and the sitemap's ``.gz``;
1. the search fields (one-word names, lay terms: ``pages.search_terms``) go into the search
   index, whose sentences are cleaned (``search_index``): MkDocs' lunr index gets them as
   fields, Zensical's ``search.json`` as the same fields, which RunStrong's search worker lays
   out for Zensical's fixed fields;
   each step leaves a site without its index alone;
2. the content licence (mkdocs.yml's ``extra.license``) stamped into whichever index there is:
   the published data says its terms too (``licence``);
3. the offline service worker (``offline``), which precaches the finished site's files, the
   search index included: so it comes last.

The MkDocs plugin calls the steps at ``on_post_build``: 0-2 (``finish_pages``) while the
pictures drawn beside the pages are still drawing (they read only pages), 3 (``finish_offline``)
once they are in the site; for a site Zensical (or a plain ``mkdocs build``) made from
``runstrong generate``'s folder, ``python -m generator.zensical`` runs both (``finish_site``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import urls
from .licence import stamp_index, stamped
from .offline import write_service_worker
from .pagedates import date_sitemap, page_dates
from .pages import search_terms
from .search_index import (
    INDEX,
    ZENSICAL_INDEX,
    Partial,
    clean_index,
    read_index,
    tidy_zensical_search,
    write_index,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

    from .model import Guide
    from .offline import Known


def finish_site(
    site: Path,
    guide: Guide,
    pages_dir: Path,
    *,
    licence: Mapping[str, str] | None = None,
    known: Known | None = None,
    boosts: Mapping[str, float] | None = None,
    content: Path | None = None,
    partial: Partial | None = None,
) -> list[dict[str, Any]]:
    """Search fields, the licence, then the service worker, into the built ``site``.

    ``pages_dir``: the hand-written pages (their sections' topics go into the index);
    ``licence``: mkdocs.yml's ``extra.license`` (``licence.licence_of``); ``known``: the file
    revisions the last build computed (a rebuild hashes only what changed); ``boosts``: the
    pages' search boosts (URL path → boost), which Zensical's index lacks (``zensical.page_boosts``);
    ``content``: the content folder, whose files date each page of the sitemap (``pagedates``);
    ``partial``: a build that rendered some pages only, whose index the others' entries complete
    (``search_index.Partial``). Returns the entries of MkDocs' index as written (none without it):
    the next partial build's others.
    """
    docs = finish_pages(
        site, guide, pages_dir, licence=licence, boosts=boosts, content=content, partial=partial
    )
    finish_offline(site, guide, known=known)
    return docs


def finish_pages(
    site: Path,
    guide: Guide,
    pages_dir: Path,
    *,
    licence: Mapping[str, str] | None = None,
    boosts: Mapping[str, float] | None = None,
    content: Path | None = None,
    partial: Partial | None = None,
) -> list[dict[str, Any]]:
    """Steps 0-2 of ``finish_site``, which read the built pages only (no picture)."""
    if content is not None:
        date_sitemap(site, *page_dates(guide, content))
    exercises, topics = search_terms.index_fields(guide, pages_dir)
    # MkDocs' index: read, cleaned and stamped in memory, written once (1-2 MB at 900 exercises).
    docs: list[dict[str, Any]] = []
    if (index := read_index(site / INDEX)) is not None:
        index = stamped(clean_index(index, exercises, topics, partial), licence)
        write_index(site / INDEX, index)
        docs = index["docs"]
    tidy_zensical_search(site, exercises, topics, boosts)  # Zensical's
    stamp_index(site / ZENSICAL_INDEX, licence)
    return docs


def finish_offline(site: Path, guide: Guide, *, known: Known | None = None) -> None:
    """Step 3 of ``finish_site``: the service worker, once every file is in the site (it
    precaches the pictures and the search index)."""
    write_service_worker(site, [urls.exercise_url(slug) for slug in guide.exercises], known=known)
