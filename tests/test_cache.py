"""The render cache's keys carry the versions of the libraries that shape each output (issue 21):
an upgraded Pillow, fpdf2, fontTools, segno or PyYAML misses the cache instead of serving what
the old version made."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator import cache, load, urls
from generator.cards import jobs
from generator.cards.printed import printed
from generator.figures import cache as figure_cache
from generator.figures import site as site_images

from .conftest import real_guide

GUIDE = real_guide()


def _pdf_key() -> str:
    slug, program = next(iter(GUIDE.programs.items()))
    view = printed(GUIDE, program, "https://example.org/", with_week_sheets=False)
    return jobs.PdfJob(urls.program_pdf_path(slug, "a6"), view, "https://example.org/", "a6", slug).key()


def _site_image_key() -> str:
    keys: list[str] = []

    class Spy:
        def get(self, key: str) -> bytes:
            keys.append(key)
            return b"png"

    site_images._cached(Spy(), {"icon": 192}, lambda: b"")  # type: ignore[arg-type]
    return keys[0]


def _uncached(function: Callable[[], bytes]) -> Callable[[], bytes]:
    function.cache_clear()  # type: ignore[attr-defined]  # kept for the process: read anew here
    return function


KEYS: dict[str, tuple[Callable[[], str], tuple[str, ...]]] = {
    "picture": (lambda: figure_cache.cache_key("strip", {"figure": "x"}), ("pillow", "zlib-ng")),
    "site image": (_site_image_key, ("pillow", "zlib-ng")),
    "pdf": (_pdf_key, ("fpdf2", "fonttools", "segno", "pillow", "zlib-ng")),
    "parsed yaml": (lambda: _uncached(load._parser_version)().hex(), ("pyyaml",)),
}


@pytest.mark.parametrize("output", list(KEYS))
def test_a_new_version_of_a_library_that_shapes_an_output_changes_its_key(
    output: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    key_of, libraries = KEYS[output]
    before = key_of()
    assert key_of() == before  # stable while nothing changes
    installed = cache._installed_version
    for library in libraries:
        monkeypatch.setattr(
            cache,
            "_installed_version",
            lambda name, library=library: "99.0" if name == library else installed(name),
        )
        assert key_of() != before, (output, library)
    # A library that does not shape this output leaves its key alone.
    monkeypatch.setattr(
        cache, "_installed_version", lambda name: "99.0" if name == "jinja2" else installed(name)
    )
    assert key_of() == before


def test_library_versions_are_the_installed_ones() -> None:
    from importlib.metadata import version

    versions = cache.library_versions("pillow", "fpdf2", "no-such-library-runstrong")
    assert versions == {
        "pillow": version("pillow"),
        "fpdf2": version("fpdf2"),
        "no-such-library-runstrong": None,
    }


def test_an_entry_verified_once_is_not_hashed_again_until_its_files_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """serve asks for the same entries at every rebuild: each is read and hashed once, and again
    only when its blob or record is another file (written in place, replaced, damaged)."""
    root = tmp_path
    monkeypatch.setattr(cache, "_SETTLED_NS", -1)  # files written just now count as settled
    monkeypatch.setattr(cache, "_VERIFIED", cache._Kept())
    hashed: list[Path] = []
    own_digest = cache._own_digest

    def counting(path: Path) -> str | None:
        hashed.append(path)
        return own_digest(path)

    monkeypatch.setattr(cache, "_own_digest", counting)
    store = cache.Cache(root, "figures")
    store.put("k1", b"picture one", {"frames": 3})
    store.put("k2", b"picture two")
    hashed.clear()
    first = store.entry("k1")
    assert first is not None and first.read() == b"picture one" and len(hashed) == 1
    for _ in range(3):
        again = store.entry("k1")
        assert again is not None and again == first
    assert len(hashed) == 1, "verified once"
    assert again is not None
    again.facts["frames"] = 99  # a caller's copy: the next caller gets the cached facts
    assert store.entry("k1") == first
    # Damaged in place, same length: a new ctime, so hashed again and refused.
    first.path.write_bytes(b"picture ONE")
    assert store.entry("k1") is None and len(hashed) == 2
    # Another key's record replaced by a rename (put): read anew.
    assert store.entry("k2") is not None
    store.put("k2", b"picture 2")
    entry = store.entry("k2")
    assert entry is not None and entry.read() == b"picture 2"
    # Not remembered while it may still change within the clock's tick.
    monkeypatch.setattr(cache, "_SETTLED_NS", 10**18)
    monkeypatch.setattr(cache, "_VERIFIED", cache._Kept())
    hashed.clear()
    store.entry("k2")
    store.entry("k2")
    assert len(hashed) == 2


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"a": 1, "z": [1, "x"]},
        {"site": 'say "printed":null', "nested": {"printed": None}, "é": "ü"},
    ],
)
@pytest.mark.parametrize("value", [None, {"b": [1, 2], "a": 'ü"}'}, "text", 3.5])
def test_a_key_with_a_value_made_json_once_is_the_key_of_the_whole(
    payload: dict[str, object], value: object
) -> None:
    assert cache.key_with("printed", cache.key_json(value), payload) == cache.key_of(
        {**payload, "printed": value}
    )


def test_a_key_with_a_value_given_twice_fails() -> None:
    with pytest.raises(ValueError, match="twice"):
        cache.key_with("printed", "1", {"printed": 2})


def test_pdf_keys_are_the_keys_of_what_they_print(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each view's JSON is made once (``Printed.key_json``) and the key is still the hash of the
    whole payload: the same keys as before, so no cached PDF is drawn again."""
    import json

    guide = real_guide()
    program = next(iter(guide.programs.values()))
    view = printed(guide, program, "https://runstrong.example/", [1])
    job = jobs.PdfJob("p.pdf", view, "https://runstrong.example/", "a4", "p")
    assert view.key_json == cache.key_json(view.key_data())
    fast = job.key()
    whole = lambda name, value, payload: cache.key_of({**payload, name: json.loads(value)})  # noqa: E731
    monkeypatch.setattr(jobs, "key_with", whole)
    assert job.key() == fast
    monkeypatch.undo()
    other = printed(guide, program, "https://runstrong.example/", [2])
    assert jobs.PdfJob("p.pdf", other, "https://runstrong.example/", "a4", "p").key() != job.key()


