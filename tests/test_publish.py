"""The publishing workflow that `runstrong new` writes works in a coach's repository (issue 21).

The steps that need GitHub (checkout, setup-python, the caches, Pages) cannot run here; the
Build step can, exactly as the workflow writes it, in a fresh folder made by ``new``: once with
an empty render cache, then, in another fresh folder, with the cache the first run left
restored, which draws nothing (no entry is added to the cache).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli import main
from generator.scaffold import REQUIREMENTS, release

WORKFLOW = ".github/workflows/publish.yml"
PAGES_BASE_URL = "https://coach.github.io/my-guide"  # what actions/configure-pages reports
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def _new(folder: Path) -> Path:
    assert main(["new", str(folder)]) == 0
    return folder


def _workflow(guide: Path) -> dict[str, Any]:
    loaded = yaml.safe_load((guide / WORKFLOW).read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def _steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    steps = workflow["jobs"]["build"]["steps"]
    assert isinstance(steps, list)
    return steps


def _step(workflow: dict[str, Any], *, name: str | None = None, uses: str | None = None) -> dict[str, Any]:
    found = [
        s
        for s in _steps(workflow)
        if (name is None or s.get("name") == name)
        and (uses is None or str(s.get("uses", "")).startswith(uses))
    ]
    assert len(found) == 1, (name, uses, found)
    return found[0]


def _evaluate(text: str, workflow: dict[str, Any]) -> str:
    """The GitHub expressions the Build step uses; any other one fails the test."""
    values = {"steps.pages.outputs.base_url": PAGES_BASE_URL}
    values |= {f"env.{key}": str(value) for key, value in workflow.get("env", {}).items()}

    def one(match: re.Match[str]) -> str:
        assert match[1] in values, f"the Build step uses {match[0]}, which this test cannot evaluate"
        return values[match[1]]

    return EXPRESSION.sub(one, text)


def _run_build_step(guide: Path, workflow: dict[str, Any]) -> subprocess.CompletedProcess[str]:
    step = _step(workflow, name="Build")
    env = {k: v for k, v in os.environ.items() if not k.startswith("RUNSTRONG_")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"  # where pip put runstrong
    for key, value in {**workflow.get("env", {}), **step.get("env", {})}.items():
        env[key] = _evaluate(str(value), workflow)
    result = subprocess.run(
        ["bash", "-e", "-c", _evaluate(step["run"], workflow)],
        cwd=guide, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result


def _entries(cache: Path) -> set[str]:
    return {p.relative_to(cache).as_posix() for p in cache.rglob("*") if p.is_file()}


def test_the_workflow_pins_runstrong_and_caches_pip_and_the_render_cache(tmp_path: Path) -> None:
    guide = _new(tmp_path / "my-guide")
    workflow = _workflow(guide)
    version, source = release()
    pins = [
        line
        for line in (guide / REQUIREMENTS).read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert pins == [f"runstrong @ git+{source}@v{version}"]  # this RunStrong's release tag
    assert source.startswith("https://github.com/")

    setup = _step(workflow, uses="actions/setup-python@")["with"]
    assert setup["cache"] == "pip" and setup["cache-dependency-path"] == REQUIREMENTS
    install = _step(workflow, name="Install RunStrong")["run"]
    assert f"pip install -r {REQUIREMENTS}" in install

    cache_folder = workflow["env"]["RUNSTRONG_CACHE"]
    cached = _step(workflow, uses="actions/cache@")["with"]
    assert _evaluate(cached["path"], workflow) == cache_folder  # the folder the build writes to
    assert "hashFiles('content/**', 'mkdocs.yml')" in cached["key"] and cached["restore-keys"]
    assert f"/{cache_folder}/" in (guide / ".gitignore").read_text(encoding="utf-8").splitlines()

    order = [s.get("name") or s.get("uses") or s.get("id") for s in _steps(workflow)]
    restore = order.index("Restore the render cache")
    assert order.index("Install RunStrong") < order.index("Build") and restore < order.index("Build")
    upload = _step(workflow, uses="actions/upload-pages-artifact@")["with"]
    assert upload["path"] == "site"
    assert workflow["jobs"]["deploy"]["needs"] == "build"
    assert "mkdocs gh-deploy" in (guide / "README.md").read_text(encoding="utf-8")


@pytest.mark.site
def test_the_build_step_publishes_a_new_guide_and_a_restored_cache_draws_nothing(tmp_path: Path) -> None:
    workflow = _workflow(_new(tmp_path / "first"))
    cache_folder = workflow["env"]["RUNSTRONG_CACHE"]

    first = tmp_path / "first"
    built = _run_build_step(first, workflow)
    assert "Built site:" in built.stdout and "placeholder" not in built.stderr
    cache = first / cache_folder
    saved = _entries(cache)
    assert saved, "the build wrote nothing into the workflow's render cache folder"
    site = first / "site"
    assert (site / "exercises" / "tibialis-raise" / "index.html").is_file()
    assert f"{PAGES_BASE_URL}/" in (site / "sitemap.xml").read_text(encoding="utf-8")

    # Another run, as on GitHub: a fresh checkout, the cache restored by actions/cache.
    second = _new(tmp_path / "second")
    shutil.copytree(cache, second / cache_folder)
    rebuilt = _run_build_step(second, workflow)
    assert "Built site:" in rebuilt.stdout
    # Nothing drawn again, nothing new kept, but for the new checkout's own record of its site's
    # file digests (cache.site_records: one small file per site folder, not a drawing).
    kept = {e for e in _entries(second / cache_folder) if not e.startswith("sites/")}
    assert kept == {e for e in saved if not e.startswith("sites/")}
    assert len(_entries(second / cache_folder)) - len(kept) <= 2  # the two site folders' records
    for page in ("index.html", "exercises/dead-bug/index.html", "programs/first-block/index.html"):
        assert (second / "site" / page).read_bytes() == (site / page).read_bytes(), page


def test_the_repository_address_is_the_package_metadatas_one(tmp_path: Path) -> None:
    """RunStrong's address is written once, pyproject.toml's [project.urls] Source: the pin and
    the starter's credit for its two example exercises both take it from the package metadata."""
    import tomllib

    from generator.install import PROJECT_ROOT

    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    source = project["urls"]["Source"].rstrip("/")
    assert release()[1] == source
    guide = _new(tmp_path / "my-guide")
    config = (guide / "mkdocs.yml").read_text(encoding="utf-8")
    credit = next(line for line in config.splitlines() if line.strip().startswith("credit:"))
    assert f"RunStrong guide ({source})" in credit
    assert "RUNSTRONG_SOURCE" not in config
