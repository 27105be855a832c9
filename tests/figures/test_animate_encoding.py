"""The animation's encoder and the frames it is given.

Only the crop a page shows (one strip frame's width, centred) is drawn, each distinct pose
once; frames are kept as their non-empty box; each frame of the file is the rectangle in which
it differs from the one before, a lossless still, put together here (``_container``). Each of
these is checked against the plain way: the decoded file gives the very frames drawn, at the
timeline's durations, on a canvas of the picture's size.
"""

from __future__ import annotations

import io

import pytest
import yaml
from PIL import Image, ImageDraw

from generator.figures import animate, style
from generator.figures.animate import (
    _chunks,
    _container,
    _frames,
    encode_webp,
    render_animation,
    render_frames,
    timeline,
    trim,
)
from generator.figures.layout import frame
from generator.model import Figure

from ..conftest import CONTENT


def _figure(slug: str) -> tuple[Figure, str | None]:
    data = yaml.safe_load((CONTENT / "exercises" / f"{slug}.yaml").read_text(encoding="utf-8"))
    return Figure.model_validate(data["figure"]), data.get("tempo")


def _decoded(data: bytes) -> list[tuple[bytes, int]]:
    """Every frame of an animated WebP as the browser composes it (RGBA bytes), and its ms."""
    im = Image.open(io.BytesIO(data))
    out = []
    for k in range(getattr(im, "n_frames", 1)):
        im.seek(k)
        out.append((im.convert("RGBA").tobytes(), int(im.info["duration"])))
    return out


def _expected(images: list[Image.Image], durations: list[int]) -> list[tuple[bytes, int]]:
    """The frames as drawn, a frame equal to the one before it merged into it (libwebp shows
    it as one frame for both times)."""
    out: list[tuple[bytes, int]] = []
    for im, ms in zip(images, durations, strict=True):
        pixels = im.tobytes()
        if out and out[-1][0] == pixels:
            out[-1] = (pixels, out[-1][1] + ms)
        else:
            out.append((pixels, ms))
    return out


# A hinge on the floor, hops whose frames leave it with a foot close-up drawn into every frame,
# and a lying figure whose frame is cropped low.
@pytest.mark.parametrize("slug", ["romanian-deadlift", "pogo-hops", "glute-bridge"])
def test_the_file_decodes_to_the_frames_drawn_at_their_durations(slug: str) -> None:
    figure, tempo = _figure(slug)
    images, durations = render_frames(figure, tempo)
    data = render_animation(figure, tempo)
    decoded = _decoded(data)
    f = frame(figure, width=style.ANIMATION_WIDTH_PX)
    assert Image.open(io.BytesIO(data)).size == (style.ANIMATION_WIDTH_PX, f.height) == images[0].size
    assert len(decoded) > 5
    assert [ms for _, ms in decoded] == [ms for _, ms in _expected(images, durations)]
    assert decoded == _expected(images, durations)  # lossless, every pixel: no quantising
    assert sum(durations) == sum(fr.ms for fr in timeline(figure, f.motion, tempo))


def test_only_the_crop_a_page_shows_is_drawn_and_its_floor_line_spans_it() -> None:
    figure, tempo = _figure("romanian-deadlift")
    images, _ = render_frames(figure, tempo)
    f = frame(figure, width=style.ANIMATION_WIDTH_PX)
    left, right = (f.width - f.shown) // 2, (f.width + f.shown + 1) // 2
    assert left > 0 and right < f.width  # the crop leaves columns out
    floor = round(f.camera.floor)
    for im in {id(im): im for im in images}.values():
        alpha = im.getchannel("A")
        box = alpha.getbbox()
        assert box is not None and left <= box[0] and box[2] <= right
        # The floor line runs from the crop's edge to its edge, in every frame.
        assert alpha.getpixel((left, floor)) and alpha.getpixel((right - 1, floor))


def test_a_pose_the_loop_comes_back_to_is_drawn_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # There-and-back: the way back passes the bodies of the way there.
    figure, tempo = _figure("romanian-deadlift")
    drawn: list[int] = []
    real = animate.render_body

    def counting(*args: object, **kwargs: object) -> Image.Image:
        image = real(*args, **kwargs)  # type: ignore[arg-type]
        drawn.append(id(image))
        return image

    monkeypatch.setattr(animate, "render_body", counting)
    kept, durations = _frames(figure, tempo)
    assert len(kept) > len(drawn) == len({id(k) for k in kept})
    f = frame(figure, width=style.ANIMATION_WIDTH_PX)
    assert durations == [fr.ms for fr in timeline(figure, f.motion, tempo)]


