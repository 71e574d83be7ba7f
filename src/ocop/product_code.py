"""OCOP product codes (mã số sản phẩm OCOP), in the form of either era of places.

From 1 July 2025 a code names the province and the commune, then the product's sequence
number kept by the commune and the evaluation year: ``T-X-STT-YYYY``, as in the header of the
score sheets of QĐ 26/2026/QĐ-TTg, with the administrative codes of QĐ 19/2025/QĐ-TTg
(``91-30307-12-2026``). Before, codes named the district as well:
``83-829-28780-3-2022`` is Bến Tre province, Bến Tre city, Phường 7, product 3, 2022. The
fourth field of that form is a sequence number, not the star rating.

A code is checked against the places of its era: the province exists, the district belongs
to the province, the commune to the district and the province. Every problem is reported at
once. The functions follow python-stdnum's shape: ``compact``, ``validate``, ``is_valid``,
``format``.

>>> code = ProductCode.parse("91-30307-12-2026")
>>> code.commune.name, code.era
('Phường Long Xuyên', <Era.PRESENT: 'present'>)
>>> validate("83 – 829 – 28780 – 03 – 2022")
'83-829-28780-3-2022'
>>> is_valid("91-28789-3-2026")  # Phường Bến Tre is in Vĩnh Long, not in An Giang
False
"""

from __future__ import annotations

import re
from typing import Final

import attrs

from ocop import places
from ocop.errors import PlaceError, Problem, Problems, ProductCodeError
from ocop.places import Commune, District, Era, Province

__all__ = ["ProductCode", "compact", "format", "is_valid", "validate"]

FIRST_YEAR: Final = 2018
"""The first year of OCOP evaluations (the programme of QĐ 490/QĐ-TTg, 7 May 2018)."""
LAST_YEAR: Final = 2100
MAX_SEQUENCE: Final = 999_999

_DASHES: Final = re.compile(r"\s*[-‐‑‒–—―−]\s*")
_PRESENT: Final = re.compile(r"([0-9]{2})-([0-9]{5})-([0-9]{1,6})-([0-9]{4})", re.ASCII)
_LEGACY: Final = re.compile(r"([0-9]{2})-([0-9]{3})-([0-9]{5})-([0-9]{1,6})-([0-9]{4})", re.ASCII)


def _pad2(value: int | str) -> str:
    return _pad(value, 2)


def _pad3(value: int | str | None) -> str | None:
    return None if value is None else _pad(value, 3)


def _pad5(value: int | str) -> str:
    return _pad(value, 5)


