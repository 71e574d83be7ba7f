"""JSON Schemas shipped with the package, their validators, and untrusted-input limits.

Validators are built once per schema and reused (a one-off ``jsonschema.validate`` re-checks the
schema on every call). Schema errors become :class:`~ocop.errors.Problem` objects with a JSON
path, a stable code ``schema.<keyword>`` and a message in Vietnamese and English.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

import attrs
import jsonschema
import referencing
import referencing.jsonschema

from ocop.errors import DocumentError, Problem, join_path

__all__ = [
    "SCHEMA_BASE",
    "Limits",
    "parse",
    "schema",
    "schema_names",
    "schema_problems",
    "validator",
]

SCHEMA_BASE = "https://ocop.dev/schemas/"
"""Every shipped schema's ``$id`` is ``SCHEMA_BASE + NAME + ".schema.json"``."""

_SUFFIX = ".schema.json"


def schema_names() -> tuple[str, ...]:
    """The names of the shipped schemas (``"score_card"``, ``"rubric"``, …)."""
    folder = resources.files("ocop") / "schemas"
    return tuple(
        sorted(
            entry.name[: -len(_SUFFIX)]
            for entry in folder.iterdir()
            if entry.name.endswith(_SUFFIX)
        )
    )


@cache
def schema(name: str) -> dict[str, Any]:
    """The shipped schema ``name`` as a mapping.

    Raises:
        DocumentError: ``schema.unknown`` if there is no such schema.
    """
    if name not in schema_names():
        raise DocumentError(
            Problem(
                code="schema.unknown",
                path="$",
                value=name,
                message_vi=f"Không có lược đồ tên '{name}'",
                message_en=f"there is no schema named '{name}'",
            )
        )
    text = (resources.files("ocop") / "schemas" / f"{name}{_SUFFIX}").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@cache
def _registry() -> referencing.Registry[Any]:
    pairs = []
    for name in schema_names():
        contents = schema(name)
        pairs.append(
            (
                contents["$id"],
                referencing.Resource.from_contents(contents, referencing.jsonschema.DRAFT202012),
            )
        )
    return referencing.Registry().with_resources(pairs)


@cache
def validator(name: str) -> jsonschema.protocols.Validator:
    """A Draft 2020-12 validator for schema ``name``, built once."""
    contents = schema(name)
    jsonschema.Draft202012Validator.check_schema(contents)
    return jsonschema.Draft202012Validator(
        contents,
        registry=_registry(),
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )


_MESSAGES: dict[str, tuple[str, str]] = {
    "required": ("Thiếu trường bắt buộc", "a required field is missing"),
    "type": ("Sai kiểu dữ liệu: cần {expected}", "wrong type: expected {expected}"),
    "enum": ("Giá trị không thuộc danh sách cho phép", "not one of the allowed values"),
    "const": ("Giá trị không đúng", "not the expected value"),
    "additionalProperties": ("Trường không được phép", "a field that is not allowed"),
    "unevaluatedProperties": ("Trường không được phép", "a field that is not allowed"),
    "pattern": ("Không đúng định dạng", "does not have the expected format"),
    "format": ("Không đúng định dạng {expected}", "not a valid {expected}"),
    "minimum": ("Nhỏ hơn giá trị tối thiểu {expected}", "below the minimum {expected}"),
    "maximum": ("Lớn hơn giá trị tối đa {expected}", "above the maximum {expected}"),
    "exclusiveMinimum": ("Phải lớn hơn {expected}", "must be greater than {expected}"),
    "exclusiveMaximum": ("Phải nhỏ hơn {expected}", "must be less than {expected}"),
    "minLength": ("Quá ngắn", "too short"),
    "maxLength": ("Quá dài", "too long"),
    "minItems": ("Quá ít phần tử", "too few items"),
    "maxItems": ("Quá nhiều phần tử", "too many items"),
    "uniqueItems": ("Có phần tử trùng lặp", "items are repeated"),
    "minProperties": ("Quá ít trường", "too few fields"),
    "maxProperties": ("Quá nhiều trường", "too many fields"),
    "propertyNames": ("Tên trường không hợp lệ", "a field name that is not allowed"),
    "oneOf": ("Không khớp đúng một dạng cho phép", "does not match exactly one allowed form"),
    "anyOf": ("Không khớp dạng nào cho phép", "does not match any allowed form"),
    "multipleOf": ("Không là bội số của {expected}", "not a multiple of {expected}"),
}

_TYPE_VI = {
    "string": "chuỗi",
    "integer": "số nguyên",
    "number": "số",
    "object": "đối tượng",
    "array": "mảng",
    "boolean": "đúng/sai",
    "null": "rỗng",
}


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _other_type(error: jsonschema.ValidationError) -> bool:
    """Whether a branch of an alternative fails because the value is of another type."""
    if error.relative_path:
        return False
    if error.validator == "type":
        return True
    if error.validator in ("enum", "const"):
        expected: Any = error.validator_value
        allowed = expected if error.validator == "enum" else [expected]
        return _json_type(error.instance) not in {_json_type(item) for item in allowed}
    return False


