"""Printable programs: PDF session cards and week sheets with QR deep links (issue 4).

Pure functions of the model, like every renderer: they return PDF bytes or ``GeneratedFile``s
and never write to disk. Public names:

- ``cards_pdf(guide, program, site_url, size, athlete=, weeks=, with_week_sheets=, slug=)``:
  the PDF a coach prints (``runstrong cards``);
- ``render_cards(guide, site_url, cache_dir=, workers=)``: every program's downloads, as site
  assets, cached by what each prints (``printed.py``) and drawn in worker processes;
- ``LAYOUTS``: the card sizes (``a6``, ``a5``, ``a4``, ``letter``, ``4x6``, and ``a4-4up`` /
  ``letter-4up`` for four cards on a sheet with cut marks).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .paper import LAYOUTS, Layout, Paper

if TYPE_CHECKING:
    from .draw import cards_pdf
    from .jobs import PACKS
    from .render import render_cards

__all__ = ["LAYOUTS", "PACKS", "Layout", "Paper", "cards_pdf", "render_cards"]


def __getattr__(name: str) -> Any:
    # The renderer (fpdf2, fontTools, the figure code: about a second) is imported on first
    # use: the command line needs only LAYOUTS for --size, and `runstrong check` no PDF at all.
    if name == "cards_pdf":
        from .draw import cards_pdf

        return cards_pdf
    if name == "PACKS":
        from .jobs import PACKS

        return PACKS
    if name == "render_cards":
        from .render import render_cards

        return render_cards
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
