"""Programme plans (kế hoạch thực hiện Chương trình OCOP), their targets, and progress.

A province's People's Committee issues a yearly plan ("Kế hoạch số 180/KH-UBND ngày 10/4/2020
của UBND tỉnh An Giang") that sets **targets** for its units: each district, town and city sends
at least three products to the provincial evaluation; the province recognises so many 4★
products by December. A :class:`Plan` holds such targets in the administrative units of its
era (a plan of 2020 names legacy districts; one of 2026 names present communes), and
:func:`progress` measures it on any day against the programme's :class:`ProductRecord`\\ s,
which :func:`record_of` reads from the dated events of an :class:`~ocop.evaluation.Application`.

What counts towards a target is what happened from the first day of the plan's period up to
the day asked about, and never after the target's deadline, so counts only grow as the day
advances. Each product counts once per target, however many dossiers it had.

Where a product is counted, when its place and the target are of different eras (the reading
used here; the texts say nothing about plans spanning 1 July 2025):

* a legacy commune counts for its legacy district and province, and for the present commune it
  went into (:func:`ocop.places.successor`, the one that took most of a split commune) and that
  commune's province;
* a legacy district given without its commune counts for itself and its province, and for the
  present province it is now part of; it counts for no present commune;
* a legacy address is read with the units of the day it was written (``written_on``): a commune
  merged away before 2025 counts for its district, its province and its present province, and
  for no present commune;
* a present commune counts for itself and its province, and for **every** legacy commune that
  went into it, with their districts and provinces: a product placed in a present commune made
  from communes of two districts counts for both districts.

>>> plan = Plan(issuer="UBND tỉnh An Giang", number="180/KH-UBND",
...     issued_on=date(2020, 4, 10), title="Kế hoạch thực hiện Chương trình OCOP năm 2020",
...     period=DateRange.year(2020), province_code="89",
...     targets=each_district(89, minimum=3, metric="proposed", deadline=date(2020, 12, 31)))
>>> plan.era, len(plan.targets), plan.targets[0].code
(<Era.LEGACY: 'legacy'>, 11, '883')
>>> tea = Product(id="tra-xa-den", name="Trà xạ đen", decision="1048", set_no=13,
...     subject_id="s1", place=Address(era="legacy", district_code="883"))
>>> record = ProductRecord(product=tea, proposed_on=date(2020, 2, 14),
...     evaluated_on=date(2020, 3, 11), star=3)
>>> now = progress(plan, [record], on=date(2020, 6, 30))
>>> now.targets[0].proposed, now.targets[0].short
(1, 2)
>>> [(gap.unit_name, gap.short, gap.days_left) for gap in now.behind][:2]
[('Thành phố Long Xuyên', 2, 184), ('Thành phố Châu Đốc', 3, 184)]
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import attrs
import pendulum

from ocop import places
from ocop._fields import (
    OneOf,
    TupleOf,
    day,
    fail,
    located,
    optional_day,
    optional_filled_text,
    optional_text,
    text,
    to_choice,
    to_day,
    to_text,
)
from ocop._reach import reach
from ocop._text import nfc
from ocop.calendar import as_date
from ocop.calendar import date as date  # for the examples above
from ocop.classification import ProductSet, product_set, product_sets
from ocop.errors import InputError, Lang, PlaceError, Problems, join_path
from ocop.evaluation import Action, Application, DossierState
from ocop.places import Era
from ocop.product import Product
from ocop.rating import to_score
from ocop.regulation import Level
from ocop.subject import Address, Subject

__all__ = [
    "DateRange",
    "Metric",
    "Plan",
    "ProductRecord",
    "Progress",
    "Shortfall",
    "Target",
    "TargetProgress",
    "each_commune",
    "each_district",
    "progress",
    "record_of",
]

_ROMAN: Final = ("I", "II", "III", "IV")
_MONTHS_EN: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


# -- periods -----------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class DateRange:
    """A period of calendar days, both ends included: a plan's year, a report's quarter.

    Attributes:
        start: the first day.
        end: the last day.

    >>> DateRange.quarter(2020, 2)
    DateRange(start=Date(2020, 4, 1), end=Date(2020, 6, 30))
    >>> DateRange.quarter(2020, 2).label("vi"), DateRange.half(2025, 1).label("en")
    ('Quý II/2020', 'H1 2025')
    >>> DateRange(start="2020-04-10", end="2020-05-15").label("en")
    '2020-04-10 – 2020-05-15'
    """

    start: pendulum.Date = attrs.field(converter=day)
    end: pendulum.Date = attrs.field(converter=day)

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise fail(
                "period.end_before_start",
                "$.end",
                self.end.isoformat(),
                "Ngày cuối kỳ trước ngày đầu kỳ",
                "the period ends before it starts",
            )

    @classmethod
    def year(cls, year: int) -> DateRange:
        """1 January to 31 December of ``year``."""
        return cls(start=pendulum.Date(year, 1, 1), end=pendulum.Date(year, 12, 31))

    @classmethod
    def half(cls, year: int, half: int) -> DateRange:
        """The first (1) or second (2) six months of ``year``.

        Raises:
            InputError: ``period.bad_half``.
        """
        if half not in (1, 2):
            raise fail(
                "period.bad_half", "$.half", half, "Nửa năm là 1 hoặc 2", "a half year is 1 or 2"
            )
        return cls.months(year, 6 * half - 5, 6)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> DateRange:
        """Quarter 1..4 of ``year``.

        Raises:
            InputError: ``period.bad_quarter``.
        """
        if quarter not in (1, 2, 3, 4):
            raise fail(
                "period.bad_quarter",
                "$.quarter",
                quarter,
                "Quý là số từ 1 đến 4",
                "a quarter is a number from 1 to 4",
            )
        return cls.months(year, 3 * quarter - 2, 3)

    @classmethod
    def month(cls, year: int, month: int) -> DateRange:
        """Month 1..12 of ``year``.

        Raises:
            InputError: ``period.bad_month``.
        """
        if month not in range(1, 13):
            raise fail(
                "period.bad_month",
                "$.month",
                month,
                "Tháng là số từ 1 đến 12",
                "a month is a number from 1 to 12",
            )
        return cls.months(year, month, 1)

    @classmethod
    def months(cls, year: int, first: int, count: int) -> DateRange:
        """``count`` calendar months from month ``first`` of ``year``."""
        start = pendulum.Date(year, first, 1)
        return cls(start=start, end=start.add(months=count).subtract(days=1))

    def contains(self, day: dt.date) -> bool:
        """Whether ``day`` lies in the period (both ends included)."""
        return self.start <= as_date(day) <= self.end

    def label(self, lang: Lang = "vi") -> str:
        """The period as a report names it: a year, half, quarter, month, or its two days."""
        start, end, year = self.start, self.end, self.start.year
        whole_months = start.day == 1 and end.add(days=1).day == 1 and end.year == year
        count = end.month - start.month + 1
        if whole_months and count == 12:
            return f"Năm {year}" if lang == "vi" else str(year)
        if whole_months and count == 6 and start.month in (1, 7):
            half = 1 if start.month == 1 else 2
            if lang == "vi":
                return f"6 tháng {'đầu' if half == 1 else 'cuối'} năm {year}"
            return f"H{half} {year}"
        if whole_months and count == 3 and start.month % 3 == 1:
            quarter = (start.month + 2) // 3
            return f"Quý {_ROMAN[quarter - 1]}/{year}" if lang == "vi" else f"Q{quarter} {year}"
        if whole_months and count == 1:
            month = start.month
            return f"Tháng {month}/{year}" if lang == "vi" else f"{_MONTHS_EN[month - 1]} {year}"
        if lang == "vi":
            return f"{start.format('DD/MM/YYYY')} – {end.format('DD/MM/YYYY')}"
        return f"{start.isoformat()} – {end.isoformat()}"


def place_of(product: Product, subjects: dict[str, Subject]) -> Address | None:
    """Where the product is made; else where its subject sits, if known."""
    if product.place is not None:
        return product.place
    owner = subjects.get(product.subject_id)
    return None if owner is None else owner.address


def _unit(
    era: Era, level: Level, code: str, on: dt.date, path: str = "$"
) -> places.Province | places.District | places.Commune:
    """A target's unit: a legacy one as the lists of ``on`` name it (the plan's day), else as
    on the eve of the 2025 reform; a present one as it is."""
    if era is Era.LEGACY:
        try:
            if level is Level.PROVINCE:
                return places.province(code, era, on=on, path=path)
            if level is Level.DISTRICT:
                return places.district(code, on=on, path=path)
            return places.commune(code, era, on=on, path=path)
        except PlaceError:
            pass
    if level is Level.PROVINCE:
        return places.province(code, era, path=path)
    if level is Level.DISTRICT:
        return places.district(code, path=path)
    return places.commune(code, era, path=path)


def _fold(text: str) -> str:
    return nfc(text).casefold()


def product_set_of(product: Product) -> ProductSet:
    return product_set(product.decision, product.set_no)


# -- targets -----------------------------------------------------------------------------------


class Metric(enum.StrEnum):
    """What a target counts: how far a product has gone through the programme."""

    REGISTERED = "registered"
    """Registered: its dossier was filed (đăng ký tham gia)."""
    PROPOSED = "proposed"
    """Proposed to the provincial evaluation (đề xuất cấp tỉnh đánh giá) by the district
    (before 1 July 2025) or the commune."""
    EVALUATED = "evaluated"
    """Evaluated and ranked by a council that may recognise stars (đánh giá, phân hạng)."""
    CERTIFIED = "certified"
    """Recognised and certified (công nhận, cấp giấy chứng nhận)."""

    def label(self, lang: Lang = "vi") -> str:
        """The metric's name in the chosen language."""
        return _METRIC_VI[self] if lang == "vi" else _METRIC_EN[self]


