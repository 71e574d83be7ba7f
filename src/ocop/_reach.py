"""Where a place counts: the units of both eras an address stands in.

The reading is the one :mod:`ocop.plan` documents: a legacy commune counts for its legacy
district and province and for the present commune it went into (the one that took most of a
split commune) and that commune's province; a legacy district without its commune, for itself,
its province and the present province it is now part of; a present commune, for itself, its
province and every legacy commune that went into it.

A legacy address is read with the units of the day it was written (``Address.written_on``), on
which :attr:`Where.legacy_on` names them: a commune merged away before 2025 counts for its
legacy district and province and for its present province, and for no present commune (the
lists do not give the one it is now part of).
"""

from __future__ import annotations

import datetime as dt
import functools

import attrs

from ocop import places
from ocop.places import Era
from ocop.regulation import Level
from ocop.subject import Address

__all__ = ["Where", "reach"]


@attrs.frozen
class Where:
    """The units of both eras a place counts for (see the module's reading)."""

    legacy_provinces: frozenset[str] = frozenset()
    legacy_districts: frozenset[str] = frozenset()
    legacy_communes: frozenset[str] = frozenset()
    present_provinces: frozenset[str] = frozenset()
    present_communes: frozenset[str] = frozenset()
    legacy_on: dt.date | None = None
    """The day whose units name the legacy codes (an address's ``written_on``), if any."""

    def units(self, era: Era, level: Level) -> frozenset[str]:
        """The codes of the units of ``level`` in ``era`` the place counts for."""
        if era is Era.LEGACY:
            if level is Level.PROVINCE:
                return self.legacy_provinces
            if level is Level.DISTRICT:
                return self.legacy_districts
            return self.legacy_communes
        if level is Level.PROVINCE:
            return self.present_provinces
        if level is Level.COMMUNE:
            return self.present_communes
        return frozenset()

    def one(self, era: Era, level: Level) -> str | None:
        """The unit of ``level`` in ``era``, if the place counts for exactly one."""
        found = self.units(era, level)
        return next(iter(found)) if len(found) == 1 else None


@functools.cache
def reach(place: Address | None) -> Where:
    if place is None:
        return Where()
    if place.era is Era.PRESENT:
        code = place.commune_code or ""
        unit = places.commune(code)
        before = places.predecessors(code)
        return Where(
            legacy_provinces=frozenset(c.province_code for c in before),
            legacy_districts=frozenset(c.district_code for c in before if c.district_code),
            legacy_communes=frozenset(c.code for c in before),
            present_provinces=frozenset({unit.province_code}),
            present_communes=frozenset({code}),
        )
    if place.commune_code is not None:
        legacy = places.commune(
            place.commune_code, era=Era.LEGACY, on=place.written_on, district=place.district_code
        )
        # A commune merged away before 2025 has no known present commune, only its province.
        now = places.present_place(legacy)
        after = now.communes[:1]
        return Where(
            legacy_provinces=frozenset({legacy.province_code}),
            legacy_districts=frozenset({legacy.district_code or ""}),
            legacy_communes=frozenset({legacy.code}),
            present_provinces=frozenset({now.province.code}),
            present_communes=frozenset(unit.code for unit in after),
            legacy_on=place.written_on,
        )
    district = places.district(place.district_code or "", on=place.written_on)
    return Where(
        legacy_provinces=frozenset({district.province_code}),
        legacy_districts=frozenset({district.code}),
        present_provinces=frozenset({places.present_place(district).province.code}),
        legacy_on=place.written_on,
    )
