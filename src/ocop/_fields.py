"""Converters for attrs fields: one per kind of value, each failing with a located, coded error.

A field says what it holds, and its converter learns the field's name itself (an
:class:`attrs.Converter` that takes the field) to put it in the error's JSON path::

    name: str = attrs.field(converter=text)
    issued_on: pendulum.Date | None = attrs.field(default=None, converter=optional_day)
    level: Level = attrs.field(converter=OneOf[Level])
    papers: tuple[Paper, ...] = attrs.field(default=(), converter=TupleOf[Paper])

Type checkers read each converter as a plain function of what it accepts (the ``TYPE_CHECKING``
declarations below), so a constructor's signature says ``name: str``, not ``name: Any``, to
mypy, to pyright and to :func:`help`. A kind of value that belongs to one module (a product
set number, a tax code) is made there with :func:`located` in the same way.

>>> import attrs
>>> from ocop._fields import optional_day
>>> @attrs.frozen(kw_only=True)
... class Stall:
...     name: str = attrs.field(converter=text)
...     opened_on: pendulum.Date | None = attrs.field(default=None, converter=optional_day)
>>> Stall(name=" Ho\u0300a ", opened_on="2026-05-22")
Stall(name='Hòa', opened_on=Date(2026, 5, 22))
>>> Stall(name=7)
Traceback (most recent call last):
...
ocop.errors.InputError: $.name: Cần một chuỗi ký tự [text.not_a_string]
$.name: a text value is required [text.not_a_string]
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import typing
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs

from ocop._text import encodable, nfc
from ocop.errors import InputError, Problem

if TYPE_CHECKING:
    import pendulum

__all__ = [
    "OneOf",
    "OptionalOneOf",
    "SetOf",
    "SomeOf",
    "TupleOf",
    "convert",
    "day",
    "fail",
    "flag",
    "located",
    "optional_day",
    "optional_filled_text",
    "optional_flag",
    "optional_text",
    "text",
    "text_or_empty",
    "texts",
    "to_bool",
    "to_choice",
    "to_day",
    "to_optional_choice",
    "to_optional_day",
    "to_optional_text",
    "to_text",
]

E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")
R = TypeVar("R")
Field = attrs.Attribute  # the field a converter is given, with its name


def fail(code: str, path: str, value: object, vi: str, en: str) -> InputError:
    """An :class:`InputError` with one problem."""
    return InputError(Problem(code=code, path=path, value=value, message_vi=vi, message_en=en))


def located(convert: Callable[[Any, str], R], accepts: object = None) -> attrs.Converter[Any, R]:
    """A field converter from ``convert(value, path)``: the path is that of the field converted.

    Args:
        convert: checks and converts one value, failing with an error located at ``path``.
        accepts: the type of value accepted, as :func:`help` shows it in the constructor;
            by default the annotation of ``convert``'s first parameter.
    """
    hints = typing.get_type_hints(convert)
    name = next(iter(hints))

    def by_field(value: Any, instance: object, field: Field[Any]) -> R:
        return convert(value, "$." + field.name)

    by_field.__doc__ = convert.__doc__
    return _field_converter(
        by_field, hints[name] if accepts is None else accepts, hints.get("return", Any)
    )


def convert(field: Field[Any], value: Any) -> Any:
    """``value`` through ``field``'s converter, as the constructor would convert it."""
    converter = field.converter
    if converter is None:
        return value
    if isinstance(converter, attrs.Converter):
        return converter.__call__(value, None, field)  # type: ignore[operator]
    return converter(value)


def to_text(value: object, path: str, *, required: bool = True) -> str:
    """NFC-normalised, trimmed text; empty text is refused when ``required``."""
    if not isinstance(value, str):
        raise fail(
            "text.not_a_string", path, value, "Cần một chuỗi ký tự", "a text value is required"
        )
    normal = nfc(encodable(value, path))
    if required and not normal:
        raise fail(
            "text.empty",
            path,
            value,
            "Trường này không được để trống",
            "this field must not be empty",
        )
    return normal


def to_optional_text(value: str | None, path: str) -> str | None:
    """Like :func:`to_text`, but ``None`` stays ``None`` and empty text is allowed."""
    return None if value is None else to_text(value, path, required=False)


def _text_or_empty(value: str, path: str) -> str:
    """Text that may be empty."""
    return to_text(value, path, required=False)


def _optional_filled_text(value: str | None, path: str) -> str | None:
    """``None``, or text that is not empty."""
    return None if value is None else to_text(value, path)


