"""The typed content model: the single source of truth for what authors may write.

Every YAML file in ``content/`` is validated against one of the classes here. The loader
(``load.py``) turns pydantic's errors into ``file:line:col`` messages; the ``schema`` command
exports the same classes as JSON Schema so editors can autocomplete and flag mistakes while
an author types.

Vocabulary membership (is ``glute-medius`` a known muscle?) is *not* checked here: the
vocabularies are data in ``content/vocabulary/``, so the loader checks them in a
cross-reference pass where it can also suggest the nearest known value.
"""

from __future__ import annotations

import difflib
import itertools
import json
import re
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_serializer,
    model_validator,
)

# A slug becomes a file name and a URL segment, so it must never contain a path separator,
# a dot, upper case or anything a browser would escape.
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]

# Authors' prose: trimmed, never empty.
# A paragraph or a few: the guide's longest is ~1,000 characters. Bounded, because Markdown's
# inline parsing of a field grows faster than its length (100 KB of '*' once took 44 s).
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=3000)]


def _one_paragraph(text: str) -> str:
    # A Line lands in a table cell, a list item or a card line: a blank line there would end
    # the cell or item and spill the rest of the text out of it.
    if re.search(r"\n[ \t]*\n", text):
        raise ValueError("must be one paragraph: remove the blank line (it goes in a table cell or a list)")
    return text


_OneParagraph = AfterValidator(_one_paragraph)
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), _OneParagraph]
# A sentence or two inside a list item: one paragraph, longer than a Line.
Paragraph = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), _OneParagraph]
# Names become page titles, which MkDocs themes print into <title> unescaped: no angle brackets.
PLAIN_TEXT_PATTERN = r"^[^<>]*$"
Name = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80, pattern=PLAIN_TEXT_PATTERN)
]


