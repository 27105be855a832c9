"""The low ones: each a one-line error, or refused at `check` instead of failing (or shipping
broken) in the build."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from generator.cache import Cache
from generator.lastbuild import source_date

from .conftest import Good, bounded, run_main


def check(capsys: pytest.CaptureFixture[str], good: Good, content: Path) -> tuple[int, str]:
    with bounded(3.0):
        code, _, err = run_main(capsys, "check", "--content", content, "--cache-dir", good.cache)
    return code, err


@pytest.mark.parametrize("value", ["abc", "-1", "1e9", "99999999999999999999", "١٢٣"])
def test_a_source_date_epoch_that_is_no_time_is_one_line(
    capsys: pytest.CaptureFixture[str], good: Good, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    code, _, err = run_main(capsys, "build", "--content", good.content, "--site-dir", good.site)
    assert code == 2 and "SOURCE_DATE_EPOCH" in err and err.count("\n") == 1, err
    good.assert_site_untouched()


def test_a_site_url_too_long_for_a_qr_code_is_refused(capsys: pytest.CaptureFixture[str], good: Good) -> None:
    url = "https://runstrong.example/" + "a" * 3000 + "/"
    code, _, err = run_main(capsys, "cards", "plan.yaml", "--site-url", url)
    assert code == 2 and "give at most 200" in err and err.count("\n") == 1, err


def test_a_file_name_longer_than_a_slug_is_a_check_error(
    capsys: pytest.CaptureFixture[str], good: Good, hostile_content: Path
) -> None:
    long = hostile_content / "programs" / ("p" * 245 + ".yaml")
    long.write_text(
        (hostile_content / "programs" / "test-plan.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    code, err = check(capsys, good, hostile_content)
    assert code == 1 and "file name of 245 characters; a slug has at most 80" in err, err


@pytest.mark.parametrize(("image", "ok"), [("assets/missing.png", False), ("assets/cover.png", True)])
def test_og_image_must_name_a_file(
    capsys: pytest.CaptureFixture[str], good: Good, hostile_content: Path, image: str, ok: bool
) -> None:
    (hostile_content / "pages" / "assets").mkdir()
    (hostile_content / "pages" / "assets" / "cover.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (hostile_content / "pages" / "about.md").write_text(
        f"---\nog_image: {image}\n---\n# About\n", encoding="utf-8"
    )
    code, err = check(capsys, good, hostile_content)
    if ok:
        assert code == 0, err
    else:
        assert code == 1 and f"about.md:2:11: og_image: '{image}' is not a file of the site" in err, err


@pytest.mark.parametrize("path", ["assets/javascripts/rs-sw.js", "sw.js"])
def test_a_hand_written_service_worker_is_refused(
    capsys: pytest.CaptureFixture[str], good: Good, hostile_content: Path, path: str
) -> None:
    target = hostile_content / "pages" / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("self.addEventListener('fetch', () => {});\n", encoding="utf-8")
    code, err = check(capsys, good, hostile_content)
    assert code == 1 and "the offline service worker" in err, err


@pytest.mark.parametrize("char", ["\u202e", "\u2066", "\u200f"])
def test_bidi_controls_are_refused(
    capsys: pytest.CaptureFixture[str], good: Good, hostile_content: Path, char: str
) -> None:
    path = hostile_content / "exercises" / "test-hinge.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("name: Test hinge", f"name: Test {char}egnih"),
        encoding="utf-8",
    )
    code, err = check(capsys, good, hostile_content)
    assert code == 1 and f"U+{ord(char):04X}" in err and "reorders the text" in err, err


def test_a_folder_where_a_cache_file_goes_is_replaced(tmp_path: Path) -> None:
    cache = Cache(tmp_path, "figures")
    key = "ef" * 32
    entry = cache.put(key, b"picture")
    assert entry is not None
    entry.path.unlink()
    entry.path.mkdir()  # a folder where the blob should be
    (entry.path / "x").write_bytes(b"junk")
    assert cache.get(key) is None
    assert cache.put(key, b"picture") is not None and cache.get(key) == b"picture"


def test_a_file_dated_in_the_future_does_not_date_the_site(hostile_content: Path) -> None:
    before = int(source_date(hostile_content))
    future = hostile_content / "pages" / "index.md"
    year_2100 = 4102444800
    os.utime(future, (year_2100, year_2100))
    after = int(source_date(hostile_content))
    assert after <= time.time() and after <= before


def test_the_zensical_post_step_without_its_worker_is_one_line(
    capsys: pytest.CaptureFixture[str], good: Good, tmp_path: Path
) -> None:
    from generator.zensical import main

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>home</p>\n", encoding="utf-8")
    code = main([str(site), "--content", str(good.content)])
    err = capsys.readouterr().err
    assert code == 1 and "the service worker's code is missing" in err and "Traceback" not in err, err
    assert err.count("\n") == 1
