"""The site's own pictures (issue 18): its home-screen icons and the link-preview card of every
page that has none of its own.

A phone adding the site to its home screen reads the manifest's PNG icons (192 and 512 px) or,
on iOS, ``apple-touch-icon.png`` (180 px): an SVG-only manifest installs as a blank tile. They
are drawn here from the favicon's runner (theme/assets/favicon.svg, the same strokes), full bleed
so Android may mask them to any shape ("maskable": the runner stays in the middle 60 %).

Hand-written pages, the library, its browse pages and the programs list have no figure of their
own; theme/main.html shows this card for them (``SITE_PREVIEW``): the guide's name and four of its
exercises. Both are kept in the render cache, keyed by what they are drawn from.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path

from PIL import Image, ImageDraw

from .. import urls
from ..cache import Cache, key_of, library_versions
from ..files import GeneratedFile
from ..model import Guide
from . import style
from .cache import LIBRARIES
from .encode import card_png
from .preview import EXACT, render_program_preview

VERSION = 1  # bump when the drawing changes
ICONS = {"icon-192.png": 192, "icon-512.png": 512, "apple-touch-icon.png": 180}
SITE_PREVIEW = urls.asset_path("previews", "site.png")
SITE_PREVIEW_TITLE = "Strength training for runners"
SITE_PREVIEW_SUMMARY = "Exercise by exercise: pictures of each step, the dose, and programs to print."

# The favicon's runner, in its 64-unit box: strokes (polylines) and the head.
_STROKES = (
    ((36, 22), (27, 36), (37, 42), (33, 56)),
    ((27, 36), (18, 38)),
    ((36, 22), (46, 32), (54, 30)),
    ((29, 29), (20, 26)),
)
_HEAD = ((38, 13), 5)


def icon(size: int) -> Image.Image:
    """The runner in white on the accent, full bleed, at ``size`` px (drawn at 4× and reduced)."""
    ss = 4
    big = size * ss
    image = Image.new("RGB", (big, big), style.ACCENT)
    draw = ImageDraw.Draw(image)
    # The 64-unit drawing scaled into the middle 60 % (the maskable safe zone is 80 %).
    scale = big * 0.6 / 64
    offset = big * 0.2

    def at(point: tuple[float, float]) -> tuple[float, float]:
        return (offset + point[0] * scale, offset + point[1] * scale)

    width = round(6 * scale)
    for stroke in _STROKES:
        points = [at(p) for p in stroke]
        draw.line(points, fill="white", width=width, joint="curve")
        for x, y in (points[0], points[-1]):  # round caps
            r = width / 2
            draw.ellipse((x - r, y - r, x + r, y + r), fill="white")
    (cx, cy), r = _HEAD
    x, y = at((cx, cy))
    draw.ellipse((x - r * scale, y - r * scale, x + r * scale, y + r * scale), fill="white")
    return image.resize((size, size), Image.Resampling.LANCZOS)


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _cached(cache: Cache, payload: Mapping[str, object], draw: Callable[[], bytes]) -> bytes:
    key = key_of({"site-image": VERSION, "libraries": library_versions(*LIBRARIES), **payload})
    data = cache.get(key)
    if data is None:
        data = draw()
        cache.put(key, data)
    return data


def _icon_png(size: int) -> bytes:
    return _png(icon(size))


def render_site_images(guide: Guide, cache_dir: Path | None = None) -> list[GeneratedFile]:
    """The home-screen icons and the site's link-preview card, in path order."""
    cache = Cache(cache_dir, "site", linkable=False)
    files = []
    for name, size in ICONS.items():
        data = _cached(cache, {"icon": size}, partial(_icon_png, size))
        files.append(GeneratedFile(urls.asset_path("icons", name), data))
    shown = [ex.figure for _, ex in sorted(guide.exercises.items()) if ex.figure is not None][:4]
    inputs = {
        "card": SITE_PREVIEW_TITLE,
        "summary": SITE_PREVIEW_SUMMARY,
        "figures": [f.model_dump(mode="json") for f in shown],
    }

    def card() -> bytes:
        return card_png(
            render_program_preview(SITE_PREVIEW_TITLE, SITE_PREVIEW_SUMMARY, "Guide", shown), EXACT
        )

    files.append(GeneratedFile(SITE_PREVIEW, _cached(cache, inputs, card)))
    return sorted(files, key=lambda f: f.path)
