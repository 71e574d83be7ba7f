"""The shape of a score sheet: rubric → sheet → part → section → criterion → option.

A rubric is one decision's set of 26 score sheets (bộ tiêu chí). Each sheet is a tree of parts
(A/B/C), numbered sections and criteria; a criterion scores the points of exactly one of its
mutually exclusive options. Objects here are immutable and built only by the loader
(:mod:`ocop.rubric`), which checks every file against its schema and integrity rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import ItemsView, Iterator, KeysView, Mapping, ValuesView
from typing import Any, TypeVar

import attrs

from ocop.errors import Problem, RubricError

__all__ = [
    "Criterion",
    "EliminationRule",
    "FrozenMap",
    "Group",
    "Marker",
    "MinimumCriteria",
    "Option",
    "Part",
    "Rubric",
    "Section",
    "Sheet",
    "read_only",
]

_K = TypeVar("_K")
_V = TypeVar("_V")


class FrozenMap(Mapping[_K, _V]):
    """A read-only mapping that keeps its insertion order, compares by value and hashes.

    Every mapping a public object holds is one of these: it cannot be changed after the
    object is made, and two equal objects hash equal.

    >>> criteria = FrozenMap({"1.1": 3, "1.2": 2})
    >>> list(criteria), criteria["1.2"], criteria == {"1.1": 3, "1.2": 2}
    (['1.1', '1.2'], 2, True)
    >>> hash(criteria) == hash(FrozenMap({"1.1": 3, "1.2": 2}))
    True
    """

    __slots__ = ("_data", "_hash")

    def __init__(self, data: Mapping[_K, _V] | None = None) -> None:
        self._data: dict[_K, _V] = dict(data or {})
        self._hash: int | None = None

    @classmethod
    def adopt(cls, data: dict[_K, _V]) -> FrozenMap[_K, _V]:
        """A map over ``data`` itself, not a copy: for a dict that nothing else holds."""
        made: FrozenMap[_K, _V] = cls.__new__(cls)
        made._data = data
        made._hash = None
        return made

    def __getitem__(self, key: _K) -> _V:
        return self._data[key]

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def get(self, key: _K, default: Any = None) -> Any:
        """The value of ``key``, or ``default``."""
        return self._data.get(key, default)

    def keys(self) -> KeysView[_K]:
        """A view of the keys (read-only)."""
        return self._data.keys()

    def values(self) -> ValuesView[_V]:
        """A view of the values (read-only)."""
        return self._data.values()

    def items(self) -> ItemsView[_K, _V]:
        """A view of the pairs (read-only)."""
        return self._data.items()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMap):
            return self._data == other._data
        if isinstance(other, dict):
            return self._data == other
        return super().__eq__(other)

    def __iter__(self) -> Iterator[_K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))  # equal maps, in any order
        return self._hash

    def __repr__(self) -> str:
        return f"FrozenMap({self._data!r})"


def read_only(value: Any) -> Any:
    """A mapping as a :class:`FrozenMap` (one already is kept as it is); anything else as it is,
    for its field's own check to refuse or read.

    The converter of every mapping a public object holds.

    >>> read_only({"1.1": 3})
    FrozenMap({'1.1': 3})
    """
    if type(value) is FrozenMap or not isinstance(value, Mapping):
        return value
    return FrozenMap(value)


@attrs.frozen(kw_only=True)
class Option:
    """One printed choice of a criterion (a "□" box) and its points.

    Attributes:
        label: the option's text as printed.
        points: the points printed next to it.
        min_star: ``k`` when the option carries ``k`` asterisks: the minimum a product must reach
            on this criterion to be ranked ``k`` stars (QĐ 26/2026/QĐ-TTg, note under each sheet).
            A marker printed on the whole criterion (148) is carried by the option it is read on.
        eliminates: choosing it eliminates the dossier or stops the evaluation ("bị loại",
            "không đánh giá các bước tiếp theo"); the sheet's ``eliminations`` say which note.
    """

    label: str
    points: int
    min_star: int | None = None
    eliminates: bool = False


@attrs.frozen(kw_only=True)
class Marker:
    """A star marker: to be ranked ``star`` stars, ``criterion`` must score at least ``points``.

    Attributes:
        whole_criterion: the marker is printed on the criterion, not on an option (148's
            "e) Sở hữu trí tuệ****"); it is read as a marker on the criterion's lowest option
            with points above 0 (see the rubric's notes).
    """

    star: int
    criterion: str
    points: int
    option: int  # index of the marked option within the criterion
    whole_criterion: bool = False


@attrs.frozen(kw_only=True)
class Criterion:
    """A scored criterion (tiêu chí) with its mutually exclusive options.

    Attributes:
        code: stable code following the printed numbering: ``"1.1"`` (26/2026, 1048),
            ``"1.a"``/``"1.đ"`` (148's lettered criteria), ``"6.1.1"`` (sub-criteria),
            ``"8.a"``/``"8.b"`` or ``"3.2(1)"`` (alternative cases).
        part: ``"A"``, ``"B"`` or ``"C"``.
        section: the number of the section it belongs to (``"1"`` … ``"17"``).
        max_points: the best option's points; the printed maximum is higher only where an
            erratum of the sheet keeps a maximum that no option reaches
            (``unattainable_points``).
        alternative_group: criteria sharing it are the cases "choose one of two": exactly one of
            them is answered and scored.
        group: the printed sub-heading it sits under (subtotal only, e.g. ``"6.1"``).
        applies_when: the printed condition under which the criterion is assessed ("Chỉ áp dụng
            …"); a card may leave such a criterion not applicable, scoring 0.
        notes: notes printed with the criterion, verbatim.
        binary: the sheet prints a maximum but no options; it is scored 0 or the maximum and
            its two options ("Không", "Có") are supplied by the data (see the sheet's errata).
        criterion_min_star: the star marker printed on the whole criterion, if any; it also
            appears as the ``min_star`` of the option it is read on.
        unattainable_points: points of the printed maximum that no option reaches (an
            erratum of the sheet says why).
    """

    code: str
    title: str
    part: str
    section: str
    max_points: int
    options: tuple[Option, ...]
    alternative_group: str | None = None
    group: str | None = None
    applies_when: str | None = None
    notes: tuple[str, ...] = ()
    binary: bool = False
    criterion_min_star: int | None = None
    unattainable_points: int = 0

    def option_with_points(self, points: int) -> int | None:
        """The index of the first option printed with ``points``, if any."""
        for index, option in enumerate(self.options):
            if option.points == points:
                return index
        return None


@attrs.frozen(kw_only=True)
class Group:
    """A printed sub-heading over some criteria of a section, with its subtotal ("6.1. Ngoại hình").

    A group is a subtotal only: its members are ordinary criteria (``Criterion.group`` is the
    group's code) and it is never scored on its own.
    """

    code: str
    title: str
    max_points: int
    notes: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Section:
    """A numbered section ("1. TỔ CHỨC SẢN XUẤT") and its criteria.

    Attributes:
        notes: notes printed under the section heading ("Lựa chọn một trong hai trường hợp
            sau:"), verbatim.
        groups: the sub-criterion groups of the section, in printed order.
        unattainable_points: points of the printed maximum that no criterion reaches.
    """

    no: str
    title: str
    max_points: int
    criteria: tuple[Criterion, ...]
    notes: tuple[str, ...] = ()
    groups: tuple[Group, ...] = ()
    unattainable_points: int = 0


@attrs.frozen(kw_only=True)
class Part:
    """Part A (product and community strength), B (marketing) or C (product quality).

    Attributes:
        unattainable_points: points of the part's maximum that no section reaches (an erratum
            of the sheet says why, e.g. a criterion missing from every known copy).
    """

    code: str
    title: str
    max_points: int
    sections: tuple[Section, ...]
    unattainable_points: int = 0


@attrs.frozen(kw_only=True)
class EliminationRule:
    """A printed note that eliminates the dossier or stops the evaluation.

    Notes such as "Bị loại nếu …" or "… sẽ không đánh giá các bước tiếp theo" end the
    evaluation of a product. Where an option states the condition ("Có tạp chất, không chấp
    nhận được"), that option eliminates (``Option.eliminates``); where no option does ("Bị loại
    nếu sử dụng toàn bộ nguyên liệu nhập khẩu"), the condition is a fact the council
    establishes outside the options and ``options`` is empty.

    Attributes:
        at: the code of the criterion or sub-criterion group the note is printed under.
        note: the note, verbatim.
        rule: the name of the reading applied (``"foreign_matter"``, ``"zero_points"``, …).
        reading: how the note is read, in words.
        options: ``(criterion code, option index)`` of every option that eliminates.
    """

    at: str
    note: str
    rule: str
    reading: str
    options: tuple[tuple[str, int], ...] = ()


@attrs.frozen(kw_only=True)
class Sheet:
    """The score sheet of one product set (bộ sản phẩm) under one decision.

    Attributes:
        decision: the decision's key, e.g. ``"26/2026"``.
        set_no: 1..26, the order of the sheet in the decision's appendix.
        name: the set's name as printed.
        parts: parts A, B, C in order.
        criteria: every criterion in printed order, keyed by code.
        markers: every star marker of the sheet, lowest star first, then in printed order.
        notes: sheet-level notes ("Hồ sơ bị loại khi …"), verbatim.
        errata: corrections made to the source transcription, each explained
            (``"<id>: <text>"``).
        available: ``False`` when no copy of the sheet's text is known: the sheet has no parts
            and cannot be scored (its errata say so).
        eliminations: the notes that eliminate the dossier or stop the evaluation.
    """

    decision: str
    set_no: int
    name: str
    parts: tuple[Part, ...]
    criteria: Mapping[str, Criterion]
    markers: tuple[Marker, ...]
    notes: tuple[str, ...] = ()
    errata: tuple[str, ...] = ()
    available: bool = True
    eliminations: tuple[EliminationRule, ...] = ()

    @property
    def max_points(self) -> int:
        """The sheet's total: 100."""
        return sum(part.max_points for part in self.parts)

    @property
    def unattainable_points(self) -> int:
        """Points of the sheet's total that no choice of options reaches (see the errata)."""
        return sum(
            part.unattainable_points
            + sum(
                section.unattainable_points
                + sum(criterion.unattainable_points for criterion in section.criteria)
                for section in part.sections
            )
            for part in self.parts
        )

    def ensure_available(self) -> Sheet:
        """This sheet, if its text is known; scoring an unavailable sheet is refused.

        Raises:
            RubricError: ``rubric.sheet_unavailable``.
        """
        if not self.available:
            raise RubricError(
                Problem(
                    code="rubric.sheet_unavailable",
                    path="$",
                    value={"decision": self.decision, "set_no": self.set_no},
                    message_vi=(
                        f"Phiếu đánh giá bộ sản phẩm {self.set_no} ({self.name}) của QĐ "
                        f"{self.decision} không có bản văn bản nào để chấm điểm"
                    ),
                    message_en=(
                        f"no copy of the score sheet of set {self.set_no} ({self.name}) of "
                        f"decision {self.decision} is known, so it cannot be scored"
                    ),
                )
            )
        return self


@attrs.frozen(kw_only=True)
class MinimumCriteria:
    """Minimum criteria per star level known only in part (QĐ 781/QĐ-TTg, 2020).

    Attributes:
        decision: the decision that enacted them.
        title: what the text is, as the source names it.
        source: where the text was found.
        complete: whether the whole text is known (``False`` for 781/2020).
        items: the known text, verbatim, item by item.
        missing: what is known to be missing.
    """

    decision: str
    title: str
    source: str
    complete: bool
    items: tuple[str, ...]
    missing: str = ""


@attrs.frozen(kw_only=True)
class Rubric:
    """One decision's score sheets.

    Attributes:
        decision: the key, e.g. ``"26/2026"``, ``"148/2023"``, ``"1048/2019"``.
        title: the decision's full number, e.g. ``"26/2026/QĐ-TTg"``.
        signed: the day it was signed.
        effective_from: the day it entered into force.
        sheets: the score sheets by set number.
        part_maxima: the maximum of parts A, B and C.
        provenance: where the transcription comes from.
        appendix: the appendix of the decision that holds the score sheets.
        notes: how the data reads the text where the text leaves room (star markers,
            eliminations, maxima), one statement each.
        minimum_criteria: minimum criteria per star enacted beside the sheets, if known in part
            (QĐ 781/2020 for 1048/2019).
        amended_by: the decisions that amended this one's appendices (``"781/QĐ-TTg"``).
    """

    decision: str
    title: str
    signed: dt.date
    effective_from: dt.date
    sheets: Mapping[int, Sheet]
    part_maxima: Mapping[str, int]
    provenance: str = ""
    appendix: str = ""
    notes: tuple[str, ...] = ()
    minimum_criteria: MinimumCriteria | None = None
    amended_by: tuple[str, ...] = ()

    def sheet(self, set_no: int) -> Sheet:
        """The sheet of product set ``set_no`` (1..26), available or not.

        Raises:
            RubricError: ``rubric.unknown_set`` if the rubric has no such set.
        """
        known = isinstance(set_no, int) and not isinstance(set_no, bool)
        found = self.sheets.get(set_no) if known else None
        if found is None:
            raise RubricError(
                Problem(
                    code="rubric.unknown_set",
                    path="$.set_no",
                    value=set_no,
                    message_vi=(
                        f"QĐ {self.decision} không có bộ sản phẩm số {set_no} "
                        f"(có các bộ 1–{len(self.sheets)})"
                    ),
                    message_en=(
                        f"decision {self.decision} has no product set {set_no} "
                        f"(it has sets 1–{len(self.sheets)})"
                    ),
                )
            )
        return found
