"""Score cards, scoring a card against its sheet, and a council's averaged result.

A **score card** (phiếu chấm) is one council member's choices for one product on one score
sheet: for every criterion the option ticked, named as a paper sheet records it, by the points
printed next to the box, or by the option's position; a criterion that is assessed only under a
printed condition ("Chỉ áp dụng khi có câu chuyện sản phẩm") may be marked not applicable.

:func:`score` checks a card against its sheet, reporting every problem at once, and adds its
points per criterion, section and part. :func:`aggregate` averages a council's cards: the final
score is the mean of the members' totals, kept at two decimals and never rounded up across a
threshold (QĐ 26/2026/QĐ-TTg Art. 3.3 ranks by "tổng điểm trung bình"; the rounding follows
:func:`ocop.rating.to_score`).

>>> from ocop.rubric.model import Criterion, Option, Part, Section, Sheet
>>> def crit(code, *points):
...     options = tuple(Option(label=f"{code}: {p}", points=p) for p in points)
...     return Criterion(code=code, title=f"Criterion {code}", part="A", section="1",
...                      max_points=max(points), options=options)
>>> criteria = (crit("1.1", 0, 1, 3), crit("1.2", 1, 2))
>>> sheet = Sheet(decision="26/2026", set_no=1, name="Example", markers=(),
...     criteria={c.code: c for c in criteria},
...     parts=(Part(code="A", title="A", max_points=5, sections=(
...         Section(no="1", title="One", max_points=5, criteria=criteria),)),))
>>> card = ScoreCard.from_dict({"decision": "26/2026", "set_no": 1, "member": "m1",
...     "product": "p1", "choices": {"1.1": 3, "1.2": {"index": 0}}})
>>> score(sheet, card).total
4
>>> other = ScoreCard.from_dict({"decision": "26/2026", "set_no": 1, "member": "m2",
...     "product": "p1", "choices": {"1.1": 1, "1.2": 2}})
>>> aggregate(sheet, [card, other]).score
Decimal('3.50')
"""

from __future__ import annotations

import itertools
import operator
import threading
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import attrs

from ocop._fields import located
from ocop._slots import slot_setters, stores_as_given
from ocop._text import encodable, nfc
from ocop.errors import Problem, Problems, RubricError, ScoreCardError, join_path
from ocop.rating import to_score
from ocop.rubric._decisions import normalise_decision
from ocop.rubric.model import Criterion, FrozenMap, Sheet, read_only

__all__ = [
    "NOT_APPLICABLE",
    "CardScore",
    "Choice",
    "CouncilResult",
    "ScoreCard",
    "aggregate",
    "result_problems",
    "score",
    "validate_card",
]


def _bad_choice(path: str, value: object) -> Problem:
    return Problem(
        code="card.bad_choice",
        path=path,
        value=value,
        message_vi=(
            'Lựa chọn phải là số điểm của một phương án, {"index": vị trí}, '
            '{"points": điểm} hoặc "n/a" (không áp dụng)'
        ),
        message_en=(
            'a choice is the points of an option, {"index": position}, {"points": points} '
            'or "n/a" (not applicable)'
        ),
    )


def _is_int(value: object) -> bool:
    return type(value) is int


@attrs.frozen(kw_only=True)
class Choice:
    """The option a member ticked for one criterion, as the card records it.

    Exactly one form is used: ``points`` (the points printed next to the box, as paper sheets
    record a choice), ``index`` (the option's position, from 0, for sheets where two options
    print the same points), or ``not_applicable`` (the criterion's printed condition does not
    hold, so it is not assessed and scores 0).

    >>> Choice.parse(3)
    Choice(points=3, index=None, not_applicable=False)
    >>> Choice.parse({"index": 0}).index
    0
    >>> Choice.parse("n/a") is NOT_APPLICABLE
    True
    """

    points: int | None = None
    index: int | None = None
    not_applicable: bool = False

    def __attrs_post_init__(self) -> None:
        forms = (self.points is not None) + (self.index is not None) + bool(self.not_applicable)
        well_typed = (
            (self.points is None or (_is_int(self.points) and self.points >= 0))
            and (self.index is None or (_is_int(self.index) and self.index >= 0))
            and isinstance(self.not_applicable, bool)
        )
        if forms != 1 or not well_typed:
            raise ScoreCardError(
                _bad_choice(
                    "$", {"points": self.points, "index": self.index, "na": self.not_applicable}
                )
            )

    @classmethod
    def parse(cls, raw: object, *, path: str = "$") -> Choice:
        """A choice from its plain form.

        Args:
            raw: an int (the option's points), ``{"points": p}``, ``{"index": i}``, or ``None``
                / ``"n/a"`` (not applicable); a :class:`Choice` is returned unchanged.
            path: where the value came from, for the error.

        Raises:
            ScoreCardError: ``card.bad_choice``.
        """
        found = _parse_choice(raw)
        if found is None:
            raise ScoreCardError(_bad_choice(path, raw))
        return found


NOT_APPLICABLE: Final = Choice(not_applicable=True)
"""The choice "not applicable", for a criterion assessed only under a printed condition."""

# Choices by points are shared: a season of cards holds a few dozen distinct choices.
_BY_POINTS: Final[dict[int, Choice]] = {points: Choice(points=points) for points in range(31)}
_BY_INDEX: Final[dict[int, Choice]] = {index: Choice(index=index) for index in range(16)}
_NA_WORDS: Final = frozenset({"n/a", "na", "không áp dụng", "not applicable"})

# -- choices in compact form -----------------------------------------------------------------------
#
# The cards of a season keep their choices in a compact form until the choices are read: the
# criterion codes in the card's order (a tuple shared by the cards that list the same codes)
# and, for each, the JSON value reduced to one atom: the printed points as they are (``3``), an
# option's position ``i`` as ``~i`` (negative), and "not applicable" as the word ``"n/a"``.
# Tuples of atoms are no work for the garbage collector, and scoring reads the atoms directly.
# A card that lists the same codes, in the same order, as the first card read on its sheet
# keeps the tuple of its atoms alone (see ``_card_choices``): one object a card fewer for the
# collector to count, which sets off a third fewer collections while a season is read.
# ``ocop._fastcard`` stores this form; reading ``ScoreCard.choices`` gives the same ``Choice``
# objects as always (see ``_Derived``).

_NA: Final = "n/a"
_CHOICE_OF_ATOM: Final[dict[object, Choice]] = {_NA: NOT_APPLICABLE}
_CHOICE_OF_ATOM.update(_BY_POINTS.items())
_CHOICE_OF_ATOM.update({~index: choice for index, choice in _BY_INDEX.items()})
# The atom of each shared choice object, by identity: the objects live as long as this module.
_ATOM_OF_ID: Final[dict[int, object]] = {
    id(choice): atom for atom, choice in _CHOICE_OF_ATOM.items()
}
_COMPACT: Final = object()


def _choice_of_atom(atom: Any) -> Choice:
    choice = _CHOICE_OF_ATOM.get(atom)
    if choice is None:
        choice = Choice(points=atom) if atom >= 0 else Choice(index=~atom)
    return choice


# The criterion codes of the cards read so far, each order of them kept once.
_CODES: Final[dict[tuple[str, ...], tuple[str, ...]]] = {}
_CODES_MAX: Final = 256


def _shared_codes(codes: tuple[str, ...]) -> tuple[str, ...]:
    """``codes``, or an equal tuple of codes met before."""
    shared = _CODES.get(codes)
    if shared is None:
        if len(_CODES) >= _CODES_MAX:
            _CODES.clear()
        shared = _CODES[codes] = codes
    return shared


def _compact_choices(codes: tuple[str, ...], atoms: tuple[Any, ...]) -> Any:
    """What a card stores for choices: the criterion codes and their atoms, in the same order."""
    return (_COMPACT, _shared_codes(codes), atoms)


