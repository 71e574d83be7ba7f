"""Economic subjects (chủ thể OCOP): who produces and registers an OCOP product.

QĐ 26/2026/QĐ-TTg Art. 2.3 names cooperatives, cooperative groups, small and medium
enterprises, farms, production households and households with business registration, and for
the tourism set also associations and tourism operating centres. Older texts (QĐ 1048/2019,
QĐ 148/2023) spoke of enterprises of any size and of production establishments. The kind of
organisation and the legal representative's gender, ethnicity and disability are themselves
scored (e.g. 26/2026 sheet 1, criteria 3.1 and 3.2).

>>> rep = Representative(name="Nguyễn Thị Hoa", gender=Gender.FEMALE, ethnicity="Kinh")
>>> rep.scores_priority
True
>>> Subject(id="s1", name="  Công ty Cổ phần Palmania ", kind=SubjectKind.ENTERPRISE,
...         tax_code="0312687878").name
'Công ty Cổ phần Palmania'
"""

from __future__ import annotations

import enum
import re
from typing import TYPE_CHECKING

import attrs
import pendulum

from ocop import identifiers, places, privacy
from ocop._fields import (
    OneOf,
    OptionalOneOf,
    fail,
    flag,
    located,
    optional_day,
    optional_text,
    text,
)
from ocop._text import nfc
from ocop.places import Era

__all__ = [
    "Address",
    "Contact",
    "EnterpriseSize",
    "Gender",
    "Representative",
    "Subject",
    "SubjectKind",
]


class SubjectKind(enum.StrEnum):
    """Kinds of OCOP subject, with the text that names them."""

    COOPERATIVE = "cooperative"
    """Hợp tác xã (26/2026 Art. 2.3)."""
    COOPERATIVE_GROUP = "cooperative_group"
    """Tổ hợp tác (26/2026 Art. 2.3)."""
    ENTERPRISE = "enterprise"
    """Doanh nghiệp; under 26/2026 only small and medium ones (Art. 2.3)."""
    FARM = "farm"
    """Trang trại (26/2026 Art. 2.3)."""
    HOUSEHOLD = "household"
    """Hộ sản xuất (26/2026 Art. 2.3)."""
    HOUSEHOLD_BUSINESS = "household_business"
    """Hộ kinh doanh có đăng ký kinh doanh (26/2026 Art. 2.3)."""
    TOURISM_ORGANISATION = "tourism_organisation"
    """Hiệp hội, trung tâm điều hành du lịch hoặc tương đương: the tourism set only (Art. 2.3)."""
    PRODUCTION_ESTABLISHMENT = "production_establishment"
    """Cơ sở sản xuất: a kind the 1048 and 148 eras admitted."""

    @property
    def label_vi(self) -> str:
        """The Vietnamese name of the kind."""
        return _KIND_VI[self]


_KIND_VI = {
    SubjectKind.COOPERATIVE: "Hợp tác xã",
    SubjectKind.COOPERATIVE_GROUP: "Tổ hợp tác",
    SubjectKind.ENTERPRISE: "Doanh nghiệp",
    SubjectKind.FARM: "Trang trại",
    SubjectKind.HOUSEHOLD: "Hộ sản xuất",
    SubjectKind.HOUSEHOLD_BUSINESS: "Hộ kinh doanh",
    SubjectKind.TOURISM_ORGANISATION: "Tổ chức du lịch (hiệp hội, trung tâm điều hành)",
    SubjectKind.PRODUCTION_ESTABLISHMENT: "Cơ sở sản xuất",
}


class EnterpriseSize(enum.StrEnum):
    """Enterprise size under Decree 80/2021/NĐ-CP (micro, small, medium) or larger."""

    MICRO = "micro"
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


class Gender(enum.StrEnum):
    """The legal representative's gender as the score sheets ask it."""

    FEMALE = "female"
    MALE = "male"


