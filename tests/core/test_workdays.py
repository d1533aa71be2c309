"""Working days in England: weekends and England and Wales bank holidays left out."""

import datetime

import pytest

from sendtracker.core.workdays import (
    add_months,
    add_working_days,
    bank_holidays,
    bank_holidays_between,
    is_working_day,
)

D = datetime.date


def test_leicester_wsoa_70_working_days_skip_the_august_bank_holiday():
    # Report issued Monday 18 June 2018; the WSOA was declared fit for purpose on the day.
    assert add_working_days(D(2018, 6, 18), 70) == D(2018, 9, 25)


def test_the_count_would_be_a_day_short_if_bank_holidays_were_ignored():
    assert D(2018, 8, 27) in bank_holidays(2018)
    assert not is_working_day(D(2018, 8, 27))
    # Weekends alone would make it Monday 24 September.
    day, counted = D(2018, 6, 18), 0
    while counted < 70:
        day += datetime.timedelta(days=1)
        counted += day.weekday() < 5
    assert day == D(2018, 9, 24) != add_working_days(D(2018, 6, 18), 70)


def test_weekends_are_not_counted():
    assert add_working_days(D(2026, 11, 27), 1) == D(2026, 11, 30)  # Friday → Monday
    assert add_working_days(D(2026, 11, 23), 5) == D(2026, 11, 30)  # Monday → next Monday


def test_a_start_on_a_weekend_counts_from_the_next_working_day():
    assert add_working_days(D(2026, 11, 28), 1) == D(2026, 11, 30)  # Saturday
    assert add_working_days(D(2026, 11, 29), 1) == D(2026, 11, 30)  # Sunday


def test_a_start_on_a_bank_holiday_counts_from_the_next_working_day():
    assert add_working_days(D(2018, 8, 27), 1) == D(2018, 8, 28)


def test_christmas_and_new_year_and_their_substitute_days():
    # 25 and 26 December 2021 fell at the weekend: 27 and 28 were the bank holidays,
    # and 3 January 2022 stood in for New Year's Day.
    assert add_working_days(D(2021, 12, 24), 1) == D(2021, 12, 29)
    assert add_working_days(D(2021, 12, 31), 1) == D(2022, 1, 4)


def test_one_off_bank_holidays_are_known():
    assert D(2022, 9, 19) in bank_holidays(2022)  # the Queen's state funeral
    assert D(2023, 5, 8) in bank_holidays(2023)  # the Coronation


def test_scottish_bank_holidays_are_not_england_and_wales_ones():
    assert D(2018, 8, 6) not in bank_holidays(2018)  # Scotland's summer bank holiday
    assert D(2019, 1, 2) not in bank_holidays(2019)


def test_bank_holidays_between_lists_the_weekday_ones_skipped():
    assert bank_holidays_between(D(2018, 6, 18), D(2018, 9, 25)) == [D(2018, 8, 27)]
    assert bank_holidays_between(D(2018, 6, 18), D(2018, 8, 26)) == []


def test_at_least_one_working_day():
    with pytest.raises(ValueError):
        add_working_days(D(2026, 1, 5), 0)


def test_months_keep_the_day_or_clamp_it_to_the_months_last():
    assert add_months(D(2021, 7, 30), 6) == D(2022, 1, 30)
    assert add_months(D(2021, 8, 31), 6) == D(2022, 2, 28)
    assert add_months(D(2023, 8, 31), 6) == D(2024, 2, 29)
    assert add_months(D(2018, 9, 25), 18) == D(2020, 3, 25)