# The criterion codes of the first card read on each sheet, by decision key and set number.
# An entry is never replaced: the cards that keep their atoms alone read their codes here.
_FIRST_CODES: Final[dict[str, dict[int, tuple[str, ...]]]] = {}


def _card_choices(key: str, set_no: int, codes: tuple[str, ...], atoms: tuple[Any, ...]) -> Any:
    """What a card of decision key ``key`` and set ``set_no`` stores for choices: the tuple of
    its atoms alone when it lists its sheet's first codes, else the compact form."""
    if not atoms:
        return _compact_choices(codes, atoms)
    first = _FIRST_CODES[key].get(set_no)
    if first is not None and first == codes:
        # Compared item by item, without hashing codes that a decoder may have made anew.
        return atoms
    shared = _shared_codes(codes)
    if first is None and _FIRST_CODES[key].setdefault(set_no, shared) == shared:
        return atoms
    return (_COMPACT, shared, atoms)


def _codes_and_atoms(card: Any, stored: tuple[Any, ...]) -> tuple[tuple[str, ...], tuple[Any, ...]]:
    """The codes and atoms of choices stored as a tuple, in compact form or as atoms alone."""
    if len(stored) == 3 and stored[0] is _COMPACT:
        return stored[1], stored[2]
    return _FIRST_CODES[card.decision][card.set_no], stored


def _expand_choices(card: object, stored: tuple[Any, ...]) -> tuple[object, ...] | None:
    if not stored:
        return None
    codes, atoms = _codes_and_atoms(card, stored)
    choices = dict(zip(codes, map(_choice_of_atom, atoms), strict=True))
    return (FrozenMap.adopt(choices),)


_SETTLING: Final = threading.RLock()


class _Derived:
    """Fields of a slotted attrs class whose slots may hold a recipe for their values.

    While the slot of field ``key`` holds an instance of ``kind``, the fields' slots hold a
    recipe rather than values: the first read of any of the fields calls ``make(instance,
    stored)``, which returns the values of all of them (or ``None`` when what is stored is no
    recipe after all), and the values replace the recipe. Every reader (attribute access,
    ``==``, ``repr``, ``attrs.evolve``, pickling, the JSON layer) sees plain values, as if they
    had been stored in the first place.
    """

    __slots__ = ("key", "kind", "make", "slots")

    def __init__(
        self,
        cls: type,
        names: tuple[str, ...],
        key: str,
        kind: type,
        make: Callable[[Any, Any], tuple[object, ...] | None],
    ) -> None:
        self.slots: tuple[Any, ...] = tuple(cls.__dict__[name] for name in names)
        self.key: Any = cls.__dict__[key]
        self.kind = kind
        self.make = make
        for name, slot in zip(names, self.slots, strict=True):
            setattr(cls, name, _DerivedField(self, slot))

    def settle(self, instance: object) -> None:
        """Replace a recipe stored in ``instance`` by the values.

        One thread at a time; the key's slot is written last, so that a reader who finds no
        recipe there finds every value in place.
        """
        with _SETTLING:
            stored = self.key.__get__(instance)
            if type(stored) is not self.kind:
                return
            values = self.make(instance, stored)
            if values is None:
                return
            for slot, value in zip(self.slots, values, strict=True):
                if slot is not self.key:
                    slot.__set__(instance, value)
            self.key.__set__(instance, values[self.slots.index(self.key)])


class _DerivedField:
    """One field of a :class:`_Derived` group: reads settle the group, writes store as given."""

    __slots__ = ("group", "slot")

    def __init__(self, group: _Derived, slot: Any) -> None:
        self.group = group
        self.slot = slot

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        if instance is None:
            return self
        group = self.group
        if type(group.key.__get__(instance)) is group.kind:
            group.settle(instance)
        return self.slot.__get__(instance)

    def __set__(self, instance: object, value: object) -> None:
        self.slot.__set__(instance, value)

    def __delete__(self, instance: object) -> None:
        self.slot.__delete__(instance)


def _parse_choice(raw: object) -> Choice | None:
    if type(raw) is int:
        cached = _BY_POINTS.get(raw)
        if cached is not None:
            return cached
        return Choice(points=raw) if raw >= 0 else None
    if raw is None:
        return NOT_APPLICABLE
    if isinstance(raw, Choice):
        return raw
    if isinstance(raw, str):
        return NOT_APPLICABLE if nfc(raw).casefold() in _NA_WORDS else None
    if isinstance(raw, Mapping) and len(raw) == 1:
        ((key, value),) = raw.items()
        if not _is_int(value) or value < 0:
            return None
        if key == "index":
            return _BY_INDEX.get(value) or Choice(index=value)
        if key == "points":
            return _BY_POINTS.get(value) or Choice(points=value)
    return None


def _to_card_text(value: str, path: str) -> str:
    """A card's text field (who scored, what was scored): NFC, trimmed, not empty."""
    if not isinstance(value, str) or not value.strip():
        raise ScoreCardError(
            Problem(
                code="card.bad_field",
                path=path,
                value=value,
                message_vi="Trường này phải là một chuỗi ký tự không rỗng",
                message_en="this field must be a non-empty text",
            )
        )
    if value.isascii():
        return value if value == value.strip() else value.strip()
    return nfc(encodable(value, path))


_DECISION_KEYS: Final = frozenset({"1048/2019", "148/2023", "26/2026"})
_FIRST_CODES.update({key: {} for key in _DECISION_KEYS})


def _to_card_decision(value: str, path: str) -> str:
    """The key of the decision whose sheet a card was scored on."""
    if isinstance(value, str) and value in _DECISION_KEYS:
        return value
    text = _to_card_text(value, path)
    try:
        return normalise_decision(text)
    except RubricError as error:
        raise ScoreCardError(error.problems) from None


if TYPE_CHECKING:

    def _card_decision(value: str) -> str: ...
    def _card_text(value: str) -> str: ...

else:
    _card_decision = located(_to_card_decision)
    _card_text = located(_to_card_text)


