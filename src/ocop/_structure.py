"""Turning domain objects into JSON values and back, driven by their attrs fields and types.

Dumping writes each attrs field under its name, leaves out optional fields that are ``None``, writes
enums as their values, days as ``YYYY-MM-DD``, moments as ISO 8601 with their UTC offset,
decimals as numbers, mappings as objects and tuples as arrays. Loading reads the same shapes
back through the classes' own constructors, so every validator runs; problems are collected
across the whole document, each re-rooted at its JSON path.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import types
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction
from functools import cache
from typing import Any

import attrs
import pendulum

from ocop._fields import convert
from ocop.calendar import TZ, in_range, parse_date
from ocop.errors import OcopError, Problem, join_path

__all__ = ["Hook", "build", "register", "structure", "unstructure"]


@attrs.frozen
class Hook:
    """How one class is written and read when its plain attrs form is not the JSON form."""

    dump: Callable[[Any], Any]
    load: Callable[[Any, str], Any]


HOOKS: dict[type, Hook] = {}


def register(cls: type, hook: Hook) -> None:
    """Use ``hook`` for ``cls`` instead of its fields."""
    HOOKS[cls] = hook


class _Failed:
    """Marks a value that could not be built; its problems are already recorded."""


_FAILED = _Failed()


def unstructure(value: Any) -> Any:
    """A JSON-ready value (dicts, lists, str, int, float, bool, None) for a domain object."""
    hook = HOOKS.get(type(value))
    if hook is not None:
        return hook.dump(value)
    if attrs.has(type(value)):
        out: dict[str, Any] = {}
        for field in attrs.fields(type(value)):
            item = getattr(value, field.name)
            if item is None and field.default is not attrs.NOTHING:
                continue
            out[field.name] = unstructure(item)
        return out
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, bool | int | str | float) or value is None:
        return value
    if isinstance(value, Fraction):
        return f"{value.numerator}/{value.denominator}"
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.datetime):
        moment = pendulum.instance(value)
        return moment.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(key): unstructure(item) for key, item in value.items()}
    if isinstance(value, frozenset | set):
        return sorted(unstructure(item) for item in value)
    if isinstance(value, tuple | list):
        return [unstructure(item) for item in value]
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


@cache
def field_hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _problem(code: str, path: str, value: object, vi: str, en: str) -> Problem:
    return Problem(code=code, path=path, value=value, message_vi=vi, message_en=en)


def _moment(value: Any, path: str, found: list[Problem]) -> Any:
    try:
        parsed = pendulum.parse(value) if isinstance(value, str) else None
    except (ValueError, OverflowError, pendulum.parsing.exceptions.ParserError):
        parsed = None
    if not isinstance(parsed, pendulum.DateTime):
        found.append(
            _problem(
                "date.invalid_moment",
                path,
                value,
                "Thời điểm không hợp lệ (cần dạng ISO 8601)",
                "not a valid moment (expected ISO 8601)",
            )
        )
        return _FAILED
    try:
        in_range(parsed, path)
    except OcopError as error:
        found.extend(error.problems)
        return _FAILED
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=TZ)


def _convert(hint: Any, value: Any, path: str, found: list[Problem]) -> Any:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if value is None:
            return None
        if len(options) == 1:
            return _convert(options[0], value, path, found)
        return value
    if hint in HOOKS:
        try:
            return HOOKS[hint].load(value, path)
        except OcopError as error:
            found.extend(error.problems)
            return _FAILED
    if isinstance(hint, type) and attrs.has(hint):
        return structure(hint, value, path, found)
    if origin is tuple or origin is frozenset:
        args = typing.get_args(hint)
        item_hint = args[0] if args else Any
        if not isinstance(value, list):
            return value
        items = [
            _convert(item_hint, item, join_path(path, i), found) for i, item in enumerate(value)
        ]
        if any(item is _FAILED for item in items):
            return _FAILED
        return tuple(items) if origin is tuple else frozenset(items)
    if origin is Mapping or origin is dict:
        args = typing.get_args(hint)
        item_hint = args[1] if len(args) == 2 else Any
        if not isinstance(value, dict):
            return value
        out = {
            key: _convert(item_hint, item, join_path(path, key), found)
            for key, item in value.items()
        }
        if any(item is _FAILED for item in out.values()):
            return _FAILED
        return out
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        if isinstance(value, hint):
            return value
        try:
            return hint(value)
        except ValueError:
            allowed = ", ".join(str(member.value) for member in hint)
            found.append(
                _problem(
                    "value.not_allowed",
                    path,
                    value,
                    f"Giá trị không hợp lệ; cho phép: {allowed}",
                    f"not an allowed value; allowed: {allowed}",
                )
            )
            return _FAILED
    if hint is Decimal:
        return (
            Decimal(str(value))
            if isinstance(value, int | float) and not isinstance(value, bool)
            else value
        )
    if hint is pendulum.DateTime or hint is dt.datetime:
        return _moment(value, path, found)
    if hint is pendulum.Date or hint is dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return parse_date(value, path=path)
        except OcopError as error:
            found.extend(error.problems)
            return _FAILED
    return value


def structure(cls: type, data: Any, path: str = "$", found: list[Problem] | None = None) -> Any:
    """Build ``cls`` from its JSON form, recording every problem in ``found``.

    Returns the object, or a failure marker when ``found`` received problems for it.
    """
    problems: list[Problem] = [] if found is None else found
    if cls in HOOKS:
        return _convert(cls, data, path, problems)
    if not isinstance(data, dict):
        problems.append(
            _problem(
                "schema.type",
                path,
                None,
                "Sai kiểu dữ liệu: cần đối tượng",
                "wrong type: expected object",
            )
        )
        return _FAILED
    hints = field_hints(cls)
    kwargs: dict[str, Any] = {}
    failed = False
    for field in attrs.fields(cls):
        if not field.init or field.name not in data:
            continue
        value = _convert(
            hints.get(field.name, Any), data[field.name], join_path(path, field.name), problems
        )
        if value is _FAILED:
            failed = True
        kwargs[field.alias or field.name] = value
    # Run each field's converter on its own first, so that every bad field is reported, not
    # only the first one the constructor meets.
    for field in attrs.fields(cls):
        key = field.alias or field.name
        if key not in kwargs or field.converter is None or kwargs[key] is _FAILED:
            continue
        try:
            convert(field, kwargs[key])
        except OcopError as error:
            problems.extend(problem.under(path) for problem in error.problems)
            failed = True
    if failed:
        return _FAILED
    try:
        return cls(**kwargs)
    except OcopError as error:
        problems.extend(problem.under(path) for problem in error.problems)
    except TypeError as error:
        problems.append(
            _problem(
                "schema.required",
                path,
                None,
                f"Thiếu trường bắt buộc ({error})",
                f"a required field is missing ({error})",
            )
        )
    return _FAILED


def failed(value: Any) -> bool:
    """Whether ``value`` is the marker of an object that could not be built."""
    return value is _FAILED


# -- building from a document known to be valid ------------------------------------------------


class _RefusedError(Exception):
    """A value :func:`build` does not take; the document is then read the general way."""


Reader = Callable[[Any], Any]


def _refuse(*_: Any) -> Any:
    raise _RefusedError


@cache
def _reader(hint: Any) -> Reader | None:
    """How :func:`build` reads a value of ``hint``: what :func:`_convert` does to it, decided
    once for the hint; ``None`` when the value is passed on as it is."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        inner = _reader(options[0]) if len(options) == 1 else None
        if inner is None:
            return None
        return lambda value: None if value is None else inner(value)
    if hint in HOOKS:
        load = HOOKS[hint].load
        return lambda value: load(value, "$")
    if isinstance(hint, type) and attrs.has(hint):
        return functools.partial(_build, hint)
    if origin is tuple or origin is frozenset:
        args = typing.get_args(hint)
        item = _reader(args[0] if args else Any)
        collect = tuple if origin is tuple else frozenset

        def items(value: Any) -> Any:
            if not isinstance(value, list):
                return value
            return collect(value if item is None else [item(one) for one in value])

        return items
    if origin is Mapping or origin is dict:
        args = typing.get_args(hint)
        entry = _reader(args[1] if len(args) == 2 else Any)

        def entries(value: Any) -> Any:
            if not isinstance(value, dict) or entry is None:
                return dict(value) if isinstance(value, dict) else value
            return {key: entry(one) for key, one in value.items()}

        return entries
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return lambda value: value if isinstance(value, hint) else hint(value)
    if hint is Decimal:
        return lambda value: (
            Decimal(str(value))
            if isinstance(value, int | float) and not isinstance(value, bool)
            else value
        )
    if hint is pendulum.DateTime or hint is dt.datetime:

        def moment(value: Any) -> Any:
            found: list[Problem] = []
            read = _moment(value, "$", found)
            return _refuse() if found else read

        return moment
    if hint is pendulum.Date or hint is dt.date:
        return lambda value: value if isinstance(value, dt.date) else parse_date(value, path="$")
    return None


