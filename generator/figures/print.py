"""Print stills for the PDF cards: one keyframe of an exercise, grey on white, at print resolution.

Cards are printed on office printers, often in black and white, so the still is drawn in greys
(near limbs dark, far limbs light, equipment between) on an opaque white square, with the
floor line the site's figures stand on. Built on the figure drawing of ``draw`` and ``motion``;
only the colours and the framing (fit the figure to the square) are the card's own.
"""

from __future__ import annotations

import io
import math
from functools import lru_cache

from PIL import Image, ImageDraw

from ..model import Exercise, Figure
from . import draw, style
from .frame import elements
from .motion import Motion, motion


class _Greys(dict[str, style.RGBA]):
    """Print colours by role; a role added to the drawing later prints in a middle grey."""

    def __missing__(self, role: str) -> style.RGBA:
        return (128, 128, 128, 255)


# Greys that stay apart on a laser printer: near limbs read in front of far ones.
PRINT_COLOURS: dict[str, style.RGBA] = _Greys(
    {
        "near": (66, 66, 66, 255),
        "far": (178, 178, 178, 255),
        "prop": (128, 128, 128, 255),
        "far-prop": (200, 200, 200, 255),
        "band": (110, 110, 110, 255),
        "box": (208, 208, 208, 255),  # lighter than the far limbs: a big block must not dominate
    }
)
FLOOR_GREY = 190
PAD = 0.06  # of the image size, around the figure


def print_thumbnail(exercise: Exercise, width_px: int) -> bytes:
    """A square greyscale PNG of the exercise's working position, ``width_px`` wide.

    Raises ValueError for an exercise without a ``figure`` (cards then draw no picture).
    """
    if exercise.figure is None:
        raise ValueError(f"'{exercise.name}' has no figure to draw")
    return figure_thumbnail(exercise.figure, width_px)


def figure_thumbnail(figure: Figure, width_px: int) -> bytes:
    """``print_thumbnail`` of a figure alone: cards draw from the printed fields of an exercise
    (generator/cards/printed.py), of which the figure is one, not from the whole exercise."""
    return _thumbnail(figure.model_dump_json(), width_px)


def key_pose_index(figure: Figure, m: Motion | None = None) -> int:
    """The keyframe furthest from the first (the bottom of a hinge, the top of a row).

    The first keyframe is usually the neutral start; the one that moved most from it is the
    position a runner recognises the exercise by. ``m`` is the figure's motion, if at hand.
    """
    m = m or motion(figure)
    first = m.postures[0].angles
    moved = [sum(abs(p.angles[k] - first[k]) for k in first) for p in m.postures]
    return max(range(len(moved)), key=lambda i: (round(moved[i], 6), i))


@lru_cache(maxsize=256)
def _thumbnail(figure_json: str, size: int) -> bytes:
    figure = Figure.model_validate_json(figure_json)
    m = motion(figure)
    body = m.keys[key_pose_index(figure)]
    props = tuple(figure.props)
    x0, y0, x1, y1 = draw.body_bounds([body], figure.view, props, m.box, figure.grip, m.scenery)
    pad = PAD * size
    y0 = min(0.0, y0)  # the floor is always in the picture
    scale = min((size - 2 * pad) / (x1 - x0), (size - 2 * pad) / (y1 - y0))
    floor = size - pad - (0.0 - y0) * scale
    cam = draw.Camera(scale, size / 2 - (x0 + x1) / 2 * scale, floor)
    ss = style.SUPERSAMPLE
    parts = elements(body, figure.view, props, m.box, figure.grip, m.scenery)
    big = draw.painted((size * ss, size * ss), parts, cam, ss, PRINT_COLOURS)
    out = Image.new("RGBA", (size, size), (255, 255, 255, 255))
    line = max(1, math.ceil(size / 160))
    ImageDraw.Draw(out).rectangle(
        (round(pad / 2), round(floor), size - round(pad / 2), round(floor) + line - 1),
        fill=(FLOOR_GREY, FLOOR_GREY, FLOOR_GREY, 255),
    )
    out.alpha_composite(draw.downsample(big, (size, size)))
    buffer = io.BytesIO()
    out.convert("L").save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
