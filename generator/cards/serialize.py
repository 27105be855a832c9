"""fpdf2's object dictionaries for the cards' documents, each class's attribute names found once.

fpdf2 writes an object's dictionary from its attributes: ``dir(obj)``, every name read with
``getattr`` (methods too, then dropped as callables), each kept name turned into CamelCase on
every object. A program's PDF has a few hundred objects (a tagged still's structure element
on every card), and that generic walk was half of writing a PDF, a third of drawing a week's.
``object_dict`` builds the same dictionary (same keys, same order, same values): the names
that can never be written (private, ``id``/``ref``, the class's methods) are set aside once
per class, and each key's CamelCase once per process.

Only the cards' documents use it (``output_dicts``, around ``CardOutput``'s output); every
other fpdf2 object in the process serialises as fpdf2 does. ``tests/cards/test_serialize.py``
holds it to fpdf2's own dictionaries.
"""

from __future__ import annotations

import contextlib
import inspect
import types
from contextvars import ContextVar
from typing import Any

from fpdf import syntax
from fpdf.syntax import PDFObject

from .scoped import scoped

# Class attributes that read back as callables from an instance: fpdf2 drops callables.
_METHODS = (
    types.FunctionType,
    types.BuiltinFunctionType,
    types.MethodDescriptorType,
    types.WrapperDescriptorType,
    staticmethod,
    classmethod,
)
_NAMES: dict[type, frozenset[str]] = {}
_KEYS: dict[str, str] = {}
_FAST: ContextVar[bool] = ContextVar("runstrong_card_output", default=False)
_ORIGINAL = PDFObject._build_obj_dict


def _class_names(cls: type) -> frozenset[str]:
    """The class's attribute names fpdf2 may write: not private, not ``id``/``ref``, not a method."""
    names = _NAMES.get(cls)
    if names is None:
        names = _NAMES[cls] = frozenset(
            name
            for name in dir(cls)
            if not name.startswith("_")
            and name not in ("id", "ref")
            and not isinstance(inspect.getattr_static(cls, name), _METHODS)
        )
    return names


def _key(name: str) -> str:
    key = _KEYS.get(name)
    if key is None:
        key = _KEYS[name] = f"/{syntax.camel_case(name)}"
    return key


def object_dict(obj: PDFObject, security_handler: Any = None) -> dict[str, object]:
    """``obj``'s dictionary as fpdf2's ``PDFObject._build_obj_dict`` makes it (``build_obj_dict``
    over ``dir(obj)``), value for value and in the same (sorted) order."""
    names = _class_names(type(obj))
    own = getattr(obj, "__dict__", None)
    if own:
        names = names | {n for n in own if not n.startswith("_") and n not in ("id", "ref")}
    out: dict[str, object] = {}
    for name in sorted(names):
        value = getattr(obj, name)
        if value is None or callable(value):
            continue
        # fpdf2's conversions, in its order (build_obj_dict).
        if hasattr(value, "value"):  # an Enum
            value = value.value
        if isinstance(value, PDFObject):  # an indirect object: its reference
            value = value.ref
        elif hasattr(value, "serialize"):  # PDFArray, PDFString, Name, Destination…
            value = value.serialize(_security_handler=security_handler, _obj_id=obj.id)
        elif isinstance(value, bool):
            value = str(value).lower()
        out[_key(name)] = value
    return out


def _build_obj_dict(self: PDFObject, security_handler: Any = None) -> dict[str, object]:
    if _FAST.get():
        return object_dict(self, security_handler)
    return _ORIGINAL(self, security_handler)


def output_dicts() -> contextlib.AbstractContextManager[None]:
    """Within: PDF objects serialised in this thread (and context) use ``object_dict``."""
    return scoped(PDFObject, "_build_obj_dict", _build_obj_dict, _FAST)
