"""JSON Schemas derived from the domain classes' fields and types.

The shipped schema files under ``ocop/schemas/`` are written from here by
``tools/build_schemas.py``; a test checks that they match, so a class and its published schema
cannot drift apart. A field may add keywords through ``attrs.field(metadata={"schema": {...}})``.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pendulum

from ocop._schema import SCHEMA_BASE
from ocop._structure import HOOKS, field_hints

__all__ = ["HOOK_SCHEMAS", "schema_for"]

HOOK_SCHEMAS: dict[type, dict[str, Any]] = {}
"""The JSON form of classes written through a hook (see :mod:`ocop._structure`)."""


def _title(cls: type) -> str:
    doc = (cls.__doc__ or cls.__name__).strip().splitlines()[0]
    return doc.rstrip(".")


def _attribute_docs(cls: type) -> dict[str, str]:
    """The descriptions of a class's fields, from the ``Attributes:`` part of its docstring."""
    lines = (cls.__doc__ or "").splitlines()
    docs: dict[str, str] = {}
    inside = False
    current: str | None = None
    indent = 0
    docs_depth = 0
    for line in lines:
        stripped = line.strip()
        if stripped == "Attributes:":
            inside, indent = True, len(line) - len(line.lstrip())
            continue
        if not inside:
            continue
        if not stripped:
            current = None
            continue
        depth = len(line) - len(line.lstrip())
        if depth <= indent:
            break
        name, colon, rest = stripped.partition(":")
        if colon and name.isidentifier() and (current is None or depth <= docs_depth):
            current, docs_depth = name, depth
            docs[name] = rest.strip()
        elif current is not None:
            docs[current] = f"{docs[current]} {stripped}"
    return {name: text.replace("``", "") for name, text in docs.items()}


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}

    def of(self, hint: Any) -> dict[str, Any]:
        origin = typing.get_origin(hint)
        if origin in (typing.Union, types.UnionType):
            args = typing.get_args(hint)
            options = [self.of(arg) for arg in args if arg is not type(None)]
            if type(None) in args:
                if len(options) == 1 and isinstance(options[0].get("type"), str):
                    return {**options[0], "type": [options[0]["type"], "null"]}
                options.append({"type": "null"})
            return options[0] if len(options) == 1 else {"anyOf": options}
        if origin is typing.Literal:
            return {"enum": list(typing.get_args(hint))}
        if hint in HOOK_SCHEMAS:
            return HOOK_SCHEMAS[hint]
        if isinstance(hint, type) and attrs.has(hint):
            return self.ref(hint)
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            return {"enum": [member.value for member in hint]}
        if origin is tuple:
            args = typing.get_args(hint)
            return {"type": "array", "items": self.of(args[0]) if args else {}}
        if origin is frozenset:
            args = typing.get_args(hint)
            return {"type": "array", "uniqueItems": True, "items": self.of(args[0])}
        if origin is Mapping or origin is dict:
            args = typing.get_args(hint)
            return {"type": "object", "additionalProperties": self.of(args[1]) if args else {}}
        if hint is bool:
            return {"type": "boolean"}
        if hint is int:
            return {"type": "integer"}
        if hint is Fraction:
            return {"type": "string", "pattern": "^[0-9]+/[1-9][0-9]*$"}
        if hint in (float, Decimal):
            return {"type": "number"}
        if hint is str:
            return {"type": "string"}
        if hint in (pendulum.DateTime, dt.datetime):
            return {"type": "string", "format": "date-time"}
        if hint in (pendulum.Date, dt.date):
            return {"type": "string", "format": "date"}
        return {}

    def ref(self, cls: type) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}
            self.defs[name] = self.object(cls)
        return {"$ref": f"#/$defs/{name}"}

    def object(self, cls: type) -> dict[str, Any]:
        hints = field_hints(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(cls):
            if not field.init:
                continue
            hint = hints.get(field.name, Any)
            node = dict(self.of(hint))
            extra = field.metadata.get("schema")
            if extra:
                node = {"allOf": [node, extra]} if "$ref" in node else {**node, **extra}
            description = _attribute_docs(cls).get(field.name)
            if description:
                node["description"] = description
            properties[field.name] = node
            if field.default is attrs.NOTHING:
                required.append(field.name)
        node = {
            "title": _title(cls),
            "type": "object",
            "properties": properties,
            "additionalProperties": False,
        }
        if required:
            node["required"] = required
        return node


def schema_for(name: str, cls: type) -> dict[str, Any]:
    """The Draft 2020-12 schema of ``cls`` under the stable ``$id`` of ``name``."""
    if cls in HOOKS and cls not in HOOK_SCHEMAS:
        raise TypeError(f"{cls.__name__} is written through a hook with no schema")
    builder = _Builder()
    root = builder.object(cls) if cls not in HOOK_SCHEMAS else dict(HOOK_SCHEMAS[cls])
    document: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE}{name}.schema.json",
        **root,
    }
    if builder.defs:
        document["$defs"] = dict(sorted(builder.defs.items()))
    return document
