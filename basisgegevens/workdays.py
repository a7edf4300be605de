"""Working days: Monday to Friday, minus Dutch public holidays and the municipality's
closed days.

Public holidays come from the `holidays` package (NL). The package counts
Liberation Day (5 May) only in lustrum years, as the national calendar does;
the Algemene termijnenwet counts it every year, so we add it every year.
"""

from datetime import date, datetime, timedelta
from functools import lru_cache

import holidays
from django.utils import timezone


@lru_cache(maxsize=64)
def public_holidays(year: int) -> frozenset[date]:
    days = set(holidays.country_holidays("NL", years=year))
    days.add(date(year, 5, 5))
    return frozenset(days)


def closed_days(start: date, end: date) -> frozenset[date]:
    from .models import ClosedDay

    return frozenset(
        ClosedDay.objects.filter(date__range=(start, end)).values_list("date", flat=True)
    )


class WorkingDays:
    """Answers working-day questions for one period with one query for closed days."""

    def __init__(self, start: date, end: date) -> None:
        self.closed = closed_days(start, end)

    def is_working_day(self, day: date) -> bool:
        return (
            day.weekday() < 5 and day not in public_holidays(day.year) and day not in self.closed
        )

    def between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (0 when end <= start).

        Counted, not walked: the weekdays of the whole weeks, the few days left over,
        minus the holidays and closed days that fall on a weekday in the range."""
        days = (end - start).days
        if days <= 0:
            return 0
        weeks, rest = divmod(days, 7)
        count = weeks * 5 + sum(
            1 for offset in range(1, rest + 1) if (start + timedelta(days=offset)).weekday() < 5
        )
        off = set(self.closed)
        for year in range(start.year, end.year + 1):
            off |= public_holidays(year)
        return count - sum(1 for day in off if start < day <= end and day.weekday() < 5)


def _local_date(moment: datetime | date) -> date:
    if isinstance(moment, datetime):
        return timezone.localtime(moment).date()
    return moment


def working_days_between(start: datetime | date, end: datetime | date) -> int:
    start_day, end_day = _local_date(start), _local_date(end)
    return WorkingDays(start_day, end_day).between(start_day, end_day)


def working_days_back(end: date, count: int) -> date:
    """The latest day from which `end` is `count` working days later: a day on or before
    it is at least `count` working days before `end` (one query for closed days)."""
    days = WorkingDays(end - timedelta(days=count * 2 + 30), end)
    day, found = end, 0
    while found < count:
        if days.is_working_day(day):
            found += 1
        day -= timedelta(days=1)
    return day


def working_days_ahead(start: date, count: int) -> date:
    """The day that is `count` working days after `start`."""
    days = WorkingDays(start, start + timedelta(days=count * 2 + 30))
    day, found = start, 0
    while found < count:
        day += timedelta(days=1)
        if days.is_working_day(day):
            found += 1
    return day