class Strict(BaseModel):
    """Base for every content class: unknown keys are errors, objects are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    @classmethod
    def from_content(cls, data: object) -> Self:
        """Validate data read from a content file strictly: no coercion, so `sets: '3'`,
        `sets: true` or `rpe: '7'` are errors that name the expected type. JSON mode, because
        strict Python mode would also refuse enum values written as text (`level: beginner`);
        the YAML reader only ever returns JSON-ready data."""
        return cls.model_validate_json(json.dumps(data, allow_nan=True), strict=True)


# --- closed lists that the code itself relies on ------------------------------------------


class Category(StrEnum):
    strength = "strength"
    plyometric = "plyometric"
    core = "core"
    mobility = "mobility"
    stability = "stability"


class Pattern(StrEnum):
    hinge = "hinge"
    squat = "squat"
    lunge = "lunge"
    push = "push"
    pull = "pull"
    carry = "carry"
    anti_rotation = "anti-rotation"
    anti_extension = "anti-extension"
    lateral = "lateral"
    jump = "jump"
    hop = "hop"  # repeated hops, skips and bounds: springy ground contacts, dosed in contacts
    calf = "calf"
    dorsiflexion = "dorsiflexion"  # toes toward the shin: the tibialis raise family
    bridge = "bridge"
    knee_flexion = "knee-flexion"
    anti_lateral_flexion = "anti-lateral-flexion"  # resisting a side bend: carries, side planks
    isometric = "isometric"  # a held position with no movement: wall sit, calf hold


class Level(StrEnum):
    beginner = "beginner"
    intermediate = "intermediate"
    advanced = "advanced"


class Weekday(StrEnum):
    mon = "mon"
    tue = "tue"
    wed = "wed"
    thu = "thu"
    fri = "fri"
    sat = "sat"
    sun = "sun"


WEEKDAY_NAMES: dict[Weekday, str] = {
    Weekday.mon: "Monday",
    Weekday.tue: "Tuesday",
    Weekday.wed: "Wednesday",
    Weekday.thu: "Thursday",
    Weekday.fri: "Friday",
    Weekday.sat: "Saturday",
    Weekday.sun: "Sunday",
}


class RunType(StrEnum):
    rest = "rest"
    easy = "easy"
    recovery = "recovery"
    quality = "quality"
    long = "long"
    race = "race"
    test = "test"  # a time trial: raced like a race, planned like a hard session
    cross = "cross"


class Phase(StrEnum):
    """What a week is for; shown in the calendar. Plan checks read the doses, not this label."""

    base = "base"
    build = "build"
    peak = "peak"
    deload = "deload"
    taper = "taper"
    race = "race"
    maintenance = "maintenance"
    test = "test"


class Side(StrEnum):
    """Which silhouette of the muscle map draws a muscle."""

    front = "front"
    back = "back"
    both = "both"


# --- vocabularies (content/vocabulary/*.yaml) ----------------------------------------------


class Muscle(Strict):
    id: Slug
    name: Name
    side: Side
    group: Name = Field(description="Heading the library index files this muscle under.")


class MuscleVocabulary(Strict):
    muscles: list[Muscle] = Field(min_length=1)


class Equipment(Strict):
    id: Slug
    name: Name


class EquipmentVocabulary(Strict):
    equipment: list[Equipment] = Field(min_length=1)


# --- figures (the `figure:` block of an exercise) ------------------------------------------
# A figure is drawn from data: a view, the props in hand and 2–5 keyframes, each a named base
# pose plus a few joint-angle overrides. Angles are in degrees, measured from the base pose's
# anatomy (0 = standing straight), so an author writes `knee: 20`, never a coordinate.


class View(StrEnum):
    """Where the camera stands: `side` shows the figure's right side, facing right; `front`
    faces the figure; `three-quarter` is in between, for moves that go sideways *and* hinge."""

    side = "side"
    oblique = "oblique"  # the side view turned 30° toward the camera: a press forward and a pull sideways
    three_quarter = "three-quarter"
    # The front view turned 30° toward the figure's right: a hop or step sideways shows nearly
    # its whole width, and a knee or hip bent forward still draws bent (from the front, a bent
    # knee is a straight column).
    front_oblique = "front-oblique"
    front = "front"


class Prop(StrEnum):
    dumbbells = "dumbbells"  # one in each hand
    dumbbell = "dumbbell"  # one, held at the chest with both hands
    band = "band"  # a mini band around the thighs, above the knees
    box = "box"  # a plyo box, step or bench on the floor; `box:` says what rests on it
    bench = "bench"  # a bench (padded top on legs); `bench:` says what rests on it
    step = "step"  # a low step; `step:` says what rests on it (`forefoot`: heel off the edge)
    wall = "wall"  # a wall behind the figure's back
    anchored_band = "anchored-band"  # a long band from a post beside the figure to both hands
    kettlebell = "kettlebell"  # one kettlebell hanging from the lead hand by its handle
    single_dumbbell = "single-dumbbell"  # one dumbbell in the lead hand
    barbell = "barbell"  # a barbell across the upper back (back squat), hands wide on the bar
    wall_ahead = "wall-ahead"  # a wall in front of the figure, where its hands reach (balance)
    hip_weight = "hip-weight"  # one dumbbell across the hip crease, held at its ends (hip thrust)
    knee_weight = "knee-weight"  # one dumbbell upright on the end of the thigh (seated calf raise)
    ankle_anchor = "ankle-anchor"  # a padded anchor over the heels: a sofa, a bar, a partner's hands
    floor_line = "floor-line"  # a line on the floor (tape, a rope) the figure hops or steps over


class Lead(StrEnum):
    """The side that steps out, kneels up or turns first; base poses lead with the right."""

    left = "left"
    right = "right"


def _known(enum: type[StrEnum], what: str) -> Callable[[object], object]:
    """An enum check for list items, whose message names the kind ('prop'), not the index."""
    options = [e.value for e in enum]

    def check(value: object) -> object:
        if isinstance(value, str) and value not in options:
            close = difflib.get_close_matches(value, options, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise ValueError(f"'{value}' is not a known {what} (expected one of: {', '.join(options)}){hint}")
        return value

    return check


PropName = Annotated[Prop, BeforeValidator(_known(Prop, "prop"))]


class BoxUnder(StrEnum):
    """What rests on the box's top: the leading foot (a step-up), both hands (an incline
    push-up) or the hips (sitting on a bench); everything else stays on the floor."""

    lead_foot = "lead-foot"
    hands = "hands"
    hips = "hips"
    rear_foot = "rear-foot"  # the other foot's laces (rear-foot-elevated split squat)
    feet = "feet"  # both feet (landing a box jump)
    hand = "hand"  # the other hand (a supported one-arm row)
    hand_and_knee = "hand-and-knee"  # the other hand and knee (a one-arm row on a bench)
    shoulders = "shoulders"  # the upper back (hip thrust)
    forefoot = "forefoot"  # the lead foot's ball, the heel free below the edge (calf raise)
    lead_leg = "lead-leg"  # the lead knee and lower leg (Copenhagen plank: the top leg on a bench)


class Orientation(StrEnum):
    """Which way a bench's long axis runs."""

    along = "along"  # the way the figure faces: side to side in a side view (a one-arm row)
    crosswise = "crosswise"  # toward and away from the camera: a leg lies across it (Copenhagen plank)


class BoxPlacement(Strict):
    """Where the box stands: under what, and how high. It stays put in every keyframe."""

    under: BoxUnder = Field(default=BoxUnder.lead_foot, description="What rests on the box's top.")
    height_cm: int = Field(
        default=40, ge=10, le=90, description="Height of the box top in cm, for a 175 cm tall person."
    )
    orientation: Orientation = Field(
        default=Orientation.along,
        description=(
            "Which way a bench's long axis runs: 'along' the way the figure faces, or 'crosswise', "
            "toward and away from the camera, so a leg lies across it and its lower leg along its top "
            "(the short-lever Copenhagen plank). Only a bench under the lead leg can run crosswise."
        ),
    )


