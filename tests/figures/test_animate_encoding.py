"""The animation's encoder: quantising only the part of a frame that holds the figure (its
non-empty rows, and in them the figure's columns with a little bare floor line; the fast path)
gives every pixel that quantising the whole frame gives, or within one level where the octree's
counts tip another way; and the frames an animation keeps while it is made are palette images
with those same pixels."""

from __future__ import annotations

import pytest
import yaml
from PIL import Image, ImageChops

from generator.figures import animate
from generator.figures.animate import (
    COLOURS,
    _figure_columns,
    _palette_frame,
    _quantise,
    encode_webp,
    render_animation,
    render_frames,
)
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
        x0, x1 = _figure_columns(im.getchannel("A"), rows)
        assert 0 < x0 < x1 < im.width  # and columns beside the figure, but for the floor line
        assert _quantise(im).tobytes() == _whole_frame(im).tobytes()


def test_quantising_the_figures_columns_is_within_a_level_of_the_whole_frame() -> None:
    # The octree sees fewer transparent and floor pixels: in two of the guide's 37 animations
    # (this one and the Copenhagen plank) a few colours of a few frames round the other way.
    data = yaml.safe_load((CONTENT / "exercises" / "lateral-lunge-row.yaml").read_text(encoding="utf-8"))
    images, _ = render_frames(Figure.model_validate(data["figure"]), data.get("tempo"))
    worst = 0
    for im in {id(im): im for im in images}.values():
        difference = ImageChops.difference(_quantise(im), _whole_frame(im))
        worst = max(worst, *(high for _, high in difference.getextrema()))  # type: ignore[misc]
    assert worst <= 1


def test_an_empty_frame_stays_empty() -> None:
    empty = Image.new("RGBA", (96, 54), (0, 0, 0, 0))
    assert _quantise(empty).tobytes() == _whole_frame(empty).tobytes()
    assert _palette_frame(empty).convert("RGBA").tobytes() == _whole_frame(empty).tobytes()


# The longest animation (the push-up side plank: 69 frames), one from the floor and one with a
# foot close-up drawn into its frames.
@pytest.mark.parametrize("slug", ["push-up-side-plank", "glute-bridge", "pogo-hops"])
def test_an_animation_keeps_palette_frames_and_writes_the_same_bytes(
    slug: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = yaml.safe_load((CONTENT / "exercises" / f"{slug}.yaml").read_text(encoding="utf-8"))
    figure = Figure.model_validate(data["figure"])
    images, durations = render_frames(figure, data.get("tempo"))
    for im in {id(im): im for im in images}.values():
        assert _palette_frame(im).convert("RGBA").tobytes() == _whole_frame(im).tobytes()
    expected = encode_webp(images, durations)

    kept: list[Image.Image] = []

    def encode(frames: list[Image.Image], ms: list[int]) -> bytes:
        kept.extend(frames)
        return encode_webp(frames, ms)

    monkeypatch.setattr(animate, "encode_webp", encode)
    # A quarter of the memory: held as RGBA (and quantised copies beside them), one picture
    # worker's 69 frames took ~280 MB and a cold build's processes passed 500 MiB together.
    assert render_animation(figure, data.get("tempo")) == expected
    assert kept and {im.mode for im in kept} == {"P"}
