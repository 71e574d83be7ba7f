"""The product classification of each decision: category → group → subgroup → product set.

A product set (bộ sản phẩm) is the leaf that has its own score sheet, numbered 1-26 in the order
of the decision's sheets. Above it:

* QĐ 26/2026/QĐ-TTg (Art. 2.2, Phụ lục I) and QĐ 148/QĐ-TTg (Art. 1.1.a, Phụ lục I): six
  product categories (nhóm sản phẩm: thực phẩm; đồ uống; dược liệu và sản phẩm từ dược liệu;
  hàng thủ công mỹ nghệ; sinh vật cảnh; dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du
  lịch), then groups (nhóm) and, for some, subgroups (phân nhóm), each with its managing
  ministries (cơ quan chủ trì quản lý). Under 148 the Ministry of Agriculture and Rural
  Development holds what the Ministry of Agriculture and Environment holds under 26/2026.
* QĐ 1048/QĐ-TTg: six branches (ngành hàng of QĐ 490/QĐ-TTg, the tourism one renamed by
  QĐ 781/QĐ-TTg), then the groups, subgroups and managing ministries of its Phụ lục I.

>>> fresh = product_set("26/2026", 1)
>>> fresh.category, fresh.group, fresh.subgroup, fresh.ministries
('Thực phẩm', 'Thực phẩm tươi sống', 'Rau, củ, quả, hạt tươi', ('Bộ Nông nghiệp và Môi trường',))
>>> product_set("148", 1).ministries
('Bộ Nông nghiệp và Phát triển nông thôn',)
>>> product_set("1048", 26).category
'Dịch vụ du lịch cộng đồng và điểm du lịch'
>>> rice = product_set("1048", 3)
>>> rice.group, rice.subgroup, rice.ministries
('Thực phẩm thô, sơ chế', 'Gạo, ngũ cốc', ('Bộ Nông nghiệp và Phát triển nông thôn',))
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import attrs

from ocop._fields import TupleOf
from ocop.errors import InputError, Problem, RubricError
from ocop.rubric import normalise_decision

__all__ = ["ProductSet", "product_set", "product_sets"]


def _invalid(name: str, value: object, vi: str, en: str) -> InputError:
    return InputError(
        Problem(
            code="product_set.invalid",
            path=f"$.{name}",
            value=value,
            message_vi=vi,
            message_en=en,
        )
    )


def _text(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise _invalid(
            attribute.name,
            value,
            f"'{attribute.name}' phải là một chuỗi không rỗng",
            f"'{attribute.name}' must be a non-empty string",
        )


def _optional_text(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _text(instance, attribute, value)


def _set_no(instance: Any, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 26:
        raise _invalid(
            attribute.name,
            value,
            f"Bộ sản phẩm được đánh số 1..26, không phải {value!r}",
            f"a product set is numbered 1..26, not {value!r}",
        )


@attrs.frozen(kw_only=True)
class ProductSet:
    """A product set (bộ sản phẩm) of a decision, where it sits and who manages it.

    Attributes:
        decision: the decision's key (``"26/2026"``).
        no: 1..26, the number of its score sheet.
        name: the set's name as its score sheet prints it.
        category: the product category (nhóm sản phẩm; ngành hàng under 1048).
        group: the group (nhóm), if the decision has one.
        subgroup: the subgroup (phân nhóm), if the group is divided.
        ministries: the managing ministries (cơ quan chủ trì quản lý), lead first.
    """

    decision: str = attrs.field(validator=_text)
    no: int = attrs.field(validator=_set_no)
    name: str = attrs.field(validator=_text)
    category: str = attrs.field(validator=_text)
    group: str | None = attrs.field(default=None, validator=_optional_text)
    subgroup: str | None = attrs.field(default=None, validator=_optional_text)
    ministries: tuple[str, ...] = attrs.field(default=(), converter=TupleOf[str])


@cache
def _all() -> dict[str, tuple[ProductSet, ...]]:
    text = resources.files("ocop.rubric").joinpath("data", "classification.json").read_bytes()
    data = json.loads(text)
    return {
        decision: tuple(
            ProductSet(
                decision=decision,
                no=row["no"],
                name=row["name"],
                category=row["category"],
                group=row.get("group"),
                subgroup=row.get("subgroup"),
                ministries=row.get("ministries", ()),
            )
            for row in entry["sets"]
        )
        for decision, entry in data.items()
    }


def product_sets(decision: str) -> tuple[ProductSet, ...]:
    """The 26 product sets of a decision, in the order of its score sheets.

    Raises:
        RubricError: ``rubric.unknown_decision``.

    >>> [s.name for s in product_sets("26/2026")[22:25]]
    ['Hoa', 'Cây cảnh', 'Động vật cảnh']
    """
    return _all()[normalise_decision(decision)]


def product_set(decision: str, no: int) -> ProductSet:
    """Product set ``no`` (1..26) of a decision.

    Raises:
        RubricError: ``rubric.unknown_decision`` or ``rubric.unknown_set``.
    """
    sets = product_sets(decision)
    if isinstance(no, bool) or not isinstance(no, int) or not 1 <= no <= len(sets):
        raise RubricError(
            Problem(
                code="rubric.unknown_set",
                path="$.set_no",
                value=no,
                message_vi=f"Không có bộ sản phẩm số {no} (có các bộ 1–{len(sets)})",
                message_en=f"there is no product set {no} (there are sets 1–{len(sets)})",
            )
        )
    return sets[no - 1]
