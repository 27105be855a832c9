"""What a load keeps in the render cache (checked files, plan findings) is never stale.

Each test loads a content folder with a cache, edits it, and loads it again as a new process
would (the in-process memo cleared): the guide, the errors with their lines, the notes and the
plan warnings must be the ones a load without any cache finds.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import bundle, load, pipeline
from generator.errors import ContentErrors


def _fresh(content: Path, cache: Path | None) -> pipeline.Loaded:
    load._READ.clear()  # a new process: only the render cache is left
    return pipeline.load(content, cache)


def _errors(content: Path, cache: Path | None) -> list[str]:
    load._READ.clear()
    with pytest.raises(ContentErrors) as caught:
        pipeline.load(content, cache)
    return [str(e) for e in caught.value.errors]


def test_a_load_from_the_cache_parses_no_file_and_gives_the_same_guide(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    first = _fresh(content, cache)
    parsed: list[bytes] = []
    real = load.parse
    monkeypatch.setattr(load, "parse", lambda source: parsed.append(source) or real(source))
    again = _fresh(content, cache)
    assert again.guide == first.guide
    assert parsed == []  # every file came checked from the cache, its positions unread
    assert _fresh(content, None).guide == first.guide


def test_a_folders_checked_files_are_one_file_of_the_cache_that_follows_each_edit(
    content: Path, tmp_path: Path
) -> None:
    """~900 checked files were ~900 files of the cache, each a new inode in a cold build and a
    file to open in a one-edit build: they are one bundle (``bundle.py``)."""
    cache = tmp_path / "cache"
    _fresh(content, cache)

    def kept() -> list[Path]:
        return [p for p in (cache / "checked").rglob("*") if p.is_file()]

    assert len(kept()) == 1
    held = load.checked_files(cache).held
    files = [content / "vocabulary" / "muscles.yaml", *sorted((content / "exercises").glob("*.yaml"))]
    assert len(held) >= len(files)  # the vocabularies, each exercise and each program
    hinge = content / "exercises" / "test-hinge.yaml"
    hinge.write_text(hinge.read_text(encoding="utf-8").replace("summary: ", "summary: Edited. "), "utf-8")
    again = _fresh(content, cache)
    assert again.guide.exercises["test-hinge"].summary.startswith("Edited.")
    assert len(kept()) == 1
    now = load.checked_files(cache).held
    assert len(now) == len(held) + 1 and held.items() < now.items()  # the edited file's entry too
    assert _fresh(content, cache).guide == again.guide == _fresh(content, None).guide


def test_a_load_in_the_same_process_keeps_what_it_remembered_in_the_bundle(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Serve's loads find most files in memory (``load._READ``): the bundle keeps them as it
    keeps what a load reads from the cache (a write keeps what its use used, and a few more)."""
    monkeypatch.setattr(bundle, "SPARE", 0)
    cache = tmp_path / "cache"
    first = _fresh(content, cache)
    held = load.checked_files(cache).held
    hinge = content / "exercises" / "test-hinge.yaml"
    hinge.write_text(hinge.read_text(encoding="utf-8").replace("summary: ", "summary: Edited. "), "utf-8")
    pipeline.load(content, cache)  # the memory kept
    assert held.items() < load.checked_files(cache).held.items()
    assert _fresh(content, cache).guide != first.guide


def test_a_file_is_kept_parsed_only_where_its_checked_entry_does_not_cover_it(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file read without a word is all in its checked entry: a second entry (the parsed
    document) was ~900 files more in a cold build of a large library. A file with an error and
    a program (checked against the exercises) are parsed at every load: they are kept parsed,
    and the next load parses no file at all."""
    cache = tmp_path / "cache"
    broken = content / "exercises" / "test-broken.yaml"
    text = (content / "exercises" / "test-hinge.yaml").read_text(encoding="utf-8")
    text = text.replace("name: Test hinge", "name: Test broken").replace("aliases: [TH]", "aliases: [TB]")
    broken.write_text(text + "colour: blue\n", encoding="utf-8")  # no such field
    first = _errors(content, cache)
    assert any("test-broken.yaml" in e and "colour" in e for e in first), first
    programs = len(list((content / "programs").glob("*.yaml")))
    assert programs >= 1
    assert len(list((cache / "parsed" / "keys").iterdir())) == programs + 1
    parsed: list[bytes] = []
    real = load.parse
    monkeypatch.setattr(load, "parse", lambda source: parsed.append(source) or real(source))
    assert _errors(content, cache) == first
    assert parsed == []


def test_an_error_found_later_points_at_the_line_of_a_file_read_from_the_cache(
    content: Path, tmp_path: Path
) -> None:
    """Cross-file checks run after the per-file ones: a file kept as valid still gets its lines."""
    cache = tmp_path / "cache"
    _fresh(content, cache)
    vocabulary = content / "vocabulary" / "muscles.yaml"
    text = vocabulary.read_text(encoding="utf-8")
    # The exercise's primary 'hamstrings' leaves the vocabulary: an error in the exercise's file.
    line = next(line for line in text.splitlines(keepends=True) if "{id: hamstrings," in line)
    vocabulary.write_text(text.replace(line, ""), encoding="utf-8")
    with_cache = _errors(content, cache)
    assert with_cache == _errors(content, None)
    assert any("test-hinge.yaml:" in e and "hamstrings" in e and ":1:1:" not in e for e in with_cache), (
        with_cache
    )


def test_a_program_kept_in_the_cache_follows_an_exercise_renamed_since(content: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _fresh(content, cache)
    old = content / "exercises" / "test-hinge.yaml"
    text = old.read_text(encoding="utf-8")
    old.unlink()
    (content / "exercises" / "new-hinge.yaml").write_text(
        text + "redirect_from: [test-hinge]\n", encoding="utf-8"
    )
    with_cache = _fresh(content, cache)
    without = _fresh(content, None)
    assert [str(n) for n in with_cache.notes] == [str(n) for n in without.notes]
    assert any("was renamed 'new-hinge'" in str(n) for n in with_cache.notes)
    assert with_cache.guide == without.guide
    assert with_cache.guide.programs["test-plan"].exercise_slugs() == ["new-hinge"]


def test_plan_warnings_kept_in_the_cache_follow_an_edit_of_an_exercise_they_read(
    content: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    before = _fresh(content, cache).warnings
    exercise = content / "exercises" / "test-hinge.yaml"
    exercise.write_text(exercise.read_text(encoding="utf-8").replace("level: beginner", "level: advanced"))
    with_cache = _fresh(content, cache).warnings
    assert with_cache == _fresh(content, None).warnings
    assert with_cache != before  # the edit shows: an advanced exercise in a beginner's plan
