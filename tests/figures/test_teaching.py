"""What a newcomer must be able to read off the pictures, measured on the placed bodies and the
drawn strips of the real guide and of small figures made to fail:

- a lying body led by the left is drawn turned round, chest to the camera, not its back;
- the limbs drawn behind the trunk are the ones farther away, whichever side that is;
- consecutive strip frames differ by a visible move on a phone (the body, or the foot in a
  foot close-up);
- when the hips are what moves (a plank's hips lifting), they move far enough to see;
- a sideways step moves the leading foot and leaves the trailing one planted;
- a foot close-up marks the raised end (heel, toes, a heel below a step's edge, a hop's
  clearance), and its alt text says so.
"""

from __future__ import annotations

import itertools
import math

import pytest
import yaml
from PIL import ImageChops

from generator.display import FRAME_GAP_PX
from generator.figures.alt import keyframe_phrases
from generator.figures.arrows import arrow
from generator.figures.inset import FOOT_LENGTH, HEEL_SCALE, PART, foot_elements, heel_side, raised_end
from generator.figures.layout import frame
from generator.figures.motion import motion, turned
from generator.figures.shapes import Poly, body_elements, project
from generator.figures.strip import render_strip
from generator.model import BasePose, Figure, Guide, Inset, View

PHONE_FRAME_PX = 160  # the narrowest a strip frame is shown on a phone (CSS px)
MIN_SHOWN_MOVE_PX = 7.0  # consecutive strip frames: something moves at least this far on it
MIN_HIP_LIFT = 0.05  # a plank's hips, when they are what moves, rise or sink ≈ 9 cm or more
LYING = {BasePose.side_lying, BasePose.forearm_side_plank, BasePose.side_plank, BasePose.copenhagen}

SIDE_PLANK = """\
view: {view}
lead: {lead}
keyframes:
  - {{name: down, base: side-lying, angles: {{ankle: -40}}, contacts: {{{down}_forearm: floor, hips: floor}}}}
  - {{name: up, base: forearm-side-plank, angles: {{ankle: -40}}, contacts: {{{down}_forearm: floor}}}}
"""


def _side_plank(view: str, lead: str) -> Figure:
    down = "right" if lead == "left" else "left"
    return Figure.model_validate(yaml.safe_load(SIDE_PLANK.format(view=view, lead=lead, down=down)))


def _facing(body_chest: tuple[float, float, float], view: View) -> float:
    """How much of the chest faces the camera (the chest direction's depth on the page)."""
    return project(body_chest, view)[2]


@pytest.mark.parametrize("view", ["side", "oblique"])
@pytest.mark.parametrize("lead", ["left", "right"])
def test_a_side_plank_shows_its_chest_whichever_side_it_lies_on(view: str, lead: str) -> None:
    figure = _side_plank(view, lead)
    m = motion(figure)
    assert turned(figure) is (lead == "left")
    for body in m.keys:
        assert _facing(body.chest, figure.view) > 0.5
    # Turned or not, the body lies on the side the lead says: led by the left, on the right
    # forearm (the lower side), the left hip on top.
    up = m.keys[1].points
    low, high = ("right", "left") if lead == "left" else ("left", "right")
    assert up[f"{low}_hip"][1] < up[f"{high}_hip"][1] - 0.05
    assert up[f"{low}_hand"][1] < 0.05


def test_every_lying_figure_of_the_guide_shows_its_chest(guide: Guide) -> None:
    for slug, ex in guide.exercises.items():
        figure = ex.figure
        assert figure is not None
        m = motion(figure)
        for i, k in enumerate(figure.keyframes):
            if k.base in LYING:
                assert _facing(m.keys[i].chest, figure.view) > 0.5, (slug, k.name)


def test_standing_figures_led_by_the_left_are_not_turned(guide: Guide) -> None:
    for slug in ("isometric-calf-hold", "banded-lateral-walk", "single-leg-romanian-deadlift"):
        figure = guide.exercises[slug].figure
        assert figure is not None and figure.lead.value == "left" and not turned(figure), slug


def test_the_limbs_drawn_behind_are_the_farther_ones(guide: Guide) -> None:
    """A plank turned head-left shows its left side: its left limbs are drawn in the main colour."""
    figure = guide.exercises["push-up-side-plank"].figure
    assert figure is not None and turned(figure)
    body = motion(figure).keys[0]

    def leg_depth(side: str) -> float:
        return sum(project(body.points[f"{side}_{n}"], figure.view)[2] for n in ("hip", "knee", "ankle")) / 3

    assert leg_depth("left") > leg_depth("right") + 0.05  # the left leg is the nearer
    roles = {e.order: e.role for e in body_elements(body, figure.view, ())}
    assert roles[(leg_depth("left"), 1)] == "near"
    assert roles[(leg_depth("right"), 1)] == "far"


