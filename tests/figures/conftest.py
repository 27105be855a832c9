"""Fixtures for the picture tests: the real guide, and a one-exercise guide for fast renders."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.model import Guide

from ..conftest import real_guide


@pytest.fixture(scope="session")
def guide() -> Guide:
    return real_guide()


@pytest.fixture(scope="session")
def small_guide(guide: Guide) -> Guide:
    """Only the Romanian deadlift (two keyframes: the cheapest figure) and no programs."""
    slug = "romanian-deadlift"
    return Guide(
        exercises={slug: guide.exercises[slug]},
        programs={},
        muscles=guide.muscles,
        equipment=guide.equipment,
    )


OUTPUT = Path(__file__).resolve().parent.parent / "output"
