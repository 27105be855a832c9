"""From a figure spec to placed bodies: keyframes on the floor, and the frames in between.

Three rules keep the movement believable without the author giving any coordinates:
- *supports*: a plank is tipped until both its support groups (toes, hands) touch the floor;
- *floor*: the lowest point of the body rests on the floor (plus any jump height);
- *anchors*: what stays on the floor from one keyframe to the next (the feet in a hinge, the
  back knee into a half-kneel) keeps its place, so feet do not skate between frames.
In-between frames interpolate joint *angles*, never positions, so every bone keeps its length.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..model import Figure, Keyframe, Lead
from .poses import BASE_POSES, full_angles
from .shapes import reach
from .skeleton import SIDES, Body, expand, pose

CONTACT = 0.012  # a point this close to the floor counts as touching it


@dataclass(frozen=True)
class Posture:
    """A keyframe resolved: every angle, plus how it meets the floor."""

    angles: Mapping[str, float]
    flat_feet: frozenset[str]
    supports: tuple[tuple[str, ...], tuple[str, ...]] | None
    lift: float


def _swap(name: str) -> str:
    if name.startswith("left_"):
        return "right_" + name.removeprefix("left_")
    if name.startswith("right_"):
        return "left_" + name.removeprefix("right_")
    return {"left": "right", "right": "left"}.get(name, name)


def _mirrored(p: Posture) -> Posture:
    """The same posture led by the other side: left and right swap, twists and leans turn over."""
    angles = {_swap(k): v for k, v in p.angles.items()}
    angles["twist"] = -p.angles["twist"]
    angles["lean"] = -p.angles["lean"]
    supports = None
    if p.supports:
        supports = (tuple(map(_swap, p.supports[0])), tuple(map(_swap, p.supports[1])))
    return Posture(angles, frozenset(map(_swap, p.flat_feet)), supports, p.lift)


def posture(keyframe: Keyframe, lead: Lead = Lead.left) -> Posture:
    """Base pose + overrides. Overrides name the author's sides, so mirroring comes first."""
    spec = BASE_POSES[keyframe.base]
    base = Posture(full_angles(keyframe.base, {}), spec.flat_feet, spec.supports, spec.lift)
    if lead is Lead.right:
        base = _mirrored(base)
    given = expand(keyframe.angles.given())
    angles = {**base.angles, **given}
    # An ankle the author sets explicitly wins over keeping that foot flat.
    flat = frozenset(s for s in base.flat_feet if f"{s}_ankle" not in given)
    # Flat feet as ankle angles too, so a foot can blend smoothly toward a pointed one.
    for side in flat:
        angles[f"{side}_ankle"] = angles["trunk"] - angles[f"{side}_hip"] + angles[f"{side}_knee"]
    return Posture(angles, flat, base.supports, base.lift)


def bottom(body: Body, names: Sequence[str] | None = None) -> float:
    """Height of the lowest surface of the body (or of some of its points)."""
    names = names if names is not None else list(body.points)
    return min(body.points[n][1] - reach(n) for n in names)


def _level_angle(body: Body, supports: tuple[tuple[str, ...], tuple[str, ...]]) -> float:
    """Sagittal tilt (degrees) that puts both support groups at the same height."""
    back, front = supports

    def gap(deg: float) -> float:
        tilted = body.rotated_z(deg, (0.0, 0.0, 0.0))
        return bottom(tilted, front) - bottom(tilted, back)

    lo, hi = -80.0, 80.0
    g_lo, g_hi = gap(lo), gap(hi)
    if g_lo * g_hi > 0:  # cannot level them both: take whichever end is closer
        return lo if abs(g_lo) < abs(g_hi) else hi
    for _ in range(40):
        mid = (lo + hi) / 2
        g_mid = gap(mid)
        if (g_mid > 0) == (g_hi > 0):
            hi, g_hi = mid, g_mid
        else:
            lo, g_lo = mid, g_mid
    return (lo + hi) / 2


def build(angles: Mapping[str, float], flat: frozenset[str], level: float, lift: float) -> Body:
    """A body on the floor: posed, tipped by ``level`` degrees, lowest point at ``lift``."""
    body = pose(angles, flat_feet=flat)
    if level:
        body = body.rotated_z(level, (0.0, 0.0, 0.0))
    return body.moved(0.0, lift - bottom(body))


def contacts(body: Body) -> frozenset[str]:
    return frozenset(n for n, p in body.points.items() if p[1] - reach(n) < CONTACT)


def _anchor_x(body: Body, names: frozenset[str]) -> float:
    chosen = sorted(names) or [f"{s}_ankle" for s in SIDES]
    return sum(body.points[n][0] for n in chosen) / len(chosen)


@dataclass(frozen=True)
class Motion:
    """The keyframes of one figure, placed, and a way to get any frame in between."""

    postures: tuple[Posture, ...]
    keys: tuple[Body, ...]
    anchors: tuple[frozenset[str], ...]  # anchors[i]: what stays put from key i to key i+1
    levels: tuple[float, ...]

    def between(self, i: int, t: float) -> Body:
        """The body a fraction ``t`` (0..1, already eased) of the way from key i to key i+1."""
        if t <= 0:
            return self.keys[i]
        if t >= 1:
            return self.keys[i + 1]
        a, b = self.postures[i], self.postures[i + 1]
        angles = {k: a.angles[k] + (b.angles[k] - a.angles[k]) * t for k in a.angles}
        flat = a.flat_feet & b.flat_feet
        lift = a.lift + (b.lift - a.lift) * t
        raw = pose(angles, flat_feet=flat)
        level = _blend_level(raw, a, b, t)
        body = build(angles, flat, level, lift)
        names = self.anchors[i]
        dx = _anchor_x(self.keys[i], names) - _anchor_x(body, names)
        return body.moved(dx, 0.0)


def _blend_level(raw: Body, a: Posture, b: Posture, t: float) -> float:
    """Blend each end's support rule, so a plank turning into a side plank stays grounded."""
    la = _level_angle(raw, a.supports) if a.supports else 0.0
    lb = _level_angle(raw, b.supports) if b.supports else 0.0
    return la * (1 - t) + lb * t


def motion(figure: Figure) -> Motion:
    postures = tuple(posture(k, figure.lead) for k in figure.keyframes)
    keys: list[Body] = []
    levels: list[float] = []
    anchors: list[frozenset[str]] = []
    for p in postures:
        raw = pose(p.angles, flat_feet=p.flat_feet)
        level = _level_angle(raw, p.supports) if p.supports else 0.0
        body = build(p.angles, p.flat_feet, level, p.lift)
        if keys:
            shared = contacts(keys[-1]) & contacts(body)
            anchors.append(shared)
            body = body.moved(_anchor_x(keys[-1], shared) - _anchor_x(body, shared), 0.0)
        else:
            body = body.moved(-_anchor_x(body, frozenset()), 0.0)
        keys.append(body)
        levels.append(level)
    return Motion(postures, tuple(keys), tuple(anchors), tuple(levels))


def ease(t: float) -> float:
    """Ease in and out (smoothstep's gentler cousin): slow at both keyframes, quick between."""
    return 0.5 - 0.5 * math.cos(math.pi * t)