def _shown_move_px(figure: Figure, a: int, b: int) -> float:
    """The largest move on a phone (CSS px, a frame PHONE_FRAME_PX wide) from strip keyframe a
    to b: of any body point, or of the foot in a foot close-up both frames show."""
    f = frame(figure)
    m = f.motion
    k = PHONE_FRAME_PX / f.width
    A, B = m.keys[a], m.keys[b]
    moved = max(
        math.dist(project(A.points[n], figure.view)[:2], project(B.points[n], figure.view)[:2])
        for n in A.points
    )
    shown = moved * f.camera.scale * k
    if figure.keyframes[a].inset is Inset.foot and figure.keyframes[b].inset is Inset.foot:
        r = PART * f.height / 2
        for end in ("heel", "toe"):
            ya = A.points[f"{heel_side(A)}_{end}"][1] - m.key_ground(a).get(f"{heel_side(A)}_toe", 0.0)
            yb = B.points[f"{heel_side(B)}_{end}"][1] - m.key_ground(b).get(f"{heel_side(B)}_toe", 0.0)
            shown = max(shown, abs(ya - yb) / FOOT_LENGTH * HEEL_SCALE * r * k)
    return shown


def test_consecutive_strip_frames_differ_visibly_on_a_phone(guide: Guide) -> None:
    for slug, ex in guide.exercises.items():
        figure = ex.figure
        assert figure is not None
        shown = figure.strip_keyframes()
        for a, b in itertools.pairwise(shown):
            assert _shown_move_px(figure, a, b) >= MIN_SHOWN_MOVE_PX, (slug, a, b)


def test_a_calf_hold_without_its_foot_close_up_barely_changes() -> None:
    """The check fails the calf hold as it was: a heel rising a few pixels, nothing else."""
    block = """\
view: side
lead: left
props: [wall-ahead]
keyframes:
  - {name: flat, base: single-leg-stand, angles: {right_knee: 12, left_hip: 5, left_knee: 70, shoulder: 70},
     contacts: {right_foot: floor}}
  - {name: up, base: single-leg-stand, step: 1, angles: {right_knee: 12, right_ankle: -2, left_hip: 5,
     left_knee: 70, shoulder: 70}, contacts: {right_toes: floor}}
"""
    figure = Figure.model_validate(yaml.safe_load(block))
    assert _shown_move_px(figure, 0, 1) < MIN_SHOWN_MOVE_PX


def test_when_a_lying_figures_hips_move_they_move_far_enough_to_see(guide: Guide) -> None:
    """Between strip frames of a plank or a bridge the hips stay put (a leg lifts) or move by a
    hand's breadth or more: a lift of a few centimetres reads as the same frame twice."""
    checked = 0
    for slug, ex in guide.exercises.items():
        figure = ex.figure
        assert figure is not None
        if not any(k.base in LYING | {BasePose.bridge, BasePose.hook_lying} for k in figure.keyframes):
            continue
        m = motion(figure)
        for a, b in itertools.pairwise(figure.strip_keyframes()):
            hips = abs(m.keys[a].points["pelvis"][1] - m.keys[b].points["pelvis"][1])
            if hips > 0.01:
                checked += 1
                assert hips >= MIN_HIP_LIFT, (slug, a, b, hips)
    assert checked >= 5


def test_the_copenhagen_hips_rise_clear_of_the_low_position(guide: Guide) -> None:
    figure = guide.exercises["copenhagen-plank"].figure
    assert figure is not None
    low, up = motion(figure).keys[:2]
    assert up.points["pelvis"][1] - low.points["pelvis"][1] >= MIN_HIP_LIFT


def test_a_sideways_step_leaves_the_trailing_foot_planted(guide: Guide) -> None:
    figure = guide.exercises["banded-lateral-walk"].figure
    assert figure is not None
    ready, out, follow = motion(figure).keys
    for part in ("heel", "toe"):
        assert math.dist(ready.points[f"right_{part}"], out.points[f"right_{part}"]) < 0.01
    lead = abs(out.points["left_ankle"][2] - ready.points["left_ankle"][2])
    assert lead > 0.12  # ≈ 21 cm out to the side
    # The follow step brings the trailing foot in; the leading one stays (within 2 cm).
    assert abs(follow.points["left_ankle"][2] - out.points["left_ankle"][2]) < 0.012
    assert abs(follow.points["right_ankle"][2] - out.points["right_ankle"][2]) > 0.12


@pytest.mark.parametrize(
    ("slug", "key", "end", "sign"),
    [
        ("isometric-calf-hold", 0, "", 0),
        ("isometric-calf-hold", 1, "heel", 1),
        ("tibialis-raise", 0, "toe", 1),
        ("single-leg-calf-raise", 0, "heel", -1),  # below the step's edge
        ("single-leg-calf-raise", 1, "heel", 1),
        ("pogo-hops", 2, "toe", 1),  # in the air: the lower end, the pointed toes
    ],
)
def test_a_foot_close_up_marks_the_raised_end(guide: Guide, slug: str, key: int, end: str, sign: int) -> None:
    figure = guide.exercises[slug].figure
    assert figure is not None
    m = motion(figure)
    found, gap = raised_end(m.keys[key], figure.view, m.key_ground(key))
    assert found == end
    assert (gap > 0) - (gap < 0) == sign
    markers = [e for e in foot_elements(m.keys[key], figure.view, m.key_ground(key)) if e.order[0] == 2.0]
    assert bool(markers) is bool(end)