@pytest.mark.parametrize("linkable", [True, False], ids=["blob and record", "one file"])
def test_bytes_read_once_are_not_read_again_until_their_files_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, linkable: bool
) -> None:
    """``get`` (parsed files, pages) as ``entry``: read once a process, again after any change."""
    monkeypatch.setattr(cache, "_SETTLED_NS", -1)
    monkeypatch.setattr(cache, "_READ", cache._Kept(limit=cache._READ.limit))
    reads: list[Path] = []
    read_own = cache.read_own

    def counting(path: Path) -> bytes | None:
        reads.append(path)
        return read_own(path)

    monkeypatch.setattr(cache, "read_own", counting)
    store = cache.Cache(tmp_path, "parsed", linkable=linkable)
    store.put("a", b"parsed a")
    reads.clear()
    assert [store.get("a") for _ in range(3)] == [b"parsed a"] * 3
    blob_reads = len(reads)
    assert [store.get("a") for _ in range(3)] == [b"parsed a"] * 3
    assert len(reads) == blob_reads, "not read again"
    (blob,) = [p for p in (tmp_path / "parsed").rglob("*") if p.is_file() and b"parsed a" in p.read_bytes()]
    blob.write_bytes(blob.read_bytes().replace(b"parsed a", b"parsed A"))  # damaged in place
    assert store.get("a") is None
    store.put("a", b"parsed again")  # replaced
    assert store.get("a") == b"parsed again"
    # A small budget: the memory is let go, the bytes still right.
    monkeypatch.setattr(cache._READ, "limit", 4)
    store.put("b", b"parsed b")
    assert store.get("b") == b"parsed b" and store.get("a") == b"parsed again"
