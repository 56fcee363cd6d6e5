"""Working days in Vietnam (R9): weekends and the public holidays of the `holidays` package (the
lunar New Year and Hùng Kings' day included), corrected by the days the government moved
(`WorkingDayChange`), which staff add when a notice moves one."""

from __future__ import annotations

import datetime
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("VN", years=year).keys())


def _changes(start: datetime.date, end: datetime.date) -> dict[datetime.date, bool]:
    from .models import WorkingDayChange

    return dict(WorkingDayChange.objects.filter(day__gte=start, day__lte=end).values_list("day", "is_working_day"))


def is_working_day(day: datetime.date, changes: dict[datetime.date, bool] | None = None) -> bool:
    if changes is None:
        changes = _changes(day, day)
    if day in changes:
        return changes[day]
    return day.weekday() < 5 and day not in _public_holidays(day.year)


def consultation_period(published_on: datetime.date, working_days: int = 10) -> tuple[datetime.date, datetime.date]:
    """The first and last day of a consultation published on `published_on`: counted from the first
    working day after publication, `working_days` working days long (NĐ 152/2025 Điều 60.3)."""
    # ten working days never span more than ten weeks, even across Tết
    changes = _changes(published_on, published_on + datetime.timedelta(days=working_days * 7 + 30))
    day = published_on + datetime.timedelta(days=1)
    while not is_working_day(day, changes):
        day += datetime.timedelta(days=1)
    start = day
    counted = 1
    while counted < working_days:
        day += datetime.timedelta(days=1)
        if is_working_day(day, changes):
            counted += 1
    return start, day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days from `start` to `end`, both included (0 when end precedes start)."""
    if end < start:
        return 0
    changes = _changes(start, end)
    count, day = 0, start
    while day <= end:
        count += is_working_day(day, changes)
        day += datetime.timedelta(days=1)
    return count