def to_choice(kind: type[E], value: E | str, path: str) -> E:
    """A member of ``kind`` from the member or its value."""
    if isinstance(value, kind):
        return value
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(str(member.value) for member in kind)
        raise fail(
            "value.not_allowed",
            path,
            value,
            f"Giá trị không hợp lệ; cho phép: {allowed}",
            f"not an allowed value; allowed: {allowed}",
        ) from None


def to_optional_choice(kind: type[E], value: E | str | None, path: str) -> E | None:
    """Like :func:`to_choice`, but ``None`` stays ``None``."""
    return None if value is None else to_choice(kind, value, path)


def to_bool(value: bool, path: str) -> bool:
    """Only ``True`` and ``False``."""
    if not isinstance(value, bool):
        raise fail("value.not_boolean", path, value, "Cần giá trị đúng/sai", "true or false")
    return value


def _optional_bool(value: bool | None, path: str) -> bool | None:
    """``None``, ``True`` or ``False``."""
    return None if value is None else to_bool(value, path)


def to_day(value: dt.date | str, path: str) -> pendulum.Date:
    """A calendar day from a ``date``, a ``datetime`` or an ISO string, with a located error."""
    from ocop.calendar import in_range, parse_date

    if isinstance(value, str):
        return parse_date(value, path=path)
    if isinstance(value, dt.date):
        return in_range(value, path)
    raise fail(
        "date.invalid",
        path,
        value,
        "Cần một ngày (NNNN-TT-NN)",
        "a date is required (YYYY-MM-DD)",
    )


def to_optional_day(value: dt.date | str | None, path: str) -> pendulum.Date | None:
    """Like :func:`to_day`, but ``None`` stays ``None``."""
    return None if value is None else to_day(value, path)


def _items(value: Iterable[T], path: str) -> Iterable[T]:
    """``value`` if it holds items (a list, a tuple, a set …), or a located error."""
    if isinstance(value, Iterable) and not isinstance(value, (str, bytes, dict)):
        return value
    raise fail(
        "value.not_a_list",
        path,
        value,
        "Cần một danh sách",
        "a list of items is required",
    )


def _texts(value: str | Iterable[str], path: str) -> tuple[str, ...]:
    """Texts, each NFC-normalised and not empty; one text alone counts as a list of one."""
    items = (value,) if isinstance(value, str) else tuple(_items(value, path))
    return tuple(to_text(item, f"{path}[{at}]") for at, item in enumerate(items))


def _field_converter(
    by_field: Callable[[Any, object, Field[Any]], Any], accepts: object, returns: object
) -> attrs.Converter[Any, Any]:
    """A converter from ``by_field(value, instance, field)``, showing what it accepts.

    The function takes the instance too (and ignores it): attrs then calls it directly.
    """
    by_field.__annotations__ = {
        "value": accepts,
        "instance": object,
        "field": Field,
        "return": returns,
    }
    return attrs.Converter(by_field, takes_self=True, takes_field=True)


@functools.cache
def _one_of(kind: type[enum.Enum]) -> attrs.Converter[Any, Any]:
    def by_field(value: Any, instance: object, field: Field[Any]) -> Any:
        if type(value) is kind:
            return value
        return to_choice(kind, value, "$." + field.name)

    return _field_converter(by_field, kind | str, kind)


@functools.cache
def _optional_one_of(kind: type[enum.Enum]) -> attrs.Converter[Any, Any]:
    def by_field(value: Any, instance: object, field: Field[Any]) -> Any:
        if value is None or type(value) is kind:
            return value
        return to_choice(kind, value, "$." + field.name)

    return _field_converter(by_field, kind | str | None, kind | None)


@functools.cache
def _some_of(kind: type[enum.Enum]) -> attrs.Converter[Any, Any]:
    def by_field(value: Any, instance: object, field: Field[Any]) -> Any:
        path = "$." + field.name
        return frozenset(
            to_choice(kind, item, f"{path}[{at}]") for at, item in enumerate(_items(value, path))
        )

    return _field_converter(by_field, Iterable[kind | str], frozenset[kind])  # type: ignore[valid-type]


@functools.cache
def _tuple_of(kind: type) -> attrs.Converter[Any, Any]:
    def by_field(value: Any, instance: object, field: Field[Any]) -> Any:
        if type(value) is tuple:
            return value
        return tuple(_items(value, "$." + field.name))

    return _field_converter(by_field, Iterable[kind], tuple[kind, ...])  # type: ignore[valid-type]


