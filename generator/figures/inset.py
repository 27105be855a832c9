"""Close-ups in a corner of a frame: a detail a step depends on that the whole figure is too
small to show on a phone (the short foot of a single-leg balance: arch domed, toes long).

An inset is a ring in the guides' grey with the detail drawn inside it in the figure's colours,
and a thin leader line from the ring to the part of the figure it enlarges, so a reader knows
which foot it is. It is painted over the frame after the figure, in the corner above the back
of the figure (the side the figure faces away from), where a standing figure leaves room;
``layout.frame`` widens a strip frame that shows one so the ring never covers the body.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from PIL import Image, ImageDraw

from ..model import Figure, Inset, Lead, Prop, View
from . import style
from .draw import Camera, downsample, painted
from .shapes import SHIN_R, Capsule, Element, Point, Poly, project, reach
from .skeleton import Body

PART = 0.3  # the ring's diameter, as a part of the frame's height
MARGIN_PX = 10  # from the frame's edges to the ring
LOW = 0.7
RING_PX = 3  # the ring's and the leader line's width (at 2×, as the frames are drawn)
LEADER_GAP_PX = 14  # the leader line stops this short of the part it points at

# The short foot, seen from the side with the toes toward +x, in foot lengths: the heel and the
# ball on the floor, the arch domed between them (the floor shows under it), the toes long and
# flat, the ankle and a stub of the shin (cut off by the ring).
SHORT_FOOT: tuple[Point, ...] = (
    (-0.47, 0.10),
    (-0.44, 0.03),
    (-0.36, 0.0),
    (-0.24, 0.0),
    (-0.16, 0.05),
    (-0.04, 0.11),
    (0.08, 0.08),
    (0.17, 0.01),
    (0.24, 0.0),
    (0.50, 0.0),
    (0.53, 0.03),
    (0.50, 0.06),
    (0.26, 0.075),
    (0.16, 0.13),
    (-0.08, 0.28),
    (-0.20, 0.40),
    (-0.22, 0.75),
    (-0.42, 0.75),
    (-0.42, 0.35),
    (-0.47, 0.20),
)
ARCH_TOP = (-0.04, 0.11)  # the highest point under the arch (tests measure the dome here)
# The ball drawn back toward the heel: an arrow over the toes, pointing heelward.
PULL = ((0.46, 0.24), (0.16, 0.24))
ARROW_R = 0.018
HEAD = 0.07


def facing_right(figure: Figure) -> bool:
    """Whether the figure faces right on the page (every view but the front one)."""
    return figure.view is not View.front


def ring_side(figure: Figure, inset: Inset) -> bool:
    """``draw_inset``'s ``facing_right``: the ring goes behind the figure, on the side it faces
    away from, unless a wall stands there (a figure leaning back on it): then in front. Only a
    close-up drawn from the pose can move; the short foot is drawn facing the figure's way."""
    right = facing_right(figure)
    return not right if inset is Inset.foot and Prop.wall in figure.props else right


def target(figure: Figure, inset: Inset, body: Body, cam: Camera) -> tuple[float, float]:
    """Where on the frame (px) the part the inset enlarges is: the short foot is the standing
    foot of a single-leg pose, the side that is not the lead; the foot close-up that of ``heel_side``."""
    match inset:
        case Inset.short_foot:
            side = "right" if figure.lead is Lead.left else "left"
            point = body.points[f"{side}_heel"]  # from behind: the line stays clear of the leg
        case Inset.foot:
            point = body.points[f"{heel_side(body)}_heel"]
    x, y, _ = project(point, figure.view)
    return cam.px(x, y)


LEVEL_FEET = 0.03  # feet whose ankles are this close in height are both standing (or both flying)


def heel_side(body: Body) -> str:
    """The foot a foot close-up shows: the lower one (a single-leg pose's standing foot), or the
    right, the one nearer the camera, when both feet are level."""
    right, left = body.points["right_ankle"][1], body.points["left_ankle"][1]
    return "left" if left < right - LEVEL_FEET else "right"


def ring(inset: Inset, size: tuple[int, int], facing_right: bool) -> tuple[float, float, float]:
    """Centre (x, y) and radius in px of the inset's ring in a frame of ``size``."""
    d = PART * size[1]
    r = d / 2
    x = MARGIN_PX + r if facing_right else size[0] - MARGIN_PX - r
    # Beside the figure, its bottom at LOW of the frame's height: close to the feet, so the
    # leader line is short and runs behind the legs, not across the body.
    y = max(MARGIN_PX + r, LOW * size[1] - r)
    return x, y, r


def camera(size: tuple[int, int], facing_right: bool) -> Camera:
    """Frame px of the detail's units (foot lengths, the floor at 0): one foot length fills most
    of the ring, the floor a little below its middle."""
    cx, cy, r = ring(Inset.short_foot, size, facing_right)
    return Camera(1.45 * r, cx - 0.05 * r, cy + 0.3 * r)


def width_needed(figure_px: float, height: int) -> int:
    """The narrowest frame that holds a figure ``figure_px`` wide, centred, and a ring beside it."""
    return math.ceil(figure_px + 2 * (PART * height + 2 * MARGIN_PX))


