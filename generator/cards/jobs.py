"""The site's PDF downloads as jobs: what each holds (``PACKS``) and its cache key.

Shared by the cached renderer (``render.py``, which reads the cache) and the drawing code
(``draw.py``, which draws the jobs the cache misses), so neither imports the other's module
for it.
"""

from __future__ import annotations

import functools
from dataclasses import asdict, dataclass
from pathlib import Path

from .. import display, fonts, urls
from ..cache import key_with, library_versions
from .paper import LAYOUTS
from .printed import Printed


@dataclass(frozen=True)
class Pack:
    """What one download of the site holds: a card layout, with or without week sheets."""

    layout: str
    week_sheets: bool


# Keys are the paper a runner prints on; urls.PROGRAM_PDF_SIZES lists them for the pages.
PACKS: dict[str, Pack] = {
    "a4": Pack("a4-4up", week_sheets=True),
    "letter": Pack("letter-4up", week_sheets=True),
    "a6": Pack("a6", week_sheets=False),
    "a5": Pack("a5", week_sheets=False),
    "4x6": Pack("4x6", week_sheets=False),
}


# Bump whenever the card or sheet layout changes what any PDF looks like.
# 2: fonts embedded without hinting (subsetfont.SUBSET_VERSION); 3: glyphs copied, not recompiled
# (recalcBBoxes off), and no font switches made only to measure text (pdf._measurer); 4: fonts
# cut from raw glyph bytes (fontfile.py: glyphs numbered by code, /CIDToGIDMap /Identity);
# 5: a QR code one path filled once, the ToUnicode maps compressed.
CARDS_VERSION = "5"

# What writes a PDF's bytes: fpdf2 (the PDF), fontTools (the font subsets), segno (the QR
# codes), Pillow (the thumbnails), zlib-ng (the streams' deflate, ``streams.py``): an upgrade
# of any misses the cache (cache.library_versions).
LIBRARIES = ("fpdf2", "fonttools", "segno", "pillow", "zlib-ng")


@dataclass(frozen=True)
class PdfJob:
    """One download to draw: everything the drawing reads, small enough to send to a worker."""

    path: str
    view: Printed
    site_url: str
    size: str  # a key of PACKS
    slug: str
    # The render cache's folder, where the stills are kept for every worker (and the next
    # build): not part of the key, as where a still is kept changes nothing printed.
    stills: Path | None = None

    def key(self) -> str:
        """The cache key: a hash of exactly what this PDF prints, and of how it is drawn."""
        return self._key

    # Made once a job: a serve session keeps a program's jobs while it and its exercises are
    # unchanged (``card_batch``), and each of its builds asks for every key.
    @functools.cached_property
    def _key(self) -> str:
        pack = PACKS[self.size]
        return key_with(
            "printed",
            self.view.key_json,
            {
                "cards": CARDS_VERSION,
                "thumbnails": display.RENDERER_VERSION,
                "fonts": [f"{p.name}:{p.stat().st_size}" for p in sorted(fonts.FONT_DIR.glob("*.ttf"))],
                "libraries": library_versions(*LIBRARIES),
                "layout": asdict(LAYOUTS[pack.layout]),
                "week_sheets": pack.week_sheets,
                # The site prints in the footer and in QR codes; the slug in week sheets' codes.
                "site": [self.site_url, urls.is_placeholder(self.site_url)],
                "slug": self.slug if pack.week_sheets else None,
            },
        )