_METRIC_VI: Final = {
    Metric.REGISTERED: "đăng ký tham gia",
    Metric.PROPOSED: "đề xuất cấp tỉnh đánh giá",
    Metric.EVALUATED: "được đánh giá, phân hạng",
    Metric.CERTIFIED: "được công nhận, cấp giấy chứng nhận",
}
_METRIC_EN: Final = {
    Metric.REGISTERED: "registered",
    Metric.PROPOSED: "proposed to the province",
    Metric.EVALUATED: "evaluated",
    Metric.CERTIFIED: "recognised and certified",
}
_CODE_WIDTH: Final = {Level.PROVINCE: 2, Level.DISTRICT: 3, Level.COMMUNE: 5}


def _to_target_level(value: Level | str, path: str) -> Level:
    level = to_choice(Level, value, path)
    if level is Level.CENTRE:
        raise fail(
            "plan.bad_unit_level",
            path,
            level.value,
            "Chỉ tiêu được giao cho tỉnh, huyện (trước 1/7/2025) hoặc xã",
            "a target is set for a province, a district (before 1 July 2025) or a commune",
        )
    return level


if TYPE_CHECKING:

    def _target_level(value: Level | str) -> Level: ...

else:
    _target_level = located(_to_target_level)


def _to_target_code(value: str | int, path: str) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    return to_text(value, path)


