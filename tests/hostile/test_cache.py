"""A damaged render cache is rendered again, never published; the cache lives out of the way."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cache import Cache

from .conftest import Good, runstrong, snapshot


def entries(cache: Path) -> list[Path]:
    return sorted(p for p in cache.rglob("*") if p.is_file() and not p.name.startswith("."))


def test_an_entry_that_fails_its_checksum_is_a_miss(tmp_path: Path) -> None:
    cache = Cache(tmp_path, "figures")
    cache.put("ab" * 32, b"\x89PNG a picture")
    assert cache.get("ab" * 32) == b"\x89PNG a picture"
    (entry,) = entries(tmp_path)
    for damaged in (entry.read_bytes()[:-3], entry.read_bytes()[:10], b"", entry.read_bytes().replace(b"a picture", b"a pictura")):
        entry.write_bytes(damaged)
        assert cache.get("ab" * 32) is None
        assert not entry.exists(), "a damaged entry is removed, so it is rendered again"
        cache.put("ab" * 32, b"\x89PNG a picture")
    entry.write_bytes(b"\x89PNG a picture")  # an entry in the old format, without a checksum
    assert cache.get("ab" * 32) is None


@pytest.mark.parametrize("damage", ["truncate", "flip"])
def test_a_build_from_a_damaged_cache_publishes_the_right_files(good: Good, tmp_path: Path, damage: str) -> None:
    cache = tmp_path / "cache"
    shutil.copytree(good.cache, cache)
    damaged = entries(cache)
    assert len(damaged) >= 5, "the good build cached its pictures and PDFs"
    for path in damaged[:: 2 if damage == "flip" else 1]:
        data = path.read_bytes()
        if damage == "truncate":
            path.write_bytes(data[: len(data) // 2])  # a disk that filled up, a killed copy
        else:
            middle = len(data) // 2
            path.write_bytes(data[:middle] + bytes([data[middle] ^ 0x40]) + data[middle + 1 :])
    site = tmp_path / "site"
    result = runstrong("build", "--content", good.content, "--site-dir", site, "--cache-dir", cache, cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert snapshot(site) == good.tree, "every picture and PDF is the one a clean build makes"
    fresh = {p.relative_to(cache): p.read_bytes() for p in entries(cache)}
    clean = {p.relative_to(good.cache): p.read_bytes() for p in entries(good.cache)}
    assert fresh == clean, "damaged entries were replaced by good ones"


def test_the_default_cache_is_the_user_cache_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from generator.build import CACHE_ENV, render_cache_dir

    monkeypatch.delenv(CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.chdir(tmp_path)
    assert render_cache_dir() == tmp_path / "xdg" / "runstrong"
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "mine"))
    assert render_cache_dir() == tmp_path / "mine"


def test_a_coach_running_cards_in_their_folder_finds_no_cache_there(good: Good, tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    shutil.copyfile(good.content / "programs" / "test-plan.yaml", plan)
    result = runstrong(
        "cards", plan, "--content", good.content, cwd=tmp_path, env={"XDG_CACHE_HOME": str(tmp_path / "xdg")}
    )
    assert result.code == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "xdg") == ["plan-cards-a6.pdf", "plan.yaml"]