def _pad(value: int | str, width: int) -> str:
    """An int as a zero-padded code; anything else as text, for the checks to judge."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**width:
        return f"{value:0{width}d}"
    return value if isinstance(value, str) else repr(value)


@attrs.frozen(kw_only=True)
class ProductCode:
    """An OCOP product code: where the product is registered, its number there, its year.

    Codes may be given as ints or zero-padded strings; they are kept zero-padded (province 2,
    district 3, commune 5 digits). A code with a district is of the legacy era.

    Attributes:
        province_code: the province, of the code's era.
        district_code: the district (legacy codes only), else ``None``.
        commune_code: the commune, ward, township or special zone.
        sequence: the product's number, kept by the commune (1..999999).
        year: the year of the evaluation.

    Raises:
        ProductCodeError: with every problem found (``product_code.bad_format``,
            ``product_code.unknown_province``, ``product_code.commune_not_in_province``, …),
            each at the path of its field (``$.commune_code``).

    >>> ProductCode(province_code=91, commune_code=30307, sequence=12, year=2026).format()
    '91-30307-12-2026'
    """

    province_code: str = attrs.field(converter=_pad2)
    district_code: str | None = attrs.field(default=None, converter=_pad3)
    commune_code: str = attrs.field(converter=_pad5)
    sequence: int
    year: int

    def __attrs_post_init__(self) -> None:
        _check(self).raise_if_any(ProductCodeError)

    @property
    def era(self) -> Era:
        """The era of the places the code names: legacy if it has a district."""
        return Era.PRESENT if self.district_code is None else Era.LEGACY

    @property
    def province(self) -> Province:
        """The province the code names, as the lists of its year name it.

        >>> ProductCode.parse("46-474-19762-2-2021").province.name
        'Tỉnh Thừa Thiên Huế'
        """
        if self.era is Era.LEGACY:
            return places.province(self.province_code, on=self.year)
        return places.province(self.province_code, self.era)

    @property
    def district(self) -> District | None:
        """The district the code names (legacy codes), as in its year; else ``None``."""
        if self.district_code is None:
            return None
        return places.district(self.district_code, on=self.year)

    @property
    def commune(self) -> Commune:
        """The commune the code names, as in its year (under the code's district).

        >>> ProductCode.parse("83-829-28780-3-2022").commune.name
        'Phường 7'
        >>> ProductCode.parse("30-294-10852-1-2021").commune.name   # merged in 2024
        'Xã Thanh Xá'
        """
        if self.era is Era.LEGACY:
            return places.commune(self.commune_code, on=self.year, district=self.district_code)
        return places.commune(self.commune_code, self.era)

    @property
    def present_place(self) -> places.PresentPlace | None:
        """Where the commune of a legacy code is now (see :func:`ocop.places.present_place`);
        ``None`` for a present code.

        >>> ProductCode.parse("30-294-10852-1-2021").present_place.province.name
        'Thành phố Hải Phòng'
        """
        return None if self.era is Era.PRESENT else places.present_place(self.commune)

    @classmethod
    def parse(cls, text: str, *, path: str = "$") -> ProductCode:
        """Read a code written ``T-X-STT-YYYY`` or, before July 2025, ``T-H-X-STT-YYYY``.

        Spaces around the dashes and other dash characters are accepted (see :func:`compact`).

        Args:
            text: the code as written.
            path: where the code sits in the caller's document; every problem gets it.

        Raises:
            ProductCodeError: ``product_code.bad_format`` if the text is not a code of
                either form, else every problem of its fields and places.

        >>> ProductCode.parse("83-829-28780-3-2022").district_code
        '829'
        """
        if not isinstance(text, str):
            raise _bad_format(text, path)
        written = compact(text)
        if match := _PRESENT.fullmatch(written):
            province_code, commune_code, sequence, year = match.groups()
            district_code = None
        elif match := _LEGACY.fullmatch(written):
            province_code, district_code, commune_code, sequence, year = match.groups()
        else:
            raise _bad_format(text, path)
        try:
            return cls(
                province_code=province_code,
                district_code=district_code,
                commune_code=commune_code,
                sequence=int(sequence),
                year=int(year),
            )
        except ProductCodeError as error:
            raise ProductCodeError(
                attrs.evolve(problem, path=path) for problem in error.problems
            ) from None

    def format(self) -> str:
        """The code as written on score sheets and certificates.

        >>> ProductCode.parse("91-30307-012-2026").format()
        '91-30307-12-2026'
        """
        district = () if self.district_code is None else (self.district_code,)
        fields = (self.province_code, *district, self.commune_code, self.sequence, self.year)
        return "-".join(str(field) for field in fields)

    def __str__(self) -> str:
        return self.format()


def _bad_format(text: object, path: str) -> ProductCodeError:
    return ProductCodeError(
        Problem(
            code="product_code.bad_format",
            path=path,
            value=text,
            message_vi="Mã số sản phẩm OCOP phải có dạng T-X-STT-NNNN (tỉnh-xã-số thứ tự-năm) "
            "hoặc, trước 1/7/2025, T-H-X-STT-NNNN (tỉnh-huyện-xã-số thứ tự-năm)",
            message_en="an OCOP product code reads T-X-STT-YYYY (province-commune-sequence-year) "
            "or, before 1 July 2025, T-H-X-STT-YYYY (with the district)",
        )
    )


_WIDTHS: Final = {"province_code": 2, "district_code": 3, "commune_code": 5}
_LEVEL_VI: Final = {"province_code": "tỉnh", "district_code": "huyện", "commune_code": "xã"}
_LEVEL_EN: Final = {
    "province_code": "province",
    "district_code": "district",
    "commune_code": "commune",
}


def _check(code: ProductCode) -> Problems:
    """Every problem of a code: field formats, sequence, year, and the places of its era."""
    found = Problems()
    era = code.era
    era_vi = "trước ngày 1/7/2025" if era is Era.LEGACY else "từ ngày 1/7/2025"
    era_en = "before 1 July 2025" if era is Era.LEGACY else "from 1 July 2025"

    well_formed: dict[str, str] = {}
    for field, width in _WIDTHS.items():
        value = getattr(code, field)
        if value is None:
            continue
        if re.fullmatch(f"[0-9]{{{width}}}", value, re.ASCII):
            well_formed[field] = value
        else:
            found.add(
                "product_code.bad_format",
                f"$.{field}",
                value,
                vi=f"Mã {_LEVEL_VI[field]} trong mã số sản phẩm phải có {width} chữ số",
                en=f"the {_LEVEL_EN[field]} code of a product code has {width} digits",
            )

    if isinstance(code.sequence, bool) or not isinstance(code.sequence, int):
        found.add(
            "product_code.bad_sequence",
            "$.sequence",
            code.sequence,
            vi="Số thứ tự sản phẩm phải là một số nguyên",
            en="the sequence number is a whole number",
        )
    elif not 1 <= code.sequence <= MAX_SEQUENCE:
        found.add(
            "product_code.bad_sequence",
            "$.sequence",
            code.sequence,
            vi=f"Số thứ tự sản phẩm phải từ 1 đến {MAX_SEQUENCE}",
            en=f"the sequence number is from 1 to {MAX_SEQUENCE}",
        )

    if isinstance(code.year, bool) or not isinstance(code.year, int):
        found.add(
            "product_code.bad_year",
            "$.year",
            code.year,
            vi="Năm đánh giá phải là một số nguyên",
            en="the evaluation year is a whole number",
        )
    elif not FIRST_YEAR <= code.year <= LAST_YEAR:
        found.add(
            "product_code.bad_year",
            "$.year",
            code.year,
            vi=f"Năm đánh giá phải từ {FIRST_YEAR} đến {LAST_YEAR}",
            en=f"the evaluation year is between {FIRST_YEAR} and {LAST_YEAR}",
        )
    elif (era is Era.LEGACY and code.year > places.REFORM_DATE.year) or (
        era is Era.PRESENT and code.year < places.REFORM_DATE.year
    ):
        # The places of a code exist only in their era: districts ended on 1 July 2025, the
        # present communes began then.
        found.add(
            "product_code.year_outside_era",
            "$.year",
            code.year,
            vi=f"Mã {'có' if era is Era.LEGACY else 'không có'} huyện ghi đơn vị hành chính "
            f"{era_vi}, nhưng năm đánh giá là {code.year}",
            en=f"a code {'with' if era is Era.LEGACY else 'without'} a district names places "
            f"{era_en}, but its year is {code.year}",
        )

    _check_places(code, era, well_formed, found, (era_vi, era_en))
    return found


def _check_places(
    code: ProductCode,
    era: Era,
    well_formed: dict[str, str],
    found: Problems,
    era_words: tuple[str, str],
) -> None:
    era_vi, era_en = era_words
    # A legacy code is read with the units of its year (the official lists in force during
    # it); a year outside 2018..2100 cannot be, and the units of 30 June 2025 are used.
    on = code.year if era is Era.LEGACY and _plain_year(code.year) else None
    if on is not None:
        era_vi, era_en = f"năm {on}", f"in {on}"
    province = district = commune = None
    if "province_code" in well_formed:
        try:
            province = places.province(well_formed["province_code"], era, on=on)
        except PlaceError:
            found.add(
                "product_code.unknown_province",
                "$.province_code",
                code.province_code,
                vi=f"Không có tỉnh, thành phố mã {code.province_code} {era_vi}",
                en=f"no province has the code {code.province_code} {era_en}",
            )
    if "district_code" in well_formed:
        try:
            district = places.district(well_formed["district_code"], on=on)
        except PlaceError:
            found.add(
                "product_code.unknown_district",
                "$.district_code",
                code.district_code,
                vi=f"Không có quận, huyện mã {code.district_code} {era_vi}",
                en=f"no district has the code {code.district_code} {era_en}",
            )
    if "commune_code" in well_formed:
        try:
            commune = places.commune(
                well_formed["commune_code"], era, on=on, district=well_formed.get("district_code")
            )
        except PlaceError:
            found.add(
                "product_code.unknown_commune",
                "$.commune_code",
                code.commune_code,
                vi=f"Không có xã, phường mã {code.commune_code} {era_vi}",
                en=f"no commune has the code {code.commune_code} {era_en}",
            )
    if province and district and district.province_code != province.code:
        found.add(
            "product_code.district_not_in_province",
            "$.district_code",
            district.code,
            vi=f"{district.name} ({district.code}) không thuộc {province.name}",
            en=f"{district.name} ({district.code}) is not in {province.name}",
        )
    if commune and district and commune.district_code != district.code:
        found.add(
            "product_code.commune_not_in_district",
            "$.commune_code",
            commune.code,
            vi=f"{commune.name} ({commune.code}) không thuộc {district.name}",
            en=f"{commune.name} ({commune.code}) is not in {district.name}",
        )
    elif commune and province and commune.province_code != province.code:
        found.add(
            "product_code.commune_not_in_province",
            "$.commune_code",
            commune.code,
            vi=f"{commune.name} ({commune.code}) không thuộc {province.name}",
            en=f"{commune.name} ({commune.code}) is not in {province.name}",
        )


def _plain_year(year: object) -> bool:
    return (
        isinstance(year, int)
        and not isinstance(year, bool)
        and FIRST_YEAR <= year <= places.REFORM_DATE.year
    )


def compact(text: str) -> str:
    """The code without spaces, with every kind of dash written ``-``.

    >>> compact(" 91 – 30307 – 12 – 2026 ")
    '91-30307-12-2026'
    """
    return "".join(_DASHES.sub("-", text.strip()).split())


def validate(text: str, *, path: str = "$") -> str:
    """Check a product code and return it in its standard form.

    Raises:
        ProductCodeError: every problem found, each at ``path``.

    >>> validate("91-30307-12-2026")
    '91-30307-12-2026'
    """
    return ProductCode.parse(text, path=path).format()


def is_valid(text: str) -> bool:
    """Whether ``text`` is a valid product code of either era.

    >>> is_valid("91-30307-12-2026"), is_valid("91-30307-0-2026")
    (True, False)
    """
    try:
        ProductCode.parse(text)
    except ProductCodeError:
        return False
    return True


def format(text: str) -> str:
    """The standard form of a product code: dashes, no spaces, no leading zeros in the number.

    Raises:
        ProductCodeError: if it is not a valid code.

    >>> format("91 - 30307 - 0012 - 2026")
    '91-30307-12-2026'
    """
    return validate(text)
