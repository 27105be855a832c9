"""A method of fpdf2's replaced for the cards' documents only (``serialize``, ``streams``).

The replacement is set on fpdf2's class once per process and does the cards' way only inside
``scoped`` (a context variable says so, per thread and context); everywhere else it does what
fpdf2's own method does, so other documents in the process are written as fpdf2 writes them.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any

_INSTALLED = threading.Lock()


@contextlib.contextmanager
def scoped(
    owner: type, name: str, replacement: Callable[..., Any], inside: ContextVar[bool]
) -> Iterator[None]:
    """Within: ``owner.name`` is ``replacement`` (installed for the process), ``inside`` is True."""
    with _INSTALLED:
        if getattr(owner, name) is not replacement:
            setattr(owner, name, replacement)
    token = inside.set(True)
    try:
        yield
    finally:
        inside.reset(token)
