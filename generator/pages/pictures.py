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
from ..figures import style
from ..figures.alt import keyframe_phrases
from ..figures.motion import Motion, motion
from ..figures.poses import BASE_POSES
from ..figures.print import key_pose_index
from ..figures.shapes import reach
from ..figures.strip import FRAME_GAP_PX
from ..model import Guide
from .markdown import Md, escape

HERO_HEADROOM_PX = 24  # kept above the figure's highest point in the cropped hero (2× px)


def image(
    alt: str, from_source: str, path: str, size: tuple[int, int], *, lazy: bool = True, css: str = ""
) -> Md:
    attrs = [f".{css}"] if css else []
    attrs += [f'width="{size[0]}"', f'height="{size[1]}"']
    if lazy:
        attrs.append('loading="lazy"')
    return Md(f"![{escape(alt)}]({urls.link(from_source, path)}){{ {' '.join(attrs)} }}")


@dataclass(frozen=True)
class StripLayout:
    """How the strip PNG splits into frames: pages show each frame on its own (see figures.css)."""

    frames: int  # frames in the strip, side by side
    frame_px: int  # width of one frame in the PNG (2×)
    height_px: int

    @property
    def size(self) -> tuple[int, int]:
        """Display size of one frame in CSS px (the PNG is drawn at 2×)."""
        return self.frame_px // 2, self.height_px // 2

    def crop(self, i: int) -> str:
        """Inline style showing frame ``i`` of the strip in an <img> of one frame's size.

        The <img> is the whole strip, scaled by ``object-fit: cover`` to the frame's height and
        shifted by ``object-position``: frame i's left edge lands at i / (frames - 1) of the
        overflow, gaps included, so every frame shows whole and alone.
        """
        w, h = self.size
        return f"--rs-i: {i}; --rs-n: {self.frames}; aspect-ratio: {w} / {h}"


@dataclass(frozen=True)
class ExercisePictures:
    """What an exercise page shows: the animation, the keyframe strip and the muscle map."""

    guide: Guide
    slug: str
    source: str
    assets: Mapping[str, bytes] = field(default_factory=dict)  # rendered pictures, by path

    @cached_property
    def layout(self) -> StripLayout | None:
        ex = self.guide.exercises[self.slug]
        if ex.figure is None:
            return None
        frames = len(ex.figure.strip_keyframes())
        # A strip's width depends on its keyframes; read it off the rendered PNG when there is
        # one (laying the strip out again costs ~0.2 s an exercise, every build).
        rendered = self.assets.get(urls.figure_strip_path(self.slug))
        if rendered is not None:
            width, height = Image.open(io.BytesIO(rendered)).size
        else:
            width, height = (2 * v for v in figures.strip_size(ex.figure))
        frame_px = (width - (frames - 1) * FRAME_GAP_PX) // frames
        return StripLayout(frames, frame_px, height)

    @cached_property
    def motion(self) -> Motion:
        """The figure placed keyframe by keyframe (shared by the hero's crop and its still)."""
        figure = self.guide.exercises[self.slug].figure
        assert figure is not None, "only exercises with a figure have a hero"
        return motion(figure)

    @cached_property
    def figure_top(self) -> int:
        """Pixel row (2×) a little above the highest thing drawn in the strip; 0 when unknown.

        Frames are 540 px high whatever the pose, so a plank fills only their lower third: the
        hero crops the empty sky away. Read off the rendered strip (laying the figure out again
        would cost ~0.2 s an exercise); without one the hero is not cropped from above.
        """
        figure = self.guide.exercises[self.slug].figure
        rendered = self.assets.get(urls.figure_strip_path(self.slug))
        if rendered is None or figure is None:
            return 0
        # A jump's apex lies between keyframes, above every frame of the strip: not cropped.
        if any(BASE_POSES[k.base].lift > 0 for k in figure.keyframes):
            return 0
        bbox = Image.open(io.BytesIO(rendered)).convert("RGBA").getchannel("A").getbbox()
        if bbox is None:
            return 0
        # Keyframes left out of the strip may reach higher: their highest point at the largest
        # scale a frame uses (a smaller one only draws it lower, which crops less).
        m = self.motion
        highest = max(p[1] + reach(n) for body in m.keys for n, p in body.points.items())
        floor = style.FRAME_HEIGHT_PX - style.FLOOR_MARGIN_PX
        return max(0, min(bbox[1], round(floor - highest * style.SCALE_PX)) - HERO_HEADROOM_PX)

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
        layout = self.layout
        if ex.figure is None or layout is None:
            return Md("")
        link = urls.link(self.source, urls.figure_animation_path(self.slug))
        strip = urls.link(self.source, urls.figure_strip_path(self.slug))
        fw = min(layout.frame_px, style.ANIMATION_WIDTH_PX)  # the crop, in the pictures' 2× pixels
        fh = layout.height_px - self.figure_top
        shown = ex.figure.strip_keyframes()
        key = key_pose_index(ex.figure, self.motion)
        still = shown.index(key) if key in shown else len(shown) - 1
        keyframe = ex.figure.keyframes[shown[still]]
        phrase = keyframe_phrases(ex.figure)[shown[still]]
        step = f", step {keyframe.step}" if keyframe.step is not None else ""
        still_alt = f"{ex.name}{step}: {phrase}."
        strip_px = layout.frames * layout.frame_px + (layout.frames - 1) * FRAME_GAP_PX
        frame_left = still * (layout.frame_px + FRAME_GAP_PX) + (layout.frame_px - fw) / 2

        def placed(width_px: int, left_px: float) -> str:
            # Sized and shifted in % of the crop's width, bottom on the crop's bottom (figures.css).
            return f"width: {100 * width_px / fw:.3f}%; left: {-100 * left_px / fw:.3f}%"

        height = f'height="{layout.height_px // 2}"'
        moving_attrs = (
            f'.rs-hero__moving width="{style.ANIMATION_WIDTH_PX // 2}" {height} '
            f'style="{placed(style.ANIMATION_WIDTH_PX, (style.ANIMATION_WIDTH_PX - fw) / 2)}"'
        )
        # Above the fold: the animation is loaded at once; the still only when it is shown.
        moving = f"![{escape(figures.animation_alt(ex))}]({link}){{ {moving_attrs} }}"
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
        layout = self.layout
        if ex.figure is None or layout is None:
            return Md("")
        link = urls.link(self.source, urls.figure_strip_path(self.slug))
        phrases = keyframe_phrases(ex.figure)
        w, h = layout.size
        # At most four frames a row; five go three and two rather than four and one.
        cols = layout.frames if layout.frames <= 4 else 3
        lines = [f'<div class="rs-strip" style="--rs-w: {w}px; --rs-cols: {cols}" markdown>']
        for i, k in enumerate(ex.figure.strip_keyframes()):
            keyframe = ex.figure.keyframes[k]
            label = f"step {keyframe.step}" if keyframe.step is not None else f"position {i + 1}"
            alt = f"{ex.name}, {label}: {phrases[k]}."
            badge = (
                f'<span class="rs-strip__step" aria-hidden="true">{keyframe.step}</span>'
                if keyframe.step is not None
                else ""
            )
            attrs = f'width="{w}" height="{h}" loading="lazy" style="{layout.crop(i)}"'
            img = f"![{escape(alt)}]({link}){{ {attrs} }}"
            lines += ['<div class="rs-strip__frame" markdown>', badge + img, "</div>"]
        lines.append("</div>")
        return Md("\n".join(lines))

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
