"""Vietnam's administrative units, before and after the reform of 1 July 2025.

Two eras of units matter to OCOP, because products, subjects and product codes name the
places of the day they were written:

* **legacy**, before 1 July 2025: 63 provinces (2-digit GSO codes), their districts
  (3 digits) and communes, wards and townships (5 digits);
* **present**, from 1 July 2025: 34 provinces and 3,321 communes, wards and special zones,
  with no districts in between (Resolution 202/2025/QH15; codes of QĐ 19/2025/QĐ-TTg).

A present commune reuses the code of one of the legacy communes it was made from, and a
province the code of one of the provinces it absorbed: legacy 91 is Kiên Giang, present 91 is
An Giang (old An Giang 89 and Kiên Giang 91). So a code means nothing without its era.

>>> commune(30307, era="legacy").name
'Phường Mỹ Hòa'
>>> successor(30307).name
'Phường Long Xuyên'
>>> find_district("TP Long Xuyên").code
'883'
>>> era_for(datetime.date(2025, 7, 1))
<Era.PRESENT: 'present'>

Present units come from the ``vietnam-provinces`` package; legacy units and the conversion
table from a file shipped with ``ocop`` (derived from ``vietnamadminunits`` 1.0.4, MIT, see
``ocop/data/NOTICE``). Both load on the first look-up, not at import.
"""

from __future__ import annotations

import datetime
import enum
import functools
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Final, Generic, Literal, TypeAlias, TypeVar

import attrs

from ocop._text import clean_name, fold_both, fold_keys, prefix
from ocop.errors import PlaceError, Problem

__all__ = [
    "REFORM_DATE",
    "Commune",
    "CommuneKind",
    "District",
    "DistrictKind",
    "Era",
    "Province",
    "ProvinceKind",
    "commune",
    "communes",
    "district",
    "districts",
    "era_for",
    "find_commune",
    "find_district",
    "find_province",
    "predecessors",
    "province",
    "provinces",
    "successor",
    "successors",
]


class Era(enum.StrEnum):
    """Which set of administrative units a code or a name belongs to."""

    LEGACY = "legacy"
    """Before 1 July 2025: provinces, districts, communes."""
    PRESENT = "present"
    """From 1 July 2025: provinces and communes, no districts."""


EraName: TypeAlias = Literal["legacy", "present"]
ProvinceKind: TypeAlias = Literal["tỉnh", "thành phố"]
DistrictKind: TypeAlias = Literal["quận", "huyện", "thị xã", "thành phố"]
CommuneKind: TypeAlias = Literal["xã", "phường", "thị trấn", "đặc khu"]

REFORM_DATE: Final = datetime.date(2025, 7, 1)
"""The first day of the present units: two-level local government, 34 provinces."""

_ERA_VI: Final = {Era.LEGACY: "trước ngày 1/7/2025", Era.PRESENT: "từ ngày 1/7/2025"}
_ERA_EN: Final = {Era.LEGACY: "before 1 July 2025", Era.PRESENT: "from 1 July 2025"}
_PREFIX: Final = re.compile(r"^(?:Tỉnh|Thành phố|Quận|Huyện|Thị xã|Thị trấn|Xã|Phường|Đặc khu) ")
_CANDIDATES_SHOWN: Final = 8


