"""Muscle maps: every muscle of the vocabulary has a region, coloured by its role."""

from __future__ import annotations

import itertools

import pytest
from PIL import Image, ImageChops

from generator.figures.muscles import SECONDARY, known_muscles, render_muscle_map
from generator.figures.style import ACCENT
from generator.model import Guide


def test_every_vocabulary_muscle_is_drawn(guide: Guide) -> None:
    assert set(guide.muscles) <= known_muscles()


def test_primary_and_secondary_colours_appear() -> None:
    image = render_muscle_map(["hamstrings"], ["glute-medius"])
    colours = {c for _, c in image.getcolors(1_000_000) or []}
    assert (*ACCENT, 255) in colours
    assert (*SECONDARY, 255) in colours
    bodies = render_muscle_map([], []).crop((0, 0, 480, 470))  # above the labels and legend
    assert (*ACCENT, 255) not in {c for _, c in bodies.getcolors(1_000_000) or []}


def test_the_parts_of_a_map_are_drawn_once_per_size_and_coloured_per_map() -> None:
    # A library has hundreds of maps (one per set of muscles) in three sizes: the polygons and
    # the big reduction are done once per size, each map only colours the parts.
    from generator.figures import muscles

    muscles._indexed.cache_clear()
    first = render_muscle_map(["hamstrings"], ["glute-medius"])
    second = render_muscle_map(["quadriceps"], [])
    assert muscles._indexed.cache_info().misses == 1 and muscles._indexed.cache_info().hits >= 1
    assert first.tobytes() != second.tobytes()
    again = render_muscle_map(["hamstrings"], ["glute-medius"])
    assert again.tobytes() == first.tobytes()  # the same bytes from the kept parts


def test_each_muscle_colours_its_own_region_only() -> None:
    from generator.figures import muscles

    idle = render_muscle_map([], [])
    changed: dict[str, set[int]] = {}
    for muscle in sorted(known_muscles() - {muscles.bodymap.BELT_MUSCLE}):
        image = render_muscle_map([muscle], [])
        diff = ImageChops.difference(image, idle).convert("L").point(lambda v: 255 if v > 24 else 0)
        changed[muscle] = {i for i, v in enumerate(diff.tobytes()) if v}
        accent = sum(n for n, c in image.getcolors(1_000_000) or [] if c == (*ACCENT, 255))
        # A region of solid accent, not a tinted edge (the fibularis, the narrowest, has 95
        # pixels: 41 of them wholly inside its region, the others at most a step off).
        assert accent >= 90, muscle
    for a, b in itertools.combinations(changed, 2):
        assert len(changed[a] & changed[b]) <= 8, (a, b)  # at most a shared edge pixel or two


def test_the_core_belt_is_drawn_over_the_waist_and_past_it() -> None:
    from generator.figures import bodymap

    plain = render_muscle_map([], [])
    belt = render_muscle_map([bodymap.BELT_MUSCLE], [])
    accent = sum(n for n, c in belt.getcolors(1_000_000) or [] if c == (*ACCENT, 255))
    assert accent > 300
    # The belt runs out past the body's outline: pixels clear before are coloured now.
    opaque = ImageChops.subtract(belt.getchannel("A"), plain.getchannel("A"))
    assert opaque.getbbox() is not None


def _painted_whole(
    size: tuple[int, int], gap: float, scale: tuple[float, float], ss: int, colours: dict
) -> bytes:
    """The bodies painted the plain way: every colour laid over the whole picture through the
    union of its muscles' coverage, then the belt, then the outline's alpha."""
    from generator.figures import muscles

    layers = muscles._layers(size, scale[0], scale[1], gap, ss)
    image = Image.new("RGBA", size, (*muscles.BODY, 255))
    by_colour: dict = {}
    for muscle in muscles._MUSCLES:
        by_colour.setdefault(colours.get(muscle, muscles.IDLE), []).append(muscle)
    for colour, group in by_colour.items():
        mask = layers.muscles[group[0]]
        for m in group[1:]:
            mask = ImageChops.add(mask, layers.muscles[m])
        image.paste((*colour, 255), mask=mask)
    belt = colours.get(muscles.bodymap.BELT_MUSCLE)
    if belt is not None:
        image.paste((*belt, 255), mask=layers.belt)
    image.putalpha(layers.alpha if belt is None else layers.belted)
    return image.tobytes()


@pytest.mark.parametrize(
    ("primary", "secondary"),
    [
        ([], []),
        (["hamstrings"], ["glute-medius"]),
        (["glute-max", "quadriceps"], ["adductors", "gastrocnemius", "soleus"]),  # neighbours
        (["chest", "shoulders", "triceps"], ["transverse-abdominis"]),  # the belt
        (["obliques", "rectus-abdominis"], ["lower-back", "transverse-abdominis"]),
        (sorted(known_muscles()), []),  # nothing idle
        ([], sorted(known_muscles() - {"soleus"})),
    ],
)
def test_repainting_only_the_worked_muscles_boxes_gives_the_whole_picture_painted(
    primary: list[str], secondary: list[str]
) -> None:
    # Each map is the idle map with only its worked muscles' boxes painted again: byte for byte
    # what painting every colour over the whole picture gives, at each of the three sizes.
    from generator.figures import muscles

    colours = muscles._colours(primary, secondary)
    for size, scale, gap, ss in (
        (muscles._FULL_SIZE, (muscles._FULL_BODY_H, muscles._FULL_TOP), 36, 2),
        ((160, 180), (168, 6), 10, muscles.SS),
        ((400, 450), (168 * 2.5, 6 * 2.5), 10 * 2.5, 2),
    ):
        composed, _, _ = muscles._body_pair(size, *scale, gap, colours, ss=ss)
        assert composed.tobytes() == _painted_whole(size, gap, scale, ss, colours), size


