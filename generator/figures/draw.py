"""Paint shapes with Pillow: supersampled for smooth edges, back to front with slits between parts.

Pillow draws no anti-aliased shapes, so everything is drawn at ``SUPERSAMPLE``× and reduced
with a Lanczos filter (in premultiplied alpha, or the transparent edges would fringe dark).
A part painted over another first erases a ring a little wider than itself: the slit of
background that tells the near arm from the torso without outlines.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from PIL import Image, ImageDraw

from ..model import Prop, View
from . import style
from .frame import elements
from .props import Scenery
from .shapes import Box, BoxProp, Capsule, Disc, Element, Grip, Poly, Shape, box_shape, project
from .skeleton import Body

# Solid colours (no part opacity) so each keeps the contrast measured in style.py on both
# palettes; only the box, a big block behind the figure, is see-through.
ROLE_COLOURS: dict[str, style.RGBA] = {
    "near": style.with_alpha(style.FIGURE, 1.0),
    "far": style.with_alpha(style.FIGURE_FAR, 1.0),
    "prop": style.with_alpha(style.PROP, 1.0),
    "far-prop": style.with_alpha(style.PROP_FAR, 1.0),
    "band": style.with_alpha(style.BAND, 1.0),
    "box": style.with_alpha(style.PROP, style.BOX_ALPHA),
    "arrow": style.with_alpha(style.GUIDE, 1.0),
}


@dataclass(frozen=True)
class Camera:
    """Maps figure units (fractions of standing height) to output pixels."""

    scale: float  # output px per unit
    x0: float  # output px of world x = 0
    floor: float  # output px of the floor line

    def px(self, x: float, y: float, ss: int = 1) -> tuple[float, float]:
        return ((self.x0 + x * self.scale) * ss, (self.floor - y * self.scale) * ss)


def shape_bounds(shapes: Iterable[Shape]) -> tuple[float, float, float, float]:
    """World-unit bounds (x0, y0, x1, y1) of shapes, radii included."""
    xs0, ys0, xs1, ys1 = [], [], [], []
    for s in shapes:
        if isinstance(s, Capsule):
            for (x, y), r in ((s.a, s.ra), (s.b, s.rb)):
                xs0.append(x - r)
                xs1.append(x + r)
                ys0.append(y - r)
                ys1.append(y + r)
        elif isinstance(s, Disc):
            xs0.append(s.c[0] - s.r)
            xs1.append(s.c[0] + s.r)
            ys0.append(s.c[1] - s.r)
            ys1.append(s.c[1] + s.r)
        elif isinstance(s, Poly):
            xs0.append(min(p[0] for p in s.points) - s.r)
            xs1.append(max(p[0] for p in s.points) + s.r)
            ys0.append(min(p[1] for p in s.points) - s.r)
            ys1.append(max(p[1] for p in s.points) + s.r)
        else:
            xs0.append(s.x0)
            xs1.append(s.x1)
            ys0.append(s.y0)
            ys1.append(s.y1)
    return min(xs0), min(ys0), max(xs1), max(ys1)


def body_bounds(
    bodies: Iterable[Body],
    view: View,
    props: tuple[Prop, ...],
    box: BoxProp | None = None,
    grip: Grip = Grip.neutral,
    scenery: Scenery | None = None,
) -> tuple[float, float, float, float]:
    boxes = [
        shape_bounds(s for e in elements(b, view, props, box, grip, scenery) for s in e.shapes)
        for b in bodies
    ]
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _draw_shape(draw: ImageDraw.ImageDraw, s: Shape, cam: Camera, ss: int, grow: float, fill: int) -> None:
    k = cam.scale * ss

    def at(p: tuple[float, float]) -> tuple[float, float]:
        return cam.px(p[0], p[1], ss)

    if isinstance(s, Disc):
        (x, y), r = at(s.c), (s.r + grow) * k
        draw.ellipse((x - r, y - r, x + r, y + r), fill=fill)
    elif isinstance(s, Capsule):
        (ax, ay), (bx, by) = at(s.a), at(s.b)
        ra, rb = (s.ra + grow) * k, (s.rb + grow) * k
        draw.ellipse((ax - ra, ay - ra, ax + ra, ay + ra), fill=fill)
        draw.ellipse((bx - rb, by - rb, bx + rb, by + rb), fill=fill)
        dx, dy = bx - ax, by - ay
        d = math.hypot(dx, dy)
        if d > abs(ra - rb) + 1e-6:
            ux, uy = dx / d, dy / d
            c = (ra - rb) / d
            s_ = math.sqrt(max(0.0, 1 - c * c))
            # The two outer tangents of the end circles: a tapered limb without kinks.
            t1 = (ux * c - uy * s_, uy * c + ux * s_)
            t2 = (ux * c + uy * s_, uy * c - ux * s_)
            draw.polygon(
                [
                    (ax + t1[0] * ra, ay + t1[1] * ra),
                    (bx + t1[0] * rb, by + t1[1] * rb),
                    (bx + t2[0] * rb, by + t2[1] * rb),
                    (ax + t2[0] * ra, ay + t2[1] * ra),
                ],
                fill=fill,
            )
    elif isinstance(s, Poly):
        points = [at(p) for p in s.points]
        draw.polygon(points, fill=fill)
        if grow + s.r > 0:
            # Grown by an outline as wide as twice the growth with a disc at each corner (round
            # joints): the slit round the trunk is as even as the one round a limb. Pillow's
            # own round joints (``joint="curve"``) cost a third of a frame's painting in Python.
            width = max(1, round(2 * (grow + s.r) * k))
            draw.line([*points, points[0]], fill=fill, width=width)
            r = width / 2
            for x, y in points:
                draw.ellipse((x - r, y - r, x + r, y + r), fill=fill)
    elif isinstance(s, Box):
        x0, y1 = at((s.x0, s.y0))
        x1, y0 = at((s.x1, s.y1))
        g = grow * k
        draw.rounded_rectangle((x0 - g, y0 - g, x1 + g, y1 + g), radius=(s.r + grow) * k, fill=fill)


def painted(
    size: tuple[int, int],
    parts: Sequence[Element],
    cam: Camera,
    ss: int,
    colours: Mapping[str, style.RGBA] | None = None,
) -> Image.Image:
    """Elements painted in order onto a transparent supersampled canvas of ``size``, as one
    palette image: each pixel the index of the role painted there last (0: nothing, or cut).

    Every part is one solid colour over what lies beneath (no blending: the masks are not
    anti-aliased), so a frame at this size is a map of which role shows where, drawn straight
    onto one byte a pixel: a slit is the part's grown outline painted with index 0 first. It
    was drawn as RGBA (crop, a cut mask, two composites and a paste per part), three quarters
    of an animation's drawing time for the same pixels. ``downsample`` turns it into colour.
    """
    colours = colours or ROLE_COLOURS
    roles = list(dict.fromkeys(e.role for e in parts))
    if len(roles) > 255:
        raise ValueError("more than 255 roles in one picture")
    canvas = Image.new("P", size, 0)
    entries: list[int] = [0, 0, 0, 0]
    for role in roles:
        entries += colours[role]
    canvas.putpalette(entries, rawmode="RGBA")
    draw = ImageDraw.Draw(canvas)
    label = {role: i + 1 for i, role in enumerate(roles)}
    for e in parts:
        if e.gap:
            for s in e.shapes:
                _draw_shape(draw, s, cam, ss, style.GAP, 0)
        for s in e.shapes:
            _draw_shape(draw, s, cam, ss, 0.0, label[e.role])
    return canvas


def downsample(img: Image.Image, size: tuple[int, int]) -> Image.Image:
    """Reduce a supersampled RGBA image (or ``painted``'s map of roles); premultiplied so transparent
    edges keep their colour.

    Each pixel is the mean of the samples it covers (a box filter: ``reduce`` when the factor
    is whole, as it is for every frame): the edge of a flat shape gets its true coverage. A
    Lanczos filter looked the same but took four times as long (half of a frame's drawing)
    and rang beside every edge, a row of extra shades that cost the palette-quantised files
    (animations, strips) ~40 % of their bytes.
    """
    factor = img.width / size[0]
    whole = factor.is_integer() and img.height == size[1] * factor
    if img.mode == "P":
        return _downsample_labels(img, size, int(factor) if whole else 0)
    premultiplied = img.convert("RGBa")
    reduced = premultiplied.reduce(int(factor)) if whole else premultiplied.resize(size, Image.Resampling.BOX)
    return reduced.convert("RGBA")


def _downsample_labels(img: Image.Image, size: tuple[int, int], factor: int) -> Image.Image:
    """``downsample`` of a palette image (``painted``'s), ``factor`` its whole one (else 0).

    The palette's colours are premultiplied once (by Pillow, so exactly as a whole RGBA image
    would be) and looked up: the samples are then RGBa values, shrunk as they are and read
    back as RGBa. The same pixels as converting the whole canvas to RGBa first, without that
    per-pixel conversion. Measured on 79 canvases of four animations of the import (0.7 Mpx
    each, CPU a canvas): 2.0 ms, where relabelling the samples RGBa through ``tobytes`` and
    ``frombytes`` took 6.5 and the plain ``convert("RGBA").reduce`` 4.2.
    """
    entries = img.getpalette(rawmode="RGBA") or [0, 0, 0, 0]
    premultiplied = Image.frombytes("RGBA", (len(entries) // 4, 1), bytes(entries)).convert("RGBa")
    lookup = img.copy()
    lookup.putpalette(premultiplied.tobytes(), rawmode="RGBA")
    samples = lookup.convert("RGBA")  # RGBa values, in an image Pillow calls RGBA
    if factor:
        # ``Image.reduce`` would premultiply an RGBA image again (a whole pass over the
        # samples); the core's own ``reduce`` shrinks the samples as they are. Only the small
        # result is copied to be relabelled RGBa (tests/figures/test_draw_fast.py checks
        # these pixels against the plain way).
        # The core's ``reduce`` is not public API: a Pillow that moves it takes the public
        # path (the samples relabelled RGBa through their bytes: the same pixels, slower).
        try:
            shrunk = _core_reduce(samples, factor)
        except (AttributeError, TypeError):
            relabelled = Image.frombytes("RGBa", samples.size, samples.tobytes())
            return relabelled.reduce(factor).convert("RGBA")
        return Image.frombytes("RGBa", shrunk.size, shrunk.tobytes()).convert("RGBA")
    bands = [band.resize(size, Image.Resampling.BOX) for band in samples.split()]
    return Image.merge("RGBa", bands).convert("RGBA")


def _core_reduce(samples: Image.Image, factor: int) -> Image.Image:
    """``samples`` shrunk by Pillow's core ``reduce`` as they are (no premultiplying)."""
    samples.load()
    return samples._new(samples.im.reduce((factor, factor), (0, 0, *samples.size)))


def floor_and_shadow(
    frame: Image.Image,
    body: Body,
    view: View,
    cam: Camera,
    box: BoxProp | None = None,
    span: tuple[int, int] | None = None,
) -> None:
    """A thin floor line across the frame (or the columns ``span``) and a soft shadow under
    whatever is near the floor."""
    from .motion import bottom  # local import: motion imports shapes, which draw also uses

    start, end = span if span is not None else (0, frame.width)
    y = round(cam.floor)
    ImageDraw.Draw(frame).rectangle(
        (start, y - 1, end - 1, y), fill=style.with_alpha(style.GUIDE, style.FLOOR_ALPHA)
    )
    low = bottom(body)
    if box is not None:  # the box stands on the floor in every frame: its shadow never fades
        low = min(low, 0.0)
    near = [p for p in body.points.values() if p[1] - low < 0.07]
    # The shadow shrinks and fades as the body leaves the floor (a jump).
    fade = max(0.0, 1.0 - max(0.0, low) / 0.35)
    xs = [project(p, view)[0] for p in near]
    if box is not None:
        xs += [box_shape(box, view).x0, box_shape(box, view).x1]
    if fade <= 0 or not xs:
        return
    pad = 0.07 * (0.6 + 0.4 * fade)
    (x0, _), (x1, _) = cam.px(min(xs) - pad, 0.0), cam.px(max(xs) + pad, 0.0)
    ry = 0.02 * cam.scale * (0.6 + 0.4 * fade)
    # A crisp ellipse of one light tone (flat, like the figure): a blurred shadow's gradient
    # would cost the animation a palette entry per step and show bands once quantised.
    ss = 4
    left, top = math.floor(x0) - 1, math.floor(y - ry) - 1
    size = (math.ceil(x1 - x0) + 3, math.ceil(2 * ry) + 3)
    mask = Image.new("L", (size[0] * ss, size[1] * ss), 0)
    ImageDraw.Draw(mask).ellipse(
        ((x0 - left) * ss, (y - ry - top) * ss, (x1 - left) * ss, (y + ry - top) * ss),
        fill=round(255 * style.SHADOW_ALPHA * fade),
    )
    layer = Image.new("RGBA", size, (*style.SHADOW, 255))
    layer.putalpha(mask.resize(size, Image.Resampling.BOX))
    _composite_clipped(frame, layer, (left, top))


def _composite_clipped(frame: Image.Image, layer: Image.Image, at: tuple[int, int]) -> None:
    """alpha_composite that tolerates a layer reaching past the frame's edges."""
    x, y = at
    src = (max(0, -x), max(0, -y), min(layer.width, frame.width - x), min(layer.height, frame.height - y))
    if src[2] > src[0] and src[3] > src[1]:
        frame.alpha_composite(layer, (max(0, x), max(0, y)), src)


def render_body(
    body: Body,
    view: View,
    props: tuple[Prop, ...],
    cam: Camera,
    size: tuple[int, int],
    overlay: Sequence[Element] = (),
    box: BoxProp | None = None,
    grip: Grip = Grip.neutral,
    scenery: Scenery | None = None,
    floor: tuple[int, int] | None = None,
    ss: int = style.SUPERSAMPLE,
) -> Image.Image:
    """One transparent frame: floor, shadow, the figure (and its box), then ``overlay`` (arrows).

    ``floor``: the columns the floor line spans (the whole width if None); ``ss``: the
    supersampling of the figure's edges."""
    frame = Image.new("RGBA", size, (0, 0, 0, 0))
    floor_and_shadow(frame, body, view, cam, box, floor)
    parts = [*elements(body, view, props, box, grip, scenery), *overlay]
    # Only the figure's own box is supersampled: most of a frame is empty floor.
    x0, y0, x1, y1 = shape_bounds(s for e in parts for s in e.shapes)
    pad = style.GAP + 0.02
    left, top = cam.px(x0 - pad, y1 + pad)
    right, bottom_ = cam.px(x1 + pad, y0 - pad)
    crop = (
        max(0, math.floor(left)),
        max(0, math.floor(top)),
        min(size[0], math.ceil(right)),
        min(size[1], math.ceil(bottom_)),
    )
    local = Camera(cam.scale, cam.x0 - crop[0], cam.floor - crop[1])
    big = painted(((crop[2] - crop[0]) * ss, (crop[3] - crop[1]) * ss), parts, local, ss)
    frame.alpha_composite(downsample(big, (crop[2] - crop[0], crop[3] - crop[1])), crop[:2])
    return frame
