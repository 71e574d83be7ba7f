"""Days as the OCOP rules count them: Vietnamese working days and calendar months.

Deadlines in the OCOP texts are in working days ("15 ngày làm việc", QĐ 26/2026/QĐ-TTg Art. 7.1)
or in calendar days and months (a certificate lasts 36 months, Art. 4.3). Working days skip
Saturdays, Sundays and Vietnam's public holidays, Tết included, as the ``holidays`` package
knows them (Labour Code 2019, Art. 112, with the Government's yearly Tết arrangements).
Every date is a :class:`pendulum.Date`; moments are in :data:`TZ`, Asia/Ho_Chi_Minh.

>>> add_working_days(date(2020, 1, 20), 5)  # Tết Canh Tý: 23 to 29 January 2020 are off
Date(2020, 2, 3)
>>> working_days_between(date(2020, 1, 20), date(2020, 2, 3))
5
>>> add_months(date(2020, 3, 31), 36)
Date(2023, 3, 31)
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays
import pendulum

from ocop.errors import InputError, Problem

__all__ = [
    "TZ",
    "add_months",
    "add_working_days",
    "as_date",
    "date",
    "is_working_day",
    "parse_date",
    "today",
    "working_days_between",
]

TZ = pendulum.timezone("Asia/Ho_Chi_Minh")
"""The one timezone of the OCOP programme."""


def date(year: int, month: int, day: int) -> pendulum.Date:
    """A calendar day.

    >>> date(2026, 5, 22).isoformat()
    '2026-05-22'
    """
    return pendulum.Date(year, month, day)


def as_date(value: dt.date) -> pendulum.Date:
    """The calendar day of a ``date`` or ``datetime`` (a datetime is read in :data:`TZ`)."""
    if isinstance(value, dt.datetime):
        moment = pendulum.instance(value, tz=TZ).in_timezone(TZ)
        return pendulum.Date(moment.year, moment.month, moment.day)
    if isinstance(value, pendulum.Date):
        return value
    return pendulum.Date(value.year, value.month, value.day)


def parse_date(text: str, *, path: str = "$") -> pendulum.Date:
    """An ISO 8601 day (``YYYY-MM-DD``).

    Raises:
        InputError: ``date.invalid`` when the text is not a real calendar day.

    >>> parse_date("2020-03-11")
    Date(2020, 3, 11)
    """
    try:
        parsed = dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        raise InputError(
            Problem(
                code="date.invalid",
                path=path,
                value=text,
                message_vi="Ngày không hợp lệ (cần dạng NNNN-TT-NN)",
                message_en="not a valid date (expected YYYY-MM-DD)",
            )
        ) from None
    return pendulum.Date(parsed.year, parsed.month, parsed.day)


def today() -> pendulum.Date:
    """Today in Vietnam."""
    return pendulum.today(TZ).date()


@lru_cache(maxsize=64)
def _holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("VN", years=year))


def is_working_day(day: dt.date) -> bool:
    """Whether public offices work on ``day``: Monday to Friday and not a public holiday.

    >>> is_working_day(date(2020, 1, 27))  # third day of Tết
    False
    >>> is_working_day(date(2020, 3, 11))
    True
    """
    return day.weekday() < 5 and dt.date(day.year, day.month, day.day) not in _holidays(day.year)


def add_working_days(start: dt.date, days: int) -> pendulum.Date:
    """The day that is ``days`` working days after ``start`` (``start`` itself not counted).

    A deadline of "15 working days from receipt" is ``add_working_days(received, 15)``.

    Raises:
        ValueError: if ``days`` is negative.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    current = as_date(start)
    remaining = days
    while remaining:
        current = current.add(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: dt.date, end: dt.date) -> int:
    """How many working days lie after ``start`` up to and including ``end`` (0 if end ≤ start)."""
    first, last = as_date(start), as_date(end)
    count = 0
    current = first
    while current < last:
        current = current.add(days=1)
        if is_working_day(current):
            count += 1
    return count


def add_months(start: dt.date, months: int) -> pendulum.Date:
    """Calendar-month arithmetic: 36 months after 31 March is 31 March; after 31 May, 31 May.

    A day that the target month lacks falls back to its last day (29 February → 28 February).

    >>> add_months(date(2024, 2, 29), 12)
    Date(2025, 2, 28)
    """
    return as_date(start).add(months=months)
