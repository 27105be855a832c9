"""Trust: a cache is used only if it is the user's alone; content stays inside the content
folder; every short link ever printed keeps working."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from generator.cache import Cache, read_own, trust_problem

from .conftest import Good, bounded, run_main, runstrong

ROOT_ONLY = pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")


# ---- a cache is trusted only if it is yours -------------------------------------------------


@pytest.mark.parametrize("command", ["check", "build", "generate --out project", "cards plan.yaml"])
def test_a_cache_others_can_write_is_refused(
    capsys: pytest.CaptureFixture[str], good: Good, tmp_path: Path, command: str
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    argv = [*command.split(), "--content", str(good.content), "--cache-dir", str(shared)]
    with bounded():
        code, _, err = run_main(capsys, *argv)
    assert code == 2 and "writable by other users (mode 777)" in err and err.count("\n") == 1, err
    assert list(shared.iterdir()) == [], "nothing read from it, nothing written to it"


def test_a_cache_under_a_folder_others_can_write_is_refused(tmp_path: Path) -> None:
    (tmp_path / "open").mkdir()
    (tmp_path / "open").chmod(0o777)  # not sticky: anyone may rename the cache away
    (tmp_path / "open" / "cache").mkdir(mode=0o755)
    assert "other users can write" in (trust_problem(tmp_path / "open" / "cache") or "")
    assert "writable by other users" in (trust_problem(tmp_path / "open" / "not-yet") or "")
    sticky = tmp_path / "sticky"
    sticky.mkdir()
    sticky.chmod(0o1777)  # like /tmp: others cannot touch what is the user's in it
    assert trust_problem(sticky / "not-yet") is None
    (sticky / "mine").mkdir(mode=0o700)
    assert trust_problem(sticky / "mine") is None
    if os.geteuid() == 0:  # a folder its group may write, the group not the user's own
        (tmp_path / "group").mkdir()
        (tmp_path / "group").chmod(0o770)
        os.chown(tmp_path / "group", -1, 12345)
        assert "writable by other users" in (trust_problem(tmp_path / "group") or "")


@ROOT_ONLY
def test_a_cache_of_another_user_is_refused(
    capsys: pytest.CaptureFixture[str], good: Good, tmp_path: Path
) -> None:
    theirs = tmp_path / "theirs"
    theirs.mkdir(mode=0o755)
    os.chown(theirs, 4242, 4242)
    assert "belongs to another user (uid 4242)" in (trust_problem(theirs) or "")
    code, _, err = run_main(capsys, "check", "--content", str(good.content), "--cache-dir", str(theirs))
    assert code == 2 and "belongs to another user" in err, err


def test_only_the_users_own_regular_files_are_read(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.write_bytes(b"ok")
    mine.chmod(0o644)
    assert read_own(mine) == b"ok"
    writable = tmp_path / "writable"
    writable.write_bytes(b"their code")
    writable.chmod(0o666)
    link = tmp_path / "link"
    link.symlink_to(mine)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    folder = tmp_path / "folder"
    folder.mkdir()
    with bounded():
        for path in (writable, link, fifo, folder, tmp_path / "missing", Path("/dev/zero")):
            assert read_own(path) is None, path
    if os.geteuid() == 0:
        theirs = tmp_path / "theirs"
        theirs.write_bytes(b"their code")
        os.chown(theirs, 4242, 4242)
        assert read_own(theirs) is None


def test_a_crafted_entry_with_a_good_checksum_is_not_used(tmp_path: Path) -> None:
    """The checksum proves an entry intact, not that it is the user's: an entry writable by
    others (or theirs) is a miss even when its hash matches, and a FIFO never hangs a read."""
    cache = Cache(tmp_path, "figures")
    key = "cd" * 32
    cache.put(key, b"\x89PNG mine")
    record = next(p for p in (tmp_path / "figures" / "keys").rglob("*") if p.is_file())
    blob = next(p for p in (tmp_path / "figures" / "blobs").rglob("*") if p.is_file())
    blob.chmod(0o666)  # as if another user could have written it
    assert cache.get(key) is None and cache.entry(key) is None
    cache.put(key, b"\x89PNG mine")
    record.unlink()
    os.mkfifo(record)
    with bounded():
        assert cache.get(key) is None and cache.entry(key) is None
    # The same for an entry kept in one file (a parsed file, a page).
    whole = Cache(tmp_path, "pages", linkable=False)
    whole.put(key, b"my page")
    (entry,) = (tmp_path / "pages" / "keys").iterdir()
    entry.chmod(0o666)
    assert whole.get(key) is None
    whole.put(key, b"my page")
    entry.unlink()
    os.mkfifo(entry)
    with bounded():
        assert whole.get(key) is None


def test_template_bytecode_others_could_write_never_runs(tmp_path: Path) -> None:
    """Jinja's compiled templates are code: one planted with a valid hash is not loaded."""
    import hashlib
    import io

    from jinja2 import Environment
    from jinja2.bccache import Bucket

    from generator.cache import checked_bytecode_cache

    cache = checked_bytecode_cache(tmp_path)
    env = Environment()
    planted = Bucket(env, "page.html", "checksum")
    planted.code = compile("raise SystemExit('their code ran')", "page.html", "exec")
    out = io.BytesIO()
    planted.write_bytecode(out)
    path = Path(cache._get_cache_filename(planted))
    path.write_bytes(hashlib.sha256(out.getvalue()).digest() + out.getvalue())
    for mode, loaded in ((0o666, False), (0o644, True)):
        path.chmod(mode)
        bucket = Bucket(env, "page.html", "checksum")
        cache.load_bytecode(bucket)
        assert (bucket.code is not None) is loaded, oct(mode)


