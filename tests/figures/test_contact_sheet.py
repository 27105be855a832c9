"""A contact sheet of every picture of the real guide, for a person to look at.

Written to tests/output/contact-sheet.png (git-ignored): each exercise's strip on the light
and the dark palette, a filmstrip of its animation, its muscle maps and its preview card.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image, ImageChops, ImageDraw

from generator import display, urls
from generator.figures.fonts import font
from generator.model import Guide

from ..conftest import GuidePictures
from .conftest import OUTPUT

LIGHT = (255, 255, 255, 255)
DARK = (30, 33, 41, 255)  # Material's slate background
WIDTH = 2000
GAP = 16
TITLE_HEIGHT = 56


@dataclass(frozen=True)
class Tile:
    """A picture on a background colour, scaled: drawn only when its row is pasted."""

    image: Callable[[], Image.Image]
    size: tuple[int, int]  # of the picture, read from its header
    colour: tuple[int, int, int, int]
    scale: float
    name: str = ""  # what a failure names

    @property
    def scaled(self) -> tuple[int, int]:
        return round(self.size[0] * self.scale), round(self.size[1] * self.scale)

    def draw(self, fit: float = 1.0) -> Image.Image:
        """The picture on its colour, scaled by ``scale`` × ``fit`` (its row's shrink to fit)."""
        image = self.image()
        assert image.size == self.size, f"{self.name}: {image.size}, its header said {self.size}"
        tile = Image.new("RGBA", image.size, self.colour)
        tile.alpha_composite(image.convert("RGBA"))
        # A picture that draws nothing (fully transparent, or only its background) is a
        # broken picture, however large its file.
        # (In RGB: an RGBA image's getbbox looks at its alpha, opaque in both.)
        background = Image.new("RGB", image.size, self.colour[:3])
        assert ImageChops.difference(tile.convert("RGB"), background).getbbox() is not None, (
            f"{self.name} is blank"
        )
        width, height = self.scaled
        # One resize to the size shown (not one to the tile, then its row again), averaging
        # boxes of pixels: sharp enough for a sheet a person looks over, in a fraction of the
        # CPU Lanczos took (12 of the test's 20 s).
        size = (max(1, round(width * fit)), max(1, round(height * fit)))
        return tile.resize(size, Image.Resampling.BOX)


@dataclass(frozen=True)
class Row:
    """A title (``text``) or tiles side by side, shrunk to the sheet's width if wider (``fit``)."""

    tiles: tuple[Tile, ...] = ()
    fit: bool = False
    text: str = ""

    @property
    def natural(self) -> tuple[int, int]:
        if self.text:
            return WIDTH, TITLE_HEIGHT
        sizes = [t.scaled for t in self.tiles]
        return sum(w for w, _ in sizes) + GAP * (len(sizes) - 1), max(h for _, h in sizes)

    @property
    def height(self) -> int:
        width, height = self.natural
        return round(height * WIDTH / width) if self.fit and width > WIDTH else height

    def draw(self) -> Image.Image:
        natural_width = self.natural[0]
        fit = WIDTH / natural_width if self.fit and natural_width > WIDTH else 1.0
        row = Image.new("RGBA", (round(natural_width * fit), self.height), LIGHT)
        if self.text:
            ImageDraw.Draw(row).text((8, 10), self.text, fill=(33, 33, 33, 255), font=font(30, "bold"))
        x = 0
        for tile in self.tiles:
            image = tile.draw(fit)
            row.alpha_composite(image, (x, 0))
            x += image.width + round(GAP * fit)
        return row


def _frames(data: bytes, every: int) -> list[Callable[[], Image.Image]]:
    """Frames 0, every, 2·every, … of an animation, decoded when their tiles are drawn (in
    order: one decoder seeks forward through the animation once)."""
    count = Image.open(io.BytesIO(data)).n_frames
    decoder: list[Image.Image] = []

    def frame(index: int) -> Image.Image:
        if not decoder:
            decoder.append(Image.open(io.BytesIO(data)))
        decoder[0].seek(index)
        image = decoder[0].convert("RGBA")
        if index + every >= count:
            decoder.clear()  # the last frame shown
        return image

    return [lambda i=i: frame(i) for i in range(0, count, every)]


def test_contact_sheet(guide: Guide, guide_pictures: GuidePictures) -> None:
    # The session's one render of the guide (tests/conftest.py), not a render of its own.
    files = {f.path: f for f in guide_pictures.files}

    def tile(path: str, colour: tuple[int, int, int, int], scale: float) -> Tile:
        size = Image.open(io.BytesIO(files[path].read())).size
        return Tile(lambda: Image.open(io.BytesIO(files[path].read())), size, colour, scale, path)

    # The layout first (sizes come from the pictures' headers), then one row drawn at a time
    # into a sheet of the right height: never every row and the sheet in memory at once.
    rows: list[Row] = []
    for slug, ex in guide.exercises.items():
        rows.append(Row(text=f"{ex.name} ({slug})"))
        if ex.figure is not None:
            strip = urls.figure_strip_path(slug)
            rows.append(Row((tile(strip, LIGHT, 0.5), tile(strip, DARK, 0.5)), fit=True))
            data = files[urls.figure_animation_path(slug)].read()
            anim = Image.open(io.BytesIO(data))
            size, count = anim.size, anim.n_frames
            step = max(1, count // 10)
            name = urls.figure_animation_path(slug)
            frames = [
                Tile(f, size, LIGHT, 0.22, f"{name} frame {i * step}")
                for i, f in enumerate(_frames(data, step))
            ]
            rows.append(Row(tuple(frames), fit=True))
        muscles = (ex.muscles.primary, ex.muscles.secondary)
        maps, small = display.muscle_map_path(*muscles), display.muscle_map_small_path(*muscles)
        card = urls.preview_image_path("exercises", slug)
        rows.append(
            Row(
                (
                    tile(maps, LIGHT, 0.5),
                    tile(maps, DARK, 0.5),
                    tile(small, LIGHT, 0.5),
                    tile(small, DARK, 0.5),
                    tile(card, LIGHT, 0.33),
                )
            )
        )
    for slug in guide.programs:
        rows.append(Row((tile(urls.preview_image_path("programs", slug), LIGHT, 0.33),)))
    sheet = Image.new("RGB", (WIDTH, sum(r.height for r in rows) + GAP * len(rows)), LIGHT[:3])
    y = 0
    for r in rows:
        image = r.draw()
        assert image.size[1] == r.height, r
        sheet.paste(image.convert("RGB"), (0, y))
        y += r.height + GAP
    OUTPUT.mkdir(parents=True, exist_ok=True)
    path = OUTPUT / "contact-sheet.png"
    sheet.save(path, compress_level=1)  # a picture for a person: saved fast, not small
    with Image.open(path) as saved:
        assert saved.size == (WIDTH, y), "the sheet holds every row"
