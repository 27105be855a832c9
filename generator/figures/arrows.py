"""Motion arrows for the keyframe strip: the path of whatever moves most to the next keyframe.

The arrow follows the real in-between path of that point, so a hinge gets a curved arrow
(the head swings down and forward) and a jump or a step a straight one, with no per-exercise
drawing. It sits a little to the outside of the body, in a quiet grey.
"""

from __future__ import annotations

import itertools
import math

from ..model import View
from .motion import Motion
from .shapes import Capsule, Element, Point, Poly, project

CANDIDATES = (
    "head",
    "pelvis",
    "right_hand",
    "left_hand",
    "right_toe",
    "left_toe",
    "right_knee",
    "left_knee",
)
MIN_TRAVEL = 0.07  # shorter moves need no arrow (fractions of height)
# When no limb's arrow can be drawn, the hips' move gets one if it is this long (≈ 8 cm): a
# plank's hips lifting off a low position, the whole point of the frame.
MIN_HIP_TRAVEL = 0.045
HIP_CLEAR = 0.13  # a hip arrow starts this far past the hips, in the direction they move…
HIP_ARROW = 0.08  # …and is at least this long, so it reads on a phone
LYING_SPINE = 0.6  # a body whose spine rises less steeply than this (sine) is lying
OFFSET = 0.075  # how far the arrow stands off the moving point
FLOOR_CLEARANCE = 0.05
STROKE = 0.0085
HEAD = 0.034
STEPS = 16


def _screen(m: Motion, i: int, t: float, name: str, view: View) -> Point:
    x, y, _ = project(m.between(i, t).points[name], view)
    return (x, y)


def _bezier(a: Point, c: Point, b: Point, t: float) -> Point:
    u = 1 - t
    return (u * u * a[0] + 2 * u * t * c[0] + t * t * b[0], u * u * a[1] + 2 * u * t * c[1] + t * t * b[1])


def _trim(path: list[Point], start: float, end: float) -> list[Point]:
    """The part of a polyline between two fractions of its length."""
    runs = [0.0]
    for a, b in itertools.pairwise(path):
        runs.append(runs[-1] + math.dist(a, b))
    total = runs[-1]

    def at(f: float) -> Point:
        goal = f * total
        for (a, b), r0, r1 in zip(itertools.pairwise(path), runs, runs[1:], strict=False):
            if r1 >= goal and r1 > r0:
                k = (goal - r0) / (r1 - r0)
                return (a[0] + (b[0] - a[0]) * k, a[1] + (b[1] - a[1]) * k)
        return path[-1]

    inner = [p for p, r in zip(path, runs, strict=True) if start * total < r < end * total]
    return [at(start), *inner, at(end)]


def _doubles_back(p0: Point, c: Point, p1: Point) -> bool:
    """Whether a quadratic Bézier from p0 to p1 with control c runs backward at either end."""
    chord = (p1[0] - p0[0], p1[1] - p0[1])
    start = (c[0] - p0[0]) * chord[0] + (c[1] - p0[1]) * chord[1]
    end = (p1[0] - c[0]) * chord[0] + (p1[1] - c[1]) * chord[1]
    return start < 0 or end < 0


def _weight(name: str, view: View) -> float:
    """Ties go to what a coach would point at: a stepping foot, then the side we see best."""
    w = 1.25 if name.endswith("_toe") else 1.0
    if view is not View.front and name.startswith("right_"):
        w *= 1.1
    return w


def arrow(m: Motion, i: int, view: View) -> Element | None:
    """The arrow drawn on keyframe ``i`` toward keyframe ``i + 1``, or None if little moves."""
    travel = {n: math.dist(_screen(m, i, 0.0, n, view), _screen(m, i, 1.0, n, view)) for n in CANDIDATES}
    name = max(CANDIDATES, key=lambda n: (travel[n] * _weight(n, view), -CANDIDATES.index(n)))
    drawn = _arrow_of(m, i, view, name) if travel[name] >= MIN_TRAVEL else None
    if drawn is None and name != "pelvis" and travel["pelvis"] >= MIN_HIP_TRAVEL:
        # A hand resting on the hips rides along with them: the hips are the move.
        drawn = _hip_arrow(m, i, view)
    return drawn