def _optional_code(value: str | int | None, width: int, path: str) -> str | None:
    if value is None:
        return None
    digits = str(value).strip() if isinstance(value, (str, int)) else ""
    if isinstance(value, bool) or not digits.isdigit() or len(digits) > width:
        raise fail(
            "place.bad_code",
            path,
            value,
            f"Mã đơn vị hành chính gồm tối đa {width} chữ số",
            f"an administrative code has up to {width} digits",
        )
    return digits.zfill(width)


def _to_commune_code(value: str | int | None, path: str) -> str | None:
    """``None``, or a commune's code of up to 5 digits, zero-padded."""
    return _optional_code(value, 5, path)


def _to_district_code(value: str | int | None, path: str) -> str | None:
    """``None``, or a district's code of up to 3 digits, zero-padded."""
    return _optional_code(value, 3, path)


if TYPE_CHECKING:

    def _commune_code(value: str | int | None) -> str | None: ...
    def _district_code(value: str | int | None) -> str | None: ...

else:
    _commune_code = located(_to_commune_code)
    _district_code = located(_to_district_code)


@attrs.frozen(kw_only=True)
class Representative:
    """The subject's legal representative (người đại diện theo pháp luật).

    Attributes:
        name: full name, NFC-normalised.
        gender: scored: a woman representative earns the priority point.
        ethnicity: the ethnic group as registered ("Kinh", "Khmer", "Chăm", …).
        disability: whether the representative is a person with a disability.
    """

    name: str = attrs.field(converter=text)
    gender: Gender = attrs.field(converter=OneOf[Gender])
    ethnicity: str = attrs.field(default="Kinh", converter=text)
    disability: bool = attrs.field(default=False, converter=flag)

    @property
    def ethnic_minority(self) -> bool:
        """Whether the representative belongs to one of Vietnam's 53 ethnic minorities."""
        return nfc(self.ethnicity).casefold() != "kinh"

    @property
    def scores_priority(self) -> bool:
        """Whether the priority criterion is met: a woman, an ethnic-minority person or a person
        with a disability as legal representative (26/2026 sheets, criterion 3.2; 148 sheets,
        criterion 3.b)."""
        return self.gender is Gender.FEMALE or self.ethnic_minority or self.disability


