"""Alt text for every picture, written from the same data the picture is drawn from.

The phrase for each keyframe needs the base poses (how far each tips the chest), so it is made
here, on the renderer's side; the sentences around the phrases are in ``generator.display``,
which pages read (the phrases reach them as ``FigureFacts``).

"Romanian deadlift: standing tall holding dumbbells, then hinging forward at the hips with a
flat back." A screen-reader user hears the movement the sighted reader sees.
"""

from __future__ import annotations

import math

from .. import display
from ..display import muscle_map_alt as muscle_map_alt  # re-exported: the alt text of every picture, here
from ..model import SUPPORTS, BasePose, BoxUnder, Exercise, Figure, Inset, Keyframe, Prop
from .geometry import hinge, trunk_axes
from .inset import heel_side, raised_end
from .motion import CONTACT, Motion, motion
from .poses import BASE_POSES
from .shapes import reach

# What each base pose looks like, as a phrase and (for returning to it) as a noun.
POSES: dict[BasePose, tuple[str, str]] = {
    BasePose.stand: ("standing tall", "standing"),
    BasePose.hinge: ("hinging forward at the hips with a flat back", "the hinge"),
    BasePose.squat: ("sitting down into a squat", "the squat"),
    BasePose.lunge: ("stepping into a lunge", "the lunge"),
    BasePose.lateral_lunge: (
        "stepping wide to the side and sitting the hips back over the bent leg",
        "the side lunge",
    ),
    BasePose.kneel: ("kneeling tall", "kneeling"),
    BasePose.half_kneel: ("half kneeling with one foot forward", "half kneeling"),
    BasePose.plank: ("holding a straight-arm plank", "the plank"),
    BasePose.side_plank: ("turning into a side plank with the top arm reaching up", "the side plank"),
    BasePose.quadruped: ("on hands and knees", "hands and knees"),
    BasePose.prone: ("lying face down", "lying face down"),
    BasePose.supine: ("lying on the back", "lying on the back"),
    BasePose.bridge: ("lifting the hips into a bridge", "the bridge"),
    BasePose.airborne: ("jumping up into the air", "the jump"),
    BasePose.hook_lying: ("lying on the back with the knees bent and the feet flat", "lying on the back"),
    BasePose.dead_bug: ("lying on the back with the arms up and the knees over the hips", "the start"),
    BasePose.side_lying: ("lying on one side, propped on the forearm", "lying on the side"),
    BasePose.forearm_side_plank: ("lifting the hips into a side plank on the forearm", "the side plank"),
    BasePose.split_stance: ("standing in a split stance, one foot forward", "the split stance"),
    BasePose.single_leg_stand: ("standing on one leg", "standing on one leg"),
    BasePose.single_leg_hinge: (
        "hinging forward on one leg with the other leg reaching back in line with the body",
        "the single-leg hinge",
    ),
    BasePose.wall_sit: ("sitting with the thighs level", "the wall sit"),
    BasePose.wall_lean: ("leaning back against a wall with the feet out in front", "leaning on the wall"),
    BasePose.seated: ("sitting with the knees bent and the feet flat", "sitting"),
    BasePose.athletic: ("standing with the knees and hips softly bent", "the ready stance"),
    BasePose.hop: ("hopping off the floor on the balls of the feet", "the hop"),
    BasePose.bound: ("bounding through the air in a long stride", "the bound"),
    BasePose.skip: ("skipping off the floor with one knee driven up", "the skip"),
    BasePose.knee_drive: ("standing on one foot, the other knee driven up to hip height", "the knee drive"),
    BasePose.supported_row: ("kneeling on one knee, hinged forward", "the supported hinge"),
    BasePose.walk: ("walking", "walking"),
    BasePose.copenhagen: ("holding a side plank on the forearm", "the Copenhagen plank"),
}

