"""Link-preview cards (1200 × 630 PNG): what a chat app shows when a coach pastes a link.

Opaque (chat apps draw transparent images on unpredictable backgrounds): the title and the
one-line summary on the left, the movement's key position on the right, the site name below.

A library has a card per exercise (hundreds), and most of a card is the same on every one:
the background, the rounded panel (supersampled, ~90 ms) and the site's name. That part is
drawn once per process (``_base``) and each card draws only its text and its figure or map.
Cards are flat art, so they are encoded as palette PNGs (``encode.card_png``): a quarter of
the size of an RGB one and several times faster to write.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from PIL import Image, ImageDraw

from ..model import Figure
from ..urls import SITE_NAME
from . import style
from .draw import Camera, body_bounds, render_body
from .fonts import Font, font
from .motion import Motion, motion
from .muscles import BODY, IDLE, SECONDARY, render_muscle_map_panel

SIZE = (1200, 630)
BACKGROUND: style.RGB = (250, 248, 246)
PANEL: style.RGB = (243, 236, 232)  # a faint warm tint of the accent behind the figure
MUTED: style.RGB = (95, 99, 104)
LEFT = 72
TEXT_WIDTH = 560
PANEL_BOX = (676, 48, 1152, 582)
# Colours a card shows exactly as drawn (its flat areas and the brand's); the palette encoder
# (encode.card_png) would otherwise round them by a step.
EXACT: tuple[style.RGB, ...] = (
    BACKGROUND,
    PANEL,
    MUTED,
    style.INK,
    style.ACCENT,
    *style.FIGURE_COLOURS,
    BODY,
    IDLE,
    SECONDARY,
)


def _wrap(text: str, f: Font, width: int, max_lines: int) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        trial = f"{line} {word}".strip()
        if f.getlength(trial) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and f.getlength(last + "…") > width:
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        lines[-1] = last.rstrip(" ,;:") + "…"
    return lines


Run = tuple[tuple[int, int], str, Font, style.RGB]  # where, what, in which font and colour


def _runs(title: str, summary: str, kicker: str) -> list[Run]:
    """The card's text laid out: the kicker, the title and the summary, line by line."""
    runs: list[Run] = [((LEFT, 64), kicker.upper(), font(26, "bold"), style.ACCENT)]
    top, bottom = 122, 490  # the text block, above the site name
    summary_font, summary_line = font(30), 42
    # The largest title size that leaves room for three lines of summary (two at worst).
    for size in (64, 56, 48, 42):
        title_font, title_line = font(size, "bold"), round(size * 1.19)
        lines = _wrap(title, title_font, TEXT_WIDTH, 3)
        room = (bottom - top - len(lines) * title_line - 18) // summary_line
        if room >= (3 if size > 48 else 2):
            break
    y = top
    for line in lines:
        runs.append(((LEFT, y), line, title_font, style.INK))
        y += title_line
    y += 18
    for line in _wrap(summary, summary_font, TEXT_WIDTH, max(1, min(4, room))):
        runs.append(((LEFT, y), line, summary_font, MUTED))
        y += summary_line
    return runs


def _text(draw: ImageDraw.ImageDraw, title: str, summary: str, kicker: str) -> None:
    for at, line, f, colour in _runs(title, summary, kicker):
        draw.text(at, line, fill=(*colour, 255), font=f)


FLOOR_GAP = 56  # px from a box's bottom to its floor line


@dataclass(frozen=True)
class _Arrival:
    """A figure's last keyframe (where the movement arrives) and how far it reaches: worked out
    once per card, for both fitting it and drawing it."""

    figure: Figure
    motion: Motion
    bounds: tuple[float, float, float, float]


def _arrival(figure: Figure) -> _Arrival:
    m = motion(figure)
    bounds = body_bounds([m.keys[-1]], figure.view, tuple(figure.props), m.box, figure.grip, m.scenery)
    return _Arrival(figure, m, bounds)


def _fit(arrival: _Arrival, box: tuple[int, int, int, int]) -> float:
    """The largest scale at which the figure's last keyframe fits in a box."""
    x0, _, x1, y1 = arrival.bounds
    w, h = box[2] - box[0], box[3] - box[1]
    return min((h - FLOOR_GAP - 40) / max(y1, 1e-6), (w - 60) / max(x1 - x0, 1e-6), 420.0)


