"""The movement as an animated WebP, timed from the data: tempo, seconds, holds and physics.

Frames interpolate *angles* (``Motion.between``), never positions, so limbs keep their length.
The loop goes through the keyframes in order, then back the same way (``loop: there-and-back``)
or straight on to the first (``loop: round``). How long each move takes:

- ``seconds`` on the keyframe a move arrives at (or leaves, on the way back) wins;
- a move into or out of the air follows physics: the rise to the top of a jump takes
  √(2h/g) for the height h the body rises, and so does the fall; the push before it is quick
  and speeds up into the take-off, the landing slows down into the absorb;
- otherwise a move that lowers the body takes the tempo's lowering time, one that raises it
  the lifting time, with the tempo's pause at the bottom (the exercise's ``tempo``, else the
  default of its pattern, ``PATTERN_TEMPO``); a lowering through several keyframes is one
  phase, timed by the tempo as a whole and passing its middle keyframes without stopping;
- anything else (a turn into a side plank, a row) takes about a second per 90° of joint travel.

Each keyframe is held long enough to be seen, the ends of the loop longest; ``hold`` holds it
longer (the animation shows up to ``MAX_HOLD_S`` of a long hold).
"""

from __future__ import annotations

import io
import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from PIL import Image, ImageChops

from ..model import Figure, Inset, Loop, Pattern, tempo_seconds
from . import style
from .draw import Camera, render_body
from .inset import draw_inset, ring_side, target
from .layout import frame
from .motion import PERSON_CM, Motion, ease
from .skeleton import Body

SAMPLES_PER_S = 400  # how finely a move's progress curve is sampled to time its positions
MIN_FRAME_MS = 40  # browsers show a frame shorter than ~20 ms for 100 ms: never go near that
STEP_S = 0.13  # a move gets about one in-between position per this many seconds…
MIN_STEPS, MAX_STEPS = 3, 16  # …but at least 3 and at most 16 (a 3 s lowering: 190 ms each)
HOLD_END_S = 0.9  # the first keyframe of the loop: where a reader looks first
HOLD_KEY_S = 0.3  # every other keyframe, so each position registers
MAX_HOLD_S = 4.0
DEFAULT_TEMPO = (2, 0, 1)  # lowering, pause, lifting (s) when the exercise gives none
# When an exercise gives no tempo, its pattern does: strength moves lower in 2 s and lift in 1;
# a bridge or a raise squeezes at the top; the braced-trunk and balance moves go slowly both
# ways; a carry and the plyometrics set up briskly (their flights follow physics).
PATTERN_TEMPO: dict[Pattern, str] = {
    Pattern.hinge: "3-1-1",
    Pattern.squat: "2-0-1",
    Pattern.lunge: "2-0-1",
    Pattern.lateral: "2-0-1",
    Pattern.push: "2-0-1",
    Pattern.pull: "2-0-1",
    Pattern.knee_flexion: "3-0-1",
    Pattern.bridge: "2-0-1",
    Pattern.calf: "2-1-2",
    Pattern.dorsiflexion: "2-0-1",
    Pattern.anti_extension: "2-0-2",
    Pattern.anti_rotation: "2-0-2",
    Pattern.anti_lateral_flexion: "2-0-2",
    Pattern.isometric: "2-0-2",
    Pattern.carry: "1-0-1",
    Pattern.jump: "1-0-1",
    Pattern.hop: "1-0-1",
}


def default_tempo(pattern: Pattern) -> str:
    """The tempo an exercise without one is animated at, from its movement pattern."""
    return PATTERN_TEMPO.get(pattern, "2-0-1")


HINGE_DROP = 0.1  # the neck moving this far up or down makes a level move a lift or a lowering
LEVEL = 0.03  # a move that raises or lowers the body's mean height less than this is neither
DEGREES_PER_S = 90.0
MOVE_S = (0.6, 2.0)
PUSH_S = 0.3  # squat to full extension before take-off
ABSORB_S = 0.35  # touchdown to the bottom of the landing
GRAVITY = 9.81  # m/s²
STILL_QUALITY, STILL_METHOD = 0, 1  # lossless WebP's effort for each frame (``encode_webp``)