def _check_code(width: int, level: str) -> Callable[[object, attrs.Attribute[str], str], None]:
    pattern = re.compile(f"[0-9]{{{width}}}")

    def check(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
        if not (isinstance(value, str) and pattern.fullmatch(value)):
            raise _bad_code(value, width, level, "$.code")

    return check


class _Named:
    """What every unit has: a full name with its prefix, and the name without it."""

    __slots__ = ()
    name: str

    @property
    def short_name(self) -> str:
        """The name without its prefix: "An Giang" for "Tỉnh An Giang".

        >>> province(91).short_name
        'An Giang'
        """
        return _PREFIX.sub("", self.name)


@attrs.frozen(kw_only=True)
class Province(_Named):
    """A province or a centrally-run city (tỉnh, thành phố trực thuộc trung ương).

    Attributes:
        code: the 2-digit GSO code ("89").
        name: the full name with its prefix ("Tỉnh An Giang", "Thành phố Cần Thơ").
        kind: "tỉnh" or "thành phố".
        era: the era whose unit it is; the same code may name another unit in the other era.

    >>> province(89, era="legacy")
    Province(code='89', name='Tỉnh An Giang', kind='tỉnh', era=<Era.LEGACY: 'legacy'>)
    """

    code: str = attrs.field(validator=_check_code(2, "province"))
    name: str
    kind: ProvinceKind
    era: Era


@attrs.frozen(kw_only=True)
class District(_Named):
    """A district-level unit, which existed only before 1 July 2025 (quận, huyện, thị xã,
    thành phố thuộc tỉnh).

    Attributes:
        code: the 3-digit GSO code ("883").
        name: the full name ("Thành phố Long Xuyên").
        kind: "quận", "huyện", "thị xã" or "thành phố".
        province_code: the province it belonged to.

    >>> district(829).name
    'Thành phố Bến Tre'
    """

    code: str = attrs.field(validator=_check_code(3, "district"))
    name: str
    kind: DistrictKind
    province_code: str

    @property
    def era(self) -> Era:
        """Always :attr:`Era.LEGACY`: districts ended on 1 July 2025."""
        return Era.LEGACY


@attrs.frozen(kw_only=True)
class Commune(_Named):
    """A commune-level unit: xã, phường, thị trấn (legacy) or đặc khu (present).

    Attributes:
        code: the 5-digit GSO code ("30307").
        name: the full name ("Phường Long Xuyên").
        kind: "xã", "phường", "thị trấn" or "đặc khu".
        province_code: the province it belongs to, in its era.
        district_code: the district it belonged to (legacy units only).
        era: the era whose unit it is.

    >>> long_xuyen = commune(30307)
    >>> long_xuyen.name, long_xuyen.kind, long_xuyen.province_code, long_xuyen.district_code
    ('Phường Long Xuyên', 'phường', '91', None)
    """

    code: str = attrs.field(validator=_check_code(5, "commune"))
    name: str
    kind: CommuneKind
    province_code: str
    district_code: str | None = None
    era: Era


Unit = TypeVar("Unit", Province, District, Commune)


# --- loading ------------------------------------------------------------------------------


@attrs.frozen
class _Units:
    provinces: dict[str, Province]
    districts: dict[str, District]
    communes: dict[str, Commune]
    targets: dict[str, tuple[str, ...]]


_PROVINCE_KINDS: Final[dict[str, ProvinceKind]] = {"Tỉnh ": "tỉnh", "Thành phố ": "thành phố"}
_DISTRICT_KINDS: Final[dict[str, DistrictKind]] = {
    "Quận ": "quận",
    "Huyện ": "huyện",
    "Thị xã ": "thị xã",
    "Thành phố ": "thành phố",
}
_COMMUNE_KINDS: Final[dict[str, CommuneKind]] = {
    "Xã ": "xã",
    "Phường ": "phường",
    "Thị trấn ": "thị trấn",
    "Đặc khu ": "đặc khu",
}
K = TypeVar("K", ProvinceKind, DistrictKind, CommuneKind)


def _kind(name: str, kinds: dict[str, K]) -> K:
    for written, kind in kinds.items():
        if name.startswith(written):
            return kind
    raise LookupError(f"no known prefix in {name!r}")  # the data files are checked when built


@functools.cache
def _units(era: Era) -> _Units:
    return _load_legacy() if era is Era.LEGACY else _load_present()


def _load_legacy() -> _Units:
    import gzip
    import json
    from importlib.resources import files

    raw = (files("ocop") / "data" / "places_legacy.json.gz").read_bytes()
    data = json.loads(gzip.decompress(raw))
    provinces = {
        f"{code:02d}": Province(
            code=f"{code:02d}", name=name, kind=_kind(name, _PROVINCE_KINDS), era=Era.LEGACY
        )
        for code, name in data["provinces"]
    }
    districts = {
        f"{code:03d}": District(
            code=f"{code:03d}",
            name=name,
            kind=_kind(name, _DISTRICT_KINDS),
            province_code=f"{province_code:02d}",
        )
        for code, province_code, name in data["districts"]
    }
    communes: dict[str, Commune] = {}
    targets: dict[str, tuple[str, ...]] = {}
    for code, district_code, name, *present in data["communes"]:
        key, parent = f"{code:05d}", f"{district_code:03d}"
        communes[key] = Commune(
            code=key,
            name=name,
            kind=_kind(name, _COMMUNE_KINDS),
            province_code=districts[parent].province_code,
            district_code=parent,
            era=Era.LEGACY,
        )
        targets[key] = tuple(f"{target:05d}" for target in present)
    return _Units(provinces, districts, communes, targets)


def _load_present() -> _Units:
    from vietnam_provinces import Province as SourceProvince
    from vietnam_provinces import Ward

    provinces: dict[str, Province] = {}
    for source in sorted(SourceProvince.iter_all(), key=lambda p: int(p.code)):
        name = clean_name(source.name)
        kind: ProvinceKind = "thành phố" if name.startswith("Thành phố ") else "tỉnh"
        provinces[f"{int(source.code):02d}"] = Province(
            code=f"{int(source.code):02d}",
            name=name if kind == "thành phố" else f"Tỉnh {name}",
            kind=kind,
            era=Era.PRESENT,
        )
    communes: dict[str, Commune] = {}
    for ward in sorted(Ward.iter_all(), key=lambda w: int(w.code)):
        name = clean_name(ward.name)
        communes[f"{int(ward.code):05d}"] = Commune(
            code=f"{int(ward.code):05d}",
            name=name,
            kind=_kind(name, _COMMUNE_KINDS),
            province_code=f"{int(ward.province_code):02d}",
            era=Era.PRESENT,
        )
    return _Units(provinces, {}, communes, {})


@functools.cache
def _sources() -> dict[str, tuple[str, ...]]:
    """For each present commune, the legacy communes that went into it (in code order)."""
    found: dict[str, list[str]] = {}
    for legacy, present in _units(Era.LEGACY).targets.items():
        for code in present:
            found.setdefault(code, []).append(legacy)
    return {code: tuple(legacy) for code, legacy in found.items()}


# --- errors -------------------------------------------------------------------------------

_LEVEL_VI: Final = {
    "province": "tỉnh, thành phố",
    "district": "quận, huyện",
    "commune": "xã, phường",
}
_LEVEL_EN: Final = {"province": "province", "district": "district", "commune": "commune"}


def _bad_code(value: object, width: int, level: str, path: str) -> PlaceError:
    return PlaceError(
        Problem(
            code="place.bad_code",
            path=path,
            value=value,
            message_vi=f"Mã {_LEVEL_VI[level]} phải là số có {width} chữ số",
            message_en=f"a {_LEVEL_EN[level]} code is a number of {width} digits",
        )
    )


def _unknown(level: str, code: str, era: Era, path: str) -> PlaceError:
    return PlaceError(
        Problem(
            code=f"place.unknown_{level}",
            path=path,
            value=code,
            message_vi=f"Không có {_LEVEL_VI[level]} mã {code} {_ERA_VI[era]}",
            message_en=f"no {_LEVEL_EN[level]} has the code {code} {_ERA_EN[era]}",
        )
    )


def _wrong_era(value: object, wanted: Era, path: str) -> PlaceError:
    return PlaceError(
        Problem(
            code="place.wrong_era",
            path=path,
            value=value,
            message_vi=f"Cần một đơn vị hành chính {_ERA_VI[wanted]}",
            message_en=f"an administrative unit {_ERA_EN[wanted]} is needed here",
        )
    )


def _era(value: Era | EraName | None, path: str = "$") -> Era:
    if value is None:
        return Era.PRESENT
    try:
        return Era(value)
    except ValueError:
        raise PlaceError(
            Problem(
                code="place.unknown_era",
                path=path,
                value=value,
                message_vi="Thời kỳ hành chính phải là 'legacy' (trước 1/7/2025) hoặc 'present'",
                message_en="the administrative era is 'legacy' (before 1 July 2025) or 'present'",
            )
        ) from None


def _code(value: object, width: int, level: str, path: str) -> str:
    """A code given as an int or a string of digits, zero-padded to ``width``."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**width:
        return f"{value:0{width}d}"
    if isinstance(value, str):
        text = value.strip()
        if 0 < len(text) <= width and text.isascii() and text.isdigit():
            return text.zfill(width)
    raise _bad_code(value, width, level, path)


# --- look-up by code ----------------------------------------------------------------------


def era_for(day: datetime.date) -> Era:
    """The era of the administrative units in force on ``day``.

    A ``datetime`` is read in Vietnam's time (Asia/Ho_Chi_Minh); a naive one is taken to be.

    >>> era_for(datetime.date(2025, 6, 30)), era_for(datetime.date(2025, 7, 1))
    (<Era.LEGACY: 'legacy'>, <Era.PRESENT: 'present'>)
    """
    if isinstance(day, datetime.datetime):
        from ocop.calendar import as_date

        day = as_date(day)
    # Resolution 202/2025/QH15 and the commune-level resolutions of 2025: the new provinces
    # and communes, and the end of districts, from 1 July 2025.
    return Era.LEGACY if day < REFORM_DATE else Era.PRESENT


def province(code: int | str, era: Era | EraName | None = None, *, path: str = "$") -> Province:
    """The province with a 2-digit code, in an era (present by default).

    Args:
        code: ``89`` or ``"89"``.
        era: ``"legacy"`` or ``"present"``.
        path: where the code sits in the caller's document, for errors.

    Raises:
        PlaceError: ``place.bad_code``, ``place.unknown_province`` or ``place.unknown_era``.

    >>> province(91).name, province(91, era="legacy").name
    ('Tỉnh An Giang', 'Tỉnh Kiên Giang')
    """
    chosen = _era(era, path)
    key = _code(code, 2, "province", path)
    try:
        return _units(chosen).provinces[key]
    except KeyError:
        raise _unknown("province", key, chosen, path) from None


def district(code: int | str, *, path: str = "$") -> District:
    """The legacy district with a 3-digit code.

    Raises:
        PlaceError: ``place.bad_code`` or ``place.unknown_district``.

    >>> district("883").name
    'Thành phố Long Xuyên'
    """
    key = _code(code, 3, "district", path)
    try:
        return _units(Era.LEGACY).districts[key]
    except KeyError:
        raise _unknown("district", key, Era.LEGACY, path) from None


def commune(code: int | str, era: Era | EraName | None = None, *, path: str = "$") -> Commune:
    """The commune, ward, township or special zone with a 5-digit code, in an era.

    Raises:
        PlaceError: ``place.bad_code``, ``place.unknown_commune`` or ``place.unknown_era``.

    >>> commune(28780, era="legacy").name, commune(28780, era="legacy").district_code
    ('Phường 7', '829')
    """
    chosen = _era(era, path)
    key = _code(code, 5, "commune", path)
    try:
        return _units(chosen).communes[key]
    except KeyError:
        raise _unknown("commune", key, chosen, path) from None


def provinces(era: Era | EraName | None = None) -> tuple[Province, ...]:
    """Every province of an era, in code order.

    >>> len(provinces()), len(provinces("legacy"))
    (34, 63)
    """
    return tuple(_units(_era(era)).provinces.values())


def _in_province(value: Province | int | str, era: Era, path: str) -> Province:
    if isinstance(value, Province):
        if value.era is not era:
            raise _wrong_era(value, era, path)
        return value
    return province(value, era, path=path)


def _in_district(value: District | int | str, path: str) -> District:
    return value if isinstance(value, District) else district(value, path=path)


def _scope_era(
    era: Era | EraName | None,
    scope_province: Province | int | str | None,
    scope_district: District | int | str | None,
    path: str,
) -> Era:
    """The era asked for, or the one its scope implies (districts are legacy), or present."""
    implied: list[tuple[object, Era]] = []
    if scope_district is not None:
        implied.append((scope_district, Era.LEGACY))
    if isinstance(scope_province, Province):
        implied.append((scope_province, scope_province.era))
    chosen = _era(era, path) if era is not None else implied[0][1] if implied else Era.PRESENT
    for scope, its_era in implied:
        if its_era is not chosen:
            raise _wrong_era(scope, chosen, path)
    return chosen


def districts(province: Province | int | str | None = None) -> tuple[District, ...]:
    """The legacy districts, all or of one legacy province, in code order.

    >>> [d.code for d in districts(89)][:3]
    ['883', '884', '886']
    """
    every = _units(Era.LEGACY).districts.values()
    if province is None:
        return tuple(every)
    code = _in_province(province, Era.LEGACY, "$").code
    return tuple(d for d in every if d.province_code == code)


def communes(
    era: Era | EraName | None = None,
    *,
    province: Province | int | str | None = None,
    district: District | int | str | None = None,
) -> tuple[Commune, ...]:
    """The communes of an era, all or of one province or (legacy) district, in code order.

    The era is the one given, else the one of the ``province`` object or ``district`` given
    (districts are legacy), else present.

    >>> len(communes(province=91))
    102
    >>> [c.name for c in communes(district=829)][:3]
    ['Phường Phú Khương', 'Phường Phú Tân', 'Phường 8']
    """
    chosen = _scope_era(era, province, district, "$")
    found: Iterable[Commune] = _units(chosen).communes.values()
    if province is not None:
        province_code = _in_province(province, chosen, "$").code
        found = (c for c in found if c.province_code == province_code)
    if district is not None:
        district_code = _in_district(district, "$").code
        found = (c for c in found if c.district_code == district_code)
    return tuple(found)


# --- look-up by name ----------------------------------------------------------------------


@attrs.frozen
class _Index(Generic[Unit]):
    """Units by the key of their name, with diacritics (first tried) and without."""

    marked: dict[str, tuple[Unit, ...]]
    bare: dict[str, tuple[Unit, ...]]

    @classmethod
    def of(cls, units: Iterable[Unit]) -> _Index[Unit]:
        marked: dict[str, list[Unit]] = {}
        bare: dict[str, list[Unit]] = {}
        for unit in units:
            marked_key, bare_key = fold_both(unit.name)
            marked.setdefault(marked_key, []).append(unit)
            bare.setdefault(bare_key, []).append(unit)
        return cls(
            {key: tuple(found) for key, found in marked.items()},
            {key: tuple(found) for key, found in bare.items()},
        )

    def match(self, name: str, keep: Callable[[Unit], bool]) -> list[Unit]:
        """The units the name may mean, written as typed if any is, else with any diacritics.

        Where several remain and the name's prefix tells their kind ("TP", "Thị xã"), the
        units of that kind are preferred.
        """
        found: list[Unit] = []
        for keys, table in (
            (fold_keys(name, marks=True), self.marked),
            (fold_keys(name), self.bare),
        ):
            found = [unit for key in keys for unit in table.get(key, ()) if keep(unit)]
            if found:
                break
        kind = prefix(name)
        if len(found) > 1 and kind is not None:
            return [unit for unit in found if unit.kind == kind] or found
        return found


@functools.cache
def _province_index(era: Era) -> _Index[Province]:
    return _Index.of(_units(era).provinces.values())


@functools.cache
def _district_index() -> _Index[District]:
    return _Index.of(_units(Era.LEGACY).districts.values())


@functools.cache
def _commune_index(era: Era) -> _Index[Commune]:
    return _Index.of(_units(era).communes.values())


def _describe(unit: Province | District | Commune) -> str:
    parents = []
    if isinstance(unit, Commune) and unit.district_code is not None:
        parents.append(district(unit.district_code).name)
    if not isinstance(unit, Province):
        parents.append(province(unit.province_code, unit.era).name)
    return ", ".join([f"{unit.name} ({unit.code})", *parents])


def _one(
    found: Sequence[Unit], name: str, level: str, era: Era, within: str | None, path: str
) -> Unit:
    if len(found) == 1:
        return found[0]
    where_vi = f" thuộc {within}" if within else ""
    where_en = f" in {within}" if within else ""
    if not found:
        raise PlaceError(
            Problem(
                code=f"place.unknown_{level}",
                path=path,
                value=name,
                message_vi=f"Không có {_LEVEL_VI[level]} tên “{name}”{where_vi} {_ERA_VI[era]}",
                message_en=f"no {_LEVEL_EN[level]} is named “{name}”{where_en} {_ERA_EN[era]}",
            )
        )
    shown = "; ".join(_describe(unit) for unit in found[:_CANDIDATES_SHOWN])
    rest = len(found) - _CANDIDATES_SHOWN
    more_vi = f"; và {rest} đơn vị khác" if rest > 0 else ""
    more_en = f"; and {rest} more" if rest > 0 else ""
    narrow_vi = "" if level == "province" else " (hãy nêu tỉnh, huyện để chọn)"
    narrow_en = "" if level == "province" else " (give the province or district to choose)"
    raise PlaceError(
        Problem(
            code="place.ambiguous_name",
            path=path,
            value=name,
            message_vi=f"Tên “{name}” ứng với {len(found)} {_LEVEL_VI[level]}{where_vi}"
            f"{narrow_vi}: {shown}{more_vi}",
            message_en=f"“{name}” matches {len(found)} {_LEVEL_EN[level]} units{where_en}"
            f"{narrow_en}: {shown}{more_en}",
        )
    )


def find_province(name: str, era: Era | EraName | None = None, *, path: str = "$") -> Province:
    """The province of an era with this name, written with or without diacritics or prefix.

    Raises:
        PlaceError: ``place.unknown_province`` or ``place.ambiguous_name``.

    >>> find_province("an giang", era="legacy").code
    '89'
    >>> find_province("TP Hồ Chí Minh").code
    '79'
    """
    chosen = _era(era, path)
    found = _province_index(chosen).match(name, lambda unit: True)
    return _one(found, name, "province", chosen, None, path)


def find_district(
    name: str, *, province: Province | int | str | None = None, path: str = "$"
) -> District:
    """The legacy district with this name, in a legacy province if one is given.

    Raises:
        PlaceError: ``place.unknown_district`` or ``place.ambiguous_name``.

    >>> find_district("thi xa tinh bien").code
    '890'
    >>> find_district("Châu Thành", province=89).code
    '892'
    """
    within = None if province is None else _in_province(province, Era.LEGACY, path)
    found = _district_index().match(
        name, lambda unit: within is None or unit.province_code == within.code
    )
    return _one(found, name, "district", Era.LEGACY, within.name if within else None, path)


def find_commune(
    name: str,
    *,
    province: Province | int | str | None = None,
    district: District | int | str | None = None,
    era: Era | EraName | None = None,
    path: str = "$",
) -> Commune:
    """The commune with this name, in a province or (legacy) district if one is given.

    The era is the one given, else the one the province object or district implies, else
    present. The name may be written with or without diacritics and prefix, with the tone
    mark in either place ("Mỹ Hòa", "Mỹ Hoà", "my hoa", "Phường Mỹ Hòa").

    Raises:
        PlaceError: ``place.unknown_commune``, ``place.ambiguous_name``, or an error of the
            province or district given.

    >>> find_commune("my hoa", district=883).code
    '30307'
    >>> find_commune("Phường Long Xuyên", province=91).code
    '30307'
    """
    chosen = _scope_era(era, province, district, path)
    in_province = None if province is None else _in_province(province, chosen, path)
    in_district = None if district is None else _in_district(district, path)
    if in_district and in_province and in_district.province_code != in_province.code:
        raise PlaceError(
            Problem(
                code="place.district_not_in_province",
                path=path,
                value=in_district.code,
                message_vi=f"{in_district.name} không thuộc {in_province.name}",
                message_en=f"{in_district.name} is not in {in_province.name}",
            )
        )

    def keep(unit: Commune) -> bool:
        return (in_province is None or unit.province_code == in_province.code) and (
            in_district is None or unit.district_code == in_district.code
        )

    within = in_district or in_province
    found = _commune_index(chosen).match(name, keep)
    return _one(found, name, "commune", chosen, within.name if within else None, path)


# --- 1 July 2025 --------------------------------------------------------------------------


def _legacy_code(code: Commune | int | str, path: str) -> str:
    if isinstance(code, Commune):
        if code.era is not Era.LEGACY:
            raise _wrong_era(code, Era.LEGACY, path)
        return code.code
    return commune(code, Era.LEGACY, path=path).code


def successors(code: Commune | int | str, *, path: str = "$") -> tuple[Commune, ...]:
    """Every present commune a legacy commune went into on 1 July 2025, the default first.

    A legacy commune split between several present ones has several; the first is the one
    that took most of it.

    Raises:
        PlaceError: ``place.bad_code``, ``place.unknown_commune`` (no such legacy commune), or
            ``place.wrong_era`` for a present :class:`Commune`.

    >>> [c.name for c in successors(30334)]  # xã Vĩnh Châu, Châu Đốc
    ['Phường Châu Đốc', 'Phường Vĩnh Tế']
    """
    key = _legacy_code(code, path)
    present = _units(Era.PRESENT).communes
    return tuple(present[target] for target in _units(Era.LEGACY).targets[key])


def successor(code: Commune | int | str, *, path: str = "$") -> Commune:
    """The present commune a legacy commune went into (for a split one, the default).

    Raises:
        PlaceError: as :func:`successors`.

    >>> successor(28780).name  # Phường 7, Thành phố Bến Tre
    'Phường Bến Tre'
    """
    return successors(code, path=path)[0]


def predecessors(code: Commune | int | str, *, path: str = "$") -> tuple[Commune, ...]:
    """The legacy communes, whole or in part, a present commune was made from.

    The five island special zones (đặc khu) made from districts without communes have none.

    Raises:
        PlaceError: ``place.bad_code``, ``place.unknown_commune`` (no such present commune),
            or ``place.wrong_era`` for a legacy :class:`Commune`.

    >>> [c.name for c in predecessors(30292)]
    ['Phường Bình Đức', 'Phường Bình Khánh', 'Xã Mỹ Khánh']
    """
    if isinstance(code, Commune):
        if code.era is not Era.PRESENT:
            raise _wrong_era(code, Era.PRESENT, path)
        key = code.code
    else:
        key = commune(code, Era.PRESENT, path=path).code
    legacy = _units(Era.LEGACY).communes
    return tuple(legacy[source] for source in _sources().get(key, ()))