def _check_set_no(instance: object, attribute: object, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 26:
        raise ScoreCardError(
            Problem(
                code="card.bad_field",
                path="$.set_no",
                value=value,
                message_vi="Số bộ sản phẩm phải là số nguyên từ 1 đến 26",
                message_en="the product set number must be a whole number from 1 to 26",
            )
        )


@attrs.frozen(kw_only=True)
class ScoreCard:
    """One council member's score card for one product on one sheet (phiếu chấm điểm).

    Attributes:
        decision: the decision whose sheet was used, e.g. ``"26/2026"``.
        set_no: the product set (1..26).
        member: who scored (a council member's identifier).
        product: what was scored (a product's identifier).
        choices: the choice for each criterion, by criterion code; treated as read-only.
    """

    decision: str = attrs.field(converter=_card_decision)
    set_no: int = attrs.field(
        validator=_check_set_no, metadata={"schema": {"minimum": 1, "maximum": 26}}
    )
    member: str = attrs.field(converter=_card_text)
    product: str = attrs.field(converter=_card_text)
    choices: Mapping[str, Choice] = attrs.field(converter=read_only)

    @classmethod
    def from_pairs(
        cls,
        *,
        decision: str,
        set_no: int,
        member: str,
        product: str,
        pairs: Iterable[tuple[str, object]],
        sheet: Sheet | None = None,
    ) -> ScoreCard:
        """A card from (criterion code, raw choice) pairs, as entered line by line.

        Two choices for one criterion are refused (``card.duplicate_choice``). With ``sheet``,
        the card is also checked against it and every problem is reported together.

        Raises:
            ScoreCardError: every problem found.

        >>> try:
        ...     ScoreCard.from_pairs(decision="26/2026", set_no=1, member="m", product="p",
        ...         pairs=[("1.1", 3), ("1.1", 1), ("1.2", "x")])
        ... except ScoreCardError as error:
        ...     print([(problem.code, problem.path) for problem in error.problems])
        [('card.duplicate_choice', '$.choices["1.1"]'), ('card.bad_choice', '$.choices["1.2"]')]
        """
        found = Problems()
        choices: dict[str, Choice] = {}
        for code, raw in pairs:
            path = join_path("$", "choices", code)
            choice = _parse_choice(raw)
            if choice is None:
                found.extend([_bad_choice(path, raw)])
                continue
            if code in choices:
                found.add(
                    "card.duplicate_choice",
                    path,
                    raw,
                    vi="Tiêu chí được chấm hai lần trên cùng một phiếu",
                    en="the criterion is chosen twice on one card",
                )
                continue
            choices[code] = choice
        card = cls(
            decision=decision, set_no=set_no, member=member, product=product, choices=choices
        )
        if sheet is not None:
            found.extend(_check(sheet, card, allow_elimination=False)[1])
        found.raise_if_any(ScoreCardError)
        return card

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, path: str = "$") -> ScoreCard:
        """A card from its JSON form, reporting every malformed field and choice at once.

        The form is ``{"decision", "set_no", "member", "product", "choices": {code: raw}}``,
        each raw choice as :meth:`Choice.parse` reads it.

        Raises:
            ScoreCardError: ``card.bad_field``, ``card.bad_choice``.
        """
        found = Problems()
        raw_choices = data.get("choices")
        choices: dict[str, Choice] = {}
        if isinstance(raw_choices, Mapping):
            cached = _BY_POINTS
            for code, raw in raw_choices.items():
                choice = cached.get(raw) if type(raw) is int else None
                if choice is None:
                    choice = _parse_choice(raw)
                if choice is None:
                    found.extend([_bad_choice(join_path(path, "choices", code), raw)])
                else:
                    choices[code] = choice
        else:
            found.add(
                "card.bad_field",
                join_path(path, "choices"),
                raw_choices,
                vi="Phiếu chấm phải có các lựa chọn theo mã tiêu chí",
                en="a card needs its choices keyed by criterion code",
            )
        get: Any = data.get
        try:
            card = cls(
                decision=get("decision"),
                set_no=get("set_no"),
                member=get("member"),
                product=get("product"),
                choices=choices,
            )
        except ScoreCardError as error:
            found.extend(error.problems, prefix=path)
            found.extend(_other_field_problems(data, path, error))
            found.raise_if_any(ScoreCardError)
            raise  # pragma: no cover - the line above always raises here
        found.raise_if_any(ScoreCardError)
        return card


# ``ocop._fastcard`` stores choices in compact form; read, they are ``Choice`` objects.
_CARD_CHOICES: Final = _Derived(ScoreCard, ("choices",), "choices", tuple, _expand_choices)
_CHOICES: Final = _CARD_CHOICES.key


def _atoms(card: ScoreCard) -> tuple[tuple[str, ...], tuple[Any, ...]] | None:
    """The card's criterion codes and atoms, or ``None`` when the choices are no plain dict."""
    stored = _CHOICES.__get__(card)
    kind = type(stored)
    if kind is tuple:
        return _codes_and_atoms(card, stored) if stored else None
    if kind is FrozenMap:
        # A choice that is not one of the shared objects has no atom (``None``): such a card is
        # not summed quickly (see ``_quick``).
        return tuple(stored), tuple(map(_ATOM_OF_ID.get, map(id, stored.values())))
    return None


def _other_field_problems(
    data: Mapping[str, Any], path: str, first: ScoreCardError
) -> list[Problem]:
    """Field problems after the first one that stopped construction."""
    get: Any = data.get
    reported = {problem.path for problem in first.problems}
    checks = (
        ("decision", _to_card_decision),
        ("set_no", None),
        ("member", _to_card_text),
        ("product", _to_card_text),
    )
    problems: list[Problem] = []
    for name, convert in checks:
        where = join_path("$", name)
        if where in reported:
            continue
        try:
            if convert is None:
                _check_set_no(None, None, get(name))
            else:
                convert(get(name), where)
        except ScoreCardError as error:
            problems.extend(problem.under(path) for problem in error.problems)
    return problems


@attrs.frozen(kw_only=True)
class CardScore:
    """The points of one scored card.

    Attributes:
        decision: the sheet's decision.
        set_no: the sheet's product set.
        member: who scored.
        product: what was scored.
        total: the card's total out of 100.
        criteria: points of every assessed criterion, by code.
        options: the index of the chosen option of every assessed criterion.
        not_applicable: criteria marked not applicable (scoring 0).
        sections: points per section number (every section of the sheet).
        parts: points per part (``"A"``, ``"B"``, ``"C"``).
        eliminated: criteria whose chosen option eliminates the dossier (only when scoring
            allowed elimination).
    """

    decision: str
    set_no: int
    member: str
    product: str
    total: int
    criteria: Mapping[str, int] = attrs.field(converter=read_only)
    options: Mapping[str, int] = attrs.field(converter=read_only)
    not_applicable: frozenset[str] = frozenset()
    sections: Mapping[str, int] = attrs.field(converter=read_only)
    parts: Mapping[str, int] = attrs.field(converter=read_only)
    eliminated: tuple[str, ...] = ()


class _Table:
    """Per-sheet look-up tables, built once per sheet object (see :func:`_table`)."""

    __slots__ = (
        "alt_groups",
        "alt_of",
        "atom_points",
        "by_points",
        "codes",
        "criteria",
        "eliminating",
        "fast",
        "index",
        "last",
        "layouts",
        "n_plain",
        "na_ok",
        "option_points",
        "part_codes",
        "part_of_section",
        "section_nos",
        "section_of",
        "sheet",
        "special",
    )

    def __init__(self, sheet: Sheet) -> None:
        self.sheet = sheet
        self.section_nos: tuple[str, ...] = tuple(
            section.no for part in sheet.parts for section in part.sections
        )
        self.part_codes: tuple[str, ...] = tuple(part.code for part in sheet.parts)
        self.part_of_section: tuple[int, ...] = tuple(
            part_no for part_no, part in enumerate(sheet.parts) for _ in part.sections
        )
        position = {no: i for i, no in enumerate(self.section_nos)}
        self.criteria: tuple[Criterion, ...] = tuple(sheet.criteria.values())
        self.codes: tuple[str, ...] = tuple(criterion.code for criterion in self.criteria)
        self.index: dict[str, int] = {code: i for i, code in enumerate(self.codes)}
        self.section_of: tuple[int, ...] = tuple(position[c.section] for c in self.criteria)
        self.option_points: tuple[tuple[int, ...], ...] = tuple(
            tuple(option.points for option in c.options) for c in self.criteria
        )
        by_points: list[dict[int, int]] = []
        ambiguous: list[frozenset[int]] = []
        for criterion in self.criteria:
            first: dict[int, int] = {}
            unclear: set[int] = set()
            for i, option in enumerate(criterion.options):
                if option.points not in first:
                    first[option.points] = i
                elif criterion.options[first[option.points]].eliminates != option.eliminates:
                    unclear.add(option.points)
            by_points.append(first)
            ambiguous.append(frozenset(unclear))
        self.by_points: tuple[dict[int, int], ...] = tuple(by_points)
        # Points that name one option unambiguously, for the common path.
        self.fast: tuple[dict[int, int], ...] = tuple(
            {points: option for points, option in first.items() if points not in unclear}
            for first, unclear in zip(by_points, ambiguous, strict=True)
        )
        self.eliminating: tuple[frozenset[int], ...] = tuple(
            frozenset(i for i, option in enumerate(c.options) if option.eliminates)
            for c in self.criteria
        )
        self.na_ok: tuple[bool, ...] = tuple(c.applies_when is not None for c in self.criteria)
        groups: dict[str, list[str]] = {}
        for criterion in self.criteria:
            if criterion.alternative_group is not None:
                groups.setdefault(criterion.alternative_group, []).append(criterion.code)
        self.alt_groups: dict[str, tuple[str, ...]] = {g: tuple(c) for g, c in groups.items()}
        self.alt_of: tuple[str | None, ...] = tuple(c.alternative_group for c in self.criteria)
        self.n_plain = sum(1 for group in self.alt_of if group is None)
        # Criteria that need more than adding points: alternatives and eliminating options.
        self.special: tuple[bool, ...] = tuple(
            group is not None or bool(eliminating)
            for group, eliminating in zip(self.alt_of, self.eliminating, strict=True)
        )
        # For the quick sum (``_quick``): per criterion, the points of each atom that picks an
        # option plainly, neither eliminating the dossier nor needing a closer look; "n/a"
        # scores 0 where the criterion may be not applicable, except on a case of an
        # alternative group (an unanswered case, which the full check handles).
        self.atom_points: tuple[dict[object, int], ...] = tuple(
            self._atom_points(i) for i in range(len(self.criteria))
        )
        self.layouts: dict[tuple[str, ...], _Layout | None] = {}
        self.last: _Layout | None = None

    def _atom_points(self, i: int) -> dict[object, int]:
        found: dict[object, int] = {}
        eliminating = self.eliminating[i]
        for points, option in self.fast[i].items():
            if option not in eliminating:
                found[points] = points
        for option, points in enumerate(self.option_points[i]):
            if option not in eliminating:
                found[~option] = points
        if self.na_ok[i] and self.alt_of[i] is None:
            found[_NA] = 0
        return found

    def layout(self, codes: tuple[str, ...]) -> _Layout | None:
        """The layout of a card listing ``codes``, or ``None`` if it does not fit the sheet."""
        if codes in self.layouts:
            layout = self.layouts[codes]
        else:
            if len(self.layouts) >= _LAYOUTS_MAX:
                self.layouts.clear()
            layout = self.layouts[codes] = _Layout.of(self, codes)
        if layout is not None:
            self.last = layout
        return layout


