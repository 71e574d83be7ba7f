"""Periodic reports of the programme, and flat rows for analysis.

A province reports on the programme every quarter, half year and year, and when asked
(báo cáo định kỳ, đột xuất): how many products were evaluated and recognised in the period and
how many are OCOP products at its end, by star, by product category and group, by kind of
subject and by unit; and which certificates were issued, reached their expiry, lapsed or were
revoked. :func:`periodic_report` compiles such a :class:`Report` from the products, the
programme's records (:class:`~ocop.plan.ProductRecord`) and the certificates; its
:meth:`Report.render` prints it in Vietnamese or English.

In each table a product counts once per column:

* **evaluated**: a record of it was evaluated in the period, under that record's star (the
  latest, if several), or as unranked when eliminated;
* **recognised**: a certificate of it was issued in the period (the latest, if several), or a
  record says it was certified in the period;
* **in force**: a certificate of it is in force on the period's last day (valid, in its
  re-evaluation window, or in the grace of QĐ 26/2026/QĐ-TTg Art. 12.3).

So the rows of every table add up to the same totals. The units are those of the report's era
(by default the one in force on the period's last day): the districts of a legacy province, the
communes of a present one, or the provinces when no province is given. A product is placed as
:mod:`ocop.plan` reads places across 1 July 2025; one that cannot be given a single unit (no
place, or a present commune made from communes of two districts) is counted under "unknown".

:func:`rows` flattens products, subjects, records and certificates into one dict per product
with plain values, for ``pandas.DataFrame(rows(...))``, and :func:`write_csv` writes them.

>>> from ocop.subject import Address
>>> tea = Product(id="tra-xa-den", name="Trà xạ đen", decision="1048", set_no=13,
...     subject_id="s1", place=Address(era="legacy", district_code="883"))
>>> cert = Certificate(number="AG-2020-03", product_id="tra-xa-den", subject_id="s1",
...     stars=3, level="province", authority="UBND tỉnh An Giang",
...     decision_no="600/QĐ-UBND", decision_date=date(2020, 3, 20),
...     issued_on=date(2020, 3, 25))
>>> quarter = periodic_report([tea], period=DateRange.quarter(2020, 1),
...     issuer="UBND tỉnh An Giang", province=89, certificates=[cert])
>>> quarter.total.recognised, quarter.by_unit[0].label_vi, quarter.by_unit[0].recognised
(1, 'Thành phố Long Xuyên', 1)
>>> [(row["product_id"], row["district"], row["star"], row["certificate_status"])
...  for row in rows([tea], certificates=[cert], on=date(2020, 6, 30))]
[('tra-xa-den', 'Thành phố Long Xuyên', 3, 'valid')]
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final, TypeAlias

import attrs
import pendulum

from ocop import places
from ocop._fields import (
    OneOf,
    TupleOf,
    fail,
    located,
    optional_text,
    text,
    text_or_empty,
    to_choice,
    to_day,
    to_text,
)
from ocop._reach import reach
from ocop.calendar import date as date  # for the examples above
from ocop.certificate import Certificate, CertificateStatus
from ocop.errors import InputError, Lang, PlaceError, Problem, Problems, join_path
from ocop.places import Era
from ocop.plan import DateRange, ProductRecord, place_of, product_set_of, text_table
from ocop.product import Product
from ocop.regulation import Level
from ocop.subject import Subject, SubjectKind

__all__ = [
    "COLUMNS",
    "CertificateTally",
    "Report",
    "Row",
    "Tally",
    "periodic_report",
    "rows",
    "write_csv",
]

Value: TypeAlias = str | int | float | None
Row: TypeAlias = dict[str, Value]
"""One product's row: column name to a plain value (text, number, ISO date or ``None``)."""

UNKNOWN: Final = ""
"""The key of the row of products whose unit, group or subject is not known."""
UNRANKED: Final = "unranked"
"""The key of the row of products evaluated without a star (eliminated)."""


# -- tables ------------------------------------------------------------------------------------


