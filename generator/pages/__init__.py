"""Markdown pages of the guide: pure functions of the ``Guide`` that return files."""

from __future__ import annotations

from .render import render_pages

__all__ = ["render_pages"]
