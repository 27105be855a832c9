"""Running MkDocs (generator/mkdocs_plugin/run.py): what it says on stderr."""

from __future__ import annotations

import io
import logging
import sys

import pytest

from generator.mkdocs_plugin.run import quiet_mkdocs


@pytest.mark.parametrize("level", [logging.WARNING, logging.ERROR])
def test_mkdocs_says_its_warnings_on_stderr_as_it_is_now(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], level: int
) -> None:
    """The handler is made once a process; stderr may be swapped and the old one closed since (a
    test's capture, a redirect). MkDocs' message still reaches stderr as one line, not as
    "--- Logging error ---" and a traceback of writing to a closed file."""
    logger = logging.getLogger("mkdocs")
    monkeypatch.setattr(logger, "handlers", [])  # no handler an earlier test made: a fresh process
    monkeypatch.setattr(logger, "propagate", logger.propagate)
    monkeypatch.setattr(logger, "level", logger.level)
    then = io.StringIO()
    with monkeypatch.context() as swapped:
        swapped.setattr(sys, "stderr", then)
        quiet_mkdocs()
    then.close()
    logging.getLogger("mkdocs.commands.build").log(level, "Error building page 'x.md': boom")
    err = capsys.readouterr().err
    assert err == f"{logging.getLevelName(level)} - Error building page 'x.md': boom\n"
