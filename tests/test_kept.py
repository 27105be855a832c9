"""What the suite keeps between its workers and runs (tests/conftest.py's ``kept``): made once,
read back equal, made again when the content changes or when the file is not safely ours."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.load import load_guide

from . import conftest
from .conftest import CONTENT, kept, real_guide


@pytest.fixture
def kept_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``kept`` keeps into a folder of this test's, over a copy of the content it may change."""
    monkeypatch.setenv(conftest.TEST_CACHE_ENV, str(tmp_path / "kept"))
    content = tmp_path / "content"
    shutil.copytree(CONTENT / "vocabulary", content / "vocabulary")
    monkeypatch.setattr(conftest, "CONTENT", content)
    return content


def test_kept_is_made_once_and_read_back_equal(kept_in: Path) -> None:
    made: list[int] = []

    def make() -> dict[str, list[int]]:
        made.append(1)
        return {"weeks": [1, 2, 3]}

    first = kept("thing", make)
    second = kept("thing", make)
    assert first == second == {"weeks": [1, 2, 3]} and second is not first  # read from the pickle
    assert made == [1]


def test_kept_is_made_again_when_the_content_changes(kept_in: Path) -> None:
    made: list[str] = []
    kept("thing", lambda: made.append("a") or "a")
    (kept_in / "vocabulary" / "muscles.yaml").write_text("# edited\n", encoding="utf-8")
    assert kept("thing", lambda: made.append("b") or "b") == "b"
    assert made == ["a", "b"]


def test_a_kept_file_others_can_write_is_never_read(kept_in: Path, tmp_path: Path) -> None:
    kept("thing", lambda: "mine")
    (pickle,) = (tmp_path / "kept").glob("objects-*/thing-*.pickle")
    pickle.chmod(0o666)
    assert kept("thing", lambda: "made again") == "made again"


def test_the_kept_guide_is_the_guide_loaded_now() -> None:
    assert real_guide() == load_guide(CONTENT)
