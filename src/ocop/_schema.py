"""JSON Schemas shipped with the package, their validators, and untrusted-input limits.

Validators are built once per schema and reused (a one-off ``jsonschema.validate`` re-checks the
schema on every call). Schema errors become :class:`~ocop.errors.Problem` objects with a JSON
path, a stable code ``schema.<keyword>`` and a message in Vietnamese and English.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any, Final

import attrs

from ocop._data import packaged
from ocop._text import encodable, printable
from ocop.errors import DocumentError, InputError, Problem, join_path

if TYPE_CHECKING:
    import jsonschema
    import referencing

__all__ = [
    "DECODED_OBJECTS",
    "DECODER",
    "MAX_INTEGER",
    "SCHEMA_BASE",
    "Limits",
    "capped",
    "check_document",
    "decode",
    "gathered",
    "keyword_problem",
    "missing_field",
    "parse",
    "schema",
    "schema_names",
    "schema_problems",
    "unknown_field",
    "validator",
]

SCHEMA_BASE = "https://ocop.dev/schemas/"
"""Every shipped schema's ``$id`` is ``SCHEMA_BASE + NAME + ".schema.json"``."""

_SUFFIX = ".schema.json"


def schema_names() -> tuple[str, ...]:
    """The names of the shipped schemas (``"score_card"``, ``"rubric"``, …)."""
    from importlib import resources

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
    from importlib import resources

    text = (resources.files("ocop") / "schemas" / f"{name}{_SUFFIX}").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


# The kinds of document, and the class each one holds ("module:Class", imported on first use).
KINDS: Final[Mapping[str, str]] = {
    "subject": "ocop.subject:Subject",
    "product": "ocop.product:Product",
    "score_card": "ocop.scoring:ScoreCard",
    "result": "ocop.ranking:Classification",
    "council": "ocop.council:Council",
    "dossier": "ocop.dossier:Dossier",
    "application": "ocop.evaluation:Application",
    "evaluation_round": "ocop.evaluation:EvaluationRound",
    "certificate": "ocop.certificate:Certificate",
    "plan": "ocop.plan:Plan",
    "product_record": "ocop.plan:ProductRecord",
    "progress": "ocop.plan:Progress",
    "report": "ocop.report:Report",
    "signed_certificate": "ocop.signing:SignedCertificate",
}


def kinds() -> tuple[str, ...]:
    """The names of every kind of document, in alphabetical order."""
    return tuple(sorted(KINDS))


@cache
def _kind_fields() -> tuple[tuple[str, frozenset[str], frozenset[str]], ...]:
    """Each kind with the top-level fields its schema requires and those it allows, read from
    the table written with the schemas (``schemas/kinds.json``; ``tests/test_json.py`` keeps
    it equal to them), without reading the schemas themselves."""
    table = json.loads(packaged("schemas", "kinds.json"))
    return tuple(
        (name, frozenset(table[name]["required"]), frozenset(table[name]["properties"]))
        for name in kinds()
    )


def guess_kind(data: object) -> str | None:
    """The kind of document ``data`` is, told by its top-level fields alone.

    A document whose fields are all allowed by one kind and include every field that kind
    requires is of that kind; otherwise the kind it is nearest to (fewest fields missing or
    unknown) when only one is nearest and it shares at least one required field, so that a
    broken document is checked as what it was meant to be. ``None`` when nothing fits. No
    schema is run: telling the kind of a line of a season costs a few set operations.

    >>> guess_kind({"decision": "26/2026", "set_no": 1, "member": "m", "product": "p",
    ...     "choices": {}})
    'score_card'
    >>> guess_kind({"decision": "26/2026", "set_no": 1, "product": "p", "choices": {}})
    'score_card'
    >>> guess_kind({"id": "p", "name": "Trà", "decision": "26", "set_no": 13,
    ...     "subject_id": "s"})
    'product'
    >>> guess_kind([1, 2]) is None, guess_kind({"colour": "red"}) is None
    (True, True)
    """
    if not isinstance(data, dict):
        return None
    keys = frozenset(key for key in data if isinstance(key, str))
    nearest: list[tuple[int, int, str]] = []
    for name, required, allowed in _kind_fields():
        missing = len(required - keys)
        unknown = len(keys - allowed)
        if not missing and not unknown:
            return name
        shared = len(required & keys)
        if shared:
            nearest.append((missing + unknown, -shared, name))
    if not nearest:
        return None
    nearest.sort()
    best = nearest[0]
    if len(nearest) > 1 and nearest[1][:2] == best[:2]:
        return None
    return best[2]


