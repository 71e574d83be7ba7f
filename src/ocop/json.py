"""The JSON contract: every object a frontend exchanges, in and out, with its published schema.

Each kind of document has a name (``"subject"``, ``"score_card"``, …), a Draft 2020-12 JSON
Schema shipped with the package (``ocop schema NAME`` prints it), a dump to plain JSON values and
a load back. Loading checks syntax against the schema first, then meaning through the domain
classes' constructors, and reports every problem of the document at once, each with its JSON
path, a stable code and a message in Vietnamese and English. Untrusted text is read within
:class:`Limits` on size, depth and array length.

>>> from ocop import Subject
>>> subject = Subject(id="palmania", name="Công ty Cổ phần Palmania", kind="enterprise")
>>> data = dump(subject)
>>> data
{'id': 'palmania', 'name': 'Công ty Cổ phần Palmania', 'kind': 'enterprise'}
>>> load("subject", data) == subject
True
>>> try:
...     load("subject", {"id": "x", "kind": "company", "nickname": 1})
... except DocumentError as error:
...     for problem in error.problems:
...         print(problem.path, problem.code)
$.kind schema.enum
$.name schema.required
$.nickname schema.unknown_field
"""

from __future__ import annotations

import importlib
import json as _json
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cache
from typing import Any

import attrs

from ocop import _fastcard, _schemagen, _structure, privacy, rubric
from ocop._schema import (
    KINDS,
    Limits,
    capped,
    check_document,
    guess_kind,
    kinds,
    parse,
    schema,
    schema_names,
    schema_problems,
)
from ocop.errors import DocumentError, OcopError, Problem
from ocop.product_code import ProductCode
from ocop.rating import StarRating
from ocop.regulation import Regulation, era
from ocop.rubric.model import Sheet
from ocop.scoring import Choice, result_problems
from ocop.subject import Address, Contact, Subject

__all__ = [
    "DocumentError",
    "Limits",
    "dump",
    "dumps",
    "guess_kind",
    "iter_lines",
    "kind_of",
    "kinds",
    "load",
    "loads",
    "schema",
    "schema_names",
]


def _hook(cls: type, hook: _structure.Hook, json_schema: dict[str, Any]) -> None:
    _structure.register(cls, hook)
    _schemagen.HOOK_SCHEMAS[cls] = json_schema


_hook(
    ProductCode,
    _structure.Hook(dump=str, load=lambda value, path: ProductCode.parse(value, path=path)),
    {
        "type": "string",
        "minLength": 1,
        "description": "OCOP product code: T-X-STT-YYYY (from 1 July 2025) or T-H-X-STT-YYYY "
        "(before, with the district), e.g. 91-30307-12-2026 or 83-829-28780-3-2022.",
    },
)


def _dump_choice(choice: Choice) -> Any:
    if choice.not_applicable:
        return "n/a"
    if choice.index is not None:
        return {"index": choice.index}
    return choice.points


_hook(
    Choice,
    _structure.Hook(dump=_dump_choice, load=lambda value, path: Choice.parse(value, path=path)),
    {
        "description": "The option ticked: its printed points, {'index': position from 0}, "
        "{'points': p}, or null / 'n/a' when the criterion does not apply.",
        "anyOf": [
            {"type": "integer", "minimum": 0},
            {
                "type": "object",
                "properties": {"index": {"type": "integer", "minimum": 0}},
                "required": ["index"],
                "additionalProperties": False,
            },
            {
                "type": "object",
                "properties": {"points": {"type": "integer", "minimum": 0}},
                "required": ["points"],
                "additionalProperties": False,
            },
            {"type": "null"},
            {"enum": ["n/a", "na", "không áp dụng", "not applicable"]},
        ],
    },
)


def _problem_at(path: str, code: str, value: object, vi: str, en: str) -> DocumentError:
    return DocumentError(Problem(code=code, path=path, value=value, message_vi=vi, message_en=en))


def _load_regulation(value: Any, path: str) -> Regulation:
    if not isinstance(value, str):
        raise _problem_at(
            path, "schema.type", value, "Cần tên thời kỳ quy định", "an era's name is needed"
        )
    try:
        return era(value)
    except OcopError as error:
        raise DocumentError([attrs.evolve(p, path=path) for p in error.problems]) from None


_hook(
    Regulation,
    _structure.Hook(dump=lambda regulation: regulation.key, load=_load_regulation),
    {
        "type": "string",
        "description": "The legal era by its key: 1048/2019, 148/2023, 148/2023+1489/2025 or "
        "26/2026.",
    },
)