def _arrow(a: Point, b: Point) -> tuple[Capsule | Poly, ...]:
    ux, uy = b[0] - a[0], b[1] - a[1]
    n = math.hypot(ux, uy) or 1.0
    ux, uy = ux / n, uy / n
    back = (b[0] - ux * HEAD, b[1] - uy * HEAD)
    head = Poly(
        (
            (b[0] + ux * HEAD * 0.3, b[1] + uy * HEAD * 0.3),
            (back[0] - uy * HEAD * 0.6, back[1] + ux * HEAD * 0.6),
            (back[0] + uy * HEAD * 0.6, back[1] - ux * HEAD * 0.6),
        )
    )
    return (Capsule(a, back, ARROW_R, ARROW_R), head)


FLOOR_LINE = Capsule((-0.7, -0.012), (0.7, -0.012), 0.012, 0.012)
HEEL_UP = 0.1  # an end of the foot this far off its surface (foot lengths, ≈ 3 cm) gets its height marked
FOOT_LENGTH = 0.165  # heel point to toe point, in figure units: the close-up's unit
HEEL_SCALE = 1.05  # px per foot length in a foot close-up, as a part of the ring's radius
MARK_R = 0.028  # the height marker's stroke (foot lengths): as bold as the ring's line


def _elements(inset: Inset, sign: float) -> list[Element]:
    """The detail's shapes in foot lengths, the floor at y = 0, toes toward ``sign``·x."""
    match inset:
        case Inset.short_foot:
            foot = Poly(tuple((sign * x, y) for x, y in SHORT_FOOT))
            pull = _arrow(*(((sign * x, y)) for x, y in PULL))
        case Inset.foot:
            raise ValueError("a foot close-up is drawn from a body: use foot_elements")
    return [
        Element("arrow", (FLOOR_LINE,), (0.0, 0), gap=False),
        Element("near", (foot,), (1.0, 0)),
        Element("arrow", pull, (2.0, 0)),
    ]


def raised_end(body: Body, view: View, ground: Mapping[str, float]) -> tuple[str, float]:
    """Which end of the shown foot is off what it stands on, and how far (figure units): the
    heel (a calf raise; below a step's edge, negative), the toes (a tibialis raise) or, with the
    whole foot up, the lower end (a hop's clearance); ("", 0) for a foot flat on its surface."""
    side = heel_side(body)
    floor = ground.get(f"{side}_toe", 0.0)
    gaps = {end: body.points[f"{side}_{end}"][1] - reach(f"{side}_{end}") - floor for end in ("heel", "toe")}
    up = {end: g for end, g in gaps.items() if abs(g) > HEEL_UP * FOOT_LENGTH}
    if not up:
        return "", 0.0
    if len(up) == 2 and all(g > 0 for g in up.values()):
        end = min(up, key=lambda e: up[e])
        return end, up[end]
    end = max(up, key=lambda e: abs(up[e]))
    return end, up[end]


def foot_elements(body: Body, view: View, ground: Mapping[str, float]) -> list[Element]:
    """The standing foot as posed, in foot lengths: the floor (or the box top it stands on) at
    y = 0, the foot's middle at x = 0. The shin rises out of the ring; when an end of the foot is
    off the floor, a double-headed arrow from the floor to its underside marks how far: the
    whole figure draws a heel 4 cm up as a couple of pixels on a phone."""
    side = heel_side(body)
    floor = ground.get(f"{side}_toe", 0.0)
    names = ("heel", "toe", "ankle", "knee", "ball_in", "ball_out")
    at: dict[str, Point] = {}
    for n in names:
        x, y, _ = project(body.points[f"{side}_{n}"], view)
        at[n] = (x, y - floor)
    # Centred on the foot and the room its marker needs (behind the heel, ahead of the toes).
    end, gap = raised_end(body, view, ground)
    way = 1.0 if at["heel"][0] > at["toe"][0] else -1.0  # +1: the heel is on the right
    room = 0.3 * FOOT_LENGTH * (-1.0 if end == "toe" else 1.0)
    mid = (at["heel"][0] + way * room + at["toe"][0]) / 2

    def unit(p: Point) -> Point:
        return ((p[0] - mid) / FOOT_LENGTH, p[1] / FOOT_LENGTH)

    heel, toe, ankle, knee = (unit(at[n]) for n in ("heel", "toe", "ankle", "knee"))
    ball = unit(((at["ball_in"][0] + at["ball_out"][0]) / 2, (at["ball_in"][1] + at["ball_out"][1]) / 2))
    r_heel, r_toe = reach(f"{side}_heel") / FOOT_LENGTH, reach(f"{side}_toe") / FOOT_LENGTH
    shin = Capsule(ankle, knee, SHIN_R[1] / FOOT_LENGTH, SHIN_R[0] / FOOT_LENGTH)
    # The foot: a tapered sole from the heel through the ball to the toes, and the instep up to
    # the ankle (the figure's own foot shape, at the close-up's size).
    r_ball = (r_heel + r_toe) / 2
    sole = (Capsule(heel, ball, r_heel, r_ball), Capsule(ball, toe, r_ball, r_toe))
    instep = Capsule(heel, ankle, r_heel, SHIN_R[1] / FOOT_LENGTH)
    if floor > 0 and f"{side}_heel" not in ground:
        # Standing on a step's edge with the forefoot (a calf raise): the step, its edge just
        # behind the ball (as motion places it), so the heel shows above or below its top.
        edge = ball[0] + way * 0.03 / FOOT_LENGTH
        far = edge - way * 3.0
        surface = Element("box", (Poly(((edge, 0.0), (far, 0.0), (far, -1.0), (edge, -1.0))),), (0.0, 0))
    else:
        surface = Element("arrow", (FLOOR_LINE,), (0.0, 0), gap=False)
    parts = [surface, Element("near", (shin, instep, *sole), (1.0, 0))]
    if end:
        # From the surface's level to the raised (or dropped) end's underside, beside that end
        # on its outer side: behind the heel, ahead of the toes.
        level = gap / FOOT_LENGTH
        x = heel[0] + way * (r_heel + 0.1) if end == "heel" else toe[0] - way * (r_toe + 0.1)
        head = min(0.1, abs(level) / 3)
        sign = 1.0 if level > 0 else -1.0
        shapes: list[Capsule | Poly] = [Capsule((x, sign * head), (x, level - sign * head), MARK_R, MARK_R)]
        for tip, point in ((level, sign), (0.0, -sign)):
            back = tip - point * head
            shapes.append(Poly(((x, tip), (x - head * 0.7, back), (x + head * 0.7, back))))
        parts.append(Element("arrow", tuple(shapes), (2.0, 0)))
    return parts


