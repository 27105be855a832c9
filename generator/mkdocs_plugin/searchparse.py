"""Material's search parser, the same sections in fewer steps (every page's search entries).

Material's search plugin reads each rendered page with an ``html.parser`` subclass that cuts it
into sections at its headings (``material.plugins.search.plugin.Parser``). Its handlers ask,
at every tag and every run of text, whether any open element is skipped
(``skip.intersection(context)``: a set built from the open elements, each hashed and compared
by a Python method) and whether the section's heading is open (``el in context``, a Python
``__eq__`` per open element): ~2 ms of the ~3.5 ms each exercise page costs, more than the
tokenizing itself.

``FastParser`` keeps what those questions read as counts kept up to date as elements open
and close: how many open elements have each tag, how many of them are skipped, how many are
a heading's permalink. What it answers is Material's reading exactly, odd corners included,
because the sections it makes are what the index holds:

- Material's elements compare by tag alone, so "skipped" means "an open element has a tag in
  the skip set", and closing *any* element of a skipped tag (not only the excluded one)
  takes the tag out of the set, as Material's ``skip.remove`` does;
- "inside the section's heading" means "an open element has the heading's tag";
- a closing tag that is not the innermost open element is ignored; void elements never open.

The tokenizing (``html.parser``) and the sections' classes are Material's own; only the three
handlers are rewritten. ``install`` hands it to the search plugin of a build;
``tests/mkdocs_plugin/test_searchparse.py`` holds it to Material's parser on the guide's pages
and on hostile HTML.
"""

from __future__ import annotations

import re
from html import escape, unescape
from typing import Any

from material.plugins.search import plugin as search  # type: ignore[import-untyped]

_HEADINGS = frozenset(f"h{x}" for x in range(1, 7))
_SKIPPED_ALWAYS = ("script", "style", "object")
# The tags ``FastParser.feed`` reads itself: ``html.parser`` reads each exactly so (name
# lowercased; a valued attribute's quotes dropped and its references unescaped, a bare one
# None). Anything else on a page (a comment, a declaration, script or style, a single-quoted
# or unquoted value, a "<" in text, other whitespace) and the page is read by ``html.parser``.
_WS = "[ \t\n\r\f]"
_TAG = re.compile(
    rf"""<(?:(?P<name>[a-zA-Z][a-zA-Z0-9-]*)(?P<attrs>(?:{_WS}+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"<>]*")?)*)
    {_WS}*(?P<empty>/?)>|/(?P<end>[a-zA-Z][a-zA-Z0-9-]*)>)""",
    re.X,
)
_ATTR = re.compile(r'([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"<>]*)")?')
_RAW_TEXT = frozenset({"script", "style"})  # html.parser reads their content as it is