class _Layout:
    """The criteria of a sheet in the order a card lists them, when that order can be summed.

    A card fits when it names every criterion of the sheet once, and of each alternative group
    exactly one case, and nothing else; the full check would find no criterion missing,
    unknown or answered twice. Cards of one sheet mostly share one order.
    """

    __slots__ = ("absent", "atom_points", "codes", "criteria", "na_positions", "position", "table")

    def __init__(self, table: _Table, codes: tuple[str, ...], criteria: tuple[int, ...]) -> None:
        self.table = table
        self.codes = codes
        self.criteria = criteria  # the sheet's index of each listed criterion
        self.position: dict[str, int] = {code: j for j, code in enumerate(codes)}
        self.atom_points = tuple(table.atom_points[i] for i in criteria)
        # Where a criterion may be not applicable, and each set of them found so (shared).
        self.na_positions = tuple(j for j, i in enumerate(criteria) if _NA in table.atom_points[i])
        self.absent: dict[tuple[str, ...], frozenset[str]] = {}

    @classmethod
    def of(cls, table: _Table, codes: tuple[str, ...]) -> _Layout | None:
        criteria = tuple(table.index.get(code, -1) for code in codes)
        if -1 in criteria or not codes:
            return None
        groups = [table.alt_of[i] for i in criteria if table.alt_of[i] is not None]
        if (
            len(codes) - len(groups) != table.n_plain
            or len(set(groups)) != len(groups)
            or len(groups) != len(table.alt_groups)
        ):
            return None
        return cls(table, codes, criteria)


# A card summed quickly (``_quick``) stores a recipe for its mappings: its atoms in the slot of
# ``criteria``, its points per listed criterion (0 when not applicable) in that of ``options``,
# and its layout in those of ``sections`` and ``parts``. Nothing else is made for the card until
# one of the mappings is read.


def _card_mappings(card: object, layout: _Layout) -> tuple[object, ...]:
    atoms: tuple[Any, ...] = _CS_CRITERIA.__get__(card)
    points: tuple[int, ...] = _CS_OPTIONS.__get__(card)
    table = layout.table
    fast = table.fast
    criteria: dict[str, int] = {}
    options: dict[str, int] = {}
    sections = [0] * len(table.section_nos)
    for code, atom, i, scored in zip(layout.codes, atoms, layout.criteria, points, strict=True):
        if atom == _NA:
            continue
        criteria[code] = scored
        options[code] = fast[i][atom] if atom >= 0 else ~atom
        sections[table.section_of[i]] += scored
    parts = [0] * len(table.part_codes)
    for section_no, scored in enumerate(sections):
        parts[table.part_of_section[section_no]] += scored
    return (
        FrozenMap.adopt(criteria),
        FrozenMap.adopt(options),
        FrozenMap.adopt(dict(zip(table.section_nos, sections, strict=True))),
        FrozenMap.adopt(dict(zip(table.part_codes, parts, strict=True))),
    )


_CARD_MAPPINGS: Final = _Derived(
    CardScore, ("criteria", "options", "sections", "parts"), "sections", _Layout, _card_mappings
)
_CS_CRITERIA, _CS_OPTIONS, _CS_SECTIONS, _CS_PARTS = _CARD_MAPPINGS.slots


def _scored_of(card: CardScore) -> tuple[_Layout, tuple[int, ...]] | None:
    """The layout and points of a card summed quickly, while its mappings are not made."""
    layout = _CS_SECTIONS.__get__(card)
    if type(layout) is not _Layout:
        return None
    return layout, _CS_OPTIONS.__get__(card)


def points_at(card: CardScore, code: str, at: int) -> int:
    """The points of a card of a council summed by columns (see :func:`council_sums`) on the
    criterion ``code`` at column ``at``, read without making the card's mappings; a criterion
    marked not applicable gives 0."""
    scored = _scored_of(card)
    if scored is not None:
        return scored[1][at]
    return card.criteria.get(code, 0)


def _plain_fields(cls: type) -> bool:
    """Whether every field of ``cls`` stores its value as given, or its mapping read-only:
    the direct writes below stand for :func:`~ocop.rubric.model.read_only`, as they store
    read-only mappings, or recipes that give them."""
    return stores_as_given(cls, (None, read_only))


_new = object.__new__
_PLAIN_CARD_SCORE: Final = _plain_fields(CardScore)
_card_slot = slot_setters(CardScore)
_set_decision = _card_slot["decision"]
_set_set_no = _card_slot["set_no"]
_set_member = _card_slot["member"]
_set_product = _card_slot["product"]
_set_total = _card_slot["total"]
_set_criteria = _card_slot["criteria"]
_set_options = _card_slot["options"]
_set_not_applicable = _card_slot["not_applicable"]
_set_sections = _card_slot["sections"]
_set_parts = _card_slot["parts"]
_set_eliminated = _card_slot["eliminated"]


def _quick(table: _Table, card: ScoreCard) -> CardScore | None:
    """The score of a plain card, or ``None`` when the card needs the full check.

    A card is plain when its choices are atoms listed in a layout of the sheet and each of them
    picks an option plainly (see ``_Table.atom_points``). The full check finds no problem in a
    plain card and gives the same score; the score's mappings are made when first read.
    """
    parts = _quick_parts(table, card)
    if parts is None:
        return None
    return _scored_card(card.decision, card.set_no, card.member, card.product, *parts)


_Parts = tuple["_Layout", tuple[Any, ...], tuple[int, ...], frozenset[str]]


