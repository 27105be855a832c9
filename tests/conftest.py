"""Shared fixtures: a small valid content folder that tests can break one line at a time, the
run's render cache (kept between runs of the same code), and the run's one build of the real
guide and of its Zensical project (shared by every pytest-xdist worker)."""

from __future__ import annotations

import ast
import contextlib
import fcntl
import functools
import gc
import hashlib
import importlib.metadata
import os
import pickle
import shutil
import stat
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar, cast

import pytest

from generator.arrange import Arrangement
from generator.build import BuildReport, build_site
from generator.cache import CACHE_ENV
from generator.figures import FigureStats
from generator.files import GeneratedFile
from generator.gcpace import GC_THRESHOLD
from generator.load import load_guide
from generator.model import Guide

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"

# Line numbers matter: tests assert them. Line 1 is the schema comment.
VALID_EXERCISE = textwrap.dedent(
    """\
    # yaml-language-server: $schema=../schema/exercise.schema.json
    name: Test hinge
    aliases: [TH]
    summary: A hinge used by the tests.
    why_runners: Strong hips for the push-off.
    category: strength
    pattern: hinge
    level: beginner
    equipment:
      required: [dumbbells]
      optional: [mini-band]
    muscles:
      primary: [hamstrings, glute-max]
      secondary: [lower-back]
    setup:
      - Stand tall with the weights in front of the thighs.
    steps:
      - Push the hips back.
      - Stand tall again.
    cues:
      - Hips back, weights close.
    mistakes:
      - mistake: Rounding the back.
        fix: Keep the chest proud.
    easier:
      - name: Lighter weights
        how: Use half the load.
    harder:
      - name: Single leg
        how: Balance on one leg.
    dose:
      sets: 3
      reps: 10
      rest_seconds: 60
      rpe: 7
    """
)

VALID_PROGRAM = textwrap.dedent(
    """\
    # yaml-language-server: $schema=../schema/program.schema.json
    name: Test plan
    summary: Two weeks for the tests.
    goal: Check the loader.
    level: beginner
    weeks:
      - focus: Learn the hinge
        days:
          - day: mon
            run: {type: easy, minutes: 30}
          - day: tue
            run: {type: quality, minutes: 45, description: 5 × 3 min hard}
            strength:
              name: Session A
              exercises:
                - {exercise: test-hinge, sets: 2, reps: 12, rest_seconds: 60, rpe: 6}
          - day: sun
            run: {type: long, km: 14}
    """
)


def write_content(root: Path, exercise: str = VALID_EXERCISE, program: str = VALID_PROGRAM) -> Path:
    """A content folder at ``root``: the real vocabularies, a home page, one exercise
    (``test-hinge``) and one program (``test-plan``)."""
    shutil.copytree(CONTENT / "vocabulary", root / "vocabulary")
    (root / "exercises").mkdir()
    (root / "programs").mkdir()
    (root / "pages").mkdir()
    (root / "pages" / "index.md").write_text("# Test guide\n", encoding="utf-8")
    (root / "exercises" / "test-hinge.yaml").write_text(exercise, encoding="utf-8")
    (root / "programs" / "test-plan.yaml").write_text(program, encoding="utf-8")
    return root


@functools.cache
def real_guide() -> Guide:
    """The guide's own content, loaded once per process and shared: read it, never change it.

    Test modules read it when they are imported, and every pytest-xdist worker imports every
    test module to collect it: 13 modules each loading the guide again (with its figure checks)
    cost each worker ~10 s of CPU before its first test. ``kept``: loaded once for every worker
    and every run of the same code and content."""
    return kept("guide", lambda: load_guide(CONTENT))


@functools.cache
def real_arrangements() -> dict[str, list[Arrangement]]:
    """``all_arrangements`` of ``real_guide``, once per process (three test modules read them
    when imported): read them, never change them. ``kept`` like the guide."""
    from generator.pages.render import all_arrangements

    return kept("arrangements", lambda: all_arrangements(real_guide()))


T = TypeVar("T")


