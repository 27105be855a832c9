"""Pose data errors come out like every other content error: file:line:col, path, a clear hint."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import ContentErrors
from generator.load import load_guide

RDL = "exercises/romanian-deadlift.yaml"


def _with_figure(content: Path, figure: str) -> int:
    """Replace the RDL's figure block; return the line number of the block's first line."""
    path = content / RDL
    text = path.read_text(encoding="utf-8")
    head = text[: text.index("\nfigure:")] + "\n"
    path.write_text(head + figure, encoding="utf-8")
    return head.count("\n") + 1


def _errors(content: Path) -> list[str]:
    with pytest.raises(ContentErrors) as caught:
        load_guide(content)
    return [
        str(e).replace(str(content) + "/", "").replace(str(content.resolve()) + "/", "")
        for e in caught.value.errors
    ]


def col(figure: str, line_offset: int, token: str) -> int:
    """1-based column of ``token`` on a line of a figure block, as the loader reports it."""
    return figure.splitlines()[line_offset].index(token) + 1


FIGURE = """\
figure:
  view: side
  props: [dumbbells]
  keyframes:
    - {name: start, base: stand}
    - {name: bottom, base: hinge, angles: {hip: 80, knee: 20}}
"""


def test_the_documented_example_loads(real_content: Path) -> None:
    _with_figure(real_content, FIGURE)
    guide = load_guide(real_content)
    figure = guide.exercises["romanian-deadlift"].figure
    assert figure is not None
    assert figure.keyframes[1].angles.given() == {"hip": 80, "knee": 20}


def test_unknown_joint_suggests_the_nearest(real_content: Path) -> None:
    figure = FIGURE.replace("{hip: 80", "{hips: 80")
    line = _with_figure(real_content, figure)
    assert _errors(real_content) == [
        f"{RDL}:{line + 5}:{col(figure, 5, 'hips')}: figure.keyframes[1].angles.hips: "
        "unknown field 'hips' (did you mean 'hip'?)"
    ]


def test_sided_joint_name_is_suggested(real_content: Path) -> None:
    line = _with_figure(real_content, FIGURE.replace("{hip: 80", "{right_kne: 80"))
    (error,) = _errors(real_content)
    assert error.startswith(f"{RDL}:{line + 5}:")
    assert error.endswith("unknown field 'right_kne' (did you mean 'right_knee'?)")


def test_angle_out_of_range(real_content: Path) -> None:
    figure = FIGURE.replace("knee: 20", "knee: 200")
    line = _with_figure(real_content, figure)
    assert _errors(real_content) == [
        f"{RDL}:{line + 5}:{col(figure, 5, '200')}: figure.keyframes[1].angles.knee: must be at most 160, got 200"
    ]


def test_negative_angle_out_of_range(real_content: Path) -> None:
    figure = FIGURE.replace("knee: 20", "knee: -5")
    line = _with_figure(real_content, figure)
    assert _errors(real_content) == [
        f"{RDL}:{line + 5}:{col(figure, 5, '-5')}: figure.keyframes[1].angles.knee: must be at least 0, got -5"
    ]


def test_keyframe_without_base(real_content: Path) -> None:
    line = _with_figure(real_content, FIGURE.replace("{name: start, base: stand}", "{name: start}"))
    assert _errors(real_content) == [
        f"{RDL}:{line + 4}:7: figure.keyframes[0].base: missing required field 'base'"
    ]


def test_unknown_base_pose_lists_them_and_suggests(real_content: Path) -> None:
    figure = FIGURE.replace("base: hinge", "base: hindge")
    line = _with_figure(real_content, figure)
    (error,) = _errors(real_content)
    where = f"{RDL}:{line + 5}:{col(figure, 5, 'hindge')}"
    assert error.startswith(f"{where}: figure.keyframes[1].base: 'hindge' is not a known base")
    assert "side-plank" in error
    assert error.endswith("(did you mean 'hinge'?)")


def test_too_few_keyframes(real_content: Path) -> None:
    one = FIGURE.replace("    - {name: bottom, base: hinge, angles: {hip: 80, knee: 20}}\n", "")
    line = _with_figure(real_content, one)
    assert _errors(real_content) == [
        f"{RDL}:{line + 4}:5: figure.keyframes: must list at least 2 item(s), got 1"
    ]


def test_too_many_keyframes(real_content: Path) -> None:
    many = FIGURE + "".join(f"    - {{name: k{i}, base: stand, strip: false}}\n" for i in range(9))
    line = _with_figure(real_content, many)
    assert _errors(real_content) == [
        f"{RDL}:{line + 4}:5: figure.keyframes: must list at most 10 item(s), got 11"
    ]


def test_too_many_keyframes_on_the_strip(real_content: Path) -> None:
    many = FIGURE + "".join(f"    - {{name: k{i}, base: stand}}\n" for i in range(4))
    line = _with_figure(real_content, many)
    assert _errors(real_content) == [
        f"{RDL}:{line + 1}:3: figure: the strip shows 6 keyframes; show 2 to 5 (mark the others strip: false)"
    ]


def test_unknown_prop_and_view(real_content: Path) -> None:
    figure = FIGURE.replace("view: side", "view: sid").replace("[dumbbells]", "[dumbells]")
    line = _with_figure(real_content, figure)
    errors = _errors(real_content)
    assert errors[0].startswith(
        f"{RDL}:{line + 1}:{col(figure, 1, 'sid')}: figure.view: 'sid' is not a known view"
    )
    assert errors[0].endswith("(did you mean 'side'?)")
    where = f"{RDL}:{line + 2}:{col(figure, 2, 'dumbells')}"
    assert errors[1].startswith(f"{where}: figure.props[0]: 'dumbells' is not a known prop (expected one of:")
    assert errors[1].endswith("(did you mean 'dumbbells'?)")


def test_step_number_must_exist(real_content: Path) -> None:
    line = _with_figure(real_content, FIGURE.replace("base: hinge,", "base: hinge, step: 9,"))
    assert _errors(real_content) == [
        f"{RDL}:{line + 1}:3: figure: keyframes[1].step: there is no step 9 (the exercise has 6)"
    ]


def test_keyframe_names_are_unique(real_content: Path) -> None:
    line = _with_figure(real_content, FIGURE.replace("name: bottom", "name: start"))
    assert _errors(real_content) == [
        f"{RDL}:{line + 1}:3: figure: keyframe name 'start' is used twice; give each keyframe its own name"
    ]
