"""A contact sheet of every picture of the real guide, for a person to look at.

Written to tests/output/contact-sheet.png (git-ignored): each exercise's strip on the light
and the dark palette, a filmstrip of its animation, its muscle maps and its preview card.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageSequence

from generator import display, urls
from generator.figures.fonts import font
from generator.model import Guide

from ..conftest import GuidePictures
from .conftest import OUTPUT

LIGHT = (255, 255, 255, 255)
DARK = (30, 33, 41, 255)  # Material's slate background
WIDTH = 2000
GAP = 16


def _on(image: Image.Image, colour: tuple[int, int, int, int], scale: float) -> Image.Image:
    tile = Image.new("RGBA", image.size, colour)
    tile.alpha_composite(image.convert("RGBA"))
    return tile.resize((round(image.width * scale), round(image.height * scale)), Image.Resampling.LANCZOS)


def _row(tiles: list[Image.Image]) -> Image.Image:
    row = Image.new(
        "RGBA", (sum(t.width for t in tiles) + GAP * (len(tiles) - 1), max(t.height for t in tiles)), LIGHT
    )
    x = 0
    for t in tiles:
        row.alpha_composite(t, (x, 0))
        x += t.width + GAP
    return row


def _fit(row: Image.Image) -> Image.Image:
    if row.width <= WIDTH:
        return row
    return row.resize((WIDTH, round(row.height * WIDTH / row.width)), Image.Resampling.LANCZOS)


def test_contact_sheet(guide: Guide, guide_pictures: GuidePictures) -> None:
    # The session's one render of the guide (tests/conftest.py), not a render of its own.
    pictures = {f.path: Image.open(io.BytesIO(f.read())) for f in guide_pictures.files}
    rows: list[Image.Image] = []
    for slug, ex in guide.exercises.items():
        title = Image.new("RGBA", (WIDTH, 56), LIGHT)
        ImageDraw.Draw(title).text(
            (8, 10), f"{ex.name} ({slug})", fill=(33, 33, 33, 255), font=font(30, "bold")
        )
        rows.append(title)
        if ex.figure is not None:
            strip = pictures[urls.figure_strip_path(slug)].convert("RGBA")
            rows.append(_fit(_row([_on(strip, LIGHT, 0.5), _on(strip, DARK, 0.5)])))
            anim = pictures[urls.figure_animation_path(slug)]
            frames = [f.convert("RGBA") for f in ImageSequence.Iterator(anim)]
            step = max(1, len(frames) // 10)
            rows.append(_fit(_row([_on(f, LIGHT, 0.22) for f in frames[::step]])))
        muscles = (ex.muscles.primary, ex.muscles.secondary)
        maps = pictures[display.muscle_map_path(*muscles)].convert("RGBA")
        small = pictures[display.muscle_map_small_path(*muscles)].convert("RGBA")
        card = pictures[urls.preview_image_path("exercises", slug)]
        rows.append(
            _row(
                [
                    _on(maps, LIGHT, 0.5),
                    _on(maps, DARK, 0.5),
                    _on(small, LIGHT, 0.5),
                    _on(small, DARK, 0.5),
                    _on(card, LIGHT, 0.33),
                ]
            )
        )
    for slug in guide.programs:
        rows.append(_on(pictures[urls.preview_image_path("programs", slug)], LIGHT, 0.33))
    sheet = Image.new("RGB", (WIDTH, sum(r.height for r in rows) + GAP * len(rows)), LIGHT[:3])
    y = 0
    for r in rows:
        sheet.paste(r.convert("RGB"), (0, y))
        y += r.height + GAP
    OUTPUT.mkdir(parents=True, exist_ok=True)
    path = OUTPUT / "contact-sheet.png"
    sheet.save(path)
    assert path.stat().st_size > 10_000
