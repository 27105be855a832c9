"""Everything to paint for one frame: the body (``shapes.py``) and the props and scenery around
it (``props.py``, which builds on the shapes), sorted back to front."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Grip, Prop, View
from .props import Scenery
from .props import elements as prop_elements
from .shapes import BoxProp, Element, body_elements
from .skeleton import Body


def elements(
    body: Body,
    view: View,
    props: Sequence[Prop],
    box: BoxProp | None = None,
    grip: Grip = Grip.neutral,
    scenery: Scenery | None = None,
) -> list[Element]:
    """Everything to paint for one frame, sorted back to front."""
    props = tuple(props)
    single = scenery.weight_hand if scenery is not None else None
    parts = body_elements(body, view, props, box, grip, single)
    parts += prop_elements(body, view, props, box, scenery)
    return sorted(parts, key=lambda e: e.order)