# Props something rests on; a figure uses one at most. Their default placement when only the
# prop is listed: a step-up box, a bench to sit on, a step edge under the ball of the foot.
SUPPORTS = (Prop.box, Prop.bench, Prop.step)
SUPPORT_DEFAULTS = {
    Prop.box: BoxPlacement(),
    Prop.bench: BoxPlacement(under=BoxUnder.hips, height_cm=40),
    Prop.step: BoxPlacement(under=BoxUnder.forefoot, height_cm=15),
}


class BasePose(StrEnum):
    stand = "stand"
    hinge = "hinge"
    squat = "squat"
    lunge = "lunge"
    lateral_lunge = "lateral-lunge"
    kneel = "kneel"
    half_kneel = "half-kneel"
    plank = "plank"
    side_plank = "side-plank"
    quadruped = "quadruped"
    prone = "prone"
    supine = "supine"
    bridge = "bridge"
    airborne = "airborne"
    # Families of a runner's library (see figures/poses.py for what each looks like).
    hook_lying = "hook-lying"  # face up, knees bent, feet flat
    dead_bug = "dead-bug"  # face up, arms up, hips and knees at 90°
    side_lying = "side-lying"  # on one forearm, hips on the floor
    forearm_side_plank = "forearm-side-plank"
    split_stance = "split-stance"  # top of a split squat
    single_leg_stand = "single-leg-stand"
    single_leg_hinge = "single-leg-hinge"
    wall_sit = "wall-sit"
    wall_lean = "wall-lean"  # back on a wall, feet out in front (tibialis raise)
    seated = "seated"  # on a bench, knees at 90°, hands on the knees
    athletic = "athletic"  # feet hip-width, knees and hips softly bent, hands at the chest
    hop = "hop"  # a low two-footed hop in the air
    bound = "bound"  # in the air mid-stride, legs split
    skip = "skip"  # knee driven up, off the floor on the other foot
    knee_drive = "knee-drive"  # on one foot, the other knee up to hip height
    supported_row = "supported-row"  # left knee and hand on a bench, right foot down, right arm hanging
    walk = "walk"  # mid-stride, both feet down
    copenhagen = "copenhagen"  # forearm side plank, the top leg's knee and shin on a bench


def _angle(low: int, high: int, what: str) -> Any:
    return Field(default=None, ge=low, le=high, description=f"Degrees, {low} to {high}: {what}.")


_HIP = "thigh forward of the torso line (flexion); negative is behind"
_HIP_OUT = "thigh out to the side (abduction)"
_KNEE = "knee bend; 0 is straight"
_ANKLE = "toes toward the shin (dorsiflexion); negative points the toes"
_SHOULDER = "arm forward of the torso line (flexion); 180 is overhead, negative is behind"
_SHOULDER_OUT = "arm out to the side (abduction)"
_ELBOW = "elbow bend; 0 is straight"


class Angles(Strict):
    """Joint-angle overrides. `hip` sets both hips; `right_hip` or `left_hip` sets one side."""

    trunk: float | None = _angle(-120, 180, "torso tipped forward from vertical; negative leans back")
    twist: float | None = _angle(-180, 180, "chest turned toward the right side")
    lean: float | None = _angle(-60, 60, "torso tipped toward the right side")
    neck: float | None = _angle(-60, 60, "chin toward the chest")
    hip: float | None = _angle(-60, 150, _HIP)
    left_hip: float | None = _angle(-60, 150, _HIP)
    right_hip: float | None = _angle(-60, 150, _HIP)
    hip_out: float | None = _angle(-30, 90, _HIP_OUT)
    left_hip_out: float | None = _angle(-30, 90, _HIP_OUT)
    right_hip_out: float | None = _angle(-30, 90, _HIP_OUT)
    knee: float | None = _angle(0, 160, _KNEE)
    left_knee: float | None = _angle(0, 160, _KNEE)
    right_knee: float | None = _angle(0, 160, _KNEE)
    ankle: float | None = _angle(-70, 45, _ANKLE)
    left_ankle: float | None = _angle(-70, 45, _ANKLE)
    right_ankle: float | None = _angle(-70, 45, _ANKLE)
    shoulder: float | None = _angle(-90, 190, _SHOULDER)
    left_shoulder: float | None = _angle(-90, 190, _SHOULDER)
    right_shoulder: float | None = _angle(-90, 190, _SHOULDER)
    shoulder_out: float | None = _angle(-30, 180, _SHOULDER_OUT)
    left_shoulder_out: float | None = _angle(-30, 180, _SHOULDER_OUT)
    right_shoulder_out: float | None = _angle(-30, 180, _SHOULDER_OUT)
    elbow: float | None = _angle(0, 160, _ELBOW)
    left_elbow: float | None = _angle(0, 160, _ELBOW)
    right_elbow: float | None = _angle(0, 160, _ELBOW)

    def given(self) -> dict[str, float]:
        """Only the angles the author wrote, in field order."""
        return {k: v for k, v in self.model_dump().items() if v is not None}


KeyframeName = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=30)]


