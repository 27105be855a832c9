"""Muscle maps as one fixed picture of palette indices and a palette per map.

Every map of a size shows the same shapes; only the colours of the muscles change. So the
picture is kept as *indices* that say what each pixel shows (clear, body, a muscle, or an edge
between them, with how much of each), worked out and deflated once per process, and a map is
that picture with its own palette: a few hundred colours computed from the muscles' colours.
Drawing, quantising and deflating a 480 × 600 picture per map (~18 ms) becomes writing a
palette (~0.3 ms); its PNG is the kept compressed picture with the map's PLTE and tRNS.

Colour is linear in coverage: a pixel that is 30 % muscle and 70 % slit is 0.3 of the muscle's
colour and 0.7 of the body's, whichever colour the muscle has. Pixels with nearly the same
coverages share an index, and its colour is their mean coverage's colour, so an edge is as
right on a map where the muscle is accent as where it is grey. Inside a muscle, the body and the
clear background each have an index of their own: exact colours where the eye looks.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PIL import Image, ImageChops

from ..deflate import FINISH, SYNC_FLUSH, adler32, compressobj, png_chunk
from . import style

RGBA = tuple[int, int, int, int]
# An edge pixel's signature: its alpha, belted alpha and belt coverage, and (muscle number,
# coverage) of each muscle over it, all in STEP steps.
Key = tuple[int, int, int, tuple[tuple[int, int], ...]]
STEP = 32  # coverage steps (of 255) that separate two edge pixels' indices
LEVEL = 9  # deflate (zlib-ng: ../deflate.py): deflated once per size and process, so the smallest file


@dataclass(frozen=True)
class Entry:
    """What the pixels of one index show, as mean coverages (0-1): the bodies' alpha with and
    without the belt, the belt's outline, and each muscle's region."""

    alpha: float
    belted: float
    belt: float
    muscles: tuple[tuple[str, float], ...]


class IndexedMap:
    """A size's maps: the index picture, worked out once, and what each index shows."""

    def __init__(
        self,
        size: tuple[int, int],
        entries: tuple[Entry, ...],
        index: bytes,
        swatches: tuple[RGBA, ...],
        band: int | None,
    ) -> None:
        self.size = size
        self.entries = entries  # indices 0.. of the bodies
        self.index = Image.frombytes("L", size, index)
        self.swatches = swatches  # the published palette, the same on every map of the size
        self.band = band  # the band's first swatch, if the maps have a band (its indices follow the entries')
        self._nearest: dict[RGBA, int] = {}
        self._names = [tuple(m for m, _ in e.muscles) for e in entries]
        self._swatch: dict[tuple[object, ...], int] = {}
        self._deflated: dict[bytes, bytes] = {}

    def colours(
        self, colours: Mapping[str, style.RGB], body: style.RGB, idle: style.RGB, belt_muscle: str
    ) -> list[RGBA]:
        """What each index shows on a map: ``colours`` for the worked muscles, ``idle`` for the
        others, ``body`` between them (before rounding to the swatches)."""
        belt = colours.get(belt_muscle)
        return [_shown(e, [colours.get(m, idle) for m, _ in e.muscles], belt, body) for e in self.entries]

    def lut(
        self, colours: Mapping[str, style.RGB], body: style.RGB, idle: style.RGB, belt_muscle: str
    ) -> list[int]:
        """Index -> swatch on a map (``colours``): each index's colour rounded to the nearest
        swatch. An index's swatch depends only on the colours of its own muscles (and the
        belt's): remembered by those, most of a map's indices are a look-up."""
        belt = colours.get(belt_muscle)
        out = []
        memo = self._swatch
        for n, (e, names) in enumerate(zip(self.entries, self._names, strict=True)):
            own = tuple(colours.get(m, idle) for m in names)
            key = (n, belt, own, body)
            found = memo.get(key)
            if found is None:
                found = memo[key] = self.nearest(_shown(e, own, belt, body))
            out.append(found)
        if self.band is not None:
            out += list(range(self.band, len(self.swatches)))
        return out + [0] * (256 - len(out))

    def nearest(self, colour: RGBA) -> int:
        found = self._nearest.get(colour)
        if found is None:
            found = min(range(len(self.swatches)), key=lambda i: (_distance(colour, self.swatches[i]), i))
            self._nearest[colour] = found
        return found

    def picture(self, lut: Sequence[int]) -> Image.Image:
        """The map as a palette picture of the swatches."""
        image = self.index.point(list(lut))
        image.putpalette([v for colour in self.swatches for v in colour], "RGBA")
        return image

    def png(self, lut: Sequence[int]) -> bytes:
        """The map as a palette PNG; its bands of rows deflated once per content (``_deflate``)."""
        raw = self.index.point(list(lut)).tobytes()
        return png_bytes(
            self.size, deflate_bands(self.size, raw, self._deflated, LEVEL, BAND_ROWS), self.swatches
        )


