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
