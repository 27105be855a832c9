"""Muscles link-preview cards drawn as palette indices (generator/figures/cardindex.py)."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageChops, ImageStat

from generator.figures import cardindex, preview
from generator.figures.encode import card_png
from generator.figures.jobs import Job, draw

CARDS = [
    ("Chest", "Also: forearms, shoulders, triceps.", ["chest"], ["shoulders", "triceps"]),
    ("Glutes and hamstrings", "Also: lower back.", ["glute-max", "hamstrings"], ["lower-back"]),
    (
        "Calves (gastrocnemius), calves (soleus), tibialis anterior and the muscles of the foot",
        "Also: fibularis, tibialis posterior, foot intrinsics, adductors, quadriceps, hip flexors.",
        ["gastrocnemius", "soleus", "tibialis-anterior"],
        ["fibularis", "tibialis-posterior", "foot-intrinsics", "adductors", "quadriceps", "hip-flexors"],
    ),
    ("Core", "", ["transverse-abdominis", "rectus-abdominis"], []),
    ("Nothing named", "A card with no muscle worked still has its map.", [], []),
]


@pytest.mark.parametrize(("title", "summary", "primary", "secondary"), CARDS)
def test_a_card_drawn_as_indices_is_the_card_drawn_in_rgb(
    title: str, summary: str, primary: list[str], secondary: list[str]
) -> None:
    # The same layout, text and map as preview.render_muscles_preview draws in RGB: within a
    # few levels at glyph edges (TEXT_LEVELS steps), the same everywhere else.
    drawn = preview.render_muscles_preview(title, summary, primary, secondary)
    card = cardindex.card_indices(title, summary, primary, secondary)
    assert card is not None
    shown = cardindex.picture(card)
    diff = ImageChops.difference(shown, drawn)
    assert sum(ImageStat.Stat(diff).mean) / 3 < 0.1
    assert max(high for _, high in diff.getextrema()) <= 24
    # Flat areas exactly: the background, the panel, the brand's accent.
    for xy in ((10, 10), (700, 300), (preview.LEFT + 20, 544)):
        assert shown.getpixel(xy) == drawn.getpixel(xy), xy


@pytest.mark.parametrize(("title", "summary", "primary", "secondary"), CARDS[:3])
def test_the_published_card_is_its_picture_and_the_same_bytes_every_time(
    title: str, summary: str, primary: list[str], secondary: list[str]
) -> None:
    data = cardindex.muscles_card_png(title, summary, primary, secondary)
    assert data is not None
    card = cardindex.card_indices(title, summary, primary, secondary)
    assert card is not None
    published = Image.open(io.BytesIO(data))
    assert published.mode == "P"
    assert published.convert("RGB").tobytes() == cardindex.picture(card).tobytes()
    cardindex._kept.clear()  # bands deflated afresh give the same bytes as kept ones
    assert cardindex.muscles_card_png(title, summary, primary, secondary) == data


def test_a_card_whose_text_runs_into_the_panel_is_drawn_in_rgb() -> None:
    # A word longer than a line is not cut (preview._wrap) and runs over the panel, where the
    # palette's text steps (over the background) would be wrong: the job draws it in RGB.
    long = "Sternocleidomastoidprotuberance" * 2
    assert cardindex.card_indices(long, "Also: nothing.", ["chest"], []) is None
    inputs = {"title": long, "summary": "Also: nothing.", "primary": ["chest"], "secondary": []}
    data = draw(Job("x.png", "preview-muscles", inputs))
    drawn = preview.render_muscles_preview(long, "Also: nothing.", ["chest"], [])
    assert data == card_png(drawn, preview.EXACT)
    # The word shows over the panel, right of the text block.
    panel = drawn.crop((preview.PANEL_BOX[0], 100, preview.PANEL_BOX[2], 200))
    assert len(panel.getcolors(1_000_000) or []) > 1


def test_the_card_palette_holds_the_flat_colours_exactly() -> None:
    palette = cardindex._layout().palette
    assert len(palette) <= 256
    for colour in (preview.BACKGROUND, preview.PANEL, preview.MUTED, *cardindex.TEXT_COLOURS):
        assert colour in palette
