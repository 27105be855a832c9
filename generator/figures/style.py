"""Colours and sizes of every picture: one place to change the look (see LOOK.md).

Colours are picked to hold their contrast on Material's light (white) and dark (slate)
palettes, since figures have transparent backgrounds and sit on either.
"""

from __future__ import annotations

RGB = tuple[int, int, int]
RGBA = tuple[int, int, int, int]

ACCENT: RGB = (244, 81, 30)  # Material deep orange 600: the site's primary colour
BAND: RGB = (92, 107, 192)  # Material indigo 400: the site's accent, for the mini band
PROP: RGB = (138, 145, 155)  # neutral grey: equipment reads on white and on slate alike
GUIDE: RGB = (150, 156, 164)  # floor line and motion arrows: quieter than the figure
SHADOW: RGB = (110, 116, 126)
WHITE: RGB = (255, 255, 255)
INK: RGB = (33, 33, 33)  # text on the opaque preview cards

# The far arm and leg are the accent at part opacity, so on white they look like a light tint
# and on slate like a muted one: in both cases they recede behind the torso.
FAR_ALPHA = 0.42
ARROW_ALPHA = 0.8
FLOOR_ALPHA = 0.55
SHADOW_ALPHA = 0.16
BOX_ALPHA = 0.7  # a box is big: lighter than a dumbbell, so the figure stays the subject

# Sizes (fractions of the figure's standing height unless the name says px).
GAP = 0.013  # the slit of background between overlapping parts, and above the neck
SUPERSAMPLE = 3  # Pillow draws no anti-aliased shapes: draw at 3× and downsample

# Keyframe frames and the animation, at 2× for sharp phone screens (shown at half size).
FRAME_HEIGHT_PX = 540
ANIMATION_WIDTH_PX = 960
FLOOR_MARGIN_PX = 44  # floor line to the bottom edge
SCALE_PX = 360  # standing height in px: the same for every figure, frame and exercise
FRAME_SIDE_MARGIN_PX = 56
MIN_FRAME_WIDTH_PX = 400


def with_alpha(rgb: RGB, alpha: float) -> RGBA:
    return (rgb[0], rgb[1], rgb[2], round(255 * alpha))


def mix(a: RGB, b: RGB, t: float) -> RGB:
    """``t`` of ``a`` over ``b`` (a solid tint, for opaque backgrounds like the muscle map's body)."""
    return (
        round(a[0] * t + b[0] * (1 - t)),
        round(a[1] * t + b[1] * (1 - t)),
        round(a[2] * t + b[2] * (1 - t)),
    )
