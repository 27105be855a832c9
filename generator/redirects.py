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

from . import urls
from .files import GeneratedFile
from .model import Guide

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


def render_redirects(guide: Guide) -> list[GeneratedFile]:
    files = []
    for slug, ex in guide.exercises.items():
        files.append(redirect_page(urls.short_url(guide.short_code(slug)), urls.exercise_url(slug), ex.name))
        files += [
            redirect_page(urls.exercise_url(old), urls.exercise_url(slug), ex.name)
            for old in ex.redirect_from
        ]
    for slug, program in guide.programs.items():
        files += [
            redirect_page(urls.program_url(old), urls.program_url(slug), program.name)
            for old in program.redirect_from
        ]
    return files