class Surface(StrEnum):
    """What a body part rests on: the floor, or a prop of the figure (its top; a wall's face)."""

    floor = "floor"
    box = "box"
    bench = "bench"
    step = "step"
    wall = "wall"


def _touch(what: str) -> Any:
    return Field(default=None, description=f"The surface {what} rest(s) on.")


class Contacts(Strict):
    """Which body parts touch which surface in this keyframe; the build checks each one.

    A plain name means both sides (`feet`), a sided one just that side (`left_foot`). Parts not
    listed may not go through the floor or a prop, but are not required to touch anything.
    `feet` means the whole sole (heel and toes); `toes` the ball of the foot; `forearms` the
    elbow and the hand; `back` the upper back and shoulders (lying face up, a bridge).
    """

    feet: Surface | None = _touch("both soles (heel and toes)")
    left_foot: Surface | None = _touch("the left sole (heel and toes)")
    right_foot: Surface | None = _touch("the right sole (heel and toes)")
    heels: Surface | None = _touch("both heels")
    left_heel: Surface | None = _touch("the left heel")
    right_heel: Surface | None = _touch("the right heel")
    toes: Surface | None = _touch("the balls of both feet")
    left_toes: Surface | None = _touch("the ball of the left foot")
    right_toes: Surface | None = _touch("the ball of the right foot")
    knees: Surface | None = _touch("both knees")
    left_knee: Surface | None = _touch("the left knee")
    right_knee: Surface | None = _touch("the right knee")
    hands: Surface | None = _touch("both hands")
    left_hand: Surface | None = _touch("the left hand")
    right_hand: Surface | None = _touch("the right hand")
    forearms: Surface | None = _touch("both forearms (elbow and hand)")
    left_forearm: Surface | None = _touch("the left forearm (elbow and hand)")
    right_forearm: Surface | None = _touch("the right forearm (elbow and hand)")
    hips: Surface | None = _touch("the hips or seat")
    back: Surface | None = _touch("the upper back")
    shoulders: Surface | None = _touch("the shoulders")
    head: Surface | None = _touch("the back of the head")

    def given(self) -> dict[str, Surface]:
        """Only the contacts the author wrote, in field order."""
        return {k: v for k, v in self if v is not None}


class FeetRelation(StrEnum):
    stacked = "stacked"  # one on top of the other (side plank)
    together = "together"  # touching, side by side
    hip_width = "hip-width"
    wide = "wide"  # a lateral lunge or a wide stance: at least twice hip width
    # The content's word; as a member it hides str.split, which nothing calls on a relation.
    split = "split"  # type: ignore[assignment]  # one well ahead of the other (split squat, lunge)


class KneeRelation(StrEnum):
    straight = "straight"  # bent 10° or less
    soft = "soft"  # unlocked: 10–30°
    over_toes = "over-toes"  # the knee above the foot, between heel and a little past the toes


class ElbowRelation(StrEnum):
    straight = "straight"  # bent 15° or less
    by_ribs = "by-ribs"  # beside the trunk, below the shoulder (a row's finish)
    at_45 = "at-45"  # about 45° out from the body (a push-up's bottom)


class BackRelation(StrEnum):
    flat = "flat"  # head in line with the back: no craning up, no chin on the chest
    upright = "upright"  # within 15° of vertical


def _rel(what: str) -> Any:
    return Field(default=None, description=what)


class Relations(Strict):
    """How body parts must sit relative to each other in this keyframe; the build checks each one.

    `knee` and `elbow` mean both sides; `left_knee`, `right_knee`… one side and win over them.
    """

    feet: FeetRelation | None = _rel("Where the feet are relative to each other.")
    knee: KneeRelation | None = _rel("Both knees.")
    left_knee: KneeRelation | None = _rel("The left knee.")
    right_knee: KneeRelation | None = _rel("The right knee.")
    elbow: ElbowRelation | None = _rel("Both elbows.")
    left_elbow: ElbowRelation | None = _rel("The left elbow.")
    right_elbow: ElbowRelation | None = _rel("The right elbow.")
    back: BackRelation | None = _rel("The back and head.")
    body: Literal["straight"] | None = _rel("straight: ear, hip and ankle in one line (no pike, no sag).")
    top_arm: Literal["vertical"] | None = _rel("vertical: the upper arm of a side plank points straight up.")
    hands: Literal["under-shoulders"] | None = _rel(
        "under-shoulders: each supporting hand below its shoulder."
    )

    def given(self) -> dict[str, str]:
        """Only the relations the author wrote, in field order, as plain strings."""
        return {k: str(v) for k, v in self if v is not None}


class Travel(Strict):
    """How far the whole body moves from the previous keyframe's place, for a jump or hop that
    travels (a keyframe is otherwise placed where the floor contacts it shares with the previous
    one stay put, and an airborne one right above it)."""

    forward_cm: int = Field(default=0, ge=-300, le=300, description="Toward where the figure faces.")
    right_cm: int = Field(default=0, ge=-300, le=300, description="Toward the figure's right side.")


