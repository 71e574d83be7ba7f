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
  the problems of :func:`ocop._schema.schema_problems`, found by hand in jsonschema's order
  and gathered by the same function: refusing a card read from JSON does not load jsonschema.
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
import operator
from collections.abc import Callable
from functools import partial
from itertools import chain
from operator import itemgetter
from typing import Any, Final

import attrs

from ocop import scoring
from ocop._schema import (
    DECODED_OBJECTS,
    MAX_INTEGER,
    Limits,
    check_document,
    gathered,
    keyword_problem,
    missing_field,
    schema_problems,
    unknown_field,
    validator,
)
from ocop._text import BACKSLASH
from ocop.errors import DocumentError, Problem, join_path
from ocop.rubric.model import read_only
from ocop.scoring import ScoreCard

__all__ = ["DECODER", "build", "is_valid", "problems", "read_line", "use_decoder"]

_FIELDS: Final = frozenset({"decision", "set_no", "member", "product", "choices"})
_FIELD_COUNT: Final = len(_FIELDS)
# The schema's enum of not-applicable words, compared as jsonschema compares strings.
_NA_WORDS: Final = frozenset({"n/a", "na", "không áp dụng", "not applicable"})
# The types of the JSON data model, as ocop._schema.decode gives them; a value of any other
# type is left to jsonschema.
_JSON_TYPES: Final = frozenset({dict, list, str, int, float, bool, type(None)}) | DECODED_OBJECTS
# The types of an object: a dict, or one :data:`ocop._schema.DECODER` marked for a repeated key.
_OBJECTS: Final = DECODED_OBJECTS


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
    if kind in _OBJECTS:
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
    if kind not in _OBJECTS:
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
    if kind not in _OBJECTS:
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


def problems(data: object, *, base: str = "$", limit: int | None = None) -> list[Problem]:
    """Every way ``data`` breaks ``score_card.schema.json``, as the jsonschema route says.

    A card :func:`is_valid` accepts has none; for any other, the problems are those of
    :func:`ocop._schema.schema_problems` (within ``limit``), sorted by path, found by hand
    (:func:`_problems_by_hand`) for every document :func:`ocop._schema.decode` can give, so
    that refusing a card does not load jsonschema. jsonschema itself is asked where the hand
    cannot be sure of the same answer: a value of a type outside the JSON data model, or a
    card with more than ``limit`` problems whose cut falls among its choices.
    """
    verdict = _verdict(data)
    if verdict:
        return []
    found = None if verdict is None else _problems_by_hand(data, base, limit)
    if found is None:
        return schema_problems("score_card", data, base=base, limit=limit)
    return found


def checked(data: object, path: str, limits: Limits) -> ScoreCard | None:
    """The card of a parsed document, as the general route of :func:`ocop.json.load` reads it
    up to its domain classes: the card built by hand (:func:`build`), or ``None`` when only
    those classes can tell what it holds.

    Raises:
        DocumentError: the document's limits and values (:func:`ocop._schema.check_document`),
            then the schema's problems (:func:`problems`).
    """
    card = build(data)
    if card is not None:
        return card
    check_document(data, limits, base=path)
    found = problems(data, base=path, limit=limits.max_problems)
    if found:
        raise DocumentError(found)
    return None


# The values of the schema's keywords that its messages name (ocop._schema.keyword_problem).
_SET_NO_RANGE: Final = (1, 26)
_LEAST_POINTS: Final = 0