def kept(name: str, make: Callable[[], T]) -> T:
    """``make()``, made once for every pytest-xdist worker and every run of the same code, content
    and checkout, kept as a pickle in ``kept_root()`` (beside the render caches).

    The key is everything ``make`` may read: the code (``code_fingerprint``: generator/, the
    installed packages, Python), the bytes of content/, and this checkout's path (what is loaded
    names its files). The first worker to need it makes it under a lock; the others wait and
    read it (each worker used to load the guide and arrange its programs, ~2.3 s of CPU each,
    while collecting). A file another user could have written is never read: it is made again."""
    code = code_fingerprint()  # hashes generator/ and theme/: once
    digest = hashlib.sha256(f"{ROOT}\0{code}".encode())
    for path in sorted(CONTENT.rglob("*")):
        if path.is_file():
            digest.update(f"\0{path.relative_to(CONTENT).as_posix()}\0".encode() + path.read_bytes())
    folder = kept_root() / f"objects-{code}"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}-{digest.hexdigest()[:20]}.pickle"
    with _once(folder / f"{name}.lock"):
        if _own_file(target):
            return cast(T, pickle.loads(target.read_bytes()))
        made = make()
        scratch = target.with_suffix(f".{os.getpid()}")
        scratch.write_bytes(pickle.dumps(made, protocol=pickle.HIGHEST_PROTOCOL))
        scratch.replace(target)  # whole or not at all
        return made


def _own_file(path: Path) -> bool:
    """``path`` is a regular file of this user's that no one else can write (not a link)."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return False
    return stat.S_ISREG(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o022


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A content folder with the real vocabularies, one exercise and one program."""
    return write_content(tmp_path / "content")


@pytest.fixture
def write(content: Path) -> Callable[[str, str], Path]:
    """Write a file into the test content folder: write('exercises/x.yaml', text)."""

    def _write(relative: str, text: str) -> Path:
        path = content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return _write


@pytest.fixture
def real_content(tmp_path: Path) -> Path:
    """A copy of the guide's real content that a test may change."""
    target = tmp_path / "real-content"
    shutil.copytree(CONTENT, target)
    return target


# --- The small fixture guide (tests/fixtures/guide) ------------------------------------
#
# Three exercises, two programs and two hand-written pages written for the tests, for builds that
# do not need the real guide's 37 exercises: a build of it takes seconds, not a minute.

FIXTURE_GUIDE = ROOT / "tests" / "fixtures" / "guide"


def write_fixture_guide(root: Path) -> Path:
    """The fixture guide assembled at ``root``: its exercises, programs and pages, with the real
    guide's vocabularies (copied, so they never drift apart)."""
    shutil.copytree(CONTENT / "vocabulary", root / "vocabulary")
    for part in ("exercises", "programs", "pages"):
        shutil.copytree(FIXTURE_GUIDE / part, root / part)
    return root


@pytest.fixture
def fixture_guide(tmp_path: Path) -> Path:
    """A copy of the small fixture guide that a test may change."""
    return write_fixture_guide(tmp_path / "fixture-guide")


