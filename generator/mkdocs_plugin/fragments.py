"""Material's partials that print the same HTML on every exercise page, rendered once a build.

Material renders its primary nav, its tabs, its palette toggle and its search box into every
page (~1.3 ms a page, a sixth of what the template costs; on a 900-exercise library ~1.2 s of
CPU). On a page the nav does not list (every exercise page), what those partials print
depends on the build (the nav, the config, the theme) and on where the page is, through the
``url`` filter only: MkDocs writes each link relative to the page's folder. Two pages in
sibling folders (``exercises/a/``, ``exercises/b/``) get the same relative link to any URL
outside both folders, so each such partial is rendered for the first page of a folder's
children and its HTML printed again for the others.

When a page is a nav page (the nav marks it, or its items, active; it may print its own
table of contents), has no page object (``404.html``), or has a nav link inside its own
folder (a relative link would differ), the partial is rendered as Material renders it.

Material's ``base.html`` also imports its translations (``partials/language.html``) with the
page's context, so Jinja makes that module anew for every page, and each of its ~16 ``t(key)``
calls a page makes runs the macro again (~0.2 ms a page). The module reads nothing of a page:
Material's own (not an override in ``custom_dir``) reads ``config.theme.language`` alone, the
same all build. It is made once per environment and its ``t`` remembers each key's text.
``tests/mkdocs_plugin/test_fragments.py`` holds a build with the memo to the one without.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jinja2
import material  # type: ignore[import-untyped]
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

# Partials whose output on a page outside the nav is a function of the build and the page's
# folder alone (their sources read no page field but through the ``url`` filter).
SAME_ON_SIBLINGS = (
    "partials/nav.html",
    "partials/tabs.html",
    "partials/palette.html",
    "partials/search.html",
)

_Render = Callable[[Any], Iterator[str]]

LANGUAGE = "partials/language.html"
_MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"


def _nav_urls(items: list[Any]) -> Iterator[str]:
    for item in items:
        if isinstance(item, Section):
            yield from _nav_urls(item.children)
        elif isinstance(item, Page | Link) and item.url is not None:
            yield item.url


def _parts(url: str) -> list[str]:
    return [part for part in url.split("/") if part and part != "."]


class Sibling:
    """Says, per page, the key under which a partial's HTML is the same (None: render it)."""

    def __init__(self, nav: Navigation) -> None:
        self.nav = nav
        self.nav_files = {page.file.src_uri for page in nav.pages}
        self.nav_parts = [_parts(url) for url in _nav_urls(nav.items)]
        self.nav_parts.append(_parts(nav.homepage.url) if nav.homepage is not None else [])

    def key(self, page: Any) -> tuple[str, ...] | None:
        if not isinstance(page, Page) or page.file.src_uri in self.nav_files or page.url is None:
            return None
        if any(item.active for item in self.nav.items):
            return None  # a nav page is being built: its items are marked
        url = page.url
        if not url.endswith("/") or ".." in url.split("/"):
            return None  # a file URL (use_directory_urls off) or an unusual one: as Material does
        parts = _parts(url)
        if not parts:
            return None
        # A nav URL at or under the page's folder gets a link relative to it alone.
        if any(target[: len(parts)] == parts for target in self.nav_parts):
            return None
        return (*parts[:-1], f"depth {len(parts)}")


def memoize(env: jinja2.Environment, nav: Navigation) -> None:
    """Render each of ``SAME_ON_SIBLINGS`` once per key (``Sibling.key``) in this environment
    (MkDocs makes one per build): the template's compiled root function is wrapped, which is
    what ``{% include %}`` runs."""
    sibling = Sibling(nav)
    for name in SAME_ON_SIBLINGS:
        try:
            template = env.get_template(name)
        except jinja2.TemplateNotFound:
            continue
        template.root_render_func = _memoized(template.root_render_func, name, sibling)
    _language_once(env)


def _memoized(render: _Render, name: str, sibling: Sibling) -> _Render:
    made: dict[tuple[str, ...], str] = {}

    def root(context: Any) -> Iterator[str]:
        key = sibling.key(context.get("page"))
        if key is None:
            yield from render(context)
            return
        if key not in made:
            made[key] = "".join(render(context))
        yield made[key]

    root.__name__ = f"memoized {name}"
    return root


def _language_once(env: jinja2.Environment) -> None:
    """Material's translations module made once in ``env``, each key's text remembered."""
    try:
        template = env.get_template(LANGUAGE)
    except jinja2.TemplateNotFound:
        return
    if template.filename is None or Path(template.filename) != _MATERIAL_TEMPLATES / LANGUAGE:
        return  # an override: it may read the page
    make = template.make_module
    made: list[Any] = []

    def make_module(vars: Any = None, shared: bool = False, locals: Any = None) -> Any:
        if not made:
            module = make(vars, shared, locals)
            texts: dict[str, Any] = {}
            translate = getattr(module, "t")  # noqa: B009 (a template's macro: no type to name it)

            def t(key: str) -> Any:
                if key not in texts:
                    texts[key] = translate(key)
                return texts[key]

            setattr(module, "t", t)  # noqa: B010
            made.append(module)
        return made[0]

    template.make_module = make_module  # type: ignore[method-assign]
