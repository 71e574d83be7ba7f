"""Converters for attrs fields that fail with a located, coded error.

Each takes the value and the JSON path of the field. Classes call them from small named
converter functions (``def _convert_name(value): return to_text(value, "$.name")``), which type
checkers read as the field's type.
"""

from __future__ import annotations

import enum
from typing import Any, TypeVar

from ocop._text import encodable, nfc
from ocop.errors import InputError, Problem

E = TypeVar("E", bound=enum.Enum)


def fail(code: str, path: str, value: object, vi: str, en: str) -> InputError:
    """An :class:`InputError` with one problem."""
    return InputError(Problem(code=code, path=path, value=value, message_vi=vi, message_en=en))


def to_text(value: Any, path: str, *, required: bool = True) -> str:
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


def to_optional_text(value: Any, path: str) -> str | None:
    """Like :func:`to_text`, but ``None`` stays ``None`` and empty text is allowed."""
    return None if value is None else to_text(value, path, required=False)


def to_choice(kind: type[E], value: Any, path: str) -> E:
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


def to_optional_choice(kind: type[E], value: Any, path: str) -> E | None:
    """Like :func:`to_choice`, but ``None`` stays ``None``."""
    return None if value is None else to_choice(kind, value, path)


def to_bool(value: Any, path: str) -> bool:
    """Only ``True`` and ``False``."""
    if not isinstance(value, bool):
        raise fail("value.not_boolean", path, value, "Cần giá trị đúng/sai", "true or false")
    return value