def test_a_fifo_in_the_cache_does_not_hang_check(good: Good, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    shutil.copytree(good.cache / "parsed", cache / "parsed")
    for record in [p for p in (cache / "parsed").rglob("*") if p.is_file()]:
        record.unlink()
        os.mkfifo(record)
    result = runstrong("check", "--content", good.content, "--cache-dir", cache, cwd=tmp_path)
    assert result.code == 0, result.stderr


# ---- content stays inside content -----------------------------------------------------------


@pytest.mark.parametrize(
    ("link", "target"),
    [
        ("pages/env.txt", "/proc/self/environ"),
        ("pages/passwd.md", "/etc/passwd"),
        ("pages/etc", "/etc"),
        ("pages/up.txt", "../../outside.txt"),
        ("exercises/borrowed.yaml", "{outside}/borrowed.yaml"),
        ("vocabulary/extra.yaml", "{outside}/borrowed.yaml"),
    ],
)
def test_a_link_out_of_the_content_is_a_check_error(
    capsys: pytest.CaptureFixture[str], good: Good, hostile_content: Path, link: str, target: str
) -> None:
    outside = hostile_content.parent / "elsewhere"
    outside.mkdir()
    shutil.copy(good.content / "exercises" / "test-hinge.yaml", outside / "borrowed.yaml")
    (hostile_content.parent / "outside.txt").write_text("SECRET=1\n", encoding="utf-8")
    (hostile_content / link).symlink_to(target.format(outside=outside))
    with bounded(2.0):
        code, _, err = run_main(capsys, "check", "--content", hostile_content, "--cache-dir", good.cache)
    assert code == 1, err
    assert f"{link}:1:1: a symbolic link to " in err and "outside the content folder" in err, err
    assert "SECRET" not in err


def test_a_build_never_publishes_what_a_link_points_to(good: Good, hostile_content: Path) -> None:
    (hostile_content / "pages" / "env.txt").symlink_to("/proc/self/environ")
    base = good.site.parent
    result = runstrong(
        "build",
        "--content",
        hostile_content,
        "--site-dir",
        good.site,
        "--cache-dir",
        good.cache,
        cwd=base,
        env={"CI_TOKEN": "s3cret-token"},
    )
    result.assert_one_line_failure()
    assert "pages/env.txt:1:1" in result.stderr
    good.assert_site_untouched()


def test_links_inside_the_content_are_fine(
    capsys: pytest.CaptureFixture[str], good: Good, hostile_content: Path
) -> None:
    (hostile_content / "pages" / "muscles.txt").symlink_to("../vocabulary/muscles.yaml")
    (hostile_content / "pages" / "more").symlink_to(hostile_content / "programs")
    code, _, err = run_main(capsys, "check", "--content", hostile_content, "--cache-dir", good.cache)
    assert code == 0, err


# ---- every short link ever printed keeps working --------------------------------------------


def _with_short(content: Path, short: str | None) -> None:
    path = content / "exercises" / "test-hinge.yaml"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("short:")]
    if short is not None:
        lines.insert(1, f"short: {short}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _record(content: Path, text: str) -> None:
    (content / "short-links.txt").write_text(text, encoding="utf-8")


def test_a_changed_short_keeps_the_old_one_as_a_redirect(
    capsys: pytest.CaptureFixture[str], good: Good, hostile_content: Path
) -> None:
    from generator.load import load_guide
    from generator.redirects import render_redirects

    _with_short(hostile_content, "th")
    _record(hostile_content, "# printed\nhinge test-hinge\ntest-hinge test-hinge\n")
    notes: list[object] = []
    guide = load_guide(hostile_content, notes)  # type: ignore[arg-type]
    assert guide.kept_shorts == {"hinge": "test-hinge"}
    assert any("short-links.txt:2:1: note: /x/hinge/ was printed for 'test-hinge'" in str(n) for n in notes)
    pages = {f.path: f.read().decode() for f in render_redirects(guide)}
    assert "../../exercises/test-hinge/" in pages["x/hinge/index.html"]
    assert "x/th/index.html" in pages
    code, _, err = run_main(capsys, "check", "--content", hostile_content, "--cache-dir", good.cache)
    assert code == 0 and "kept as a redirect" in err, err


def test_a_printed_short_another_exercise_takes_is_an_error(
    capsys: pytest.CaptureFixture[str], good: Good, hostile_content: Path
) -> None:
    """Cards printed with /x/old-one/ for test-hinge must never open another exercise."""
    _record(hostile_content, "test-hinge test-hinge\nold-one test-hinge\n")
    _with_short(hostile_content, None)
    second = hostile_content / "exercises" / "second.yaml"
    second.write_text(
        (hostile_content / "exercises" / "test-hinge.yaml")
        .read_text(encoding="utf-8")
        .replace("name: Test hinge", "name: Second hinge")
        .replace("aliases: [TH]", "aliases: [SH]"),
        encoding="utf-8",
    )
    _with_short_in(second, "old-one")
    code, _, err = run_main(capsys, "check", "--content", hostile_content, "--cache-dir", good.cache)
    assert code == 1, err
    expected = (
        "short-links.txt:2:1: /x/old-one/ was printed on cards for 'test-hinge', but 'second' now uses it"
    )
    assert expected in err, err


def _with_short_in(path: Path, short: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(1, f"short: {short}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_code_of_a_removed_exercise_opens_the_library(good: Good, hostile_content: Path) -> None:
    from generator.load import load_guide
    from generator.redirects import render_redirects

    _record(hostile_content, "test-hinge test-hinge\ngone removed-exercise\n")
    guide = load_guide(hostile_content)
    assert guide.kept_shorts == {"gone": ""}
    page = next(f for f in render_redirects(guide) if f.path == "x/gone/index.html")
    assert "../../exercises/" in page.read().decode()


@pytest.mark.parametrize("bad", ["just-one-word\n", "Caps Slug\n", "a b c\n", "../x test-hinge\n", "\xff"])
def test_a_damaged_record_is_a_check_error_with_its_line(
    capsys: pytest.CaptureFixture[str], good: Good, hostile_content: Path, bad: str
) -> None:
    (hostile_content / "short-links.txt").write_bytes(b"# ok\n" + bad.encode("latin-1"))
    with bounded(2.0):
        code, _, err = run_main(capsys, "check", "--content", hostile_content, "--cache-dir", good.cache)
    assert code == 1 and "short-links.txt:" in err, err


def test_a_fifo_as_the_record_does_not_hang(
    capsys: pytest.CaptureFixture[str], good: Good, hostile_content: Path
) -> None:
    (hostile_content / "short-links.txt").unlink(missing_ok=True)
    os.mkfifo(hostile_content / "short-links.txt")
    with bounded(2.0):
        code, _, err = run_main(capsys, "check", "--content", hostile_content, "--cache-dir", good.cache)
    assert code == 1 and "short-links.txt:1:1" in err, err


def test_the_record_grows_and_never_loses_a_line(good: Good, hostile_content: Path) -> None:
    from generator.load import load_guide
    from generator.shortlinks import record, unrecorded

    _record(hostile_content, "# mine\nold test-hinge\n")
    _with_short(hostile_content, "th")
    guide = load_guide(hostile_content)
    assert unrecorded(hostile_content, guide) == ["th test-hinge"]
    assert record(hostile_content, guide) is None
    text = (hostile_content / "short-links.txt").read_text(encoding="utf-8")
    assert text == "# mine\nold test-hinge\nth test-hinge\n"
    assert unrecorded(hostile_content, load_guide(hostile_content)) == []
    mode = stat.S_IMODE((hostile_content / "short-links.txt").stat().st_mode)
    assert mode & 0o600 == 0o600