@functools.cache
def _set_of(kind: type) -> attrs.Converter[Any, Any]:
    def by_field(value: Any, instance: object, field: Field[Any]) -> Any:
        if type(value) is frozenset:
            return value
        return frozenset(_items(value, "$." + field.name))

    return _field_converter(by_field, Iterable[kind], frozenset[kind])  # type: ignore[valid-type]


if TYPE_CHECKING:
    # What type checkers see: each converter as a function of what it accepts.

    def text(value: str) -> str:
        """NFC-normalised, trimmed, not empty."""

    def text_or_empty(value: str) -> str:
        """NFC-normalised, trimmed, possibly empty."""

    def optional_text(value: str | None) -> str | None:
        """``None``, or NFC-normalised, trimmed text (possibly empty)."""

    def optional_filled_text(value: str | None) -> str | None:
        """``None``, or NFC-normalised, trimmed text that is not empty."""

    def texts(value: str | Iterable[str]) -> tuple[str, ...]:
        """A tuple of texts; one text alone is a tuple of one."""

    def flag(value: bool) -> bool:
        """``True`` or ``False``, nothing else."""

    def optional_flag(value: bool | None) -> bool | None:
        """``None``, ``True`` or ``False``."""

    def day(value: dt.date | str) -> pendulum.Date:
        """A calendar day from a date, a datetime (read in Asia/Ho_Chi_Minh) or ISO text."""

    def optional_day(value: dt.date | str | None) -> pendulum.Date | None:
        """``None``, or a calendar day."""

    class OneOf(Generic[E]):
        """A member of the enum ``E``, from the member or its value: ``OneOf[Level]``."""

        def __new__(cls, value: E | str) -> E:  # type: ignore[misc]
            """The member."""

    class OptionalOneOf(Generic[E]):
        """``None``, or a member of the enum ``E``: ``OptionalOneOf[IpKind]``."""

        def __new__(cls, value: E | str | None) -> E | None:  # type: ignore[misc]
            """The member, or ``None``."""

    class SomeOf(Generic[E]):
        """A set of members of the enum ``E``: ``SomeOf[UpdateTopic]``."""

        def __new__(cls, value: Iterable[E | str]) -> frozenset[E]:  # type: ignore[misc]
            """The members."""

    class TupleOf(Generic[T]):
        """A tuple of ``T``, from any list of them: ``TupleOf[Paper]``."""

        def __new__(cls, value: Iterable[T]) -> tuple[T, ...]:  # type: ignore[misc]
            """The items, in order."""

    class SetOf(Generic[T]):
        """A frozen set of ``T``, from any collection of them: ``SetOf[str]``."""

        def __new__(cls, value: Iterable[T]) -> frozenset[T]:  # type: ignore[misc]
            """The items."""

else:
    text = located(to_text, str)
    text_or_empty = located(_text_or_empty)
    optional_text = located(to_optional_text)
    optional_filled_text = located(_optional_filled_text)
    texts = located(_texts)
    flag = located(to_bool)
    optional_flag = located(_optional_bool)

    def __getattr__(name: str) -> Any:
        """``day`` and ``optional_day``, made when first imported: they bring in ``pendulum``,
        which scoring a card does not need."""
        if name not in ("day", "optional_day"):
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        import pendulum

        # The converters show pendulum's day as what they give: their annotations name it.
        globals()["pendulum"] = pendulum
        made = globals()[name] = located(to_day if name == "day" else to_optional_day)
        return made

    class OneOf:
        """A member of the enum ``E``, from the member or its value: ``OneOf[Level]``."""

        def __class_getitem__(cls, kind):
            return _one_of(kind)

    class OptionalOneOf:
        """``None``, or a member of the enum ``E``: ``OptionalOneOf[IpKind]``."""

        def __class_getitem__(cls, kind):
            return _optional_one_of(kind)

    class SomeOf:
        """A set of members of the enum ``E``: ``SomeOf[UpdateTopic]``."""

        def __class_getitem__(cls, kind):
            return _some_of(kind)

    class TupleOf:
        """A tuple of ``T``, from any list of them: ``TupleOf[Paper]``."""

        def __class_getitem__(cls, kind):
            return _tuple_of(kind)

    class SetOf:
        """A frozen set of ``T``, from any collection of them: ``SetOf[str]``."""

        def __class_getitem__(cls, kind):
            return _set_of(kind)
