"""What ``runstrong serve`` keeps between its builds (generator/memo.py): the memo itself, and a
session's builds after each kind of edit, file for file those of a build that keeps nothing."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import pipeline
from generator.memo import NO_MEMO, Memo, Value

SITE_URL = "https://example.org/guide/"


# --- The memo ---------------------------------------------------------------------------


class Record:
    """A stand-in for a frozen model: equal by value, yet the memo asks for the same object."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Record) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)


def counting() -> tuple[Callable[..., str], list[tuple[object, ...]]]:
    calls: list[tuple[object, ...]] = []

    def make(*args: object) -> str:
        calls.append(args)
        return f"made {len(calls)}"

    return make, calls


def test_the_same_record_is_a_hit_and_an_equal_copy_is_not() -> None:
    memo, (make, calls) = Memo(), counting()
    record = Record("a")
    assert memo.get("page", ("slug", record), make, record) == "made 1"
    assert memo.get("page", ("slug", record), make, record) == "made 1"
    # Equal, but another object: a record read anew (another load) is made again.
    assert memo.get("page", ("slug", Record("a")), make) == "made 2"
    assert memo.get("page", ("other", record), make) == "made 3"
    assert memo.get("other name", ("slug", record), make) == "made 4"
    assert len(calls) == 4


def test_scalars_are_keys_by_type_and_value_and_values_by_equality() -> None:
    memo, (make, _) = Memo(), counting()
    results = {memo.get("n", (value,), make) for value in (1, True, 1.0, "1", b"1", None)}
    assert len(results) == 6, "1, True, 1.0, '1', b'1' and None are six different arguments"
    assert memo.get("n", (1,), make) == memo.get("n", (1,), make)
    first = memo.get("facts", (Value(Record("x")),), make)
    assert memo.get("facts", (Value(Record("x")),), make) == first  # equal facts: the same result
    assert memo.get("facts", (Value(Record("y")),), make) != first
    assert memo.get("nested", (("a", (1, Value(Record("x")))),), make) == memo.get(
        "nested", (("a", (1, Value(Record("x")))),), make
    )


def test_a_token_stands_for_its_arguments() -> None:
    memo = Memo()
    a, b = Record("a"), Record("b")
    token = memo.token("vocabulary", (("a", a), ("b", b)))
    assert memo.token("vocabulary", (("a", a), ("b", b))) is token
    assert memo.token("vocabulary", (("a", a), ("b", Record("b")))) is not token


def test_a_sweep_forgets_what_no_build_used_since_the_last() -> None:
    memo, (make, calls) = Memo(), counting()
    kept, dropped = Record("kept"), Record("dropped")
    memo.get("x", (kept,), make)
    memo.get("x", (dropped,), make)
    memo.sweep()
    assert len(memo) == 2  # both were used by the build the sweep ends
    memo.get("x", (kept,), make)
    memo.sweep()
    assert len(memo) == 1
    memo.get("x", (kept,), make)
    assert len(calls) == 2, "the kept record's result was made once"


def test_no_memo_keeps_nothing() -> None:
    make, calls = counting()
    record = Record("a")
    NO_MEMO.get("x", (record,), make)
    NO_MEMO.get("x", (record,), make)
    assert len(calls) == 2 and len(NO_MEMO) == 0
    assert not NO_MEMO.keeps and Memo().keeps


# --- A serve session's builds -------------------------------------------------------------


def _files(site: pipeline.Site) -> dict[str, bytes]:
    return {f.path: f.source.read_bytes() if f.source is not None else f.content for f in site.files}


def _replace(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{file.name} no longer has {old!r}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def _copy_hinge(content: Path) -> None:
    """A second hinge (a peer of the first): the first's name, short link and aliases changed."""
    text = (content / "exercises" / "test-hinge.yaml").read_text(encoding="utf-8")
    lines = [line for line in text.split("\n") if not line.startswith(("short:", "aliases:"))]
    text = "\n".join(lines).replace("name: Test hinge\n", "name: Test hinge two\n", 1)
    assert "name: Test hinge two\n" in text
    (content / "exercises" / "test-hinge-two.yaml").write_text(text, encoding="utf-8")


# Each edit changes something a memoized result is made of: the record itself, a vocabulary
# every record names, another record (a pattern's peers, a program's exercises), a record added
# or removed. After each, the session's build is the build of a process that keeps nothing.
EDITS: list[tuple[str, Callable[[Path], None]]] = [
    (
        "an exercise's summary",
        lambda c: _replace(c / "exercises" / "test-hinge.yaml", "summary: A hip", "summary: An edited hip"),
    ),
    (
        "a muscle's name",
        lambda c: _replace(
            c / "vocabulary" / "muscles.yaml", "name: Calves (soleus)", "name: Calves (the soleus)"
        ),
    ),
    (
        "an exercise's level (its pattern's peers)",
        lambda c: _replace(
            c / "exercises" / "test-split-squat.yaml", "level: beginner", "level: intermediate"
        ),
    ),
    (
        "a program's dose",
        lambda c: _replace(c / "programs" / "test-plan.yaml", "sets: 2, reps: 12", "sets: 3, reps: 12"),
    ),
    (
        "an exercise's short link",
        lambda c: _replace(c / "exercises" / "test-hinge.yaml", "short: th", "short: thx"),
    ),
    ("an exercise added", _copy_hinge),
    ("an exercise removed", lambda c: (c / "exercises" / "test-hinge-two.yaml").unlink()),
    (
        "an exercise's name shown on another's page",
        lambda c: _replace(
            c / "exercises" / "test-split-squat.yaml",
            "name: Test split squat",
            "name: Test split squat, renamed",
        ),
    ),
]


@pytest.mark.parametrize("order", ["as listed", "reversed halves"])
def test_each_build_of_a_session_is_a_build_that_keeps_nothing(
    fixture_guide: Path, render_cache: Path, tmp_path: Path, order: str
) -> None:
    content = fixture_guide
    assert "name: Calves (soleus)," in (content / "vocabulary" / "muscles.yaml").read_text(encoding="utf-8")
    settings = pipeline.Settings(SITE_URL, cache_dir=render_cache, workers=1)
    memo = Memo()
    edits = EDITS if order == "as listed" else [*EDITS[4:6], *EDITS[:4], *EDITS[6:]]
    pipeline.build(content, settings, memo=memo)
    memo.sweep()
    for told, edit in edits:
        edit(content)
        kept = _files(pipeline.build(content, settings, memo=memo))
        memo.sweep()
        fresh = _files(pipeline.build(content, settings))
        assert kept.keys() == fresh.keys(), f"after {told}: files differ"
        changed = sorted(path for path in fresh if kept[path] != fresh[path])
        assert not changed, f"after {told}, the session's build differs from a fresh one: {changed}"
    assert len(memo) > 0
    shutil.rmtree(tmp_path, ignore_errors=True)
