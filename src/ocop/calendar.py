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

Days are supported from :data:`FIRST_DAY` (1 January 1901) to :data:`LAST_DAY` (31 December
2100), the years whose lunar calendar, and so whose Tết, the ``holidays`` package knows. A day
outside them is refused with ``date.out_of_range`` wherever it comes in (a document, a
constructor, a sum of days), so no count of working days is ever made on a calendar without
Tết, and no arithmetic runs off the end of the calendar.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Final

import pendulum

from ocop.errors import InputError, Problem

__all__ = [
    "FIRST_DAY",
    "LAST_DAY",
    "TZ",
    "add_months",
    "add_working_days",
    "as_date",
    "date",
    "in_range",
    "is_working_day",
    "parse_date",
    "today",
    "working_days_between",
]

TZ = pendulum.timezone("Asia/Ho_Chi_Minh")
"""The one timezone of the OCOP programme."""


FIRST_DAY: Final = pendulum.Date(1901, 1, 1)
"""The first day ``ocop`` reads or computes."""
LAST_DAY: Final = pendulum.Date(2100, 12, 31)
"""The last day ``ocop`` reads or computes."""


def _out_of_range(value: object, path: str) -> InputError:
    return InputError(
        Problem(
            code="date.out_of_range",
            path=path,
            value=str(value),
            message_vi=f"Ngày ngoài khoảng được hỗ trợ ({FIRST_DAY} đến {LAST_DAY})",
            message_en=f"a day outside the supported range ({FIRST_DAY} to {LAST_DAY})",
        )
    )


def in_range(day: dt.date, path: str = "$") -> pendulum.Date:
    """``day`` as a :class:`pendulum.Date`, if it lies from :data:`FIRST_DAY` to :data:`LAST_DAY`.

    Raises:
        InputError: ``date.out_of_range`` otherwise.

    >>> try:
    ...     in_range(date(9996, 12, 31), "$.issued_on")
    ... except InputError as error:
    ...     print(error.code, error.path)
    date.out_of_range $.issued_on
    """
    if not FIRST_DAY.year <= day.year <= LAST_DAY.year:
        raise _out_of_range(day, path)
    return as_date(day)


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
        InputError: ``date.invalid`` when the text is not a real calendar day,
            ``date.out_of_range`` when it lies outside the supported years.

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
    return in_range(pendulum.Date(parsed.year, parsed.month, parsed.day), path)


def today() -> pendulum.Date:
    """Today in Vietnam."""
    return pendulum.today(TZ).date()


@lru_cache(maxsize=64)
def _holidays(year: int) -> frozenset[dt.date]:
    # Imported when a working day is first counted: scoring a season needs no holidays.
    import holidays

    return frozenset(holidays.country_holidays("VN", years=year))


def is_working_day(day: dt.date) -> bool:
    """Whether public offices work on ``day``: Monday to Friday and not a public holiday.

    >>> is_working_day(date(2020, 1, 27))  # third day of Tết
    False
    >>> is_working_day(date(2020, 3, 11))
    True

    Raises:
        InputError: ``date.out_of_range`` outside the supported years, whose Tết is unknown.
    """
    if not FIRST_DAY.year <= day.year <= LAST_DAY.year:
        raise _out_of_range(day, "$")
    return day.weekday() < 5 and dt.date(day.year, day.month, day.day) not in _holidays(day.year)


def add_working_days(start: dt.date, days: int) -> pendulum.Date:
    """The day that is ``days`` working days after ``start`` (``start`` itself not counted).

    A deadline of "15 working days from receipt" is ``add_working_days(received, 15)``.

    Raises:
        InputError: ``calendar.negative_days`` (also a ``ValueError``) if ``days`` is
            negative or not a whole number; ``date.out_of_range`` if ``start`` or the day
            reached lies outside the supported years.
    """
    if type(days) is not int or days < 0:
        raise InputError(
            Problem(
                code="calendar.negative_days",
                path="$.days",
                value=days if type(days) is int else repr(days)[:50],
                message_vi="Số ngày làm việc phải là số nguyên không âm",
                message_en="days must not be negative: a whole number of working days is needed",
            )
        )
    current = in_range(start)
    remaining = days
    # Whole weeks first: each holds five weekdays, less the holidays on them.
    while remaining > 10:
        weeks = remaining // 5 - 1
        if current.add(days=7) > LAST_DAY or weeks * 7 > (LAST_DAY - current).days:
            raise _out_of_range(f"{current} + {days}", "$")
        end = current.add(weeks=weeks)
        remaining -= working_days_between(current, end)
        current = end
    while remaining > 0:
        if current >= LAST_DAY:
            raise _out_of_range(f"{current} + {days}", "$")
        current = current.add(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def _weekdays_up_to(day: dt.date) -> int:
    """How many Mondays to Fridays lie from an epoch Monday up to and including ``day``."""
    # Day n of the proleptic calendar (1 January of year 1, a Monday, is day 1) is a weekday
    # when (n - 1) mod 7 < 5: each whole week holds five, the rest up to five more.
    weeks, rest = divmod(day.toordinal(), 7)
    return weeks * 5 + min(rest, 5)


def working_days_between(start: dt.date, end: dt.date) -> int:
    """How many working days lie after ``start`` up to and including ``end`` (0 if end ≤ start).

    The count takes one step per year, not per day.

    Raises:
        InputError: ``date.out_of_range`` if a day lies outside the supported years.
    """
    first, last = in_range(start), in_range(end)
    if last <= first:
        return 0
    count = _weekdays_up_to(last) - _weekdays_up_to(first)
    for year in range(first.year, last.year + 1):
        count -= sum(
            1 for holiday in _holidays(year) if holiday.weekday() < 5 and first < holiday <= last
        )
    return count


def add_months(start: dt.date, months: int) -> pendulum.Date:
    """Calendar-month arithmetic: 36 months after 31 March is 31 March; after 31 May, 31 May.

    A day that the target month lacks falls back to its last day (29 February → 28 February).

    Raises:
        InputError: ``date.out_of_range`` if ``start`` or the day reached lies outside the
            supported years.

    >>> add_months(date(2024, 2, 29), 12)
    Date(2025, 2, 28)
    """
    first = in_range(start)
    if abs(months) > 12 * (LAST_DAY.year - FIRST_DAY.year + 1):
        raise _out_of_range(f"{first} + {months} months", "$")
    return in_range(first.add(months=months))