JUST_OFF = 0.035  # a foot's end raised less than this (≈ 6 cm) is "just off" the floor…
WELL_OFF = 0.08  # …and this much (≈ 14 cm) "well off" it

# What a keyframe's close-up shows (``inset.py``), said after the position.
INSETS: dict[Inset, str] = {
    Inset.short_foot: ", with a close-up of the foot: the arch lifted, the toes long and flat",
    Inset.foot: ", with a close-up of the foot",  # and what it shows: ``_foot_close_up``
}

PROPS: dict[Prop, str] = {
    Prop.dumbbells: "holding dumbbells",
    Prop.dumbbell: "holding a dumbbell at the chest",
    Prop.band: "with a band around the thighs",
    Prop.wall: "with the back against a wall",
    Prop.anchored_band: "holding a band anchored to the side",
    Prop.kettlebell: "holding a kettlebell in one hand",
    Prop.single_dumbbell: "holding a dumbbell in one hand",
    Prop.barbell: "with a barbell across the upper back",
    Prop.wall_ahead: "with the hands on a wall",
    Prop.hip_weight: "with a dumbbell across the hips",
    Prop.knee_weight: "with a dumbbell standing on the thigh above the knee",
    Prop.ankle_anchor: "with the heels held down",
    Prop.floor_line: "beside a line on the floor",
}
ON_BOX: dict[BoxUnder, str] = {
    BoxUnder.lead_foot: "with the front foot on a box",
    BoxUnder.hands: "with the hands on a box",
    BoxUnder.hips: "sitting on a box",
    BoxUnder.rear_foot: "with the back foot on a box",
    BoxUnder.feet: "with both feet on a box",
    BoxUnder.hand: "with one hand on a box",
    BoxUnder.hand_and_knee: "with one hand and knee on a box",
    BoxUnder.lead_leg: "with the top leg on a box",
    BoxUnder.shoulders: "with the upper back on a box",
    BoxUnder.forefoot: "with the ball of the foot on the edge of a box",
}


def _prop(figure: Figure, prop: Prop) -> str:
    placement = figure.box_placement()
    if prop in SUPPORTS and placement:
        return ON_BOX[placement.under].replace(" box", f" {prop.value}")
    return PROPS[prop]


def _angle(k: Keyframe, name: str) -> float | None:
    given = k.angles.given()
    return given.get(name, given.get(f"right_{name}", given.get(f"left_{name}")))


# Poses whose arms swing as in running: an elbow back there is no row.
ARM_SWING = frozenset({BasePose.hop, BasePose.bound, BasePose.skip, BasePose.knee_drive, BasePose.walk})


def _side_angle(k: Keyframe, side: str, name: str) -> float | None:
    given = k.angles.given()
    return given.get(f"{side}_{name}", given.get(name))


def _rows(k: Keyframe, side: str) -> bool:
    shoulder, elbow = _side_angle(k, side, "shoulder"), _side_angle(k, side, "elbow")
    return shoulder is not None and shoulder < 0 and elbow is not None and elbow >= 45


def _forward(k: Keyframe, side: str) -> bool:
    shoulder = _side_angle(k, side, "shoulder")
    return shoulder is not None and shoulder > 20


def _trunk(k: Keyframe) -> float:
    """How far the chest is tipped forward in this keyframe (the base's, unless overridden)."""
    given = k.angles.trunk
    return given if given is not None else BASE_POSES[k.base].angles.get("trunk", 0.0)


def _phrase(k: Keyframe) -> str | None:
    """A phrase for what the overrides change, when they change the look of the pose."""
    elbow, shoulder = _angle(k, "elbow"), _angle(k, "shoulder")
    if k.base is BasePose.plank and elbow is not None and elbow >= 60:
        return "lowering the chest toward the floor with the elbows bent"
    rowing = [side for side in ("right", "left") if _rows(k, side)]
    swinging = k.base in ARM_SWING or any(_forward(k, side) for side in ("right", "left"))
    if rowing and not swinging and _trunk(k) >= 20:
        # A row pulls with the chest tipped forward; an elbow back while upright, or with the
        # other arm forward, is an arm swing (a hop's wind-up, a skip).
        return "rowing the elbows back beside the ribs" if len(rowing) == 2 else "rowing one elbow back"
    if shoulder is not None and shoulder >= 150 and k.base is not BasePose.airborne:
        return "reaching the arms overhead"
    return None


