"""The site swap: a kill at any moment leaves the complete old site or the complete new one.

The swap is killed (SIGKILL, no clean-up code runs) at each point of ``writer.atomic_folder``:
while the new site is written, before and after the exchange, while the old site is removed,
and between the two renames of the fallback for systems without an atomic exchange. The next
run removes what the killed one left.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.writer import atomic_folder, exchange

from ..conftest import ROOT
from .conftest import Good, snapshot

CHILD = r"""
import os, shutil, signal, sys
from pathlib import Path
from generator import writer as build  # the one writer holds the swap

site, new, point = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]

def die():
    os.kill(os.getpid(), signal.SIGKILL)

real_exchange, real_rmtree, real_rename = build.exchange, shutil.rmtree, Path.rename
if point == "before-exchange":
    build.exchange = lambda a, b: die()
elif point == "after-exchange":
    build.exchange = lambda a, b: (real_exchange(a, b), die())
elif point == "removing-old":
    from generator import removal

    def remove(path, deadline):
        for i, f in enumerate(sorted(Path(path).rglob("*.html"))):
            f.unlink()
            if i == 20:
                die()
    removal._removed_within = remove
elif point.startswith("fallback"):
    build.exchange = lambda a, b: False
    if point == "fallback-between-renames":
        def rename(self, target):
            result = real_rename(self, target)
            die()
        Path.rename = rename

with build.atomic_folder(site) as staging:
    files = sorted(p for p in new.rglob("*") if p.is_file())
    for i, f in enumerate(files):
        if point == "writing" and i == len(files) // 2:
            die()
        target = staging / f.relative_to(new)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(f, target)
"""

POINTS = [
    "writing",
    "before-exchange",
    "after-exchange",
    "removing-old",
    "fallback-between-renames",
    "fallback",
]


def make_tree(root: Path, label: str, count: int) -> Path:
    for i in range(count):
        page = root / f"section-{i % 7}" / f"page-{i}" / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"<p>{label} {i}</p>\n", encoding="utf-8")
    (root / "index.html").write_text(f"<h1>{label}</h1>\n", encoding="utf-8")
    return root


def swap_child(site: Path, new: Path, point: str) -> int:
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(site), str(new), point],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode


def leftovers(site: Path, *, wait: float = 30.0) -> list[str]:
    """The staging and trash folders a swap left beside ``site``.

    The retired site is removed in the background once it takes longer than
    ``removal.BUDGET`` (a loaded machine): its trash folder is left to its remover, so wait up
    to ``wait`` seconds for that; staging folders are never waited for.
    """
    deadline = time.monotonic() + wait
    while True:
        left = sorted(p.name for p in site.parent.iterdir() if p.name.startswith(f".{site.name}."))
        if not any(".trash-" in name for name in left) or time.monotonic() > deadline:
            return left
        time.sleep(0.05)


@pytest.mark.parametrize("point", POINTS)
def test_a_kill_during_the_swap_leaves_the_old_or_the_new_site(tmp_path: Path, point: str) -> None:
    new = make_tree(tmp_path / "new", "new", 160)
    site = make_tree(tmp_path / "out" / "site", "old", 120)
    old_tree, new_tree = snapshot(site), snapshot(new)

    code = swap_child(site, new, point)
    if point == "fallback":
        assert code == 0
        assert snapshot(site) == new_tree
        assert leftovers(site) == []
        return
    assert code == -signal.SIGKILL
    assert leftovers(site), "the killed run left its staging folder (removed by the next run)"
    if point == "fallback-between-renames":
        # Without an atomic exchange there is a moment with no site; the next run (any
        # runstrong build) puts the complete old one back before doing anything else.
        assert not site.exists()
        from generator.writer import clean_stale

        clean_stale(site)
    now = snapshot(site)
    assert now in (old_tree, new_tree), point

    assert swap_child(site, new, "none") == 0
    assert snapshot(site) == new_tree
    assert leftovers(site) == []


def test_a_running_build_keeps_its_staging_folder(tmp_path: Path) -> None:
    site = make_tree(tmp_path / "site", "old", 3)
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        busy = tmp_path / f".site.new-{sleeper.pid}-abcd"
        dead = tmp_path / ".site.new-999999999-abcd"
        busy.mkdir()
        dead.mkdir()
        with atomic_folder(site) as staging:
            (staging / "index.html").write_text("new", encoding="utf-8")
        assert busy.exists() and not dead.exists()
    finally:
        sleeper.kill()
        sleeper.wait()


def test_exchange_is_atomic_where_the_system_has_it(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "x").write_text("a", encoding="utf-8")
    (b / "x").write_text("b", encoding="utf-8")
    if sys.platform.startswith("linux"):
        assert exchange(a, b)  # CI runs Linux with glibc ≥ 2.28: the atomic path is the one tested
        assert (a / "x").read_text(encoding="utf-8") == "b"
        assert (b / "x").read_text(encoding="utf-8") == "a"


def test_the_site_is_readable_by_a_web_server(good: Good) -> None:
    modes = {mode for _, mode in good.tree.values()}
    assert good.site.stat().st_mode & 0o777 == 0o755
    assert modes == {0o755, 0o644}
    for path, (digest, mode) in good.tree.items():
        assert mode == (0o755 if digest == "dir" else 0o644), path
