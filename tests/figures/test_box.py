"""The `box` prop: a plyo box, step or bench that a foot, the hands or the hips rest on.

Examples are written to tests/output/box-*.png (git-ignored) for a person to look at.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from generator.figures.alt import describe
from generator.figures.draw import ROLE_COLOURS
from generator.figures.layout import frame
from generator.figures.motion import PERSON_CM, bottom, motion
from generator.figures.preview import PANEL, render_exercise_preview
from generator.figures.print import PRINT_COLOURS, print_thumbnail
from generator.figures.shapes import box_shape, reach
from generator.figures.strip import render_strip
from generator.load import load_guide
from generator.model import Figure

from .conftest import OUTPUT
from .test_skeleton import _bone_errors
from .test_validation import RDL, _errors, _with_figure, col

STEP_UP = """\
figure:
  view: side
  props: [dumbbells, box]
  box: {under: lead-foot, height_cm: 40}
  keyframes:
    - {name: start, base: stand, angles: {right_hip: 95, right_knee: 95, trunk: 10}}
    - {name: top, base: stand, angles: {left_hip: 70, left_knee: 95}}
"""

INCLINE_PUSH_UP = """\
figure:
  view: side
  props: [box]
  box: {under: hands, height_cm: 45}
  keyframes:
    - {name: top, base: plank}
    - {name: bottom, base: plank, angles: {shoulder: 15, shoulder_out: 45, elbow: 100}}
"""

BOX_SQUAT = """\
figure:
  view: side
  props: [box]
  box: {under: hips, height_cm: 45}
  keyframes:
    - {name: stand, base: stand, angles: {shoulder: 85, elbow: 10}}
    - {name: sit, base: squat, angles: {shoulder: 85, elbow: 10}}
"""

FOOT = ("heel", "toe", "ball_in", "ball_out")


def _figure(content: Path, block: str) -> Figure:
    """Load a figure block the way an author's file is loaded (in a copy of the content)."""
    _with_figure(content, block)
    figure = load_guide(content).exercises["romanian-deadlift"].figure
    assert figure is not None
    return figure


def _rests(names: list[str], body_points: dict, height: float) -> float:
    """Gap between the lowest of some points' surfaces and a height (0 = touching it)."""
    return min(body_points[n][1] - reach(n) for n in names) - height


# --- the YAML ---------------------------------------------------------------------------


def test_box_placement_loads_and_defaults(real_content: Path) -> None:
    figure = _figure(real_content, STEP_UP)
    assert figure.box_placement() is not None
    assert figure.box_placement().under.value == "lead-foot"  # type: ignore[union-attr]
    short = _figure(real_content, STEP_UP.replace("  box: {under: lead-foot, height_cm: 40}\n", ""))
    assert short.box is None
    assert short.box_placement() is not None  # `props: [box]` alone: a 40 cm box under the lead foot
    assert short.box_placement().height_cm == 40  # type: ignore[union-attr]


def test_unknown_box_placement_suggests_the_nearest(real_content: Path) -> None:
    # ('hand' alone is a placement of its own: one hand on a bench for a one-arm row.)
    figure = INCLINE_PUSH_UP.replace("under: hands", "under: hamds")
    line = _with_figure(real_content, figure)
    (error,) = _errors(real_content)
    where = f"{RDL}:{line + 3}:{col(figure, 3, 'hamds,')}"
    assert error.startswith(f"{where}: figure.box.under: 'hamds' is not a known ")
    assert "lead-foot, hands, hips" in error
    assert error.endswith("(did you mean 'hands'?)")


def test_unknown_box_field_suggests_the_nearest(real_content: Path) -> None:
    figure = INCLINE_PUSH_UP.replace("height_cm: 45", "height: 45")
    line = _with_figure(real_content, figure)
    assert _errors(real_content) == [
        f"{RDL}:{line + 3}:{col(figure, 3, 'height')}: figure.box.height: "
        "unknown field 'height' (did you mean 'height_cm'?)"
    ]


def test_box_height_out_of_range(real_content: Path) -> None:
    figure = INCLINE_PUSH_UP.replace("height_cm: 45", "height_cm: 150")
    line = _with_figure(real_content, figure)
    assert _errors(real_content) == [
        f"{RDL}:{line + 3}:{col(figure, 3, '150')}: figure.box.height_cm: must be at most 90, got 150"
    ]


def test_box_placement_needs_the_prop(real_content: Path) -> None:
    line = _with_figure(real_content, INCLINE_PUSH_UP.replace("props: [box]", "props: []"))
    assert _errors(real_content) == [
        f"{RDL}:{line + 1}:3: figure: 'box' places a box, so list it in props too: props: [box]"
    ]


def test_a_figure_without_a_box_dumps_as_before(real_content: Path) -> None:
    """Picture cache keys hash the dumped figure: the new field must not change old figures'."""
    figure = _figure(real_content, STEP_UP.replace("dumbbells, box", "dumbbells").replace("  box: {", "  #{"))
    assert "box" not in figure.model_dump(mode="json")
    assert Figure.model_validate(figure.model_dump(mode="json")) == figure


# --- the geometry ----------------------------------------------------------------------------