@cache
def _registry() -> referencing.Registry[Any]:
    # jsonschema is imported when a document first takes the general route: a season of
    # score cards read on their fast path never needs it.
    import referencing
    import referencing.jsonschema

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
    import jsonschema

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
                yield missing_field(path, field)
        return
    if keyword in {"additionalProperties", "unevaluatedProperties"} and isinstance(
        error.instance, dict
    ):
        allowed = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
        for field in error.instance:
            if field not in allowed:
                yield unknown_field(path, field, keyword)
        return
    yield keyword_problem(keyword, path, value, expected)


def keyword_problem(keyword: str, path: str, value: object, expected: Any) -> Problem:
    """The problem of ``value`` at ``path``, which breaks the schema keyword ``keyword``.

    ``expected`` is the keyword's value in the schema (a type's name, a minimum, …); the
    value of an object or an array is not repeated in the problem.

    >>> problem = keyword_problem("minimum", "$.set_no", 0, 1)
    >>> problem.code, problem.message_en
    ('schema.minimum', 'below the minimum 1')
    """
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
    return Problem(code=f"schema.{keyword}", path=path, value=value, message_vi=vi, message_en=en)


def missing_field(path: str, field: str) -> Problem:
    """The problem of a required ``field`` missing from the object at ``path``."""
    return Problem(
        code="schema.required",
        path=join_path(path, field),
        value=None,
        message_vi=_MESSAGES["required"][0],
        message_en=_MESSAGES["required"][1],
    )


def unknown_field(path: str, field: str, keyword: str = "additionalProperties") -> Problem:
    """The problem of a ``field`` the object at ``path`` may not hold (by ``keyword``)."""
    return Problem(
        code="schema.unknown_field",
        path=join_path(path, field),
        value=field,
        message_vi=_MESSAGES[keyword][0],
        message_en=_MESSAGES[keyword][1],
    )


def schema_problems(
    name: str, instance: Any, *, base: str = "$", limit: int | None = None
) -> list[Problem]:
    """Every way ``instance`` breaks schema ``name``, as problems sorted by path, each once.

    With ``limit``, the search stops once more than ``limit`` problems are found; the list
    then ends with ``document.more_problems`` (see :func:`capped`).

    >>> [(p.path, p.code) for p in schema_problems("subject", {"kind": "farm"})]
    [('$.id', 'schema.required'), ('$.name', 'schema.required')]
    """
    errors = validator(name).iter_errors(instance)
    return gathered((_error_problems(error, base) for error in errors), limit)


def gathered(batches: Iterable[Iterable[Problem]], limit: int | None = None) -> list[Problem]:
    """The problems of a document's schema errors, each once, sorted by path, within ``limit``.

    ``batches`` holds the problems of each error in the order the validator meets the errors.
    A problem is kept once per path and code (jsonschema reports ``required`` once per missing
    field, each time on the whole object). With ``limit``, the errors are read until more than
    ``limit`` problems are found: the first ``limit`` of them are kept, then
    ``document.more_problems`` counts the others (see :func:`capped`).
    """
    found: dict[tuple[str, str], Problem] = {}
    for batch in batches:
        for problem in batch:
            found.setdefault((problem.path, problem.code), problem)
        if limit is not None and len(found) > limit:
            break
    problems = list(found.values())  # in the order of the document
    if limit is None or len(problems) <= limit:
        return sorted(problems, key=lambda problem: problem.path)
    first = sorted(problems[:limit], key=lambda problem: problem.path)
    return capped([*first, *problems[limit:]], limit)


