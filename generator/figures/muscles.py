"""Muscle maps: front and back silhouettes with the worked muscles coloured in.

Primary muscles take the accent colour, secondary ones a 40 % tint of it, the others a quiet
grey so the anatomy still reads. Regions are separated by slits of body colour, like the
figures' parts. A small version (no labels, no legend) serves the library index.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PIL import Image, ImageChops, ImageDraw

from . import bodymap, mapindex, style
from .fonts import font

BODY: style.RGB = (218, 221, 226)  # the site's light grey: reads on white and on slate
IDLE: style.RGB = (192, 198, 206)
SECONDARY: style.RGB = style.mix(style.ACCENT, BODY, 0.4)
LABEL: style.RGB = (128, 134, 143)  # mid grey text: legible on both palettes

SS = 4  # supersampling


def known_muscles() -> set[str]:
    return set(bodymap.FRONT) | set(bodymap.BACK) | {bodymap.BELT_MUSCLE}


def _smooth(points: Sequence[tuple[float, float]], rounds: int = 3) -> list[tuple[float, float]]:
    """Chaikin corner cutting on a closed outline: a few points become an organic shape."""
    pts = list(points)
    for _ in range(rounds):
        out = []
        for i, a in enumerate(pts):
            b = pts[(i + 1) % len(pts)]
            out.append((0.75 * a[0] + 0.25 * b[0], 0.75 * a[1] + 0.25 * b[1]))
            out.append((0.25 * a[0] + 0.75 * b[0], 0.25 * a[1] + 0.75 * b[1]))
        pts = out
    return pts


def _whole(half: bodymap.Poly) -> list[tuple[float, float]]:
    """A shape drawn across the midline: the half, then its mirror image walked back."""
    return list(half) + [(-x, y) for x, y in reversed(half[1:-1])]


def _mirror(poly: Iterable[tuple[float, float]]) -> list[tuple[float, float]]:
    return [(-x, y) for x, y in poly]


class _Canvas:
    """A supersampled canvas of labels, not colours: which part of the map each pixel shows.

    Drawing a map is polygons and outlines at 2-4x, then a Lanczos reduction of the whole
    picture (most of its cost). Only the colours change from one map to the next, so the
    labels are drawn once per size and each part's coverage reduced once (``_layers``); a map
    is then those coverages filled with its colours, with no polygon drawn and no big picture
    reduced (a library has one map per set of muscles: 264 full maps, 264 thumbnails and 230
    link-preview panels at 850 exercises).
    """

    def __init__(self, size: tuple[int, int], height_px: float, top_px: float, ss: int = SS) -> None:
        self.ss = ss
        self.image = Image.new("L", (size[0] * ss, size[1] * ss), _CLEAR)
        self.draw = ImageDraw.Draw(self.image)
        self.k = height_px * ss
        self.top = top_px * ss

    def pts(self, cx: float, poly: Iterable[tuple[float, float]]) -> list[tuple[float, float]]:
        return [(cx * self.ss + x * self.k, self.top + y * self.k) for x, y in poly]

    def fill(self, cx: float, poly: Iterable[tuple[float, float]], label: int) -> None:
        self.draw.polygon(self.pts(cx, poly), fill=label)

    def outline(self, cx: float, poly: Iterable[tuple[float, float]], label: int, width: float) -> None:
        p = self.pts(cx, poly)
        self.draw.line([*p, p[0]], fill=label, width=max(1, round(width * self.k)), joint="curve")


# Labels of the canvas: nothing, the body (silhouette and the slits between regions), then one
# per muscle that has a region (``_MUSCLES``, in a fixed order).
_CLEAR, _BODY = 0, 1
_MUSCLES = sorted(set(bodymap.FRONT) | set(bodymap.BACK))
_LABEL = {muscle: i for i, muscle in enumerate(_MUSCLES, start=2)}


def _silhouette(c: _Canvas, cx: float) -> None:
    hx, hy, rx, ry = bodymap.HEAD
    k, top = c.k, c.top
    ss = c.ss
    c.draw.ellipse(
        (cx * ss + (hx - rx) * k, top + (hy - ry) * k, cx * ss + (hx + rx) * k, top + (hy + ry) * k),
        fill=_BODY,
    )
    c.fill(cx, _smooth(_whole(bodymap.NECK), 1), _BODY)
    c.fill(cx, _smooth(_whole(bodymap.TORSO)), _BODY)
    for limb in (bodymap.ARM, bodymap.LEG):
        shape = _smooth(limb)
        c.fill(cx, shape, _BODY)
        c.fill(cx, _mirror(shape), _BODY)


def _regions(c: _Canvas, cx: float, regions: dict[str, tuple[bodymap.Poly, ...]]) -> None:
    shapes = []
    for muscle, polys in regions.items():
        for poly in polys:
            shape = _smooth(poly)
            for s in (shape, _mirror(shape)):
                c.fill(cx, s, _LABEL[muscle])
                shapes.append(s)
    # Slits of body colour between neighbouring regions, drawn after all fills.
    for s in shapes:
        c.outline(cx, s, _BODY, 0.005)


def _colours(primary: Sequence[str], secondary: Sequence[str]) -> dict[str, style.RGB]:
    out = dict.fromkeys(secondary, SECONDARY)
    out.update(dict.fromkeys(primary, style.ACCENT))
    return out


@dataclass(frozen=True)
class _Layers:
    """A map's parts at its final size, each as the coverage of its pixels (0-255)."""

    alpha: Image.Image  # the bodies: everything drawn
    belted: Image.Image  # the same with the belt, which runs out past the waist
    muscles: dict[str, Image.Image]  # each muscle's region, less the slits over it
    belt: Image.Image  # the core belt's outline, drawn over everything
    front_x: float
    back_x: float
    # The box of the pixels each muscle's part covers, and the muscles whose parts reach into
    # it (itself included): colouring a muscle repaints its own box, not the whole picture.
    boxes: dict[str, tuple[int, int, int, int]]
    near: dict[str, tuple[str, ...]]
    belt_part: tuple[tuple[int, int, int, int], Image.Image]
    # The map with no muscle worked (every region idle), opaque: each map starts as a copy.
    idle: Image.Image