def _load_sheet(value: Any, path: str) -> Sheet:
    if not isinstance(value, dict):
        raise _problem_at(
            path, "schema.type", value, "Cần tham chiếu phiếu", "a sheet reference is needed"
        )
    try:
        return rubric.sheet(value["decision"], value["set_no"])
    except OcopError as error:
        raise DocumentError([p.under(path) for p in error.problems]) from None


_hook(
    Sheet,
    _structure.Hook(
        dump=lambda sheet: {"decision": sheet.decision, "set_no": sheet.set_no},
        load=_load_sheet,
    ),
    {
        "description": "A score sheet of the bundled rubrics, by decision and product set.",
        "type": "object",
        "properties": {
            "decision": {"type": "string"},
            "set_no": {"type": "integer", "minimum": 1, "maximum": 26},
        },
        "required": ["decision", "set_no"],
        "additionalProperties": False,
    },
)


def _load_star(value: Any, path: str) -> StarRating:
    try:
        return StarRating(stars=value)
    except OcopError as error:
        raise DocumentError([attrs.evolve(p, path=path) for p in error.problems]) from None


_hook(
    StarRating,
    _structure.Hook(dump=lambda star: star.stars, load=_load_star),
    {"type": "integer", "minimum": 1, "maximum": 5, "description": "Stars, 1 to 5."},
)


@cache
def _class(name: str) -> type:
    module, _, attribute = KINDS[name].partition(":")
    cls: type = getattr(importlib.import_module(module), attribute)
    return cls


def kind_of(value: object) -> str:
    """The kind of document a domain object is written as.

    Raises:
        TypeError: if ``value`` is no kind of document.
    """
    for name in KINDS:
        if type(value) is _class(name):
            return name
    raise TypeError(f"{type(value).__name__} is not a kind of ocop document")


def _unknown_kind(name: str) -> DocumentError:
    known = ", ".join(kinds())
    return DocumentError(
        Problem(
            code="document.unknown_kind",
            path="$",
            value=name,
            message_vi=f"Không có loại tài liệu '{name}'; các loại: {known}",
            message_en=f"there is no kind of document '{name}'; kinds: {known}",
        )
    )


def dump(value: object, *, redact: bool = False) -> Any:
    """The JSON form of a domain object, as plain dicts, lists, strings and numbers.

    Args:
        value: the object.
        redact: write a shareable copy: the personal identification numbers (and the tax codes
            of households), phone numbers and address details of subjects and places masked
            by the rule of :mod:`ocop.privacy`. A redacted copy is for reading: its masked
            values no longer load.

    >>> from ocop import Contact, Subject
    >>> hoa = Subject(id="hoa", name="Hộ Nguyễn Thị Hoa", kind="household",
    ...     tax_code="001203012345", contact=Contact(phone="0912 345 678"))
    >>> dump(hoa, redact=True)["tax_code"], dump(hoa, redact=True)["contact"]
    ('*********345', {'phone': '**** *** 678'})
    >>> dump(hoa)["tax_code"]
    '001203012345'
    """
    data = _structure.unstructure(value)
    return _redacted(value, data) if redact else data


def dumps(value: object, *, indent: int | None = 2, redact: bool = False) -> str:
    """The JSON text of a domain object (UTF-8, Vietnamese text kept as written); with
    ``redact``, the shareable copy of :func:`dump`."""
    return _json.dumps(dump(value, redact=redact), ensure_ascii=False, indent=indent)


def _masks(value: object) -> dict[str, Callable[[str], str]]:
    """The fields of ``value`` that hold personal data, with how each is masked."""
    if isinstance(value, Subject):
        return {"tax_code": privacy.mask_number} if value.personal else {}
    if isinstance(value, Contact):
        return {"phone": privacy.mask_phone}
    if isinstance(value, Address):
        return {"detail": privacy.mask_address}
    return {}


def _redacted(value: object, data: Any) -> Any:
    """``data``, the JSON form of ``value``, with the personal data in it masked."""
    if attrs.has(type(value)) and isinstance(data, dict):
        masks = _masks(value)
        out: dict[str, Any] = {}
        for name, item in data.items():
            mask = masks.get(name)
            if mask is not None and isinstance(item, str):
                out[name] = mask(item)
            else:
                out[name] = _redacted(getattr(value, name, None), item)
        return out
    if isinstance(value, Mapping) and isinstance(data, dict):
        return {str(key): _redacted(item, data[str(key)]) for key, item in value.items()}
    if isinstance(value, tuple | list) and isinstance(data, list):
        return [_redacted(item, part) for item, part in zip(value, data, strict=True)]
    return data


