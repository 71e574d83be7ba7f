"""The shape of a score sheet: rubric → sheet → part → section → criterion → option.

A rubric is one decision's set of 26 score sheets (bộ tiêu chí). Each sheet is a tree of parts
(A/B/C), numbered sections and criteria; a criterion scores the points of exactly one of its
mutually exclusive options. Objects here are immutable and built only by the loader
(:mod:`ocop.rubric`), which checks every file against its schema and integrity rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import attrs

__all__ = [
    "Criterion",
    "Marker",
    "Option",
    "Part",
    "Rubric",
    "Section",
    "Sheet",
]


@attrs.frozen(kw_only=True)
class Option:
    """One printed choice of a criterion (a "□" box) and its points.

    Attributes:
        label: the option's text as printed.
        points: the points printed next to it.
        min_star: ``k`` when the option carries ``k`` asterisks: the minimum a product must reach
            on this criterion to be ranked ``k`` stars (QĐ 26/2026/QĐ-TTg, note under each sheet).
        eliminates: choosing it eliminates the dossier or stops the evaluation ("bị loại",
            "không đánh giá các bước tiếp theo").
    """

    label: str
    points: int
    min_star: int | None = None
    eliminates: bool = False


@attrs.frozen(kw_only=True)
class Marker:
    """A star marker: to be ranked ``star`` stars, ``criterion`` must score at least ``points``."""

    star: int
    criterion: str
    points: int
    option: int  # index of the marked option within the criterion


@attrs.frozen(kw_only=True)
class Criterion:
    """A scored criterion (tiêu chí) with its mutually exclusive options.

    Attributes:
        code: stable code following the printed numbering: ``"1.1"`` (26/2026, 1048),
            ``"1.a"``/``"1.đ"`` (148's lettered criteria), ``"6.1.1"`` (sub-criteria),
            ``"8.a"``/``"8.b"`` or ``"3.2(1)"`` (alternative cases).
        part: ``"A"``, ``"B"`` or ``"C"``.
        section: the number of the section it belongs to (``"1"`` … ``"17"``).
        max_points: the best option's points.
        alternative_group: criteria sharing it are the cases "choose one of two": exactly one of
            them is answered and scored.
        group: the printed sub-heading it sits under (subtotal only, e.g. ``"6.1"``).
        applies_when: the printed condition under which the criterion is assessed ("Chỉ áp dụng
            …"); a card may leave such a criterion not applicable, scoring 0.
        notes: notes printed with the criterion, verbatim.
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

    def option_with_points(self, points: int) -> int | None:
        """The index of the first option printed with ``points``, if any."""
        for index, option in enumerate(self.options):
            if option.points == points:
                return index
        return None


@attrs.frozen(kw_only=True)
class Section:
    """A numbered section ("1. TỔ CHỨC SẢN XUẤT") and its criteria."""

    no: str
    title: str
    max_points: int
    criteria: tuple[Criterion, ...]


@attrs.frozen(kw_only=True)
class Part:
    """Part A (product and community strength), B (marketing) or C (product quality)."""

    code: str
    title: str
    max_points: int
    sections: tuple[Section, ...]


@attrs.frozen(kw_only=True)
class Sheet:
    """The score sheet of one product set (bộ sản phẩm) under one decision.

    Attributes:
        decision: the decision's key, e.g. ``"26/2026"``.
        set_no: 1..26, the order of the sheet in the decision's appendix.
        name: the set's name as printed.
        parts: parts A, B, C in order.
        criteria: every criterion in printed order, keyed by code.
        markers: every star marker of the sheet, lowest star first.
        notes: sheet-level notes ("Hồ sơ bị loại khi …"), verbatim.
        errata: corrections made to the source transcription, each explained.
    """

    decision: str
    set_no: int
    name: str
    parts: tuple[Part, ...]
    criteria: Mapping[str, Criterion]
    markers: tuple[Marker, ...]
    notes: tuple[str, ...] = ()
    errata: tuple[str, ...] = ()

    @property
    def max_points(self) -> int:
        """The sheet's total: 100."""
        return sum(part.max_points for part in self.parts)


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
    """

    decision: str
    title: str
    signed: dt.date
    effective_from: dt.date
    sheets: Mapping[int, Sheet]
    part_maxima: Mapping[str, int]
    provenance: str = ""

    def sheet(self, set_no: int) -> Sheet:
        """The sheet of product set ``set_no`` (1..26)."""
        return self.sheets[set_no]