@attrs.frozen(kw_only=True)
class Address:
    """Where a subject sits or a product is made, in the administrative units of one era.

    A present address names a commune (from 1 July 2025 there are no districts). A legacy
    address names a commune, or only a district where the commune was not published.

    Attributes:
        era: ``"legacy"`` (units before 1 July 2025) or ``"present"``.
        commune_code: the 5-digit GSO code of the commune-level unit.
        district_code: the 3-digit code of the legacy district (derived from the commune when
            both are known).
        detail: house number, street, hamlet (ấp, thôn, khóm), as written.
        written_on: the day a legacy address was written (a form's date): its units are read
            as the official lists of that day name them (see :mod:`ocop.places`, "units through
            time"). Without it, a legacy address is read with the units of 30 June 2025.

    >>> Address(era="legacy", commune_code="30307").district_code
    '883'
    >>> Address(era="legacy", district_code="894").commune_code is None
    True
    >>> Address(era="legacy", commune_code="10852", written_on="2021-06-01").describe()
    'Xã Thanh Xá, Huyện Thanh Hà, Tỉnh Hải Dương'
    """

    era: Era = attrs.field(converter=OneOf[Era])
    commune_code: str | None = attrs.field(default=None, converter=_commune_code)
    district_code: str | None = attrs.field(default=None, converter=_district_code)
    detail: str | None = attrs.field(default=None, converter=optional_text)
    written_on: pendulum.Date | None = attrs.field(default=None, converter=optional_day)

    def __attrs_post_init__(self) -> None:
        if self.commune_code is None and self.district_code is None:
            raise fail(
                "place.missing",
                "$.commune_code",
                None,
                "Cần mã đơn vị hành chính cấp xã (hoặc cấp huyện, trước 1/7/2025)",
                "a commune code is required (or a district code, before 1 July 2025)",
            )
        if self.era is Era.PRESENT and self.district_code is not None:
            raise fail(
                "place.no_districts",
                "$.district_code",
                self.district_code,
                "Từ ngày 1/7/2025 không còn đơn vị hành chính cấp huyện",
                "there are no districts from 1 July 2025",
            )
        if self.written_on is not None and places.era_for(self.written_on) is not self.era:
            raise fail(
                "place.wrong_era",
                "$.written_on",
                self.written_on.isoformat(),
                "Ngày ghi địa chỉ không thuộc thời kỳ đơn vị hành chính của địa chỉ",
                "the day the address was written is outside its era of units",
            )
        if self.commune_code is not None:
            unit = self._commune("$.commune_code")
            if self.district_code is None:
                object.__setattr__(self, "district_code", unit.district_code)
            elif unit.district_code != self.district_code:
                raise fail(
                    "place.commune_not_in_district",
                    "$.commune_code",
                    self.commune_code,
                    f"Xã/phường {unit.name} không thuộc huyện mã {self.district_code}",
                    f"{unit.name} does not belong to district {self.district_code}",
                )
        elif self.district_code is not None:
            self._district("$.district_code")

    @property
    def _on(self) -> pendulum.Date | None:
        return self.written_on if self.era is Era.LEGACY else None

    def _commune(self, path: str = "$") -> places.Commune:
        if self._on is None:
            return places.commune(self.commune_code or "", era=self.era, path=path)
        return places.commune(
            self.commune_code or "", on=self._on, district=self.district_code, path=path
        )

    def _district(self, path: str = "$") -> places.District:
        return places.district(self.district_code or "", on=self._on, path=path)

    @property
    def province_code(self) -> str:
        """The code of the province, in the address's era."""
        if self.commune_code is not None:
            return self._commune().province_code
        return self._district().province_code

    def describe(self, *, reveal: bool = False) -> str:
        """The address as written on a form: detail, commune, district, province.

        The detail (house number, street, hamlet) is personal data and shows as ``***``
        unless ``reveal`` is true (:mod:`ocop.privacy`).

        >>> Address(era="legacy", commune_code="30307").describe()
        'Phường Mỹ Hòa, Thành phố Long Xuyên, Tỉnh An Giang'
        >>> home = Address(era="legacy", commune_code="30307", detail="Số 12, khóm Đông Thịnh")
        >>> home.describe()
        '***, Phường Mỹ Hòa, Thành phố Long Xuyên, Tỉnh An Giang'
        >>> home.describe(reveal=True)
        'Số 12, khóm Đông Thịnh, Phường Mỹ Hòa, Thành phố Long Xuyên, Tỉnh An Giang'
        """
        detail = self.detail if reveal or self.detail is None else privacy.mask_address(self.detail)
        names = [detail] if detail else []
        if self.commune_code is not None:
            names.append(self._commune().name)
        if self.district_code is not None:
            names.append(self._district().name)
        names.append(places.province(self.province_code, era=self.era, on=self._on).name)
        return ", ".join(names)

    def __repr__(self) -> str:
        return privacy.masked_repr(self, {"detail": privacy.mask_address})

    def present(self) -> tuple[places.Commune, ...]:
        """The present commune(s) this place is in since 1 July 2025.

        A legacy commune gives its successors (the default first); a legacy district, every
        present commune that took one of its communes. An address written on a day is read
        with the units of that day: a commune merged away before 2025 gives none, since the
        official lists do not say which commune took it (:func:`ocop.places.present_place`
        tells its present province).

        >>> [unit.name for unit in Address(era="legacy", commune_code="30307").present()]
        ['Phường Long Xuyên']
        """
        if self.era is Era.PRESENT:
            return (places.commune(self.commune_code or ""),)
        if self._on is not None:
            unit = self._commune() if self.commune_code is not None else self._district()
            return places.present_place(unit).communes
        if self.commune_code is not None:
            return places.successors(self.commune_code)
        found: dict[str, places.Commune] = {}
        for legacy in places.communes(district=self.district_code or ""):
            for unit in places.successors(legacy):
                found.setdefault(unit.code, unit)
        return tuple(found.values())


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9][0-9 .\-]{7,15}$")


