"""Colours and sizes of every picture: one place to change the look (see LOOK.md).

Colours are picked to hold their contrast on Material's light (white) and dark (slate)
palettes, since figures have transparent backgrounds and sit on either.
"""

from __future__ import annotations

from .. import display

RGB = tuple[int, int, int]
RGBA = tuple[int, int, int, int]

ACCENT: RGB = (244, 81, 30)  # Material deep orange 600: the site's primary colour
# The figure: every colour in it keeps ≥ 3:1 against white (#fff) *and* Material's slate
# (#1e2129), as WCAG asks of graphics that carry meaning; tests/figures/test_draw.py measures it.
# That pins a colour's luminance between about 0.15 and 0.30, so the far side cannot be a pale
# tint: it is lighter *and* greyer than the near side (deep orange 800), which reads as further
# away on both palettes, and the figure's overlaps (far limbs behind the trunk, with a slit)
# carry the rest of the depth.
FIGURE: RGB = (216, 67, 21)  # Material deep orange 800: near limbs, trunk and head (4.4:1 / 3.6:1)
FIGURE_FAR: RGB = (217, 116, 86)  # far arm and leg: lighter, greyer (3.2:1 / 5.0:1)
BAND: RGB = (92, 107, 192)  # Material indigo 400: the site's accent, for the mini band (4.9 / 3.3)
PROP: RGB = (116, 124, 135)  # equipment in a neutral grey that reads on white and slate (4.2 / 3.9)
PROP_FAR: RGB = (140, 147, 157)  # the far hand's dumbbell: a lighter grey, still ≥ 3:1 (3.1 / 5.2)
GUIDE: RGB = (138, 145, 155)  # motion arrows and floor line: quieter than the figure (3.2 / 5.0)
SHADOW: RGB = (110, 116, 126)
WHITE: RGB = (255, 255, 255)
INK: RGB = (33, 33, 33)  # text on the opaque preview cards

# Colours the figure uses on a transparent background, whichever palette the page shows.
FIGURE_COLOURS: tuple[RGB, ...] = (FIGURE, FIGURE_FAR, BAND, PROP, PROP_FAR, GUIDE)
LIGHT_PAGE: RGB = (255, 255, 255)
DARK_PAGE: RGB = (30, 33, 41)  # Material slate: hsl(232, 15%, 14%)
FLOOR_ALPHA = 0.55
SHADOW_ALPHA = 0.16
BOX_ALPHA = 0.7  # a box is big: lighter than a dumbbell, so the figure stays the subject

# Sizes (fractions of the figure's standing height unless the name says px).
GAP = 0.013  # the slit of background between overlapping parts, and above the neck
SUPERSAMPLE = 3  # Pillow draws no anti-aliased shapes: draw at 3× and downsample
# The animation's frames at 2×: a frame drawn at 3× looked the same at 1:1 and at 3× zoom, on
# both palettes (its edges have 5 steps of coverage, not 10, and each frame shows for 40-900 ms,
# in motion), and the files are a fifth smaller (fewer edge colours to store: the guide's 37
# animations 71.7 → 57.6 KB each, at the same WebP effort) for 9 % less of their CPU (5.7 →
# 5.2 s, all 37 drawn one after another in one process). The strips, which a reader studies
# still, stay at 3×.
ANIMATION_SUPERSAMPLE = 2

# Keyframe frames and the animation, at 2× for sharp phone screens (shown at half size).
FRAME_HEIGHT_PX = 540
ANIMATION_WIDTH_PX = display.ANIMATION_WIDTH_PX  # pages crop the hero with it: one number
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


def luminance(rgb: RGB) -> float:
    """WCAG relative luminance of an sRGB colour."""

    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2])


def contrast(a: RGB, b: RGB) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
