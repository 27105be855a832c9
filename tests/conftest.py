"""Shared fixtures: a small valid content folder that tests can break one line at a time, and
the run's one render and build of the real guide (shared by every pytest-xdist worker)."""

from __future__ import annotations

import errno
import fcntl
import os
import pickle
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.build import BuildReport, build_site
from generator.cache import CACHE_ENV
from generator.figures import FigureStats
from generator.files import GeneratedFile

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


# --- The run's one render and build of the real guide -------------------------------------
#
# Drawing the guide's pictures and printing its PDFs is the most expensive thing the suite does
# (a minute and a half of CPU). It happens ONCE per run, whatever the number of pytest-xdist
# workers: into a folder every worker shares (``_run_folder``), under a file lock. As soon as the
# run knows it will need the guide (collection found a test asking for it), a background process
# starts drawing and building it while the tests that do not need it run; the tests that need it
# come last (``pytest_collection_modifyitems``) and take its result. If that process failed or
# was never started, the first fixture to need the guide does the same work in-process, so a
# failure surfaces in a test with its traceback. Nothing else about the guide's tests changes:
# the pictures are the same bytes (the cache checks each entry), the site the same build.

GUIDE_FIXTURES = frozenset({"built_site", "guide_pictures", "site_dir"})
GUIDE_LOCK = "guide.lock"
PICTURES_DONE = "guide-pictures.done"  # the render cache holds every picture of the guide
BUILT = "guide-built"  # the built site and its pickled report
BACKGROUND_LOG = "guide-background.log"
GUIDE_WAIT_S = 900  # a render or build still holding the lock after this has hung
# Files that build the guide (or its Zensical project) again on top of the shared build: 10–25 s
# each. Only an ordering hint (see pytest_collection_modifyitems); a file missing here runs later.
REBUILDS_THE_GUIDE = frozenset(
    {"tests/site/test_site.py", "tests/site/test_published_urls.py", "tests/test_zensical.py"}
)
_WANTS_GUIDE = pytest.StashKey[bool]()
_background: subprocess.Popen[bytes] | None = None


def _wants_guide(item: pytest.Item) -> bool:
    names = set(getattr(item, "fixturenames", ()))
    if os.environ.get("RUNSTRONG_BROWSER_SITE"):  # browser tests against a site built earlier
        names.discard("site_dir")
    return bool(names & GUIDE_FIXTURES)


@pytest.hookimpl(optionalhook=True)  # a pytest-xdist hook: unknown without it (-p no:xdist)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto`` (pyproject.toml): one worker more than there are cores. The browser tests
    spend most of their time waiting for Chromium (114 s wall for 41 s of CPU in one process),
    and an extra worker fills those waits: on 2 cores (shared with other work at the time), the
    guide-dependent half of the suite took 150 s with 3 workers and 228 s with 2."""
    return (os.cpu_count() or 1) + 1


@pytest.hookimpl(trylast=True)  # after -k/-m deselection: only what will run counts
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Test files that need the real guide run after those that do not.

    Whole files move, never single tests (a file keeps its order, and pytest-xdist's
    ``--dist loadfile`` keeps each file, with its module fixtures, on one worker). The guide is
    drawn and built in the background meanwhile, so the first test that needs it finds it
    (nearly) ready instead of every worker waiting for it at the start.
    """
    wanting = {item.path for item in items if _wants_guide(item)}
    browser = {item.path for item in items if "browser" in getattr(item, "fixturenames", ())}

    def place(item: pytest.Item) -> int:
        if item.path not in wanting:
            return 0
        # Of those, the longest first, so that no long file starts last and keeps one worker
        # busy while the others have nothing left to do: the browser files, then the files
        # that build the guide again themselves (a second build, a rename, the Zensical build).
        if item.path in browser:
            return 1
        return 2 if item.path.relative_to(ROOT).as_posix() in REBUILDS_THE_GUIDE else 3

    items.sort(key=place)  # stable: the order within a file stays
    config.stash[_WANTS_GUIDE] = bool(wanting)


