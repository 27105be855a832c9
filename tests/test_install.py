"""Installable anywhere (issue 11): a fresh venv, a non-editable install, a guide of one's own.

The slow test does what a coach does: ``python -m venv``, install RunStrong from the
repository's files (a wheel, not an editable install), then, in a folder outside the
repository, ``runstrong new my-guide``, ``runstrong build --strict`` and ``runstrong cards``.
(``serve`` runs the same plugin, theme and content as ``build``; tests/test_serve.py covers it,
and one more build here would cost the suite 6 s of CPU.)

Nothing is downloaded: the wheel is built by this environment's setuptools (no build
isolation), and the dependencies come from a wheelhouse repacked from this environment's own
installed distributions (the versions pyproject.toml's ranges resolved to here), so the
installer runs with ``--no-index`` and CI needs no network. They are real installs of what the
wheel's metadata lists: the installer (uv, from .venv, else pip) resolves the wheel's
Requires-Dist against that wheelhouse. The wheelhouse and uv's cache are kept between runs
(``conftest.kept_root``): the repository's wheel is built and installed anew every run, an
unchanged dependency is linked from the cache instead of being repacked and unpacked again.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import importlib.metadata
import os
import re
import resource
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.tags import sys_tags
from packaging.utils import canonicalize_name

from generator.cli import main
from generator.load import load_guide
from generator.plans import check_guide
from generator.scaffold import EXAMPLE_EXERCISES, FIRST_PROGRAM, new_guide

from .conftest import ROOT, kept_root

# What the repository has that a wheel is not built from (and that is big or changes under a
# running suite): copying the rest keeps setuptools' build/ folder out of the working tree.
NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", "site", ".site.*", "build", "*.egg-info", "__pycache__", ".cache", "tests",
    "benchmarks", ".pytest_cache", ".ruff_cache", "node_modules",
)  # fmt: skip

SUPPORTED_TAGS = {str(tag) for tag in sys_tags()}  # the fresh venv runs this same Python


# --- the starter guide, in this process (fast) -------------------------------------------


def test_new_writes_a_guide_that_passes_the_strict_check(tmp_path: Path) -> None:
    guide_dir = tmp_path / "my-guide"
    made = new_guide(guide_dir)

    content = guide_dir / "content"
    guide = load_guide(content)
    assert sorted(guide.exercises) == sorted(EXAMPLE_EXERCISES)
    assert all(ex.figure is not None for ex in guide.exercises.values())  # pictures to draw
    assert list(guide.programs) == ["first-block"]
    assert check_guide(content, guide) == []  # `build --strict` refuses plan warnings
    for needed in ("mkdocs.yml", "README.md", "content/pages/index.md", FIRST_PROGRAM, ".gitignore"):
        assert needed in made.files
    # The coach's README tells the next commands, with the program it made.
    readme = (guide_dir / "README.md").read_text(encoding="utf-8")
    for command in ("runstrong serve", "runstrong build", f"runstrong cards {FIRST_PROGRAM}", "site_url"):
        assert command in readme


def test_new_sets_the_site_url_it_is_given(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "g"
    assert main(["new", str(target), "--site-url", "https://coach.example/guide/"]) == 0
    config = (target / "mkdocs.yml").read_text(encoding="utf-8")
    assert 'site_url: !ENV [RUNSTRONG_SITE_URL, "https://coach.example/guide/"]' in config
    assert "runstrong serve" in capsys.readouterr().out  # the next step is printed


@pytest.mark.parametrize("kind", ["file in it", "a file", "hidden file in it"])
def test_new_refuses_anything_that_exists_and_never_overwrites(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    target = tmp_path / "my-guide"
    if kind == "a file":
        target.write_text("mine", encoding="utf-8")
        kept = target
    else:
        target.mkdir()
        kept = target / (".notes" if kind.startswith("hidden") else "mkdocs.yml")
        kept.write_text("mine", encoding="utf-8")

    assert main(["new", str(target)]) == 2

    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("runstrong new: error: ") and "Traceback" not in err
    assert ("not a folder" if kind == "a file" else "not empty") in err
    assert kept.read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["my-guide"]  # no staging folder left


def test_new_says_which_part_of_the_path_is_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["new", str(tmp_path / "notes.txt" / "my-guide")]) == 2
    err = capsys.readouterr().err
    assert (
        err
        == f"runstrong new: error: {tmp_path / 'notes.txt'}: is not a folder; name a folder for the guide\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_new_fills_an_empty_folder_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`mkdir g && cd g && runstrong new .`: the shell's folder is filled, not swapped for another."""
    target = tmp_path / "empty"
    target.mkdir()
    inode = target.stat().st_ino
    monkeypatch.chdir(target)
    assert main(["new", "."]) == 0
    assert target.stat().st_ino == inode
    assert (target / "content" / "vocabulary" / "muscles.yaml").is_file()
    assert (target / "mkdocs.yml").stat().st_mode & 0o044 == 0o044  # readable, like any new file