@dataclass(frozen=True)
class Move:
    """One move of the loop: from key ``a`` to key ``b`` in ``seconds``, then a hold at ``b``."""

    a: int
    b: int
    seconds: float
    kind: str  # "lower", "lift", "move", "push", "rise", "fall", "absorb"
    hold: float
    # The part of its phase's time this move takes (0..1 of the phase): a lowering through
    # several keyframes is eased once, over the whole phase, so it passes its middle keyframes
    # at speed instead of stopping at each (see ``phases``). (0, 1): a phase of one move.
    window: tuple[float, float] = (0.0, 1.0)

    def progress(self, u: float) -> float:
        """How far along the move (0..1) the body is at a fraction ``u`` of its time."""
        match self.kind:
            case "rise" | "absorb":  # decelerating: gravity on the way up, the legs on landing
                return 1 - (1 - u) ** 2
            case "fall" | "push":  # accelerating: gravity on the way down, the legs into take-off
                return u * u
            case _:
                w0, w1 = self.window
                if (w0, w1) == (0.0, 1.0):
                    return ease(u)
                e0, e1 = ease(w0), ease(w1)
                return (ease(w0 + u * (w1 - w0)) - e0) / (e1 - e0)


def order(n: int, loop: Loop) -> list[int]:
    """Keyframe indexes the loop visits, the first one last again."""
    if loop is Loop.round:
        return [*range(n), 0]
    return [*range(n), *range(n - 2, -1, -1)]


def _height(m: Motion, i: int) -> float:
    """Mean height of the body's points: a stand-in for the centre of mass, which is what
    lowering and lifting move (an RDL barely lowers the pelvis, but tips the trunk down)."""
    points = m.keys[i].points.values()
    return sum(p[1] for p in points) / len(points)


def _airborne(m: Motion, i: int) -> bool:
    return m.postures[i].lift > 0


def _travel(m: Motion, a: int, b: int) -> float:
    pa, pb = m.postures[a].angles, m.postures[b].angles
    return max(abs(pa[k] - pb[k]) for k in pa)


def moves(figure: Figure, m: Motion, tempo: str | None = None) -> list[Move]:
    """The loop's moves with their durations and holds, from the figure's data."""
    lower_s, pause_s, lift_s = tempo_seconds(tempo) if tempo else DEFAULT_TEMPO
    path = order(len(m.keys), figure.loop)
    out: list[Move] = []
    for a, b in itertools.pairwise(path):
        forward = (b == a + 1) or (figure.loop is Loop.round and b == 0)
        given = figure.keyframes[b if forward else a].seconds
        rise = _height(m, b) - _height(m, a)
        if abs(rise) <= LEVEL:
            # A hinge on one leg barely moves the mean height (the free leg rises as the trunk
            # tips down), but it is a lowering, timed by the tempo: the trunk's top says so.
            neck = m.keys[b].points["neck"][1] - m.keys[a].points["neck"][1]
            if abs(neck) > HINGE_DROP:
                rise = math.copysign(LEVEL + 1e-6, neck)
        if _airborne(m, b) and not _airborne(m, a):
            kind, seconds = "rise", _flight(m.keys[b].points["pelvis"][1] - m.keys[a].points["pelvis"][1])
        elif _airborne(m, a) and not _airborne(m, b):
            kind, seconds = "fall", _flight(m.keys[a].points["pelvis"][1] - m.keys[b].points["pelvis"][1])
        elif _airborne(m, _next(path, b)) and not _airborne(m, b) and rise > LEVEL:
            kind, seconds = "push", PUSH_S
        elif _airborne(m, _previous(path, a)) and not _airborne(m, a) and rise < -LEVEL:
            kind, seconds = "absorb", ABSORB_S
        elif rise < -LEVEL:
            kind, seconds = "lower", float(lower_s)
        elif rise > LEVEL:
            kind, seconds = "lift", float(lift_s)
        else:
            travel = _travel(m, a, b) / DEGREES_PER_S
            kind, seconds = "move", min(MOVE_S[1], max(MOVE_S[0], travel))
        if given is not None and kind not in ("rise", "fall"):
            seconds = given
        seconds = max(seconds, 0.001) if kind in ("rise", "fall") else max(seconds, 0.2)
        out.append(Move(a, b, seconds, kind, 0.0))
    out, through = phases(figure, m, out, {"lower": float(lower_s), "lift": float(lift_s)})
    # Holds: at the bottom of a lowering the tempo's pause; a keyframe's own `hold` wins; every
    # keyframe at least long enough to see (the loop's first the longest). None mid-jump, and
    # none at a keyframe a lowering or lifting passes through.
    held: list[Move] = []
    for k, mv in enumerate(out):
        after = out[k + 1] if k + 1 < len(out) else out[0]
        hold = HOLD_END_S if mv.b == path[0] else HOLD_KEY_S
        if mv.kind == "lower" and after.kind == "lift":
            hold = max(hold, float(pause_s))
        if mv.kind in ("push", "rise", "fall") or k in through:
            hold = 0.0  # a jump does not stop: the push runs into the flight, the flight into the landing
        own = figure.keyframes[mv.b].hold
        if own is not None:
            hold = min(own, MAX_HOLD_S)
        held.append(Move(mv.a, mv.b, mv.seconds, mv.kind, hold, mv.window))
    return held


