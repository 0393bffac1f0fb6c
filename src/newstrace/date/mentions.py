"""Find time expressions in text, unresolved: what is written, not what it means yet.

Hand-written on top of the pattern table in ``data/date/expressions.toml``:
dateparser's ``search_dates`` finds dates but fills missing parts from the
clock and does not say "this is a bare weekday" or "this points forward",
which is what resolving against a publication date needs.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from newstrace.date.tables import (
    ExpressionPattern,
    calendar,
    expression_patterns,
    expressions_table,
    future_cue_regex,
)

_CLAUSE_BREAK = re.compile(r"[.!?;,\n]")


@dataclass(frozen=True, slots=True)
class Mention:
    """A time expression as written: its span, kind and the calendar parts it states."""

    start: int
    end: int
    text: str
    kind: str
    name: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    rel: str | None = None
    unit: str | None = None
    shift: int | None = None
    season: str | None = None
    future: bool = False


def _group(m: re.Match[str], name: str) -> str | None:
    return m.groupdict().get(name)


def _is_named_day(text: str, m: re.Match[str]) -> bool:
    """True for weekday names inside a proper name ("Good Friday", "Sunday Times")."""
    cal = calendar()
    start = m.start("wd")
    before = text[max(0, start - 20) : start].split()
    if before and before[-1].casefold() in cal.not_day_before:
        return True
    after = text[m.end("wd") : m.end("wd") + 20].lstrip()
    return any(after.startswith(w) for w in cal.not_day_after)


def _in_name(text: str, m: re.Match[str]) -> bool:
    """True for "Today" in "India Today": a capitalised word after a capitalised word."""
    word = m.group(0)
    if word not in expressions_table().get("name_words", []):
        return False
    before = text[max(0, m.start() - 30) : m.start()]
    prev = re.search(r"([A-Za-z]+)[ \t]+$", before)  # a name never runs across a line break
    return prev is not None and prev.group(1)[0].isupper() and not re.search(r"[.!?]\s+$", before)


def _future(text: str, start: int) -> bool:
    window = int(expressions_table().get("future_window_chars", 100))
    lo = max(0, start - window)
    head = text[lo:start]
    breaks = list(_CLAUSE_BREAK.finditer(head))
    if breaks:
        head = head[breaks[-1].end() :]
    return future_cue_regex().search(head) is not None


def _mention(text: str, pat: ExpressionPattern, m: re.Match[str]) -> Mention | None:
    cal = calendar()
    if _group(m, "wd") is not None and _is_named_day(text, m):
        return None
    if _in_name(text, m):
        return None
    mon = _group(m, "mon")
    month = cal.month_of[mon.rstrip(".").casefold()] if mon else None
    if month is None and _group(m, "month"):
        month = int(m.group("month"))
    day = int(m.group("day")) if _group(m, "day") else None
    year = int(m.group("year")) if _group(m, "year") else None
    if day is not None and not 1 <= day <= 31:
        return None
    if month is not None and not 1 <= month <= 12:
        return None
    wd = _group(m, "wd")
    unit = pat.unit or (m.group("unit").casefold() if _group(m, "unit") else None)
    shift = pat.shift
    if pat.shift_from == "num":
        num = m.group("num").casefold()
        count = cal.number_of.get(num)
        shift = pat.sign * (count if count is not None else int(num))
    rel = _group(m, "rel")
    season = _group(m, "season")
    return Mention(
        start=m.start(),
        end=m.end(),
        text=m.group(0),
        kind=pat.kind,
        name=pat.name,
        year=year,
        month=month,
        day=day,
        weekday=cal.weekday_of[wd.casefold()] if wd else None,
        rel=" ".join(rel.casefold().split()) if rel else None,
        unit=unit,
        shift=shift,
        season=season.casefold() if season else None,
        future=_future(text, m.start()),
    )


@functools.lru_cache(maxsize=8)
def find_mentions(text: str) -> tuple[Mention, ...]:
    """Every time expression in ``text``, non-overlapping, in text order.

    Cached: the publication-date pass and the event-time pass of one document
    both read the mentions of its source text, and the scan is the stage's cost.
    """
    found: list[tuple[int, int, int, Mention]] = []
    for order, pat in enumerate(expression_patterns()):
        for m in pat.regex.finditer(text):
            if m.end() <= m.start():
                continue
            mention = _mention(text, pat, m)
            if mention is not None:
                found.append((m.start(), -(m.end() - m.start()), order, mention))
    found.sort(key=lambda t: (t[0], t[1], t[2]))
    out: list[Mention] = []
    taken_until = -1
    for start, _, _, mention in found:
        if start >= taken_until:
            out.append(mention)
            taken_until = mention.end
    return tuple(out)