def test_new_makes_a_folder_others_can_read(tmp_path: Path) -> None:
    assert main(["new", str(tmp_path / "g")]) == 0
    assert (tmp_path / "g").stat().st_mode & 0o755 == 0o755  # not mkdtemp's private 700


def test_starter_config_keeps_the_guides_settings() -> None:
    """The starter's mkdocs.yml is the guide's, less what belongs to this repository.

    A feature, extension or plugin option added to the guide's mkdocs.yml and not to
    generator/defaults/starter/mkdocs.yml fails here, instead of missing from coaches' sites.
    """
    guide, starter = _yaml(ROOT / "mkdocs.yml"), _yaml(ROOT / "generator/defaults/starter/mkdocs.yml")
    assert guide["theme"].pop("custom_dir") == "theme"  # the plugin adds the packaged theme instead
    assert "custom_dir" not in starter["theme"]
    for key in ("site_name", "site_description", "copyright"):  # the coach's own
        guide.pop(key), starter.pop(key)
    # The same content licence, plus the credit for the guide's two example exercises.
    assert "RunStrong guide" in starter["extra"]["license"].pop("credit")  # type: ignore[index]
    assert starter == guide


def _yaml(path: Path) -> dict[str, object]:
    """A config with its tags kept as text: !ENV and !!python/name are MkDocs' to resolve."""

    class Loader(yaml.SafeLoader):
        pass

    def tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> str:
        value = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else node.value
        return f"{node.tag} {value}"

    Loader.add_multi_constructor("!", tagged)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", tagged)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)
    assert isinstance(data, dict)
    return data


# --- a fresh venv, a wheel, a folder outside the repository (slow) -----------------------
# One test, not a module fixture shared by several: under pytest-xdist each worker would make
# its own venv.


class Clock:
    """Wall and CPU seconds (this process and its children) of each step; printed with -s."""

    def __init__(self) -> None:
        self.steps: dict[str, tuple[float, float]] = {}

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        wall, cpu = time.perf_counter(), _cpu()
        yield
        self.steps[name] = (round(time.perf_counter() - wall, 1), round(_cpu() - cpu, 1))

    def __str__(self) -> str:
        return ", ".join(f"{name} {wall} s ({cpu} s CPU)" for name, (wall, cpu) in self.steps.items())


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


class Installed:
    """A fresh virtual environment with RunStrong installed from a wheel of the repository."""

    def __init__(self, venv: Path, wheel: Path) -> None:
        self.venv, self.wheel = venv, wheel
        self.bin = venv / "bin"

    def env(self) -> dict[str, str]:
        # None of this process's Python settings, nor PYTHONDONTWRITEBYTECODE (set on some CI
        # machines, not on a coach's): the first run writes the byte code of what it imports and
        # the later ones read it (~1.5 s of CPU a run).
        unset = ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "PYTHONDONTWRITEBYTECODE")
        env = {k: v for k, v in os.environ.items() if k not in unset}
        env["PATH"] = f"{self.bin}{os.pathsep}{env.get('PATH', '')}"
        env["VIRTUAL_ENV"] = str(self.venv)
        return env  # $RUNSTRONG_CACHE stays: the session's render cache (tests/conftest.py)

    def run(self, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [str(self.bin / "runstrong"), *args], cwd=cwd, env=self.env(), capture_output=True,
            text=True, timeout=300,
        )  # fmt: skip
        assert result.returncode == 0, f"runstrong {' '.join(args)}: {result.stderr}"
        return result


