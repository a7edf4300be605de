from datetime import date

import pytest

from basisgegevens.models import ClosedDay
from basisgegevens.workdays import WorkingDays, working_days_between

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("start", "end", "expected", "why"),
    [
        (date(2026, 11, 23), date(2026, 11, 27), 4, "an ordinary week, Mon to Fri"),
        (date(2026, 11, 27), date(2026, 11, 30), 1, "a weekend does not count"),
        (date(2026, 4, 2), date(2026, 4, 7), 1, "Good Friday is not a holiday, Easter Monday is"),
        (date(2026, 4, 24), date(2026, 4, 28), 1, "King's Day, Monday 27 April 2026"),
        (date(2026, 5, 4), date(2026, 5, 6), 1, "5 May 2026, not a lustrum year, still counts"),
        (date(2025, 5, 2), date(2025, 5, 6), 1, "5 May 2025, a lustrum year"),
        (date(2026, 5, 13), date(2026, 5, 15), 1, "Ascension Day, 14 May 2026"),
        (date(2026, 5, 22), date(2026, 5, 26), 1, "Whit Monday, 25 May 2026"),
        (date(2025, 12, 24), date(2025, 12, 29), 1, "Christmas and Boxing Day, Thu and Fri"),
        (date(2026, 12, 31), date(2027, 1, 4), 1, "New Year's Day"),
        (date(2026, 11, 27), date(2026, 11, 27), 0, "the same day is zero"),
        (date(2026, 11, 27), date(2026, 11, 20), 0, "an end before the start is zero"),
    ],
)
def test_working_days(start, end, expected, why):
    assert working_days_between(start, end) == expected, why


def test_a_closed_day_of_the_municipality_does_not_count():
    assert working_days_between(date(2026, 12, 21), date(2026, 12, 23)) == 2
    ClosedDay.objects.create(date=date(2026, 12, 22), description="Staff day")
    assert working_days_between(date(2026, 12, 21), date(2026, 12, 23)) == 1
    assert not WorkingDays(date(2026, 12, 1), date(2026, 12, 31)).is_working_day(
        date(2026, 12, 22)
    )


def test_counting_agrees_with_walking_every_day_over_years():
    """The count without a loop over each day gives what walking day by day gives."""
    from datetime import timedelta

    ClosedDay.objects.create(date=date(2026, 12, 22), description="Staff day")
    days = WorkingDays(date(2024, 1, 1), date(2028, 12, 31))
    start = date(2024, 1, 1)
    for span in (0, 1, 2, 5, 6, 7, 8, 13, 40, 365, 800):
        for shift in range(0, 400, 37):
            first = start + timedelta(days=shift)
            last = first + timedelta(days=span)
            walked = sum(
                1
                for offset in range(1, span + 1)
                if days.is_working_day(first + timedelta(days=offset))
            )
            assert days.between(first, last) == walked, (first, last)