@attrs.frozen(kw_only=True)
class Contact:
    """How to reach a subject."""

    phone: str | None = attrs.field(default=None, converter=optional_text)
    email: str | None = attrs.field(default=None, converter=optional_text)
    website: str | None = attrs.field(default=None, converter=optional_text)

    def __attrs_post_init__(self) -> None:
        if self.phone is not None and not _PHONE.match(self.phone):
            raise fail(
                "contact.bad_phone",
                "$.phone",
                self.phone,
                "Số điện thoại không hợp lệ",
                "not a valid phone number",
            )
        if self.email is not None and not _EMAIL.match(self.email):
            raise fail(
                "contact.bad_email",
                "$.email",
                self.email,
                "Địa chỉ thư điện tử không hợp lệ",
                "not a valid e-mail address",
            )

    def __repr__(self) -> str:
        return privacy.masked_repr(self, {"phone": privacy.mask_phone})


def _to_tax_code(value: str | None, path: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise fail(
            "tax_code.not_a_string",
            path,
            value,
            "Mã số thuế phải là một chuỗi ký tự",
            "a tax code must be a string",
        )
    return identifiers.validate(value, path=path)


if TYPE_CHECKING:

    def _tax_code(value: str | None) -> str | None: ...

else:
    _tax_code = located(_to_tax_code)


@attrs.frozen(kw_only=True)
class Subject:
    """An economic subject: the entity that owns and registers OCOP products.

    Attributes:
        id: a stable identifier chosen by the caller (a register number, a database key).
        name: the registered name, NFC-normalised.
        kind: the kind of organisation.
        tax_code: tax identifier (10 or 13 digits for organisations; the 12-digit personal
            number for households since 1 July 2025); ``None`` for an unregistered household.
        enterprise_size: for enterprises, their size.
        representative: the legal representative.
        address: where the subject sits.
        contact: phone, e-mail, website.
    """

    id: str = attrs.field(converter=text)
    name: str = attrs.field(converter=text)
    kind: SubjectKind = attrs.field(converter=OneOf[SubjectKind])
    tax_code: str | None = attrs.field(default=None, converter=_tax_code)
    enterprise_size: EnterpriseSize | None = attrs.field(
        default=None, converter=OptionalOneOf[EnterpriseSize]
    )
    representative: Representative | None = None
    address: Address | None = None
    contact: Contact | None = None

    def __attrs_post_init__(self) -> None:
        if self.enterprise_size is not None and self.kind is not SubjectKind.ENTERPRISE:
            raise fail(
                "subject.size_without_enterprise",
                "$.enterprise_size",
                self.enterprise_size.value,
                "Quy mô doanh nghiệp chỉ áp dụng cho doanh nghiệp",
                "an enterprise size applies to enterprises only",
            )

    @property
    def personal(self) -> bool:
        """Whether the subject is a person's: a household or a household business, or one whose
        tax code is a 12-digit personal identification number (:mod:`ocop.privacy`)."""
        return self.kind in (SubjectKind.HOUSEHOLD, SubjectKind.HOUSEHOLD_BUSINESS) or (
            self.tax_code is not None and len(self.tax_code) == 12
        )

    def __repr__(self) -> str:
        return privacy.masked_repr(self, {"tax_code": self._masked_tax_code})

    def _masked_tax_code(self, tax_code: str) -> str:
        return privacy.mask_number(tax_code) if self.personal else tax_code