def install(root: Path, clock: Clock) -> Installed:
    """Build a wheel of the repository, and install it and its dependencies into a new venv."""
    with clock.step("wheel"):
        source = root / "source"
        shutil.copytree(ROOT, source, ignore=NOT_SOURCE, symlinks=True)
        wheels = root / "wheels"
        pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]
        _run(
            [*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", str(wheels), str(source)]
        )
        (wheel,) = wheels.glob("runstrong-*.whl")

    with clock.step("wheelhouse"):
        with zipfile.ZipFile(wheel) as whl:
            metadata = whl.read(next(n for n in whl.namelist() if n.endswith(".dist-info/METADATA")))
        requires = [
            line.split(":", 1)[1].strip()
            for line in metadata.decode().splitlines()
            if line.startswith("Requires-Dist:")
        ]
        house = wheelhouse(list(_closure(requires)), root / "wheelhouse")

    with clock.step("install"):
        venv = root / "venv"
        # A plain `python -m venv`, less its own copy of pip: ensurepip unpacking pip (and, on
        # 3.11, setuptools) costs more than the rest of the venv; the installer installs into it.
        _run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
        python = str(venv / "bin" / "python")
        uv = shutil.which("uv", path=str(Path(sys.executable).parent))
        if uv:  # scripts/_venv.sh puts uv into .venv: it resolves and installs as pip does
            # (the wheel's Requires-Dist against the wheelhouse), in a fraction of the time. Its
            # cache is kept with the wheelhouse, so an unchanged dependency is linked from it,
            # not unpacked again (~18,000 files: 10-60 s of a busy disk with pip).
            cache = kept_root() / "uv-cache"
            cache.mkdir(parents=True, exist_ok=True)
            os.utime(cache)  # used now: kept (conftest.kept_cache_dir removes unused folders)
            link = ["--cache-dir", str(cache), "--offline", "--no-index", "--find-links", str(house)]
            _run([uv, "pip", "install", "--quiet", "--python", python, *link, str(wheel)])
        else:
            _run(
                [
                    *pip,
                    "--python",
                    python,
                    "install",
                    "--no-index",
                    "--find-links",
                    str(house),
                    "--no-compile",
                    str(wheel),
                ]
            )
    return Installed(venv, wheel)


def _run(command: list[str]) -> None:
    # No machine's pip or uv settings (indexes, links, constraints): only what the command names.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "UV_"))}
    env |= {"PIP_CONFIG_FILE": os.devnull, "UV_NO_CONFIG": "1"}
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, f"{' '.join(command)}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"


def _closure(requirements: list[str]) -> Iterator[importlib.metadata.Distribution]:
    """The installed distributions that satisfy ``requirements`` and theirs, each once."""
    todo = [(Requirement(r), "") for r in requirements]
    seen: set[str] = set()
    while todo:
        requirement, extra = todo.pop()
        if requirement.marker and not requirement.marker.evaluate({"extra": extra}):
            continue
        key = canonicalize_name(requirement.name)
        if key in seen:
            continue
        seen.add(key)
        try:
            dist = importlib.metadata.distribution(requirement.name)
        except importlib.metadata.PackageNotFoundError:
            pytest.fail(f"{requirement.name} is not installed here: run `pip install -e '.[test]'` first")
        assert requirement.specifier.contains(dist.version, prereleases=True), (requirement, dist.version)
        yield dist
        for wanted in ["", *requirement.extras]:
            todo += [(Requirement(r), wanted) for r in dist.requires or []]


def wheelhouse(dists: list[importlib.metadata.Distribution], scratch: Path) -> Path:
    """A folder of wheels of ``dists`` (``_repack``), kept between runs: named by their names
    and versions and by Python's, in ``kept_root()``. Made in ``scratch`` and renamed into
    place whole, so a run (of this suite or another at the same time) finds one complete or
    none; a damaged one fails the install, never passes it."""
    named = sorted(f"{d.metadata['Name']}=={d.version}" for d in dists)
    key = hashlib.sha256("\n".join([sys.version, *named]).encode()).hexdigest()[:16]
    kept = kept_root() / f"wheelhouse-{key}"
    if not kept.is_dir():
        scratch.mkdir(parents=True)
        for dist in dists:
            _repack(dist, scratch)
        kept.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):  # another run put its own there first: the same wheels
            scratch.rename(kept)
    os.utime(kept)  # used now: kept
    assert len(list(kept.glob("*.whl"))) == len(dists), f"{kept}: not one wheel per dependency"
    return kept


