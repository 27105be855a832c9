"""Shared by the MkDocs adapter's tests: what MkDocs warned of during a test."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest


class Warnings(logging.Handler):
    """MkDocs' warnings and errors, as said (``messages``)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture
def warnings() -> Iterator[Warnings]:
    """MkDocs' warnings (its logger does not propagate to pytest's: run.quiet_mkdocs)."""
    handler = Warnings()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
