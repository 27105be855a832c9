"""One index picture per size of muscle map, a palette per map (generator/figures/mapindex.py)."""

from __future__ import annotations

import io
import zlib

from PIL import Image

from generator.figures import mapindex

from .test_muscles import MAPS


def test_a_map_deflated_from_kept_bands_is_the_map_deflated_whole() -> None:
    # Each band of rows is deflated once per content and joined into one zlib stream: the
    # stream inflates to the picture's rows, and a map made from kept bands (after others)
    # has the same bytes as one made from none.
    from generator.figures import muscles

    full = muscles._full()
    for primary, secondary in MAPS:
        lut = muscles._lut(full, primary, secondary)
        raw = full.index.point(lut).tobytes()
        fresh = mapindex.deflate_bands(full.size, raw, {})
        kept = mapindex.deflate_bands(full.size, raw, full._deflated)
        assert kept == fresh
        width = full.size[0]
        rows = b"".join(b"\x00" + raw[y * width : (y + 1) * width] for y in range(full.size[1]))
        assert zlib.decompress(fresh) == rows


def test_a_palette_png_is_the_pixels_and_palette_it_was_given() -> None:
    # Written chunk by chunk (no Pillow encoder): any reader gets the indices and the colours,
    # trailing opaque entries left out of tRNS as the format allows.
    size = (7, 5)
    index = bytes((x * 3 + y) % 4 for y in range(size[1]) for x in range(size[0]))
    palette = [(0, 0, 0, 0), (250, 10, 20, 128), (1, 2, 3, 255), (40, 50, 60, 255)]
    data = mapindex.png_bytes(size, mapindex.deflate_bands(size, index, {}, 9, 2), palette)
    image = Image.open(io.BytesIO(data))
    assert image.mode == "P" and image.size == size
    assert image.tobytes() == index
    assert image.convert("RGBA").getpixel((1, 0)) == (40, 50, 60, 255)
    assert image.convert("RGBA").getpixel((0, 1)) == (250, 10, 20, 128)
    assert image.info["transparency"][:2] == b"\x00\x80"


def test_swatches_mix_each_pair_and_fade_each_colour() -> None:
    flats = [(200, 200, 200), (0, 0, 0)]
    swatches = mapindex.swatches(flats, mixes=2, edges=4)
    assert swatches[0][3] == 0  # clear first
    assert (100, 100, 100, 255) in swatches  # the pair's midpoint
    assert [s for s in swatches if s[:3] == (0, 0, 0)] == [
        (0, 0, 0, 255),
        (0, 0, 0, 64),
        (0, 0, 0, 128),
        (0, 0, 0, 191),
    ]
