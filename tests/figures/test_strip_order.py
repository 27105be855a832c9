"""Strips read like the steps: frames in step order, each numbered or labelled as the start."""

from __future__ import annotations

import pytest
import yaml
from pydantic import ValidationError

from generator.model import Figure, Guide


def test_every_strip_of_the_guide_is_in_step_order_and_labelled(guide: Guide) -> None:
    problems = []
    for slug, ex in guide.exercises.items():
        if ex.figure is None:
            continue
        shown = [ex.figure.keyframes[i] for i in ex.figure.strip_keyframes()]
        steps = [k.step for k in shown]
        if any(s is None for s in steps[1:]):
            problems.append(f"{slug}: a frame after the first has no step: {steps}")
        numbers = [s for s in steps if s is not None]
        if numbers != sorted(numbers) or len(set(numbers)) != len(numbers):
            problems.append(f"{slug}: frames out of step order: {steps}")
    assert not problems, "\n".join(problems)


def test_a_strip_out_of_step_order_is_rejected() -> None:
    block = """\
keyframes:
  - {name: top, base: stand, step: 4}
  - {name: bottom, base: squat, step: 1}
"""
    with pytest.raises(ValidationError, match=r"step 4 \('top'\) before step 1 \('bottom'\)"):
        Figure.model_validate(yaml.safe_load(block))


def test_frames_left_out_of_the_strip_do_not_count() -> None:
    block = """\
keyframes:
  - {name: start, base: stand}
  - {name: bottom, base: squat, step: 2}
  - {name: back-up, base: stand, step: 1, strip: false}
"""
    assert Figure.model_validate(yaml.safe_load(block)).strip_keyframes() == [0, 1]


def test_every_strip_frame_is_filled_by_its_figure(guide: Guide) -> None:
    """A plank or a bridge fills at least half its frame's height: the frame is cropped to
    the figure rather than the figure shrunk into a tall frame (on a phone it is ~50 px high)."""
    from generator.figures import style
    from generator.figures.draw import body_bounds
    from generator.figures.layout import frame

    thin = []
    for slug, ex in guide.exercises.items():
        figure = ex.figure
        if figure is None:
            continue
        f = frame(figure)
        shown = [f.motion.keys[i] for i in figure.strip_keyframes()]
        _, _, _, top = body_bounds(
            shown, figure.view, tuple(figure.props), f.motion.box, grip=figure.grip, scenery=f.motion.scenery
        )
        reach = top * f.camera.scale + style.FLOOR_MARGIN_PX  # from the frame's bottom edge
        if reach < 0.5 * f.height:
            thin.append(f"{slug}: the figure reaches {reach:.0f} px of a {f.height} px frame")
    assert not thin, "\n".join(thin)
