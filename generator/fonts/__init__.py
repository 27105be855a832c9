"""Fonts shipped with the generator (DejaVu Sans, see LICENSE-DejaVu.txt).

Vendored rather than taken from the system so every machine renders byte-identical PDFs and
images, and nothing is downloaded at build time. DejaVu covers the en dash, ×, ° and é that
doses and names print.
"""

from __future__ import annotations

from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent
SANS = FONT_DIR / "DejaVuSans.ttf"
SANS_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
CONDENSED = FONT_DIR / "DejaVuSansCondensed.ttf"
CONDENSED_BOLD = FONT_DIR / "DejaVuSansCondensed-Bold.ttf"