def phases(
    figure: Figure, m: Motion, out: list[Move], tempo: Mapping[str, float]
) -> tuple[list[Move], set[int]]:
    """Join moves the body makes without stopping into one phase, eased once.

    A Nordic curl lowers from upright through 'leaning' to the catch: the tempo's 4 s is the
    time of the whole lowering, not of each part, and the body passes 'leaning' at speed. A
    lateral lunge steps out and sinks into the lunge in one go. A phase ends where the body
    must stop: at the loop's first keyframe, where the path turns back, at the bottom of a
    lowering that turns into a lift (the tempo's pause), at a keyframe with its own ``hold``,
    and around a jump (its push, flight and landing follow physics). In a phase the lowering
    moves share the tempo's lowering time by their joint travel (the lifting ones its lifting
    time), and a phase that lowers (or lifts) and only moves on
    the way takes the tempo's time as a whole. Returns the moves, each with its ``window`` of the
    phase's time, and the indexes of the moves whose end keyframe the body passes through.
    """
    timed: list[Move] = list(out)
    through: set[int] = set()
    k = 0
    while k < len(out):
        end = k
        while end + 1 < len(out) and _passes(figure, out, end):
            end += 1
        if end > k:
            run = out[k : end + 1]
            kinds = {mv.kind for mv in run} & set(tempo)
            free = [j for j, mv in enumerate(run) if _given(figure, mv) is None]
            seconds = [mv.seconds for mv in run]
            if len(kinds) == 1 and free:
                # A lowering (or a lift) with moves on the way, such as the step out into a
                # lateral lunge: the tempo times the whole phase, shared by joint travel.
                kind = kinds.pop()
                left = max(tempo[kind] - sum(mv.seconds for j, mv in enumerate(run) if j not in free), 0.2)
                travel = sum(_weight(m, run[j]) for j in free)
                for j in free:
                    seconds[j] = left * _weight(m, run[j]) / travel
            total = sum(seconds)
            done = 0.0
            for j, mv in enumerate(run):
                w0 = done / total
                done += seconds[j]
                w1 = 1.0 if j == len(run) - 1 else done / total
                timed[k + j] = replace(mv, seconds=seconds[j], window=(w0, w1))
            through.update(range(k, end))
        k = end + 1
    return timed, through


JUMP_KINDS = frozenset({"push", "rise", "fall", "absorb"})


def _passes(figure: Figure, out: Sequence[Move], k: int) -> bool:
    """Whether the body goes on from move k into move k + 1 without stopping at the keyframe
    between them."""
    into, onward = out[k], out[k + 1]
    if into.kind in JUMP_KINDS or onward.kind in JUMP_KINDS:
        return False
    if onward.b == into.a:  # the path turns back here
        return False
    if into.kind == "lower" and onward.kind == "lift":  # the bottom: the tempo's pause
        return False
    if into.b == out[0].a:  # the loop's first keyframe, where a reader looks first
        return False
    return figure.keyframes[into.b].hold is None


def _given(figure: Figure, mv: Move) -> float | None:
    """The ``seconds`` the data gives a move (on the keyframe it arrives at, or leaves on the
    way back)."""
    forward = mv.b == mv.a + 1 or (figure.loop is Loop.round and mv.b == 0)
    return figure.keyframes[mv.b if forward else mv.a].seconds


def _weight(m: Motion, mv: Move) -> float:
    return max(_travel(m, mv.a, mv.b), 1.0)


def _next(path: Sequence[int], i: int) -> int:
    k = path.index(i)
    return path[k + 1] if k + 1 < len(path) else path[1]