def fixture_mkdocs_config(content: Path, folder: Path) -> Path:
    """The guide's own mkdocs.yml, pointed at ``content`` (and at the repository's theme), written
    into ``folder``: for the commands that read a config file (``mkdocs build``)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for before, after in (
        ("docs_dir: content/pages", f"docs_dir: {content / 'pages'}"),
        ("custom_dir: theme", f"custom_dir: {ROOT / 'theme'}"),
        ("  - content\n", f"  - {content}\n"),
        ("content: content", f"content: {content}"),
    ):
        assert text.count(before) == 1, f"mkdocs.yml no longer has {before!r}"
        text = text.replace(before, after)
    config = folder / "mkdocs.yml"
    config.write_text(text, encoding="utf-8")
    return config


@pytest.fixture(scope="session")
def fixture_guide_site(
    tmp_path_factory: pytest.TempPathFactory, render_cache: Path
) -> tuple[Path, Path, BuildReport]:
    """(content, site, report): one strict build of the fixture guide per run, shared by every
    xdist worker (read them, never change them; ``fixture_guide`` is a copy to change)."""

    def build(folder: Path) -> None:
        content = write_fixture_guide(folder / "content")
        built = build_site(content, folder / "site", ROOT / "mkdocs.yml", strict=True)
        (folder / "report.pickle").write_bytes(pickle.dumps(built))

    folder = made_once(tmp_path_factory, "fixture-guide-built", build)
    content, site, report = folder / "content", folder / "site", folder / "report.pickle"
    return content, site, pickle.loads(report.read_bytes())


# --- The render cache, and the run's one build of the real guide --------------------------
#
# Drawing the guide's pictures and printing its PDFs is the most expensive thing the suite does
# (about 100 s of CPU, cold). Two things keep it rare:
#
# - The run's render cache is kept between runs of the SAME code (``kept_cache_dir``): a folder
#   named by a fingerprint of generator/, theme/ and the installed packages. Any change to the
#   code that draws (or to a library it uses) names a new, empty folder, so an entry a run takes
#   from it was made by exactly this code; the cache's keys cover the content, and each blob is
#   checked against its sha256 before it is used. A second run of unchanged code draws nothing.
# - The real guide is drawn and built once per run, whatever the number of pytest-xdist
#   workers: the first worker to need it builds it into a folder all workers see, under a file
#   lock (``_once``); the others wait, then read that build. One file that needs the guide runs
#   first, the others after those that do not (``pytest_collection_modifyitems``), so the guide
#   is built while the other workers have work of their own.

GUIDE_FIXTURES = frozenset({"built_site", "guide_pictures", "site_dir", "zensical_project"})
GUIDE_WAIT_S = 900  # a build still holding the lock after this has hung
TEST_CACHE_ENV = "RUNSTRONG_TEST_CACHE"  # where the runs' render caches are kept (folder of folders)
TEST_CACHE_KEPT_DAYS = 3  # a fingerprint's folder unused for longer is removed
# Files that build the guide's Zensical project on top of the shared build (10–25 s; a second
# build, a rename or plain MkDocs now build the small fixture guide). Only an ordering hint (see
# pytest_collection_modifyitems); a file missing here runs later.
REBUILDS_THE_GUIDE = frozenset({"tests/test_zensical.py"})
# The one file that needs the guide and runs FIRST: the first worker builds the guide while the
# others run the files that do not need it, so nobody waits for the build at the end (when every
# worker reached the guide's files together, all but one sat out the whole build). Its own tests
# only read the site.
BUILDS_THE_GUIDE_FIRST = "tests/site/test_site.py"


def _wants_guide(item: pytest.Item) -> bool:
    names = set(getattr(item, "fixturenames", ()))
    if os.environ.get("RUNSTRONG_BROWSER_SITE"):  # browser tests against a site built earlier
        names.discard("site_dir")
    return bool(names & GUIDE_FIXTURES)


def pytest_configure(config: pytest.Config) -> None:
    """The suite's processes build guides in-process, as the command line does: at the build's
    pace of the cycle collector (generator/gcpace.py). At the default pace the three workers
    spent ~7 s of CPU in ~9,000 collections, four fifths of it walking the oldest generation
    (the session's guides and sites), measured with a ``gc.callbacks`` timer."""
    gc.set_threshold(*GC_THRESHOLD)


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Generator[None, object, object]:
    """Test modules (and conftest.py files) are imported with their byte code written, even where
    PYTHONDONTWRITEBYTECODE is set (CI, this project's machines): pytest keeps each test module
    with its asserts rewritten in ``__pycache__``, and reads it back if the file is unchanged.
    Without it every pytest-xdist worker rewrote all ~150 test modules again on every run
    (~3 s of CPU a worker, measured)."""
    before, sys.dont_write_bytecode = sys.dont_write_bytecode, False
    try:
        return (yield)
    finally:
        sys.dont_write_bytecode = before


@pytest.hookimpl(optionalhook=True)  # a pytest-xdist hook: unknown without it (-p no:xdist)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto`` (pyproject.toml): one worker more than there are cores. The browser tests
    spend much of their time waiting for Chromium, and an extra worker fills those waits."""
    return (os.cpu_count() or 1) + 1


@pytest.hookimpl(trylast=True)  # after -k/-m deselection: only what will run counts
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Test files that need the real guide run after those that do not, but for one that runs
    first (``BUILDS_THE_GUIDE_FIRST``), so that the guide is built while the other workers run
    the files that do not need it.

    Whole files move, never single tests (a file keeps its order, and pytest-xdist's
    ``--dist loadfile`` keeps each file, with its module fixtures, on one worker). The first
    worker builds the guide (``built_site``) at the start; by the time the others reach the
    guide's files, it is built.
    """
    wanting = {item.path for item in items if _wants_guide(item)}
    browser = {item.path for item in items if "browser" in getattr(item, "fixturenames", ())}

    def place(item: pytest.Item) -> int:
        if item.path.relative_to(ROOT).as_posix() == BUILDS_THE_GUIDE_FIRST:
            return -1
        if item.path not in wanting:
            return 0
        # Of those, the longest first, so that no long file starts last and keeps one worker
        # busy while the others have nothing left to do: the browser files, then the files
        # that build the guide again themselves (a second build, a rename, the Zensical build).
        if item.path in browser:
            return 1
        return 2 if item.path.relative_to(ROOT).as_posix() in REBUILDS_THE_GUIDE else 3

    items.sort(key=place)  # stable: the order within a file stays


def _run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of this run that every pytest-xdist worker sees (each worker's own temporary
    folder lies in the run's); without xdist, the session's temporary folder."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextmanager
def _once(lock: Path) -> Iterator[None]:
    """Hold an exclusive lock on the file ``lock`` (shared by the run's workers): whatever one
    worker makes under it, the next finds made. Released when the block ends, or its process does."""
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + GUIDE_WAIT_S
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    pytest.fail(f"{lock} was held for {GUIDE_WAIT_S} s: the work under it has hung")
                time.sleep(0.1)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def made_once(
    tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None], lock: str = ""
) -> Path:
    """The run's folder ``name``, made by ``make(folder)`` once per run whatever the number of
    pytest-xdist workers: the first worker to get the lock (``<lock or name>.lock``) makes it,
    the others wait, then find it made. Read what is in it, never change it.

    The folder is whole once its ``.done`` mark exists (written after ``make`` returns): a
    worker that finds a folder without one (an attempt that failed) removes it and tries again.
    """
    run = _run_folder(tmp_path_factory)
    folder, done = run / name, run / f"{name}.done"
    with _once(run / f"{lock or name}.lock"):
        if not done.exists():  # the first worker here makes it; the others read what it made
            shutil.rmtree(folder, ignore_errors=True)  # what a failed attempt left
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


def code_fingerprint() -> str:
    """What made the pictures and PDFs a cache holds: every file of generator/ and theme/ (code,
    fonts, templates), the installed packages and their versions, and Python's version."""
    return _fingerprint(
        path
        for folder in ("generator", "theme")
        for path in (ROOT / folder).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    )


# The code that draws the pictures and prints the PDFs (the two costly namespaces of the render
# cache, a cold build's ~100 s of CPU): these packages, and every generator module they import.
DRAWING_PACKAGES = ("generator/figures", "generator/cards", "generator/fonts")
DRAWN = ("figures", "pdf", "stills")  # their namespaces in the render cache (Cache(root, namespace))


def drawing_fingerprint() -> str:
    """``code_fingerprint`` of the drawing code only (``drawing_files``): a change elsewhere in
    generator/ (pages, the plugin, the loader's messages) keeps the pictures and PDFs drawn."""
    return _fingerprint(drawing_files())


def drawing_files() -> set[Path]:
    """Every file of ``DRAWING_PACKAGES`` (code, fonts) and every module of generator/ they can
    import, at any depth: read from the source (an import inside a function counts), not from
    what one run happened to import, so no module a job may run is left out."""
    todo = [p for folder in DRAWING_PACKAGES for p in (ROOT / folder).rglob("*") if p.is_file()]
    todo = [p for p in todo if "__pycache__" not in p.parts]
    found: set[Path] = set()
    while todo:
        path = todo.pop()
        if path in found:
            continue
        found.add(path)
        if path.suffix == ".py":
            todo += _imported_files(path)
    return found


def _imported_files(path: Path) -> list[Path]:
    """The files of generator/ that the module at ``path`` imports (with their packages'
    ``__init__.py``: importing a module runs its packages first)."""
    package = path.parent.relative_to(ROOT).parts  # the module's package, as path parts
    names: list[tuple[str, ...]] = []
    for node in ast.walk(ast.parse(path.read_bytes())):
        if isinstance(node, ast.Import):
            names += [tuple(alias.name.split(".")) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else ()
            module = (*base, *(node.module.split(".") if node.module else ()))
            names.append(module)
            names += [(*module, alias.name) for alias in node.names]  # `from . import urls`
    files = []
    for parts in names:
        if parts[:1] != ("generator",):
            continue
        for depth in range(1, len(parts) + 1):
            folder = ROOT.joinpath(*parts[:depth])
            files += [f for f in (folder / "__init__.py", folder.with_suffix(".py")) if f.is_file()]
    return files


def _fingerprint(files: Iterable[Path]) -> str:
    """A hash of ``files`` (their paths and bytes), of the installed packages and their versions,
    and of Python's version."""
    digest = hashlib.sha256(sys.version.encode())
    for path in sorted(files):
        digest.update(f"\0{path.relative_to(ROOT).as_posix()}\0".encode() + path.read_bytes())
    packages = sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    digest.update("\n".join(packages).encode())
    return digest.hexdigest()[:20]


def kept_root() -> Path:
    """Where the runs keep what they make for the next run of the same code or packages:
    ``$RUNSTRONG_TEST_CACHE``, else ``~/.cache/runstrong-tests`` (``kept_cache_dir``; the install
    test's wheelhouse, tests/test_install.py). A folder in it unused for a few days is removed."""
    from platformdirs import user_cache_dir

    return Path(os.environ.get(TEST_CACHE_ENV) or user_cache_dir("runstrong-tests", appauthor=False))


def kept_cache_dir() -> Path:
    """The render cache of this code (``code_fingerprint``), kept between runs:
    ``$RUNSTRONG_TEST_CACHE/<fingerprint>``, by default in the user's cache folder
    (``~/.cache/runstrong-tests``), never the user's own render cache. Its pictures and PDFs
    (``DRAWN``) are links into ``drawn-<drawing_fingerprint>``, shared by every code that draws
    the same way: a change that draws nothing new (most changes: pages, the plugin, messages)
    starts with them drawn. Folders not used for a few days are removed.
    ``RUNSTRONG_TEST_CACHE=$(mktemp -d)`` runs the suite cold."""
    root = kept_root()
    folder = root / code_fingerprint()
    drawn = root / f"drawn-{drawing_fingerprint()}"
    for namespace in DRAWN:
        (drawn / namespace).mkdir(parents=True, exist_ok=True)
        (folder / namespace).parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):  # linked by another worker, or an earlier run
            (folder / namespace).symlink_to(drawn / namespace, target_is_directory=True)
    for used in (folder, drawn):
        os.utime(used)  # used now: kept
    stale = time.time() - TEST_CACHE_KEPT_DAYS * 86400
    for other in root.iterdir():
        if other not in (folder, drawn) and other.is_dir() and other.stat().st_mtime < stale:
            shutil.rmtree(other, ignore_errors=True)  # another run may be removing it too
    return folder


@pytest.fixture(scope="session", autouse=True)
def render_cache() -> Iterator[Path]:
    """ONE picture-and-PDF cache for the whole run (every xdist worker): ``kept_cache_dir``.

    Through ``$RUNSTRONG_CACHE`` it reaches ``build_site``, ``generate`` and every
    ``runstrong`` child process; tests that render on purpose pass this folder as
    ``cache_dir``. The run writes nothing into the user's own cache folder. Tests that need a
    cold or broken cache make their own (tests/hostile).
    """
    cache = kept_cache_dir()
    previous = os.environ.get(CACHE_ENV)
    os.environ[CACHE_ENV] = str(cache)
    try:
        yield cache
    finally:
        if previous is None:
            os.environ.pop(CACHE_ENV, None)
        else:
            os.environ[CACHE_ENV] = previous


@dataclass(frozen=True)
class GuidePictures:
    """The run's one render of every picture of the guide."""

    files: list[GeneratedFile]
    stats: FigureStats
    cached_before: int  # how many of them the run's cache held when this asked for them
    to_draw: int  # distinct pictures the cache lacked then


@pytest.fixture(scope="session")
def guide_pictures(tmp_path_factory: pytest.TempPathFactory, render_cache: Path) -> GuidePictures:
    """Every picture of the guide, drawn at most ONCE per run into the run's ``render_cache``
    (by the first worker to get the lock; the others find them cached). Tests that need the
    guide's pictures take them from here instead of drawing the guide again."""
    from generator.figures import render_figures
    from generator.figures.cache import Cache
    from generator.figures.jobs import all_jobs
    from generator.load import load_guide

    guide = load_guide(CONTENT)
    with _once(_run_folder(tmp_path_factory) / "guide.lock"):
        cache = Cache(render_cache, "figures")
        keys = [job.key for job in all_jobs(guide)]
        missing = {key for key in keys if cache.get(key) is None}
        files, stats = render_figures(guide, cache_dir=render_cache, workers=os.cpu_count() or 1)
    return GuidePictures(files, stats, len(keys) - sum(key in missing for key in keys), len(missing))


@pytest.fixture(scope="session")
def built_site(
    tmp_path_factory: pytest.TempPathFactory, render_cache: Path, guide_pictures: GuidePictures
) -> tuple[Path, BuildReport]:
    """One real, strict MkDocs build of the guide's own content per run, shared by site and
    browser tests and by every xdist worker: read it, never change it.

    Its pictures come from ``guide_pictures`` and its PDFs land in the run's ``render_cache``:
    any later build, ``runstrong`` run or render of the guide in the run takes them from there
    instead of drawing them again. Tests that build the guide ask for this fixture even when
    they do not read its site, so that they never draw cold.
    """

    def build(folder: Path) -> None:
        built = build_site(CONTENT, folder / "site", ROOT / "mkdocs.yml", strict=True)
        (folder / "report.pickle").write_bytes(pickle.dumps(built))

    # Under guide_pictures' lock: the guide's pictures are drawn by one worker at a time.
    folder = made_once(tmp_path_factory, "guide-built", build, lock="guide")
    site, report = folder / "site", folder / "report.pickle"
    return site, pickle.loads(report.read_bytes())


# --- the guide published by Zensical (issue 11, 21) ------------------------------------


def zensical_command() -> str:
    found = shutil.which("zensical", path=str(Path(sys.executable).parent)) or shutil.which("zensical")
    if found is None:
        pytest.fail("zensical is not installed: it is in the test extras (pip install -e '.[test]')")
    return found


@pytest.fixture(scope="session")
def zensical_project(built_site: tuple[Path, BuildReport], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`runstrong generate --out DIR`, then `zensical build --strict` in DIR, then the post-step:
    once per run, shared by every xdist worker (read it, never change it).

    Asks for ``built_site`` first, so the pictures and PDFs come from the run's cache.
    tests/test_zensical.py compares it with the MkDocs build, and
    tests/browser/test_zensical_search.py searches it in Chromium.
    """
    return (
        made_once(tmp_path_factory, "zensical", lambda folder: _build_zensical(folder / "project"))
        / "project"
    )


def _build_zensical(project: Path) -> None:
    from generator.zensical import finish_site

    zensical = zensical_command()
    generated = subprocess.run(
        [sys.executable, "-m", "generator.cli", "generate", "--out", str(project)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert generated.returncode == 0, generated.stderr
    built = subprocess.run(
        [zensical, "build", "--strict"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    if "RUNSTRONG_SITE_URL" not in os.environ:  # the guide's mkdocs.yml: the placeholder address
        assert generated.stderr.count("site_url is the placeholder https://runstrong.example/") == 1
    finish_site(project / "site", CONTENT)