def _figure_in(card: Image.Image, arrival: _Arrival, box: tuple[int, int, int, int], scale: float) -> None:
    """The figure's last keyframe (where the movement arrives) drawn in a box."""
    figure, m = arrival.figure, arrival.motion
    body = m.keys[-1]
    props = tuple(figure.props)
    x0, _, x1, _ = arrival.bounds
    w, h = box[2] - box[0], box[3] - box[1]
    cam = Camera(scale, w / 2 - (x0 + x1) / 2 * scale, h - FLOOR_GAP)
    frame = render_body(body, figure.view, props, cam, (w, h), box=m.box, grip=figure.grip, scenery=m.scenery)
    card.alpha_composite(frame, box[:2])


@cache
def _base() -> Image.Image:
    """What every card shares: background, panel and the site's name (drawn once per process).

    Callers copy it; it is never drawn on.
    """
    card = Image.new("RGBA", SIZE, (*BACKGROUND, 255))
    ss = 4  # Pillow's rounded corners are jagged: draw the panel at 4× and reduce it
    w, h = PANEL_BOX[2] - PANEL_BOX[0], PANEL_BOX[3] - PANEL_BOX[1]
    big = Image.new("RGBA", (w * ss, h * ss), (*PANEL, 0))
    ImageDraw.Draw(big).rounded_rectangle((0, 0, w * ss - 1, h * ss - 1), radius=28 * ss, fill=(*PANEL, 255))
    card.alpha_composite(big.resize((w, h), Image.Resampling.LANCZOS), PANEL_BOX[:2])
    # The site name, with an accent bar: the card's signature.
    draw = ImageDraw.Draw(card)
    draw.rounded_rectangle((LEFT, 540, LEFT + 44, 548), radius=4, fill=(*style.ACCENT, 255))
    draw.text((LEFT + 60, 544), SITE_NAME, fill=(*style.INK, 255), font=font(34, "bold"), anchor="lm")
    return card


MAP_BOX = (400, 450)  # the muscle map on a muscles card, in the panel
MAP_AT = (PANEL_BOX[0] + 38, PANEL_BOX[1] + 42)
BRAND_TOP = 524  # the site name's first row: the text block ends above it


def render_exercise_preview(name: str, summary: str, figure: Figure) -> Image.Image:
    """The card of an exercise with a figure: its name and summary, and where the move arrives."""
    card = _base().copy()
    _text(ImageDraw.Draw(card), name, summary, "Exercise")
    arrival = _arrival(figure)
    _figure_in(card, arrival, PANEL_BOX, _fit(arrival, PANEL_BOX))
    return card.convert("RGB")


def render_muscles_preview(
    title: str, summary: str, primary: Sequence[str], secondary: Sequence[str]
) -> Image.Image:
    """The card of an exercise without a figure: its muscles, named and mapped.

    The same for every exercise that works these muscles (display.muscles_card), so it is one
    file for all of them; the exercise's own name and summary travel as og:title and
    og:description, which chat apps show with the image.
    """
    card = _base().copy()
    _text(ImageDraw.Draw(card), title, summary, "Muscles worked")
    # Drawn at the size it is shown (the library thumbnail enlarged 2.5× was blurred).
    card.alpha_composite(render_muscle_map_panel(primary, secondary, MAP_BOX), MAP_AT)
    return card.convert("RGB")


def render_program_preview(name: str, summary: str, kicker: str, figures: Sequence[Figure]) -> Image.Image:
    """A program's card: up to four of its exercises' figures in a grid on the right."""
    card = _base().copy()
    _text(ImageDraw.Draw(card), name, summary, kicker)
    shown = list(figures)[:4]
    if shown:
        x0, y0, x1, y1 = PANEL_BOX
        cols = 1 if len(shown) == 1 else 2
        rows = (len(shown) + cols - 1) // cols
        cw, ch = (x1 - x0) // cols, (y1 - y0) // rows
        boxes = [
            (x0 + (i % cols) * cw, y0 + (i // cols) * ch, x0 + (i % cols + 1) * cw, y0 + (i // cols + 1) * ch)
            for i in range(len(shown))
        ]
        # One scale for all, so the figures keep their relative size, as on the site.
        arrivals = [_arrival(fig) for fig in shown]
        scale = min(_fit(a, box) for a, box in zip(arrivals, boxes, strict=True))
        for a, box in zip(arrivals, boxes, strict=True):
            _figure_in(card, a, box, scale)
    return card.convert("RGB")
