"""Framing: one camera per exercise, so the figure keeps its size and floor in every frame.

The scale is the same for every exercise (``style.SCALE_PX``) and shrinks only when a pose
would not fit; the frame is centred on everything the figure does, in-betweens included.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Figure
from . import style
from .draw import Camera, body_bounds
from .inset import width_needed
from .motion import Motion, motion
from .skeleton import Body

SAMPLES = 8  # in-between bodies per transition used to find how far the figure reaches
TOP_MARGIN_PX = 20
LOW_FILL = 0.6  # a strip frame is cropped until the figure reaches this part of its height


@dataclass(frozen=True)
class Framing:
    figure: Figure
    motion: Motion
    camera: Camera
    width: int  # px of one frame (2× resolution)
    height: int
    # px of one strip frame (``width`` itself for the strip): the part of the animation's width
    # that a page shows, centred (pages/pictures.py crops the hero to it).
    shown: int


def sampled(m: Motion) -> list[Body]:
    bodies = list(m.keys)
    for i in range(len(m.keys) - 1):
        bodies += [m.between(i, k / SAMPLES) for k in range(1, SAMPLES)]
    if m.closing is not None:  # a round loop's way back to the first keyframe
        last = len(m.keys) - 1
        bodies += [m.between_keys(last, 0, k / SAMPLES) for k in range(1, SAMPLES)]
    return bodies


def frame(figure: Figure, *, width: int | None = None, height: int = style.FRAME_HEIGHT_PX) -> Framing:
    """Camera for a figure: a fixed ``width`` (the animation) or the narrowest that fits (strip)."""
    m = motion(figure)
    x0, _, x1, y1 = body_bounds(
        sampled(m), figure.view, tuple(figure.props), m.box, grip=figure.grip, scenery=m.scenery
    )
    floor = height - style.FLOOR_MARGIN_PX
    scale = float(style.SCALE_PX)
    # Shrink only when something would leave the frame: above the top, or past the sides.
    scale = min(scale, (floor - TOP_MARGIN_PX) / max(y1, 1e-6))
    margin = style.FRAME_SIDE_MARGIN_PX
    # A frame is cropped to a low figure (a plank, a bridge, all fours) so that it fills at
    # least LOW_FILL of the frame's height on a phone, not a band of floor under an empty sky;
    # the figure keeps its size (the scale of a standing one). The strip and the animation are
    # cropped alike (the hero lays the strip's key frame over the animation).
    tall = y1 * scale
    if tall < LOW_FILL * height:
        height = max(round(tall / LOW_FILL), round(tall) + style.FLOOR_MARGIN_PX + TOP_MARGIN_PX)
        floor = height - style.FLOOR_MARGIN_PX
    strip_width = max(style.MIN_FRAME_WIDTH_PX, round((x1 - x0) * scale) + 2 * margin)
    if any(figure.keyframes[i].inset is not None for i in figure.strip_keyframes()):
        strip_width = max(strip_width, width_needed((x1 - x0) * scale, height))  # room for its ring
    if width is not None:
        scale = min(scale, (width - 2 * margin) / max(x1 - x0, 1e-6))
    else:
        width = strip_width
    x_origin = width / 2 - (x0 + x1) / 2 * scale
    return Framing(figure, m, Camera(scale, x_origin, floor), width, height, min(strip_width, width))
