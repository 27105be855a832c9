"""A bench that runs crosswise (``orientation: crosswise``): its length runs away from the
camera, a leg lies across it with the knee on its near end and the lower leg along its top,
and whatever passes under it goes between its legs.

The Copenhagen plank needs it: lying on the side, the knee's hinge points up, so a lower leg
can only fold toward the back of the body, away from a camera that sees the chest. On a bench
running left to right the shin then leaves the bench; on a crosswise one it lies along the top,
and the hips can start on the floor.
"""

from __future__ import annotations

import math

import pydantic
import pytest
import yaml

from generator.figures.geometry import TOUCH, Block, _parts, check_figure
from generator.figures.layout import frame
from generator.figures.motion import motion
from generator.figures.props import BENCH_LEG, bench_legs, crosswise_bench
from generator.figures.shapes import BoxProp, Poly, body_elements, project, reach
from generator.model import Figure, Guide, Orientation, Surface, View

MIN_HIP_RISE_CM = 18.0
PERSON_CM = 175.0

COPENHAGEN = """\
view: side
lead: left
props: [bench]
bench: {{under: lead-leg, height_cm: 45, orientation: crosswise}}
keyframes:
  - name: hips-low
    base: copenhagen
    angles: {{left_hip: -20, left_hip_out: 62, right_hip_out: -30, left_knee: {knee}, left_ankle: -70,
              right_shoulder: 70, right_shoulder_out: 90, right_elbow: 60}}
    contacts: {{right_forearm: floor, left_knee: bench, hips: floor}}
  - name: up
    base: copenhagen
    angles: {{left_hip: -20, left_hip_out: 3.2, right_hip_out: 7.2, left_knee: 80.8, left_ankle: -70,
              right_shoulder: 41, right_shoulder_out: 93.2, right_elbow: 86}}
    contacts: {{right_forearm: floor, left_knee: bench}}
"""


def _copenhagen(knee: float = 107) -> Figure:
    return Figure.model_validate(yaml.safe_load(COPENHAGEN.format(knee=knee)))


def _crosswise(guide: Guide) -> dict[str, Figure]:
    out = {}
    for slug, ex in guide.exercises.items():
        f = ex.figure
        if f is not None and f.bench is not None and f.bench.orientation is Orientation.crosswise:
            out[slug] = f
    return out


def test_the_guide_draws_the_copenhagen_plank_on_a_crosswise_bench(guide: Guide) -> None:
    assert "copenhagen-plank" in _crosswise(guide)


def test_every_crosswise_bench_holds_its_contacts_on_its_top(guide: Guide) -> None:
    """Each contact a keyframe declares on the bench is on its top (over its footprint, at its
    height), a knee on it has the lower leg lying along it, and nothing goes through it, in
    every keyframe and between them: ``check_figure`` finds nothing, and measured here too."""
    figures = _crosswise(guide)
    assert figures
    for slug, figure in figures.items():
        assert check_figure(figure) == [], slug
        m = motion(figure)
        assert m.box is not None and m.box.crosswise
        top = Block(m.box)
        on_bench = 0
        for keyframe, body in zip(figure.keyframes, m.keys, strict=True):
            for name, surface in keyframe.contacts.given().items():
                if surface is not Surface.bench:
                    continue
                names, every = _parts(name)
                touching = [
                    n
                    for n in names
                    if top.over(body.points[n], reach(n)) and abs(top.gap(body.points[n], reach(n))) <= TOUCH
                ]
                assert touching if not every else len(touching) == len(names), (slug, keyframe.name, name)
                on_bench += 1
        assert on_bench >= 2, slug


def test_the_copenhagen_hips_rise_from_the_floor_to_the_plank(guide: Guide) -> None:
    """The start lies on the floor; the plank lifts the pelvis at least 18 cm, measured on the
    placed bodies and on the page (the lowest point of the drawn hips, in the strip's pixels)."""
    figure = guide.exercises["copenhagen-plank"].figure
    assert figure is not None
    f = frame(figure)
    low, up = f.motion.keys[0], f.motion.keys[1]
    rise_3d = (up.points["pelvis"][1] - low.points["pelvis"][1]) * PERSON_CM
    assert rise_3d >= MIN_HIP_RISE_CM

    def hips_bottom_px(i: int) -> float:
        body = f.motion.keys[i]
        trunk = next(e for e in body_elements(body, figure.view, ()) if e.order[1] == 2 and e.role == "near")
        drawn = [s for s in trunk.shapes if isinstance(s, Poly)]
        lowest = min(p[1] for s in drawn for p in s.points)
        return f.camera.px(0.0, lowest)[1]

    rise_page = (hips_bottom_px(0) - hips_bottom_px(1)) / f.camera.scale * PERSON_CM
    assert rise_page >= MIN_HIP_RISE_CM
    # The start's hips rest on the floor (within the contact slack): it is the lying position.
    assert min(low.points[n][1] - reach(n) for n in ("pelvis", "right_hip")) <= TOUCH


def test_the_copenhagen_lower_leg_lies_along_the_bench_away_from_the_camera(guide: Guide) -> None:
    figure = guide.exercises["copenhagen-plank"].figure
    assert figure is not None
    m = motion(figure)
    assert m.box is not None
    for body in m.keys:
        knee, ankle = body.points["left_knee"], body.points["left_ankle"]
        assert ankle[2] < knee[2] - 0.15  # the lower leg runs back, away from the camera
        assert abs(ankle[1] - knee[1]) < 0.05  # level along the top
        for p in (knee, ankle):
            assert abs(p[0] - m.box.x) <= m.box.length / 2 and abs(p[2] - m.box.z) <= m.box.width / 2