def _error_problems(error: jsonschema.ValidationError, base: str) -> Iterator[Problem]:
    if error.validator in ("anyOf", "oneOf") and error.context:
        # Branches that fail only because the value has another type are not what was meant;
        # if exactly one branch is left, its own errors say what is wrong.
        branches: dict[Any, list[jsonschema.ValidationError]] = {}
        for sub in error.context:
            branches.setdefault(sub.schema_path[0], []).append(sub)
        meant = [
            errors for errors in branches.values() if not any(_other_type(sub) for sub in errors)
        ]
        if len(meant) == 1:
            for sub in meant[0]:
                yield from _error_problems(sub, base)
            return
    path = join_path(base, *error.absolute_path)
    keyword = str(error.validator)
    value: object = error.instance
    expected: Any = error.validator_value
    if keyword == "required":
        # Point at each missing field, not at the object that lacks it.
        present = error.instance if isinstance(error.instance, dict) else {}
        for field in expected:
            if field not in present:
                yield Problem(
                    code="schema.required",
                    path=join_path(path, field),
                    value=None,
                    message_vi=_MESSAGES["required"][0],
                    message_en=_MESSAGES["required"][1],
                )
        return
    if keyword in {"additionalProperties", "unevaluatedProperties"} and isinstance(
        error.instance, dict
    ):
        allowed = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
        for field in error.instance:
            if field not in allowed:
                yield Problem(
                    code="schema.unknown_field",
                    path=join_path(path, field),
                    value=field,
                    message_vi=_MESSAGES[keyword][0],
                    message_en=_MESSAGES[keyword][1],
                )
        return
    vi, en = _MESSAGES.get(keyword, ("Không hợp lệ theo lược đồ", "does not satisfy the schema"))
    if keyword == "type":
        names = [str(n) for n in (expected if isinstance(expected, list) else [expected])]
        vi = vi.format(expected=", ".join(_TYPE_VI.get(n, n) for n in names))
        en = en.format(expected=", ".join(names))
    else:
        vi = vi.format(expected=expected)
        en = en.format(expected=expected)
    if isinstance(value, (dict, list)):
        value = None
    yield Problem(code=f"schema.{keyword}", path=path, value=value, message_vi=vi, message_en=en)


def schema_problems(name: str, instance: Any, *, base: str = "$") -> list[Problem]:
    """Every way ``instance`` breaks schema ``name``, as problems sorted by path, each once.

    >>> [(p.path, p.code) for p in schema_problems("subject", {"kind": "farm"})]
    [('$.id', 'schema.required'), ('$.name', 'schema.required')]
    """
    found: dict[tuple[str, str], Problem] = {}
    for error in validator(name).iter_errors(instance):
        for problem in _error_problems(error, base):
            # jsonschema reports "required" once per missing field, on the whole object.
            found.setdefault((problem.path, problem.code), problem)
    return sorted(found.values(), key=lambda problem: problem.path)


@attrs.frozen(kw_only=True)
class Limits:
    """Bounds that keep a hostile document from exhausting memory or the stack.

    Attributes:
        max_bytes: the largest document read, in bytes.
        max_depth: the deepest nesting of objects and arrays.
        max_items: the longest array and the largest object.
    """

    max_bytes: int = 64 * 1024 * 1024
    max_depth: int = 32
    max_items: int = 200_000


def _limit_problem(code: str, path: str, vi: str, en: str, value: object = None) -> DocumentError:
    return DocumentError(Problem(code=code, path=path, value=value, message_vi=vi, message_en=en))


def _check_shape(data: Any, limits: Limits) -> None:
    stack: list[tuple[Any, str, int]] = [(data, "$", 1)]
    while stack:
        node, path, depth = stack.pop()
        if isinstance(node, dict):
            children: Any = node.items()
            size = len(node)
        elif isinstance(node, list):
            children = enumerate(node)
            size = len(node)
        else:
            continue
        if depth > limits.max_depth:
            raise _limit_problem(
                "document.too_deep",
                path,
                f"Tài liệu lồng nhau quá {limits.max_depth} cấp",
                f"the document nests deeper than {limits.max_depth} levels",
            )
        if size > limits.max_items:
            raise _limit_problem(
                "document.too_many_items",
                path,
                f"Quá {limits.max_items} phần tử",
                f"more than {limits.max_items} items",
                size,
            )
        for key, child in children:
            if isinstance(child, (dict, list)):
                stack.append((child, join_path(path, key), depth + 1))


def parse(source: str | bytes, *, limits: Limits | None = None) -> Any:
    """Parse untrusted JSON within ``limits``.

    Raises:
        DocumentError: ``document.too_large``, ``document.not_json``, ``document.too_deep``
            or ``document.too_many_items``.
    """
    bounds = limits or Limits()
    size = len(source.encode("utf-8") if isinstance(source, str) else source)
    if size > bounds.max_bytes:
        raise _limit_problem(
            "document.too_large",
            "$",
            f"Tài liệu lớn hơn {bounds.max_bytes} byte",
            f"the document is larger than {bounds.max_bytes} bytes",
            size,
        )
    try:
        data = json.loads(source)
    except RecursionError:
        raise _limit_problem(
            "document.too_deep",
            "$",
            f"Tài liệu lồng nhau quá {bounds.max_depth} cấp",
            f"the document nests deeper than {bounds.max_depth} levels",
        ) from None
    except (ValueError, UnicodeDecodeError) as error:
        raise _limit_problem(
            "document.not_json",
            "$",
            f"Không phải JSON hợp lệ: {error}",
            f"not valid JSON: {error}",
        ) from None
    _check_shape(data, bounds)
    return data
