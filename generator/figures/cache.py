"""Rendered pictures cached by a hash of everything that went into them.

The key covers the job's inputs (the figure spec, the muscles, the title…), the renderer's
version and the fonts in use, so a build where nothing changed renders nothing, and bumping
``RENDERER_VERSION`` after a drawing change re-renders everything once.
"""

from __future__ import annotations

from ..cache import Cache, key_of
from .fonts import identity

__all__ = ["RENDERER_VERSION", "Cache", "cache_key"]

# Bump whenever the drawing code changes what any picture looks like.
# 2: swept trunk, tapered limbs, hands, feet, solid far side; 3: timing from tempo; 4: refitted
# base poses (quadruped, dead bug, walk, wall lean, single-leg stand), 30 cm step, smaller plates;
# 5: preview cards as palette PNGs, the muscle map of a card without a figure drawn at its size.
RENDERER_VERSION = "5"


def cache_key(kind: str, payload: object) -> str:
    return key_of({"renderer": RENDERER_VERSION, "fonts": identity(), "kind": kind, "inputs": payload})
