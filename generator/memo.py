"""What one process keeps between its builds (``runstrong serve``): results of pure functions of
the loaded records, found again by the records themselves.

The loader hands back the very same model objects for files whose bytes did not change
(``load._READ``), and the models are frozen, so a result computed from a record is still right
while that record (the same object) is what the next build holds: a summary edit then makes
the edited exercise's picture jobs, open-data entry and page inputs again, not the library's.
Arguments are compared by identity (``is``), strings, numbers and tuples by value; an entry
holds its arguments, so no id is reused while it is kept (``_key``). An entry no build used since the last
``sweep`` is dropped, so a long serve session keeps one library's worth.

A plain build passes no memo (``NO_MEMO``: every result made afresh); the output is the same
either way, which ``tests/test_memo.py`` checks against a cold build of the same content.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")

_VALUES = (str, int, float, bool, type(None), bytes)


@dataclass(frozen=True)
class Value:
    """An argument compared by value (``==``, its hash), not identity: a result made anew each
    build (a frozen dataclass of facts) that is equal when nothing it was made of changed."""

    value: Hashable


def _key(value: object) -> object:
    """``value`` as a dict key: a string as it is, another scalar with its type (``1``, ``1.0``
    and ``True`` are equal, and are different arguments), a ``Value`` by value, a tuple item by
    item, anything else by identity. An entry holds its arguments, so while it is kept no other
    object can have the id one of them has: equal keys are the same arguments."""
    if type(value) is str:
        return value
    if isinstance(value, _VALUES):
        return (type(value), value)
    if isinstance(value, Value):
        return (Value, value.value)
    if type(value) is tuple:
        return tuple(_key(item) for item in value)
    return (id, id(value))


class Memo:
    """Results by function name and arguments (see the module's docstring)."""

    def __init__(self, *, keep: bool = True) -> None:
        self._keep = keep
        self._entries: dict[tuple[str, object], tuple[tuple[object, ...], Any]] = {}
        self._used: set[tuple[str, object]] = set()

    @property
    def keeps(self) -> bool:
        """False for ``NO_MEMO``: a caller may skip making the arguments of a key."""
        return self._keep

    def get(self, name: str, args: tuple[object, ...], make: Callable[..., T], *made_of: object) -> T:
        """``make(*made_of)``, or what it returned for the same ``args`` (everything the result
        depends on) under ``name`` before."""
        if not self._keep:
            return make(*made_of)
        key = (name, _key(args))
        entry = self._entries.get(key)
        self._used.add(key)
        if entry is not None:
            return typing.cast(T, entry[1])
        value = make(*made_of)
        self._entries[key] = (args, value)
        return value

    def token(self, name: str, args: tuple[object, ...]) -> object:
        """One object for the same ``args`` (by identity) build after build: a stand-in for
        many arguments (a whole vocabulary) in the keys of ``get``."""
        return self.get(name, args, object)

    def sweep(self) -> None:
        """Forget what no build used since the last sweep (records edited away or removed)."""
        self._entries = {key: entry for key, entry in self._entries.items() if key in self._used}
        self._used = set()

    def __len__(self) -> int:
        return len(self._entries)


NO_MEMO = Memo(keep=False)  # keeps nothing: a build that will not be followed by another