@attrs.frozen(kw_only=True)
class Limits:
    """Bounds that keep a hostile document from exhausting time, memory or the stack.

    They hold on every route into the library (text, bytes, lines and parsed data) and are
    checked in one pass over the document before the schema or any class sees it.

    Attributes:
        max_bytes: the largest document read, in bytes (for parsed data: its text's size,
            estimated from its strings and items).
        max_depth: the deepest nesting of objects and arrays.
        max_items: the longest array and the largest object.
        max_problems: the most problems reported for one document; when there are more,
            the last problem, ``document.more_problems``, says so (its value counts those
            found beyond, and the search stops there so that refusing stays cheap).
    """

    max_bytes: int = 64 * 1024 * 1024
    max_depth: int = 32
    max_items: int = 200_000
    max_problems: int = 100


MAX_INTEGER: Final = 2**53 - 1
"""The largest integer a document may hold (I-JSON, RFC 7493 §2.2: exact in every reader)."""


class _Repeated(dict[str, Any]):
    """An object whose text names a key twice: the keys repeated, for the shape check."""

    repeated: tuple[str, ...] = ()


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``object_pairs_hook`` for :func:`json.loads`: a dict, marked when a key is repeated."""
    found = dict(pairs)
    if len(found) == len(pairs):
        return found
    marked = _Repeated(found)
    seen: set[str] = set()
    repeated = []
    for key, _ in pairs:
        if key in seen:
            repeated.append(key)
        seen.add(key)
    marked.repeated = tuple(repeated)
    return marked


DECODER: Final = json.JSONDecoder(object_pairs_hook=_pairs)
"""The JSON reader of untrusted text: it marks objects that repeat a key."""

DECODED_OBJECTS: Final[frozenset[type]] = frozenset((dict, _Repeated))
"""The types of the objects :data:`DECODER` gives: a dict, marked or not for a repeated key."""


def _limit_problem(code: str, path: str, vi: str, en: str, value: object = None) -> DocumentError:
    return DocumentError(Problem(code=code, path=path, value=value, message_vi=vi, message_en=en))


def _too_large(bounds: Limits, path: str, size: int | None = None) -> DocumentError:
    return _limit_problem(
        "document.too_large",
        path,
        f"Tài liệu lớn hơn {bounds.max_bytes} byte",
        f"the document is larger than {bounds.max_bytes} bytes",
        size,
    )


def _unencodable(text: str, path: str) -> Problem:
    try:
        encodable(text, path)
    except InputError as error:
        return error.problems[0]
    raise AssertionError(text)  # pragma: no cover - called for unencodable text only


def _scalar_problem(value: Any, path: str) -> Problem | None:
    """What is wrong with one string or number of a document, if anything."""
    kind = type(value)
    if kind is str:
        if value.isascii():
            return None
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return _unencodable(value, path)
        return None
    if kind is float:
        if math.isfinite(value):
            return None
        return Problem(
            code="number.not_finite",
            path=path,
            value=str(value),
            message_vi="Số không hữu hạn (NaN, vô cùng hoặc quá lớn)",
            message_en="not a finite number (NaN, infinity, or too large)",
        )
    if kind is int and not -MAX_INTEGER <= value <= MAX_INTEGER:
        return Problem(
            code="number.too_large",
            path=path,
            value=None,
            message_vi=f"Số nguyên vượt quá ±{MAX_INTEGER}",
            message_en=f"an integer beyond ±{MAX_INTEGER}",
        )
    return None


def check_document(data: Any, limits: Limits | None = None, *, base: str = "$") -> None:
    """Check a parsed document's shape and values within ``limits``, in one linear pass.

    Raises:
        DocumentError: at once for ``document.too_deep``, ``document.too_many_items`` or
            ``document.too_large``; otherwise with every ``text.unencodable``,
            ``number.not_finite``, ``number.too_large`` and ``document.duplicate_key``
            problem (within ``limits.max_problems``).
    """
    bounds = limits or Limits()
    found: list[Problem] = []
    more = 0

    def report(problem: Problem | None) -> None:
        nonlocal more
        if problem is None:
            return
        if len(found) < bounds.max_problems:
            found.append(problem)
        else:
            more += 1

    size = 0
    stack: list[tuple[Any, str, int]] = []
    if isinstance(data, dict | list | tuple):
        stack.append((data, base, 1))
    else:
        report(_scalar_problem(data, base))
    while stack:
        node, path, depth = stack.pop()
        if depth > bounds.max_depth:
            raise _limit_problem(
                "document.too_deep",
                path,
                f"Tài liệu lồng nhau quá {bounds.max_depth} cấp",
                f"the document nests deeper than {bounds.max_depth} levels",
            )
        if len(node) > bounds.max_items:
            raise _limit_problem(
                "document.too_many_items",
                path,
                f"Quá {bounds.max_items} phần tử",
                f"more than {bounds.max_items} items",
                len(node),
            )
        size += 2 + len(node)
        if isinstance(node, dict):
            for key in getattr(node, "repeated", ()):
                report(
                    Problem(
                        code="document.duplicate_key",
                        path=join_path(path, printable(key)),
                        value=None,
                        message_vi="Khoá xuất hiện hai lần trong cùng một đối tượng",
                        message_en="a key that appears twice in the same object",
                    )
                )
            children: Any = node.items()
        else:
            children = enumerate(node)
        for key, child in children:
            if type(key) is str:
                size += len(key)
                if not key.isascii():
                    problem = _scalar_problem(key, path)
                    if problem is not None:
                        report(attrs.evolve(problem, path=join_path(path, printable(key))))
                        continue
            kind = type(child)
            if kind is str:
                size += len(child)
                if child.isascii():
                    continue
            elif kind is int:
                size += 1
                if -MAX_INTEGER <= child <= MAX_INTEGER:
                    continue
            elif kind is dict or kind is list or isinstance(child, dict | list | tuple):
                stack.append((child, join_path(path, key), depth + 1))
                continue
            elif kind is not float:
                size += 1
                continue
            report(_scalar_problem(child, join_path(path, key)))
        if size > bounds.max_bytes:
            raise _too_large(bounds, base)
    if found:
        raise DocumentError(capped(found, bounds.max_problems, more))


def capped(problems: list[Problem], limit: int, more: int = 0) -> list[Problem]:
    """The first ``limit`` problems, then one ``document.more_problems`` if there are more.

    ``more`` counts problems found beyond those in ``problems`` and not kept.
    """
    beyond = max(0, len(problems) - limit) + more
    if not beyond:
        return problems
    return [
        *problems[:limit],
        Problem(
            code="document.more_problems",
            path="$",
            value=beyond,
            message_vi=f"Còn ít nhất {beyond} lỗi nữa (chỉ hiện {limit} lỗi đầu)",
            message_en=f"at least {beyond} more problems (only the first {limit} are shown)",
        ),
    ]


def parse(source: str | bytes, *, limits: Limits | None = None) -> Any:
    """Parse untrusted JSON within ``limits``, and check it with :func:`check_document`.

    Raises:
        DocumentError: ``document.too_large``, ``document.not_json``, ``document.too_deep``,
            ``document.too_many_items``, or the problems of :func:`check_document`.
    """
    bounds = limits or Limits()
    data = decode(source, limits=bounds)
    check_document(data, bounds)
    return data


def decode(source: str | bytes, *, limits: Limits | None = None) -> Any:
    """Untrusted JSON text within ``limits.max_bytes``, parsed but not yet checked.

    What it holds is for :func:`check_document` to judge; objects that repeat a key are
    marked for it (:data:`DECODER`).

    Raises:
        DocumentError: ``document.too_large``, ``document.not_json``, ``document.too_deep``.
    """
    bounds = limits or Limits()
    if isinstance(source, str):
        size = len(source) if source.isascii() else len(source.encode("utf-8", "surrogatepass"))
    else:
        size = len(source)
    if size > bounds.max_bytes:
        raise _too_large(bounds, "$", size)
    try:
        text = source if isinstance(source, str) else _decode(source)
        data = DECODER.decode(text)
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
    return data


def _decode(source: bytes) -> str:
    """The text of JSON bytes, in the encoding :func:`json.loads` detects (RFC 8259 §8.1)."""
    return source.decode(json.detect_encoding(source), "surrogatepass")
