"""Objects made by writing their slots, for the few kinds a season makes by the hundred thousand.

A frozen attrs class checks and converts its fields in its constructor. Where a module already
knows that the values it holds are those the constructor would store, it may write the slots
directly, and does so only as long as the class stores its fields as given
(:func:`stores_as_given`): a validator, a converter or a hook added later turns the direct
route off, and the constructor is called again.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

import attrs

__all__ = ["slot_setters", "stores_as_given"]


def stores_as_given(cls: type, converters: Collection[object] = (None,)) -> bool:
    """Whether every field of ``cls`` stores its value as given: no validator, no hook on
    setting, no converter but those of ``converters`` (which the direct writes stand for),
    and nothing run after the constructor."""
    return all(
        field.converter in converters and field.validator is None and field.on_setattr is None
        for field in attrs.fields(cls)
    ) and not hasattr(cls, "__attrs_post_init__")


def slot_setters(cls: type) -> dict[str, Callable[[object, object], None]]:
    """Each field's slot of ``cls`` by name, written directly (for a class that
    :func:`stores_as_given`)."""
    found = {}
    for field in attrs.fields(cls):
        slot = cls.__dict__[field.name]
        found[field.name] = getattr(slot, "slot", slot).__set__
    return found
