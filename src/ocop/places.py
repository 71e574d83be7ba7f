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

Legacy units changed between 2019 and 2025 as well: communes merged, towns became wards,
Thừa Thiên Huế became a city. A code written on a day is read with the units of that day
(``on=``), from the official lists of 2020, 2021, 2023 and January 2025 and the units that went
into the reform:

>>> commune(10852, on=2021).name, district(294, on=2021).name
('Xã Thanh Xá', 'Huyện Thanh Hà')
>>> province(46, on=2021).name, province(46, on=2025).name
('Tỉnh Thừa Thiên Huế', 'Thành phố Huế')

The data ships with ``ocop`` (``ocop/data/places_*.json.gz``): the official codes and names of
QĐ 19/2025/QĐ-TTg and of the GSO lists, centre points, areas and the conversion table derived
from ``vietnamadminunits`` 1.0.4 (MIT, see ``ocop/data/NOTICE``). Each file loads on the first
look-up that needs it, not at import.
"""

from __future__ import annotations

import datetime
import enum
import functools
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Final, Generic, Literal, TypeAlias, TypeVar

import attrs

from ocop._text import fold_both, fold_keys, prefix
from ocop.errors import PlaceError, Problem

__all__ = [
    "REFORM_DATE",
    "Commune",
    "CommuneKind",
    "District",
    "DistrictKind",
    "Era",
    "Point",
    "PresentPlace",
    "Province",
    "ProvinceKind",
    "SpanReading",
    "commune",
    "communes",
    "district",
    "districts",
    "era_for",
    "find_commune",
    "find_district",
    "find_province",
    "lists",
    "predecessors",
    "present_place",
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


class SpanReading(enum.StrEnum):
    """How a day between two official lists of units is read.

    The history of units is known from dated lists (2020-02-25, 2021-02-03, 2023-05-07,
    2025-01-04, and the units that went into the reform on 30 June 2025). A unit seen in one
    list and not in the next ended somewhere in between; the lists do not say when.
    """

    EITHER = "either"
    """A day between two lists is read with either of them (the default): a code that names a
    unit of the earlier list or of the later one may be right, so both are accepted, the
    earlier list's unit given first. A year is read with every list that may have been in force
    during it."""
    EARLIER = "earlier"
    """A day between two lists is read with the earlier one only: a change counts from the
    first list that shows it. Days before the first list are read with the first list."""


@attrs.frozen(kw_only=True)
class Point:
    """A point on the map, in degrees (WGS 84): the approximate centre of a unit.

    ``__geo_interface__`` makes it a GeoJSON point for shapely, geopandas and folium.

    >>> centre = province(91).centre
    >>> centre
    Point(lat=10.1791, lon=105.096)
    >>> centre.__geo_interface__
    {'type': 'Point', 'coordinates': (105.096, 10.1791)}
    """

    lat: float
    lon: float

    @property
    def __geo_interface__(self) -> dict[str, object]:
        return {"type": "Point", "coordinates": (self.lon, self.lat)}


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
        centre: the approximate centre (present provinces), else ``None``.
        area_km2: the area in km², the sum of its communes' (present provinces), else ``None``.
        listed: the first and last official list that shows the unit so, for a unit read on a
            day (``on=``); ``None`` otherwise.

    >>> province(89, era="legacy")
    Province(code='89', name='Tỉnh An Giang', kind='tỉnh', era=<Era.LEGACY: 'legacy'>)
    >>> round(province(91).area_km2)
    10110
    """

    code: str = attrs.field(validator=_check_code(2, "province"))
    name: str
    kind: ProvinceKind
    era: Era
    centre: Point | None = attrs.field(default=None, repr=False, eq=False)
    area_km2: float | None = attrs.field(default=None, repr=False, eq=False)
    listed: tuple[datetime.date, datetime.date] | None = attrs.field(
        default=None, repr=False, eq=False
    )


