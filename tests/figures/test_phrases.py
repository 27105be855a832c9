"""The figures' keyframe phrases, kept in the render cache: the words of a fresh working-out."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cache import Cache
from generator.figures import alt, phrases
from generator.model import Figure

from ..conftest import real_guide


def figures() -> list[Figure]:
    return [ex.figure for ex in real_guide().exercises.values() if ex.figure is not None][:6]


def test_phrases_are_worked_out_once_and_read_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    some = figures()
    fresh = [alt.keyframe_phrases(f) for f in some]
    worked: list[object] = []
    original = phrases.keyframe_phrases

    def counting(figure: Figure) -> list[str]:
        worked.append(figure)
        return original(figure)

    monkeypatch.setattr(phrases, "keyframe_phrases", counting)
    assert phrases.all_phrases(some, tmp_path) == fresh
    assert len(worked) == len(some)
    assert phrases.all_phrases(some, tmp_path) == fresh
    assert len(worked) == len(some), "read back, not worked out again"
    # An edited figure: only its phrases are worked out; the entry then holds this build's.
    edited = some[0].model_copy(update={"keyframes": list(reversed(some[0].keyframes))})
    assert phrases.all_phrases([edited, *some[1:]], tmp_path) == [alt.keyframe_phrases(edited), *fresh[1:]]
    assert len(worked) == len(some) + 1
    assert phrases.all_phrases(some[:2], None) == fresh[:2]  # no cache: worked out


@pytest.mark.parametrize("stored", [b"not json", b"[1, 2]", b'{"x": [3]}', b'{"x": "words"}'])
def test_an_entry_that_is_not_ours_is_worked_out_again(tmp_path: Path, stored: bytes) -> None:
    some = figures()[:2]
    Cache(tmp_path, "phrases").put(phrases._code(), stored)
    assert phrases.all_phrases(some, tmp_path) == [alt.keyframe_phrases(f) for f in some]