def _shown(e: Entry, own: Sequence[style.RGB], belt: style.RGB | None, body: style.RGB) -> RGBA:
    """The colour of an index whose muscles have the colours ``own`` (in ``e.muscles``' order)."""
    rgb: list[float] = [float(v) for v in body]
    for (_, cover), colour in zip(e.muscles, own, strict=True):
        for c in range(3):
            rgb[c] += cover * (colour[c] - body[c])
    if belt is not None:
        rgb = [v + e.belt * (b - v) for v, b in zip(rgb, belt, strict=True)]
    alpha = e.belted if belt is not None else e.alpha
    r, g, b = (min(255, max(0, round(v))) for v in rgb)
    return (r, g, b, min(255, max(0, round(alpha * 255))))


def _distance(a: RGBA, b: RGBA) -> int:
    """Between two colours as they show over anything: premultiplied channels and alpha."""
    return sum((a[c] * a[3] - b[c] * b[3]) ** 2 for c in range(3)) // 255 + 255 * (a[3] - b[3]) ** 2


def png_bytes(size: tuple[int, int], idat: bytes, palette: Sequence[RGBA]) -> bytes:
    """An 8-bit palette PNG from deflated image data and its palette (no other chunks, so the
    same inputs give the same bytes)."""
    alphas = bytes(c[3] for c in palette).rstrip(b"\xff")  # trailing opaque entries go unsaid
    header = struct.pack(">IIBBBBB", size[0], size[1], 8, 3, 0, 0, 0)
    chunks = [png_chunk(b"IHDR", header), png_chunk(b"PLTE", bytes(v for c in palette for v in c[:3]))]
    if alphas:
        chunks.append(png_chunk(b"tRNS", alphas))
    chunks += [png_chunk(b"IDAT", idat), png_chunk(b"IEND", b"")]
    return b"\x89PNG\r\n\x1a\n" + b"".join(chunks)


KEPT_BANDS = 8192  # deflated bands kept per picture size (~1 KB each)
BAND_ROWS = 40  # rows deflated together: a map differs from another in a few bands


def deflate_bands(
    size: tuple[int, int],
    raw: bytes,
    kept: dict[bytes, bytes],
    level: int = LEVEL,
    rows_per_band: int = BAND_ROWS,
) -> bytes:
    """PNG image data (filter 0 rows) of ``raw``, one zlib stream, made of bands of rows
    deflated on their own and joined: each band starts from the row above it as its dictionary
    (so a band's first row still refers to the one above, as in one stream) and ends on a byte
    boundary (a sync flush), so the same band after the same row gives the same bytes in any
    picture. ``kept``: bands already deflated, by a digest of position, level and content
    (most of a map is the same as another's)."""
    width, height = size
    line = width + 1
    rows = b"".join(b"\x00" + raw[y * width : (y + 1) * width] for y in range(height))
    out = [b"\x78\xda"]
    for top in range(0, height, rows_per_band):
        last = top + rows_per_band >= height
        before = rows[(top - 1) * line : top * line] if top else b""
        data = rows[top * line : min(height, top + rows_per_band) * line]
        digest = hashlib.blake2b(before + data, digest_size=16, person=struct.pack(">IHH", top, level, last))
        key = digest.digest()
        part = kept.get(key)
        if part is None:
            if len(kept) >= KEPT_BANDS:  # a long-lived process (serve) keeps a bounded few
                kept.clear()
            packer = compressobj(level, zdict=before)
            part = packer.compress(data) + packer.flush(FINISH if last else SYNC_FLUSH)
            kept[key] = part
        out.append(part)
    out.append(struct.pack(">I", adler32(rows)))
    return b"".join(out)


def _partial(image: Image.Image) -> Image.Image:
    return image.point([255 if 0 < v < 255 else 0 for v in range(256)])


