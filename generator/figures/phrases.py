"""Each figure's keyframe phrases (the words of its pictures' alt text), kept in the render cache.

The phrases come from the pose maths (``alt.keyframe_phrases``: 15-20 ms a figure, the guide's
37 figures ~0.6 s of every build, pictures cached or not). They are a function of the figure
and of the code that works them out, so one cache entry keeps them for every figure of the
last build, keyed by that code (the model and the figures package): a build after an edit
works out the phrases of the edited figure only. A cache that cannot be read or written costs
only the time.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
from pathlib import Path

from ..cache import Cache
from ..model import Figure
from .alt import keyframe_phrases


@functools.cache
def _code() -> str:
    """sha256 of the code the phrases come from: the model and every module of this package."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in [package.parent / "model.py", *sorted(package.glob("*.py"))]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def all_phrases(figures: list[Figure], cache_dir: Path | None) -> list[list[str]]:
    """The keyframe phrases of each figure, in order: the cached ones read, the others worked
    out; the entry then holds exactly this build's figures."""
    store = Cache(cache_dir, "phrases", linkable=False) if cache_dir is not None else None
    known = _read(store)
    keys = [figure.model_dump_json() for figure in figures]
    made = {
        key: known[key] if key in known else keyframe_phrases(figure)
        for key, figure in zip(keys, figures, strict=True)
    }
    if store is not None and made != known:
        with contextlib.suppress(OSError):  # a read-only cache costs only the time
            store.put(_code(), json.dumps(made, sort_keys=True).encode("utf-8"))
    return [made[key] for key in keys]


def _read(store: Cache | None) -> dict[str, list[str]]:
    data = store.get(_code()) if store is not None else None
    try:
        loaded = json.loads(data) if data else {}
    except ValueError:
        return {}
    if not isinstance(loaded, dict):
        return {}
    # Anything but a list of strings is not ours: worked out again.
    return {k: v for k, v in loaded.items() if isinstance(v, list) and all(isinstance(p, str) for p in v)}
