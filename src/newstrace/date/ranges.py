"""Calendar arithmetic on day ranges: a partial date is the range of days it may be.

Written by hand because the question asked here -- "what is the finest of
day, month or year that holds every candidate?" -- is not one that dateparser or
the standard library answers; everything else is ``datetime.date``.
"""

from __future__ import annotations

import calendar as _stdcal
from datetime import date, timedelta

from newstrace.records import Precision

DayRange = tuple[date, date]


def month_range(year: int, month: int) -> DayRange:
    last = _stdcal.monthrange(year, month)[1]
    return date(year, month, 1), date(year, month, last)


def year_range(year: int) -> DayRange:
    return date(year, 1, 1), date(year, 12, 31)


def add_months(year: int, month: int, shift: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + shift
    return index // 12, index % 12 + 1


def week_range(day: date) -> DayRange:
    """The Monday-to-Sunday week holding ``day``."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def coarsen(start: date, end: date) -> tuple[str | None, Precision | None]:
    """The finest value that holds every day from ``start`` to ``end``."""
    if start == end:
        return start.isoformat(), "day"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.year:04d}-{start.month:02d}", "month"
    if start.year == end.year:
        return f"{start.year:04d}", "year"
    return None, None


def value_range(value: str, precision: Precision) -> DayRange:
    """The days a ``YYYY[-MM[-DD]]`` value covers at its precision."""
    parts = [int(p) for p in value.split("-")]
    if precision == "day" and len(parts) == 3:
        d = date(parts[0], parts[1], parts[2])
        return d, d
    if precision == "month" and len(parts) >= 2:
        return month_range(parts[0], parts[1])
    return year_range(parts[0])


def days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]