def test_foot_close_ups_say_what_they_show(guide: Guide) -> None:
    hold = keyframe_phrases(guide.exercises["isometric-calf-hold"].figure)  # type: ignore[arg-type]
    assert hold[0].endswith("close-up of the foot: flat on the floor")
    assert hold[1].endswith("close-up of the foot: the heel off the floor")
    raise_ = keyframe_phrases(guide.exercises["single-leg-calf-raise"].figure)  # type: ignore[arg-type]
    assert raise_[0].endswith("the heel dropped below the step's edge")
    hops = keyframe_phrases(guide.exercises["pogo-hops"].figure)  # type: ignore[arg-type]
    assert "the whole foot off the floor" in hops[2]


def test_a_foot_close_up_is_drawn_in_its_frame_and_follows_the_heel(guide: Guide) -> None:
    """Measured on the strip: the ring's inside holds the figure's colour, and the frame with
    the heel up draws its foot higher in the ring than the frame with the heel down."""
    figure = guide.exercises["isometric-calf-hold"].figure
    assert figure is not None
    f = frame(figure)
    strip = render_strip(figure)
    r = PART * f.height / 2

    def heel_row(i: int) -> int:
        x0 = i * (f.width + FRAME_GAP_PX)
        # The ring sits behind the figure, at the left of a frame facing right; the heel is in
        # its left half (the toes point the figure's way).
        top, bottom = round(0.7 * f.height - 2 * r), round(0.7 * f.height)
        inside = strip.crop((x0 + 12, top, x0 + 10 + round(r), bottom))
        rows = [
            y
            for y in range(inside.height)
            if any(_orange(inside.getpixel((x, y))) for x in range(inside.width))  # type: ignore[arg-type]
        ]
        assert rows, "no foot drawn in the close-up"
        return max(rows)  # the heel's underside

    assert heel_row(1) < heel_row(0) - 8  # the heel up: its underside rises in the ring


def _orange(px: tuple[int, int, int, int]) -> bool:
    return px[3] > 200 and px[0] > 180 and px[1] < 140 and px[2] < 100


def test_a_lying_figure_whose_hips_lift_gets_an_arrow_above_them(guide: Guide) -> None:
    """The Copenhagen's hips lift while its hand rides along on them: the arrow is the hips'."""
    figure = guide.exercises["copenhagen-plank"].figure
    assert figure is not None
    m = motion(figure)
    hint = arrow(m, 0, figure.view)
    assert hint is not None
    tip = hint.shapes[-1]
    assert isinstance(tip, Poly)
    hips = project(m.keys[0].points["pelvis"], figure.view)
    top = max(p[1] for p in tip.points)
    assert top > hips[1] + 0.15  # above the hips, pointing up
    # A standing body's hips rising as little (a calf hold's heel rise) get no hip arrow: its
    # trunk stands where the arrow would go.
    hold = guide.exercises["isometric-calf-hold"].figure
    assert hold is not None
    assert arrow(motion(hold), 0, hold.view) is None


def test_the_rows_weight_hangs_plumb_in_front_of_the_bench(guide: Guide) -> None:
    """Gravity hangs the straight arm straight down (not reaching forward to clear the bench),
    and the bench's end stops short of the weight."""
    figure = guide.exercises["one-arm-row"].figure
    assert figure is not None
    m = motion(figure)
    hang = m.keys[0].points
    assert abs(hang["right_hand"][0] - hang["right_shoulder"][0]) < 0.02  # plumb within 3.5 cm
    assert m.box is not None
    assert hang["right_hand"][0] > m.box.x + m.box.length / 2  # past the bench's end


def test_a_close_up_stays_inside_the_part_of_the_animation_a_page_shows(guide: Guide) -> None:
    """The hero shows the 960 px animation cropped to one strip frame's width, centred
    (pages.pictures); a ring drawn at the whole picture's edge was cut off on every page."""
    from generator.figures.animate import render_frames

    with_close_ups = [
        ex.figure
        for ex in guide.exercises.values()
        if ex.figure and any(k.inset for k in ex.figure.keyframes)
    ]
    assert len(with_close_ups) >= 5
    for figure in with_close_ups:
        bare = figure.model_copy(
            update={"keyframes": [k.model_copy(update={"inset": None}) for k in figure.keyframes]}
        )
        drawn, _ = render_frames(figure)
        plain, _ = render_frames(bare)
        width = drawn[0].width
        crop = min(frame(figure).width, width)
        # The page's crop ends mid-pixel when its width is odd: that pixel is half shown.
        left, right = (width - crop) // 2, (width + crop + 1) // 2
        boxes = [ImageChops.difference(a, b).getbbox() for a, b in zip(drawn, plain, strict=True)]
        assert any(boxes), "no close-up drawn"
        for box in filter(None, boxes):
            assert left <= box[0] and box[2] <= right, (figure.keyframes[0].base, box, (left, right))