def _quick_parts(table: _Table, card: ScoreCard) -> _Parts | None:
    """A plain card's layout, atoms, points per listed criterion and criteria not applicable."""
    found = _atoms(card) if _PLAIN_CARD_SCORE else None
    if found is None:
        return None
    codes, atoms = found
    layout = table.last
    if layout is None or (layout.codes is not codes and layout.codes != codes):
        layout = table.layout(codes)
        if layout is None:
            return None
    try:
        points = tuple(map(dict.__getitem__, layout.atom_points, atoms))
    except KeyError:
        return None
    not_applicable = _NONE
    if layout.na_positions:
        absent = tuple(codes[j] for j in layout.na_positions if atoms[j] == _NA)
        if absent:
            not_applicable = layout.absent.get(absent) or layout.absent.setdefault(
                absent, frozenset(absent)
            )
    return layout, atoms, points, not_applicable


def _scored_card(
    decision: str,
    set_no: int,
    member: str,
    product: str,
    layout: _Layout,
    atoms: tuple[Any, ...],
    points: tuple[int, ...],
    not_applicable: frozenset[str],
) -> CardScore:
    """The scored card of a plain card, its mappings stored as a recipe (see _card_mappings)."""
    result: CardScore = _new(CardScore)
    _set_decision(result, decision)
    _set_set_no(result, set_no)
    _set_member(result, member)
    _set_product(result, product)
    _set_total(result, sum(points))
    _set_criteria(result, atoms)
    _set_options(result, points)
    _set_not_applicable(result, not_applicable)
    _set_sections(result, layout)
    _set_parts(result, layout)
    _set_eliminated(result, ())
    return result


_NONE: Final[frozenset[str]] = frozenset()
_TABLES: dict[int, _Table] = {}
_TABLES_MAX: Final = 512
_LAYOUTS_MAX: Final = 64


def _table(sheet: Sheet) -> _Table:
    """The look-up tables of ``sheet``, computed once per sheet object."""
    table = _TABLES.get(id(sheet))
    if table is not None and table.sheet is sheet:
        return table
    if len(_TABLES) >= _TABLES_MAX:
        _TABLES.clear()
    table = _TABLES[id(sheet)] = _Table(sheet)
    return table


def _choice_path(code: str) -> str:
    return join_path("$", "choices", code)


def _check(
    sheet: Sheet, card: ScoreCard, *, allow_elimination: bool
) -> tuple[CardScore | None, list[Problem]]:
    """Score ``card`` on ``sheet``; the score is ``None`` when any problem was found."""
    table = _table(sheet)
    if card.decision == sheet.decision and card.set_no == sheet.set_no:
        quick = _quick(table, card)
        if quick is not None:
            return quick, []
    problems = _sheet_problems(sheet, card, table)
    if not table.codes:
        return None, problems
    reading = _read_choices(sheet, card, table, problems)
    if reading.plain != table.n_plain:
        problems.extend(_missing_problems(card, table))
    if table.alt_groups:
        problems.extend(_alternative_problems(table, reading.alt_answered))
    if reading.eliminated and not allow_elimination:
        problems.extend(_elimination_problems(sheet, reading))
    if problems:
        return None, problems
    return _card_score(card, table, reading), problems


def _sheet_problems(sheet: Sheet, card: ScoreCard, table: _Table) -> list[Problem]:
    """A card for another sheet, or a sheet with nothing to score."""
    problems: list[Problem] = []
    if card.decision != sheet.decision or card.set_no != sheet.set_no:
        problems.append(
            Problem(
                code="card.wrong_sheet",
                path="$",
                value={"decision": card.decision, "set_no": card.set_no},
                message_vi=(
                    f"Phiếu chấm thuộc bộ {card.set_no} của QĐ {card.decision}, không phải "
                    f"bộ {sheet.set_no} của QĐ {sheet.decision}"
                ),
                message_en=(
                    f"the card is for set {card.set_no} of decision {card.decision}, not set "
                    f"{sheet.set_no} of decision {sheet.decision}"
                ),
            )
        )
    if not table.codes:
        problems.append(
            Problem(
                code="card.empty_sheet",
                path="$",
                value=sheet.name,
                message_vi="Phiếu điểm của bộ sản phẩm này không có tiêu chí nào để chấm",
                message_en="this product set's score sheet has no criteria to score",
            )
        )
    return problems


@attrs.define
class _Reading:
    """What a card's choices give on its sheet, read criterion by criterion."""

    sections: list[int]
    points_of: dict[str, int] = attrs.Factory(dict)
    options: dict[str, int] = attrs.Factory(dict)
    not_applicable: list[str] = attrs.Factory(list)
    eliminated: list[str] = attrs.Factory(list)
    alt_answered: dict[str, list[str]] = attrs.Factory(dict)
    plain: int = 0


def _read_choices(
    sheet: Sheet, card: ScoreCard, table: _Table, problems: list[Problem]
) -> _Reading:
    """The points and options of every choice of ``card``; its problems go to ``problems``."""
    index = table.index
    fast = table.fast
    option_points = table.option_points
    section_of = table.section_of
    special = table.special
    reading = _Reading(sections=[0] * len(table.section_nos))
    sections = reading.sections
    points_of = reading.points_of
    options = reading.options
    not_applicable = reading.not_applicable
    eliminated = reading.eliminated
    alt_answered = reading.alt_answered
    plain = 0
    for code, choice in card.choices.items():
        i = index.get(code)
        if i is None:
            problems.append(
                Problem(
                    code="card.unknown_criterion",
                    path=_choice_path(str(code)),
                    value=code,
                    message_vi=f"Phiếu điểm bộ {sheet.set_no} không có tiêu chí {code}",
                    message_en=f"the score sheet of set {sheet.set_no} has no criterion {code}",
                )
            )
            continue
        points = choice.points
        if points is not None:
            option = fast[i].get(points)
            if option is None:
                problems.append(
                    _option_problem(
                        table.criteria[i], choice, ambiguous=table.by_points[i].get(points)
                    )
                )
                continue
        elif choice.not_applicable:
            if table.alt_of[i] is not None:
                # An alternative case that does not apply is simply not the answered case.
                continue
            if not table.na_ok[i]:
                problems.append(
                    Problem(
                        code="card.always_applies",
                        path=_choice_path(code),
                        value="n/a",
                        message_vi=(
                            f"Tiêu chí {code} luôn được chấm, không thể đánh dấu không áp dụng"
                        ),
                        message_en=(f"criterion {code} always applies; it cannot be marked n/a"),
                    )
                )
                continue
            not_applicable.append(code)
            plain += 1
            continue
        else:
            option = choice.index
            if option is None or option >= len(option_points[i]):
                problems.append(_option_problem(table.criteria[i], choice, ambiguous=None))
                continue
            points = option_points[i][option]
        if special[i]:
            group = table.alt_of[i]
            if group is None:
                plain += 1
            else:
                alt_answered.setdefault(group, []).append(code)
            if option in table.eliminating[i]:
                eliminated.append(code)
        else:
            plain += 1
        points_of[code] = points
        options[code] = option
        sections[section_of[i]] += points
    reading.plain = plain
    return reading


def _missing_problems(card: ScoreCard, table: _Table) -> list[Problem]:
    """Every criterion of the sheet that the card does not score."""
    problems: list[Problem] = []
    given = card.choices
    for i, code in enumerate(table.codes):
        if table.alt_of[i] is None and code not in given:
            problems.append(
                Problem(
                    code="card.missing_criterion",
                    path=_choice_path(code),
                    value=None,
                    message_vi=f"Chưa chấm tiêu chí {code} {table.criteria[i].title}",
                    message_en=f"criterion {code} {table.criteria[i].title} is not scored",
                )
            )
    return problems