def _previous(path: Sequence[int], i: int) -> int:
    k = len(path) - 1 - path[::-1].index(i)
    return path[k - 1] if k > 0 else path[-2]


def _flight(rise: float) -> float:
    """Seconds to rise (or fall) a height given in figure units, under gravity."""
    metres = max(0.0, rise) * PERSON_CM / 100
    return math.sqrt(2 * metres / GRAVITY)


@dataclass(frozen=True)
class Frame:
    a: int  # the keyframe the move comes from
    b: int  # the keyframe it goes to (a == b: at keyframe a)
    t: float  # 0..1 of the way from a to b, on the grid of that pair (``positions``)
    ms: int


def positions(all_moves: Sequence[Move]) -> dict[frozenset[int], int]:
    """How many steps each pair of keyframes is cut into, the same both ways.

    In-between bodies sit on that grid (k / n of the way), so the way back between two
    keyframes shows the very bodies of the way there and each is drawn once; a slow move
    gets a finer grid than a quick one, about one position per ``STEP_S`` of its time.
    """
    longest: dict[frozenset[int], float] = {}
    for mv in all_moves:
        pair = frozenset((mv.a, mv.b))
        longest[pair] = max(longest.get(pair, 0.0), mv.seconds)
    return {pair: max(MIN_STEPS, min(MAX_STEPS, round(s / STEP_S))) for pair, s in longest.items()}


def timeline(figure: Figure, m: Motion, tempo: str | None = None) -> list[Frame]:
    """Every frame of the loop with its duration; the first frame is the first keyframe.

    Each move shows the grid positions of its pair of keyframes (see ``positions``), each for as
    long as the move is nearest to it: a slow start and end linger, the quick middle passes.
    The loop's last move arrives at the first keyframe, which is the first frame: its time and
    hold are added to that frame rather than repeating it.
    """
    all_moves = moves(figure, m, tempo)
    grid = positions(all_moves)
    start = all_moves[0].a
    frames: list[tuple[int, int, float]] = [(start, start, 0.0)]
    seconds: list[float] = [all_moves[-1].hold]

    def show(at: tuple[int, int, float], s: float) -> None:
        if frames[-1] == at:
            seconds[-1] += s
        else:
            frames.append(at)
            seconds.append(s)

    for i, mv in enumerate(all_moves):
        steps = grid[frozenset((mv.a, mv.b))]
        # How long the move is nearest to each grid position, from a fine sampling of its
        # progress curve: each position is shown exactly that long (no judder from rounding).
        n = SAMPLES_PER_S * max(1, math.ceil(mv.seconds))
        near = [0.0] * (steps + 1)
        for k in range(n):
            near[round(mv.progress((k + 0.5) / n) * steps)] += mv.seconds / n
        carry = 0.0  # a position shown for less than a browser can show goes to the next one
        for g in range(steps + 1):
            s = near[g] + carry
            if s <= 0.0:
                continue
            if 0 < g < steps and s < MIN_FRAME_MS / 1000:
                carry = s
                continue
            carry = 0.0
            if g == 0:
                show((mv.a, mv.a, 0.0), s)
            elif g < steps:
                show((mv.a, mv.b, g / steps), s)
            elif i == len(all_moves) - 1:  # arrived back at the loop's first frame
                seconds[0] += s
            else:
                show((mv.b, mv.b, 0.0), s)
        if i < len(all_moves) - 1:
            if frames[-1] != (mv.b, mv.b, 0.0):  # never skip showing a keyframe
                frames.append((mv.b, mv.b, 0.0))
                seconds.append(0.0)
            seconds[-1] += mv.hold
    # A keyframe passed through at speed may be nearest for less than a browser shows: it
    # takes over the in-between position next to it, so it is still seen and the total stays.
    floor_s = MIN_FRAME_MS / 1000
    k = 1
    while k < len(seconds):
        a, b, _ = frames[k]
        if a == b and seconds[k] < floor_s:
            neighbours = [j for j in (k - 1, k + 1) if 0 < j < len(frames) and frames[j][0] != frames[j][1]]
            if neighbours:
                into = min(neighbours, key=lambda n: seconds[n])
                seconds[k] += seconds[into]
                del frames[into], seconds[into]
                k = min(k, into)
                continue
        k += 1
    # Whole milliseconds that add up to the exact total, so long loops do not drift.
    out: list[Frame] = []
    spent, shown = 0.0, 0
    for (a, b, t), s in zip(frames, seconds, strict=True):
        spent += s
        ms = round(spent * 1000) - shown
        shown += ms
        out.append(Frame(a, b, t, ms))
    return out


