"""generator/deflate.py: zlib-ng's deflate for the pictures, and a PNG's image data deflated again."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image, ImageDraw
from zlib_ng import zlib_ng

from generator import deflate
from generator.figures import encode, mapindex


def _chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    out, pos = [], 8
    while pos < len(png):
        (size,) = struct.unpack(">I", png[pos : pos + 4])
        kind, data = png[pos + 4 : pos + 8], png[pos + 8 : pos + 8 + size]
        assert struct.unpack(">I", png[pos + 8 + size : pos + 12 + size])[0] == zlib.crc32(kind + data)
        out.append((kind, data))
        pos += 12 + size
    return out


def _pillow(image: Image.Image, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", **options)
    return out.getvalue()


def _picture(mode: str, size: tuple[int, int], colours: int) -> Image.Image:
    """Flat shapes in ``colours`` colours (and see-through ground where the mode has alpha)."""
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    for i in range(colours - 1):
        x = (i * 37) % max(1, size[0] - 20)
        y = (i * 53) % max(1, size[1] - 20)
        draw.ellipse(
            (x, y, x + 40, y + 25), fill=(40 + i * 7 % 200, 200 - i * 3 % 180, i * 11 % 255, 255 - i % 3 * 60)
        )
    if mode == "P":
        return image.quantize(colours, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    return image.convert(mode)


CASES = [  # mode, size, colours: 1-, 2-, 4- and 8-bit palettes, odd widths, RGB and RGBA, a tall one
    ("P", (1, 1), 2),
    ("P", (37, 11), 2),
    ("P", (101, 37), 4),
    ("P", (99, 64), 16),
    ("P", (480, 600), 128),
    ("P", (1200, 630), 256),
    ("RGB", (301, 77), 40),
    ("RGBA", (64, 900), 12),
    ("L", (17, 300), 9),
]


@pytest.mark.parametrize(("mode", "size", "colours"), CASES)
def test_a_png_deflated_again_shows_the_same_pixels_with_the_same_chunks(
    mode: str, size: tuple[int, int], colours: int
) -> None:
    image = _picture(mode, size, colours)
    original = _pillow(image, compress_level=6)
    again = deflate.recompress_png(_pillow(image, compress_level=0), 9)
    shown = Image.open(io.BytesIO(again))
    before = Image.open(io.BytesIO(original))
    assert shown.mode == before.mode and shown.size == before.size
    assert shown.info == before.info  # the transparency among them
    assert shown.getpalette() == before.getpalette()
    assert shown.tobytes() == before.tobytes()
    kinds = [kind for kind, _ in _chunks(again)]
    assert kinds == list(dict.fromkeys(kind for kind, _ in _chunks(original)))  # one IDAT, in its place
    # The image data is zlib-ng's stream of Pillow's rows, which any zlib inflates.
    (idat,) = [data for kind, data in _chunks(again) if kind == b"IDAT"]
    rows = b"".join(data for kind, data in _chunks(original) if kind == b"IDAT")
    assert zlib.decompress(idat) == zlib.decompress(rows)
    assert idat == zlib_ng.compress(zlib.decompress(rows), 9)


def test_image_data_split_over_many_chunks_becomes_one() -> None:
    image = _picture("RGB", (900, 900), 200)  # Pillow writes a chunk per 64 KB it encodes
    stored = _pillow(image, compress_level=0)
    assert [kind for kind, _ in _chunks(stored)].count(b"IDAT") > 1
    again = deflate.recompress_png(stored, 9)
    assert [kind for kind, _ in _chunks(again)].count(b"IDAT") == 1
    assert Image.open(io.BytesIO(again)).tobytes() == image.tobytes()


def test_the_same_picture_gives_the_same_bytes() -> None:
    image = _picture("P", (480, 600), 128)
    assert deflate.recompress_png(_pillow(image, compress_level=0), 9) == deflate.recompress_png(
        _pillow(image, compress_level=0), 9
    )


@pytest.mark.parametrize(
    "data",
    [b"", b"GIF89a", b"\x89PNG\r\n\x1a\n", deflate._PNG + deflate.png_chunk(b"IEND", b"")],
    ids=["empty", "another format", "a signature alone", "no image data"],
)
def test_what_is_not_a_png_with_image_data_is_refused(data: bytes) -> None:
    with pytest.raises(ValueError):
        deflate.recompress_png(data, 9)


def test_the_pictures_png_is_deflated_by_zlib_ng() -> None:
    """The strips', cards' and muscle maps' image data are zlib-ng's deflate at their level."""
    image = _picture("RGBA", (320, 200), 30)
    for png, level in ((encode.png(image), encode.PNG_COMPRESS_LEVEL),
                       (encode.card_png(image.convert("RGB")), encode.CARD_COMPRESS_LEVEL)):  # fmt: skip
        (idat,) = [data for kind, data in _chunks(png) if kind == b"IDAT"]
        assert idat == zlib_ng.compress(zlib.decompress(idat), level)


def test_a_map_deflated_in_bands_is_one_stream_of_its_rows() -> None:
    raw = bytes((x * y // 7) % 5 for y in range(130) for x in range(90))
    stream = mapindex.deflate_bands((90, 130), raw, {}, 9, 40)
    rows = b"".join(b"\x00" + raw[y * 90 : (y + 1) * 90] for y in range(130))
    assert zlib.decompress(stream) == rows
    # Each band is zlib-ng's: the first deflated alone is the stream's first bytes.
    first = deflate.compressobj(9)
    assert stream[2:].startswith(first.compress(rows[: 40 * 91]) + first.flush(deflate.SYNC_FLUSH))