class Inset(StrEnum):
    """A close-up drawn in a corner of a keyframe's frame, for a detail a step depends on that the
    whole figure is too small to show: `short-foot`, the standing foot from the side with the
    arch domed and the toes long and flat, the ball drawn back toward the heel; `foot`, the
    standing foot as the keyframe poses it, over the floor, the height of its raised end
    marked (the heel of a calf raise or hold, the toes of a tibialis raise, a hop's flight)."""

    short_foot = "short-foot"
    foot = "foot"


class Keyframe(Strict):
    name: KeyframeName = Field(description="Short label, e.g. start, bottom, top.")
    base: BasePose
    angles: Angles = Field(default_factory=Angles)
    step: int | None = Field(
        default=None,
        ge=1,
        le=30,
        description="The step that reaches this position; its number is drawn on the strip.",
    )
    contacts: Contacts = Field(default_factory=Contacts, description="What touches which surface.")
    relations: Relations = Field(default_factory=Relations, description="How body parts sit, checked.")
    seconds: float | None = Field(
        default=None,
        gt=0,
        le=10,
        description="How long the move into this keyframe takes (both ways). Leave it out for "
        "lowering and lifting, which follow the exercise's tempo, and for jumps, which follow physics.",
    )
    hold: float | None = Field(
        default=None, ge=0, le=60, description="Seconds the animation holds this position (shown up to 4 s)."
    )
    strip: bool = Field(
        default=True,
        description="false: the animation passes through this keyframe, the strip leaves it out.",
    )
    travel: Travel | None = Field(
        default=None,
        description="How far the body moves from the previous keyframe (a hop over a line, onto a box).",
    )
    inset: Inset | None = Field(
        default=None,
        description="A close-up in the frame's corner for a detail the step depends on "
        "(`short-foot`, `foot`).",
    )

    @model_serializer(mode="wrap")
    def _dump(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # Unset timing, contacts and relations stay out of the dump (a picture cache key).
        data: dict[str, Any] = handler(self)
        for name in ("contacts", "relations"):
            given = {k: v for k, v in data.get(name, {}).items() if v is not None}
            if given:
                data[name] = given
            else:
                data.pop(name, None)
        for name, default in (
            ("seconds", None),
            ("hold", None),
            ("strip", True),
            ("travel", None),
            ("inset", None),
        ):
            if name in data and data[name] == default:
                del data[name]
        return data


class Grip(StrEnum):
    """How the hands hold dumbbells: `neutral` palms facing each other (the handle points
    forward when the arms hang), `overhand` knuckles forward, palms toward the body."""

    neutral = "neutral"
    overhand = "overhand"


class Loop(StrEnum):
    """How the animation repeats: `there-and-back` plays the keyframes forward, then back in
    reverse order; `round` moves from the last keyframe straight on to the first."""

    there_and_back = "there-and-back"
    round = "round"


MAX_KEYFRAMES = 10
MAX_STRIP_FRAMES = 5


class Figure(Strict):
    view: View = View.side
    lead: Lead = Lead.right
    props: list[PropName] = Field(default_factory=list)
    box: BoxPlacement | None = Field(default=None, description="Placement of the `box` prop, if listed.")
    bench: BoxPlacement | None = Field(default=None, description="Placement of the `bench` prop, if listed.")
    step: BoxPlacement | None = Field(default=None, description="Placement of the `step` prop, if listed.")
    grip: Grip = Field(default=Grip.neutral, description="How the hands hold dumbbells.")
    loop: Loop = Field(default=Loop.there_and_back, description="How the animation repeats.")
    keyframes: list[Keyframe] = Field(min_length=2, max_length=MAX_KEYFRAMES)

    @model_validator(mode="after")
    def _unique(self) -> Self:
        names = [k.name for k in self.keyframes]
        for name in names:
            if names.count(name) > 1:
                raise ValueError(f"keyframe name '{name}' is used twice; give each keyframe its own name")
        for prop in self.props:
            if self.props.count(prop) > 1:
                raise ValueError(f"prop '{prop.value}' is listed twice")
        for support in SUPPORTS:
            if getattr(self, support.value) is not None and support not in self.props:
                name = support.value
                raise ValueError(f"'{name}' places a {name}, so list it in props too: props: [{name}]")
        if sum(p in SUPPORTS for p in self.props) > 1:
            raise ValueError("use one of box, bench and step in a figure, not several")
        for support in (Prop.box, Prop.step):
            placed = getattr(self, support.value)
            if placed is not None and placed.orientation is Orientation.crosswise:
                raise ValueError(
                    f"only a bench can run crosswise, not a {support.value}; leave out 'orientation'"
                )
        if (
            self.bench is not None
            and self.bench.orientation is Orientation.crosswise
            and self.bench.under is not BoxUnder.lead_leg
        ):
            raise ValueError(
                f"a bench under the {self.bench.under.value} runs along the figure; only a bench under the "
                "lead-leg can run crosswise (leave out 'orientation')"
            )
        shown = sum(k.strip for k in self.keyframes)
        if not 2 <= shown <= MAX_STRIP_FRAMES:
            raise ValueError(
                f"the strip shows {shown} keyframes; show 2 to {MAX_STRIP_FRAMES} "
                "(mark the others strip: false)"
            )
        # The strip reads like the steps: its numbered frames in the order of the steps (an
        # unnumbered first frame is labelled as the start position).
        numbered = [self.keyframes[i] for i in self.strip_keyframes() if self.keyframes[i].step is not None]
        for before, k in itertools.pairwise(numbered):
            if k.step is not None and before.step is not None and k.step < before.step:
                raise ValueError(
                    f"the strip shows step {before.step} ('{before.name}') before step {k.step} "
                    f"('{k.name}'); put the keyframes in the order of the steps (the start first)"
                )
        return self

    @model_serializer(mode="wrap")
    def _dump(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # Fields left at their defaults are left out of the dump: dumps are picture cache keys,
        # so a figure that does not use a newer field keeps its key (and its pictures).
        data: dict[str, Any] = handler(self)
        for support in SUPPORTS:
            if data.get(support.value, 0) is None:
                del data[support.value]
            elif isinstance(placed := data.get(support.value), dict) and placed.get("orientation") == "along":
                del placed["orientation"]
        for name, default in (("grip", Grip.neutral), ("loop", Loop.there_and_back)):
            if data.get(name) == default:
                del data[name]
        return data

    def strip_keyframes(self) -> list[int]:
        """Indexes of the keyframes the strip shows."""
        return [i for i, k in enumerate(self.keyframes) if k.strip]

    def support(self) -> Prop | None:
        """The box, bench or step the figure uses (at most one), or None."""
        return next((p for p in self.props if p in SUPPORTS), None)

    def box_placement(self) -> BoxPlacement | None:
        """Where the box, bench or step stands (its defaults when only the prop is listed), or None."""
        support = self.support()
        if support is None:
            return None
        placement: BoxPlacement | None = getattr(self, support.value)
        return placement or SUPPORT_DEFAULTS[support]


# --- exercises (content/exercises/<slug>.yaml) ---------------------------------------------


class Dose(Strict):
    """How much: sets of reps, of a hold in seconds or of foot contacts, the rest, the effort.

    Plyometric work is counted in foot contacts per set (one contact is one landing, whether on
    one foot or on both feet together; the glossary says the same) and carries no RPE: its
    limit is landing quality, not effort, so a contacts dose has no `rpe` and every other dose needs one.
    Bounds are generous for real training and reject typing slips (0 sets, 1000 reps).
    """

    sets: int = Field(ge=1, le=10)
    reps: int | None = Field(default=None, ge=1, le=50)
    seconds: int | None = Field(default=None, ge=5, le=300, description="Hold or work time per set.")
    contacts: int | None = Field(
        default=None,
        ge=1,
        le=100,
        description=(
            "Foot contacts per set, for plyometrics (instead of reps; no rpe). One contact is one "
            "landing, on one foot or on both feet together; with per_side, each leg's landings count."
        ),
    )
    per_side: bool = Field(default=False, description="Reps, seconds or contacts count for each side.")
    rest_seconds: int = Field(ge=0, le=600)
    rpe: float | None = Field(
        default=None,
        ge=1,
        le=10,
        multiple_of=0.5,
        description="Effort, rate of perceived exertion 1–10. Required, except for contacts.",
    )

    @model_validator(mode="after")
    def _one_measure(self) -> Self:
        given = [k for k in ("reps", "seconds", "contacts") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of 'reps', 'seconds' or 'contacts'")
        if self.contacts is not None and self.rpe is not None:
            raise ValueError("a contacts dose has no 'rpe': jumps stop when landings get loud, not at an RPE")
        if self.contacts is None and self.rpe is None:
            raise ValueError("missing required field 'rpe' (only a contacts dose goes without one)")
        return self

    @property
    def is_contacts(self) -> bool:
        return self.contacts is not None


# "3-1-1": seconds lowering, pausing at the bottom, lifting. Each part 0–10.
TEMPO_PATTERN = r"^(10|[0-9])-(10|[0-9])-(10|[0-9])$"
Tempo = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=TEMPO_PATTERN),
    Field(description="Seconds lowering-pause-lifting, e.g. '3-1-1' (each 0–10)."),
]


def tempo_seconds(tempo: str) -> tuple[int, int, int]:
    """'3-1-1' → (3, 1, 1): lowering, pause, lifting."""
    lower, pause, lift = (int(part) for part in tempo.split("-"))
    return lower, pause, lift


class Variation(Strict):
    """An easier or harder version: another exercise of the guide, or a described change."""

    exercise: Slug | None = Field(default=None, description="Slug of another exercise in the guide.")
    name: Name | None = Field(default=None, description="Short name of a described variation.")
    how: Paragraph | None = Field(default=None, description="What changes, in a sentence or two.")

    @model_validator(mode="after")
    def _one_kind(self) -> Self:
        if self.exercise is None and (self.name is None or self.how is None):
            raise ValueError("give 'exercise' (a slug), or both 'name' and 'how'")
        if self.exercise is not None and self.name is not None:
            raise ValueError("give 'exercise' or 'name', not both")
        return self


class Mistake(Strict):
    mistake: Line
    fix: Line


class Muscles(Strict):
    primary: list[Slug] = Field(min_length=1)
    secondary: list[Slug] = Field(default_factory=list)


class EquipmentNeeds(Strict):
    required: list[Slug] = Field(min_length=1, description="Use [none] for body weight only.")
    optional: list[Slug] = Field(default_factory=list)


class Source(Strict):
    title: Line
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
    publisher: Name | None = None
    credit: Line | None = Field(default=None, description="Whose advice the exercise follows.")


class Kit(StrEnum):
    """What a runner has to train with, from least to most."""

    none = "none"
    dumbbells = "dumbbells"
    gym = "gym"


KIT_NAMES: dict[Kit, str] = {Kit.none: "No kit", Kit.dumbbells: "Dumbbells", Kit.gym: "Gym"}


class Substitutes(Strict):
    """What to do instead with a given kit: another exercise of the guide or a described swap.

    A kit left out is computed (see ``generator.substitutes``): the exercise itself when its
    equipment fits the kit, otherwise the nearest easier or harder library exercise that fits.
    """

    none: Variation | None = Field(default=None, description="With body weight and household things only.")
    dumbbells: Variation | None = Field(default=None, description="With a pair of dumbbells at home.")
    gym: Variation | None = Field(default=None, description="In a gym: barbells, machines, cables.")

    def given(self) -> dict[Kit, Variation]:
        return {kit: v for kit in Kit if (v := getattr(self, kit.value)) is not None}


class Evidence(Strict):
    """A claim made in 'why runners do it' and the study behind it, worded no stronger than it."""

    claim: Line = Field(description="The claim as the page words it.")
    source: Line = Field(description="Authors and journal, e.g. 'Blagrove, Howatson & Hayes, Sports Med'.")
    year: int = Field(ge=1900, le=2100)
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]