def _elimination_problems(sheet: Sheet, reading: _Reading) -> list[Problem]:
    """Every chosen option that eliminates the dossier, when scoring does not allow it."""
    problems: list[Problem] = []
    for code in reading.eliminated:
        criterion = sheet.criteria[code]
        label = criterion.options[reading.options[code]].label
        problems.append(
            Problem(
                code="card.eliminated",
                path=_choice_path(code),
                value=reading.points_of[code],
                message_vi=f"Phương án đã chọn ở tiêu chí {code} loại hồ sơ: {label}",
                message_en=f"the option chosen for criterion {code} eliminates the dossier: "
                f"{label}",
            )
        )
    return problems


def _card_score(card: ScoreCard, table: _Table, reading: _Reading) -> CardScore:
    """The card's points, by criterion, section and part, once it has no problem."""
    sections = reading.sections
    not_applicable = reading.not_applicable
    parts = [0] * len(table.part_codes)
    for section_no, points in enumerate(sections):
        parts[table.part_of_section[section_no]] += points
    return CardScore(
        decision=card.decision,
        set_no=card.set_no,
        member=card.member,
        product=card.product,
        total=sum(parts),
        criteria=reading.points_of,
        options=reading.options,
        not_applicable=frozenset(not_applicable) if not_applicable else _NONE,
        sections=dict(zip(table.section_nos, sections, strict=True)),
        parts=dict(zip(table.part_codes, parts, strict=True)),
        eliminated=tuple(reading.eliminated),
    )


def _option_problem(criterion: Criterion, choice: Choice, *, ambiguous: int | None) -> Problem:
    value: object = choice.points if choice.points is not None else {"index": choice.index}
    if ambiguous is not None:
        return Problem(
            code="card.ambiguous_points",
            path=_choice_path(criterion.code),
            value=value,
            message_vi=(
                f"Tiêu chí {criterion.code} có nhiều phương án {choice.points} điểm, một trong "
                'số đó loại hồ sơ; hãy ghi rõ vị trí phương án ({"index": …})'
            ),
            message_en=(
                f"criterion {criterion.code} has several {choice.points}-point options and one "
                'of them eliminates the dossier; name the option by position ({"index": …})'
            ),
        )
    printed = ", ".join(str(option.points) for option in criterion.options)
    return Problem(
        code="card.no_such_option",
        path=_choice_path(criterion.code),
        value=value,
        message_vi=(
            f"Tiêu chí {criterion.code} không có phương án này (các mức điểm in trên phiếu: "
            f"{printed})"
        ),
        message_en=(
            f"criterion {criterion.code} has no such option (the printed points are: {printed})"
        ),
    )


def _alternative_problems(table: _Table, answered: Mapping[str, list[str]]) -> list[Problem]:
    problems: list[Problem] = []
    for group, codes in table.alt_groups.items():
        chosen = answered.get(group, [])
        if len(chosen) > 1:
            for code in chosen[1:]:
                problems.append(
                    Problem(
                        code="card.alternative_answered_twice",
                        path=_choice_path(code),
                        value=chosen,
                        message_vi=(
                            f"Chỉ chấm một trong các trường hợp {', '.join(codes)}; phiếu chấm "
                            f"cả {', '.join(chosen)}"
                        ),
                        message_en=(
                            f"only one of the cases {', '.join(codes)} is scored; the card "
                            f"scores {', '.join(chosen)}"
                        ),
                    )
                )
        elif not chosen:
            problems.append(
                Problem(
                    code="card.alternative_unanswered",
                    path=_choice_path(codes[0]),
                    value=None,
                    message_vi=f"Chưa chấm trường hợp nào trong {', '.join(codes)}",
                    message_en=f"none of the cases {', '.join(codes)} is scored",
                )
            )
    return problems


def validate_card(sheet: Sheet, card: ScoreCard, *, allow_elimination: bool = False) -> None:
    """Check a card against its sheet, reporting every problem at once.

    Problems: ``card.wrong_sheet``, ``card.empty_sheet``, ``card.unknown_criterion``,
    ``card.missing_criterion``, ``card.no_such_option``, ``card.ambiguous_points``,
    ``card.alternative_answered_twice``, ``card.alternative_unanswered``,
    ``card.always_applies`` (not applicable on a criterion without a printed condition) and,
    unless ``allow_elimination``, ``card.eliminated``. ``card.duplicate_choice`` and
    ``card.bad_choice`` come from reading the card (:meth:`ScoreCard.from_pairs`,
    :meth:`ScoreCard.from_dict`).

    Raises:
        ScoreCardError: holding every problem.
    """
    score(sheet, card, allow_elimination=allow_elimination)


def score(sheet: Sheet, card: ScoreCard, *, allow_elimination: bool = False) -> CardScore:
    """Check a card against its sheet and add up its points.

    A criterion scores the points of its chosen option; of the cases of an alternative group
    ("Lựa chọn một trong hai trường hợp") only the answered one counts; a criterion marked not
    applicable scores 0. Sections, parts and the total are sums.

    Args:
        sheet: the score sheet of the card's decision and product set.
        card: the card.
        allow_elimination: accept an option that eliminates the dossier and record it in
            :attr:`CardScore.eliminated` instead of refusing the card.

    Raises:
        ScoreCardError: every problem found (see :func:`validate_card`).
    """
    result, problems = _check(sheet, card, allow_elimination=allow_elimination)
    if result is None:
        raise ScoreCardError(problems)
    return result


