"""One Markdown converter for a build's generated pages, reset between pages.

MkDocs makes a new ``markdown.Markdown`` for every page (``Page.render``): loading and ordering
a dozen extensions' processors again, ~1 ms a page, a sixth of what converting an exercise
page costs. Python-Markdown's own way to convert many documents is one instance, ``reset()``
between them; ``Converter.render`` is MkDocs 1.6's ``Page.render`` doing that, MkDocs' four
processors of the page registered anew each time (each replaces the last page's, by name).

Only the pages the renderer writes use it: their Markdown holds no footnote or abbreviation
definitions (the renderer escapes authors' text), the only state an extension could keep past
``reset()``. Its inline step skips the texts no inline pattern matches (``quickinline.py``),
MkDocs' search for raw HTML anchors the pages where no tag can name one (``rawids.py``), and
its table of contents renders each heading text once (``tocmemo.py``).
Hand-written pages, and any MkDocs but 1.6 (whose ``Page.render`` this follows),
are converted by MkDocs itself. ``tests/mkdocs_plugin/test_converter.py`` holds each page to
MkDocs' own render, after hostile pages converted before it.
"""

from __future__ import annotations

import logging
from typing import Any

import markdown
import mkdocs
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .quickinline import QuickInline
from .rawids import RawHTMLAnchors
from .tocmemo import TocMemo

SUPPORTED = mkdocs.__version__.startswith("1.6.")  # the Page.render ``render`` follows


class Converter:
    """One build's converter (made at its first page, for that build's config)."""

    def __init__(self) -> None:
        self._md: markdown.Markdown | None = None
        self._quick: QuickInline | None = None

    def _markdown(self, config: MkDocsConfig) -> markdown.Markdown:
        if self._md is None:
            self._md = markdown.Markdown(
                extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"] or {}
            )
            self._quick = QuickInline(self._md)  # plain texts skip the inline patterns (quickinline.py)
            TocMemo(self._md)  # each heading text's toc HTML once a build (tocmemo.py)
        else:
            self._md.reset()
            assert self._quick is not None
            self._quick.refresh()
        return self._md

    def render(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        """``Page.render`` of MkDocs 1.6, the converter reused."""
        if page.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        md = self._markdown(config)
        raw_html_ext = RawHTMLAnchors()  # MkDocs' own, not run where no tag names an anchor
        raw_html_ext._register(md)
        extract_anchors_ext = mkdocs_pages._ExtractAnchorsTreeprocessor(page.file, files, config)
        extract_anchors_ext._register(md)
        relative_path_ext = mkdocs_pages._RelativePathTreeprocessor(page.file, files, config)
        relative_path_ext._register(md)
        extract_title_ext = mkdocs_pages._ExtractTitleTreeprocessor()
        extract_title_ext._register(md)
        page.content = md.convert(page.markdown)
        page.toc = get_toc(getattr(md, "toc_tokens", []))
        page._title_from_render = extract_title_ext.title
        page.present_anchor_ids = extract_anchors_ext.present_anchor_ids | raw_html_ext.present_anchor_ids
        if mkdocs_pages.log.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = relative_path_ext.links_to_anchors

    def take(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        """Have ``page`` (a generated page) converted by this converter when MkDocs renders it."""
        if SUPPORTED:
            page.render = lambda config, files: self.render(page, config, files)  # type: ignore[method-assign]

    @staticmethod
    def release(page: Any) -> None:
        """The page's own ``render`` back (nothing of the converter stays on a page)."""
        vars(page).pop("render", None)
