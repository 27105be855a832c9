"""The no-change skip and incremental builds see every input MkDocs reads: inherited
configs, hooks, every name of every !ENV tag; when in doubt, the build runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.lastbuild import config_inputs, engine_fingerprint


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "base.yml").write_text("site_name: Base\ntheme:\n  name: material\n", encoding="utf-8")
    (tmp_path / "hooks").mkdir()
    (tmp_path / "hooks" / "shout.py").write_text(
        "def on_page_markdown(md, **kw):\n    return md\n", encoding="utf-8"
    )
    (tmp_path / "hooks" / "helper.py").write_text("X = 1\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "INHERIT: base.yml\n"
        "site_url: !ENV [FIRST_URL, SECOND_URL, 'https://example.org/']\n"
        "copyright: !ENV THIRD\n"
        "hooks:\n  - hooks/shout.py\n",
        encoding="utf-8",
    )
    return tmp_path / "mkdocs.yml"


def fingerprint(config: Path) -> str:
    return engine_fingerprint(config, strict=True)


def test_the_config_inputs_are_all_found(project: Path) -> None:
    found = config_inputs(project)
    root = project.parent.resolve()
    hooks = root / "hooks"
    assert found.files == [root / "mkdocs.yml", hooks / "shout.py", hooks / "helper.py", root / "base.yml"]
    assert {"FIRST_URL", "SECOND_URL", "THIRD"} <= found.env


@pytest.mark.parametrize(
    "edit",
    [
        lambda root: (root / "base.yml").write_text("site_name: Changed\n", encoding="utf-8"),
        lambda root: (root / "hooks" / "shout.py").write_text(
            "def on_page_markdown(md, **kw):\n    return md.upper()\n", encoding="utf-8"
        ),
        lambda root: (root / "hooks" / "helper.py").write_text("X = 2\n", encoding="utf-8"),
        lambda root: (root / "hooks" / "shout.py").unlink(),
    ],
)
def test_an_edit_to_a_parent_or_a_hook_is_a_change(project: Path, edit: object) -> None:
    before = fingerprint(project)
    edit(project.parent)  # type: ignore[operator]
    assert fingerprint(project) != before


@pytest.mark.parametrize("name", ["FIRST_URL", "SECOND_URL", "THIRD"])
def test_every_env_name_is_an_input(project: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    for each in ("FIRST_URL", "SECOND_URL", "THIRD"):
        monkeypatch.delenv(each, raising=False)
    before = fingerprint(project)
    monkeypatch.setenv(name, "https://other.example/")
    assert fingerprint(project) != before


def test_an_inherit_loop_does_not_hang(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_text("INHERIT: b.yml\n", encoding="utf-8")
    (tmp_path / "b.yml").write_text("INHERIT: a.yml\nsite_url: !ENV [LOOP_URL]\n", encoding="utf-8")
    found = config_inputs(tmp_path / "a.yml")
    assert len(found.files) == 2 and "LOOP_URL" in found.env
    fingerprint(tmp_path / "a.yml")


def test_a_missing_parent_is_never_up_to_date(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("INHERIT: gone.yml\n", encoding="utf-8")
    assert fingerprint(tmp_path / "mkdocs.yml") != fingerprint(tmp_path / "mkdocs.yml")
