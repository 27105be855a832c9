"""The generated pictures as Markdown: where they are (urls), what they say (alt) and their size.

Pages link the pictures that ``generator.figures`` renders; this module only names them, it
never draws, and it imports nothing of the renderer: what it needs to know about a drawn strip
(frame width, how high the figure reaches, the key frame, the words for each keyframe) arrives
as ``display.FigureFacts``. Sizes are given so the page does not jump while an image loads.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import cached_property

from .. import display, urls
from ..display import ANIMATION_WIDTH_PX, FRAME_GAP_PX, FigureFacts
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
    """What an exercise page shows: the animation, the keyframe strip and the muscle map.

    ``facts`` are the renderer's facts about the exercise's strip; without them (no figure, or
    pages rendered without pictures) the page shows the muscle map only.
    """

    guide: Guide
    slug: str
    source: str
    facts: FigureFacts | None = None

    # Cached: templates test a picture and then print it, and laying out a strip is not free.
    @cached_property
    def animation(self) -> Md:
        """The hero: the animation cropped to the figure, a still for reduced motion, a pause button.

        The animation is drawn 960 px wide with the figure centred at the strip's scale, on the
        strip's floor line, so cropping it to one strip frame's width and to the strip's top
        keeps all of the figure and little of the empty floor and sky. The still is the strip's
        key frame, cropped the same way. CSS shows it instead of the animation under
        ``prefers-reduced-motion`` or once paused, and figures.js un-hides the button (without
        JS the page simply shows one or the other).
        """
        ex = self.guide.exercises[self.slug]
        layout = self.facts
        if ex.figure is None or layout is None:
            return Md("")
        link = urls.link(self.source, urls.figure_animation_path(self.slug))
        strip = urls.link(self.source, urls.figure_strip_path(self.slug))
        fw = min(layout.frame_px, ANIMATION_WIDTH_PX)  # the crop, in the pictures' 2× pixels
        fh = layout.height_px - layout.top_px
        shown = ex.figure.strip_keyframes()
        still = layout.key_frame
        keyframe = ex.figure.keyframes[shown[still]]
        phrase = layout.phrases[shown[still]]
        step = f", step {keyframe.step}" if keyframe.step is not None else ""
        still_alt = f"{ex.name}{step}: {phrase}."
        strip_px = layout.strip_px
        frame_left = still * (layout.frame_px + FRAME_GAP_PX) + (layout.frame_px - fw) / 2

        def placed(width_px: int, left_px: float) -> str:
            # Sized and shifted in % of the crop's width, bottom on the crop's bottom (figures.css).
            return f"width: {100 * width_px / fw:.3f}%; left: {-100 * left_px / fw:.3f}%"

        height = f'height="{layout.height_px // 2}"'
        moving_attrs = (
            f'.rs-hero__moving width="{ANIMATION_WIDTH_PX // 2}" {height} '
            f'style="{placed(ANIMATION_WIDTH_PX, (ANIMATION_WIDTH_PX - fw) / 2)}"'
        )
        # Above the fold: the animation is loaded at once; the still only when it is shown.
        moving = f"![{escape(display.animation_alt(ex.name, layout.phrases))}]({link}){{ {moving_attrs} }}"
        still_attrs = (
            f'.rs-hero__still width="{strip_px // 2}" {height} loading="lazy" '
            f'style="{placed(strip_px, frame_left)}"'
        )
        still_img = f"![{escape(still_alt)}]({strip}){{ {still_attrs} }}"
        button = '<button type="button" class="rs-hero__toggle" hidden>Pause</button>'
        box = f"--rs-w: {fw // 2}px; --rs-aspect: {fw} / {fh}"
        opening = f'<div class="rs-hero" data-rs-animation style="{box}" markdown>'
        return Md(f"{opening}\n{moving}{still_img}\n\n{button}\n</div>")

    @cached_property
    def strip(self) -> Md:
        """The key positions as a grid of frames with the step numbers in HTML.

        Each frame is the same strip PNG (one download) cropped to one frame by CSS, so a phone
        can wrap the frames two to a row at a readable size, and the numbers are text that stays
        ≥ 16 px whatever the frame's size. Each frame's alt text says its step and position.
        """
        ex = self.guide.exercises[self.slug]
        layout = self.facts
        if ex.figure is None or layout is None:
            return Md("")
        link = urls.link(self.source, urls.figure_strip_path(self.slug))
        phrases = layout.phrases
        w, h = layout.size
        # At most four frames a row; five go three and two rather than four and one.
        cols = layout.frames if layout.frames <= 4 else 3
        lines = [f'<div class="rs-strip" style="--rs-w: {w}px; --rs-cols: {cols}" markdown>']
        for i, k in enumerate(ex.figure.strip_keyframes()):
            keyframe = ex.figure.keyframes[k]
            # Every frame says what it shows: the step that reaches it, or, unnumbered, the
            # start position the set-up describes (the first frame) or the end position.
            where = "Start" if i == 0 else "End"
            label = f"step {keyframe.step}" if keyframe.step is not None else f"{where.lower()} position"
            alt = f"{ex.name}, {label}: {phrases[k]}."
            badge = (
                f'<span class="rs-strip__step" aria-hidden="true">{keyframe.step}</span>'
                if keyframe.step is not None
                else f'<span class="rs-strip__start" aria-hidden="true">{where}</span>'
            )
            attrs = f'width="{w}" height="{h}" loading="lazy" style="{layout.crop(i)}"'
            img = f"![{escape(alt)}]({link}){{ {attrs} }}"
            lines += ['<div class="rs-strip__frame" markdown>', badge + img, "</div>"]
        lines.append("</div>")
        return Md("\n".join(lines))

    @cached_property
    def muscle_map(self) -> Md:
        ex = self.guide.exercises[self.slug]
        alt = display.muscle_map_alt(ex, self.guide.muscles)
        path = display.muscle_map_path(ex.muscles.primary, ex.muscles.secondary)
        return image(alt, self.source, path, display.MUSCLE_MAP_SIZE, css="rs-muscle-map")


def small_muscle_map(guide: Guide, slug: str, source: str) -> Md:
    """The thumbnail on the library index (short alt: the row already names the muscles)."""
    ex = guide.exercises[slug]
    alt = display.small_muscle_map_alt(ex, guide.muscles)
    path = display.muscle_map_small_path(ex.muscles.primary, ex.muscles.secondary)
    return image(alt, source, path, display.MUSCLE_MAP_SMALL_SIZE, css="rs-muscle-map-small")


def preview_meta(path: str, alt: str) -> dict[str, object]:
    """Front-matter keys that theme/main.html turns into og:image and twitter:card tags.

    The alt text is HTML-escaped here, like ``description``: the theme prints it as is.
    """
    return {"og_image": path, "og_image_alt": html.escape(alt)}