class Exercise(Strict):
    name: Name
    aliases: list[Name] = Field(
        default_factory=list, max_length=20, description="Other names people search for."
    )
    summary: Line = Field(description="One line: what the exercise is and does.")
    why_runners: Text
    category: Category
    pattern: Pattern
    level: Level
    equipment: EquipmentNeeds
    muscles: Muscles
    setup: list[Line] = Field(min_length=1, max_length=20)
    steps: list[Line] = Field(min_length=2, max_length=40)
    cues: list[Line] = Field(
        min_length=1, max_length=20, description="The first cue is the one printed on cards."
    )
    mistakes: list[Mistake] = Field(min_length=1, max_length=20)
    easier: list[Variation] = Field(min_length=1, max_length=20)
    harder: list[Variation] = Field(min_length=1, max_length=20)
    dose: Dose
    tempo: Tempo | None = None
    substitutes: Substitutes = Field(
        default_factory=Substitutes,
        description="What to do with no kit, dumbbells or a gym; kits left out are computed.",
    )
    evidence: list[Evidence] = Field(
        default_factory=list, max_length=30, description="Studies behind the claims of why_runners."
    )
    safety: Text | None = None
    source: Source | None = None
    video: (
        Annotated[str, StringConstraints(pattern=r"^https://[^\s/]+\.[^\s/]+(/\S*)?$", max_length=500)] | None
    ) = Field(
        default=None,
        description="A coach's own demo video (https). The page links it; YouTube and Vimeo can "
        "play in the page, but only after a tap: nothing is loaded from them before.",
    )
    short: Slug | None = Field(
        default=None,
        max_length=24,
        description="Short link code printed under QR codes: /x/<short>/ (default: the slug).",
    )
    redirect_from: list[Slug] = Field(
        default_factory=list,
        description="Former slugs of this exercise; their URLs keep working as redirects.",
    )
    figure: Figure | None = Field(default=None, description="How the illustrations draw the movement.")

    @field_validator("figure")
    @classmethod
    def _figure_steps_exist(cls, figure: Figure | None, info: ValidationInfo) -> Figure | None:
        # A keyframe's number on the strip must match a step of this page, or the reader is lost.
        steps = info.data.get("steps")
        if figure is None or steps is None:
            return figure
        for i, keyframe in enumerate(figure.keyframes):
            if keyframe.step is not None and keyframe.step > len(steps):
                raise ValueError(
                    f"keyframes[{i}].step: there is no step {keyframe.step} (the exercise has {len(steps)})"
                )
        return figure

    @field_validator("dose")
    @classmethod
    def _plyometric_in_contacts(cls, dose: Dose, info: ValidationInfo) -> Dose:
        # Jumps are counted in landings, everything else in reps or seconds (CONTENT.md).
        category = info.data.get("category")
        if category is Category.plyometric and not dose.is_contacts:
            raise ValueError("a plyometric exercise is dosed in foot contacts: use 'contacts', no rpe")
        if category is not None and category is not Category.plyometric and dose.is_contacts:
            raise ValueError(f"'contacts' is for plyometric exercises; this one is {category.value}")
        return dose


