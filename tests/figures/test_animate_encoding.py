"""The animation's encoder: quantising only a frame's non-empty rows (the fast path) gives every
pixel that quantising the whole frame gives, so the WebP bytes are what they always were."""

from __future__ import annotations

import pytest
import yaml
from PIL import Image

from generator.figures.animate import COLOURS, _quantise, render_frames
from generator.model import Figure

from ..conftest import CONTENT


def _whole_frame(im: Image.Image) -> Image.Image:
    return im.quantize(colors=COLOURS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).convert(
        "RGBA"
    )


# A hinge that stays on the floor, and hops whose frames leave it (the figure's rows move up).
@pytest.mark.parametrize("slug", ["romanian-deadlift", "pogo-hops"])
def test_quantising_the_rows_in_use_gives_the_whole_frames_pixels(slug: str) -> None:
    data = yaml.safe_load((CONTENT / "exercises" / f"{slug}.yaml").read_text(encoding="utf-8"))
    images, _ = render_frames(Figure.model_validate(data["figure"]), data.get("tempo"))
    distinct = list({id(im): im for im in images}.values())
    assert len(distinct) > 5
    for im in distinct:
        rows = im.getchannel("A").getbbox()
        assert rows is not None and rows[3] - rows[1] < im.height  # the fast path has rows to skip
        assert _quantise(im).tobytes() == _whole_frame(im).tobytes()


def test_an_empty_frame_stays_empty() -> None:
    empty = Image.new("RGBA", (96, 54), (0, 0, 0, 0))
    assert _quantise(empty).tobytes() == _whole_frame(empty).tobytes()
