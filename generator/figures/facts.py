"""What pages need to know about a drawn strip, measured while it is drawn (``FigureFacts``).

Pages crop the hero to the figure and show one frame of the strip as its still and as the
library thumbnail. Those numbers come from the drawing (how wide a frame came out, how high
the figure reaches), so the renderer hands them over as plain data, cached with the picture:
pages never lay out a figure or decode a PNG.
"""

from __future__ import annotations

from PIL import Image

from ..display import FRAME_GAP_PX, FigureFacts
from ..model import Figure
from . import style
from .alt import keyframe_phrases
from .motion import Motion, motion
from .poses import BASE_POSES
from .print import key_pose_index
from .shapes import reach

HERO_HEADROOM_PX = 24  # kept above the figure's highest point in the cropped hero (2× px)


def strip_layout(figure: Figure, strip: Image.Image) -> dict[str, int]:
    """The drawn facts of a rendered strip, as JSON-ready data for the render cache."""
    m = motion(figure)
    shown = figure.strip_keyframes()
    frames = len(shown)
    width, height = strip.size
    key = key_pose_index(figure, m)
    facts = FigureFacts(
        frames=frames,
        frame_px=(width - (frames - 1) * FRAME_GAP_PX) // frames,
        height_px=height,
        top_px=_figure_top(figure, strip, m),
        key_frame=shown.index(key) if key in shown else frames - 1,
        phrases=(),
    )
    return facts.layout()


def figure_facts(figure: Figure, layout: dict[str, int]) -> FigureFacts:
    """A strip's cached layout plus the words for its keyframes (made fresh: text, not drawing)."""
    return FigureFacts.from_layout(layout, keyframe_phrases(figure))


def _figure_top(figure: Figure, strip: Image.Image, m: Motion) -> int:
    """Pixel row (2×) a little above the highest thing drawn in the strip; 0 for no crop.

    A standing figure's frames are 540 px high, so a kneeling one fills only part of them: the
    hero crops the empty sky away (a plank's frames are cropped already, ``layout.frame``).
    """
    # A jump's apex lies between keyframes, above every frame of the strip: not cropped.
    if any(BASE_POSES[k.base].lift > 0 for k in figure.keyframes):
        return 0
    bbox = strip.getchannel("A").getbbox()
    if bbox is None:
        return 0
    # Keyframes left out of the strip may reach higher: their highest point at the largest
    # scale a frame uses (a smaller one only draws it lower, which crops less).
    highest = max(p[1] + reach(n) for body in m.keys for n, p in body.points.items())
    floor = strip.height - style.FLOOR_MARGIN_PX  # a low figure's strip is cropped (layout.frame)
    return max(0, min(bbox[1], round(floor - highest * style.SCALE_PX)) - HERO_HEADROOM_PX)