# --- programs (content/programs/<slug>.yaml) -----------------------------------------------


class Prescription(Dose):
    exercise: Slug
    tempo: Tempo | None = Field(default=None, description="Overrides the exercise's tempo for this session.")
    note: Line | None = None


class StrengthSession(Strict):
    name: Name
    exercises: list[Prescription] = Field(min_length=1, max_length=30)


class Run(Strict):
    type: RunType
    minutes: int | None = Field(default=None, ge=5, le=400)
    km: float | None = Field(default=None, gt=0, le=100)
    description: Line | None = None

    @model_validator(mode="after")
    def _rest_has_no_volume(self) -> Self:
        if self.type is RunType.rest and (self.minutes or self.km):
            raise ValueError("a rest day has no minutes or km")
        return self


class CapacityTest(StrEnum):
    """The capacity tests a program can schedule (the capacity-tests page describes each).
    The plan checks read them: the plyometric gate is the calf-raise, step-down and hop tests."""

    calf_raise = "calf-raise"  # single-leg calf raises to failure of form, each side
    side_plank = "side-plank"  # side-plank hold, each side
    single_leg_bridge = "single-leg-bridge"  # single-leg bridges, each side
    step_down = "step-down"  # step-down quality, filmed from the front
    hop = "hop"  # ten two-leg pogo hops: quiet, springy landings