def _repack(dist: importlib.metadata.Distribution, out: Path) -> Path:
    """A wheel of an installed distribution: its installed files and its own metadata.

    A wheel is a zip of what pip unpacked into site-packages, so RECORD's files (less byte
    code, scripts outside site-packages, which pip writes again from entry_points.txt, and
    the marks of this install) make the same wheel again.
    """
    files = dist.files or []
    info = next(f.parts[0] for f in files if f.parts[0].endswith(".dist-info"))
    name, version = info.removesuffix(".dist-info").rsplit("-", 1)
    # The wheel's tag this Python accepts (a py2.py3 wheel lists py2-none-any first).
    tags = [
        line.split(":", 1)[1].strip()
        for line in (dist.read_text("WHEEL") or "").splitlines()
        if line.startswith("Tag:")
    ]
    tag = next(t for t in tags if t in SUPPORTED_TAGS)
    target = out / f"{name}-{version}-{tag}.whl"
    skip = {f"{info}/{n}" for n in ("RECORD", "INSTALLER", "REQUESTED", "direct_url.json")}
    record: list[str] = []
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as whl:
        for file in files:
            arcname = file.as_posix()
            if file.parts[0] == ".." or "__pycache__" in file.parts or arcname in skip:
                continue
            data = Path(str(dist.locate_file(file))).read_bytes()
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            whl.writestr(arcname, data)
            record.append(f"{arcname},sha256={digest},{len(data)}")
        record.append(f"{info}/RECORD,,")
        whl.writestr(f"{info}/RECORD", "\n".join(record) + "\n")
    return target


def check_wheel(wheel: Path) -> None:
    """Every file of generator/, the theme and the guide are in the wheel."""
    with zipfile.ZipFile(wheel) as whl:
        names = set(whl.namelist())
    repo = {
        p.relative_to(ROOT).as_posix() for p in (ROOT / "generator").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }  # fmt: skip
    missing = sorted(repo - names)
    assert not missing, f"not in the wheel (add its package to pyproject.toml's packages): {missing}"
    theme = {
        f"generator/theme/{p.relative_to(ROOT / 'theme').as_posix()}"
        for p in (ROOT / "theme").rglob("*")
        if p.is_file()
    }
    assert theme <= names
    for vocabulary in ("muscles", "equipment"):
        assert f"generator/guide/vocabulary/{vocabulary}.yaml" in names
    assert len([n for n in names if n.startswith("generator/guide/exercises/")]) == len(
        list((ROOT / "content/exercises").glob("*.yaml"))
    )


