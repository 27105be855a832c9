"""Insets: a close-up in a corner of a frame for a detail a step depends on (the short foot).

Measured on the rendered strip, not a snapshot: the ring is there, beside the figure and not
over it, the foot inside it stands on its heel and toes with the floor showing under a domed
arch, and a keyframe without an inset has none.
"""

from __future__ import annotations

import math

import yaml
from PIL import Image

from generator.figures import style
from generator.figures.alt import keyframe_phrases
from generator.figures.draw import body_bounds
from generator.figures.inset import ARCH_TOP, SHORT_FOOT, camera, ring
from generator.figures.layout import frame
from generator.figures.strip import render_strip
from generator.model import Figure, Guide, Inset

BLOCK = """\
view: side
lead: left
keyframes:
  - {name: short-foot, base: stand, step: 1, inset: short-foot, contacts: {feet: floor}}
  - {name: knee-up, base: knee-drive, step: 2, contacts: {right_foot: floor}}
"""


def _frames(figure: Figure) -> tuple[list[Image.Image], int, int]:
    f = frame(figure)
    strip = render_strip(figure)
    from generator.display import FRAME_GAP_PX

    n = len(figure.strip_keyframes())
    return (
        [
            strip.crop((i * (f.width + FRAME_GAP_PX), 0, i * (f.width + FRAME_GAP_PX) + f.width, f.height))
            for i in range(n)
        ],
        f.width,
        f.height,
    )


def _close(px: tuple[int, int, int, int], rgb: tuple[int, int, int]) -> bool:
    return px[3] > 200 and all(abs(a - b) <= 24 for a, b in zip(px[:3], rgb, strict=False))


def test_the_short_foot_inset_is_drawn_beside_the_figure_in_its_frame_only() -> None:
    figure = Figure.model_validate(yaml.safe_load(BLOCK))
    (with_inset, without), width, height = _frames(figure)
    cx, cy, r = ring(Inset.short_foot, (width, height), True)
    # The ring: its grey all round.
    on_ring = [
        with_inset.getpixel((round(cx + (r - 1.5) * math.cos(a)), round(cy + (r - 1.5) * math.sin(a))))
        for a in (k * math.pi / 12 for k in range(24))
    ]
    assert sum(_close(p, style.GUIDE) for p in on_ring) >= 20
    assert (
        sum(
            _close(p, style.GUIDE)
            for p in (
                without.getpixel((round(cx + (r - 1.5) * math.cos(a)), round(cy + (r - 1.5) * math.sin(a))))
                for a in (k * math.pi / 12 for k in range(24))
            )
        )
        == 0
    )
    # It is beside the figure, not over it.
    f = frame(figure)
    x0, _, _, _ = body_bounds(list(f.motion.keys), figure.view, (), None)
    left = f.camera.px(x0, 0.0)[0]
    assert cx + r < left
    # Inside: the heel and the toes on the floor in the figure's colour, the floor showing
    # (transparent) between them under the domed arch.
    cam = camera((width, height), True)
    heel, toes = SHORT_FOOT[2], SHORT_FOOT[9]

    def at(p: tuple[float, float]) -> tuple[int, int, int, int]:
        x, y = cam.px(*p)
        return with_inset.getpixel((round(x), round(y)))

    assert _close(at((heel[0] + 0.04, 0.04)), style.FIGURE)
    assert _close(at((toes[0] - 0.06, 0.03)), style.FIGURE)
    assert at((ARCH_TOP[0], ARCH_TOP[1] / 2))[3] < 60  # the floor shows under the arch


def test_the_guide_teaches_the_short_foot_with_an_inset(guide: Guide) -> None:
    ex = guide.exercises["single-leg-balance"]
    assert ex.figure is not None
    assert any("short foot" in step.lower() for step in ex.steps)
    shown = [ex.figure.keyframes[i] for i in ex.figure.strip_keyframes()]
    assert shown[0].inset is Inset.short_foot and shown[0].step == 1
    assert "close-up of the foot" in keyframe_phrases(ex.figure)[0]
