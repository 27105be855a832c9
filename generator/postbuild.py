"""The one step after an engine built the site, for MkDocs and Zensical alike.

An engine publishes the Markdown; two things it cannot know are added to the built site:

1. the search fields (one-word names, lay terms: ``pages.search_terms``) go into MkDocs'
   lunr index, whose sentences are cleaned (``search_index``); a site without that index
   (Zensical's ``search.json`` has another format) keeps its own;
2. the offline service worker (``offline``), which precaches the finished site's files, the
   search index included: so it comes last.

The MkDocs plugin calls ``finish_site`` at ``on_post_build``; for a site Zensical (or a plain
``mkdocs build``) made from ``runstrong generate``'s folder, ``python -m generator.zensical``
does.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from . import urls
from .offline import write_service_worker
from .pages import search_terms
from .search_index import clean_search_index

if TYPE_CHECKING:
    from .model import Guide
    from .offline import Known


def finish_site(site: Path, guide: Guide, known: Known | None = None) -> None:
    """Search fields, then the service worker, into the built ``site``.

    ``known``: the file revisions the last build computed (a rebuild hashes only what changed).
    """
    exercise_urls = [urls.exercise_url(slug) for slug in guide.exercises]
    extra = {urls.exercise_url(slug): search_terms.fields(ex) for slug, ex in guide.exercises.items()}
    clean_search_index(site, extra)
    write_service_worker(site, exercise_urls, known=known)
