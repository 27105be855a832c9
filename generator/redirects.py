"""Redirect files: short links for printed QR codes, and old URLs after a rename.

A published URL is a promise to every coach who linked it and every card already printed,
so a renamed exercise keeps its old URL as a redirect (``redirect_from`` in its YAML), and
every exercise answers at a short ``/x/<code>/`` link. Redirects are small static HTML files
(served by any static host, no server rules) that keep the ``#section`` of a deep link.
"""

from __future__ import annotations

import html
import json
import posixpath
from collections.abc import Mapping

from . import urls
from .files import GeneratedFile
from .memo import NO_MEMO, Memo
from .model import Exercise, Guide, Program

_TEMPLATE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Redirecting to {title}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{target}">
<meta http-equiv="refresh" content="0; url={target}">
<script>location.replace({target_js} + location.hash);</script>
</head>
<body>
<p>This page has moved to <a href="{target}">{title}</a>.</p>
</body>
</html>
"""


def redirect_page(from_url: str, to_url: str, title: str) -> GeneratedFile:
    """A redirect at ``from_url`` to ``to_url`` (URL paths); relative, so it works under any base."""
    target = posixpath.relpath(to_url or ".", from_url.rstrip("/") or ".").removesuffix("/") + "/"
    return GeneratedFile.text(
        urls.redirect_file(from_url),
        _TEMPLATE.format(
            title=html.escape(title),
            target=html.escape(target, quote=True),
            target_js=json.dumps(target),
        ),
    )


def short_codes(slug: str, exercise: Exercise) -> list[str]:
    """Every short code an exercise answers at: the one printed on cards first.

    A short link is printed on paper, so it must outlive renames and later edits: besides
    its ``short:`` code (or, without one, its slug), an exercise keeps answering at its slug
    and at each former slug in ``redirect_from`` — whatever a card printed at any time says.
    """
    codes = [exercise.short or slug, slug, *exercise.redirect_from]
    return list(dict.fromkeys(codes))


def exercise_redirects(slug: str, exercise: Exercise) -> list[GeneratedFile]:
    """The redirects to one exercise: from its short links and its former slugs."""
    target = urls.exercise_url(slug)
    files = [
        redirect_page(urls.short_url(code), target, exercise.name) for code in short_codes(slug, exercise)
    ]
    files += [redirect_page(urls.exercise_url(old), target, exercise.name) for old in exercise.redirect_from]
    return files


def render_redirects(guide: Guide, memo: Memo = NO_MEMO) -> list[GeneratedFile]:
    """Every redirect page (``memo``: a serve session's; an exercise's are made of it alone)."""
    files = []
    for slug, ex in guide.exercises.items():
        files += memo.get("exercise redirects", (slug, ex), exercise_redirects, slug, ex)
    for code, slug in guide.kept_shorts.items():  # printed once; the record keeps them (shortlinks.py)
        if slug in guide.exercises:
            target, title = urls.exercise_url(slug), guide.exercises[slug].name
        else:
            target, title = urls.url_of(urls.LIBRARY_SOURCE), "the exercise library"
        files.append(redirect_page(urls.short_url(code), target, title))
    for slug, program in guide.programs.items():
        files += [
            redirect_page(urls.program_url(old), urls.program_url(slug), program.name)
            for old in program.redirect_from
        ]
    return files


def published_outputs(
    exercises: Mapping[str, Exercise], programs: Mapping[str, Program], kept: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Output paths (in site/) the generator publishes, each with who publishes it.

    Computed from the content alone, without rendering, so ``runstrong check`` can refuse a
    hand-written page that would take one of them. A path ending in '/' claims a folder.
    """

    def page(source: str) -> str:
        return urls.url_of(source) + "index.html"

    from .offline import WORKER, WORKER_SOURCE

    out = {urls.GENERATED_ASSETS + "/": "the generated pictures and PDFs"}
    # The offline service worker and its code: a hand-written file there would replace it silently.
    out[WORKER] = out[WORKER_SOURCE] = "the offline service worker"
    out[page(urls.LIBRARY_SOURCE)] = "the exercise library"
    out.update({page(urls.library_group_source(g.key)): "the exercise library" for g in urls.GROUPINGS})
    out[page(urls.PROGRAMS_SOURCE)] = "the list of programs"
    out[page(urls.OFFLINE_SOURCE)] = "the offline page"
    out[urls.API_DIR + "/"] = "the open data (JSON)"
    for slug, ex in exercises.items():
        out[page(urls.exercise_source(slug))] = f"the page of exercise '{slug}'"
        for code in short_codes(slug, ex):
            out[urls.redirect_file(urls.short_url(code))] = f"the short link /x/{code}/ of exercise '{slug}'"
        for old in ex.redirect_from:
            out[urls.redirect_file(urls.exercise_url(old))] = f"the redirect from the old address of '{slug}'"
    for code in kept or {}:
        out[urls.redirect_file(urls.short_url(code))] = f"the short link /x/{code}/ printed on earlier cards"
    for slug, program in programs.items():
        out[page(urls.program_source(slug))] = f"the page of program '{slug}'"
        for old in program.redirect_from:
            out[urls.redirect_file(urls.program_url(old))] = f"the redirect from the old address of '{slug}'"
    return out
