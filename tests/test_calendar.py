import datetime as dt

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ocop import calendar
from ocop.calendar import (
    add_months,
    add_working_days,
    date,
    is_working_day,
    parse_date,
    working_days_between,
)
from ocop.errors import InputError


def test_the_timezone_is_ho_chi_minh_city():
    assert calendar.TZ.name == "Asia/Ho_Chi_Minh"
    assert pendulum.datetime(2026, 1, 1, tz=calendar.TZ).utcoffset() == dt.timedelta(hours=7)


def test_fifteen_working_days_from_a_filing_before_tet_binh_ngo_skip_the_whole_holiday():
    # Tết Bính Ngọ 2026: 17 February is New Year's day; offices close 14 to 22 February.
    filed = date(2026, 2, 10)
    deadline = add_working_days(filed, 15)
    assert deadline == date(2026, 3, 10)
    assert not is_working_day(date(2026, 2, 17))


def test_a_deadline_across_tet_canh_ty_2020():
    assert add_working_days(date(2020, 1, 20), 5) == date(2020, 2, 3)


def test_reunification_day_and_labour_day_are_not_working_days():
    assert not is_working_day(date(2025, 4, 30))
    assert not is_working_day(date(2025, 5, 1))


def test_a_weekend_is_not_a_working_day():
    assert not is_working_day(date(2026, 11, 28))


def test_working_days_between_counts_the_end_but_not_the_start():
    assert calendar.working_days_between(date(2026, 3, 2), date(2026, 3, 6)) == 4
    assert calendar.working_days_between(date(2026, 3, 6), date(2026, 3, 2)) == 0


def test_certificates_count_calendar_months_not_thirty_day_months():
    assert add_months(date(2025, 6, 19), 36) == date(2028, 6, 19)
    assert add_months(date(2024, 2, 29), 36) == date(2027, 2, 28)


def test_a_datetime_is_read_in_vietnam_time():
    late_utc = dt.datetime(2026, 5, 21, 20, 0, tzinfo=dt.UTC)
    assert calendar.as_date(late_utc) == date(2026, 5, 22)


def test_a_bad_date_is_a_coded_error():
    with pytest.raises(ValueError, match=r"date\.invalid"):
        calendar.parse_date("2026-02-30", path="$.filed_on")


def test_negative_working_days_are_refused():
    with pytest.raises(ValueError, match="negative"):
        add_working_days(date(2026, 1, 5), -1)


def test_the_supported_days_run_from_1901_to_2100_the_years_whose_tet_is_known():
    from ocop.calendar import FIRST_DAY, LAST_DAY

    assert date(1901, 1, 1) == FIRST_DAY
    assert date(2100, 12, 31) == LAST_DAY
    assert not is_working_day(date(2100, 2, 9))  # Tết 2100 is still known


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(
            lambda: add_working_days(date(9999, 12, 30), 5),
            id="add_working_days(date(9999, 12, 30), 5)",
        ),
        pytest.param(
            lambda: add_working_days(date(2100, 12, 20), 30),
            id="add_working_days(date(2100, 12, 20), 30)",
        ),
        pytest.param(
            lambda: add_working_days(date(2020, 1, 1), 10**9),
            id="add_working_days(date(2020, 1, 1), 10**9)",
        ),
        pytest.param(
            lambda: working_days_between(date(1, 1, 1), date(9999, 12, 31)),
            id="working_days_between(date(1, 1, 1), date(9999, 12, 31))",
        ),
        pytest.param(
            lambda: add_months(date(2090, 1, 1), 36 * 10),
            id="add_months(date(2090, 1, 1), 36 * 10)",
        ),
        pytest.param(
            lambda: add_months(date(9996, 12, 31), 36), id="add_months(date(9996, 12, 31), 36)"
        ),
        pytest.param(lambda: parse_date("9996-12-31"), id='parse_date("9996-12-31")'),
        pytest.param(lambda: parse_date("0001-01-01"), id='parse_date("0001-01-01")'),
    ],
)
def test_a_day_beyond_the_supported_years_is_refused_clearly_and_at_once(call):
    with pytest.raises(InputError) as caught:
        call()
    assert caught.value.code == "date.out_of_range"


def test_counting_working_days_over_two_centuries_takes_a_step_per_year():
    assert working_days_between(date(1901, 1, 1), date(2100, 12, 31)) > 50_000


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 1, 1)), st.integers(0, 400))
def test_adding_then_counting_working_days_gives_the_days_added(start, days):
    end = add_working_days(start, days)
    assert working_days_between(start, end) == days
    assert days == 0 or is_working_day(end)


def test_whether_offices_work_is_not_guessed_in_a_year_whose_tet_is_unknown():
    with pytest.raises(InputError) as caught:
        is_working_day(date(2101, 1, 3))
    assert caught.value.code == "date.out_of_range"