def body_at(m: Motion, a: int, b: int, t: float) -> tuple[tuple[int, int, float], Body]:
    """The body a fraction t of the way from key a to key b, and a key that names it uniquely
    (the way back between two keyframes passes the same bodies as the way there)."""
    if t <= 0.0 or a == b:
        return (a, a, 0.0), m.keys[a]
    if t >= 1.0:
        return (b, b, 0.0), m.keys[b]
    if a == b + 1:  # the way back: the same grid position, named from the lower key
        a, b, t = b, a, round(1 - t, 9)
    return (a, b, round(t, 9)), m.between_keys(a, b, t)


def render_frames(figure: Figure, tempo: str | None = None) -> tuple[list[Image.Image], list[int]]:
    """The animation's frames, whole (one image per distinct pose, the same object again where
    the timeline comes back to it), and each frame's milliseconds."""
    kept, durations = _frames(figure, tempo)
    whole = {id(f): _tile(f, (0, 0, *f.size)) for f in kept}
    return [whole[id(f)] for f in kept], durations


@dataclass(frozen=True)
class Trimmed:
    """A frame kept as its box that is not transparent (``image``, RGBA) at ``at`` in a frame of
    ``size``: most of an animation's frame is empty sky and floor."""

    image: Image.Image
    at: tuple[int, int]
    size: tuple[int, int]


def trim(im: Image.Image, at: tuple[int, int] = (0, 0), size: tuple[int, int] | None = None) -> Trimmed:
    """``im`` (at ``at`` in a frame of ``size``, itself by default) kept as its non-empty box."""
    rgba = im if im.mode == "RGBA" else im.convert("RGBA")
    box = rgba.getchannel("A").getbbox() or (0, 0, 0, 0)
    return Trimmed(rgba.crop(box), (at[0] + box[0], at[1] + box[1]), size or im.size)