def test_a_coach_installs_runstrong_and_builds_and_prints_a_new_guide_elsewhere(
    tmp_path: Path,
) -> None:
    clock = Clock()
    installed = install(tmp_path / "install", clock)
    check_wheel(installed.wheel)
    home = tmp_path / "coach"
    home.mkdir()
    assert not home.resolve().is_relative_to(ROOT.resolve())

    version = installed.run("--version", cwd=home).stdout
    assert re.fullmatch(r"runstrong \d+\.\d+\.\d+\S* \(Python .*, MkDocs .*, Material .*\)\n", version), (
        version
    )
    where = subprocess.run(
        [str(installed.bin / "python"), "-c", "import generator.install as i; print(i.PACKAGE); print(i.theme_dir())"],
        cwd=home, env=installed.env(), capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    assert all(Path(p).is_relative_to(installed.venv) for p in where), where  # not the repository's
    package = Path(where[0])  # the installed generator/

    made = installed.run("new", "my-guide", cwd=home)
    assert "created my-guide/" in made.stdout
    guide = home / "my-guide"
    assert "site-packages" not in (guide / "mkdocs.yml").read_text(encoding="utf-8")

    # A coach's own override (README: `custom_dir`) must win over RunStrong's file of the same
    # name, while the rest of RunStrong's theme still comes from the package.
    config = guide / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("theme:\n  name: material\n", "theme:\n  name: material\n  custom_dir: overrides\n", 1),
        encoding="utf-8",
    )  # fmt: skip
    mine = guide / "overrides" / "assets" / "stylesheets" / "figures.css"
    mine.parent.mkdir(parents=True)
    mine.write_text("/* the coach's own figures.css */\n", encoding="utf-8")

    with clock.step("build"):
        built = installed.run("build", "--strict", cwd=guide)
    assert "Built site:" in built.stdout
    site = guide / "site"
    home_page = (site / "index.html").read_text(encoding="utf-8")
    assert 'rel="manifest"' in home_page  # RunStrong's main.html, from the package
    for packaged in (
        "assets/stylesheets/runstrong.css",
        "assets/javascripts/figures.js",
        "manifest.webmanifest",
    ):
        assert (site / packaged).read_bytes() == (package / "theme" / packaged).read_bytes(), packaged
    assert (site / "assets/stylesheets/figures.css").read_text(encoding="utf-8") == mine.read_text(
        encoding="utf-8"
    )
    assert (site / "sw.js").is_file()  # the service worker, from the packaged theme's script
    for slug in EXAMPLE_EXERCISES:
        page = (site / "exercises" / slug / "index.html").read_text(encoding="utf-8")
        pictures = re.findall(r'src="([^"]+\.(?:png|webp))"', page)
        assert pictures, f"no picture on {slug}'s page"
        assert all((site / "exercises" / slug / src).resolve().is_file() for src in pictures)
    program = (site / "programs" / "first-block" / "index.html").read_text(encoding="utf-8")
    pdfs = re.findall(r'href="([^"]+\.pdf)"', program)
    assert pdfs and all(
        (site / "programs" / "first-block" / href).resolve().read_bytes().startswith(b"%PDF") for href in pdfs
    )

    with clock.step("cards"):
        printed = installed.run("cards", FIRST_PROGRAM, "-o", "cards.pdf", cwd=guide)
    pdf = (guide / "cards.pdf").read_bytes()
    sessions = 4 * 2  # the first block: 4 weeks of 2 sessions, a card each
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page\n") >= sessions, printed.stdout

    print(f"\nfresh install and a new guide: {clock}")


def test_schema_never_writes_into_the_installed_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Installed, a folder with no content/ falls back to the packaged guide, which is read only."""
    from generator import install

    package = tmp_path / "site-packages" / "generator"
    shutil.copytree(ROOT / "content", package / "guide")
    monkeypatch.setattr(install, "PACKAGE", package)  # as in a wheel: the guide inside the package
    (package / "guide" / "schema" / "exercise.schema.json").write_text("{}", encoding="utf-8")  # stale
    schemas = {p: p.read_bytes() for p in (package / "guide" / "schema").iterdir()}
    coach = tmp_path / "coach"
    coach.mkdir()
    monkeypatch.chdir(coach)

    assert main(["schema"]) == 2

    err = capsys.readouterr().err
    assert err.startswith("runstrong schema: error: no content/ folder here") and err.count("\n") == 1
    assert {p: p.read_bytes() for p in schemas} == schemas  # not even the stale one rewritten