def _truncated_mean(total: int, count: int) -> Decimal:
    """``total / count`` cut (never rounded) at two decimals, computed exactly."""
    return Decimal(total * 100 // count).scaleb(-2)


def _stored(code: str, path: str, value: object, vi: str, en: str) -> Problem:
    return Problem(code=code, path=path, value=value, message_vi=vi, message_en=en)


def _card_score_problems(sheet: Sheet, card: CardScore, base: str) -> list[Problem]:
    found = []
    if (card.decision, card.set_no) != (sheet.decision, sheet.set_no):
        found.append(
            _stored(
                "result.wrong_sheet",
                base,
                f"{card.decision} #{card.set_no}",
                "Phiếu chấm theo một phiếu khác",
                "the card was scored on another sheet",
            )
        )
        return found
    for code, points in card.criteria.items():
        path = join_path(base, "criteria", code)
        criterion = sheet.criteria.get(code)
        index = card.options.get(code)
        if criterion is None:
            found.append(
                _stored(
                    "result.unknown_criterion",
                    path,
                    code,
                    "Phiếu không có tiêu chí này",
                    "the sheet has no such criterion",
                )
            )
        elif (
            type(index) is not int
            or not 0 <= index < len(criterion.options)
            or criterion.options[index].points != points
        ):
            offered = sorted({option.points for option in criterion.options})
            found.append(
                _stored(
                    "result.points_not_offered",
                    path,
                    points,
                    f"Không phương án nào của tiêu chí {code} cho số điểm này (có: {offered})",
                    f"no option of criterion {code} gives these points (offered: {offered})",
                )
            )
    if card.total != sum(card.criteria.values()):
        found.append(
            _stored(
                "result.bad_total",
                join_path(base, "total"),
                card.total,
                "Tổng điểm khác tổng các tiêu chí",
                "the total is not the sum of the criteria",
            )
        )
    return found


def result_problems(sheet: Sheet, result: CouncilResult, *, path: str = "$") -> list[Problem]:
    """Every way a stored council result disagrees with its sheet.

    A result read back from storage must be one :func:`aggregate` could have made: each card's
    points are those of the option it names on ``sheet``, its total is their sum, and the
    score is the mean of the totals cut at two decimals (QĐ 26/2026/QĐ-TTg Art. 3.3).

    Problems: ``result.wrong_sheet``, ``result.unknown_criterion``,
    ``result.points_not_offered``, ``result.bad_total``, ``result.bad_score``.
    """
    found = []
    for index, card in enumerate(result.cards):
        found.extend(_card_score_problems(sheet, card, join_path(path, "cards", index)))
    if result.cards:
        expected = _council_score(sum(card.total for card in result.cards), len(result.cards))
        if result.score != expected:
            found.append(
                _stored(
                    "result.bad_score",
                    join_path(path, "score"),
                    str(result.score),
                    f"Điểm trung bình của các phiếu là {expected}",
                    f"the mean of the cards is {expected}",
                )
            )
    return found


@attrs.frozen(kw_only=True, repr=False)
class CouncilResult:
    """A council's averaged result for one product (bảng tổng hợp điểm).

    Attributes:
        decision: the sheet's decision.
        set_no: the sheet's product set.
        product: the product scored.
        cards: each member's scored card, in the order given.
        score: the final score: the mean of the members' totals at two decimals, cut at the
            third (QĐ 26/2026/QĐ-TTg Art. 3.3 "tổng điểm trung bình"; see
            :func:`ocop.rating.to_score`).
        criterion_totals: per criterion, the sum of the members' points.
        answered: per criterion, how many cards answered it (with an option or not
            applicable); a case of an alternative group counts only the cards that chose it.
    """

    decision: str
    set_no: int
    product: str
    cards: tuple[CardScore, ...]
    score: Decimal
    criterion_totals: Mapping[str, int] = attrs.field(converter=read_only)
    answered: Mapping[str, int] = attrs.field(converter=read_only)

    def __repr__(self) -> str:
        return (
            f"CouncilResult(decision={self.decision!r}, set_no={self.set_no}, "
            f"product={self.product!r}, cards={len(self.cards)}, score={self.score!r})"
        )

    def _repr_html_(self) -> str:
        from ocop._html import council_result

        return council_result(self)

    @classmethod
    def of_card(cls, card: CardScore) -> CouncilResult:
        """One scored card seen as the result of a council of one."""
        return _council((card,))

    @property
    def members(self) -> tuple[str, ...]:
        """The members, in the order of their cards."""
        return tuple(card.member for card in self.cards)

    @property
    def criterion_means(self) -> Mapping[str, Decimal]:
        """Per criterion, the mean over the cards that answered it, cut at two decimals.

        A card marking the criterion not applicable counts 0; this is the line of the averaged
        sheet on which star markers are judged by default (see :mod:`ocop.ranking`).
        """
        return {
            code: _truncated_mean(self.criterion_totals[code], count)
            for code, count in self.answered.items()
        }

    @property
    def spread(self) -> int:
        """The highest member total minus the lowest (provincial rules often cap it at 10)."""
        totals = [card.total for card in self.cards]
        return max(totals) - min(totals)

    @property
    def eliminated(self) -> tuple[tuple[str, str], ...]:
        """(member, criterion) for every eliminating option chosen on a card."""
        return tuple((card.member, code) for card in self.cards for code in card.eliminated)


def _sums(cards: tuple[CardScore, ...]) -> tuple[FrozenMap[str, int], FrozenMap[str, int]]:
    """Per criterion, the members' points added up and how many cards answered it."""
    totals: dict[str, int] = {}
    answered: dict[str, int] = {}
    for card in cards:
        for code, points in card.criteria.items():
            totals[code] = totals.get(code, 0) + points
            answered[code] = answered.get(code, 0) + 1
        for code in card.not_applicable:
            totals.setdefault(code, 0)
            answered[code] = answered.get(code, 0) + 1
    return FrozenMap.adopt(totals), FrozenMap.adopt(answered)


# A council of cards summed quickly in one layout stores a recipe for its mappings: the sums
# per listed criterion in the slot of ``criterion_totals`` and the layout in that of
# ``answered``; every card answered every listed criterion and no other.
_COUNCIL_MAPPINGS: Final = _Derived(
    CouncilResult,
    ("criterion_totals", "answered"),
    "answered",
    _Layout,
    lambda council, layout: _sums(council.cards),
)
_CR_TOTALS, _CR_ANSWERED = _COUNCIL_MAPPINGS.slots


class _Columns:
    """The plain cards of a council summed by columns, before any scored card is made.

    Per member, in the order given: the name, the atoms, the points per listed criterion, the
    criteria not applicable and the total; all the cards share one layout. Tuples of names and
    numbers are no work for the garbage collector.
    """

    __slots__ = ("atoms", "layout", "members", "not_applicable", "points", "totals")

    def __init__(
        self,
        layout: _Layout,
        members: tuple[str, ...],
        atoms: tuple[tuple[Any, ...], ...],
        points: tuple[tuple[int, ...], ...],
        not_applicable: tuple[frozenset[str], ...],
        totals: tuple[int, ...],
    ) -> None:
        self.layout = layout
        self.members = members
        self.atoms = atoms
        self.points = points
        self.not_applicable = not_applicable
        self.totals = totals


def _council_cards(council: CouncilResult, columns: _Columns) -> tuple[object, ...]:
    """The scored cards of a council summed by columns, as :func:`score` gives them."""
    decision, set_no, product = council.decision, council.set_no, council.product
    return (
        tuple(
            _scored_card(decision, set_no, member, product, columns.layout, atoms, points, absent)
            for member, atoms, points, absent in zip(
                columns.members,
                columns.atoms,
                columns.points,
                columns.not_applicable,
                strict=True,
            )
        ),
    )


# A council summed by columns from plain cards stores a recipe for its scored cards in the slot
# of ``cards``: they are made when first read (a ranking reads none of them).
_COUNCIL_CARDS: Final = _Derived(CouncilResult, ("cards",), "cards", _Columns, _council_cards)
_CR_CARDS: Final = _COUNCIL_CARDS.key


def council_column(result: CouncilResult, at: int) -> list[tuple[str, int]] | None:
    """Each member and its points at column ``at`` (see :func:`council_sums`), while the
    council's scored cards are not made; ``None`` once they are."""
    columns = _CR_CARDS.__get__(result)
    if type(columns) is not _Columns:
        return None
    return [
        (member, points[at]) for member, points in zip(columns.members, columns.points, strict=True)
    ]


def card_totals(result: CouncilResult) -> tuple[int, ...]:
    """Each member's total, in the order of the cards, read without making the scored cards
    of a council summed by columns."""
    columns = _CR_CARDS.__get__(result)
    if type(columns) is _Columns:
        return columns.totals
    return tuple(card.total for card in result.cards)


def cards_unmade(result: CouncilResult) -> bool:
    """Whether the council's cards are plain cards not made yet (none eliminates the dossier)."""
    return type(_CR_CARDS.__get__(result)) is _Columns


_PLAIN_COUNCIL: Final = _plain_fields(CouncilResult)
_council_slot = slot_setters(CouncilResult)
_set_council_decision = _council_slot["decision"]
_set_council_set_no = _council_slot["set_no"]
_set_council_product = _council_slot["product"]
_set_council_cards = _council_slot["cards"]
_set_council_score = _council_slot["score"]
_set_council_totals = _council_slot["criterion_totals"]
_set_council_answered = _council_slot["answered"]


def _summed(cards: tuple[CardScore, ...]) -> tuple[_Layout, tuple[int, ...]] | None:
    """The layout and sums of cards summed quickly in one layout, column by column."""
    layout = _CS_SECTIONS.__get__(cards[0])
    if type(layout) is not _Layout:
        return None
    columns = []
    for card in cards:
        if _CS_SECTIONS.__get__(card) is not layout:
            return None
        columns.append(_CS_OPTIONS.__get__(card))  # the card's points (see _card_mappings)
    return layout, tuple(map(sum, zip(*columns, strict=True)))


def council_sums(result: CouncilResult) -> tuple[dict[str, int], tuple[int, ...], int] | None:
    """For a council summed quickly: each criterion's position, the sums, and the card count.

    A criterion without a position was answered by no card; every other one by every card.
    ``None`` when the council's mappings are stored as they are, or have been read.
    """
    layout = _CR_ANSWERED.__get__(result)
    if type(layout) is not _Layout:
        return None
    cards = _CR_CARDS.__get__(result)
    count = len(cards.members) if type(cards) is _Columns else len(cards)
    return layout.position, _CR_TOTALS.__get__(result), count


_SCORES: dict[tuple[int, int], Decimal] = {}
_SCORES_MAX: Final = 4096
_total = operator.attrgetter("total")
_member_of = operator.attrgetter("member")
_product_of = operator.attrgetter("product")


def _council_score(total: int, count: int) -> Decimal:
    """The final score of ``count`` cards adding up to ``total`` (``Decimal`` values are shared)."""
    if type(total) is not int:
        return to_score(_truncated_mean(total, count))
    found = _SCORES.get((total, count))
    if found is None:
        if len(_SCORES) >= _SCORES_MAX:
            _SCORES.clear()
        found = _SCORES[total, count] = to_score(_truncated_mean(total, count))
    return found


def _council(cards: tuple[CardScore, ...]) -> CouncilResult:
    first = cards[0]
    summed = _summed(cards) if _PLAIN_COUNCIL else None
    if summed is None:
        totals, answered = _sums(cards)
        score = _council_score(sum(map(_total, cards)), len(cards))
        return CouncilResult(
            decision=first.decision,
            set_no=first.set_no,
            product=first.product,
            cards=cards,
            score=score,
            criterion_totals=totals,
            answered=answered,
        )
    layout, sums = summed
    score = _council_score(sum(map(_total, cards)), len(cards))
    result: CouncilResult = _new(CouncilResult)
    _set_council_decision(result, first.decision)
    _set_council_set_no(result, first.set_no)
    _set_council_product(result, first.product)
    _set_council_cards(result, cards)
    _set_council_score(result, score)
    _set_council_totals(result, sums)  # the recipe of the mappings (see _COUNCIL_MAPPINGS)
    _set_council_answered(result, layout)
    return result


def _by_columns(sheet: Sheet, cards: list[Any] | tuple[Any, ...]) -> CouncilResult | None:
    """The council of plain cards of one product, one layout and distinct members, summed by
    columns without a scored card per member; ``None`` for any other council."""
    if not cards:
        return None
    table = _table(sheet)
    decision, set_no = sheet.decision, sheet.set_no
    first = cards[0]
    if type(first) is not ScoreCard:
        return None
    product = first.product
    layout = None
    members: list[str] = []
    atoms: list[tuple[Any, ...]] = []
    points: list[tuple[int, ...]] = []
    absent: list[frozenset[str]] = []
    for card in cards:
        if (
            type(card) is not ScoreCard
            or card.decision != decision
            or card.set_no != set_no
            or card.product != product
        ):
            return None
        parts = _quick_parts(table, card)
        if parts is None:
            return None
        if layout is None:
            layout = parts[0]
        elif parts[0] is not layout:
            return None
        members.append(card.member)
        atoms.append(parts[1])
        points.append(parts[2])
        absent.append(parts[3])
    if layout is None or len(set(members)) != len(members):
        return None
    totals = tuple(map(sum, points))
    score = _council_score(sum(totals), len(totals))
    result: CouncilResult = _new(CouncilResult)
    _set_council_decision(result, first.decision)
    _set_council_set_no(result, first.set_no)
    _set_council_product(result, product)
    _set_council_cards(
        result,
        _Columns(layout, tuple(members), tuple(atoms), tuple(points), tuple(absent), totals),
    )
    _set_council_score(result, score)
    _set_council_totals(result, tuple(map(sum, zip(*points, strict=True))))
    _set_council_answered(result, layout)
    return result


def aggregate(
    sheet: Sheet,
    cards: Iterable[ScoreCard | CardScore],
    *,
    allow_elimination: bool = False,
) -> CouncilResult:
    """Average a council's cards for one product.

    The final score is the mean of the members' totals at two decimals, never rounded up
    (69.995 stays 69.99, a 3★ score); per-criterion sums are kept for the star markers, and
    every card's score is kept.

    Args:
        sheet: the score sheet all cards use.
        cards: each member's card, unscored (:class:`ScoreCard`) or already scored.
        allow_elimination: as in :func:`score`.

    Raises:
        ScoreCardError: every problem of every card, under ``$.cards[i]``, and
            ``council.no_cards``, ``council.mixed_products``, ``council.duplicate_member``,
            ``card.wrong_sheet``.
    """
    given = cards if type(cards) is list or type(cards) is tuple else list(cards)
    council = _by_columns(sheet, given) if _PLAIN_COUNCIL else None
    if council is not None:
        return council
    found = Problems()
    scored: list[CardScore] = []
    for position, card in enumerate(given):
        if isinstance(card, CardScore):
            if card.decision != sheet.decision or card.set_no != sheet.set_no:
                found.add(
                    "card.wrong_sheet",
                    join_path("$.cards", position),
                    {"decision": card.decision, "set_no": card.set_no},
                    vi=f"Phiếu đã chấm không thuộc bộ {sheet.set_no} của QĐ {sheet.decision}",
                    en=f"the scored card is not for set {sheet.set_no} of {sheet.decision}",
                )
                continue
            scored.append(card)
            continue
        result, problems = _check(sheet, card, allow_elimination=allow_elimination)
        if result is None:
            found.extend(problems, prefix=join_path("$.cards", position))
        else:
            scored.append(result)
    if not scored and not found:
        found.add(
            "council.no_cards",
            "$.cards",
            [],
            vi="Hội đồng chưa có phiếu chấm nào",
            en="the council has no score cards",
        )
    products = sorted(set(map(_product_of, scored)))
    if len(products) > 1:
        found.add(
            "council.mixed_products",
            "$.cards",
            products,
            vi=f"Các phiếu chấm thuộc nhiều sản phẩm: {', '.join(products)}",
            en=f"the cards are for several products: {', '.join(products)}",
        )
    members = list(map(_member_of, scored))
    try:
        repeated = len(set(members)) < len(members)
    except TypeError:  # members that cannot be hashed are sorted and compared below
        repeated = True
    for member, count in itertools.groupby(sorted(members) if repeated else ()):
        if len(list(count)) > 1:
            found.add(
                "council.duplicate_member",
                "$.cards",
                member,
                vi=f"Thành viên {member} có nhiều hơn một phiếu chấm",
                en=f"member {member} has more than one card",
            )
    found.raise_if_any(ScoreCardError)
    return _council(tuple(scored))


@attrs.frozen(kw_only=True)
class CardParts:
    """What the fast reader of score cards in JSON (``ocop._fastcard``) shares with
    :class:`ScoreCard`, so that it builds the very cards the constructor would without
    calling it, as long as the card's fields are still these.

    Attributes:
        choices_slot: the slot that holds a card's choices (also in their compact form).
        decision_keys: the decisions' keys, which need no conversion.
        not_applicable: the compact form of a choice marked not applicable.
        decision: the converter of a card's decision.
        text: the converter of a card's member and product.
        check_set_no: the validator of a card's product set.
        compact_choices: a card's choices in compact form, from their codes and atoms.
        card_choices: what a card whose decision is a key stores for choices, from the key, its
            set, the codes and the atoms: the atoms alone when the codes are those of the first
            card read on the sheet, else the compact form.
    """

    choices_slot: Any
    decision_keys: frozenset[str]
    not_applicable: str
    decision: object
    text: object
    check_set_no: Callable[[object, object, int], None]
    compact_choices: Callable[[tuple[str, ...], tuple[Any, ...]], Any]
    card_choices: Callable[[str, int, tuple[str, ...], tuple[Any, ...]], Any]


CARD_PARTS: Final = CardParts(
    choices_slot=_CHOICES,
    decision_keys=_DECISION_KEYS,
    not_applicable=_NA,
    decision=_card_decision,
    text=_card_text,
    check_set_no=_check_set_no,
    compact_choices=_compact_choices,
    card_choices=_card_choices,
)
