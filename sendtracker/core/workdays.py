"""Working days in England: weekends and England and Wales bank holidays left out.

The bank holidays come from the `holidays` package, which works them out offline for
any year (the one-off ones too, such as the Platinum Jubilee and the Queen's funeral in
2022 and the Coronation in 2023), so nothing is fetched at run time and clocks that
started years ago (a 2018 report) count as truly as those that start next year. England
and Wales share one list of bank holidays: subdivision "ENG" is that list.
"""

import datetime
from functools import lru_cache

import holidays
from dateutil.relativedelta import relativedelta


@lru_cache(maxsize=64)
def bank_holidays(year: int) -> frozenset[datetime.date]:
    """England and Wales bank holidays of `year`, substitute days included."""
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def bank_holiday_name(day: datetime.date) -> str | None:
    """The bank holiday's name, if `day` is one (for saying why a day was skipped)."""
    return holidays.country_holidays("GB", subdiv="ENG", years=day.year).get(day)


def is_working_day(day: datetime.date) -> bool:
    """Monday to Friday and not a bank holiday in England and Wales."""
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The `days`-th working day after `start` (`start` itself is never counted).

    A start on a weekend or bank holiday counts from the next working day, as a letter
    issued on a Saturday starts its clock on Monday. `days` must be 1 or more.
    """
    if days < 1:
        raise ValueError("Count at least one working day")
    day = start
    counted = 0
    while counted < days:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def bank_holidays_between(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """Weekday bank holidays after `start` up to and including `end`, in order: the days
    a working-day count skipped besides weekends."""
    return sorted(
        day
        for year in range(start.year, end.year + 1)
        for day in bank_holidays(year)
        if start < day <= end and day.weekday() < 5
    )


def add_months(start: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; a day the month lacks becomes its last day
    (31 August + 6 months = 28 or 29 February)."""
    return start + relativedelta(months=months)