def _hip_arrow(m: Motion, i: int, view: View) -> Element | None:
    """A straight arrow just past the hips, along their move (above them as they lift), for a
    lying body only: a standing one has its trunk above its hips, where the arrow would go."""
    body = m.keys[i]
    spine = [body.points["neck"][k] - body.points["pelvis"][k] for k in range(3)]
    if abs(spine[1]) > LYING_SPINE * math.hypot(*spine):
        return None
    p0, p1 = _screen(m, i, 0.0, "pelvis", view), _screen(m, i, 1.0, "pelvis", view)
    d = math.dist(p0, p1)
    ux, uy = (p1[0] - p0[0]) / d, (p1[1] - p0[1]) / d
    a = (p0[0] + ux * HIP_CLEAR, p0[1] + uy * HIP_CLEAR)
    length = max(d, HIP_ARROW)
    b = (a[0] + ux * length, a[1] + uy * length)
    if min(a[1], b[1]) < FLOOR_CLEARANCE:
        return None
    return _shaft_and_head([a, b])


def _arrow_of(m: Motion, i: int, view: View, name: str) -> Element | None:
    """The arrow along the path of point ``name`` from keyframe ``i`` to ``i + 1``."""
    # A smooth curve through where the point starts, passes halfway and ends (a quadratic
    # Bézier): the real path's small wobbles (a foot lifting to step) would make a squiggle.
    p0, pm, p1 = (_screen(m, i, t, name, view) for t in (0.0, 0.5, 1.0))
    c = (2 * pm[0] - (p0[0] + p1[0]) / 2, 2 * pm[1] - (p0[1] + p1[1]) / 2)
    # A path that swings out past one of its ends (a pointed foot lifting as its leg turns)
    # would draw a hook that doubles back: bend the arrow half as far (through the control
    # point at the path's middle), or draw it straight if even that doubles back.
    for control in (c, pm, ((p0[0] + p1[0]) / 2, (p0[1] + p1[1]) / 2)):
        c = control
        if not _doubles_back(p0, c, p1):
            break
    path = [_bezier(p0, c, p1, k / STEPS) for k in range(STEPS + 1)]
    # Stand the arrow off to the outside: away from the pelvis at the middle of the move.
    mid = path[len(path) // 2]
    centre = _screen(m, i, 0.5, "pelvis", view)
    chord = (path[-1][0] - path[0][0], path[-1][1] - path[0][1])
    norm = math.hypot(*chord) or 1.0
    normal = (-chord[1] / norm, chord[0] / norm)
    if normal[0] * (mid[0] - centre[0]) + normal[1] * (mid[1] - centre[1]) < 0:
        normal = (-normal[0], -normal[1])
    # Never under the floor: a move along the floor (a step) gets its arrow above it.
    if min(p[1] + normal[1] * OFFSET for p in path) < FLOOR_CLEARANCE:
        normal = (-normal[0], -normal[1])
    shifted = [(p[0] + normal[0] * OFFSET, max(FLOOR_CLEARANCE, p[1] + normal[1] * OFFSET)) for p in path]
    line = _trim(shifted, 0.12, 0.92)
    if len(line) < 2:
        return None
    return _shaft_and_head(line)


def _shaft_and_head(line: list[Point]) -> Element:
    """A polyline drawn as the arrow's shaft, with its head at the last point."""
    shapes: list[Capsule | Poly] = [
        Capsule(a, b, STROKE, STROKE) for a, b in itertools.pairwise(line) if a != b
    ]
    tip, before = line[-1], line[-2]
    d = math.dist(tip, before) or 1.0
    ux, uy = (tip[0] - before[0]) / d, (tip[1] - before[1]) / d
    end = (tip[0] + ux * HEAD * 0.6, tip[1] + uy * HEAD * 0.6)
    back = (tip[0] - ux * HEAD * 0.5, tip[1] - uy * HEAD * 0.5)
    shapes.append(
        Poly(
            (
                end,
                (back[0] - uy * HEAD * 0.62, back[1] + ux * HEAD * 0.62),
                (back[0] + uy * HEAD * 0.62, back[1] - ux * HEAD * 0.62),
            )
        )
    )
    # Painted over the figure, with the same slit around it as any part in front.
    return Element("arrow", tuple(shapes), (1e9, 0))