def test_the_frames_kept_while_an_animation_is_made_are_their_boxes() -> None:
    # The longest animation (69 frames): held whole, its frames once took ~280 MB in a worker.
    figure, tempo = _figure("push-up-side-plank")
    kept, _ = _frames(figure, tempo)
    distinct = {id(k): k for k in kept}.values()
    whole = sum(k.size[0] * k.size[1] for k in distinct)
    assert sum(k.image.width * k.image.height for k in distinct) < 0.35 * whole


def _moving_squares(size: tuple[int, int]) -> list[Image.Image]:
    """Frames of a square crossing a transparent canvas over a fixed line, one frame repeated."""
    frames = []
    for k in range(6):
        im = Image.new("RGBA", size, (0, 0, 0, 0))
        draw = ImageDraw.Draw(im)
        draw.rectangle((31, 60, 101, 61), fill=(90, 90, 90, 140))
        draw.rectangle((33 + 9 * k, 21 + 3 * k, 51 + 9 * k, 45 + 3 * k), fill=(200, 30, 60, 255))
        draw.ellipse((35 + 5 * k, 47, 49 + 5 * k, 59), fill=(20, 110, 200, 128))
        frames.append(im)
    return [*frames, frames[2]]


@pytest.mark.parametrize("size", [(160, 90), (161, 91)])
def test_frames_encoded_in_their_box_and_placed_decode_as_on_the_whole_canvas(size: tuple[int, int]) -> None:
    images = _moving_squares(size)
    durations = [40, 80, 120, 40, 40, 300, 90]
    data = encode_webp(images, durations)
    assert Image.open(io.BytesIO(data)).size == size
    assert _decoded(data) == _expected(images, durations)
    # Kept as boxes, the same file.
    assert encode_webp([trim(im) for im in images], durations) == data


def test_nothing_drawn_gives_empty_frames() -> None:
    empty = Image.new("RGBA", (96, 54), (0, 0, 0, 0))
    data = encode_webp([empty, empty], [100, 200])
    assert _decoded(data) == [(empty.tobytes(), 300)]


def test_each_frame_is_written_as_the_rectangle_it_changes() -> None:
    images = _moving_squares((160, 90))
    data = encode_webp(images, [50] * len(images))
    frames = [body for tag, body, _ in _chunks(data) if tag == b"ANMF"]
    assert len(frames) == len(images)  # the repeated frame differs from the one before it
    box = [trim(im) for im in images]
    x0 = min(t.at[0] for t in box) // 2 * 2
    y0 = min(t.at[1] for t in box) // 2 * 2
    x1 = max(t.at[0] + t.image.width for t in box)
    for k, body in enumerate(frames):
        x, y, w = (int.from_bytes(data[body + i : body + i + 3], "little") for i in (0, 3, 6))
        if k == 0:  # the first: the box every frame's drawing fits in
            assert (2 * x, 2 * y, 2 * x + w + 1) == (x0, y0, x1)
        else:  # then only the part that moved, not the fixed line (70 px wide)
            assert 2 * x >= x0 and w + 1 < 70
    with pytest.raises(ValueError, match="even"):
        _container((160, 90), [((31, 20, 40, 30), 50, b"")])


def test_a_figure_that_never_moves_is_one_frame_on_the_whole_canvas() -> None:
    still = _moving_squares((160, 90))[0]
    data = encode_webp([still, still.copy()], [400, 500])
    assert Image.open(io.BytesIO(data)).size == (160, 90)
    assert _decoded(data) == [(still.tobytes(), 900)]


def _edge_alphas(image: Image.Image) -> set[int]:
    """The alpha values in the upper half of a picture's drawing: the figure's edges (the floor
    line and the shadow, which have alphas of their own, lie below)."""
    alpha = image.getchannel("A")
    box = alpha.getbbox()
    assert box is not None
    return set(alpha.crop((box[0], box[1], box[2], box[1] + (box[3] - box[1]) // 2)).tobytes())


@pytest.mark.parametrize("slug", ["goblet-squat", "push-up", "romanian-deadlift"])
def test_the_animation_is_drawn_at_its_own_supersampling_and_the_strip_at_the_finer_one(slug: str) -> None:
    """An animation's frame edges have the coverages of ``ANIMATION_SUPERSAMPLE``² samples a
    pixel (a box filter over flat colours); the strip keeps ``SUPERSAMPLE``'s finer edges."""
    from generator.figures.strip import render_strip

    figure, tempo = _figure(slug)
    ss = style.ANIMATION_SUPERSAMPLE
    levels = {round(255 * k / ss**2) for k in range(ss**2 + 1)}
    frames, _ = render_frames(figure, tempo)
    for image in {id(f): f for f in frames}.values():
        assert _edge_alphas(image) <= levels
    assert ss < style.SUPERSAMPLE
    assert not _edge_alphas(render_strip(figure)) <= levels
