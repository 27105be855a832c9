"""MkDocs' raw HTML anchors (mkdocs_plugin/rawids.py): the same set as MkDocs' own parser finds,
that parser skipped where no tag can name an anchor."""

from __future__ import annotations

import pytest
from mkdocs.structure import pages as mkdocs_pages

from generator.mkdocs_plugin import rawids

from ..pages.test_htmlblocks import TEXTS

PAGES = [
    "# Title\n\nNo HTML at all, an idea and a name in words.",
    '<div class="a" markdown>\n\ntext\n\n</div>',
    '<span class="rs-strip__step" aria-hidden="true">1</span>',
    '<div id="here">x</div>',
    "<div ID='here'>x</div>",
    "<div\nid=here>x</div>",
    '<div class="x"\nid="two-lines">x</div>',
    "<a name=old>x</a>",
    "<a NAME='old'>x</a>",
    "<span name=notanchor>x</span>",
    "<p/id=slash>x</p>",
    "<div data-id=no>x</div>",
    "<div id>valueless</div>",
    "<!-- <div id=commented> -->",
    "`<div id=code>`",
    "id=at-start-of-a-line <b id=x>",
    *TEXTS,
]


def _anchors(preprocessor: mkdocs_pages._RawHTMLPreprocessor, page: str) -> set[str]:
    lines = page.split("\n")
    assert preprocessor.run(lines) == lines
    return preprocessor.present_anchor_ids


@pytest.mark.parametrize("page", PAGES)
def test_the_anchors_are_mkdocs_own(page: str) -> None:
    assert _anchors(rawids.RawHTMLAnchors(), page) == _anchors(mkdocs_pages._RawHTMLPreprocessor(), page)


def test_a_page_without_an_anchor_is_not_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    fed: list[str] = []
    monkeypatch.setattr(mkdocs_pages._HTMLHandler, "feed", lambda self, data: fed.append(data))
    assert (
        _anchors(rawids.RawHTMLAnchors(), '<span class="x" aria-hidden="true">hidden, aside</span>') == set()
    )
    assert fed == []
    _anchors(rawids.RawHTMLAnchors(), '<span id="x">a</span>')
    assert fed == ['<span id="x">a</span>']