def build(
    alpha: Image.Image,
    belted: Image.Image,
    belt: Image.Image,
    muscles: Mapping[str, Image.Image],
    budget: int,
    swatches: Sequence[RGBA],
    band: tuple[int, Image.Image] | None = None,
    band_colours: int = 0,
) -> IndexedMap:
    """The index picture of a map's parts (each a coverage at the final size), in at most
    ``budget`` indices; ``band``: a picture the same on every map, pasted at a row below the
    bodies, given ``band_colours`` indices of its own (quantised once)."""
    size = alpha.size
    names = sorted(muscles)
    # Pixels that are wholly one thing: clear, body, or inside one muscle's region.
    clear, body = 0, 1
    index = Image.new("L", size, clear)
    index.paste(body, mask=alpha.point([255 if v == 255 else 0 for v in range(256)]))
    entries = [Entry(0.0, 0.0, 0.0, ()), Entry(1.0, 1.0, 0.0, ())]
    for i, m in enumerate(names):
        index.paste(2 + i, mask=muscles[m].point([255 if v == 255 else 0 for v in range(256)]))
        entries.append(Entry(1.0, 1.0, 0.0, ((m, 1.0),)))
    # The rest: edges (part one thing, part another) and the belt's outline.
    mixed = belt.point([255 if v else 0 for v in range(256)])
    for layer in (alpha, belted, *muscles.values()):
        mixed = ImageChops.lighter(mixed, _partial(layer))
    where = [i for i, v in enumerate(mixed.tobytes()) if v]
    a, ab, b = alpha.tobytes(), belted.tobytes(), belt.tobytes()
    width = size[0]
    # Each muscle's coverage of the mixed pixels, read from its own box only.
    parts: dict[int, list[tuple[int, int]]] = {}
    for j, m in enumerate(names):
        box = muscles[m].getbbox()
        if box is None:
            continue
        w = box[2] - box[0]
        for k, v in enumerate(ImageChops.darker(muscles[m], mixed).crop(box).tobytes()):
            if v:
                parts.setdefault((box[1] + k // w) * width + box[0] + k % w, []).append((j, v))
    groups: dict[Key, list[float]] = {}  # signature -> [count, sums of alpha, belted, belt, muscles...]
    keys: list[Key] = []
    n = len(names)
    half = STEP // 2
    for i in where:
        covered = parts.get(i, [])
        key: Key = (
            (a[i] + half) // STEP,
            (ab[i] + half) // STEP,
            (b[i] + half) // STEP,
            tuple((j, q) for j, v in covered if (q := (v + half) // STEP)),
        )
        keys.append(key)
        group = groups.get(key)
        if group is None:
            group = groups[key] = [0.0] * (4 + n)
        group[0] += 1
        group[1] += a[i]
        group[2] += ab[i]
        group[3] += b[i]
        for j, v in covered:
            group[4 + j] += v
    room = budget - len(entries) - band_colours
    if room < 1:
        raise ValueError(f"a map needs more than {budget} indices")
    # The most common edges keep an index of their own; a rare one joins the nearest kept.
    ranked = sorted(groups, key=lambda k: (-groups[k][0], k))
    kept, rare = ranked[:room], ranked[room:]
    means = {k: [v / groups[k][0] for v in groups[k][1:]] for k in groups}
    home = {k: k for k in kept}
    # Searched first among the kept edges of the same muscles (the nearest is almost always
    # there), all of them if there is none: once per size, but a few hundred rare edges.
    by_support: dict[tuple[int, ...], list[Key]] = {}
    for sig in kept:
        by_support.setdefault(_support(sig), []).append(sig)
    for sig in rare:
        here = means[sig]
        home[sig] = min(
            by_support.get(_support(sig), kept),
            key=lambda c: (sum(abs(p - q) for p, q in zip(here, means[c], strict=True)), c),
        )
    totals = {sig: [0.0] * (len(names) + 4) for sig in kept}
    for sig, group in groups.items():
        into = totals[home[sig]]
        for j, total in enumerate(group):
            into[j] += total
    first = len(entries)
    number = {sig: first + i for i, sig in enumerate(kept)}
    for sig in kept:
        count, *sums = totals[sig]
        mean = [total / count / 255 for total in sums]
        shares = tuple((m, round(c, 4)) for m, c in zip(names, mean[3:], strict=True) if c > 0)
        entries.append(Entry(round(mean[0], 4), round(mean[1], 4), round(mean[2], 4), shares))
    raw = bytearray(index.tobytes())
    for i, sig in zip(where, keys, strict=True):
        raw[i] = number[home[sig]]
    swatch_list = list(swatches)
    band_at: int | None = None
    if band is not None:
        top, picture = band
        quantised = picture.quantize(band_colours, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
        colours = (quantised.getpalette("RGBA") or [])[: 4 * band_colours]
        offset, first = len(entries), len(swatch_list)
        swatch_list += [(*colours[j : j + 4],) for j in range(0, len(colours), 4)]  # type: ignore[misc]
        raw[top * width : (top + picture.height) * width] = bytes(offset + v for v in quantised.tobytes())
        band_at = first
    if len(entries) + (len(swatch_list) - len(swatches)) > 256 or len(swatch_list) > 256:
        raise ValueError("a map needs more than 256 indices")
    return IndexedMap(size, tuple(entries), bytes(raw), tuple(swatch_list), band_at)


def _support(key: Key) -> tuple[int, ...]:
    return tuple(j for j, _ in key[3])


def swatches(flats: Sequence[style.RGB], mixes: int, edges: int) -> tuple[RGBA, ...]:
    """The colours a map is published in: clear, the ``flats`` (body, idle, the roles' colours),
    each pair of them mixed in ``mixes`` steps, and each at ``edges`` steps of alpha."""
    out: list[RGBA] = [(*flats[0], 0)]
    out += [(*f, 255) for f in flats]
    for i, p in enumerate(flats):
        for q in flats[i + 1 :]:
            for k in range(1, mixes):
                t = k / mixes
                r, g, b = (round(p[c] + t * (q[c] - p[c])) for c in range(3))
                out.append((r, g, b, 255))
    for f in flats:
        out += [(*f, round(255 * k / edges)) for k in range(1, edges)]
    return tuple(out)
