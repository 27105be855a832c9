"""The card tests' shared guide and program (the real guide's, loaded once per process)."""

from __future__ import annotations

import pytest

from generator.model import Guide, Program

from ..conftest import real_guide

LIVE_URL = "https://strength.runclub.org/"  # a real address: its PDFs carry QR codes, not previews


@pytest.fixture(scope="module")
def guide() -> Guide:
    return real_guide()


@pytest.fixture(scope="module")
def program(guide: Guide) -> Program:
    return guide.programs["foundation"]