def _coverage(labels: Image.Image, wanted: Iterable[int], size: tuple[int, int]) -> Image.Image:
    """The share of each final pixel that shows one of the ``wanted`` labels (the same Lanczos
    reduction a drawn picture gets, applied to the part alone)."""
    keep = set(wanted)
    mask = labels.point([255 if v in keep else 0 for v in range(256)])
    # Only the part's own box is reduced (most parts are a small share of the picture): the
    # filter reaches LANCZOS_REACH output pixels, beyond which the reduction of nothing is
    # nothing, and the box's pixels come out as reducing the whole picture gives them.
    drawn = mask.getbbox()
    out = Image.new("L", size, 0)
    if drawn is None:
        return out
    k = labels.width // size[0]
    x0, y0 = max(0, drawn[0] // k - LANCZOS_REACH), max(0, drawn[1] // k - LANCZOS_REACH)
    x1 = min(size[0], -(-drawn[2] // k) + LANCZOS_REACH)
    y1 = min(size[1], -(-drawn[3] // k) + LANCZOS_REACH)
    part = mask.resize((x1 - x0, y1 - y0), Image.Resampling.LANCZOS, box=(x0 * k, y0 * k, x1 * k, y1 * k))
    out.paste(part, (x0, y0))
    return out


LANCZOS_REACH = 4  # output pixels: Lanczos-3 reaches 3 (its support, at any reduction)


def _part(mask: Image.Image) -> tuple[tuple[int, int, int, int], Image.Image]:
    box = mask.getbbox() or (0, 0, 1, 1)
    return box, mask.crop(box)


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@functools.lru_cache(maxsize=8)
def _layers(size: tuple[int, int], height_px: float, top_px: float, gap_px: float, ss: int) -> _Layers:
    """The parts of the map at one size, drawn once per process (``_Canvas``)."""
    c = _Canvas(size, height_px, top_px, ss)
    half = 0.21 * height_px  # half the silhouette's width, arms included
    front_x = size[0] / 2 - gap_px / 2 - half
    back_x = size[0] / 2 + gap_px / 2 + half
    for cx, regions in ((front_x, bodymap.FRONT), (back_x, bodymap.BACK)):
        _silhouette(c, cx)
        _regions(c, cx, regions)
    belt = _Canvas(size, height_px, top_px, ss)
    belt.outline(front_x, _smooth(_whole(bodymap.CORE_BELT)), 255, 0.011)
    belted = c.image.copy()
    belted.paste(255, mask=belt.image)
    muscles = {m: _coverage(c.image, [label], size) for m, label in _LABEL.items()}
    belt_mask = belt.image.resize(size, Image.Resampling.LANCZOS)
    idle = Image.new("RGBA", size, (*BODY, 255))
    idle.paste((*IDLE, 255), mask=_union(list(muscles.values())))
    boxes = {m: mask.getbbox() or (0, 0, 1, 1) for m, mask in muscles.items()}
    return _Layers(
        alpha=_coverage(c.image, range(_BODY, 256), size),
        belted=_coverage(belted, range(_BODY, 256), size),
        muscles=muscles,
        belt=belt_mask,
        front_x=front_x,
        back_x=back_x,
        boxes=boxes,
        near={m: tuple(n for n in _MUSCLES if _overlap(boxes[m], boxes[n])) for m in _MUSCLES},
        belt_part=_part(belt_mask),
        idle=idle,
    )


def _body_pair(
    size: tuple[int, int],
    height_px: float,
    top_px: float,
    gap_px: float,
    colours: dict[str, style.RGB],
    ss: int = SS,
) -> tuple[Image.Image, float, float]:
    """Front and back bodies, the muscles in ``colours`` (the others idle), at ``size``.

    Each colour is laid over the body colour with its muscles' coverage, so a pixel that is
    part region and part slit gets the mix the reduction of a drawn picture gives. The belt is
    an outline over everything, as drawn.

    Most of a map is the same on every map: the map starts as a copy of the idle one, and only
    each worked muscle's box is painted again, from the body colour, with every colour whose
    muscles reach into it. Painting is per pixel, so a box comes out as the whole picture
    painted at once would be there, and two boxes agree where they overlap: the same bytes as
    painting every colour over the whole picture, at a few thousand pixels a muscle.
    """
    layers = _layers(size, height_px, top_px, gap_px, ss)
    by_colour: dict[style.RGB, list[str]] = {}
    for muscle in _MUSCLES:
        by_colour.setdefault(colours.get(muscle, IDLE), []).append(muscle)
    image = layers.idle.copy()
    for muscle in _MUSCLES:
        if muscle not in colours:
            continue
        box = layers.boxes[muscle]
        near = set(layers.near[muscle])
        region = Image.new("RGBA", (box[2] - box[0], box[3] - box[1]), (*BODY, 255))
        for colour, muscles in by_colour.items():
            masks = [layers.muscles[m].crop(box) for m in muscles if m in near]
            if masks:
                region.paste((*colour, 255), mask=_union(masks))
        image.paste(region, box[:2])
    belt = colours.get(bodymap.BELT_MUSCLE)
    if belt is not None:
        box, part = layers.belt_part
        image.paste((*belt, 255), box, part)
    image.putalpha(layers.alpha if belt is None else layers.belted)
    return image, layers.front_x, layers.back_x


def _union(masks: Sequence[Image.Image]) -> Image.Image:
    out = masks[0]
    for mask in masks[1:]:
        out = ImageChops.add(out, mask)
    return out


@functools.lru_cache(maxsize=8)
def _indexed(
    size: tuple[int, int], height_px: float, top_px: float, gap_px: float, ss: int, captions: bool
) -> mapindex.IndexedMap:
    """A size's maps as one index picture (``mapindex``), made once per process."""
    layers = _layers(size, height_px, top_px, gap_px, ss)
    band = _captions() if captions else None
    return mapindex.build(
        layers.alpha,
        layers.belted,
        layers.belt,
        layers.muscles,
        256,
        SWATCHES,
        band=band,
        band_colours=CAPTION_COLOURS if captions else 0,
    )


CAPTION_COLOURS = 24  # "Front", "Back" and the legend: grey text and two swatches
# The colours maps are published in (mapindex.swatches): the flat colours, MIXES - 1 steps
# between each two of them (edges between regions) and EDGES - 1 steps of alpha (the outline).
MIXES, EDGES = 2, 4
SWATCHES = mapindex.swatches((BODY, IDLE, style.ACCENT, SECONDARY), MIXES, EDGES)


def _full() -> mapindex.IndexedMap:
    # Drawn at 2× its own (already 2×) size, not 4×: the edges look the same, and it costs a
    # third of the layers' time.
    return _indexed(_FULL_SIZE, _FULL_BODY_H, _FULL_TOP, 36, 2, True)


def _small() -> mapindex.IndexedMap:
    return _indexed((160, 180), 168, 6, 10, SS, False)


def _lut(indexed: mapindex.IndexedMap, primary: Sequence[str], secondary: Sequence[str]) -> list[int]:
    return indexed.lut(_colours(primary, secondary), BODY, IDLE, bodymap.BELT_MUSCLE)


def render_muscle_map(primary: Sequence[str], secondary: Sequence[str]) -> Image.Image:
    """The full map at 2× (480 px wide, shown at 240): both views, labels and a legend."""
    return _full().picture(_lut(_full(), primary, secondary)).convert("RGBA")


def muscle_map_png(primary: Sequence[str], secondary: Sequence[str]) -> bytes:
    """The full map as a palette PNG (a library has one per set of muscles: 264 at 850
    exercises): the same pixels as ``render_muscle_map``, encoded from the size's index picture."""
    return _full().png(_lut(_full(), primary, secondary))


def muscle_map_small_png(primary: Sequence[str], secondary: Sequence[str]) -> bytes:
    """The thumbnail as a palette PNG (``render_muscle_map_small``)."""
    return _small().png(_lut(_small(), primary, secondary))


_FULL_WIDTH, _FULL_BODY_H, _FULL_TOP = 480, 460, 14
_LABEL_Y = _FULL_TOP + _FULL_BODY_H + 8
_LEGEND_Y = _LABEL_Y + 44
_FULL_SIZE = (_FULL_WIDTH, _LEGEND_Y + 2 * 34 + 6)


@functools.cache
def _captions() -> tuple[int, Image.Image]:
    """The full map's rows below the bodies, the same on every map: "Front", "Back" and the
    legend, drawn once per process; returns the band's top row and the band."""
    image, front_x, back_x = _body_pair(_FULL_SIZE, _FULL_BODY_H, _FULL_TOP, 36, {}, ss=2)
    layers = _layers(_FULL_SIZE, _FULL_BODY_H, _FULL_TOP, 36, 2)
    top = max((layers.belted.getbbox() or (0, 0, 0, 0))[3], (layers.alpha.getbbox() or (0, 0, 0, 0))[3])
    assert top <= _LABEL_Y, "the captions must start below every body pixel"
    draw = ImageDraw.Draw(image)
    label_font = font(24)
    for x, text in ((front_x, "Front"), (back_x, "Back")):
        draw.text((x, _LABEL_Y), text, fill=(*LABEL, 255), font=label_font, anchor="mt")
    _legend(image, (_FULL_WIDTH // 2 - 80, _LEGEND_Y))
    return top, image.crop((0, top, *image.size))


def _legend(image: Image.Image, at: tuple[int, int]) -> None:
    x, y = at
    swatch = 24
    for i, (colour, text) in enumerate(((style.ACCENT, "Primary"), (SECONDARY, "Secondary"))):
        row = y + i * 34
        big = Image.new("RGBA", (swatch * SS, swatch * SS), (*colour, 0))
        ImageDraw.Draw(big).rounded_rectangle(
            (0, 0, swatch * SS - 1, swatch * SS - 1), radius=6 * SS, fill=(*colour, 255)
        )
        image.alpha_composite(big.resize((swatch, swatch), Image.Resampling.LANCZOS), (x, row))
        ImageDraw.Draw(image).text(
            (x + swatch + 12, row + swatch // 2), text, fill=(*LABEL, 255), font=font(24), anchor="lm"
        )


def render_muscle_map_small(primary: Sequence[str], secondary: Sequence[str]) -> Image.Image:
    """A thumbnail for the library index at 2× (160 × 180, shown at 80 × 90): just the bodies."""
    return _small().picture(_lut(_small(), primary, secondary)).convert("RGBA")


def panel_swatches(primary: Sequence[str], secondary: Sequence[str], size: tuple[int, int]) -> Image.Image:
    """The bodies alone at ``size`` (a link-preview card's panel) as an "L" picture of
    ``SWATCHES`` numbers, coloured from the size's index picture.

    2× supersampling is enough at this size (the slits between regions stay clean); a library
    has a card per set of muscles: 230 at 850 exercises.
    """
    k = size[1] / 180  # the thumbnail's proportions: 160 × 180, bodies 168 high, 6 down, 10 apart
    panel = _indexed(size, 168 * k, 6 * k, 10 * k, 2, False)
    return panel.index.point(_lut(panel, primary, secondary))


def render_muscle_map_panel(
    primary: Sequence[str], secondary: Sequence[str], size: tuple[int, int]
) -> Image.Image:
    """The bodies alone at ``size``, drawn at that size (``panel_swatches``), in RGBA."""
    image = panel_swatches(primary, secondary, size)
    image.putpalette([v for colour in SWATCHES for v in colour], "RGBA")
    return image.convert("RGBA")