def draw_inset(
    frame: Image.Image,
    inset: Inset,
    target: tuple[float, float],
    facing_right: bool,
    body: Body | None = None,
    view: View = View.side,
    ground: Mapping[str, float] | None = None,
) -> None:
    """Paint the inset onto ``frame`` (in place), its leader line toward ``target`` (px).

    A close-up drawn from the pose (``foot``) needs the ``body``, its ``view`` and ``ground``
    (what each point stands on: the box's top for those on it).
    """
    ss = style.SUPERSAMPLE
    cx, cy, r = ring(inset, frame.size, facing_right)
    box = (math.floor(cx - r) - 2, math.floor(cy - r) - 2, math.ceil(cx + r) + 2, math.ceil(cy + r) + 2)
    w, h = box[2] - box[0], box[3] - box[1]
    whole = camera(frame.size, facing_right)
    if inset is Inset.foot:  # a smaller foot, centred: room for the shin's angle and the marker
        whole = Camera(HEEL_SCALE * r, cx, cy + 0.35 * r)
    cam = Camera(whole.scale, whole.x0 - box[0], whole.floor - box[1])
    if inset is Inset.foot:
        if body is None:
            raise ValueError("a foot close-up is drawn from the body: pass it")
        elements = foot_elements(body, view, ground or {})
    else:
        elements = _elements(inset, 1.0 if facing_right else -1.0)
    big = painted((w * ss, h * ss), elements, cam, ss).convert("RGBA")  # the ring is drawn over it
    # Only what lies inside the ring shows: the shin and the floor are cut off by it.
    inside = Image.new("L", big.size, 0)
    c = ((cx - box[0]) * ss, (cy - box[1]) * ss)
    ImageDraw.Draw(inside).ellipse((c[0] - r * ss, c[1] - r * ss, c[0] + r * ss, c[1] + r * ss), fill=255)
    alpha = Image.composite(big.getchannel("A"), Image.new("L", big.size, 0), inside)
    big.putalpha(alpha)
    guide = (*style.GUIDE, 255)
    ImageDraw.Draw(big).ellipse(
        (c[0] - r * ss, c[1] - r * ss, c[0] + r * ss, c[1] + r * ss), outline=guide, width=RING_PX * ss
    )
    frame.alpha_composite(downsample(big, (w, h)), box[:2])
    # The leader line: from the ring's edge toward the part it enlarges, stopping short of it.
    dx, dy = target[0] - cx, target[1] - cy
    d = math.hypot(dx, dy)
    if d <= r + LEADER_GAP_PX:
        return
    ux, uy = dx / d, dy / d
    start = (cx + ux * r, cy + uy * r)
    end = (target[0] - ux * LEADER_GAP_PX, target[1] - uy * LEADER_GAP_PX)
    lx0, ly0 = math.floor(min(start[0], end[0])) - 4, math.floor(min(start[1], end[1])) - 4
    lx1, ly1 = math.ceil(max(start[0], end[0])) + 4, math.ceil(max(start[1], end[1])) + 4
    line = Image.new("RGBA", ((lx1 - lx0) * ss, (ly1 - ly0) * ss), (*style.GUIDE, 0))
    ImageDraw.Draw(line).line(
        [((start[0] - lx0) * ss, (start[1] - ly0) * ss), ((end[0] - lx0) * ss, (end[1] - ly0) * ss)],
        fill=guide,
        width=(RING_PX - 1) * ss,
    )
    frame.alpha_composite(downsample(line, (lx1 - lx0, ly1 - ly0)), (lx0, ly0))