def _check_count(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise fail(
            "count.invalid",
            f"$.{attribute.name}",
            value,
            "Số đếm phải là số nguyên không âm",
            "a count is a whole number of at least 0",
        )


@attrs.frozen(kw_only=True)
class Tally:
    """One line of a report's table.

    Attributes:
        key: what the line counts: a star (``"4"``), a category or group name, a kind of
            subject, a unit code; ``""`` for the unknown, ``"unranked"`` for eliminated.
        label_vi: the line's name in Vietnamese.
        label_en: the line's name in English.
        evaluated: products evaluated in the period.
        recognised: products recognised in the period.
        in_force: OCOP products at the end of the period.
    """

    key: str = attrs.field(converter=text_or_empty)
    label_vi: str = attrs.field(converter=text)
    label_en: str = attrs.field(converter=text)
    evaluated: int = attrs.field(default=0, validator=_check_count)
    recognised: int = attrs.field(default=0, validator=_check_count)
    in_force: int = attrs.field(default=0, validator=_check_count)

    def label(self, lang: Lang = "vi") -> str:
        """The line's name in the chosen language."""
        return self.label_en if lang == "en" else self.label_vi

    @property
    def empty(self) -> bool:
        """Whether every count is zero."""
        return not (self.evaluated or self.recognised or self.in_force)


@attrs.frozen(kw_only=True)
class CertificateTally:
    """The certificates a report lists, by number.

    Attributes:
        issued: issued in the period.
        expiring: whose last day of validity falls in the period (36 months after issue,
            QĐ 26/2026/QĐ-TTg Art. 4.3).
        expired: of those, the ones expired on the period's last day: neither renewed
            (superseded), revoked, nor kept in force by a late re-evaluation (Art. 12.3).
        revoked: revoked by a decision dated in the period (Art. 8).
    """

    issued: tuple[str, ...] = attrs.field(default=(), converter=TupleOf[str])
    expiring: tuple[str, ...] = attrs.field(default=(), converter=TupleOf[str])
    expired: tuple[str, ...] = attrs.field(default=(), converter=TupleOf[str])
    revoked: tuple[str, ...] = attrs.field(default=(), converter=TupleOf[str])


def _to_province_code(value: str | int | None, path: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        value = f"{value:02d}"
    code = to_text(value, path)
    if not (len(code) == 2 and code.isascii() and code.isdigit()):
        raise fail(
            "place.bad_code",
            path,
            value,
            "Mã tỉnh, thành phố là số có 2 chữ số",
            "a province code is a number of 2 digits",
        )
    return code


if TYPE_CHECKING:

    def _province_code(value: str | int | None) -> str | None: ...

else:
    _province_code = located(_to_province_code)


@attrs.frozen(kw_only=True)
class Report:
    """A periodic report of the programme (báo cáo kết quả thực hiện Chương trình OCOP).

    Attributes:
        issuer: who reports ("UBND tỉnh An Giang").
        period: the period reported on.
        era: the era of the units in :attr:`by_unit`.
        province_code: the province reported on, in that era; ``None`` for the whole country.
        number: the report's number, if it has one.
        by_star: one line per star, highest first; 3★ to 5★ always, 1★, 2★ and unranked when
            there are any.
        by_category: one line per product category (nhóm sản phẩm; ngành hàng under 1048).
        by_group: one line per group (nhóm); 1048 products, which have none, under ``""``.
        by_subject_kind: one line per kind of subject.
        by_unit: one line per district (legacy province), commune (present province) or
            province (whole country), then the unknown.
        certificates: the certificates issued, expiring, expired and revoked.
    """

    issuer: str = attrs.field(converter=text)
    period: DateRange
    era: Era = attrs.field(converter=OneOf[Era])
    province_code: str | None = attrs.field(default=None, converter=_province_code)
    number: str | None = attrs.field(default=None, converter=optional_text)
    by_star: tuple[Tally, ...] = attrs.field(default=(), converter=TupleOf[Tally])
    by_category: tuple[Tally, ...] = attrs.field(default=(), converter=TupleOf[Tally])
    by_group: tuple[Tally, ...] = attrs.field(default=(), converter=TupleOf[Tally])
    by_subject_kind: tuple[Tally, ...] = attrs.field(default=(), converter=TupleOf[Tally])
    by_unit: tuple[Tally, ...] = attrs.field(default=(), converter=TupleOf[Tally])
    certificates: CertificateTally = attrs.field(factory=CertificateTally)

    @property
    def total(self) -> Tally:
        """The totals: the sum of the lines of :attr:`by_unit`."""
        return Tally(
            key="total",
            label_vi="Tổng cộng",
            label_en="Total",
            evaluated=sum(line.evaluated for line in self.by_unit),
            recognised=sum(line.recognised for line in self.by_unit),
            in_force=sum(line.in_force for line in self.by_unit),
        )

    def title(self, lang: Lang = "vi") -> str:
        """The report's title with its period."""
        if lang == "en":
            return f"Report on the OCOP programme — {self.period.label('en')}"
        return f"Báo cáo kết quả thực hiện Chương trình OCOP — {self.period.label('vi')}"

    def render(self, lang: Lang = "vi") -> str:
        """The report as text: a heading, its five tables and its certificates.

        >>> report = Report(issuer="UBND tỉnh An Giang", period=DateRange.quarter(2020, 2),
        ...     era="legacy", province_code="89", by_star=[Tally(key="4", label_vi="4★",
        ...     label_en="4★", recognised=2, in_force=2)],
        ...     certificates=CertificateTally(issued=("AG-01", "AG-02")))
        >>> print(report.render("en"))  # doctest: +ELLIPSIS
        Report on the OCOP programme — Q2 2020
        UBND tỉnh An Giang; Tỉnh An Giang (89); 2020-04-01 – 2020-06-30
        <BLANKLINE>
        Star  Evaluated  Recognised  In force
        ----  ---------  ----------  --------
        4★            0           2         2
        ...
        Certificates
        - Issued in the period: 2 (AG-01, AG-02)
        - Reaching expiry in the period: 0
        - Expired: 0
        - Revoked in the period: 0
        """
        vi = lang == "vi"
        where = (
            places.province(self.province_code, self.era).name
            if self.province_code is not None
            else ("Toàn quốc" if vi else "Whole country")
        )
        code = f" ({self.province_code})" if self.province_code is not None else ""
        days = (
            f"{self.period.start.format('DD/MM/YYYY')} – {self.period.end.format('DD/MM/YYYY')}"
            if vi
            else f"{self.period.start.isoformat()} – {self.period.end.isoformat()}"
        )
        number = f"; {'số' if vi else 'no.'} {self.number}" if self.number else ""
        out = [self.title(lang), f"{self.issuer}{number}; {where}{code}; {days}"]
        counts = (
            ("Đánh giá", "Công nhận", "Còn hiệu lực")
            if vi
            else ("Evaluated", "Recognised", "In force")
        )
        for name_vi, name_en, table, totalled in (
            ("Hạng sao", "Star", self.by_star, False),
            ("Nhóm sản phẩm", "Category", self.by_category, False),
            ("Nhóm", "Group", self.by_group, False),
            ("Loại hình chủ thể", "Kind of subject", self.by_subject_kind, False),
            ("Đơn vị hành chính", "Unit", self.by_unit, True),
        ):
            lines: list[tuple[object, ...]] = [
                (line.label(lang), line.evaluated, line.recognised, line.in_force) for line in table
            ]
            if totalled:
                total = self.total
                lines.append((total.label(lang), total.evaluated, total.recognised, total.in_force))
            out += ["", text_table((name_vi if vi else name_en, *counts), lines)]
        certs = self.certificates
        out += ["", "Giấy chứng nhận" if vi else "Certificates"]
        for label_vi, label_en, numbers in (
            ("Cấp mới trong kỳ", "Issued in the period", certs.issued),
            ("Đến hạn trong kỳ", "Reaching expiry in the period", certs.expiring),
            ("Đã hết hiệu lực", "Expired", certs.expired),
            ("Bị thu hồi trong kỳ", "Revoked in the period", certs.revoked),
        ):
            listed = f" ({', '.join(numbers)})" if numbers else ""
            out.append(f"- {label_vi if vi else label_en}: {len(numbers)}{listed}")
        return "\n".join(out)


# -- compiling a report ------------------------------------------------------------------------


_STARS_VI: Final = {UNRANKED: "Không xếp hạng (bị loại)"}
_STARS_EN: Final = {UNRANKED: "Unranked (eliminated)"}
_UNKNOWN_VI: Final = "Không xác định"
_UNKNOWN_EN: Final = "Unknown"


@attrs.frozen
class _Counted:
    """What a product counts as in a report: each column's star, if it counts there."""

    product: Product
    evaluated: str | None
    recognised: str | None
    in_force: str | None


def _known_products(
    products: Iterable[Product], records: Sequence[ProductRecord]
) -> dict[str, Product]:
    known: dict[str, Product] = {}
    for product in products:
        known.setdefault(product.id, product)
    for record in records:
        known.setdefault(record.product.id, record.product)
    return known


def _check_certificates(certificates: Sequence[Certificate], known: Mapping[str, Product]) -> None:
    found = Problems()
    for index, cert in enumerate(certificates):
        if cert.product_id not in known:
            found.add(
                "report.unknown_product",
                join_path("$.certificates", index, "product_id"),
                cert.product_id,
                vi=f"Giấy chứng nhận {cert.number} của sản phẩm không có trong danh sách",
                en=f"certificate {cert.number} is of a product not in the list",
            )
    found.raise_if_any(InputError)


def _latest(certificates: Iterable[Certificate]) -> Certificate | None:
    ordered = sorted(certificates, key=lambda cert: (cert.issued_on, cert.number))
    return ordered[-1] if ordered else None


def _scope(province: places.Province | int | str | None, era: Era) -> places.Province | None:
    """The province reported on, in the report's era."""
    if province is None:
        return None
    if isinstance(province, places.Province):
        if province.era is not era:
            raise PlaceError(
                Problem(
                    code="place.wrong_era",
                    path="$.province",
                    value=province.code,
                    message_vi=f"{province.name} không thuộc thời kỳ hành chính của báo cáo",
                    message_en=f"{province.name} is not a unit of the report's era",
                )
            )
        return province
    return places.province(province, era, path="$.province")


def _star_key(star: int | None) -> str:
    return UNRANKED if star is None else str(star)


def _count_product(
    product: Product,
    period: DateRange,
    records: Sequence[ProductRecord],
    certificates: Sequence[Certificate],
) -> _Counted:
    evaluated = sorted(
        (
            record
            for record in records
            if record.evaluated_on and period.contains(record.evaluated_on)
        ),
        key=lambda record: record.evaluated_on or period.start,
    )
    issued = _latest(cert for cert in certificates if period.contains(cert.issued_on))
    recognised: str | None = None
    if issued is not None:
        recognised = str(issued.stars.stars)
    else:
        certified = sorted(
            (
                record
                for record in records
                if record.certified_on and period.contains(record.certified_on)
            ),
            key=lambda record: record.certified_on or period.start,
        )
        if certified:
            recognised = _star_key(certified[-1].star)
    holding = _latest(cert for cert in certificates if cert.in_force(period.end))
    return _Counted(
        product=product,
        evaluated=_star_key(evaluated[-1].star) if evaluated else None,
        recognised=recognised,
        in_force=None if holding is None else str(holding.stars.stars),
    )


def _tally_by(
    counted: Sequence[_Counted],
    key: Callable[[_Counted, str], str],
    labels: Callable[[str], tuple[str, str]],
    *,
    always: Sequence[str] = (),
    order: Callable[[str], Any] = lambda key: key,
) -> tuple[Tally, ...]:
    sums: dict[str, list[int]] = {name: [0, 0, 0] for name in always}
    for item in counted:
        for column, star in enumerate((item.evaluated, item.recognised, item.in_force)):
            if star is None:
                continue
            sums.setdefault(key(item, star), [0, 0, 0])[column] += 1
    return tuple(
        Tally(
            key=name,
            label_vi=labels(name)[0],
            label_en=labels(name)[1],
            evaluated=counts[0],
            recognised=counts[1],
            in_force=counts[2],
        )
        for name, counts in sorted(sums.items(), key=lambda pair: order(pair[0]))
    )


def _star_order(key: str) -> tuple[int, int]:
    return (1, 0) if key == UNRANKED else (0, -int(key))


def _star_labels(key: str) -> tuple[str, str]:
    if key in _STARS_VI:
        return _STARS_VI[key], _STARS_EN[key]
    return f"{key}★", f"{key}★"


def _unknown_last(key: str) -> tuple[bool, str]:
    return (key == UNKNOWN, key)


def periodic_report(
    products: Iterable[Product],
    *,
    period: DateRange,
    issuer: str,
    province: places.Province | int | str | None = None,
    era: Era | str | None = None,
    subjects: Iterable[Subject] = (),
    records: Iterable[ProductRecord] = (),
    certificates: Iterable[Certificate] = (),
    number: str | None = None,
) -> Report:
    """Compile the report of a period.

    Args:
        products: the products; those of the records are added.
        period: the period: ``DateRange.quarter(2020, 2)``, ``DateRange.year(2025)``, or any
            two days for an ad hoc report.
        issuer: who reports.
        province: the province reported on, in ``era``; products placed elsewhere are left
            out, products with no known place kept (under the unknown unit).
        era: the era of the units; by default the one in force on the period's last day.
        subjects: the subjects, for the kinds and to place products that have no place.
        records: the evaluation records.
        certificates: the certificates.
        number: the report's number.

    Raises:
        PlaceError: the province does not exist in the era.
        InputError: ``report.unknown_product`` for a certificate of a product not given.
    """
    chosen = to_choice(Era, era, "$.era") if era is not None else places.era_for(period.end)
    scope = _scope(province, chosen)
    owners = {subject.id: subject for subject in subjects}
    all_records = tuple(records)
    all_certificates = tuple(certificates)
    known = _known_products(products, all_records)
    _check_certificates(all_certificates, known)
    counted = [
        _count_product(
            product,
            period,
            [record for record in all_records if record.product.id == product.id],
            [cert for cert in all_certificates if cert.product_id == product.id],
        )
        for product in known.values()
        if _in_scope(product, scope, chosen, owners)
    ]
    included = {item.product.id for item in counted}
    mine = [cert for cert in all_certificates if cert.product_id in included]
    return Report(
        issuer=issuer,
        period=period,
        era=chosen,
        province_code=None if scope is None else scope.code,
        number=number,
        by_star=_tally_by(
            counted,
            lambda item, star: star,
            _star_labels,
            always=("5", "4", "3"),
            order=_star_order,
        ),
        by_category=_by_category(counted),
        by_group=_by_group(counted),
        by_subject_kind=_by_subject_kind(counted, owners),
        by_unit=_by_unit(counted, scope, chosen, owners, period),
        certificates=_certificate_tally(mine, period),
    )


def _in_scope(
    product: Product,
    scope: places.Province | None,
    chosen: Era,
    owners: dict[str, Subject],
) -> bool:
    """Whether the product is the reported province's: placed there, or not placed at all."""
    if scope is None:
        return True
    found = reach(place_of(product, owners)).units(chosen, Level.PROVINCE)
    return not found or scope.code in found


def _set_order(counted: Sequence[_Counted], field: str) -> Callable[[str], Any]:
    """Categories or groups in the order of their first product set; the unknown last."""
    first: dict[str, int] = {}
    for item in counted:
        kind = product_set_of(item.product)
        name = getattr(kind, field) or UNKNOWN
        first[name] = min(first.get(name, 99), kind.no)
    return lambda key: (key == UNKNOWN, first.get(key, 99), key)


def _by_category(counted: Sequence[_Counted]) -> tuple[Tally, ...]:
    """The tally by category of product sets (ngành)."""
    return _tally_by(
        counted,
        lambda item, star: product_set_of(item.product).category,
        lambda key: (key, key),
        order=_set_order(counted, "category"),
    )


def _group_labels(key: str) -> tuple[str, str]:
    if key == UNKNOWN:
        return "Không phân nhóm", "No group"
    return key, key


def _by_group(counted: Sequence[_Counted]) -> tuple[Tally, ...]:
    """The tally by group of product sets (nhóm)."""
    return _tally_by(
        counted,
        lambda item, star: product_set_of(item.product).group or UNKNOWN,
        _group_labels,
        order=_set_order(counted, "group"),
    )


def _kind_labels(key: str) -> tuple[str, str]:
    if key == UNKNOWN:
        return _UNKNOWN_VI, _UNKNOWN_EN
    kind = SubjectKind(key)
    return kind.label_vi, key.replace("_", " ").capitalize()


def _kind_order(key: str) -> int:
    kinds = list(SubjectKind)
    return len(kinds) if key == UNKNOWN else kinds.index(SubjectKind(key))


def _by_subject_kind(
    counted: Sequence[_Counted], owners: Mapping[str, Subject]
) -> tuple[Tally, ...]:
    """The tally by kind of subject (loại hình chủ thể)."""

    def kind_of(item: _Counted, star: str) -> str:
        owner = owners.get(item.product.subject_id)
        return UNKNOWN if owner is None else owner.kind.value

    return _tally_by(counted, kind_of, _kind_labels, order=_kind_order)


def _by_unit(
    counted: Sequence[_Counted],
    scope: places.Province | None,
    chosen: Era,
    owners: dict[str, Subject],
    period: DateRange,
) -> tuple[Tally, ...]:
    """The tally by unit: provinces for the whole country; the province's districts (legacy
    era) or communes otherwise, every district listed even with nothing to count."""

    def unit_of(item: _Counted, star: str) -> str:
        where = reach(place_of(item.product, owners))
        if scope is None:
            return where.one(chosen, Level.PROVINCE) or UNKNOWN
        level = Level.DISTRICT if chosen is Era.LEGACY else Level.COMMUNE
        return where.one(chosen, level) or UNKNOWN

    def unit_labels(key: str) -> tuple[str, str]:
        if key == UNKNOWN:
            return _UNKNOWN_VI, _UNKNOWN_EN
        if chosen is Era.LEGACY:
            name = _legacy_name(Level.PROVINCE if scope is None else Level.DISTRICT, key, period)
        elif scope is None:
            name = places.province(key, chosen).name
        else:
            name = places.commune(key, chosen).name
        return name, name

    units_always: tuple[str, ...] = ()
    if scope is not None and chosen is Era.LEGACY:
        units_always = tuple(unit.code for unit in places.districts(scope))
    return _tally_by(counted, unit_of, unit_labels, always=units_always, order=_unknown_last)


def _certificate_tally(certificates: Sequence[Certificate], period: DateRange) -> CertificateTally:
    def numbers(
        chosen: Iterable[Certificate], day: Callable[[Certificate], Any]
    ) -> tuple[str, ...]:
        return tuple(cert.number for cert in sorted(chosen, key=lambda c: (day(c), c.number)))

    expiring = [cert for cert in certificates if period.contains(cert.expires_on)]
    return CertificateTally(
        issued=numbers(
            (cert for cert in certificates if period.contains(cert.issued_on)),
            lambda cert: cert.issued_on,
        ),
        expiring=numbers(expiring, lambda cert: cert.expires_on),
        expired=numbers(
            (cert for cert in expiring if cert.status(period.end) is CertificateStatus.EXPIRED),
            lambda cert: cert.expires_on,
        ),
        revoked=numbers(
            (
                cert
                for cert in certificates
                if cert.revocation is not None and period.contains(cert.revocation.decided_on)
            ),
            lambda cert: cert.revocation.decided_on if cert.revocation else period.start,
        ),
    )


# -- rows for analysis -------------------------------------------------------------------------


COLUMNS: Final = (
    "product_id",
    "product_name",
    "decision",
    "set_no",
    "set_name",
    "category",
    "group",
    "subject_id",
    "subject_name",
    "subject_kind",
    "legacy_province_code",
    "legacy_province",
    "district_code",
    "district",
    "legacy_commune_code",
    "legacy_commune",
    "province_code",
    "province",
    "commune_code",
    "commune",
    "registered_on",
    "proposed_on",
    "evaluated_on",
    "score",
    "star",
    "certificate_number",
    "certificate_issued_on",
    "certificate_expires_on",
    "certificate_status",
)
"""The columns of :func:`rows`, in order. Units named ``legacy_*`` and ``district*`` are those
before 1 July 2025; ``province*`` and ``commune*`` those from that day."""


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _named(code: str | None, name: Callable[[str], str]) -> tuple[str | None, str | None]:
    return (None, None) if code is None else (code, name(code))


def _legacy_name(level: Level, code: str, period: DateRange) -> str:
    """A legacy unit's name as the lists of the period's last day give it, else as on the eve
    of the 2025 reform."""
    day = min(period.end, places.REFORM_DATE - dt.timedelta(days=1))
    try:
        if level is Level.PROVINCE:
            return places.province(code, Era.LEGACY, on=day).name
        return places.district(code, on=day).name
    except PlaceError:
        if level is Level.PROVINCE:
            return places.province(code, Era.LEGACY).name
        return places.district(code).name


def _present_province(code: str) -> str:
    return places.province(code, Era.PRESENT).name


def _present_commune(code: str) -> str:
    return places.commune(code, Era.PRESENT).name


def _as_of(records: Sequence[ProductRecord], day: pendulum.Date) -> ProductRecord | None:
    """The record whose latest step on or before ``day`` is the latest, seen on ``day``."""
    best: tuple[pendulum.Date, ProductRecord] | None = None
    for record in records:
        steps = [
            reached
            for reached in (
                record.registered_on,
                record.proposed_on,
                record.evaluated_on,
                record.certified_on,
            )
            if reached is not None and reached <= day
        ]
        if steps and (best is None or max(steps) >= best[0]):
            best = (max(steps), record)
    if best is None:
        return None
    record = best[1]

    def seen(reached: pendulum.Date | None) -> pendulum.Date | None:
        return reached if reached is not None and reached <= day else None

    ranked = seen(record.evaluated_on) is not None or seen(record.certified_on) is not None
    return attrs.evolve(
        record,
        registered_on=seen(record.registered_on),
        proposed_on=seen(record.proposed_on),
        evaluated_on=seen(record.evaluated_on),
        score=record.score if ranked else None,
        star=record.star if ranked else None,
        certified_on=seen(record.certified_on),
        certificate_number=record.certificate_number if seen(record.certified_on) else None,
    )


def _row(
    product: Product,
    owner: Subject | None,
    records: Sequence[ProductRecord],
    certificates: Sequence[Certificate],
    day: pendulum.Date,
) -> Row:
    kind = product_set_of(product)
    where = reach(place_of(product, {} if owner is None else {owner.id: owner}))
    # Legacy units are named as on the day the address was written, if it says.
    on = where.legacy_on
    legacy_province = _named(
        where.one(Era.LEGACY, Level.PROVINCE),
        lambda code: places.province(code, Era.LEGACY, on=on).name,
    )
    district = _named(
        where.one(Era.LEGACY, Level.DISTRICT), lambda code: places.district(code, on=on).name
    )
    legacy_commune = _named(
        where.one(Era.LEGACY, Level.COMMUNE),
        lambda code: places.commune(code, Era.LEGACY, on=on).name,
    )
    province = _named(where.one(Era.PRESENT, Level.PROVINCE), _present_province)
    commune = _named(where.one(Era.PRESENT, Level.COMMUNE), _present_commune)
    record = _as_of(records, day)
    cert = _latest(cert for cert in certificates if cert.issued_on <= day)
    star = cert.stars.stars if cert is not None else record.star if record else None
    score = None if record is None or record.score is None else float(record.score)
    return {
        "product_id": product.id,
        "product_name": product.name,
        "decision": product.decision,
        "set_no": product.set_no,
        "set_name": kind.name,
        "category": kind.category,
        "group": kind.group,
        "subject_id": product.subject_id,
        "subject_name": None if owner is None else owner.name,
        "subject_kind": None if owner is None else owner.kind.value,
        "legacy_province_code": legacy_province[0],
        "legacy_province": legacy_province[1],
        "district_code": district[0],
        "district": district[1],
        "legacy_commune_code": legacy_commune[0],
        "legacy_commune": legacy_commune[1],
        "province_code": province[0],
        "province": province[1],
        "commune_code": commune[0],
        "commune": commune[1],
        "registered_on": _iso(record.registered_on) if record else None,
        "proposed_on": _iso(record.proposed_on) if record else None,
        "evaluated_on": _iso(record.evaluated_on) if record else None,
        "score": score,
        "star": star,
        "certificate_number": None if cert is None else cert.number,
        "certificate_issued_on": None if cert is None else cert.issued_on.isoformat(),
        "certificate_expires_on": None if cert is None else cert.expires_on.isoformat(),
        "certificate_status": None if cert is None else cert.status(day).value,
    }


def rows(
    products: Iterable[Product],
    *,
    on: dt.date | str,
    subjects: Iterable[Subject] = (),
    records: Iterable[ProductRecord] = (),
    certificates: Iterable[Certificate] = (),
) -> list[Row]:
    """One flat row per product, as things stood on ``on``, for pandas or a spreadsheet.

    Every row has the :data:`COLUMNS`, in that order, with plain values: text, whole numbers,
    the score as a float, days as ISO text (``"2020-03-25"``), and ``None`` where nothing is
    known. ``pandas.DataFrame(rows(...))`` loads them as they are.

    A product's units are given in both eras where the place tells them (see :mod:`ocop.plan`
    for the reading); a unit it cannot be given alone is ``None``. Its steps, score and star
    are those of its latest record as seen on ``on``; its certificate is the latest issued on
    or before ``on``, with its status that day, and the star is the certificate's when there
    is one.

    Args:
        products: the products; those of the records are added.
        on: the day the rows describe.
        subjects: the subjects, for their names and kinds, and to place products that have
            no place.
        records: the evaluation records.
        certificates: the certificates.

    Raises:
        InputError: ``report.unknown_product`` for a certificate of a product not given.
    """
    day = to_day(on, "$.on")
    owners = {subject.id: subject for subject in subjects}
    all_records = tuple(records)
    all_certificates = tuple(certificates)
    known = _known_products(products, all_records)
    _check_certificates(all_certificates, known)
    return [
        _row(
            product,
            owners.get(product.subject_id),
            [record for record in all_records if record.product.id == product.id],
            [cert for cert in all_certificates if cert.product_id == product.id],
            day,
        )
        for product in known.values()
    ]


def write_csv(
    rows: Iterable[Mapping[str, Value]],
    target: str | os.PathLike[str] | IO[str],
    *,
    bom: bool = False,
    columns: Sequence[str] | None = None,
) -> None:
    """Write rows as CSV (RFC 4180, UTF-8) with a header line.

    Args:
        rows: the rows, e.g. from :func:`rows`.
        target: a path, or a text file opened with ``newline=""``.
        bom: start with a byte-order mark, so that Excel reads the file as UTF-8.
        columns: the columns to write, in order, leaving the others out; by default those of
            the first row (then every row must have no other), or :data:`COLUMNS` when there
            is none.

    ``None`` is written as an empty field.

    >>> import io
    >>> out = io.StringIO()
    >>> write_csv([{"product_id": "p1", "star": 4, "score": None}], out)
    >>> out.getvalue().splitlines()
    ['product_id,star,score', 'p1,4,']
    """
    lines = list(rows)
    fields = list(columns) if columns is not None else list(lines[0]) if lines else list(COLUMNS)
    if isinstance(target, str | os.PathLike):
        with Path(target).open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as file:
            _write(file, fields, lines, keep_all=columns is None)
        return
    if bom:
        target.write("\ufeff")
    _write(target, fields, lines, keep_all=columns is None)


def _write(
    file: IO[str], fields: list[str], lines: list[Mapping[str, Value]], *, keep_all: bool
) -> None:
    writer = csv.DictWriter(
        file,
        fieldnames=fields,
        lineterminator="\r\n",
        extrasaction="raise" if keep_all else "ignore",
    )
    writer.writeheader()
    writer.writerows(lines)