def test_step_up_front_foot_on_the_box_back_foot_on_the_floor(real_content: Path) -> None:
    m = motion(_figure(real_content, STEP_UP))
    assert m.box is not None
    top = 40 / PERSON_CM
    assert m.box.height == pytest.approx(top)
    start, up = m.keys
    assert _rests([f"right_{n}" for n in FOOT], start.points, top) == pytest.approx(0.0, abs=1e-6)
    assert _rests([f"left_{n}" for n in FOOT], start.points, 0.0) == pytest.approx(0.0, abs=1e-6)
    # On top: the front foot still on the box top, in the same place; the knee drive in the air.
    assert _rests([f"right_{n}" for n in FOOT], up.points, top) == pytest.approx(0.0, abs=1e-9)
    assert up.points["right_heel"][0] == pytest.approx(start.points["right_heel"][0], abs=1e-9)
    assert _rests([f"left_{n}" for n in FOOT], up.points, 0.0) > top
    # The foot is over the box's top, not beside it.
    assert m.box.x - m.box.length / 2 < start.points["right_heel"][0]
    assert start.points["right_toe"][0] < m.box.x + m.box.length / 2


def test_incline_push_up_hands_on_the_box_toes_on_the_floor(real_content: Path) -> None:
    m = motion(_figure(real_content, INCLINE_PUSH_UP))
    assert m.box is not None
    top = 45 / PERSON_CM
    for key in m.keys:
        assert _rests(["right_hand", "left_hand"], key.points, top) == pytest.approx(0.0, abs=1e-6)
        assert _rests(["right_toe", "left_toe"], key.points, 0.0) == pytest.approx(0.0, abs=1e-6)
        assert abs(key.points["right_hand"][0] - m.box.x) < m.box.length / 2


def test_box_squat_sits_on_the_box_with_the_feet_on_the_floor(real_content: Path) -> None:
    m = motion(_figure(real_content, BOX_SQUAT))
    top = 45 / PERSON_CM
    stand, sit = m.keys
    assert bottom(stand) == pytest.approx(0.0, abs=1e-9)  # standing in front of the box
    assert bottom(sit, ["pelvis", "right_hip", "left_hip"]) == pytest.approx(top, abs=1e-6)
    assert bottom(sit, [f"{s}_{n}" for s in ("right", "left") for n in FOOT]) == pytest.approx(0.0, abs=1e-6)


@pytest.mark.parametrize("block", [STEP_UP, INCLINE_PUSH_UP, BOX_SQUAT], ids=["step-up", "incline", "squat"])
def test_bones_keep_their_lengths_and_nothing_sinks(real_content: Path, block: str) -> None:
    m = motion(_figure(real_content, block))
    for i in range(len(m.keys) - 1):
        for k in range(11):
            body = m.between(i, k / 10)
            assert _bone_errors(body) == [], f"key {i} t={k / 10}"
            # Standing on the same floor line: nothing below the floor or inside the box's top.
            assert bottom(body, ground=m.ground) == pytest.approx(0.0, abs=1e-6)
            assert bottom(body) >= -1e-9


# --- the pictures -------------------------------------------------------------------------------


def _on_white(image: Image.Image) -> Image.Image:
    out = Image.new("RGBA", image.size, (255, 255, 255, 255))
    out.alpha_composite(image)
    return out


@pytest.mark.parametrize(
    ("name", "block"), [("step-up", STEP_UP), ("incline-push-up", INCLINE_PUSH_UP), ("box-squat", BOX_SQUAT)]
)
def test_strip_draws_the_grey_box_where_the_box_is(real_content: Path, name: str, block: str) -> None:
    figure = _figure(real_content, block)
    strip = render_strip(figure)
    OUTPUT.mkdir(exist_ok=True)
    _on_white(strip).save(OUTPUT / f"box-{name}.png")
    f = frame(figure)
    assert f.motion.box is not None
    shape = box_shape(f.motion.box, figure.view)
    # The lower part of the box, below anything resting on it, in the first frame: box grey (up
    # to rounding: the frame is reduced in premultiplied alpha), but where a leg passes in front.
    grid = [
        f.camera.px(shape.x0 + (shape.x1 - shape.x0) * (0.15 + 0.7 * i / 4), shape.y1 * (0.1 + 0.3 * j / 3))
        for i in range(5)
        for j in range(4)
    ]
    grey = [
        max(
            abs(c - e) for c, e in zip(strip.getpixel((round(x), round(y))), ROLE_COLOURS["box"], strict=True)
        )
        <= 1
        for x, y in grid
    ]
    assert sum(grey) >= 14, grey
    # Nothing of that colour beside the box, above the floor.
    x, y = f.camera.px(shape.x1 + 0.6, shape.y1 * 0.3)
    assert strip.getpixel((round(x), round(y)))[3] == 0


def test_print_thumbnail_and_alt_text_show_the_box(real_content: Path) -> None:
    figure = _figure(real_content, INCLINE_PUSH_UP)
    exercise = load_guide(real_content).exercises["romanian-deadlift"]
    png = print_thumbnail(exercise, 240)
    grey = PRINT_COLOURS["box"][0]
    colours = dict((c, n) for n, c in Image.open(io.BytesIO(png)).getcolors(1_000_000) or [])
    assert colours.get(grey, 0) > 500
    assert describe(figure).startswith("holding a straight-arm plank with the hands on a box")
    assert "with the front foot on a box" in describe(_figure(real_content, STEP_UP))


def test_preview_card_shows_the_box(real_content: Path) -> None:
    figure = _figure(real_content, STEP_UP)
    card = render_exercise_preview("Step-up", "A step-up.", figure)
    r, g, b, a = ROLE_COLOURS["box"]
    expected = tuple(round((c * a + p * (255 - a)) / 255) for c, p in zip((r, g, b), PANEL, strict=True))
    near = [
        n
        for n, px in card.getcolors(1_000_000) or []
        if max(abs(c - e) for c, e in zip(px, expected, strict=True)) <= 1
    ]
    assert sum(near) > 1000  # a box's worth of grey, composited on the panel