class FastParser(search.Parser):
    """``material.plugins.search.plugin.Parser``, its handlers answered from counts."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.skip_tags: set[str] = {el if isinstance(el, str) else el.tag for el in self.skip}
        self.open: dict[str, int] = {}  # tag → open elements with it
        self.skipped = 0  # open elements whose tag is in skip_tags
        self.permalinks = 0  # open <a class="headerlink">

    def feed(self, data: str) -> None:
        """Read ``data`` (a whole page): its tags and text told to the handlers as
        ``html.parser`` tells them, or by ``html.parser`` itself when it holds anything else."""
        events = None if self.rawdata else _events(data)
        if events is None:
            self.fast = False
            super().feed(data)
            return
        self.fast = True
        for kind, first, second in events:
            if kind == 0:
                self.handle_data(first)
            elif kind == 1:
                self.handle_starttag(first, second)
            elif kind == 2:
                self.handle_startendtag(first, second)
            else:
                self.handle_endtag(first)

    def close(self) -> None:
        if not getattr(self, "fast", False):
            super().close()

    def _push(self, el: Any) -> None:
        tag = el.tag
        self.context.append(el)
        self.open[tag] = self.open.get(tag, 0) + 1
        if tag in self.skip_tags:
            self.skipped += 1
        if tag == "a" and el.attrs.get("class") == "headerlink":
            self.permalinks += 1

    def _pop(self) -> Any:
        el = self.context.pop()
        tag = el.tag
        self.open[tag] -= 1
        if tag in self.skip_tags:
            self.skipped -= 1
        if tag == "a" and el.attrs.get("class") == "headerlink":
            self.permalinks -= 1
        return el

    def _skip(self, tag: str) -> None:
        if tag not in self.skip_tags:
            self.skip_tags.add(tag)
            self.skipped += self.open.get(tag, 0)

    def _unskip(self, tag: str) -> None:
        self.skip_tags.discard(tag)
        self.skipped -= self.open.get(tag, 0)

    def _in_title(self) -> bool:
        return self.open.get(self.section.el.tag, 0) > 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in search.void:
            return
        el = search.Element(tag, attributes)
        self._push(el)
        if tag in _HEADINGS and "id" in attributes:
            depth = len(self.context)
            if tag != "h1" and not self.data:
                self.section = search.Section(search.Element("hx"), depth)
                self.data.append(self.section)
            self.section = search.Section(el, depth)
            if self.data:
                self.section.id = attributes["id"]
            self.data.append(self.section)
        if not self.section:
            self.section = search.Section(search.Element("hx"))
            self.data.append(self.section)
        if "data-search-exclude" in attributes or attributes.get("class") == "linenodiv":
            self._skip(tag)
            return
        if not self.skipped and tag in self.keep:
            (self.section.title if self._in_title() else self.section.text).append(f"<{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if not self.context or self.context[-1].tag != tag:
            return
        if self.section.depth > len(self.context):
            for section in reversed(self.data):
                if section.depth <= len(self.context):
                    self.section.depth = float("inf")
                    self.section = section
                    break
        el = self._pop()
        if el.tag in self.skip_tags:
            if el.tag not in _SKIPPED_ALWAYS:
                self._unskip(el.tag)
            return
        if not self.skipped and tag in self.keep:
            data = self.section.title if self._in_title() else self.section.text
            index = data.index(f"<{tag}>")
            for i in range(index + 1, len(data)):
                if not data[i].isspace():
                    index = len(data)
                    break
            if len(data) > index:
                del data[index:]
            else:
                data.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self.skipped:
            return
        pre = self.open.get("pre", 0) > 0
        if not pre:
            data = data.replace("\n", " ") if not data.isspace() else " "
        if not self.section:
            self.section = search.Section(search.Element("hx"))
            self.data.append(self.section)
        if self._in_title():
            if not self.permalinks:
                self.section.title.append(escape(data, quote=False))
        elif data.isspace():
            text = self.section.text
            if not text or not text[-1].isspace() or pre:
                text.append(data)
        else:
            self.section.text.append(escape(data, quote=False))


def _events(html: str) -> list[tuple[int, str, Any]] | None:
    """``html``'s text (0), start (1), self-closing (2) and end (3) tags in order, or None when it
    holds anything ``_TAG`` does not read."""
    events: list[tuple[int, str, Any]] = []
    pos = 0
    while (at := html.find("<", pos)) >= 0:
        if at > pos:
            text = html[pos:at]
            events.append((0, unescape(text) if "&" in text else text, None))
        tag = _TAG.match(html, at)
        if tag is None:
            return None
        if tag["end"] is not None:
            events.append((3, tag["end"].lower(), None))
        else:
            name = tag["name"].lower()
            if name in _RAW_TEXT:
                return None
            attrs = [
                (m[1].lower(), unescape(m[2]) if m[2] and "&" in m[2] else m[2])
                for m in _ATTR.finditer(tag["attrs"])
            ]
            events.append((2 if tag["empty"] else 1, name, attrs))
        pos = tag.end()
    if pos < len(html):
        text = html[pos:]
        events.append((0, unescape(text) if "&" in text else text, None))
    return events


def add_entry_from_context(index: Any, page: Any) -> None:
    """``SearchIndex.add_entry_from_context`` with ``FastParser`` (Material's body otherwise)."""
    meta_search = page.meta.get("search") or {}
    if meta_search.get("exclude"):
        return
    parser = FastParser()
    parser.feed(page.content)
    parser.close()
    for section in parser.data:
        if not section.is_excluded():
            index.create_entry_for_section(section, page.toc, page.url, page)


def install(plugins: Any) -> bool:
    """Have the build's Material search plugin (if any) read pages with ``FastParser``."""
    for plugin in plugins.values():
        if isinstance(plugin, search.SearchPlugin) and hasattr(plugin, "search_index"):
            index = plugin.search_index
            index.add_entry_from_context = lambda page, index=index: add_entry_from_context(index, page)
            return True
    return False