def test_each_map_repaints_only_its_worked_muscles_and_draws_captions_once() -> None:
    from generator.figures import muscles

    muscles._captions.cache_clear()
    muscles._indexed.cache_clear()
    idle = render_muscle_map([], [])
    one = render_muscle_map(["soleus"], [])
    assert muscles._captions.cache_info().misses == 1
    changed = ImageChops.difference(idle.convert("RGB"), one.convert("RGB")).getbbox()
    box = muscles._layers(muscles._FULL_SIZE, muscles._FULL_BODY_H, muscles._FULL_TOP, 36, 2).boxes["soleus"]
    assert changed is not None
    assert box[0] <= changed[0] and box[1] <= changed[1] and changed[2] <= box[2] and changed[3] <= box[3]
    # The captions ("Front", "Back", the legend) are the same pixels on every map.
    assert idle.crop((0, 474, 480, idle.height)).tobytes() == one.crop((0, 474, 480, one.height)).tobytes()


def test_a_map_of_a_few_muscles_paints_a_few_boxes_not_the_picture(monkeypatch: pytest.MonkeyPatch) -> None:
    # A library has a map per set of muscles (264 full maps, as many thumbnails and link-preview
    # panels at 850 exercises): each paints its worked muscles' boxes over a copy of the idle
    # map, not every colour over the whole picture.
    from generator.figures import muscles

    muscles.render_muscle_map(["soleus"], ["gastrocnemius"])  # the parts, drawn once
    painted: list[int] = []
    paste = Image.Image.paste

    def counting(self: Image.Image, im: object, box: object = None, mask: Image.Image | None = None) -> None:
        size = im.size if isinstance(im, Image.Image) else (mask.size if mask is not None else self.size)
        painted.append(size[0] * size[1])
        paste(self, im, box, mask)  # type: ignore[arg-type]

    monkeypatch.setattr(Image.Image, "paste", counting)
    muscles._body_pair(
        muscles._FULL_SIZE, muscles._FULL_BODY_H, muscles._FULL_TOP, 36, {"soleus": ACCENT}, ss=2
    )
    assert sum(painted) < 0.1 * muscles._FULL_SIZE[0] * muscles._FULL_SIZE[1]


MAPS = [
    ([], []),
    (["hamstrings"], ["glute-medius"]),
    (["glute-max", "quadriceps"], ["adductors", "gastrocnemius", "soleus"]),
    (["chest", "shoulders", "triceps"], ["transverse-abdominis"]),
    (sorted(known_muscles()), []),
    ([], sorted(known_muscles() - {"soleus"})),
]


def _over(image: Image.Image, background: tuple[int, int, int]) -> Image.Image:
    base = Image.new("RGBA", image.size, (*background, 255))
    base.alpha_composite(image)
    return base.convert("RGB")


@pytest.mark.parametrize(("primary", "secondary"), MAPS)
def test_a_published_map_is_its_picture_and_close_to_the_drawing(
    primary: list[str], secondary: list[str]
) -> None:
    # Published from one index picture per size and a palette per map (figures/mapindex.py):
    # the PNG shows the pixels render_* gives, and they are the drawn map's within a level or
    # so on average, on a light page and a dark one (the octree quantiser it replaces was
    # 0.5-1.15 levels off on average, 31 at worst).
    import io

    from PIL import ImageStat

    from generator.figures import muscles

    colours = muscles._colours(primary, secondary)
    for data, picture, drawn in (
        (
            muscles.muscle_map_png(primary, secondary),
            render_muscle_map(primary, secondary),
            muscles._body_pair(
                muscles._FULL_SIZE, muscles._FULL_BODY_H, muscles._FULL_TOP, 36, colours, ss=2
            )[0],
        ),
        (
            muscles.muscle_map_small_png(primary, secondary),
            muscles.render_muscle_map_small(primary, secondary),
            muscles._body_pair((160, 180), 168, 6, 10, colours)[0],
        ),
    ):
        published = Image.open(io.BytesIO(data))
        assert published.mode == "P" and published.size == picture.size
        assert published.convert("RGBA").tobytes() == picture.tobytes()
        if drawn.size == muscles._FULL_SIZE:
            top, band = muscles._captions()
            drawn.paste(band, (0, top))
        for background in ((255, 255, 255), (30, 33, 41)):
            diff = ImageChops.difference(_over(picture, background), _over(drawn, background))
            assert sum(ImageStat.Stat(diff).mean) / 3 < 1.5, (background, picture.size)
            assert max(high for _, high in diff.getextrema()) <= 64


def test_swatches_hold_every_flat_colour_exactly() -> None:
    from generator.figures import muscles

    for colour in (muscles.BODY, muscles.IDLE, ACCENT, SECONDARY):
        assert (*colour, 255) in muscles.SWATCHES
    assert len(muscles.SWATCHES) + muscles.CAPTION_COLOURS <= 256