def _problems_by_hand(data: object, base: str, limit: int | None) -> list[Problem] | None:
    """The problems :func:`ocop._schema.schema_problems` finds in a card, found by hand.

    The schema's errors are met in jsonschema's order, one batch of problems each, and
    gathered as it gathers them (:func:`ocop._schema.gathered`): a top level that is no
    object breaks ``type``; then, field by field in the schema's order, ``decision``,
    ``member`` and ``product`` break ``type`` (string); ``set_no`` breaks ``type`` (an
    integer: ``2.0`` is one, ``true`` is not), then ``minimum`` and ``maximum`` (any number);
    ``choices`` breaks ``type`` (object), or each of its choices its ``anyOf``
    (:func:`_choice_problem`); then every unknown field (``schema.unknown_field``), then every
    missing one (``schema.required``).

    ``None`` when only jsonschema can tell: a key or value of a type outside the JSON data
    model as :func:`ocop._schema.decode` gives it (a tuple, a ``Decimal``, a ``dict`` subclass
    it does not make, a key that is no string), or more than ``limit`` problems with the cut
    among the choices, where which of them are kept follows the order jsonschema meets them in
    (the order of a ``set`` of their codes).
    """
    if type(data) not in _OBJECTS:
        if type(data) not in _JSON_TYPES:
            return None
        return gathered([[keyword_problem("type", base, data, "object")]], limit)
    card: dict[Any, Any] = data  # type: ignore[assignment]
    if any(type(key) is not str for key in card):
        return None
    batches: list[list[Problem]] = []
    for name in ("decision", "set_no", "member", "product"):
        if name in card:
            found = _field_problems(name, card[name], join_path(base, name))
            if found is None:
                return None
            batches += found
    before = len(batches)  # one problem each, at paths of their own
    choices = _choices_problems(card["choices"], base) if "choices" in card else []
    if choices is None:
        return None
    unknown = [unknown_field(base, field) for field in card if field not in _FIELDS]
    missing = [missing_field(base, field) for field in _REQUIRED if field not in card]
    if limit is not None and before < limit < before + len(choices):
        return None
    return gathered([*batches, *choices, unknown, missing], limit)


# The schema's required fields, in its order.
_REQUIRED: Final = ("decision", "set_no", "member", "product", "choices")


def _field_problems(name: str, value: object, path: str) -> list[list[Problem]] | None:
    """The problems of one field other than ``choices``, one batch per schema error."""
    kind = type(value)
    if kind not in _JSON_TYPES:
        return None
    if name != "set_no":
        return [] if kind is str else [[keyword_problem("type", path, value, "string")]]
    low, high = _SET_NO_RANGE
    found = []
    number: Any = value
    if not (kind is int or (kind is float and number.is_integer())):
        found.append([keyword_problem("type", path, value, "integer")])
    if kind is int or kind is float:  # a boolean is no number to the schema
        if number < low:
            found.append([keyword_problem("minimum", path, value, low)])
        if number > high:
            found.append([keyword_problem("maximum", path, value, high)])
    return found


def _choices_problems(choices: object, base: str) -> list[list[Problem]] | None:
    """The problems of ``choices``: its type, or one batch for each choice that breaks its
    ``anyOf`` (in the order of the card, not jsonschema's)."""
    path = join_path(base, "choices")
    kind = type(choices)
    if kind not in _OBJECTS:
        return (
            None
            if kind not in _JSON_TYPES
            else [[keyword_problem("type", path, choices, "object")]]
        )
    found = []
    form: dict[Any, Any] = choices  # type: ignore[assignment]
    for code, value in form.items():
        if type(code) is not str:
            return None
        verdict = _choice_verdict(value)
        if verdict is None:
            return None
        if not verdict:
            found.append([_choice_problem(value, join_path(path, code))])
    return found


def _choice_problem(value: object, path: str) -> Problem:
    """The problem of a choice the schema refuses, as ``ocop._schema`` reads its ``anyOf``.

    Of the five forms (an integer from 0, ``{"index": i}``, ``{"points": p}``, ``null``, a
    not-applicable word), those a value fails only by its type are set aside: a text fails
    only the words' ``enum``, an integer below 0 only the first form's ``minimum``, and each
    says so; anything else (a boolean, a fraction, an array, an object) fails both object forms
    or none, and gets one ``schema.anyOf``.
    """
    kind = type(value)
    if kind is str:
        return keyword_problem("enum", path, value, sorted(_NA_WORDS))
    number: Any = value
    if kind is int or (kind is float and number.is_integer()):
        return keyword_problem("minimum", path, value, _LEAST_POINTS)
    return keyword_problem("anyOf", path, value, None)  # its message names no form