def load(kind: str, data: Any, *, path: str = "$", limits: Limits | None = None) -> Any:
    """A domain object of ``kind`` from its JSON form, read within ``limits``.

    Raises:
        DocumentError: holding every problem found (the first ``limits.max_problems``): the
            limits and values first (``document.*``, ``text.unencodable``,
            ``number.not_finite``, ``number.too_large``), then schema problems
            (``schema.*``); if there are none, every problem the domain classes find
            (``tax_code.*``, ``place.*``, …), each at its path.
    """
    bounds = limits or Limits()
    if kind == "score_card":
        # A hand-written equivalent of the general route, for the cards a season is made of;
        # a card whose problems only the domain classes can tell is made by them.
        card = _fastcard.checked(data, path, bounds)
        return card if card is not None else _built(kind, data, path, bounds)
    return _general(kind, data, path, bounds)


def _general(kind: str, data: Any, path: str, limits: Limits) -> Any:
    """The general route for parsed data: its values and shape, then :func:`_load`."""
    check_document(data, limits, base=path)
    return _load(kind, data, path, limits)


def _load(kind: str, data: Any, path: str, limits: Limits | None = None) -> Any:
    """The general route, on a checked document: the schema, then the domain classes."""
    limits = limits or Limits()
    if kind not in KINDS:
        raise _unknown_kind(kind)
    if kind == "score_card":  # the same problems, found sooner
        found = _fastcard.problems(data, base=path, limit=limits.max_problems)
    else:
        found = schema_problems(kind, data, base=path, limit=limits.max_problems)
    if found:
        raise DocumentError(found)
    return _built(kind, data, path, limits)


def _built(kind: str, data: Any, path: str, limits: Limits) -> Any:
    """The domain object of a document the schema accepts, or every problem its classes find."""
    problems: list[Problem] = []
    value = _structure.structure(_class(kind), data, path, problems)
    if problems or _structure.failed(value):
        raise DocumentError(capped(problems, limits.max_problems))
    stored = _stored_results(kind, value, path)
    if stored:
        raise DocumentError(capped(stored, limits.max_problems))
    return value


def _stored_results(kind: str, value: Any, path: str) -> list[Problem]:
    """Every stored council result of a round or an application that its sheet contradicts.

    A round's results are read against the round's sheets (:meth:`EvaluationRound.sheet`), an
    application's against the bundled rubric (see :func:`ocop.scoring.result_problems`).
    """
    if kind == "evaluation_round":
        pairs = [
            (f"{path}.applications[{index}]", application, value.sheet(application.product))
            for index, application in enumerate(value.applications)
        ]
    elif kind == "application":
        try:
            sheet = rubric.sheet(value.product.decision, value.product.set_no)
        except OcopError:
            return []
        pairs = [(path, value, sheet)]
    else:
        return []
    found: list[Problem] = []
    for base, application, sheet in pairs:
        for number, result in enumerate(application.results):
            if result.council is not None:
                found.extend(
                    result_problems(sheet, result.council, path=f"{base}.results[{number}].council")
                )
    return found


def loads(kind: str, source: str | bytes, *, limits: Limits | None = None) -> Any:
    """A domain object of ``kind`` from untrusted JSON text, read within ``limits``."""
    if kind not in KINDS:
        raise _unknown_kind(kind)
    bounds = limits or Limits()
    data = parse(source, limits=bounds)
    if kind == "score_card":
        card = _fastcard.build(data)
        if card is not None:
            return card
    return _load(kind, data, "$", bounds)


def iter_lines(
    kind: str, lines: Iterable[str | bytes], *, limits: Limits | None = None
) -> Iterator[Any | DocumentError]:
    """Read JSON Lines one document at a time: each line gives its object or its error.

    Memory stays bounded by the longest line, whatever the number of lines. A line's problems
    carry paths prefixed with its number, ``$[12].choices["1.5"]`` for line 13. Score cards
    are read by a fast path that gives exactly the same cards and problems (see
    ``docs/performance.md``).

    >>> card = '"member": "m", "product": "p", "choices": {"1.1": 3}}'
    >>> lines = ['{"decision": "26/2026", "set_no": 1, ' + card, "",
    ...     '{"decision": "26/2026", "set_no": 27, ' + card]
    >>> for item in iter_lines("score_card", lines):
    ...     print(item.describe("en") if isinstance(item, DocumentError) else item.set_no)
    1
    $[2].set_no: above the maximum 26 [schema.maximum]
    """
    fast = kind == "score_card"
    bounds = limits or Limits()
    for number, line in enumerate(lines):
        if fast:
            card = _fastcard.read_line(line, bounds)
            if card is not None:
                yield card
                continue
        if not line.strip():
            continue
        try:
            yield _load(kind, parse(line, limits=bounds), f"$[{number}]", bounds)
        except OcopError as error:
            problems = [
                problem
                if problem.path.startswith(f"$[{number}]")
                else problem.under(f"$[{number}]")
                for problem in error.problems
            ]
            yield DocumentError(problems)
