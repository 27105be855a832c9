"""Rendered pictures cached by a hash of everything that went into them.

The key covers the job's inputs (the figure spec, the muscles, the title…), the renderer's
version, the fonts in use and the version of the library that draws (``LIBRARIES``), so a
build where nothing changed renders nothing, an upgraded Pillow draws everything once, and
bumping ``RENDERER_VERSION`` after a drawing change re-renders everything once.
"""

from __future__ import annotations

from .. import display
from ..cache import Cache, key_of, library_versions
from ..display import RENDERER_VERSION
from .fonts import identity

__all__ = ["RENDERER_VERSION", "Cache", "cache_key"]

# RENDERER_VERSION lives in generator/display.py (bump it there when a drawing changes): the
# content-addressed picture names that pages print are made with it too.


# What draws and encodes the pictures (Pillow: shapes, resampling, the PNG and WebP encoders;
# zlib-ng: the PNGs' deflate, ``deflate.py``).
LIBRARIES = ("pillow", "zlib-ng")


def cache_key(kind: str, payload: object) -> str:
    # Read when called: the one version, as display's picture names read it.
    return key_of(
        {
            "renderer": display.RENDERER_VERSION,
            "fonts": identity(),
            "libraries": library_versions(*LIBRARIES),
            "kind": kind,
            "inputs": payload,
        }
    )