# -- building the card ---------------------------------------------------------------------------


def _encodable(text: str) -> bool:
    """Whether UTF-8 can write ``text`` (a lone surrogate it cannot)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _atomise(choices: dict[Any, Any], *, plain: bool = False) -> int:
    """Replace every raw choice by its atom, in place; the objects among them, ``-1`` if unusual.

    The atoms are those of ``ocop.scoring``: the points as they are, ``~i`` for ``{"index": i}``
    and ``"n/a"`` for a not-applicable word or ``null``; keys and order are kept. Each atom
    reads back as the choice ``Choice.parse`` gives for the raw value. With ``plain`` (read from
    ASCII text without ``\\u`` escapes) the codes are known to be text UTF-8 can write.
    """
    objects = 0
    for code, value in choices.items():
        if not plain and (type(code) is not str or not (code.isascii() or _encodable(code))):
            return -1  # the general route refuses it
        kind = type(value)
        if kind is int:
            if value < 0 or value > MAX_INTEGER:
                return -1
        elif value is None or (kind is str and value in _NA_WORDS):
            choices[code] = _NA
        elif kind is dict and len(value) == 1:
            objects += 1
            ((key, inner),) = value.items()
            if type(inner) is not int or not 0 <= inner <= MAX_INTEGER or type(key) is not str:
                return -1
            if key == "index":
                choices[code] = ~inner
            elif key == "points":
                choices[code] = inner
            else:
                return -1
        else:
            return -1
    return objects


def _small_integers_pure(values: tuple[Any, ...]) -> bool:
    """Whether the values, read from JSON, are all integers from 0 to 255."""
    return _bytes_alone(values) and bool not in map(type, values)


def _bytes_alone(values: tuple[Any, ...]) -> bool:
    """Whether the values, read from JSON with no boolean among them, are all integers from 0
    to 255."""
    try:
        bytes(values)  # every value an integer from 0 to 255, or a boolean
    except (TypeError, ValueError):
        return False
    return True


def _small_integers_orjson() -> Callable[[tuple[Any, ...]], bool] | None:
    """With ``orjson`` installed, a faster :func:`_small_integers_pure`: the values as JSON are
    digits and commas within the brackets, and no number is longer than 15 digits."""
    try:
        from orjson import JSONEncodeError, dumps
    except ImportError:
        return None

    def small_integers(values: tuple[Any, ...]) -> bool:
        try:
            text = dumps(values)
        except JSONEncodeError:  # an integer beyond 64 bits, a lone surrogate
            return False
        return text.translate(None, b"0123456789,") == b"[]" and len(text) <= 2 * len(values) + 15

    return small_integers


# Whether the values of a card's choices, read from JSON, are all integers from 0 to a bound
# (10^15 - 1 with orjson, 255 without; no boolean, no float): such values are their own atoms
# (see _atomise), and any other value is left to the step per choice. Each decoder has its own
# (use_decoder): the standard library's is read as it is without orjson installed.
_SMALL_INTEGERS: Final[dict[str, Callable[[tuple[Any, ...]], bool]]] = {
    "json": _small_integers_pure
}
_small_integers_fast = _small_integers_orjson()
if _small_integers_fast is not None:
    _SMALL_INTEGERS["orjson"] = _small_integers_fast
_small_integers = _SMALL_INTEGERS["orjson" if _small_integers_fast is not None else "json"]


# The atom of each value that marks a criterion not applicable (None and the enum's words).
_NA_ATOMS: Final[dict[object, str]] = dict.fromkeys(
    (None, *_NA_WORDS), scoring.CARD_PARTS.not_applicable
)
_not_na: Final = partial(operator.ne, scoring.CARD_PARTS.not_applicable)
_OBJECT_ATOMS: Final = {"index": operator.invert, "points": None}


def _batch_atoms(
    values: tuple[Any, ...],
    objects: int,
    small_integers: Callable[[tuple[Any, ...]], bool] | None = None,
) -> tuple[Any, ...] | None:
    """The atoms of a card's choices (see :func:`_atomise`) in a few passes in C, when the
    choices are of the usual kinds: points and not-applicable marks (no ``objects``), or
    all objects of one key; ``None`` for anything else, which :func:`_atomise` reads in turn.
    ``small_integers`` tells values that are their own atoms (by default, the decoder's).
    """
    small = small_integers or _small_integers
    if not objects:
        if small(values):
            return values  # the values are their own atoms
        try:
            atoms = tuple(map(_NA_ATOMS.get, values, values))
        except TypeError:  # a value that cannot be hashed: an object or an array
            return None
        return atoms if small(tuple(filter(_not_na, atoms))) else None
    if objects != len(values) or set(map(type, values)) != _DICTS:
        return None
    if set(map(len, values)) != _ONE:
        return None
    keys = set(chain.from_iterable(values))
    if len(keys) != 1:
        return None
    (key,) = keys
    if key not in _OBJECT_ATOMS:
        return None
    inner = tuple(map(itemgetter(key), values))
    if not small(inner):
        return None
    atom = _OBJECT_ATOMS[key]
    return inner if atom is None else tuple(map(atom, inner))


_DICTS: Final = {dict}
_ONE: Final = {1}


_FROZEN_CHOICES: Final[object] = read_only


_PARTS: Final = scoring.CARD_PARTS
_compact_choices = _PARTS.compact_choices
_card_choices = _PARTS.card_choices


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
        and converters == (_PARTS.decision, _PARTS.text, _PARTS.text)
        and fields.set_no.validator == _PARTS.check_set_no
        and fields.set_no.converter is None
        and all(field.validator is None for field in fields if field.name != "set_no")
        and fields.choices.converter is _FROZEN_CHOICES
        and not hasattr(ScoreCard, "__attrs_pre_init__")
        and not hasattr(ScoreCard, "__attrs_post_init__")
    )


_DIRECT: Final = _direct()
# Each decision key once, so that the cards of a season share it.
_DECISION_KEYS: Final = {key: key for key in _PARTS.decision_keys}
_NA: Final = _PARTS.not_applicable
_new = object.__new__
# The slots of a card, written directly (the choices slot also takes the compact form).
_set_decision, _set_set_no, _set_member, _set_product = (
    ScoreCard.__dict__[name].__set__ for name in ("decision", "set_no", "member", "product")
)
_set_choices = _PARTS.choices_slot.__set__


# The member and product texts met so far that the constructor keeps as they are (non-empty,
# trimmed ASCII), each kept once: a season names each member and product on many cards.
_TEXTS: dict[str, str] = {}
_TEXTS_MAX: Final = 1 << 16


def _kept(text: str) -> str | None:
    """``text``, or an equal text met before, if the constructor keeps it as it is."""
    kept = _TEXTS.get(text)
    if kept is None:
        if not (text and text.isascii() and text == text.strip()):
            return None
        if len(_TEXTS) >= _TEXTS_MAX:
            _TEXTS.clear()
        kept = _TEXTS[text] = text
    return kept


def _card(
    decision: object,
    set_no: object,
    member: object,
    product: object,
    codes: tuple[Any, ...],
    atoms: tuple[Any, ...],
) -> ScoreCard | None:
    """The card of these fields and choices (criterion codes and their atoms, in order), or
    ``None`` to take the general route."""
    if type(decision) is not str or type(member) is not str or type(product) is not str:
        return None
    if type(set_no) is not int or not 1 <= set_no <= 26:
        return None
    key = _DECISION_KEYS.get(decision)
    if _DIRECT and key is not None:
        # Exactly what the constructor would store: each text converter keeps a non-empty,
        # trimmed ASCII text and a decision key as they are, and the set number is valid.
        kept_member = _TEXTS.get(member) or _kept(member)
        kept_product = _TEXTS.get(product) or _kept(product)
        if kept_member is not None and kept_product is not None:
            card: ScoreCard = _new(ScoreCard)
            _set_decision(card, key)
            _set_set_no(card, set_no)
            _set_member(card, kept_member)
            _set_product(card, kept_product)
            _set_choices(card, _card_choices(key, set_no, codes, atoms))
            return card
    choices = _compact_choices(codes, atoms)
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
    atoms = dict(raw)  # the caller's document is left as it is
    if _atomise(atoms) < 0:
        return None
    return _card(decision, set_no, member, product, tuple(atoms), tuple(atoms.values()))


_scan: Final[Callable[[str, int], tuple[Any, int]]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]
_LINE_ENDS: Final = frozenset({"", "\n", "\r\n", "\r"})
# A valid card nests three deep at most: the card, its choices, an {"index": i} choice.
_DEPTH: Final = 3
_UNREAD: Final = object()


def _read_pure(line: bytes | str) -> Any:
    """The JSON value of a line, read by the C scanner behind :func:`json.loads`.

    Bytes are decoded as UTF-8 without sniffing; the value must start the line and be followed
    by nothing but a line ending. ``_UNREAD`` for anything else.
    """
    if type(line) is bytes:
        try:
            text = line.decode()
        except UnicodeDecodeError:
            return _UNREAD
    else:
        text = line  # type: ignore[assignment]
    try:
        data, end = _scan(text, 0)
    except (StopIteration, ValueError, RecursionError):
        return _UNREAD
    if end != len(text) and text[end:] not in _LINE_ENDS:
        return _UNREAD
    return data


def _orjson_reader() -> Callable[[bytes | str], Any] | None:
    """The line reader of the ``orjson`` decoder (``ocop[fast]``), when it is installed.

    ``orjson`` reads strict UTF-8 and strict JSON: a lone surrogate, ``NaN``, an infinity or
    anything else it refuses gives ``_UNREAD``, and the general route decides. An integer
    beyond 64 bits it reads as a float, which no card holds: that line goes the general route
    too. A key named twice it reads as the last one: the colons of the line tell (see
    :func:`read_line`).
    """
    try:
        import orjson
    except ImportError:
        return None
    loads = orjson.loads
    refused = orjson.JSONDecodeError

    def read(line: bytes | str) -> Any:
        try:
            return loads(line)
        except (refused, RecursionError):
            return _UNREAD

    return read


_READERS: Final[dict[str, Callable[[bytes | str], Any]]] = {"json": _read_pure}
_fast_reader = _orjson_reader()
if _fast_reader is not None:
    _READERS["orjson"] = _fast_reader
# The decoders whose texts UTF-8 can always write: orjson refuses a lone surrogate.
_ENCODABLE: Final = frozenset({"orjson"})
# The decoder read_line uses: orjson when installed (ocop[fast]), else the standard library's.
DECODER: str = "orjson" if "orjson" in _READERS else "json"
_read: Callable[[bytes | str], Any] = _READERS[DECODER]
_encodable_texts: bool = DECODER in _ENCODABLE


def use_decoder(name: str) -> str:
    """Read lines with decoder ``name`` (``"json"`` or, when installed, ``"orjson"``) from now on.

    Both decoders give the same cards and leave the same lines to the general route, which
    decides and reports; the choice changes only the speed. Returns the decoder used before.

    Raises:
        KeyError: a decoder that is not installed.
    """
    global _read, _encodable_texts, _small_integers, DECODER
    reader = _READERS[name]
    previous, DECODER, _read, _encodable_texts = DECODER, name, reader, name in _ENCODABLE
    _small_integers = _SMALL_INTEGERS[name]
    return previous


def _plain(line: bytes | str) -> bool:
    """Whether every text of ``line`` is one UTF-8 can write: the decoder refuses a lone
    surrogate, or the line is plain ASCII without ``\\u`` escapes."""
    if _encodable_texts:
        return True
    # A backslash is looked for first: a line without one has no escape at all, and one byte
    # is found much faster than two.
    if isinstance(line, bytes):
        return line.isascii() and (BACKSLASH not in line or b"\\u" not in line)
    return line.isascii() and ("\\" not in line or "\\u" not in line)


def _within(line: object, limits: Limits) -> bool:
    """Whether ``line`` is bytes or text within ``limits.max_bytes`` that UTF-8 can write."""
    kind = type(line)
    if kind is bytes:
        return len(line) <= limits.max_bytes  # type: ignore[arg-type]
    if kind is not str:
        return False
    text: str = line  # type: ignore[assignment]
    try:
        size = len(text) if text.isascii() else len(text.encode())
    except UnicodeEncodeError:
        return False
    return size <= limits.max_bytes


# The e's of the field names ("decision", "set_no", "member", "choices"), each name written
# once on a card's line.
_NAMES_E: Final = sum(name.count("e") for name in _FIELDS)


def _es(line: bytes | str) -> int:
    """How many e's ``line`` holds."""
    return line.count(b"e") if type(line) is bytes else line.count("e")  # type: ignore[arg-type]


def read_line(line: object, limits: Limits) -> ScoreCard | None:
    """The card on one line of JSON Lines, or ``None`` when the general route must decide.

    A card is returned only if ``ocop.json.iter_lines("score_card", [line], limits=limits)``
    would give an equal one: the line is within ``limits.max_bytes``, is one JSON value (read
    by ``orjson`` when installed, or else by the same C scanner as :func:`json.loads`, without
    sniffing the encoding of bytes: a line in another encoding than UTF-8 fails here and is
    read by the general route), satisfies the schema, builds, and is within the shape limits;
    it names no key twice (it holds one colon per key read) and no text UTF-8 cannot write
    (orjson refuses such a text; otherwise the line is plain ASCII without ``\\u`` escapes, or
    each criterion code is checked), as :func:`ocop._schema.check_document` requires.
    """
    if type(line) is bytes:
        if len(line) > limits.max_bytes:
            return None
    elif not _within(line, limits):
        return None
    given: bytes | str = line  # type: ignore[assignment]  # bytes or text, by _within
    data = _read(given)
    if type(data) is not dict or len(data) != _FIELD_COUNT:
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
    if type(raw) is not dict:
        return None
    # One colon per key: a text that names a key twice has more colons than the keys read
    # (as has one with a colon inside a string); it goes the general route, which reports a
    # repeated key (ocop._schema.parse). UTF-8 writes no other character with the colon's byte.
    colons = given.count(b":") if type(given) is bytes else given.count(":")  # type: ignore[arg-type]
    plain = _encodable_texts or _plain(given)
    # The choice objects {"index": i} or {"points": p}, if the line names no key twice.
    objects = colons - _FIELD_COUNT - len(raw)
    atoms = None
    if plain:
        small = _small_integers
        # Plain ASCII without escapes whose only e's are those of the field names holds no
        # ``true`` and no ``false``: without orjson, its values need not be looked at for
        # booleans.
        if not _encodable_texts and _es(given) == _NAMES_E:
            small = _bytes_alone
        atoms = _batch_atoms(tuple(raw.values()), objects, small)
    if atoms is None:  # each choice in turn
        found = _atomise(raw, plain=plain)
        if found < 0 or found != objects:
            return None
        atoms = tuple(raw.values())
    if limits.max_depth < _DEPTH or limits.max_items < max(_FIELD_COUNT, len(raw)):
        return None
    return _card(decision, set_no, member, product, tuple(raw), atoms)
