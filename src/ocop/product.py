"""OCOP products: what a subject registers, in one product set of one decision.

A product belongs to exactly one product set (bộ sản phẩm, 1..26), whose score sheet it is
evaluated on; set numbers are those of the decision's appendix (QĐ 26/2026/QĐ-TTg Phụ lục I
and II), so the same product may sit in different sets under different decisions.
"""

from __future__ import annotations

import datetime
import functools
from typing import TYPE_CHECKING

import attrs

from ocop._fields import fail, located, text
from ocop.errors import RubricError
from ocop.places import REFORM_DATE, Era
from ocop.product_code import ProductCode
from ocop.subject import Address

__all__ = ["Product"]


def _to_decision(value: str, path: str) -> str:
    """The key of the decision, however it is written (``"26"``, ``"QĐ 26/2026/QĐ-TTg"``)."""
    from ocop.rubric import normalise_decision

    try:
        return normalise_decision(value)
    except RubricError as error:
        raise RubricError(
            [attrs.evolve(problem, path=path) for problem in error.problems]
        ) from None


def _to_set_no(value: int, path: str) -> int:
    """A product set number, 1..26."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 26:
        raise fail(
            "product.bad_set",
            path,
            value,
            "Bộ sản phẩm phải là số từ 1 đến 26",
            "a product set is a number from 1 to 26",
        )
    return value


def _to_code(value: ProductCode | str | None, path: str) -> ProductCode | None:
    """An OCOP product code, parsed from its text."""
    if value is None or isinstance(value, ProductCode):
        return value
    if isinstance(value, str):
        return ProductCode.parse(value, path=path)
    raise fail(
        "product_code.not_a_string",
        path,
        value,
        "Mã số sản phẩm phải là một chuỗi ký tự",
        "a product code must be a string",
    )


@functools.cache
def _first_day(decision: str) -> datetime.date | None:
    """The first day an era using the sheets of ``decision`` was in force."""
    from ocop.regulation import eras

    days = [rules.effective_from for rules in eras() if rules.rubric == decision]
    return min(days, default=None)


if TYPE_CHECKING:

    def _decision(value: str) -> str: ...
    def _set_no(value: int) -> int: ...
    def _code(value: ProductCode | str | None) -> ProductCode | None: ...

else:
    _decision = located(_to_decision)
    _set_no = located(_to_set_no)
    _code = located(_to_code)


@attrs.frozen(kw_only=True)
class Product:
    """A product registered for OCOP evaluation.

    Attributes:
        id: a stable identifier chosen by the caller.
        name: the product's name, NFC-normalised ("Đường thốt nốt sệt Palmania").
        decision: the decision whose product sets ``set_no`` refers to (``"26/2026"``).
        set_no: the product set, 1..26.
        subject_id: the :class:`~ocop.Subject` that owns the product.
        place: where it is made.
        code: its OCOP product code, once the commune has given one.

    >>> p = Product(id="p1", name="Trà xạ đen", decision="1048", set_no=13, subject_id="s1")
    >>> p.decision, p.set_no
    ('1048/2019', 13)
    """

    id: str = attrs.field(converter=text)
    name: str = attrs.field(converter=text)
    decision: str = attrs.field(converter=_decision)
    set_no: int = attrs.field(converter=_set_no, metadata={"schema": {"minimum": 1, "maximum": 26}})
    subject_id: str = attrs.field(converter=text)
    place: Address | None = None
    code: ProductCode | None = attrs.field(default=None, converter=_code)

    def __attrs_post_init__(self) -> None:
        place = self.place
        if place is None or not isinstance(place, Address) or place.era is not Era.LEGACY:
            return
        first = _first_day(self.decision)
        if first is not None and first >= REFORM_DATE:
            raise fail(
                "place.out_of_era",
                "$.place.era",
                place.era.value,
                f"Sản phẩm theo quyết định {self.decision} (hiệu lực từ {first.isoformat()}) "
                "phải ở đơn vị hành chính từ ngày 1/7/2025: đơn vị cũ không còn",
                f"a product under decision {self.decision} (in force from {first.isoformat()}) "
                "is placed in the units from 1 July 2025: the older units no longer exist",
            )