def describe(figure: Figure) -> str:
    """The movement in words: 'standing tall holding dumbbells, then hinging forward…'."""
    return display.describe(keyframe_phrases(figure))


# Base poses on the feet whose words ("standing tall", "stepping into a lunge") the keyframe's
# own angles can contradict: for these the phrase is read off the placed body instead.
ON_FEET = frozenset(
    {BasePose.stand, BasePose.lunge, BasePose.split_stance, BasePose.single_leg_stand, BasePose.athletic}
)


def _shown(figure: Figure, m: Motion, i: int) -> str | None:
    """What keyframe i of a standing family shows, read off the placed body: the feet on the
    floor (one, both, on the balls), how far the knees bend, a lean, the feet split. None when
    it is what the base pose's words say (standing tall, both feet flat, legs straight)."""
    body = m.keys[i]
    ground = m.key_ground(i)

    def low(name: str) -> float:
        return body.points[name][1] - reach(name) - ground.get(name, 0.0)

    down = [s for s in ("right", "left") if min(low(f"{s}_heel"), low(f"{s}_toe")) < CONTACT]
    if not down:
        return None  # in the air: the hop, bound and skip poses say it
    on_balls = [s for s in down if low(f"{s}_heel") > CONTACT and low(f"{s}_toe") < CONTACT]
    where = ""
    if len(down) == 1:
        where = f" on the ball of the {down[0]} foot" if on_balls else f" on the {down[0]} foot"
    elif len(on_balls) == 2:
        where = " up on the balls of the feet"
    r, left = body.points["right_ankle"], body.points["left_ankle"]
    if len(down) == 2 and abs(r[0] - left[0]) > 0.2:
        where = " with one foot in front of the other" + where
    most = max(hinge(body, f"{s}_hip", f"{s}_knee", f"{s}_ankle") for s in down)
    knees = "knees" if len(down) == 2 else "knee"
    bent = ""
    if most >= 70:
        bent = f"the {knees} bent deeply"
    elif most >= 25:
        bent = f"the {knees} bent"
    if bent:
        bent = (" and " if where.startswith(" with") else " with ") + bent
    up = trunk_axes(body)[0]
    tilt = math.degrees(math.acos(max(-1.0, min(1.0, up[1]))))
    lean = ", leaning well forward" if tilt >= 35 else ", leaning forward" if tilt >= 20 else ""
    if not (where or bent or lean):
        return None
    if figure.keyframes[i].base is BasePose.single_leg_stand and not (bent or lean or on_balls):
        return None  # "standing on one leg" says it
    return "standing" + where + bent + lean


# Lying-on-the-side base poses whose words the keyframe's angles can contradict (a Copenhagen
# plank's start lies with the hips on the floor): read off the placed body instead.
ON_SIDE = frozenset({BasePose.copenhagen})
HIPS_DOWN = 0.03  # hips this close to the floor (≈ 5 cm) are resting on it
LEG_UP = 0.05  # a bottom foot this far off the floor (≈ 9 cm) is lifted


