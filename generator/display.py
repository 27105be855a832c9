"""What pages need to know about the pictures, without drawing any: sizes, names, alt text.

Shared by the renderer (``generator.figures``) and the pages (``generator.pages``), so neither
imports the other: pages stay cheap to import and to test, and the pictures' facts reach them
as plain data. Nothing here imports Pillow or lays out a figure.

- Display sizes in CSS pixels (the pictures are drawn at 2×): pages give them as width and
  height so the layout does not jump while an image loads.
- Content-addressed names: a muscle map is named by a hash of what it shows, so the hundreds
  of exercises that work the same muscles share one file and one URL (one download).
- ``FigureFacts``: what the renderer found while drawing an exercise's strip (its frame width,
  how high the figure reaches, the key frame) plus the words for each keyframe.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from . import urls
from .model import Exercise, Muscle

# Bump whenever the drawing code changes what any picture looks like: it is part of every
# picture's cache key (generator.figures.cache) and of the content-addressed names below, so a
# browser never keeps an old drawing under a name it has cached.
# 2: swept trunk, tapered limbs, hands, feet, solid far side; 3: timing from tempo; 4: refitted
# base poses (quadruped, dead bug, walk, wall lean, single-leg stand), 30 cm step, smaller plates;
# 5: preview cards as palette PNGs, the muscle map of a card without a figure drawn at its size;
# 6: three-quarter camera at 40°, band loop between the thighs, pointed feet without a '+', one
# dumbbell drawn once, low figures' frames cropped, tempo phases, new props; 7: forearms flat
# under side planks, open bench, three-step Copenhagen, insets (short foot), the row's weight clear;
# 8: the full muscle map supersampled 2× (a third of the time; no visible change at its 2× size);
# 9: lying figures show the chest, foot close-ups, the lateral walk's planted foot (issue 17);
# 10: muscle maps coloured from parts drawn once per size, and supersampled drawings reduced by
# the mean of their samples, not Lanczos (the same look, without the faint halo beside every
# edge: a third smaller files, a quarter faster frames); 11: an animation's close-up ring inside
# the part of it a page shows (one strip frame's width, centred), not at the picture's edge;
# 12: a bench can run crosswise (the Copenhagen plank from the chest, hips from the floor), a
# side-lying body's top limbs drawn near and its top hand on the hip, the front-oblique camera
# (lateral line hops) and a floor line that leans with a turned camera; 13: link-preview cards at
# zlib level 8 (the same pixels, 14 % fewer bytes); 14: muscle maps at zlib level 8 (the same
# pixels, 2 % more bytes, a third of the time), animations encoded at WebP quality 25 (the same
# pixels, a little smaller and faster); 15: figures painted as a map of roles, one byte a pixel
# (the same shapes; a few edge pixels of a frame round the other way), the trunk's slit with a
# disc at each corner rather than Pillow's round joints (a few pixels), an animation frame's
# palette from the figure's columns only (two of 37 animations a level off in a few colours),
# link-preview cards at zlib level 6 (the same pixels, 16 % more bytes, under half the time);
# 16: link-preview cards back at zlib level 8 (the site's size budget for them); 17: muscle maps
# published from one index picture per size and a palette per map (figures/mapindex.py): smoother
# slits and outlines than the octree quantiser's, each map's bands of rows deflated once; 18
# (17 on two branches at once, so neither's cached pictures are taken for the other's): animations
# drawn only in the crop a page shows (the floor line across it, not the whole 960 px), not
# quantised (the exact pixels drawn), each frame the rectangle it changes; strips at zlib level 8.
RENDERER_VERSION = "18"

# Display sizes in CSS pixels (the images themselves are drawn at 2×, for sharp phone screens).
ANIMATION_SIZE = (480, 270)
MUSCLE_MAP_SIZE = (240, 300)
MUSCLE_MAP_SMALL_SIZE = (80, 90)
PREVIEW_SIZE = (1200, 630)  # link-preview cards are shown by chat apps at their own size

# Layout constants of the strip and the animation, in the pictures' 2× pixels (the renderer
# draws with them; pages crop with them).
FRAME_GAP_PX = 16  # between the strip's frames: each frame's floor line stops short of the next
ANIMATION_WIDTH_PX = 960


def muscles_shown(primary: Sequence[str], secondary: Sequence[str]) -> dict[str, list[str]]:
    """What a muscle map shows, in one canonical form: order does not change the drawing, and
    a muscle listed as both is drawn as primary."""
    first = sorted(set(primary))
    return {"primary": first, "secondary": sorted(set(secondary) - set(first))}


def _name(kind: str, payload: object) -> str:
    text = json.dumps({"renderer": RENDERER_VERSION, "kind": kind, "inputs": payload}, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def muscle_map_path(primary: Sequence[str], secondary: Sequence[str]) -> str:
    """The muscle map of these muscles: one file for every exercise that works them."""
    return urls.asset_path("muscles", f"{_name('muscles', muscles_shown(primary, secondary))}.png")


def muscle_map_small_path(primary: Sequence[str], secondary: Sequence[str]) -> str:
    """The library index's thumbnail of these muscles."""
    name = _name("muscles-small", muscles_shown(primary, secondary))
    return urls.asset_path("muscles", "small", f"{name}.png")


def _sentence(names: Sequence[str]) -> str:
    """'Glute max, hamstrings and adductors'."""
    text = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return text[:1].upper() + text[1:]


