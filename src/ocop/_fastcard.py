"""Score cards read from JSON in microseconds, exactly as the published contract reads them.

The general route of :func:`ocop.json.load` checks a document against its JSON Schema with
``jsonschema`` and then builds it field by field through the domain classes: right for every kind
of document, and about 300 µs for a score card. A national season holds some 10^5 cards, so
``score_card`` has this fast path:

* :func:`is_valid` is a hand-written check of ``score_card.schema.json``: it accepts and rejects
  exactly what the schema does (Draft 2020-12 as ``jsonschema`` reads it: ``3.0`` is an integer,
  ``true`` is not, ``"N/A"`` is not one of the not-applicable words), and hands values of types
  outside the JSON data model to the ``jsonschema`` validator itself.
* :func:`problems` gives no problem for a card :func:`is_valid` accepts and, for any other,
  the problems of :func:`ocop._schema.schema_problems`: they are identical by construction.
* :func:`build` turns a valid card into a :class:`~ocop.scoring.ScoreCard` in the same pass,
  with the same checks as the class's own constructor, or returns ``None`` whenever anything is
  unusual (a problem to report, a value to normalise, a type outside the JSON model): the
  caller then takes the general route, which decides and reports. A card is returned only when
  the general route would return an equal one.
* :func:`read_line` does the same for one line of JSON Lines, within :class:`ocop.json.Limits`.

``tests/test_fastcard.py`` proves the equivalence with a differential property test against
``jsonschema`` and the general route. ``docs/performance.md`` gives the figures.

>>> card = build({"decision": "26/2026", "set_no": 1, "member": "m1", "product": "p1",
...     "choices": {"1.1": 3, "1.2": {"index": 0}, "5.2": "n/a"}})
>>> card.choices["1.1"].points, card.choices["1.2"].index, card.choices["5.2"].not_applicable
(3, 0, True)
>>> build({"decision": "26/2026", "set_no": True, "member": "m1", "product": "p1",
...     "choices": {}}) is None
True
>>> is_valid({"decision": "26/2026", "set_no": 26.0, "member": "", "product": "p",
...     "choices": {"1.1": None}})
True
>>> for problem in problems({"decision": "26", "set_no": 0, "member": "m", "choices": {"1.1": -1}}):
...     print(problem.path, problem.code)
$.choices["1.1"] schema.minimum
$.product schema.required
$.set_no schema.minimum
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Final

import attrs

from ocop import scoring
from ocop._schema import Limits, schema_problems, validator
from ocop.errors import Problem
from ocop.scoring import NOT_APPLICABLE, Choice, ScoreCard

__all__ = ["build", "is_valid", "problems", "read_line"]

_FIELDS: Final = frozenset({"decision", "set_no", "member", "product", "choices"})
# The schema's enum of not-applicable words, compared as jsonschema compares strings.
_NA_WORDS: Final = frozenset({"n/a", "na", "không áp dụng", "not applicable"})
# The types of the JSON data model; a value of any other type is left to jsonschema.
_JSON_TYPES: Final = frozenset({dict, list, str, int, float, bool, type(None)})

# The shared choice objects of scoring, by points and by position (``Choice`` compares by value).
_POINTS: Final[list[Choice]] = [Choice.parse(points) for points in range(31)]
_INDEX: Final[dict[int, Choice]] = {index: Choice.parse({"index": index}) for index in range(16)}


# -- the schema, by hand -------------------------------------------------------------------------


def _integer(value: object, low: int, high: int | None) -> bool | None:
    """Draft 2020-12 ``integer`` with ``minimum``/``maximum``; ``None`` for a foreign type."""
    kind = type(value)
    if kind is int:
        number: Any = value
    elif kind is float:
        number = value
        if not number.is_integer():  # NaN and infinities are no integers either
            return False
    elif kind in _JSON_TYPES:
        return False
    else:
        return None
    return bool(low <= number and (high is None or number <= high))


def _choice_verdict(value: object) -> bool | None:
    """The ``anyOf`` of a choice; ``None`` when a type outside the JSON model is met."""
    kind = type(value)
    if kind is int or kind is float:
        return _integer(value, 0, None)
    if value is None:
        return True
    if kind is str:
        return value in _NA_WORDS
    if kind is dict:
        form: dict[Any, Any] = value  # type: ignore[assignment]
        if len(form) != 1:
            return False  # "required" fails when empty, "additionalProperties" when larger
        ((key, inner),) = form.items()
        if type(key) is not str:
            return None if type(key) not in _JSON_TYPES else False
        if key != "index" and key != "points":
            return False
        return _integer(inner, 0, None)
    if kind is list or kind is bool:
        return False
    return None


def _verdict(data: object) -> bool | None:
    """The schema's verdict on ``data``; ``None`` when a type outside the JSON model is met.

    A card that breaks the schema anywhere is invalid whatever else it holds, so the first
    definite failure decides.
    """
    kind = type(data)
    if kind is not dict:
        return False if kind in _JSON_TYPES else None
    card: dict[Any, Any] = data  # type: ignore[assignment]
    if any(type(key) is not str for key in card):
        return None
    if card.keys() != _FIELDS:
        return False  # every field is required and no other is allowed
    for name in ("decision", "member", "product"):
        kind = type(card[name])
        if kind is not str:
            return False if kind in _JSON_TYPES else None
    set_no = _integer(card["set_no"], 1, 26)
    if not set_no:
        return set_no
    choices = card["choices"]
    kind = type(choices)
    if kind is not dict:
        return False if kind in _JSON_TYPES else None
    for value in choices.values():
        found = _choice_verdict(value)
        if not found:
            return found
    return True


def is_valid(data: object) -> bool:
    """Whether ``data`` satisfies ``score_card.schema.json``, exactly as jsonschema decides.

    >>> is_valid({"decision": "26/2026", "set_no": 1, "member": "m", "product": "p",
    ...     "choices": {"1.1": True}})
    False
    """
    verdict = _verdict(data)
    if verdict is None:
        document: Any = data
        return bool(validator("score_card").is_valid(document))
    return verdict


def problems(data: object, *, base: str = "$") -> list[Problem]:
    """Every way ``data`` breaks ``score_card.schema.json``, as the jsonschema route says.

    A card :func:`is_valid` accepts has none; for any other, the problems are those of
    :func:`ocop._schema.schema_problems`, sorted by path.
    """
    if is_valid(data):
        return []
    return schema_problems("score_card", data, base=base)


# -- building the card ---------------------------------------------------------------------------


def _choices(raw: dict[Any, Any], into: dict[Any, Any]) -> bool:
    """Write the choice object of every raw choice into ``into``; ``False`` if one is unusual.

    ``into`` may be ``raw`` itself: values are replaced in place, keys and order are kept.
    """
    points = _POINTS
    for code, value in raw.items():
        if type(value) is int and 0 <= value <= 30:
            into[code] = points[value]
        elif value is None or (type(value) is str and value in _NA_WORDS):
            into[code] = NOT_APPLICABLE
        elif type(value) is dict and len(value) == 1:
            ((key, inner),) = value.items()
            if type(inner) is not int or inner < 0:
                return False
            if type(key) is not str:
                return False
            if key == "index":
                into[code] = _INDEX.get(inner) or Choice(index=inner)
            elif key == "points":
                into[code] = points[inner] if inner <= 30 else Choice(points=inner)
            else:
                return False
        elif type(value) is int and value > 30:
            into[code] = Choice(points=value)
        else:
            return False
    return True


def _direct() -> bool:
    """Whether ``ScoreCard`` still has the fields, converters and validator read below.

    When it does, a card whose fields need no conversion is assembled without calling the
    constructor (the checks are made here, once); otherwise the constructor is always called.
    """
    fields = attrs.fields(ScoreCard)
    converters: tuple[object, ...] = (
        fields.decision.converter,
        fields.member.converter,
        fields.product.converter,
    )
    return (
        tuple(field.name for field in fields)
        == ("decision", "set_no", "member", "product", "choices")
        and converters == (scoring._decision, scoring._member, scoring._product)
        and fields.set_no.validator == scoring._check_set_no
        and fields.set_no.converter is None
        and all(field.validator is None for field in fields if field.name != "set_no")
        and fields.choices.converter is None
        and not hasattr(ScoreCard, "__attrs_pre_init__")
        and not hasattr(ScoreCard, "__attrs_post_init__")
    )


_DIRECT: Final = _direct()
_DECISION_KEYS: Final = scoring._DECISION_KEYS
_new = object.__new__
_set = object.__setattr__


def _card(
    decision: object, set_no: object, member: object, product: object, choices: dict[Any, Any]
) -> ScoreCard | None:
    """The card of schema-valid choices and these fields, or ``None`` to take the general route."""
    if type(decision) is not str or type(member) is not str or type(product) is not str:
        return None
    if type(set_no) is not int or not 1 <= set_no <= 26:
        return None
    if (
        _DIRECT
        and decision in _DECISION_KEYS
        and member
        and product
        and member.isascii()
        and product.isascii()
        and member == member.strip()
        and product == product.strip()
    ):
        # Exactly what the constructor would store: each text converter keeps a non-empty,
        # trimmed ASCII text and a decision key as they are, and the set number is valid.
        card: ScoreCard = _new(ScoreCard)
        _set(card, "decision", decision)
        _set(card, "set_no", set_no)
        _set(card, "member", member)
        _set(card, "product", product)
        _set(card, "choices", choices)
        return card
    try:
        return ScoreCard(
            decision=decision, set_no=set_no, member=member, product=product, choices=choices
        )
    except Exception:  # whatever it is, the general route reports it
        return None


def build(data: object) -> ScoreCard | None:
    """The card of a valid JSON form, or ``None`` when the general route must decide.

    A card is returned only if ``ocop.json.load("score_card", data)`` would return an equal
    one; ``data`` is not changed.
    """
    if type(data) is not dict or len(data) != len(_FIELDS):
        return None
    try:  # five fields, all of them present: no other field is there
        decision, set_no, member, product, raw = (
            data["decision"],
            data["set_no"],
            data["member"],
            data["product"],
            data["choices"],
        )
    except KeyError:
        return None
    if type(raw) is not dict:
        return None
    choices: dict[Any, Any] = {}
    if not _choices(raw, choices):
        return None
    return _card(decision, set_no, member, product, choices)


_scan: Final[Callable[[str, int], tuple[Any, int]]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]
_LINE_ENDS: Final = frozenset({"", "\n", "\r\n", "\r"})
# A valid card nests three deep at most: the card, its choices, an {"index": i} choice.
_DEPTH: Final = 3


def read_line(line: object, limits: Limits) -> ScoreCard | None:
    """The card on one line of JSON Lines, or ``None`` when the general route must decide.

    A card is returned only if ``ocop.json.iter_lines("score_card", [line], limits=limits)``
    would give an equal one: the line is within ``limits.max_bytes``, is one JSON value (read
    by the same C scanner as :func:`json.loads`, without sniffing the encoding of bytes: a line
    in another encoding than UTF-8 fails here and is read by the general route), satisfies the
    schema, builds, and is within the shape limits.
    """
    kind = type(line)
    if kind is bytes:
        encoded: bytes = line  # type: ignore[assignment]
        if len(encoded) > limits.max_bytes:
            return None
        try:
            text = encoded.decode()
        except UnicodeDecodeError:
            return None
    elif kind is str:
        text = line  # type: ignore[assignment]
        try:
            size = len(text) if text.isascii() else len(text.encode())
        except UnicodeEncodeError:
            return None
        if size > limits.max_bytes:
            return None
    else:
        return None
    try:
        data, end = _scan(text, 0)
    except (StopIteration, ValueError, RecursionError):
        return None
    if end != len(text) and text[end:] not in _LINE_ENDS:
        return None
    if type(data) is not dict or len(data) != len(_FIELDS):
        return None
    try:
        decision, set_no, member, product, raw = (
            data["decision"],
            data["set_no"],
            data["member"],
            data["product"],
            data["choices"],
        )
    except KeyError:
        return None
    if type(raw) is not dict or not _choices(raw, raw):  # the parsed dict is ours to reuse
        return None
    card = _card(decision, set_no, member, product, raw)
    if card is None or limits.max_depth < _DEPTH or limits.max_items < max(5, len(raw)):
        return None
    return card
