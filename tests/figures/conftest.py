"""Fixtures for the picture tests: the real guide, and a one-exercise guide for fast renders."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.load import load_guide
from generator.model import Guide

from ..conftest import CONTENT


@pytest.fixture(scope="session")
def guide() -> Guide:
    return load_guide(CONTENT)


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
