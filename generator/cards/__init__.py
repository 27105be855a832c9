"""Printable programs: PDF session cards and week sheets with QR deep links (issue 4).

Pure functions of the model, like every renderer: they return PDF bytes or ``GeneratedFile``s
and never write to disk. Public names:

- ``cards_pdf(guide, program, site_url, size, athlete=, weeks=, with_week_sheets=, slug=)``:
  the PDF a coach prints (``runstrong cards``);
- ``render_cards(guide, site_url)``: every program's downloads, as site assets;
- ``LAYOUTS``: the card sizes (``a6``, ``a5``, ``a4``, ``letter``, ``4x6``, and ``a4-4up`` /
  ``letter-4up`` for four cards on a sheet with cut marks).
"""

from .paper import LAYOUTS, Layout, Paper
from .render import PACKS, cards_pdf, render_cards

__all__ = ["LAYOUTS", "PACKS", "Layout", "Paper", "cards_pdf", "render_cards"]
