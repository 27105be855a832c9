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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from PIL import Image

from ..model import Figure, Inset, Loop, Pattern, tempo_seconds
from . import style
from .draw import render_body
from .inset import draw_inset, ring_side, target
from .layout import frame
from .motion import PERSON_CM, Motion, ease
from .skeleton import Body

COLOURS = 64  # per frame: flat art needs few, and a palette shrinks lossless WebP threefold
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


def render_frames(
    figure: Figure,
    tempo: str | None = None,
    *,
    finish: Callable[[Image.Image], Image.Image] | None = None,
) -> tuple[list[Image.Image], list[int]]:
    """The animation's frames (one image per distinct pose, repeated where the timeline comes
    back to it) and each frame's milliseconds. ``finish`` turns each distinct frame into what is
    kept, as soon as it is drawn (``render_animation``: its palette image)."""
    f = frame(figure, width=style.ANIMATION_WIDTH_PX)
    m = f.motion
    props = tuple(figure.props)
    rendered: dict[tuple[int, int, float], Image.Image] = {}
    # The page shows the animation cropped to one strip frame's width, centred (the figure is
    # drawn at the strip's scale: pages.pictures), so a close-up's ring goes inside that crop,
    # where the strip puts it, not at the edge of the whole 960 px picture.
    shown = (0, 0, f.width, f.height)
    if any(k.inset is not None for k in figure.keyframes):
        crop = min(frame(figure).width, f.width)
        shown = ((f.width - crop) // 2, 0, (f.width - crop) // 2 + crop, f.height)
    images: list[Image.Image] = []
    durations: list[int] = []
    for fr in timeline(figure, m, tempo):
        key, body = body_at(m, fr.a, fr.b, fr.t)
        if key not in rendered:
            rendered[key] = render_body(
                body,
                figure.view,
                props,
                f.camera,
                (f.width, f.height),
                box=m.box,
                grip=figure.grip,
                scenery=m.scenery,
            )
            # A keyframe's close-up shows while the animation holds that keyframe; one drawn
            # from the pose (the heel's height) follows the foot through every frame.
            inset = figure.keyframes[key[0]].inset if key[0] == key[1] else None
            if Inset.foot in {k.inset for k in figure.keyframes}:
                inset = Inset.foot
            if inset is not None:
                ground = m.key_ground(key[0]) if key[0] == key[1] else m.ground
                tx, ty = target(figure, inset, body, f.camera)
                inside = rendered[key].crop(shown)
                draw_inset(
                    inside,
                    inset,
                    (tx - shown[0], ty),
                    ring_side(figure, inset),
                    body,
                    figure.view,
                    ground,
                )
                rendered[key].paste(inside, shown[:2])
            if finish is not None:
                rendered[key] = finish(rendered[key])
        images.append(rendered[key])
        durations.append(fr.ms)
    return images, durations


def encode_webp(images: list[Image.Image], durations: list[int]) -> bytes:
    """Lossless animated WebP with fixed settings, so equal frames give equal bytes.

    Measured on the four source exercises: quantising to 64 colours cuts the files from
    ~500 KB to ~150 KB with no visible change (edges are colour-over-transparent); effort
    settings barely matter (method 6 saves <1 % and takes 60× longer), so method 2 it is.
    ``quality`` (lossless: how hard libwebp searches) 25 rather than 50: on 7 animations of
    the guide 143 ms rather than 163 a file to encode, and 0.8 % smaller (52.7 KB, 53.1 KB);
    0 is faster still (130 ms) but 6 % larger. Lossless either way: the same pixels.
    A full key frame at most every 20 frames (libwebp's default is far more often) halves the
    encoding time at the same size; the frames decode to the same pixels. A frame shown twice
    (the way back over the way there) is quantised once.
    """
    quantised: dict[int, Image.Image] = {}
    palette = []
    for im in images:
        if id(im) not in quantised:
            # A palette frame (render_animation's) is already quantised: WebP's writer expands
            # it to the same RGBA pixels, so the bytes are the same either way.
            quantised[id(im)] = im if im.mode == "P" else _palette_frame(im)
        palette.append(quantised[id(im)])
    out = io.BytesIO()
    palette[0].save(
        out,
        format="WEBP",
        save_all=True,
        append_images=palette[1:],
        duration=durations,
        loop=0,
        lossless=True,
        quality=25,
        method=2,
        kmin=19,
        kmax=20,
        background=(0, 0, 0, 0),
    )
    return out.getvalue()


def _quantise(im: Image.Image) -> Image.Image:
    """``_palette_frame(im)`` as RGBA: the pixels the WebP writer is given."""
    return _palette_frame(im).convert("RGBA")


def _palette_frame(im: Image.Image) -> Image.Image:
    """``COLOURS`` colours, quantised over only the part of the frame that holds the figure, as a
    palette image (one byte a pixel, not four); the rest takes one more, fully transparent entry.

    Above the figure and below the floor line a frame is fully transparent (half its rows); so
    is most of each row beside the figure, but for the floor line, which crosses the frame from
    edge to edge in one colour. Only the figure's columns are quantised, with a few pixels of
    bare floor line either side; the line beyond them takes the index its bare pixels got.
    Measured on the guide's 37 animations: 45 ms rather than 90 of an animation's CPU; 35 come
    out byte for byte as quantising whole rows gave, two differ by one level in a few colours
    (the octree counts fewer transparent and floor pixels), 0.3 % more bytes over all.
    """
    alpha = im.getchannel("A")
    box = alpha.getbbox()
    if box is None:
        out = Image.new("P", im.size, 0)
        out.putpalette([0, 0, 0, 0], rawmode="RGBA")
        return out
    top, bottom = box[1], box[3]
    x0, x1 = _figure_columns(alpha, box)
    flat = im.crop((x0, top, x1, bottom)).quantize(
        colors=COLOURS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
    )
    entries = flat.getpalette(rawmode="RGBA") or []
    clear = len(entries) // 4  # at most COLOURS entries: room for the transparent one
    out = Image.new("P", im.size, clear)
    out.putpalette([*entries, 0, 0, 0, 0], rawmode="RGBA")
    if (x0, x1) != (0, im.width):
        # The floor line's rows outside the columns: its bare colour, the index its bare pixels
        # just inside the columns got (the same RGBA quantises to the same index).
        for y in _edge_rows(alpha, top, bottom):
            out.paste(_index(flat, (0, y - top)), (0, y, x0, y + 1))
            out.paste(_index(flat, (x1 - x0 - 1, y - top)), (x1, y, im.width, y + 1))
    out.paste(flat, (x0, top))  # same mode: the palette indices are copied as they are
    return out


def _index(image: Image.Image, xy: tuple[int, int]) -> int:
    """A palette image's pixel: the index of its colour."""
    value = image.getpixel(xy)
    if not isinstance(value, int):
        raise TypeError(f"not a palette image's pixel: {value!r}")
    return value


FLOOR_MARGIN = 3  # px of bare floor line kept either side of the figure's columns


def _edge_rows(alpha: Image.Image, top: int, bottom: int) -> list[int]:
    """The rows (between top and bottom) that reach the frame's left edge: the floor line's."""
    edge = alpha.crop((0, top, 1, bottom)).getbbox()
    if edge is None:
        return []
    return [y for y in range(top + edge[1], top + edge[3]) if alpha.getpixel((0, y))]


def _figure_columns(alpha: Image.Image, box: tuple[int, int, int, int]) -> tuple[int, int]:
    """The columns holding everything but a floor line crossing the whole frame, with a few
    pixels of bare line either side; the whole width when the line is not bare there (the
    rows that reach the left edge are not all equal, or a part reaches an edge)."""
    rows = _edge_rows(alpha, box[1], box[3])
    if not rows:
        return box[0], box[2]
    others = alpha.copy()
    for y in rows:
        others.paste(0, (0, y, alpha.width, y + 1))
    inner = others.getbbox()
    if inner is None:
        return 0, alpha.width
    x0, x1 = inner[0] - FLOOR_MARGIN, inner[2] + FLOOR_MARGIN
    if x0 <= 0 or x1 >= alpha.width:
        return 0, alpha.width
    return x0, x1


def render_animation(figure: Figure, tempo: str | None = None) -> bytes:
    # Each distinct frame is quantised as soon as it is drawn and kept as a palette image, a
    # quarter of its RGBA bytes. Kept as RGBA, and then quantised copies beside them, the 69
    # frames of the push-up side plank held ~280 MB in one picture worker, and a cold build's
    # processes together passed the 500 MiB a coach's laptop is promised (benchmarks/scale.py).
    images, durations = render_frames(figure, tempo, finish=_palette_frame)
    return encode_webp(images, durations)