def _run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of this run that every pytest-xdist worker sees (each worker's own temporary
    folder lies in the run's); without xdist, the session's temporary folder."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextmanager
def _guide_lock(run: Path) -> Iterator[None]:
    """Hold the run's guide lock (the background process holds it while it works)."""
    fd = os.open(run / GUIDE_LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + GUIDE_WAIT_S
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
            if time.monotonic() > deadline:
                pytest.fail(
                    f"the guide's render or build held {run / GUIDE_LOCK} for {GUIDE_WAIT_S} s; see {run / BACKGROUND_LOG}"
                )
            time.sleep(0.1)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _draw_guide_pictures(run: Path, cache: Path) -> None:
    """Draw every picture of the guide into ``cache``, unless the run did so already."""
    if (run / PICTURES_DONE).exists():
        return
    from generator.figures import render_figures
    from generator.load import load_guide

    render_figures(load_guide(CONTENT), cache_dir=cache, workers=os.cpu_count() or 1)
    (run / PICTURES_DONE).touch()


def _build_guide(run: Path) -> tuple[Path, BuildReport]:
    """The strict MkDocs build of the guide's own content, once per run; later calls read it."""
    folder = run / BUILT
    site, report = folder / "site", folder / "report.pickle"
    if not report.exists():
        shutil.rmtree(folder, ignore_errors=True)  # what a failed attempt left
        folder.mkdir()
        built = build_site(CONTENT, site, ROOT / "mkdocs.yml", strict=True)
        partial = report.with_suffix(".tmp")
        partial.write_bytes(pickle.dumps(built))
        partial.replace(report)  # the report's presence says the site is whole
    return site, pickle.loads(report.read_bytes())


def _background_main() -> None:
    """The background process: ``python -c '…_background_main()' RUN CACHE``, holding the lock
    it inherited from the worker that started it until it has drawn and built the guide."""
    run, cache = Path(sys.argv[1]), Path(sys.argv[2])
    _draw_guide_pictures(run, cache)
    _build_guide(run)


def _start_background(run: Path, cache: Path) -> None:
    """Start drawing and building the guide in the background, once per run (whichever worker
    gets here first). The lock is taken here and handed to the child, so no fixture can take
    it between the start and the child's first step."""
    global _background
    fd = os.open(run / GUIDE_LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return  # another worker's background process (or its fixture) is at it
        started = run / "guide-background.started"
        if started.exists():
            return  # done already, or tried and failed: the fixtures do what is missing
        started.touch()
        with (run / BACKGROUND_LOG).open("wb") as log:
            _background = subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    "from tests.conftest import _background_main; _background_main()",
                    run,
                    cache,
                ],
                cwd=ROOT,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                pass_fds=(fd,),
                start_new_session=True,  # its own process group: stopped with its workers
            )
    finally:
        os.close(fd)  # the child's copy of the descriptor keeps the lock until it exits


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A background render nobody waits for any more (an interrupted or ``-x``-stopped run)
    is stopped; otherwise it is waited for (another worker may still need what it makes)."""
    child = _background
    if child is None or child.poll() is not None:
        return
    if exitstatus == pytest.ExitCode.INTERRUPTED or session.shouldstop or session.shouldfail:
        os.killpg(child.pid, signal.SIGTERM)
    child.wait()


@pytest.fixture(scope="session", autouse=True)
def render_cache(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Iterator[Path]:
    """ONE picture-and-PDF cache for the whole run (every xdist worker), empty at its start.

    Drawing the guide's pictures takes most of a build; with a cache per test, every test that
    builds, generates or renders the real guide would draw all of them again (a minute each on
    two cores). Through ``$RUNSTRONG_CACHE`` the cache reaches ``build_site``, ``generate`` and
    every ``runstrong`` child process; tests that render on purpose pass this folder as
    ``cache_dir``. It starts empty, so nothing a developer's own cache holds (a stale renderer
    version, a damaged entry) can make the run pass, and the run writes nothing into the user's
    cache folder. Tests that need a cold or broken cache make their own (tests/hostile).
    If the run needs the real guide, drawing and building it starts here, in the background.
    """
    run = _run_folder(tmp_path_factory)
    cache = run / "render-cache"
    cache.mkdir(exist_ok=True)
    previous = os.environ.get(CACHE_ENV)
    os.environ[CACHE_ENV] = str(cache)
    if request.config.stash.get(_WANTS_GUIDE, False):
        _start_background(run, cache)
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
    """Every picture of the guide, drawn ONCE per run into the run's ``render_cache``.

    The background process (or, without it, the first fixture to get the lock) draws them; here
    ``render_figures`` takes them from the cache. Tests that need the guide's pictures take them
    from here instead of drawing the guide again.
    """
    from generator.figures import render_figures
    from generator.figures.cache import Cache
    from generator.figures.jobs import all_jobs
    from generator.load import load_guide

    run = _run_folder(tmp_path_factory)
    with _guide_lock(run):
        _draw_guide_pictures(run, render_cache)
    guide = load_guide(CONTENT)
    cache = Cache(render_cache, "figures")
    keys = [job.key for job in all_jobs(guide)]
    missing = {key for key in keys if cache.get(key) is None}
    files, stats = render_figures(guide, cache_dir=render_cache, workers=os.cpu_count() or 1)
    return GuidePictures(files, stats, len(keys) - sum(key in missing for key in keys), len(missing))


@pytest.fixture(scope="session")
def built_site(
    tmp_path_factory: pytest.TempPathFactory, render_cache: Path, guide_pictures: GuidePictures
) -> tuple[Path, BuildReport]:
    """One real, strict MkDocs build of the guide's own content, shared by site and browser
    tests (and by every xdist worker: read it, never change it).

    Its pictures come from ``guide_pictures`` and its PDFs land in the run's ``render_cache``:
    any later build, ``runstrong`` run or render of the guide in the run takes them from there
    instead of drawing them again. Tests that build the guide ask for this fixture even when
    they do not read its site, so that they never draw cold.
    """
    run = _run_folder(tmp_path_factory)
    with _guide_lock(run):
        return _build_guide(run)


# --- the guide published by Zensical (issue 11, 21) ------------------------------------


def zensical_command() -> str:
    found = shutil.which("zensical", path=str(Path(sys.executable).parent)) or shutil.which("zensical")
    if found is None:
        pytest.fail("zensical is not installed: it is in the test extras (pip install -e '.[test]')")
    return found


@pytest.fixture(scope="session")
def zensical_project(built_site: tuple[Path, BuildReport], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`runstrong generate --out DIR`, then `zensical build --strict` in DIR, then the post-step.

    Asks for ``built_site`` first, so the pictures and PDFs come from the session's cache. Once
    per worker: tests/test_zensical.py compares it with the MkDocs build, and
    tests/browser/test_zensical_search.py searches it in Chromium.
    """
    from generator.zensical import finish_site

    zensical = zensical_command()
    project = tmp_path_factory.mktemp("zensical") / "project"
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
    return project
