"""The generated pictures as Markdown: where they are (urls), what they say (alt) and their size.

Pages link the pictures that ``generator.figures`` renders; this module only names them, it
never draws. Sizes are given so the page does not jump while an image loads.
"""

from __future__ import annotations

import html
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from PIL import Image

from .. import figures, urls
from ..model import Guide
from .markdown import Md, escape


def image(
    alt: str, from_source: str, path: str, size: tuple[int, int], *, lazy: bool = True, css: str = ""
) -> Md:
    attrs = [f".{css}"] if css else []
    attrs += [f'width="{size[0]}"', f'height="{size[1]}"']
    if lazy:
        attrs.append('loading="lazy"')
    return Md(f"![{escape(alt)}]({urls.link(from_source, path)}){{ {' '.join(attrs)} }}")


@dataclass(frozen=True)
class ExercisePictures:
    """What an exercise page shows: the animation, the keyframe strip and the muscle map."""

    guide: Guide
    slug: str
    source: str
    assets: Mapping[str, bytes] = field(default_factory=dict)  # rendered pictures, by path

    # Cached: templates test a picture and then print it, and laying out a strip is not free.
    @cached_property
    def animation(self) -> Md:
        ex = self.guide.exercises[self.slug]
        if ex.figure is None:
            return Md("")
        path = urls.figure_animation_path(self.slug)
        # Above the fold: loaded at once, not lazily.
        return image(
            figures.animation_alt(ex),
            self.source,
            path,
            figures.ANIMATION_SIZE,
            lazy=False,
            css="rs-animation",
        )

    @cached_property
    def strip(self) -> Md:
        ex = self.guide.exercises[self.slug]
        if ex.figure is None:
            return Md("")
        path = urls.figure_strip_path(self.slug)
        # A strip's width depends on its keyframes; read it off the rendered PNG when there is
        # one (laying the strip out again costs ~0.2 s an exercise, every build).
        rendered = self.assets.get(path)
        if rendered is not None:
            width, height = Image.open(io.BytesIO(rendered)).size
            size = (width // 2, height // 2)  # drawn at 2× for sharp phone screens
        else:
            size = figures.strip_size(ex.figure)
        return image(figures.figure_alt(ex), self.source, path, size, css="rs-strip")

    @cached_property
    def muscle_map(self) -> Md:
        ex = self.guide.exercises[self.slug]
        alt = figures.muscle_map_alt(ex, self.guide.muscles)
        return image(
            alt, self.source, urls.muscle_map_path(self.slug), figures.MUSCLE_MAP_SIZE, css="rs-muscle-map"
        )


def small_muscle_map(guide: Guide, slug: str, source: str) -> Md:
    """The thumbnail on the library index (short alt: the row already names the muscles)."""
    ex = guide.exercises[slug]
    alt = "Muscle map: " + ", ".join(guide.muscles[m].name.lower() for m in ex.muscles.primary)
    path = urls.muscle_map_small_path(slug)
    return image(alt, source, path, figures.MUSCLE_MAP_SMALL_SIZE, css="rs-muscle-map-small")


def preview_meta(kind: str, slug: str, alt: str) -> dict[str, object]:
    """Front-matter keys that theme/main.html turns into og:image and twitter:card tags.

    The alt text is HTML-escaped here, like ``description``: the theme prints it as is.
    """
    return {"og_image": urls.preview_image_path(kind, slug), "og_image_alt": html.escape(alt)}
