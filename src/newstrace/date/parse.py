"""Parse a written date (metadata string or header text) at the precision it states.

The formats are data (``data/date/calendar.toml``). dateparser is the fallback
for metadata strings none of them reads, and is only called with
``STRICT_PARSING`` (day, month and year must all be written) and a fixed
``RELATIVE_BASE``: without both it silently fills a missing year or month from
the machine clock, which would date an article by the day it was processed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from newstrace.date.ranges import safe_date
from newstrace.date.tables import calendar, date_formats
from newstrace.records import Precision

# Any fixed day serves: strict parsing never takes parts from it.
_RELATIVE_BASE = datetime(2000, 1, 1)
_DATEPARSER_SETTINGS = {
    "STRICT_PARSING": True,
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RELATIVE_BASE": _RELATIVE_BASE,
    "PREFER_DATES_FROM": "past",
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "PARSERS": ["absolute-time"],
}


@dataclass(frozen=True, slots=True)
class ParsedDate:
    value: str
    precision: Precision
    start: int
    end: int

    @property
    def day(self) -> date | None:
        if self.precision != "day":
            return None
        return date.fromisoformat(self.value)


def _from_match(m: re.Match[str], precision: str) -> ParsedDate | None:
    g = m.groupdict()
    year = int(g["y"])
    if g.get("mon"):
        month: int | None = calendar().month_of[g["mon"].rstrip(".").casefold()]
    elif g.get("m"):
        month = int(g["m"])
    elif g.get("a") and g.get("b"):
        a, b = int(g["a"]), int(g["b"])
        if a > 12 >= b:
            g["d"], month = str(a), b
        elif b > 12 >= a:
            g["d"], month = str(b), a
        elif a == b:
            g["d"], month = str(a), a
        else:
            return None
    else:
        month = None
    if precision == "year" or month is None:
        return ParsedDate(f"{year:04d}", "year", m.start(), m.end())
    if not 1 <= month <= 12:
        return None
    if precision == "month" or not g.get("d"):
        return ParsedDate(f"{year:04d}-{month:02d}", "month", m.start(), m.end())
    d = safe_date(year, month, int(g["d"]))
    if d is None:
        return None
    return ParsedDate(d.isoformat(), "day", m.start(), m.end())


def parse_in(text: str) -> ParsedDate | None:
    """The first written date found in ``text`` (formats usable inside text only)."""
    best: ParsedDate | None = None
    for fmt in date_formats():
        if fmt.standalone:
            continue
        for m in fmt.regex.finditer(text):
            parsed = _from_match(m, fmt.precision)
            if parsed is None:
                continue
            rank = (parsed.start, -(parsed.end - parsed.start))
            if best is None or rank < (best.start, -(best.end - best.start)):
                best = parsed
            break
    return best


# Metadata years outside this range are typos or placeholders (0001-01-01,
# 9999-12-31); they are ignored rather than allowed to overflow date arithmetic.
PLAUSIBLE_YEARS = range(1900, 2200)


def parse_date_string(text: str) -> ParsedDate | None:
    """Parse a metadata date string ("2024-01-26T10:00:00Z", "Jan 26, 2024", "2024-01", "2024")."""
    s = " ".join(text.split())
    if not s:
        return None
    parsed: ParsedDate | None = None
    for fmt in date_formats():
        m = fmt.regex.fullmatch(s) if fmt.standalone else fmt.regex.search(s)
        if m is None:
            continue
        parsed = _from_match(m, fmt.precision)
        if parsed is not None:
            break
    if parsed is None:
        parsed = _dateparser(s)
    if parsed is None or int(parsed.value[:4]) not in PLAUSIBLE_YEARS:
        return None
    return parsed


def _dateparser(s: str) -> ParsedDate | None:
    import dateparser

    try:
        dt = dateparser.parse(s, languages=["en"], settings=_DATEPARSER_SETTINGS)
    except (ValueError, OverflowError):
        return None
    if dt is None:
        return None
    return ParsedDate(dt.date().isoformat(), "day", 0, len(s))
