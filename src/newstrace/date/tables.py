"""Load the date stage's data files (``data/date/*.toml``) and compile their patterns.

Patterns in the data files are written with placeholders ({MON}, {DAY}, {WD},
{DATE}, ...) so that the month and weekday vocabulary lives in one table; this
module expands them into regular expressions once per process.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from newstrace.errors import Errors, NewstraceError
from newstrace.knowledge.datafiles import load_toml

_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


@dataclass(frozen=True, slots=True)
class Calendar:
    month_of: dict[str, int]
    weekday_of: dict[str, int]
    number_of: dict[str, int]
    seasons: dict[str, tuple[int, int]]
    mon_alt: str
    weekday_alt: str
    weekday_short_alt: str
    number_alt: str
    season_alt: str
    not_day_before: frozenset[str]
    not_day_after: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DateFormat:
    name: str
    regex: re.Pattern[str]
    precision: str
    standalone: bool


@dataclass(frozen=True, slots=True)
class HeaderPattern:
    name: str
    method: str
    confidence: float
    outside: str
    line_start: bool
    max_extra_chars: int | None
    regex: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class ExpressionPattern:
    name: str
    kind: str
    regex: re.Pattern[str]
    unit: str | None
    shift: int | None
    shift_from: str | None
    sign: int


def _alt(words: list[str]) -> str:
    forms = {w for w in words} | {w.upper() for w in words}
    return "|".join(re.escape(w) for w in sorted(forms, key=len, reverse=True))


def _month_alt(months: dict[str, list[str]]) -> str:
    """Month names with an optional dot after abbreviations ("Jan.", "Sept.")."""
    parts = []
    for names in months.values():
        full = names[0]
        for name in names:
            for form in (name, name.upper()):
                dot = r"\.?" if name != full else ""
                parts.append((len(form), re.escape(form) + dot))
    parts.sort(key=lambda p: p[0], reverse=True)
    return "(?:" + "|".join(p for _, p in parts) + r")(?![\w])"


@functools.cache
def calendar() -> Calendar:
    table = load_toml("date/calendar.toml")
    months: dict[str, list[str]] = table["months"]
    month_of: dict[str, int] = {}
    for num, names in months.items():
        for name in names:
            month_of[name.casefold()] = int(num)
    weekday_of: dict[str, int] = {}
    full: list[str] = []
    short: list[str] = []
    for num, entry in table["weekdays"].items():
        weekday_of[entry["name"].casefold()] = int(num)
        full.append(entry["name"])
        for s in entry.get("short", []):
            weekday_of[s.casefold()] = int(num)
            short.append(s)
    numbers = {k.casefold(): int(v) for k, v in table["numbers"].items()}
    seasons = {k: (int(v["first"]), int(v["months"])) for k, v in table["seasons"].items()}
    not_days = table.get("weekday_names_not_days", {})
    return Calendar(
        month_of=month_of,
        weekday_of=weekday_of,
        number_of=numbers,
        seasons=seasons,
        mon_alt=_month_alt(months),
        weekday_alt="(?:" + _alt(full) + r")(?![\w])",
        weekday_short_alt="(?:" + _alt(full + short) + r")(?![\w])\.?",
        number_alt="(?:" + "|".join(sorted(numbers, key=len, reverse=True)) + r"|\d{1,3})",
        season_alt="|".join(sorted(seasons, key=len, reverse=True)),
        not_day_before=frozenset(w.casefold() for w in not_days.get("before", [])),
        not_day_after=tuple(not_days.get("after", [])),
    )


def _fill(pattern: str, mapping: dict[str, str], where: str) -> str:
    def sub(m: re.Match[str]) -> str:
        key = m.group(1)
        if key not in mapping:
            raise NewstraceError(Errors.E016, path=where, detail=f"unknown placeholder {{{key}}}")
        return mapping[key]

    return re.sub(r"\{([A-Z]+)\}", sub, pattern)


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise NewstraceError(Errors.E016, path=where, detail=exc) from exc


@functools.cache
def date_formats() -> tuple[DateFormat, ...]:
    cal = calendar()
    table = load_toml("date/calendar.toml")
    out = []
    for row in table["format"]:
        pattern = _fill(row["pattern"], {"MON": f"(?P<mon>{cal.mon_alt})"}, "date/calendar.toml")
        out.append(
            DateFormat(
                name=row["name"],
                regex=_compile(pattern, "date/calendar.toml"),
                precision=row["precision"],
                standalone=bool(row.get("standalone", False)),
            )
        )
    return tuple(out)


def _unnamed(pattern: str) -> str:
    return _NAMED_GROUP.sub("(?:", pattern)


@functools.cache
def any_date_pattern() -> str:
    """One regex for any day-precise written date, without named groups."""
    forms = [f.regex.pattern for f in date_formats() if f.precision == "day" and not f.standalone]
    return "(?:" + "|".join(_unnamed(p) for p in forms) + ")"


@functools.cache
def publication_table() -> dict[str, Any]:
    return load_toml("date/publication.toml")


@functools.cache
def header_patterns() -> tuple[HeaderPattern, ...]:
    cal = calendar()
    where = "date/publication.toml"
    mapping = {
        "DATE": f"(?P<date>{any_date_pattern()})",
        "MONTHDAY": (
            f"(?P<monthday>(?:{cal.mon_alt})\\s+[0-3]?\\d(?:st|nd|rd|th)?(?![\\d])"
            f"|[0-3]?\\d(?:st|nd|rd|th)?\\s+(?:{cal.mon_alt}))"
        ),
        "WEEKDAY": cal.weekday_short_alt,
        "TIME": r"\d{1,2}[:.]\d\d(?:\s*(?i:am|pm|a\.m\.|p\.m\.))?(?:\s*\(?[A-Z]{2,5}(?:[+-]\d{1,2})?\)?)?",
    }
    out = []
    for row in publication_table()["header"]:
        out.append(
            HeaderPattern(
                name=row["name"],
                method=row["method"],
                confidence=float(row["confidence"]),
                outside=row["outside"],
                line_start=bool(row["line_start"]),
                max_extra_chars=row.get("max_extra_chars"),
                regex=_compile(_fill(row["pattern"], mapping, where), where),
            )
        )
    return tuple(out)


@functools.cache
def copyright_regex() -> re.Pattern[str]:
    return _compile(publication_table()["copyright"]["pattern"], "date/publication.toml")


@functools.cache
def expressions_table() -> dict[str, Any]:
    return load_toml("date/expressions.toml")


@functools.cache
def expression_patterns() -> tuple[ExpressionPattern, ...]:
    cal = calendar()
    table = expressions_table()
    where = "date/expressions.toml"
    mapping = {
        "PREP": table["prep"],
        "MON": f"(?P<mon>{cal.mon_alt})",
        "DAY": r"(?P<day>[0-3]?\d)",
        "YEAR": r"(?P<year>(?:19|20)\d\d)",
        "WD": f"(?P<wd>{cal.weekday_alt})",
        "NUM": f"(?P<num>(?i:{cal.number_alt}))",
        "SEASON": f"(?P<season>{cal.season_alt})",
    }
    out = []
    for row in table["expression"]:
        body = _fill(row["pattern"], mapping, where)
        out.append(
            ExpressionPattern(
                name=row["name"],
                kind=row["kind"],
                regex=_compile(r"(?<![\w])" + body + r"(?![\w])", where),
                unit=row.get("unit"),
                shift=row.get("shift"),
                shift_from=row.get("shift_from"),
                sign=int(row.get("sign", 1)),
            )
        )
    return tuple(out)


@functools.cache
def future_cue_regex() -> re.Pattern[str]:
    cues = expressions_table()["future_cues"]
    return _compile("|".join(f"(?:{c})" for c in cues), "date/expressions.toml")
