"""The keyframe strip: every keyframe side by side, numbered like the steps, with motion arrows."""

from __future__ import annotations

from functools import cache

from PIL import Image, ImageDraw

from ..display import FRAME_GAP_PX
from ..model import Figure
from . import style
from .arrows import arrow
from .draw import render_body
from .fonts import font
from .inset import draw_inset, ring_side, target
from .layout import frame

BADGE_RADIUS_PX = 22
BADGE_MARGIN_PX = 18


@cache
def badge(number: int) -> Image.Image:
    """A numbered disc in the accent colour (supersampled: Pillow's circles are jagged)."""
    ss = 4
    d = 2 * BADGE_RADIUS_PX
    big = Image.new("RGBA", (d * ss, d * ss), (*style.ACCENT, 0))
    ImageDraw.Draw(big).ellipse((0, 0, d * ss - 1, d * ss - 1), fill=(*style.ACCENT, 255))
    disc = big.resize((d, d), Image.Resampling.LANCZOS)
    ImageDraw.Draw(disc).text(
        (d / 2, d / 2 + 1), str(number), fill=(*style.WHITE, 255), font=font(26, "bold"), anchor="mm"
    )
    return disc


def render_strip(figure: Figure) -> Image.Image:
    """The strip's keyframes left to right at 2× (each frame ``style.FRAME_HEIGHT_PX`` high).

    Keyframes marked ``strip: false`` (the push before a jump, the way back) are left out;
    each frame's arrow points along the move to the next keyframe of the animation.
    """
    f = frame(figure)
    m = f.motion
    props = tuple(figure.props)
    shown = figure.strip_keyframes()
    n = len(shown)
    strip = Image.new("RGBA", (n * f.width + (n - 1) * FRAME_GAP_PX, f.height), (0, 0, 0, 0))
    for slot, i in enumerate(shown):
        body = m.keys[i]
        hint = arrow(m, i, figure.view) if i + 1 < len(m.keys) and slot + 1 < n else None
        overlay = [hint] if hint else []
        image = render_body(
            body,
            figure.view,
            props,
            f.camera,
            (f.width, f.height),
            overlay,
            m.box,
            grip=figure.grip,
            scenery=m.scenery,
        )
        inset = figure.keyframes[i].inset
        if inset is not None:
            draw_inset(
                image,
                inset,
                target(figure, inset, body, f.camera),
                ring_side(figure, inset),
                body,
                figure.view,
                m.key_ground(i),
            )
        # No step numbers drawn in: pages put them over each frame as text (pages/pictures.py),
        # where they stay readable at any size; ``badge`` numbers the frames of contact sheets.
        strip.alpha_composite(image, (slot * (f.width + FRAME_GAP_PX), 0))
    return strip