class Day(Strict):
    day: Weekday
    run: Run
    tests: list[CapacityTest] = Field(
        default_factory=list,
        description=(
            "Capacity tests done this day, before the run and the session (see the capacity-tests page)."
        ),
    )
    strength: StrengthSession | None = None


class Week(Strict):
    focus: Line
    phase: Phase | None = Field(default=None, description="Label shown in the calendar: deload, taper, race…")
    days: list[Day] = Field(min_length=1, max_length=7)

    @model_validator(mode="after")
    def _days_unique(self) -> Self:
        seen: set[Weekday] = set()
        for day in self.days:
            if day.day in seen:
                raise ValueError(f"'{day.day.value}' appears twice in this week")
            seen.add(day.day)
        return self


class Runner(Strict):
    """The runner a program assumes: how often, how much and how long they run."""

    run_days: int = Field(ge=1, le=7, description="Run days per week.")
    weekly_km: float | None = Field(default=None, gt=0, le=250)
    weekly_minutes: int | None = Field(default=None, ge=30, le=1500)
    long_run_km: float | None = Field(default=None, gt=0, le=60)
    long_run_minutes: int | None = Field(default=None, ge=20, le=300)
    race: Line | None = Field(default=None, description="The race the program leads into, e.g. '10K'.")

    @model_validator(mode="after")
    def _volume_given(self) -> Self:
        if self.weekly_km is None and self.weekly_minutes is None:
            raise ValueError("give the weekly volume: 'weekly_km' or 'weekly_minutes'")
        if self.long_run_km is None and self.long_run_minutes is None:
            raise ValueError("give the long run: 'long_run_km' or 'long_run_minutes'")
        return self


class Program(Strict):
    name: Name
    redirect_from: list[Slug] = Field(
        default_factory=list, description="Former slugs; their URLs keep working as redirects."
    )
    summary: Line
    goal: Text
    level: Level
    runner: Runner | None = Field(
        default=None, description="The runner the program assumes (the plan checks warn when it is missing)."
    )
    weeks: list[Week] = Field(min_length=1, max_length=52)
    notes: list[Line] = Field(default_factory=list, max_length=60)

    def exercise_slugs(self) -> list[str]:
        """Exercises the program prescribes, in the order it first prescribes them."""
        seen: dict[str, None] = {}
        for week in self.weeks:
            for day in week.days:
                for item in day.strength.exercises if day.strength else []:
                    seen.setdefault(item.exercise, None)
        return list(seen)


# --- the loaded guide ----------------------------------------------------------------------


class Guide(BaseModel):
    """Everything the renderers need, cross-checked by the loader.

    Keyed by slug and kept in slug order, so every renderer iterates deterministically.
    """

    model_config = ConfigDict(frozen=True)

    exercises: dict[str, Exercise]
    programs: dict[str, Program]
    muscles: dict[str, Muscle]
    equipment: dict[str, Equipment]
    # Short codes printed on cards that no exercise answers at any more (its short: changed):
    # code -> the exercise it now redirects to, or "" (gone: the library). shortlinks.py.
    kept_shorts: dict[str, str] = Field(default_factory=dict)

    def short_code(self, exercise_slug: str) -> str:
        return self.exercises[exercise_slug].short or exercise_slug

    def programs_using(self, exercise_slug: str) -> list[str]:
        """Slugs of the programs that prescribe an exercise (backlinks on its page)."""
        return [slug for slug, program in self.programs.items() if exercise_slug in program.exercise_slugs()]