@cache
def _plan(cls: type) -> tuple[frozenset[str], tuple[tuple[str, str, Reader | None], ...]]:
    """The fields :func:`build` gives ``cls``: the names a document may hold, and for each field
    its name in the document, its name in the constructor and how its value is read."""
    hints = field_hints(cls)
    fields = tuple(
        (field.name, field.alias or field.name, _reader(hints.get(field.name, Any)))
        for field in attrs.fields(cls)
        if field.init
    )
    return frozenset(name for name, _, _ in fields), fields


def _build(cls: type, data: Any) -> Any:
    if cls in HOOKS:
        return HOOKS[cls].load(data, "$")
    names, fields = _plan(cls)
    if not isinstance(data, dict) or not names.issuperset(data):
        raise _RefusedError
    kwargs: dict[str, Any] = {}
    for name, key, read in fields:
        if name in data:
            value = data[name]
            kwargs[key] = value if read is None else read(value)
    return cls(**kwargs)


def build(cls: type, data: Any) -> Any | None:
    """``cls`` from a JSON form known to be valid, through the classes' own constructors.

    Every value is read as :func:`structure` reads it and every constructor runs, with its
    converters and checks; a field the class does not have is refused. Only the pass that
    locates each problem of a bad document is left out. For a document that :func:`structure`
    builds, the object is equal to its.

    Returns:
        The object, or ``None`` when any value or constructor refuses the document (read it
        with :func:`structure`, or the contract, to learn every problem and where).
    """
    try:
        return _build(cls, data)
    except (OcopError, _RefusedError, TypeError, ValueError, ArithmeticError):
        return None