@pytest.mark.parametrize("knee", [60, 75])
def test_a_lower_leg_rising_off_a_crosswise_bench_is_rejected(knee: float) -> None:
    """Bent too little, the lower leg of the raised thigh points up off the bench (the knee on
    it, the foot in the air): the check says so, as it does for a bench running along."""
    messages = [m for _, m in check_figure(_copenhagen(knee))]
    assert any("lower leg over it is" in m for m in messages), messages
    assert check_figure(_copenhagen()) == []


def test_a_crosswise_bench_stands_its_legs_at_the_ends_of_its_length() -> None:
    bench = BoxProp(0.0, 0.0, 0.26, 0.2, 0.6, "bench", crosswise=True)
    legs = bench_legs(bench)
    assert {round(z, 3) for _, z in legs} == {-0.25, 0.25}  # inset along z, its long axis
    assert {round(x, 3) for x, _ in legs} == {round(-0.1 + BENCH_LEG, 3), round(0.1 - BENCH_LEG, 3)}
    block = Block(bench)
    assert block.inside((0.0, 0.1, 0.0), 0.04) == 0.0  # under the middle of the top: open
    assert block.inside((0.0, 0.1, 0.24), 0.03) == 0.0  # between the near legs (across x)
    assert block.inside((0.078, 0.1, 0.25), 0.03) > 0.0  # through a near leg
    along = Block(BoxProp(0.0, 0.0, 0.26, 0.6, 0.2, "bench"))
    assert along.inside((0.078, 0.1, 0.25), 0.03) == 0.0  # the same point beside an along bench


def test_the_bottom_leg_passes_between_the_legs_and_behind_the_near_ones(guide: Guide) -> None:
    """Drawn: the bench's near end and legs are painted after the bottom leg that passes under
    it (that leg is behind them), the long side and far legs before the body."""
    figure = guide.exercises["copenhagen-plank"].figure
    assert figure is not None
    m = motion(figure)
    assert m.box is not None
    far, near = crosswise_bench(m.box, figure.view)
    body = m.keys[1]
    bottom_leg = [
        e
        for e in body_elements(body, figure.view, ())
        if e.role == "far"
        and any(getattr(s, "a", None) == project(body.points["right_hip"], figure.view)[:2] for s in e.shapes)
    ]
    assert bottom_leg
    assert far.order < bottom_leg[0].order < near.order
    # Seen from the side the bench is its narrow end: as wide on the page as across the thigh.
    xs = [x for s in far.shapes[:1] for x in (s.x0, s.x1)]  # type: ignore[union-attr]
    assert math.isclose(max(xs) - min(xs), m.box.length, abs_tol=1e-9) and m.box.width > 2 * m.box.length
    assert figure.view is View.side


@pytest.mark.parametrize(
    ("bench", "expected"),
    [
        ("box: {under: lead-foot, orientation: crosswise}", "only a bench can run crosswise"),
        ("bench: {under: hips, orientation: crosswise}", "only a bench under the lead-leg can run crosswise"),
        ("bench: {under: lead-leg, orientation: sideways}", "orientation"),
    ],
)
def test_only_a_bench_under_the_lead_leg_runs_crosswise(bench: str, expected: str) -> None:
    prop = bench.split(":")[0]
    block = f"props: [{prop}]\n{bench}\nkeyframes: [{{name: a, base: stand}}, {{name: b, base: stand}}]\n"
    with pytest.raises(pydantic.ValidationError) as caught:
        Figure.model_validate(yaml.safe_load(block))
    assert expected in str(caught.value)


def test_an_along_bench_keeps_its_picture_key() -> None:
    """``orientation`` left at its default is left out of the dump, so the pictures of every figure that
    does not use it keep their cache keys."""
    block = "props: [bench]\nbench: {under: hips}\nkeyframes: [{name: a, base: seated}, {name: b, base: seated}]\n"
    dumped = Figure.model_validate(yaml.safe_load(block)).model_dump(mode="json")
    assert "orientation" not in dumped["bench"]
    assert _copenhagen().model_dump(mode="json")["bench"]["orientation"] == "crosswise"


def _mirrored(text: str) -> str:
    return (
        text.replace("left_", "TOP_")
        .replace("right_", "left_")
        .replace("TOP_", "right_")
        .replace("lead: left", "lead: right")
    )


def test_a_crosswise_bench_works_on_either_side() -> None:
    """Led by the right (lying on the left side, head to the right), the same angles mirrored put
    the knee on the bench, the lower leg along it and the hips up as far."""
    figure = Figure.model_validate(yaml.safe_load(_mirrored(COPENHAGEN).format(knee=107)))
    assert check_figure(figure) == []
    m = motion(figure)
    assert m.box is not None and m.box.crosswise
    assert (m.keys[1].points["pelvis"][1] - m.keys[0].points["pelvis"][1]) * PERSON_CM >= MIN_HIP_RISE_CM
    knee, ankle = m.keys[1].points["right_knee"], m.keys[1].points["right_ankle"]
    assert ankle[2] < knee[2] - 0.15