def muscles_card(exercise: Exercise, muscles: Mapping[str, Muscle]) -> dict[str, Any]:
    """What the link-preview card of an exercise without a figure shows: its muscles, named.

    Such a card (a muscle map under the muscles' names) is the same for every exercise that
    works the same muscles, so it is one file for all of them: an import of 800 exercises
    without figures has ~230 of them, not 800 (the page's title and summary reach the chat
    app as og:title and og:description, shown with the image).
    """
    shown = muscles_shown(exercise.muscles.primary, exercise.muscles.secondary)

    def name(m: str) -> str:
        return _lower_first(muscles[m].name) if m in muscles else m

    secondary = [name(m) for m in shown["secondary"]]
    return {
        **shown,
        "title": _sentence([name(m) for m in shown["primary"]]) if shown["primary"] else "",
        "summary": f"Also: {', '.join(secondary)}." if secondary else "",
    }


def exercise_preview_path(slug: str, exercise: Exercise, muscles: Mapping[str, Muscle]) -> str:
    """The og:image of an exercise page: its own card when it has a figure to show, else the
    card of its muscles (shared, named by what it shows)."""
    if exercise.figure is not None:
        return urls.preview_image_path("exercises", slug)
    return urls.asset_path(
        "previews", "muscles", f"{_name('preview-muscles', muscles_card(exercise, muscles))}.png"
    )


def exercise_preview_alt(exercise: Exercise, muscles: Mapping[str, Muscle]) -> str:
    """og:image:alt: what the card shows (the name and summary, or the muscles worked)."""
    if exercise.figure is not None:
        return f"{exercise.name}: {exercise.summary}"
    card = muscles_card(exercise, muscles)
    return f"Muscles worked: {card['title']}. {card['summary']}".strip()


@dataclass(frozen=True)
class FigureFacts:
    """What pages need to show an exercise's strip and hero, found by the renderer."""

    frames: int  # frames in the strip PNG, side by side
    frame_px: int  # width of one frame in the PNG (2×)
    height_px: int
    top_px: int  # pixel row (2×) the hero is cropped from: a little above the figure; 0 = none
    key_frame: int  # the strip frame the still and the library thumbnail show
    phrases: tuple[str, ...]  # one per keyframe (all keyframes, not only the strip's)

    @property
    def size(self) -> tuple[int, int]:
        """Display size of one frame in CSS px (the PNG is drawn at 2×)."""
        return self.frame_px // 2, self.height_px // 2

    @property
    def strip_px(self) -> int:
        """Width of the whole strip PNG (2×)."""
        return self.frames * self.frame_px + (self.frames - 1) * FRAME_GAP_PX

    def crop(self, i: int) -> str:
        """Inline style showing frame ``i`` of the strip in an <img> of one frame's size.

        The <img> is the whole strip, scaled by ``object-fit: cover`` to the frame's height and
        shifted by ``object-position``: frame i's left edge lands at i / (frames - 1) of the
        overflow, gaps included, so every frame shows whole and alone (see figures.css).
        """
        w, h = self.size
        return f"--rs-i: {i}; --rs-n: {self.frames}; aspect-ratio: {w} / {h}"

    def layout(self) -> dict[str, int]:
        """The drawn part, as JSON for the render cache (the phrases are computed each build:
        they come from the alt-text code, which no cache key covers)."""
        return {
            "frames": self.frames,
            "frame_px": self.frame_px,
            "height_px": self.height_px,
            "top_px": self.top_px,
            "key_frame": self.key_frame,
        }

    @classmethod
    def from_layout(cls, layout: Mapping[str, Any], phrases: Sequence[str]) -> FigureFacts:
        return cls(
            frames=int(layout["frames"]),
            frame_px=int(layout["frame_px"]),
            height_px=int(layout["height_px"]),
            top_px=int(layout["top_px"]),
            key_frame=int(layout["key_frame"]),
            phrases=tuple(phrases),
        )


# --- alt text -------------------------------------------------------------------------------
# The words for each keyframe come from the renderer (generator.figures.alt, which knows the
# base poses); the sentences are made here, from them.


def describe(phrases: Sequence[str]) -> str:
    """The movement in words: 'standing tall holding dumbbells, then hinging forward…'."""
    return ", then ".join(phrases)


def figure_alt(name: str, phrases: Sequence[str]) -> str:
    """Alt text of the keyframe strip."""
    return f"{name}: {describe(phrases)}." if phrases else name


def animation_alt(name: str, phrases: Sequence[str]) -> str:
    if not phrases:
        return name
    return f"{name}, animated: {describe(phrases)}, and back again, on a loop."


def muscle_map_alt(exercise: Exercise, muscles: Mapping[str, Muscle]) -> str:
    def names(ids: list[str]) -> str:
        return ", ".join(_lower_first(muscles[m].name) if m in muscles else m for m in ids)

    text = (
        f"{exercise.name}, muscles worked (front and back views). Primary: {names(exercise.muscles.primary)}."
    )
    if exercise.muscles.secondary:
        text += f" Secondary: {names(exercise.muscles.secondary)}."
    return text


def small_muscle_map_alt(exercise: Exercise, muscles: Mapping[str, Muscle]) -> str:
    """The library thumbnail's short alt (its card names the muscles too)."""
    return "Muscle map: " + ", ".join(muscles[m].name.lower() for m in exercise.muscles.primary)


def _lower_first(name: str) -> str:
    """Muscle names read mid-sentence: 'Glute max' → 'glute max'."""
    return name[:1].lower() + name[1:]