@attrs.frozen(kw_only=True)
class District(_Named):
    """A district-level unit, which existed only before 1 July 2025 (quận, huyện, thị xã,
    thành phố thuộc tỉnh).

    Attributes:
        code: the 3-digit GSO code ("883").
        name: the full name ("Thành phố Long Xuyên").
        kind: "quận", "huyện", "thị xã" or "thành phố".
        province_code: the province it belonged to.
        listed: the first and last official list that shows the unit so, for a unit read on a
            day (``on=``); ``None`` otherwise.

    >>> district(829).name
    'Thành phố Bến Tre'
    """

    code: str = attrs.field(validator=_check_code(3, "district"))
    name: str
    kind: DistrictKind
    province_code: str
    listed: tuple[datetime.date, datetime.date] | None = attrs.field(
        default=None, repr=False, eq=False
    )

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
        centre: the approximate centre (present communes), else ``None``.
        area_km2: the area in km² (present communes, where known), else ``None``.
        listed: the first and last official list that shows the unit so, for a unit read on a
            day (``on=``); ``None`` otherwise.

    >>> long_xuyen = commune(30307)
    >>> long_xuyen.name, long_xuyen.kind, long_xuyen.province_code, long_xuyen.district_code
    ('Phường Long Xuyên', 'phường', '91', None)
    >>> long_xuyen.centre, long_xuyen.area_km2
    (Point(lat=10.3661, lon=105.423), 29.98)
    """

    code: str = attrs.field(validator=_check_code(5, "commune"))
    name: str
    kind: CommuneKind
    province_code: str
    district_code: str | None = None
    era: Era
    centre: Point | None = attrs.field(default=None, repr=False, eq=False)
    area_km2: float | None = attrs.field(default=None, repr=False, eq=False)
    listed: tuple[datetime.date, datetime.date] | None = attrs.field(
        default=None, repr=False, eq=False
    )


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


def _read(name: str) -> Any:
    """A gzip JSON file shipped in ``ocop/data``."""
    import gzip
    import json
    from importlib.resources import files

    return json.loads(gzip.decompress((files("ocop") / "data" / name).read_bytes()))


def _load_legacy() -> _Units:
    data = _read("places_legacy.json.gz")
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
    data = _read("places_present.json.gz")
    communes: dict[str, Commune] = {}
    areas: dict[str, float] = {}
    for code, province_code, name, lat, lon, area in data["communes"]:
        key, parent = f"{code:05d}", f"{province_code:02d}"
        communes[key] = Commune(
            code=key,
            name=name,
            kind=_kind(name, _COMMUNE_KINDS),
            province_code=parent,
            era=Era.PRESENT,
            centre=Point(lat=lat, lon=lon),
            area_km2=area,
        )
        areas[parent] = areas.get(parent, 0.0) + (area or 0.0)
    provinces: dict[str, Province] = {}
    for code, name, lat, lon in data["provinces"]:
        key = f"{code:02d}"
        provinces[key] = Province(
            code=key,
            name=name,
            kind=_kind(name, _PROVINCE_KINDS),
            era=Era.PRESENT,
            centre=Point(lat=lat, lon=lon),
            area_km2=round(areas[key], 2),
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


def _era_on(era: Era | EraName | None, on: Day | None, path: str) -> Era:
    """The era asked for, else the era of ``on``; a present era before the reform is refused."""
    if on is None:
        return _era(era, path)
    first = on if isinstance(on, int) and not isinstance(on, bool) else None
    if first is not None and not 1 <= first <= 9999:
        first = None
    day = datetime.date(first, 1, 1) if first is not None else on
    if not isinstance(day, datetime.date):
        raise PlaceError(
            Problem(
                code="place.bad_day",
                path=path,
                value=on,
                message_vi="Ngày đọc đơn vị hành chính phải là một ngày hoặc một năm",
                message_en="the day to read units on is a date or a year",
            )
        )
    implied = era_for(day)
    if first is not None and first == REFORM_DATE.year:
        implied = Era.LEGACY if era is None else _era(era, path)
    chosen = implied if era is None else _era(era, path)
    if chosen is Era.PRESENT and implied is Era.LEGACY:
        raise _wrong_era(day.isoformat(), Era.LEGACY, path)
    return chosen


def _reading(value: SpanReading | str, path: str) -> SpanReading:
    try:
        return SpanReading(value)
    except ValueError:
        raise PlaceError(
            Problem(
                code="place.unknown_reading",
                path=path,
                value=value,
                message_vi="Cách đọc ngày giữa hai danh mục phải là 'either' hoặc 'earlier'",
                message_en="the reading of a day between two lists is 'either' or 'earlier'",
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


Day: TypeAlias = datetime.date | int
"""A day, or a year (for a product code, which carries only its year)."""


def province(
    code: int | str,
    era: Era | EraName | None = None,
    *,
    on: Day | None = None,
    reading: SpanReading | str = SpanReading.EITHER,
    path: str = "$",
) -> Province:
    """The province with a 2-digit code, in an era (present by default) or on a day.

    Args:
        code: ``89`` or ``"89"``.
        era: ``"legacy"`` or ``"present"``; by default the era of ``on``, else present.
        on: a day or a year: the province as the official lists of that day name it.
        reading: how a day between two lists is read (:class:`SpanReading`).
        path: where the code sits in the caller's document, for errors.

    Raises:
        PlaceError: ``place.bad_code``, ``place.unknown_province``, ``place.unknown_era`` or
            ``place.wrong_era`` (a present era asked for a day before 1 July 2025).

    >>> province(91).name, province(91, era="legacy").name
    ('Tỉnh An Giang', 'Tỉnh Kiên Giang')
    >>> province(46, on=2021).name
    'Tỉnh Thừa Thiên Huế'
    """
    chosen = _era_on(era, on, path)
    key = _code(code, 2, "province", path)
    if on is not None and chosen is Era.LEGACY:
        return _listed_province(key, on, _reading(reading, path), path)
    try:
        return _units(chosen).provinces[key]
    except KeyError:
        raise _unknown("province", key, chosen, path) from None


def district(
    code: int | str,
    *,
    on: Day | None = None,
    reading: SpanReading | str = SpanReading.EITHER,
    path: str = "$",
) -> District:
    """The legacy district with a 3-digit code, as it was on 30 June 2025 or on a day.

    Raises:
        PlaceError: ``place.bad_code``, ``place.unknown_district`` or ``place.wrong_era`` (a
            day from 1 July 2025, when there were no districts).

    >>> district("883").name
    'Thành phố Long Xuyên'
    >>> district(474, on=2021).name, district(474, on=datetime.date(2025, 3, 1)).name
    ('Thành phố Huế', 'Quận Thuận Hóa')
    """
    key = _code(code, 3, "district", path)
    if on is not None:
        if _era_on(None, on, path) is Era.PRESENT:
            raise _wrong_era(on if isinstance(on, int) else on.isoformat(), Era.LEGACY, path)
        return _listed_district(key, on, _reading(reading, path), path)
    try:
        return _units(Era.LEGACY).districts[key]
    except KeyError:
        raise _unknown("district", key, Era.LEGACY, path) from None


def commune(
    code: int | str,
    era: Era | EraName | None = None,
    *,
    on: Day | None = None,
    district: District | int | str | None = None,
    reading: SpanReading | str = SpanReading.EITHER,
    path: str = "$",
) -> Commune:
    """The commune, ward, township or special zone with a 5-digit code, in an era or on a day.

    Args:
        code: ``30307`` or ``"30307"``.
        era: ``"legacy"`` or ``"present"``; by default the era of ``on``, else present.
        on: a day or a year: the commune as the official lists of that day name it, under
            the district of that day.
        district: for a commune read on a day, the district the caller found it under (a
            product code's district): where the lists around the day place the commune in
            several districts, the one in this district is given.
        reading: how a day between two lists is read (:class:`SpanReading`).
        path: where the code sits in the caller's document, for errors.

    Raises:
        PlaceError: ``place.bad_code``, ``place.unknown_commune``, ``place.unknown_era`` or
            ``place.wrong_era``.

    >>> commune(28780, era="legacy").name, commune(28780, era="legacy").district_code
    ('Phường 7', '829')
    >>> thuan_hoa = commune(19762, on=2021)   # in Huế city until the city was split in 2025
    >>> thuan_hoa.name, thuan_hoa.district_code, commune(19762, on=2025).district_code
    ('Phường Thuận Hòa', '474', '475')
    """
    chosen = _era_on(era, on, path)
    key = _code(code, 5, "commune", path)
    if on is not None and chosen is Era.LEGACY:
        within = None
        if district is not None:
            within = district.code if isinstance(district, District) else None
            within = within or _code(district, 3, "district", path)
        return _listed_commune(key, on, within, _reading(reading, path), path)
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


# --- units through time -------------------------------------------------------------------

# A span: the unit's name, its parent's code (None for provinces), and the indexes of the first
# and last list that show it so.
_Span: TypeAlias = tuple[str, str | None, int, int]


@attrs.frozen
class _History:
    lists: tuple[datetime.date, ...]
    provinces: dict[str, tuple[_Span, ...]]
    districts: dict[str, tuple[_Span, ...]]
    communes: dict[str, tuple[_Span, ...]]


@functools.cache
def _history() -> _History:
    data = _read("places_history.json.gz")

    def table(
        rows: list[list[Any]], width: int, parent: int | None
    ) -> dict[str, tuple[_Span, ...]]:
        found: dict[str, tuple[_Span, ...]] = {}
        for code, *spans in rows:
            found[f"{code:0{width}d}"] = tuple(
                (
                    span[0],
                    None if parent is None else f"{span[1]:0{parent}d}",
                    span[-2],
                    span[-1],
                )
                for span in spans
            )
        return found

    return _History(
        lists=tuple(datetime.date.fromisoformat(day) for day in data["lists"]),
        provinces=table(data["provinces"], 2, None),
        districts=table(data["districts"], 3, 2),
        communes=table(data["communes"], 5, 3),
    )


def lists() -> tuple[datetime.date, ...]:
    """The days of the official lists the history of legacy units is read from.

    The last, 30 June 2025, is the list of the units that went into the reform.

    >>> [day.isoformat() for day in lists()]
    ['2020-02-25', '2021-02-03', '2023-05-07', '2025-01-04', '2025-06-30']
    """
    return _history().lists


@functools.lru_cache(maxsize=256)
def _candidates(on: Day, reading: SpanReading) -> tuple[int, ...]:
    """The lists that may name the units of ``on``, the one to prefer first.

    A day with a list of its own is read with that list. Otherwise: the lists within the
    period (latest first), then the last one before it, then, when the reading is
    :attr:`SpanReading.EITHER` or nothing came before, the first one after it.
    """
    if isinstance(on, int):
        first, last = datetime.date(on, 1, 1), datetime.date(on, 12, 31)
    else:
        first = last = _as_day(on)
    days = _history().lists
    within = [at for at, day in enumerate(days) if first <= day <= last]
    before = [at for at, day in enumerate(days) if day < first]
    after = [at for at, day in enumerate(days) if day > last]
    chosen = sorted(within, reverse=True)
    if within and first == last:
        return tuple(chosen)  # a list of that very day
    if before:
        chosen.append(before[-1])
    if after and (reading is SpanReading.EITHER or not chosen):
        chosen.append(after[0])
    return tuple(chosen)


def _as_day(value: datetime.date) -> datetime.date:
    """A day, a moment read in Vietnam's time."""
    if isinstance(value, datetime.datetime):
        from ocop.calendar import as_date

        return as_date(value)
    return value


def _spans_on(
    table: dict[str, tuple[_Span, ...]], key: str, on: Day, reading: SpanReading
) -> list[_Span]:
    """The spans of a code in force on one of the candidate lists of ``on``, preferred first."""
    spans = table.get(key, ())
    found: list[_Span] = []
    for at in _candidates(on, reading):
        for span in spans:
            if span[2] <= at <= span[3] and span not in found:
                found.append(span)
    return found


def _listed(span: _Span) -> tuple[datetime.date, datetime.date]:
    days = _history().lists
    return days[span[2]], days[span[3]]


def _not_listed(level: str, key: str, on: Day, path: str) -> PlaceError:
    when = str(on) if isinstance(on, int) else on.isoformat()
    where_vi = f"năm {when}" if isinstance(on, int) else f"ngày {when}"
    where_en = f"in {when}" if isinstance(on, int) else f"on {when}"
    return PlaceError(
        Problem(
            code=f"place.unknown_{level}",
            path=path,
            value=key,
            message_vi=f"Không có {_LEVEL_VI[level]} mã {key} trong danh mục đơn vị hành chính "
            f"{where_vi}",
            message_en=f"no {_LEVEL_EN[level]} has the code {key} in the official lists {where_en}",
        )
    )


def _listed_province(key: str, on: Day, reading: SpanReading, path: str) -> Province:
    found = _province_on(key, on, reading)
    if found is None:
        raise _not_listed("province", key, on, path)
    return found


@functools.lru_cache(maxsize=4096)
def _province_on(key: str, on: Day, reading: SpanReading) -> Province | None:
    found = _spans_on(_history().provinces, key, on, reading)
    if not found:
        return None
    name = found[0][0]
    return Province(
        code=key,
        name=name,
        kind=_kind(name, _PROVINCE_KINDS),
        era=Era.LEGACY,
        listed=_listed(found[0]),
    )


def _listed_district(key: str, on: Day, reading: SpanReading, path: str) -> District:
    found = _district_on(key, on, reading)
    if found is None:
        raise _not_listed("district", key, on, path)
    return found


@functools.lru_cache(maxsize=4096)
def _district_on(key: str, on: Day, reading: SpanReading) -> District | None:
    found = _spans_on(_history().districts, key, on, reading)
    if not found:
        return None
    name, parent, *_ = found[0]
    return District(
        code=key,
        name=name,
        kind=_kind(name, _DISTRICT_KINDS),
        province_code=parent or "",
        listed=_listed(found[0]),
    )


def _listed_commune(
    key: str, on: Day, within: str | None, reading: SpanReading, path: str
) -> Commune:
    found = _commune_on(key, on, within, reading)
    if found is None:
        raise _not_listed("commune", key, on, path)
    return found


@functools.lru_cache(maxsize=16384)
def _commune_on(key: str, on: Day, within: str | None, reading: SpanReading) -> Commune | None:
    found = _spans_on(_history().communes, key, on, reading)
    if not found:
        return None
    span = next((span for span in found if span[1] == within), found[0])
    name, parent, first, _ = span
    parents = _history().districts.get(parent or "", ())
    province_code = next(
        (p for _, p, start, end in parents if start <= first <= end and p is not None),
        parents[-1][1] if parents else "",
    )
    return Commune(
        code=key,
        name=name,
        kind=_kind(name, _COMMUNE_KINDS),
        province_code=province_code or "",
        district_code=parent,
        era=Era.LEGACY,
        listed=_listed(span),
    )


@attrs.frozen(kw_only=True)
class PresentPlace:
    """Where a legacy unit is now: the present province and, where known, the communes.

    Every legacy province went whole into one present province, so the province is always
    known. The communes are known for the units that went into the reform (the conversion
    table); a commune merged away before 2025 is listed in ``unknown``, and :meth:`describe`
    says so rather than guess.

    Attributes:
        unit: the legacy unit.
        province: the present province it is part of.
        communes: the present communes it went into (for a commune, the one that took most of
            it first); for a district, those of its communes that are known.
        unknown: the legacy communes (the unit itself, or a district's communes) whose present
            commune the official lists do not give.
    """

    unit: Province | District | Commune
    province: Province
    communes: tuple[Commune, ...] = ()
    unknown: tuple[Commune, ...] = ()

    @property
    def known(self) -> bool:
        """Whether every part of the unit has a known present commune."""
        return not self.unknown

    def describe(self, lang: Literal["vi", "en"] = "vi") -> str:
        """Where the unit is now, in words.

        >>> print(present_place(commune(10852, on=2021)).describe("en"))
        ... # doctest: +NORMALIZE_WHITESPACE
        Xã Thanh Xá is now in Thành phố Hải Phòng; the official lists do not say which
        present commune it is part of (Xã Thanh Xá was last listed on 2023-05-07)
        """
        names = ", ".join(unit.name for unit in self.communes)
        if isinstance(self.unit, Province) or (self.known and self.communes):
            where_en = f"{names}, {self.province.name}" if self.communes else self.province.name
            if lang == "en":
                return f"{self.unit.name} is now part of {where_en}"
            return f"{self.unit.name} nay thuộc {where_en}"
        gone = "; ".join(
            f"{unit.name} ({unit.listed[1].isoformat()})" if unit.listed else unit.name
            for unit in self.unknown
        )
        single = len(self.unknown) == 1 and self.unknown[0] is self.unit
        if lang == "en":
            last = (
                f"{self.unit.name} was last listed on {self.unit.listed[1].isoformat()}"
                if single and self.unit.listed
                else f"last listed: {gone}"
            )
            part = f"; partly {names}" if self.communes else ""
            return (
                f"{self.unit.name} is now in {self.province.name}{part}; the official lists do "
                f"not say which present commune it is part of ({last})"
            )
        last = (
            f"{self.unit.name} có tên lần cuối trong danh mục ngày "
            f"{self.unit.listed[1].isoformat()}"
            if single and self.unit.listed
            else f"có tên lần cuối: {gone}"
        )
        part = f"; một phần nay là {names}" if self.communes else ""
        return (
            f"{self.unit.name} nay thuộc {self.province.name}{part}; danh mục đơn vị hành chính "
            f"không cho biết nay là một phần của xã, phường nào ({last})"
        )


@functools.cache
def _present_province_of() -> dict[str, str]:
    """For each legacy province, the present province it went into (whole)."""
    legacy = _units(Era.LEGACY)
    present = _units(Era.PRESENT).communes
    found: dict[str, str] = {}
    for code, targets in legacy.targets.items():
        if targets:
            found.setdefault(legacy.communes[code].province_code, present[targets[0]].province_code)
    return found


def _reaches_reform(key: str, unit: Commune) -> bool:
    """Whether the code names this same unit, without a gap, until the reform."""
    spans = _history().communes.get(key, ())
    eve = len(_history().lists) - 1
    start = next(
        (at for at, span in enumerate(spans) if unit.listed and _listed(span) == unit.listed),
        None,
    )
    if start is None:
        return unit.listed is None and key in _units(Era.LEGACY).communes
    chain = spans[start:]
    joined = all(later[2] == earlier[3] + 1 for earlier, later in itertools.pairwise(chain))
    return joined and chain[-1][3] == eve


def _then_communes(unit: District) -> tuple[Commune, ...]:
    """The communes of a district read on a day, as the lists of its span show them."""
    if unit.listed is None:
        return communes(district=unit.code)
    days = _history().lists
    first, last = days.index(unit.listed[0]), days.index(unit.listed[1])
    found = []
    for key, spans in _history().communes.items():
        for span in spans:
            if span[1] == unit.code and span[2] <= last and span[3] >= first:
                found.append(
                    _listed_commune(
                        key, days[max(first, span[2])], unit.code, SpanReading.EARLIER, "$"
                    )
                )
                break
    return tuple(found)


def present_place(unit: Province | District | Commune, *, path: str = "$") -> PresentPlace:
    """Where a legacy unit is now (since 1 July 2025).

    A commune that went into the reform gives its present communes (see :func:`successors`);
    a district, the present communes its communes went into; a province only itself (it went
    whole into its present province). A commune merged away before 2025 gives only its
    present province, and is listed as ``unknown``.

    Raises:
        PlaceError: ``place.wrong_era`` for a present unit.

    >>> present_place(commune(30307, on=2021)).describe("en")
    'Phường Mỹ Hòa is now part of Phường Long Xuyên, Tỉnh An Giang'
    >>> present_place(province(46, on=2021)).describe("en")
    'Tỉnh Thừa Thiên Huế is now part of Thành phố Huế'
    """
    if unit.era is not Era.LEGACY:
        raise _wrong_era(unit, Era.LEGACY, path)
    province_code = unit.code if isinstance(unit, Province) else unit.province_code
    now = province(_present_province_of()[province_code], Era.PRESENT)
    if isinstance(unit, Province):
        return PresentPlace(unit=unit, province=now)
    parts = _then_communes(unit) if isinstance(unit, District) else (unit,)
    found: dict[str, Commune] = {}
    unknown: list[Commune] = []
    for part in parts:
        if _reaches_reform(part.code, part):
            for target in successors(part.code):
                found.setdefault(target.code, target)
        else:
            unknown.append(part)
    return PresentPlace(
        unit=unit, province=now, communes=tuple(found.values()), unknown=tuple(unknown)
    )


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