def _frames(figure: Figure, tempo: str | None) -> tuple[list[Trimmed], list[int]]:
    """The distinct frames, each kept as its non-empty box as soon as it is drawn (the same
    object again where the timeline comes back to it), and each frame's milliseconds.

    The page shows the animation cropped to one strip frame's width, centred (the figure is
    drawn at the strip's scale: pages.pictures), so only that crop is drawn (the floor line
    across it, and a pixel more where its edge falls mid-pixel): beyond it nobody sees
    anything, and a floor line across the whole 960 px made each frame as costly to encode as
    the whole picture (see ``encode_webp``). A close-up's ring goes inside that crop, where the
    strip puts it.
    """
    f = frame(figure, width=style.ANIMATION_WIDTH_PX)
    m = f.motion
    props = tuple(figure.props)
    left = (f.width - f.shown) // 2
    size = ((f.width + f.shown + 1) // 2 - left, f.height)
    cam = Camera(f.camera.scale, f.camera.x0 - left, f.camera.floor)
    rendered: dict[tuple[int, int, float], Trimmed] = {}
    images: list[Trimmed] = []
    durations: list[int] = []
    for fr in timeline(figure, m, tempo):
        key, body = body_at(m, fr.a, fr.b, fr.t)
        if key not in rendered:
            image = render_body(
                body,
                figure.view,
                props,
                cam,
                size,
                box=m.box,
                grip=figure.grip,
                scenery=m.scenery,
                ss=style.ANIMATION_SUPERSAMPLE,
            )
            # A keyframe's close-up shows while the animation holds that keyframe; one drawn
            # from the pose (the heel's height) follows the foot through every frame.
            inset = figure.keyframes[key[0]].inset if key[0] == key[1] else None
            if Inset.foot in {k.inset for k in figure.keyframes}:
                inset = Inset.foot
            if inset is not None:
                ground = m.key_ground(key[0]) if key[0] == key[1] else m.ground
                # Into exactly the strip frame's width: the ring is placed from the frame's size.
                inside = image.crop((0, 0, f.shown, f.height)) if size[0] != f.shown else image
                draw_inset(
                    inside,
                    inset,
                    target(figure, inset, body, cam),
                    ring_side(figure, inset),
                    body,
                    figure.view,
                    ground,
                )
                if inside is not image:
                    image.paste(inside, (0, 0))
            rendered[key] = trim(image, (left, 0), (f.width, f.height))
        images.append(rendered[key])
        durations.append(fr.ms)
    return images, durations


def encode_webp(frames: Sequence[Image.Image | Trimmed], durations: Sequence[int]) -> bytes:
    """Lossless animated WebP with fixed settings, so equal frames give equal bytes; it decodes
    to the very pixels drawn, each frame for its milliseconds.

    Each frame is written as the rectangle in which it differs from the frame before it (the
    first: the box that holds every frame's drawing), replacing what was there; a frame equal
    to the one before it adds its time to that one. The rectangles are lossless WebP stills and
    the file is put together here (``_container``): libwebp's animation encoder did the same
    work at the whole canvas's size for every frame (copies, the changed rectangle, a key frame
    to try now and then). Measured on 13 animations of the import (CPU an animation): 68 ms
    and 61.9 KB, where libwebp's animation encoder took 109 ms and 62.8 KB given the box every
    frame's drawing fits in, and 180 ms given the whole 960 px canvas.

    Not quantised: frames drawn with a box filter from flat colours hold few colours (48 to 163
    in a whole animation of the import, 48 to 90 in one frame) and lossless WebP gives each
    rectangle a palette of its own when it has at most 256. Quantising the frames to 64 colours
    (the fast octree, once over all of them so that a pixel that does not change keeps its
    colour) made the files 8 % smaller for 70 ms of an animation's CPU, and moved edge pixels by
    up to 27 levels; quantised frame by frame, as before, a colour rounded another way from one
    frame to the next and the changed rectangle tripled for some (249 000 px a frame, not 71 000).

    Encoder settings (``STILL_QUALITY``, ``STILL_METHOD``), measured on the 425 rectangles of
    those 13 animations (CPU an animation): ``quality`` (lossless: how hard libwebp searches) 25
    and ``method`` 1: 51 ms and 61.8 KB; method 2 wrote the same bytes for 416 of them in 54 ms,
    3 took 69 ms for 61.7 KB, quality 50 68 ms for 62.4 KB; method 0 took 27 ms but wrote 89.8 KB,
    quality 0 32 ms and 70.1 KB. Since the frames are drawn at 2× (``style.ANIMATION_SUPERSAMPLE``:
    fewer edge colours), again on the guide's 37 animations (CPU of all, their average file):
    quality 25 5.05 s and 57.6 KB, quality 10 4.71 s and 64.0 KB, quality 0 4.51 s and 64.0 KB,
    quality 50 5.61 s and 57.9 KB, method 0 4.40 s and 83.8 KB. Quality 0: a tenth less CPU for
    files still a tenth smaller than the 3× frames' at quality 25 (71.7 KB).
    """
    if not frames:
        raise ValueError("an animation needs at least one frame")
    trimmed: dict[int, Trimmed] = {}
    for im in frames:
        if id(im) not in trimmed:
            trimmed[id(im)] = im if isinstance(im, Trimmed) else trim(im)
    size = next(iter(trimmed.values())).size
    box = _union(list(trimmed.values()), size)
    shown: list[tuple[tuple[int, int, int, int], int, bytes]] = []  # rectangle, ms, still
    # One frame's tile at a time beside the one before it (not all of them at once: the 69
    # frames of the push-up side plank are 40 MB as boxes, as much again as tiles).
    before: tuple[int, Image.Image] | None = None
    for im, ms in zip(frames, durations, strict=True):
        if before is None:
            tile = _tile(trimmed[id(im)], box)
            changed: tuple[int, int, int, int] | None = (0, 0, *tile.size)
        elif id(im) == before[0]:
            changed = None
        else:
            tile = _tile(trimmed[id(im)], box)
            changed = ImageChops.difference(tile, before[1]).getbbox(alpha_only=False)
        if changed is None:  # the same picture: shown longer
            rect, was, still = shown[-1]
            shown[-1] = (rect, was + ms, still)
            continue
        # Frames are placed at even pixels (WebP stores an offset halved).
        rect = (changed[0] // 2 * 2, changed[1] // 2 * 2, changed[2], changed[3])
        placed = (rect[0] + box[0], rect[1] + box[1], rect[2] + box[0], rect[3] + box[1])
        shown.append((placed, ms, _still(tile.crop(rect))))
        before = (id(im), tile)
    return _container(size, shown)


def _union(frames: Sequence[Trimmed], size: tuple[int, int]) -> tuple[int, int, int, int]:
    """The box holding every frame's drawing, its corner on even pixels (WebP stores a frame's
    offset halved); two pixels at the corner when nothing is drawn."""
    drawn = [f for f in frames if f.image.width and f.image.height]
    if not drawn:
        return (0, 0, min(2, size[0]), min(2, size[1]))
    x0 = min(f.at[0] for f in drawn) // 2 * 2
    y0 = min(f.at[1] for f in drawn) // 2 * 2
    x1 = max(f.at[0] + f.image.width for f in drawn)
    y1 = max(f.at[1] + f.image.height for f in drawn)
    return (x0, y0, x1, y1)


def _tile(f: Trimmed, box: tuple[int, int, int, int]) -> Image.Image:
    """A frame's part inside ``box``, transparent where the frame has nothing."""
    if f.at == box[:2] and f.image.size == (box[2] - box[0], box[3] - box[1]):
        return f.image
    tile = Image.new("RGBA", (box[2] - box[0], box[3] - box[1]), (0, 0, 0, 0))
    if f.image.width and f.image.height:
        tile.paste(f.image, (f.at[0] - box[0], f.at[1] - box[1]))
    return tile


def _still(image: Image.Image) -> bytes:
    """A lossless WebP still's image chunk (VP8L, alpha included): one frame's data."""
    out = io.BytesIO()
    image.save(out, format="WEBP", lossless=True, quality=STILL_QUALITY, method=STILL_METHOD, exact=True)
    data = out.getvalue()
    found = [data[body - 8 : body + size + (size & 1)] for tag, body, size in _chunks(data) if tag == b"VP8L"]
    if len(found) != 1:
        raise ValueError("libwebp wrote no lossless image chunk")
    return found[0]


def _chunks(data: bytes) -> list[tuple[bytes, int, int]]:
    """A WebP file's chunks: each one's tag, where its payload starts and its length."""
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise ValueError("not a WebP file")
    out, pos = [], 12
    while pos + 8 <= len(data):
        size = int.from_bytes(data[pos + 4 : pos + 8], "little")
        out.append((data[pos : pos + 4], pos + 8, size))
        pos += 8 + size + (size & 1)  # chunks are padded to an even length
    return out


def _container(
    size: tuple[int, int], frames: Sequence[tuple[tuple[int, int, int, int], int, bytes]]
) -> bytes:
    """An animated WebP file (https://developers.google.com/speed/webp/docs/riff_container):
    a canvas of ``size`` that loops for ever, and each frame's still drawn over its rectangle
    (at even pixels) for its milliseconds, replacing what was there (no blending) and left in
    place for the next (no disposal). A loop starts again from a clear canvas."""
    body = bytearray()
    body += _chunk(
        b"VP8X", bytes([0x12, 0, 0, 0]) + _u24(size[0] - 1) + _u24(size[1] - 1)
    )  # alpha, animation
    body += _chunk(b"ANIM", bytes(4) + (0).to_bytes(2, "little"))  # transparent, loop for ever
    for (x0, y0, x1, y1), ms, still in frames:
        if x0 % 2 or y0 % 2:
            raise ValueError(f"a frame's offset must be even, not {(x0, y0)}")
        header = _u24(x0 // 2) + _u24(y0 // 2) + _u24(x1 - x0 - 1) + _u24(y1 - y0 - 1) + _u24(ms)
        body += _chunk(b"ANMF", header + bytes([0x02]) + still)  # do not blend, do not dispose
    return b"RIFF" + len(body + b"WEBP").to_bytes(4, "little") + b"WEBP" + bytes(body)


def _chunk(tag: bytes, payload: bytes) -> bytes:
    return tag + len(payload).to_bytes(4, "little") + payload + bytes(len(payload) & 1)


def _u24(n: int) -> bytes:
    return n.to_bytes(3, "little")


def render_animation(figure: Figure, tempo: str | None = None) -> bytes:
    # Each distinct frame is kept as its non-empty box as soon as it is drawn (a fraction of its
    # whole RGBA). Kept whole, and then quantised copies beside them, the 69 frames of the
    # push-up side plank held ~280 MB in one picture worker, and a cold build's processes
    # together passed the 500 MiB a coach's laptop is promised (benchmarks/scale.py).
    images, durations = _frames(figure, tempo)
    return encode_webp(images, durations)
