"""The pose gallery: every base pose, every prop and every exercise's key positions at once.

Written to tests/output/gallery/ (git-ignored), for a reviewer, not for the site:
- poses.png: one frame of each base pose (poses.BASE_POSES), on the light and the slate page;
- props.png: each prop (model.Prop) in a pose that uses it, on both pages;
- exercises.png: a contact sheet of every exercise's strip with its step numbers, both pages;
- index.html: the three sheets on one page.
New base poses and props appear without any change here: the lists come from the code.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw

from generator import urls
from generator.build import BuildReport
from generator.figures import style
from generator.figures.draw import render_body
from generator.figures.fonts import font
from generator.figures.layout import frame
from generator.figures.poses import BASE_POSES
from generator.figures.strip import FRAME_GAP_PX, badge
from generator.model import BasePose, Figure, Guide, Keyframe, Prop

from .conftest import OUTPUT

GALLERY = OUTPUT / "gallery"
PAGES = {"light": (*style.LIGHT_PAGE, 255), "slate": (*style.DARK_PAGE, 255)}
TILE_HEIGHT = 270  # half the frames' 2× height: how big they show on a page
LABEL = 34
COLUMNS = 6
# A pose that shows each prop in use; a prop added later is shown standing, unless listed here.
PROP_POSES: dict[str, str] = {
    "band": "squat",
    "dumbbell": "squat",  # held at the chest: a goblet squat
    "box": "stand",
    "bench": "seated",
    "step": "stand",
    "wall": "wall-sit",
    "knee-weight": "seated",  # standing on the thigh above the knee: a seated calf raise
}


def _tile(figure: Figure, title: str) -> list[Image.Image]:
    """The first keyframe of a figure at display size, labelled, on each page colour."""
    f = frame(figure)
    m = f.motion
    image = render_body(
        m.keys[0],
        figure.view,
        tuple(figure.props),
        f.camera,
        (f.width, f.height),
        box=m.box,
        grip=figure.grip,
        scenery=m.scenery,
    )
    small = image.resize((f.width * TILE_HEIGHT // f.height, TILE_HEIGHT), Image.Resampling.LANCZOS)
    return [_on(small, page, title) for page in PAGES.values()]


def _on(image: Image.Image, page: tuple[int, int, int, int], title: str) -> Image.Image:
    ink = (33, 33, 33, 255) if page[0] > 128 else (230, 230, 230, 255)
    tile = Image.new("RGBA", (max(image.width, 200), image.height + LABEL), page)
    tile.alpha_composite(image, ((tile.width - image.width) // 2, LABEL))
    ImageDraw.Draw(tile).text((8, 6), title, fill=ink, font=font(20, "bold"))
    return tile


def _sheet(tiles: list[Image.Image], columns: int) -> Image.Image:
    rows = [tiles[i : i + columns] for i in range(0, len(tiles), columns)]
    width = max(sum(t.width for t in row) + 8 * (len(row) - 1) for row in rows)
    height = sum(max(t.height for t in row) for row in rows) + 8 * (len(rows) - 1)
    sheet = Image.new("RGBA", (width, height), (128, 128, 128, 255))
    y = 0
    for row in rows:
        x = 0
        for t in row:
            sheet.alpha_composite(t, (x, y))
            x += t.width + 8
        y += max(t.height for t in row) + 8
    return sheet


def _save(image: Image.Image, name: str) -> Path:
    GALLERY.mkdir(parents=True, exist_ok=True)
    path = GALLERY / name
    image.convert("RGB").save(path)
    return path


def _ink(tile: Image.Image) -> int:
    """Pixels of the tile that are not the page: something was drawn."""
    page = tile.getpixel((tile.width - 1, tile.height - 1))
    return sum(n for n, px in tile.getcolors(1 << 20) or [] if px != page)


def test_gallery_of_base_poses() -> None:
    tiles: list[Image.Image] = []
    for base in BASE_POSES:
        figure = Figure(keyframes=[Keyframe(name="a", base=base), Keyframe(name="b", base=base)])
        pair = _tile(figure, base.value)
        assert all(_ink(t) > 2000 for t in pair), f"{base.value} drew nothing"
        tiles += pair
    assert {BasePose(b) for b in BASE_POSES} == set(BasePose)  # every pose an author can name
    _save(_sheet(tiles, COLUMNS), "poses.png")


def test_gallery_of_props() -> None:
    tiles: list[Image.Image] = []
    for prop in Prop:
        base = PROP_POSES.get(prop.value, "stand")
        figure = Figure(
            props=[prop],
            keyframes=[Keyframe(name="a", base=base), Keyframe(name="b", base=base)],
        )
        pair = _tile(figure, f"{prop.value} ({base})")
        assert all(_ink(t) > 2000 for t in pair), f"{prop.value} drew nothing"
        tiles += pair
    _save(_sheet(tiles, COLUMNS), "props.png")


def test_contact_sheet_of_every_exercise(guide: Guide, built_site: tuple[Path, BuildReport]) -> None:
    # The strips of the site just built (one shared render), numbered as on the pages.
    site, _ = built_site
    rows: list[Image.Image] = []
    for slug, ex in guide.exercises.items():
        if ex.figure is None:
            continue
        strip = Image.open(io.BytesIO((site / urls.figure_strip_path(slug)).read_bytes())).convert("RGBA")
        shown = ex.figure.strip_keyframes()
        width = (strip.width - (len(shown) - 1) * FRAME_GAP_PX) // len(shown)
        for i, k in enumerate(shown):
            step = ex.figure.keyframes[k].step
            if step is not None:
                strip.alpha_composite(badge(step), (i * (width + FRAME_GAP_PX) + 14, 14))
        small = strip.resize((strip.width // 2, strip.height // 2), Image.Resampling.LANCZOS)
        rows += [_on(small, page, f"{ex.name} ({page_name})") for page_name, page in PAGES.items()]
    assert rows, "no exercise has a figure"
    _save(_sheet(rows, 2), "exercises.png")
    (GALLERY / "index.html").write_text(
        "<!doctype html><meta charset=utf-8><title>RunStrong pose gallery</title>"
        "<style>body{font-family:sans-serif;margin:1rem}img{max-width:100%}</style>"
        "<h1>Base poses</h1><img src=poses.png alt='Every base pose, light and slate'>"
        "<h1>Props</h1><img src=props.png alt='Every prop, light and slate'>"
        "<h1>Exercises</h1><img src=exercises.png alt='Every exercise strip, light and slate'>",
        encoding="utf-8",
    )
