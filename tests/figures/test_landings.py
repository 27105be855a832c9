"""Jumps seen from a turned or front camera: the knees' give on the ground reads as bent.

Seen square from the front, a knee bent forward draws as a straight column, whatever its bend:
the lateral line hops' landings read as stiff legs. A jump whose view is not the side view
(chosen so the sideways travel shows) must still draw the bend of the keyframes on the floor
next to a flight: the ready position before the take-off and every landing (an ankle push
whose keyframe declares its knees straight excepted).
"""

from __future__ import annotations

import math

import yaml

from generator.figures.geometry import bends
from generator.figures.motion import motion
from generator.figures.poses import BASE_POSES
from generator.figures.props import floor_line_shapes
from generator.figures.shapes import Poly, project
from generator.figures.skeleton import Body
from generator.model import Figure, Guide, View

GIVE_DRAWN = 15.0  # a landing's knee drawn at least this bent on the page (degrees)…
GIVE_PART = 0.5  # …and at least this part of its real bend
GIVE_REAL = 25.0  # a landing seen from a turned camera bends its knees this much at least
SIDEWAYS_SHOWN = 0.8  # a turned front view keeps this part of a sideways hop's width


def _flies(figure: Figure, i: int) -> bool:
    return BASE_POSES[figure.keyframes[i].base].lift > 0


def _ground_next_to_flight(figure: Figure) -> list[int]:
    """Keyframes on the floor with a flight before or after them (round loops wrap)."""
    n = len(figure.keyframes)
    out = []
    for i in range(n):
        if _flies(figure, i):
            continue
        before, after = (i - 1) % n, (i + 1) % n
        if _flies(figure, after) or (_flies(figure, before) and (i > 0 or figure.loop.value == "round")):
            out.append(i)
    return out


def _give(body: Body, view: View) -> list[tuple[str, float, float]]:
    return [(n, r, d) for n, r, d in bends(body, view) if n.endswith("_knee")]


def _stiff(figure: Figure) -> list[str]:
    """Landings and take-off positions whose knees' give does not read on the page. A keyframe
    that says its knees are straight (the ankles' push just before a hop) is left alone."""
    m = motion(figure)
    found = []
    for i in _ground_next_to_flight(figure):
        if figure.keyframes[i].relations.given().get("knee") == "straight":
            continue
        for name, real, drawn in _give(m.keys[i], figure.view):
            if real < GIVE_REAL or drawn < max(GIVE_DRAWN, GIVE_PART * real):
                found.append(f"'{figure.keyframes[i].name}': {name} bends {real:.0f}°, drawn {drawn:.0f}°")
    return found


def test_every_turned_jump_draws_the_give_of_its_landings(guide: Guide) -> None:
    checked = 0
    for slug, ex in guide.exercises.items():
        figure = ex.figure
        assert figure is not None
        if figure.view is View.side or not any(_flies(figure, i) for i in range(len(figure.keyframes))):
            continue
        checked += 1
        assert not _stiff(figure), (slug, _stiff(figure))
    assert checked >= 1  # the lateral line hops


HOPS = """\
view: {view}
props: [floor-line]
loop: round
keyframes:
  - name: ready
    base: stand
    angles: {{ankle: -15, knee: {knee}, hip: {hip}, hip_out: 0}}
    contacts: {{toes: floor}}
    relations: {{feet: together}}
  - name: over
    base: hop
    angles: {{ankle: -35, knee: 8, hip: 6, hip_out: 0}}
    travel: {{right_cm: 22}}
  - name: landed
    base: stand
    travel: {{right_cm: 22}}
    angles: {{ankle: -15, knee: {knee}, hip: {hip}, hip_out: 0}}
    contacts: {{toes: floor}}
"""


def _hops(view: str, knee: float = 40, hip: float = 30) -> Figure:
    return Figure.model_validate(yaml.safe_load(HOPS.format(view=view, knee=knee, hip=hip)))


def test_hops_seen_square_from_the_front_read_as_stiff() -> None:
    """The lateral line hops as they were: from the front, a 40° knee draws as 0°; with a 12°
    knee nothing even asks. Turned 30°, the same knees draw bent."""
    assert _stiff(_hops("front"))
    assert _stiff(_hops("front", knee=12, hip=6))
    assert not _stiff(_hops("front-oblique"))


def test_the_front_oblique_view_keeps_the_sideways_hop_wide() -> None:
    figure = _hops("front-oblique")
    ready, landed = motion(figure).keys[0], motion(figure).keys[2]

    def page_x(b: Body) -> float:
        return project(b.points["right_ankle"], figure.view)[0]

    real = abs(landed.points["right_ankle"][2] - ready.points["right_ankle"][2])
    assert abs(page_x(landed) - page_x(ready)) >= SIDEWAYS_SHOWN * real


def test_the_floor_line_starts_under_the_feet_whatever_the_camera(guide: Guide) -> None:
    """The line the hops cross is drawn where the feet cross it: square from the front straight
    down toward us, turned leaning the way it comes toward the camera."""
    figure = guide.exercises["lateral-line-hops"].figure
    assert figure is not None
    m = motion(figure)
    scenery = m.scenery
    assert scenery.line_z is not None
    feet = [project(b.points[f"{s}_ankle"], figure.view)[0] for b in m.keys for s in ("left", "right")]
    for view in (View.front, View.front_oblique, View.three_quarter):
        (line,) = floor_line_shapes(scenery.line_z, view, scenery.line_x)
        assert isinstance(line, Poly)
        top = [p for p in line.points if p[1] == 0.0]
        bottom = [p for p in line.points if p[1] < 0.0]
        x_top = sum(p[0] for p in top) / 2
        x_bottom = sum(p[0] for p in bottom) / 2
        if view is figure.view:
            assert min(feet) <= x_top <= max(feet)
        lean = x_bottom - x_top
        if view is View.front:
            assert math.isclose(lean, 0.0, abs_tol=1e-9)
        else:
            assert lean > 0.02  # the nearer end to the right, as the floor comes toward us