def _on_side(figure: Figure, m: Motion, i: int) -> str:
    """What keyframe i of a side-lying family shows: lying with the hips down, or holding the
    side plank, and the bottom leg lifted off the floor."""
    body = m.keys[i]
    ground = m.key_ground(i)

    def low(name: str) -> float:
        return body.points[name][1] - reach(name) - ground.get(name, 0.0)

    hips = min(low(n) for n in ("pelvis", "left_hip", "right_hip"))
    if hips < HIPS_DOWN:
        return "lying on one side, propped on the forearm, the hips on the floor"
    text = "holding a side plank on the forearm, the hips lifted in line with the shoulders"
    bottom = min(("left", "right"), key=lambda s: body.points[f"{s}_hip"][1])
    foot = min(low(f"{bottom}_{n}") for n in ("heel", "toe", "ball_in", "ball_out"))
    if foot > LEG_UP:
        to = f" up to the {m.box.kind}" if m.box is not None else ""
        text += f" and the bottom leg lifted{to}"
    return text


def _foot_close_up(figure: Figure, m: Motion, i: int) -> str:
    """What a foot close-up shows, read off the drawn foot: which end is up, and roughly how far
    (in words: the figure's foot pivots on its toe tips, so its centimetres run a little high)."""
    end, gap = raised_end(m.keys[i], figure.view, m.key_ground(i))
    support = figure.support()
    on_it = f"{heel_side(m.keys[i])}_toe" in m.key_ground(i)
    surface = f"the {support.value}" if support is not None and on_it else "the floor"
    if not end:
        return f": flat on {surface}"
    if gap < 0:
        return f": the heel dropped below {surface}'s edge"
    far = "just off" if gap < JUST_OFF else "well off" if gap >= WELL_OFF else "off"
    body = m.keys[i]
    side = heel_side(body)
    floor = m.key_ground(i).get(f"{side}_toe", 0.0)
    airborne = all(
        body.points[f"{side}_{e}"][1] - reach(f"{side}_{e}") - floor > CONTACT for e in ("heel", "toe")
    )
    if airborne:
        return f": the whole foot {far} {surface}"
    return f": {'the heel' if end == 'heel' else 'the toes'} {far} {surface}"


def keyframe_phrases(figure: Figure) -> list[str]:
    """One phrase per keyframe, in order (the alt text of each frame of the strip)."""
    parts: list[str] = []
    seen: dict[tuple[BasePose, str | None], str] = {}
    first: dict[tuple[BasePose, str | None], Keyframe] = {}
    m = motion(figure)
    for i, k in enumerate(figure.keyframes):
        extra = _phrase(k)
        key = (k.base, extra)
        shown = (
            _shown(figure, m, i)
            if k.base in ON_FEET and extra is None and (k.angles.given() or k.base is BasePose.lunge)
            else None
        )
        if k.base in ON_SIDE and extra is None:
            shown = _on_side(figure, m, i)
        if shown is not None:
            # Written from the body the frame draws: a split squat's bottom is not "stepping into
            # a lunge", a bound's push-off not "standing tall", a Copenhagen plank's start not
            # "holding a side plank".
            text = shown
        elif key in seen and i > 0 and k.angles != first[key].angles:
            # The same base pose bent differently (a lean, the top of a step-up): not "back to"
            # anything; the author's name for the position says what it is.
            text = f"the {k.name.replace('-', ' ')} position"
        elif key in seen and i > 0:
            text = f"back to {seen[key]}"
        else:
            first[key] = k
            text = extra or POSES[k.base][0]
            seen[key] = POSES[k.base][1] if extra is None else text.split(" with ")[0]
        if i == 0 and figure.props:
            text += " " + " and ".join(_prop(figure, p) for p in figure.props)
        if k.inset is not None:
            text += INSETS[k.inset]
            if k.inset is Inset.foot:
                text += _foot_close_up(figure, m, i)
        parts.append(text)
    return parts


def figure_alt(exercise: Exercise) -> str:
    """Alt text of the keyframe strip."""
    phrases = keyframe_phrases(exercise.figure) if exercise.figure is not None else []
    return display.figure_alt(exercise.name, phrases)


def animation_alt(exercise: Exercise) -> str:
    phrases = keyframe_phrases(exercise.figure) if exercise.figure is not None else []
    return display.animation_alt(exercise.name, phrases)