if TYPE_CHECKING:

    def _target_code(value: str | int) -> str: ...

else:
    _target_code = located(_to_target_code)


def _to_minimum(value: int, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise fail(
            "plan.bad_minimum",
            path,
            value,
            "Chỉ tiêu phải là số nguyên từ 1 trở lên",
            "a target is a whole number of at least 1",
        )
    return value


if TYPE_CHECKING:

    def _minimum(value: int) -> int: ...

else:
    _minimum = located(_to_minimum)


def _to_star(value: int | None, path: str) -> int | None:
    """``None``, or a number of stars, 1..5."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise fail(
            "star.out_of_range",
            path,
            value,
            "Hạng sao phải là số nguyên từ 1 đến 5",
            "a star rating must be a whole number from 1 to 5",
        )
    return value


if TYPE_CHECKING:

    def _star(value: int | None) -> int | None: ...

else:
    _star = located(_to_star)


@functools.cache
def _classification_names() -> tuple[frozenset[str], frozenset[str]]:
    """Every category and group name of every decision, folded."""
    sets = [item for decision in ("1048", "148", "26/2026") for item in product_sets(decision)]
    return (
        frozenset(_fold(item.category) for item in sets),
        frozenset(_fold(item.group) for item in sets if item.group is not None),
    )


@attrs.frozen(kw_only=True)
class Target:
    """One target of a plan (chỉ tiêu): at least ``minimum`` products of a unit reach
    ``metric`` by ``deadline``.

    Attributes:
        level: the kind of unit: ``"province"``, ``"district"`` (legacy plans) or
            ``"commune"``.
        code: the unit's GSO code in the plan's era (2, 3 or 5 digits).
        metric: what is counted.
        minimum: how many products at least.
        deadline: the last day that counts.
        min_stars: only products ranked at least this many stars (evaluated and certified
            metrics).
        max_stars: only products ranked at most this many stars; ``min_stars = max_stars``
            asks for exactly that star.
        category: only products of this product category (nhóm sản phẩm; ngành hàng under
            1048), by name as :func:`ocop.product_set` gives it.
        group: only products of this group (nhóm), by name.
        note: the target as the plan words it.

    >>> Target(level="district", code="883", metric="certified", minimum=1, min_stars=4,
    ...     max_stars=4, deadline=date(2020, 12, 31)).stars_label("en")
    '4★'
    """

    level: Level = attrs.field(converter=_target_level)
    code: str = attrs.field(converter=_target_code)
    metric: Metric = attrs.field(converter=OneOf[Metric])
    minimum: int = attrs.field(converter=_minimum)
    deadline: pendulum.Date = attrs.field(converter=day)
    min_stars: int | None = attrs.field(default=None, converter=_star)
    max_stars: int | None = attrs.field(default=None, converter=_star)
    category: str | None = attrs.field(default=None, converter=optional_filled_text)
    group: str | None = attrs.field(default=None, converter=optional_filled_text)
    note: str | None = attrs.field(default=None, converter=optional_text)

    def __attrs_post_init__(self) -> None:
        found = Problems()
        width = _CODE_WIDTH[self.level]
        if not (len(self.code) == width and self.code.isascii() and self.code.isdigit()):
            found.add(
                "place.bad_code",
                "$.code",
                self.code,
                vi=f"Mã đơn vị hành chính cấp này gồm {width} chữ số",
                en=f"the code of a {self.level.value} has {width} digits",
            )
        starred = self.min_stars is not None or self.max_stars is not None
        if starred and self.metric in (Metric.REGISTERED, Metric.PROPOSED):
            found.add(
                "plan.stars_without_result",
                "$.min_stars" if self.min_stars is not None else "$.max_stars",
                self.min_stars if self.min_stars is not None else self.max_stars,
                vi="Hạng sao chỉ áp dụng cho chỉ tiêu sản phẩm được đánh giá hoặc công nhận",
                en="stars apply only to targets on evaluated or certified products",
            )
        if (
            self.min_stars is not None
            and self.max_stars is not None
            and self.max_stars < self.min_stars
        ):
            found.add(
                "plan.stars_reversed",
                "$.max_stars",
                self.max_stars,
                vi="Hạng sao tối đa nhỏ hơn hạng sao tối thiểu",
                en="the highest star is below the lowest",
            )
        if self.metric is Metric.CERTIFIED and self.max_stars is not None and self.max_stars < 3:
            found.add(
                "plan.stars_not_certifiable",
                "$.max_stars",
                self.max_stars,
                vi="Chỉ sản phẩm từ 3 sao được công nhận (QĐ 26/2026/QĐ-TTg, Điều 4.1.a)",
                en="only products of 3★ or more are certified (QĐ 26/2026/QĐ-TTg, Art. 4.1.a)",
            )
        categories, groups = _classification_names()
        if self.category is not None and _fold(self.category) not in categories:
            found.add(
                "plan.unknown_category",
                "$.category",
                self.category,
                vi=f"Không có nhóm sản phẩm “{self.category}” trong các quyết định",
                en=f"no decision has the product category “{self.category}”",
            )
        if self.group is not None and _fold(self.group) not in groups:
            found.add(
                "plan.unknown_group",
                "$.group",
                self.group,
                vi=f"Không có nhóm “{self.group}” trong các quyết định",
                en=f"no decision has the product group “{self.group}”",
            )
        found.raise_if_any(InputError)

    def stars_label(self, lang: Lang = "vi") -> str:
        """The star condition: ``"≥ 3★"``, ``"4★"``, ``"3★–4★"``, or ``""`` for none."""
        low, high = self.min_stars, self.max_stars
        if low is None and high is None:
            return ""
        if low is not None and high is not None:
            return f"{low}★" if low == high else f"{low}★–{high}★"
        return f"≥ {low}★" if low is not None else f"≤ {high}★"

    def takes(self, product: Product) -> bool:
        """Whether the target's category and group let ``product`` count."""
        if self.category is None and self.group is None:
            return True
        kind = product_set_of(product)
        if self.category is not None and _fold(kind.category) != _fold(self.category):
            return False
        return self.group is None or (
            kind.group is not None and _fold(kind.group) == _fold(self.group)
        )

    def takes_star(self, star: int | None) -> bool:
        """Whether a product ranked ``star`` meets the target's star condition."""
        if self.min_stars is None and self.max_stars is None:
            return True
        if star is None:
            return False
        return (self.min_stars is None or star >= self.min_stars) and (
            self.max_stars is None or star <= self.max_stars
        )


def _each(
    units: Sequence[places.District] | Sequence[places.Commune],
    level: Level,
    **fields: Any,
) -> tuple[Target, ...]:
    return tuple(Target(level=level, code=unit.code, **fields) for unit in units)


def each_district(
    province: places.Province | int | str,
    *,
    minimum: int,
    metric: Metric | str,
    deadline: dt.date | str,
    min_stars: int | None = None,
    max_stars: int | None = None,
    category: str | None = None,
    group: str | None = None,
    note: str | None = None,
) -> tuple[Target, ...]:
    """One target per legacy district of a legacy province: "each district, town and city
    sends at least ``minimum`` products …".

    Raises:
        PlaceError: the province is not a legacy one.

    >>> [t.code for t in each_district(89, minimum=3, metric="proposed",
    ...     deadline=date(2020, 12, 31))][:3]
    ['883', '884', '886']
    """
    return _each(
        places.districts(province),
        Level.DISTRICT,
        minimum=minimum,
        metric=metric,
        deadline=deadline,
        min_stars=min_stars,
        max_stars=max_stars,
        category=category,
        group=group,
        note=note,
    )


def each_commune(
    province: places.Province | int | str,
    *,
    era: Era | str = Era.PRESENT,
    minimum: int,
    metric: Metric | str,
    deadline: dt.date | str,
    min_stars: int | None = None,
    max_stars: int | None = None,
    category: str | None = None,
    group: str | None = None,
    note: str | None = None,
) -> tuple[Target, ...]:
    """One target per commune of a province in ``era`` (present by default): "each commune
    has at least ``minimum`` products …" ("mỗi xã một sản phẩm").

    Raises:
        PlaceError: the province does not exist in ``era``.

    >>> len(each_commune(91, minimum=1, metric="certified", deadline=date(2026, 12, 31)))
    102
    """
    chosen = to_choice(Era, era, "$.era")
    return _each(
        places.communes(chosen, province=province),
        Level.COMMUNE,
        minimum=minimum,
        metric=metric,
        deadline=deadline,
        min_stars=min_stars,
        max_stars=max_stars,
        category=category,
        group=group,
        note=note,
    )


# -- plans -------------------------------------------------------------------------------------


def _to_province_code(value: str | int, path: str) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = f"{value:02d}"
    return to_text(value, path)


if TYPE_CHECKING:

    def _province_code(value: str | int) -> str: ...

else:
    _province_code = located(_to_province_code)


@attrs.frozen(kw_only=True, repr=False)
class Plan:
    """A programme plan (kế hoạch) with its targets, in the units of one era.

    Attributes:
        issuer: who issued it ("UBND tỉnh An Giang").
        number: its number ("180/KH-UBND").
        issued_on: its date.
        title: its title.
        period: the period it plans for; events before its first day do not count.
        province_code: the province it covers, in the plan's era ("89" for An Giang in 2020).
        era: the era of the units it names; by default the one in force on ``issued_on``.
        targets: its targets.

    Raises:
        InputError: every problem at once: ``plan.no_targets``, ``plan.no_districts``
            (a district target in a present plan), ``place.unknown_*``,
            ``plan.unit_outside_province``, ``plan.deadline_before_plan``,
            ``plan.duplicate_target``.
    """

    issuer: str = attrs.field(converter=text)
    number: str = attrs.field(converter=text)
    issued_on: pendulum.Date = attrs.field(converter=day)
    title: str = attrs.field(converter=text)
    period: DateRange
    province_code: str = attrs.field(converter=_province_code)
    era: Era = attrs.field(converter=OneOf[Era])
    targets: tuple[Target, ...] = attrs.field(converter=TupleOf[Target])

    def __repr__(self) -> str:
        return (
            f"Plan(issuer={self.issuer!r}, number={self.number!r}, "
            f"period={self.period.label('en')!r}, targets={len(self.targets)})"
        )

    @era.default
    def _era_of_issue(self) -> Era:
        return places.era_for(self.issued_on)

    def __attrs_post_init__(self) -> None:
        found = Problems()
        try:
            places.province(self.province_code, self.era, path="$.province_code")
        except PlaceError as error:
            found.extend(error.problems)
        if not self.targets:
            found.add(
                "plan.no_targets",
                "$.targets",
                [],
                vi="Kế hoạch cần ít nhất một chỉ tiêu",
                en="a plan needs at least one target",
            )
        seen: set[tuple[Any, ...]] = set()
        for index, target in enumerate(self.targets):
            path = join_path("$.targets", index)
            self._check_unit(found, target, path)
            if target.deadline < self.issued_on:
                found.add(
                    "plan.deadline_before_plan",
                    join_path(path, "deadline"),
                    target.deadline.isoformat(),
                    vi="Thời hạn của chỉ tiêu trước ngày ban hành kế hoạch",
                    en="the target's deadline is before the plan was issued",
                )
            key = attrs.astuple(attrs.evolve(target, note=None))
            if key in seen:
                found.add(
                    "plan.duplicate_target",
                    path,
                    target.code,
                    vi="Chỉ tiêu trùng với một chỉ tiêu trước đó",
                    en="the target repeats an earlier one",
                )
            seen.add(key)
        found.raise_if_any(InputError)

    def _check_unit(self, found: Problems, target: Target, path: str) -> None:
        code_path = join_path(path, "code")
        if target.level is Level.DISTRICT and self.era is Era.PRESENT:
            found.add(
                "plan.no_districts",
                join_path(path, "level"),
                target.code,
                vi="Từ ngày 1/7/2025 không còn đơn vị hành chính cấp huyện",
                en="there are no districts from 1 July 2025",
            )
            return
        try:
            unit = _unit(self.era, target.level, target.code, self._units_day, code_path)
            province = unit.code if isinstance(unit, places.Province) else unit.province_code
        except PlaceError as error:
            found.extend(error.problems)
            return
        if province != self.province_code:
            found.add(
                "plan.unit_outside_province",
                code_path,
                target.code,
                vi=f"Đơn vị mã {target.code} không thuộc tỉnh mã {self.province_code}",
                en=f"unit {target.code} is not in province {self.province_code}",
            )

    @property
    def _units_day(self) -> dt.date:
        """The day whose units the plan names: its issue, before the 2025 reform."""
        return min(self.issued_on, places.REFORM_DATE - dt.timedelta(days=1))

    def unit_name(self, target: Target) -> str:
        """The name of a target's unit in the plan's era, as on the day the plan was issued
        ("Thành phố Long Xuyên"; a district of 2020 by its name of 2020)."""
        return _unit(self.era, target.level, target.code, self._units_day).name


# -- records -----------------------------------------------------------------------------------


def _to_points(value: Decimal | float | str | None, path: str) -> Decimal | None:
    """``None``, or a 100-point score kept at two decimals."""
    return None if value is None else to_score(value, path=path)


if TYPE_CHECKING:

    def _points(value: Decimal | float | str | None) -> Decimal | None: ...

else:
    _points = located(_to_points)


_STEPS: Final = ("registered_on", "proposed_on", "evaluated_on", "certified_on")


@attrs.frozen(kw_only=True)
class ProductRecord:
    """What the programme knows of one evaluation of a product: the days it reached each step,
    and its result.

    A record comes from an application's events (:func:`record_of`) or from published lists
    (a recognition decision names the product, its star and its date). A product evaluated
    twice (a re-evaluation, an upgrade) has two records.

    Attributes:
        product: the product.
        registered_on: the day its dossier was filed.
        proposed_on: the day the district (before 1 July 2025) or the commune proposed it to
            the province.
        evaluated_on: the day a council that may recognise stars first scored it.
        score: the final score the star rests on.
        star: the star recognised, or else the star the result ranked it at.
        certified_on: the day its certificate was issued.
        certificate_number: that certificate's number.

    Raises:
        InputError: ``record.dates_out_of_order``, ``record.star_missing`` (certified without
            a star), ``record.not_certifiable`` (certified below 3★),
            ``record.number_without_certificate``.
    """

    product: Product
    registered_on: pendulum.Date | None = attrs.field(default=None, converter=optional_day)
    proposed_on: pendulum.Date | None = attrs.field(default=None, converter=optional_day)
    evaluated_on: pendulum.Date | None = attrs.field(default=None, converter=optional_day)
    score: Decimal | None = attrs.field(default=None, converter=_points)
    star: int | None = attrs.field(default=None, converter=_star)
    certified_on: pendulum.Date | None = attrs.field(default=None, converter=optional_day)
    certificate_number: str | None = attrs.field(default=None, converter=optional_filled_text)

    def __attrs_post_init__(self) -> None:
        found = Problems()
        earlier: tuple[str, pendulum.Date] | None = None
        for name in _STEPS:
            day = getattr(self, name)
            if day is None:
                continue
            if earlier is not None and day < earlier[1]:
                found.add(
                    "record.dates_out_of_order",
                    f"$.{name}",
                    day.isoformat(),
                    vi=f"Ngày này trước ngày của bước trước ({earlier[0]} {earlier[1]})",
                    en=f"this day is before the previous step's ({earlier[0]} {earlier[1]})",
                )
            earlier = (name, day)
        if self.certified_on is not None and self.star is None:
            found.add(
                "record.star_missing",
                "$.star",
                None,
                vi="Sản phẩm được công nhận cần có hạng sao",
                en="a certified product needs its star",
            )
        elif self.certified_on is not None and self.star is not None and self.star < 3:
            found.add(
                "record.not_certifiable",
                "$.star",
                self.star,
                vi="Chỉ sản phẩm từ 3 sao được công nhận (QĐ 26/2026/QĐ-TTg, Điều 4.1.a)",
                en="only products of 3★ or more are certified (QĐ 26/2026/QĐ-TTg, Art. 4.1.a)",
            )
        if self.certificate_number is not None and self.certified_on is None:
            found.add(
                "record.number_without_certificate",
                "$.certified_on",
                None,
                vi="Có số giấy chứng nhận nhưng thiếu ngày cấp",
                en="a certificate number is given without the day it was issued",
            )
        found.raise_if_any(InputError)

    def reached(self, metric: Metric) -> pendulum.Date | None:
        """The day the product reached ``metric`` in this record, if it did."""
        if metric is Metric.REGISTERED:
            return self.registered_on
        if metric is Metric.PROPOSED:
            return self.proposed_on
        if metric is Metric.EVALUATED:
            return self.evaluated_on
        return self.certified_on


def record_of(application: Application) -> ProductRecord:
    """The record of an application, read from its events, results, decision and certificate.

    * registered: the day it was filed;
    * proposed: the first move that put it with the province (the district sending it up
      before 1 July 2025, the commune forwarding it after);
    * evaluated: the first result of a level that may recognise stars in the application's era
      (the district's pre-scoring under QĐ 1048/2019 recognises none and is not an
      evaluation; under QĐ 148/2023 the district recognises 3★ and is);
    * the score and star: those the decision rests on (a refusal keeps the ranked star), or
      the latest such result while none is decided;
    * certified: the certificate's day of issue and number.
    """
    rules = application.regulation

    def ranks(level: Level | None) -> bool:
        rule = None if level is None else rules.rule(level)
        return rule is not None and bool(rule.recognises)

    proposed = next(
        (
            event.on
            for event in application.events
            if event.after is DossierState.FORWARDED and event.level is Level.PROVINCE
        ),
        None,
    )
    evaluated = next(
        (
            event.on
            for event in application.events
            if event.action is Action.SCORE and ranks(event.level)
        ),
        None,
    )
    decision = application.decision
    ranked = [result for result in application.results if ranks(result.level)]
    if decision is not None:
        resting = [item for item in ranked if item.level is decision.on_result_of]
        ranked = resting or ranked
    result = ranked[-1] if ranked else None
    star: int | None = None
    if decision is not None and decision.stars is not None:
        star = decision.stars
    elif result is not None and result.classification.star is not None:
        star = result.classification.star.stars
    certificate = application.certificate
    return ProductRecord(
        product=application.product,
        registered_on=application.filed_on,
        proposed_on=proposed,
        evaluated_on=evaluated,
        score=None if result is None else result.score,
        star=star,
        certified_on=None if certificate is None else certificate.issued_on,
        certificate_number=None if certificate is None else certificate.number,
    )


# -- progress ----------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class TargetProgress:
    """How far one target is, on a day: which products reached each step.

    Every step counts products of the target's unit, category and group; the evaluated and
    certified steps also only those of its stars. The counts are the lengths of the lists.

    Attributes:
        target: the target.
        registered_ids: the products registered, by id.
        proposed_ids: the products proposed to the province.
        evaluated_ids: the products evaluated.
        certified_ids: the products recognised and certified.
    """

    target: Target
    registered_ids: tuple[str, ...] = attrs.field(default=(), converter=TupleOf[str])
    proposed_ids: tuple[str, ...] = attrs.field(default=(), converter=TupleOf[str])
    evaluated_ids: tuple[str, ...] = attrs.field(default=(), converter=TupleOf[str])
    certified_ids: tuple[str, ...] = attrs.field(default=(), converter=TupleOf[str])

    def ids(self, metric: Metric) -> tuple[str, ...]:
        """The products that reached ``metric``."""
        found: tuple[str, ...] = getattr(self, f"{metric.value}_ids")
        return found

    def count(self, metric: Metric) -> int:
        """How many products reached ``metric``."""
        return len(self.ids(metric))

    @property
    def registered(self) -> int:
        """How many products registered."""
        return len(self.registered_ids)

    @property
    def proposed(self) -> int:
        """How many products were proposed to the province."""
        return len(self.proposed_ids)

    @property
    def evaluated(self) -> int:
        """How many products were evaluated."""
        return len(self.evaluated_ids)

    @property
    def certified(self) -> int:
        """How many products were recognised and certified."""
        return len(self.certified_ids)

    @property
    def planned(self) -> int:
        """The number planned: the target's minimum."""
        return self.target.minimum

    @property
    def products(self) -> tuple[str, ...]:
        """The products counted for the target's own metric."""
        return self.ids(self.target.metric)

    @property
    def achieved(self) -> int:
        """How many products reached the target's own metric."""
        return len(self.products)

    @property
    def met(self) -> bool:
        """Whether the target is reached."""
        return self.achieved >= self.target.minimum

    @property
    def short(self) -> int:
        """How many products are still missing (0 when met)."""
        return max(0, self.target.minimum - self.achieved)


@attrs.frozen(kw_only=True)
class Shortfall:
    """A unit behind its target, on a day.

    Attributes:
        unit_level: ``"province"``, ``"district"`` or ``"commune"``.
        unit_code: the unit's code.
        unit_name: its name.
        metric: what the target counts.
        minimum: the number planned.
        achieved: the number reached.
        deadline: the target's deadline.
        days_left: calendar days from the day asked about to the deadline (negative once it
            has passed).
    """

    unit_level: Level = attrs.field(converter=OneOf[Level])
    unit_code: str
    unit_name: str
    metric: Metric = attrs.field(converter=OneOf[Metric])
    minimum: int
    achieved: int
    deadline: pendulum.Date = attrs.field(converter=day)
    days_left: int

    @property
    def short(self) -> int:
        """How many products are missing."""
        return self.minimum - self.achieved


@attrs.frozen(kw_only=True, repr=False)
class Progress:
    """A plan's progress on a day: one :class:`TargetProgress` per target, in the plan's order.

    Attributes:
        plan: the plan.
        on: the day.
        targets: the progress of each target.
    """

    plan: Plan
    on: pendulum.Date = attrs.field(converter=day)
    targets: tuple[TargetProgress, ...] = attrs.field(converter=TupleOf[TargetProgress])

    def __repr__(self) -> str:
        met = sum(item.met for item in self.targets)
        return (
            f"Progress(plan={self.plan.number!r}, on={self.on.isoformat()!r}, "
            f"targets={len(self.targets)}, met={met})"
        )

    def _repr_html_(self) -> str:
        from ocop._html import progress

        return progress(self)

    def to_frame(self) -> Any:
        """One row per target, as a pandas DataFrame (``pip install 'ocop[pandas]'``)."""
        from ocop._frames import data_frame

        return data_frame(progress_rows(self))

    @property
    def met(self) -> bool:
        """Whether every target is reached."""
        return all(item.met for item in self.targets)

    @property
    def behind(self) -> tuple[Shortfall, ...]:
        """The units behind their targets, in the plan's order."""
        return tuple(
            Shortfall(
                unit_level=item.target.level,
                unit_code=item.target.code,
                unit_name=self.plan.unit_name(item.target),
                metric=item.target.metric,
                minimum=item.target.minimum,
                achieved=item.achieved,
                deadline=item.target.deadline,
                days_left=item.target.deadline.toordinal() - self.on.toordinal(),
            )
            for item in self.targets
            if not item.met
        )

    def render(self, lang: Lang = "vi") -> str:
        """The progress as a text table, one line per target."""
        vi = lang == "vi"
        headers = (
            ("Đơn vị", "Chỉ tiêu", "Kế hoạch", "Đăng ký", "Đề xuất", "Đánh giá", "Công nhận")
            if vi
            else ("Unit", "Target", "Planned", "Registered", "Proposed", "Evaluated", "Certified")
        )
        lines = [
            (
                self.plan.unit_name(item.target),
                " ".join(
                    part
                    for part in (item.target.metric.label(lang), item.target.stars_label(lang))
                    if part
                ),
                item.planned,
                item.registered,
                item.proposed,
                item.evaluated,
                item.certified,
            )
            for item in self.targets
        ]
        met = sum(item.met for item in self.targets)
        heading = (
            f"{self.plan.issuer}, Kế hoạch số {self.plan.number} — tiến độ đến ngày "
            f"{self.on.format('DD/MM/YYYY')}: đạt {met}/{len(self.targets)} chỉ tiêu"
            if vi
            else f"{self.plan.issuer}, plan {self.plan.number} — progress on "
            f"{self.on.isoformat()}: {met} of {len(self.targets)} targets met"
        )
        return heading + "\n" + text_table(headers, lines)


def progress(
    plan: Plan,
    records: Iterable[ProductRecord],
    *,
    on: dt.date | str,
    subjects: Iterable[Subject] = (),
) -> Progress:
    """A plan's progress on ``on``.

    A product counts for a target when its place (or, if the product has none, its subject's
    address) counts for the target's unit under the module's reading, its product set is of the
    target's category and group, and one of its records reached the metric between the first
    day of the plan's period and ``on``, and not after the target's deadline. For the evaluated
    and certified counts its star must also meet the target's stars.

    Args:
        plan: the plan.
        records: every record known, of any product; several may be of one product.
        on: the day asked about.
        subjects: the subjects, to place products that have no place of their own.
    """
    day = to_day(on, "$.on")
    owners = {subject.id: subject for subject in subjects}
    # Each record placed once: the records that count for each unit the targets name.
    levels = {target.level for target in plan.targets}
    placed: dict[tuple[Level, str], list[ProductRecord]] = {}
    for record in records:
        where = reach(place_of(record.product, owners))
        for level in levels:
            for code in where.units(plan.era, level):
                placed.setdefault((level, code), []).append(record)
    items = []
    for target in plan.targets:
        last = min(day, target.deadline)
        counted: dict[Metric, set[str]] = {metric: set() for metric in Metric}
        for record in placed.get((target.level, target.code), ()):
            product = record.product
            if not target.takes(product):
                continue
            for metric in Metric:
                reached = record.reached(metric)
                if reached is None or not plan.period.start <= reached <= last:
                    continue
                if metric in (Metric.EVALUATED, Metric.CERTIFIED) and not target.takes_star(
                    record.star
                ):
                    continue
                counted[metric].add(product.id)
        items.append(
            TargetProgress(
                target=target,
                registered_ids=sorted(counted[Metric.REGISTERED]),
                proposed_ids=sorted(counted[Metric.PROPOSED]),
                evaluated_ids=sorted(counted[Metric.EVALUATED]),
                certified_ids=sorted(counted[Metric.CERTIFIED]),
            )
        )
    return Progress(plan=plan, on=day, targets=tuple(items))


# -- text tables -------------------------------------------------------------------------------


def text_table(headers: Sequence[str], lines: Iterable[Sequence[object]]) -> str:
    """A plain-text table: text left-aligned, numbers right-aligned, ``None`` as ``-``.

    >>> print(text_table(("Hạng sao", "Số sản phẩm"), [("3★", 4), ("4★", 12)]))
    Hạng sao  Số sản phẩm
    --------  -----------
    3★                  4
    4★                 12
    """
    values = [tuple(line) for line in lines]
    cells = [["-" if cell is None else str(cell) for cell in line] for line in values]
    numeric = [
        bool(values)
        and all(isinstance(line[i], int | Decimal) or line[i] is None for line in values)
        for i in range(len(headers))
    ]
    widths = [
        max([len(header)] + [len(row[i]) for row in cells]) for i, header in enumerate(headers)
    ]

    def fit(row: Sequence[str]) -> str:
        return "  ".join(
            cell.rjust(widths[i]) if numeric[i] else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ).rstrip()

    out = [fit(headers), "  ".join("-" * width for width in widths)]
    out.extend(fit(row) for row in cells)
    return "\n".join(out)


def progress_rows(progress: Progress) -> list[dict[str, object]]:
    """One row per target of a plan's progress: the rows of :meth:`Progress.to_frame`."""
    return [
        {
            "on": progress.on.isoformat(),
            "level": item.target.level.value,
            "code": item.target.code,
            "unit": progress.plan.unit_name(item.target),
            "metric": item.target.metric.value,
            "minimum": item.target.minimum,
            "deadline": item.target.deadline.isoformat(),
            "registered": item.registered,
            "proposed": item.proposed,
            "evaluated": item.evaluated,
            "certified": item.certified,
            "achieved": item.achieved,
            "met": item.met,
        }
        for item in progress.targets
    ]
