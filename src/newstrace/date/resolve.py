"""Resolve time expressions against the publication date.

Each expression is first resolved against one publication *day* to the range of
days it denotes ("last week" -> that Monday..Sunday). A publication date known
only to the month or year is every day it may be; the expression gets the
finest value that all those readings agree on. When they disagree, the reading
that holds on a large share of those days (``likely_share`` in
``expressions.toml``) is taken: a past "in November" in an article known only
to be from 2025 is November 2024 unless the article was written in its last
two months, so November 2024 is the reading on 83% of the possible days; "in
June" (41% / 59%) stays unresolved. An undated document resolves nothing
relative, only what is written in full.

Hand-written: the rules are in ``data/date/expressions.toml``; this is the
small calendar arithmetic that applies them.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, timedelta

from newstrace.date.mentions import Mention, find_mentions
from newstrace.date.ranges import (
    DayRange,
    add_months,
    coarsen,
    days,
    month_range,
    safe_date,
    value_range,
    week_range,
    year_range,
)
from newstrace.date.tables import calendar, expressions_table
from newstrace.records import Precision, PublishedDate, TimeExpression

# Precision an expression has by what it names, reported when it cannot be resolved.
_NATIVE: dict[str, Precision | None] = {
    "date": "day",
    "month_year": "month",
    "year": "year",
    "season_year": "year",
    "month_day": "day",
    "month": "month",
    "month_rel": "month",
    "weekday": "weekday",
    "weekday_rel": "weekday",
    "season_rel": None,
}
_UNIT_PRECISION: dict[str, Precision | None] = {
    "day": "day",
    "week": None,
    "month": "month",
    "year": "year",
}
_ABSOLUTE = frozenset({"date", "month_year", "year", "season_year"})


def native_precision(m: Mention) -> Precision | None:
    if m.kind == "offset":
        return _UNIT_PRECISION.get(m.unit or "")
    return _NATIVE.get(m.kind)


def _season_range(season: str, year: int) -> DayRange:
    first, length = calendar().seasons[season]
    start = month_range(year, first)[0]
    ey, em = add_months(year, first, length - 1)
    return start, month_range(ey, em)[1]


def _season_around(season: str, anchor: date, rel: str | None, future: bool) -> DayRange:
    """The season occurrence meant: this (holding or latest begun), last, or next."""
    occurrences = [_season_range(season, y) for y in range(anchor.year - 2, anchor.year + 2)]
    begun = [r for r in occurrences if r[0] <= anchor]
    if rel in ("last", "past"):
        ended = [r for r in occurrences if r[1] < anchor]
        return ended[-1]
    if rel == "next" or (rel is None and future):
        return next(r for r in occurrences if r[0] > anchor)
    return begun[-1]


def _absolute(m: Mention) -> DayRange | None:
    if m.kind == "date" and m.year and m.month and m.day:
        d = safe_date(m.year, m.month, m.day)
        return (d, d) if d else None
    if m.kind == "month_year" and m.year and m.month:
        return month_range(m.year, m.month)
    if m.kind == "year" and m.year:
        return year_range(m.year)
    if m.kind == "season_year" and m.year:
        # "the winter of 1939": the writer names the year; a winter's tail in the
        # next year does not make the year unknown.
        return year_range(m.year)
    return None


def _month_day(m: Mention, anchor: date) -> DayRange | None:
    assert m.month is not None and m.day is not None
    years = (anchor.year, anchor.year + 1) if m.future else (anchor.year, anchor.year - 1)
    for year in years:
        d = safe_date(year, m.month, m.day)
        if d is None:
            continue
        if (m.future and d >= anchor) or (not m.future and d <= anchor):
            return d, d
    return None


def _month(m: Mention, anchor: date) -> DayRange:
    assert m.month is not None
    if m.kind == "month_rel" and m.rel in ("last", "past", "this past"):
        year = anchor.year if m.month < anchor.month else anchor.year - 1
    elif m.kind == "month_rel" and m.rel in ("next", "this coming"):
        year = anchor.year if m.month > anchor.month else anchor.year + 1
    elif m.kind == "month_rel":  # "this March": the publication year's
        year = anchor.year
    elif m.future:
        year = anchor.year if m.month >= anchor.month else anchor.year + 1
    else:
        year = anchor.year if m.month <= anchor.month else anchor.year - 1
    return month_range(year, m.month)


def _weekday(m: Mention, anchor: date) -> DayRange:
    assert m.weekday is not None
    back = (anchor.weekday() - m.weekday) % 7
    ahead = (m.weekday - anchor.weekday()) % 7
    if m.kind == "weekday_rel" and m.rel in ("last", "past", "this past"):
        d = anchor - timedelta(days=back or 7)
    elif m.kind == "weekday_rel" and m.rel in ("next", "coming", "this coming"):
        d = anchor + timedelta(days=ahead or 7)
    elif m.future:
        d = anchor + timedelta(days=ahead)
    else:
        d = anchor - timedelta(days=back)
    return d, d


def _offset(m: Mention, anchor: date) -> DayRange | None:
    shift = m.shift if m.shift is not None else 0
    if m.unit == "day":
        d = anchor + timedelta(days=shift)
        return d, d
    if m.unit == "week":
        return week_range(anchor + timedelta(days=7 * shift))
    if m.unit == "month":
        y, mo = add_months(anchor.year, anchor.month, shift)
        return month_range(y, mo)
    if m.unit == "year":
        return year_range(anchor.year + shift)
    return None


def resolve_on(m: Mention, anchor: date) -> DayRange | None:
    """The days ``m`` denotes when published on ``anchor``."""
    if m.kind in _ABSOLUTE:
        return _absolute(m)
    if m.kind == "month_day":
        return _month_day(m, anchor)
    if m.kind in ("month", "month_rel"):
        return _month(m, anchor)
    if m.kind in ("weekday", "weekday_rel"):
        return _weekday(m, anchor)
    if m.kind == "offset":
        return _offset(m, anchor)
    if m.kind == "season_rel" and m.season:
        return _season_around(m.season, anchor, m.rel, m.future)
    return None


def _likely_share() -> float:
    return float(expressions_table().get("likely_share", 1.0))


@functools.lru_cache(maxsize=4096)
def _resolve_cached(m: Mention, value: str | None, precision: Precision | None
                    ) -> tuple[str | None, Precision | None]:
    """(value, precision) of ``m`` over every publication day the anchor allows."""
    if m.kind in _ABSOLUTE:
        r = _absolute(m)
        return coarsen(*r) if r is not None else (None, None)
    if value is None or precision not in ("day", "month", "year"):
        return None, None
    lo, hi = value_range(value, precision)
    anchors = days(lo, hi)
    union: DayRange | None = None
    votes: dict[tuple[str | None, Precision | None], int] = {}
    for anchor in anchors:
        r = resolve_on(m, anchor)
        if r is None:
            return None, None
        union = r if union is None else (min(union[0], r[0]), max(union[1], r[1]))
        reading = coarsen(*r)
        votes[reading] = votes.get(reading, 0) + 1
    if union is None:
        return None, None
    agreed = coarsen(*union)
    if agreed[0] is not None:
        return agreed
    reading, count = max(votes.items(), key=lambda kv: kv[1])
    if reading[0] is not None and count >= _likely_share() * len(anchors):
        return reading
    return None, None


def resolve_mention(m: Mention, anchor: PublishedDate) -> tuple[str | None, Precision | None]:
    """Value and precision of ``m`` against ``anchor`` (value None when it cannot be known)."""
    key = replace(m, start=0, end=0, text="")  # the cache key is what is said, not where
    value, precision = _resolve_cached(key, anchor.value, anchor.precision)
    if value is not None:
        return value, precision
    return None, native_precision(m)


def find_times(text: str, anchor: PublishedDate) -> list[TimeExpression]:
    """Every time expression in ``text`` (offsets into it), resolved against ``anchor``."""
    return times_from_mentions(find_mentions(text), anchor)


def times_from_mentions(mentions: Iterable[Mention], anchor: PublishedDate) -> list[TimeExpression]:
    """Resolve already-found mentions against ``anchor``, keeping their offsets."""
    out = []
    for m in mentions:
        try:
            value, precision = resolve_mention(m, anchor)
        except (ValueError, OverflowError):  # arithmetic past year 1 or 9999: unresolved
            value, precision = None, None
        out.append(TimeExpression(m.start, m.end, m.text, value, precision))
    return out


def resolve(expression_text: str, anchor: PublishedDate) -> tuple[str | None, Precision | None]:
    """Resolve one written expression ("since last September") against ``anchor``.

    The longest expression found in the text is used; (None, None) if there is none.
    """
    mentions = find_mentions(expression_text)
    if not mentions:
        return None, None
    best = max(mentions, key=lambda m: (m.end - m.start, -m.start))
    return resolve_mention(best, anchor)
