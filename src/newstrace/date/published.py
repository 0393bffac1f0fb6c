"""Publication date of a document, at the precision its evidence supports.

Order of trust: metadata (``raw.published``; htmldate for HTML pages), header
or dateline in the text, calendar inference, copyright year. The most trusted
evidence wins; a less trusted one only refines it when it is more precise and
agrees. Anything after the crawl time (``raw.extra["seen"]``) is impossible and
dropped. htmldate reads the HTML; the header scan, the calendar inference and
the bookkeeping of bounds are hand-written because no library answers "which
days are still possible?".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from newstrace.date.layout import Layout, layout
from newstrace.date.mentions import Mention, find_mentions
from newstrace.date.page import htmldate_answer, load_tree, page_claim, structured_dates
from newstrace.date.parse import parse_date_string, parse_in
from newstrace.date.ranges import DayRange, coarsen, days, safe_date, value_range
from newstrace.date.tables import (
    HeaderPattern,
    calendar,
    copyright_regex,
    date_formats,
    header_patterns,
    publication_table,
)
from newstrace.records import UNDATED, CleanDocument, Precision, PublishedDate


@dataclass(frozen=True, slots=True)
class Evidence:
    value: str
    precision: Precision
    confidence: float
    method: str
    text: str | None
    start: int | None = None
    end: int | None = None

    @property
    def range(self) -> DayRange:
        return value_range(self.value, self.precision)

    def to_published(self) -> PublishedDate:
        return PublishedDate(
            value=self.value,
            precision=self.precision,
            confidence=round(self.confidence, 3),
            evidence=self.text,
            method=self.method,
            evidence_start=self.start,
            evidence_end=self.end,
        )


def _within(inner: DayRange, outer: DayRange) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _seen_day(extra: dict[str, Any]) -> date | None:
    seen = extra.get("seen")
    if not isinstance(seen, str):
        return None
    parsed = parse_date_string(seen)
    return parsed.day if parsed is not None else None


def _possible(ev: Evidence, upper: date | None) -> bool:
    return upper is None or ev.range[0] <= upper


# --------------------------------------------------------------------------- metadata


def _metadata(clean: CleanDocument) -> Evidence | None:
    raw = clean.raw
    if not raw.published:
        return None
    parsed = parse_date_string(raw.published)
    if parsed is None:
        return None
    conf = publication_table()["metadata"]["confidence"][parsed.precision]
    return Evidence(parsed.value, parsed.precision, float(conf), "metadata", raw.published)


def _written_days(text: str) -> frozenset[str]:
    out = set()
    for fmt in date_formats():
        if fmt.precision != "day" or fmt.standalone:
            continue
        for m in fmt.regex.finditer(text):
            parsed = parse_in(m.group(0))
            if parsed is not None and parsed.precision == "day":
                out.add(parsed.value)
    return frozenset(out)


def _page(clean: CleanDocument, upper: date | None, text_days: frozenset[str]) -> Evidence | None:
    """htmldate's day for an HTML page, believed as far as the page's other witnesses allow."""
    raw = clean.raw
    if raw.format != "html":
        return None
    tree = load_tree(raw.text)
    if tree is None:
        return None
    max_date = upper.isoformat() if upper is not None else None
    found, searched = htmldate_answer(tree, url=raw.url, max_date=max_date)
    dates = structured_dates(tree, raw.url)
    claim = page_claim(found, searched, dates, text_days=text_days, html=raw.text)
    if claim is None:
        return None
    return Evidence(claim.value, claim.precision, claim.confidence, claim.method, claim.evidence)


# --------------------------------------------------------------------------- text


@dataclass(frozen=True, slots=True)
class _Dateline:
    month: int
    day: int
    text: str
    start: int
    end: int


def _header_match(pat: HeaderPattern, text: str, base: int) -> tuple[Evidence | None, _Dateline | None]:
    m = pat.regex.match(text) if pat.line_start else pat.regex.search(text)
    if m is None:
        return None, None
    if pat.max_extra_chars is not None:
        extra = len(text) - (m.end() - m.start())
        if extra > pat.max_extra_chars:
            return None, None
    lead = len(m.group(0)) - len(m.group(0).lstrip(" \t-–—|:•*#>"))
    start, end = base + m.start() + lead, base + m.end()
    evidence = text[m.start() + lead : m.end()].rstrip(" -–—|,:")
    end = start + len(evidence)
    groups = m.groupdict()
    if groups.get("date"):
        parsed = parse_in(groups["date"])
        if parsed is None:
            return None, None
        ev = Evidence(parsed.value, parsed.precision, pat.confidence, pat.method, evidence, start, end)
        return ev, None
    if groups.get("monthday"):
        md = groups["monthday"]
        cal = calendar()
        mon = re.search(cal.mon_alt, md)
        num = re.search(r"\d+", md)
        if mon and num:
            month = cal.month_of[mon.group(0).rstrip(".").casefold()]
            if safe_date(2000, month, int(num.group(0))):
                return None, _Dateline(month, int(num.group(0)), evidence, start, end)
    return None, None


def _headers(lay: Layout) -> tuple[list[Evidence], list[Evidence], list[_Dateline]]:
    """Header evidence in trust order, footer-like date lines, and year-less datelines."""
    zones = publication_table()["zones"]
    factor = float(zones["outside_header_factor"])
    footer_conf = float(zones["footer_confidence"])
    max_extra_outside = int(zones["outside_max_extra_chars"])
    found: list[Evidence] = []
    footers: list[Evidence] = []
    datelines: list[_Dateline] = []
    for pat in header_patterns():
        inside: list[Evidence] = []
        outside: list[Evidence] = []
        for i, ln in enumerate(lay.lines):
            in_header = i in lay.header or i == lay.first_prose
            if pat.outside == "skip" and not in_header:
                continue
            ev, dl = _header_match(pat, ln.text, ln.start)
            if dl is not None and in_header:
                datelines.append(dl)
            if ev is None:
                continue
            if in_header and ln.cls != "junk":
                inside.append(ev)
            elif pat.outside == "footer":
                footers.append(replace(ev, method="footer", confidence=footer_conf))
            elif len(ln.text) - len(ev.text or "") <= max_extra_outside:
                outside.append(replace(ev, confidence=ev.confidence * factor))
        found.extend(inside[:1] + outside[:1])
    return found, footers, datelines


def _copyright(clean: CleanDocument, lay: Layout, upper: date | None) -> Evidence | None:
    table = publication_table()["copyright"]
    conf = float(table["confidence"])
    max_line = int(table["max_line_chars"])
    best: Evidence | None = None
    for m in copyright_regex().finditer(clean.source_text):
        year = int(m.group("y"))
        if upper is not None and year > upper.year:
            continue
        index = lay.line_at(m.start())
        if index is not None and len(lay.lines[index].text) > max_line:
            continue
        text = m.group(0).rstrip(" ,;:-")
        ev = Evidence(f"{year:04d}", "year", conf, "copyright", text, m.start(), m.start() + len(text))
        if best is None or year > int(best.value):
            best = ev
    return best


# --------------------------------------------------------------------------- inference


@dataclass(frozen=True, slots=True)
class _Facts:
    lower: Mention | None  # latest dated mention bounding publication from below
    lower_day: date | None
    peg: Mention | None  # the lead's news-peg weekday, maybe with its date
    peg_events: tuple[Mention, ...]  # dated events told in the lead ("on April 25")


def _facts(source: str, lay: Layout, upper: date | None) -> _Facts:
    inf = publication_table()["inference"]
    future_words = {w.casefold() for w in inf["future_year_words"]}
    event_preps = {w.casefold() for w in inf["peg_event_preps"]}
    lower: Mention | None = None
    lower_day: date | None = None
    peg: Mention | None = None
    events: list[Mention] = []
    for m in find_mentions(source):
        index = lay.line_at(m.start)
        if lay.is_junk(index) or m.future:
            continue
        words = m.text.split()
        first = words[0].casefold() if words else ""
        if m.kind in ("date", "month_year", "year") and m.year:
            if first in future_words:
                continue
            if m.kind == "date" and m.month and m.day:
                start = safe_date(m.year, m.month, m.day)
            elif m.kind == "month_year" and m.month:
                start = date(m.year, m.month, 1)
            else:
                start = date(m.year, 1, 1)
            if start is None or (upper is not None and start > upper):
                continue
            if lower_day is None or start > lower_day:
                lower, lower_day = m, start
        if index not in lay.lead:
            continue
        if m.weekday is not None and m.kind in ("weekday", "month_day", "date"):
            if peg is None:
                peg = m
            elif peg.day is None and m.day is not None and m.weekday == peg.weekday:
                peg = m  # "On Tuesday ... on Tuesday, April 16": the same day, dated
        elif m.kind in ("month_day", "date") and m.day is not None and first in event_preps:
            events.append(m)
    return _Facts(lower, lower_day, peg, tuple(events))


def _occurrence_before(m: Mention, day: date) -> date | None:
    """The latest day ``m`` may denote on or before ``day``."""
    assert m.month is not None and m.day is not None
    if m.year is not None:
        d = safe_date(m.year, m.month, m.day)
        return d if d is not None and d <= day else None
    for year in (day.year, day.year - 1):
        d = safe_date(year, m.month, m.day)
        if d is not None and d <= day:
            return d
    return None


def _window(facts: _Facts, upper: date | None, copyright: Evidence | None) -> tuple[date, date, bool] | None:
    """Days publication may fall on, and whether the copyright year made the bounds."""
    inf = publication_table()["inference"]
    lows: list[date] = []
    highs: list[date] = []
    if upper is not None:
        highs.append(upper)
        lows.append(upper - timedelta(days=int(inf["seen_lookback_days"])))
    if copyright is not None:
        lo, hi = copyright.range
        lows.append(lo)
        highs.append(hi)
    lower = facts.lower_day
    if lower is not None and highs and lower > min(highs):
        lower = None  # a "date" after every upper bound points forward: not a bound
    if lower is not None:
        lows.append(lower)
        if not highs:
            highs.append(date(lower.year + int(inf["years_after_mention"]), 12, 31))
    if not lows or not highs:
        return None
    lo, hi = max(lows), min(highs)
    if lo > hi:
        return None
    by_copyright = copyright is not None and (lo, hi) == copyright.range
    return lo, hi, by_copyright


def _infer(
    facts: _Facts,
    upper: date | None,
    copyright: Evidence | None,
    datelines: list[_Dateline],
) -> Evidence | None:
    inf = publication_table()["inference"]
    window = _window(facts, upper, copyright)
    if window is None:
        return None
    lo, hi, by_copyright = window
    gap_min, gap_max = int(inf["gap_min_days"]), int(inf["gap_max_days"])
    conf = float(inf["confidence"])
    candidates = days(lo, hi)
    method, source = "inferred", None
    peg = facts.peg
    if datelines:
        dl = datelines[0]
        candidates = [d for d in candidates if (d.month, d.day) == (dl.month, dl.day)]
        method = "dateline"
        source = (dl.text, dl.start, dl.end)
    elif peg is not None and peg.weekday is not None:
        candidates = [d for d in candidates if d.weekday() == peg.weekday]
        source = (peg.text, peg.start, peg.end)
        if peg.month is not None and peg.day is not None:  # "on Tuesday, February 8"
            candidates = [d for d in candidates if (d.month, d.day) == (peg.month, peg.day)]
            if peg.year is not None:
                candidates = [d for d in candidates if d.year == peg.year]
        elif facts.peg_events:
            kept = []
            for d in candidates:
                occ = [o for o in (_occurrence_before(m, d) for m in facts.peg_events) if o]
                if occ and gap_min <= (d - max(occ)).days <= gap_max:
                    kept.append(d)
            candidates = kept
    if not candidates:
        return None
    value, precision = coarsen(candidates[0], candidates[-1])
    if value is None or precision is None:
        return None
    if precision == "year" and by_copyright and copyright is not None:
        return copyright
    if source is None or precision != "day":
        if facts.lower is None:
            return None
        source = (facts.lower.text, facts.lower.start, facts.lower.end)
        method = "inferred"
    conf = min(conf, float(inf["max_confidence"]))
    return Evidence(value, precision, conf, method, source[0], source[1], source[2])


# --------------------------------------------------------------------------- choice


def _corroborate(best: Evidence, others: list[Evidence]) -> Evidence:
    corr = publication_table()["corroboration"]
    agree = sum(1 for o in others if o is not best and _within(best.range, o.range))
    if not agree:
        return best
    conf = min(float(corr["max_confidence"]), best.confidence + float(corr["bonus"]) * agree)
    return replace(best, confidence=max(best.confidence, conf))


def _is_precision(precision: str, ev: Evidence | None) -> bool:
    return ev is not None and ev.precision == precision


def published_date(clean: CleanDocument) -> PublishedDate:
    """The publication date of ``clean``, or UNDATED when the evidence does not support one."""
    upper = _seen_day(clean.raw.extra)
    lay = layout(clean)
    headers, footers, datelines = _headers(lay)
    copyright = _copyright(clean, lay, upper)
    text_days = _written_days(clean.source_text) | {h.value for h in headers if h.precision == "day"}
    page = _page(clean, upper, text_days)
    weak = float(publication_table()["page"]["weak_below"])
    if page is not None and page.confidence < weak:
        # A page date no witness backs comes after what the article text says.
        trusted = [_metadata(clean), *headers, page]
    else:
        trusted = [_metadata(clean), page, *headers]
    ranked = [ev for ev in trusted if ev is not None and _possible(ev, upper)]
    best: Evidence | None = ranked[0] if ranked else None
    # A less trusted but more precise piece of evidence refines an agreeing coarse one.
    for ev in ranked[1:]:
        finer = ev.precision == "day" or (ev.precision == "month" and _is_precision("year", best))
        if best is not None and best.precision != "day" and finer and _within(ev.range, best.range):
            best = ev
    if best is None or best.precision != "day":
        # The calendar inference reads every date mention: only when it is needed.
        facts = _facts(clean.source_text, lay, upper)
        if copyright and facts.lower_day and facts.lower_day.year > int(copyright.value):
            copyright = None  # a footer left unchanged for years
        inferred = _infer(facts, upper, copyright, datelines)
        if inferred is not None and (
            best is None or (_within(inferred.range, best.range) and inferred.range != best.range)
        ):
            best = inferred
    if best is None and copyright is not None:
        best = copyright
    if best is None:
        return UNDATED
    support = [*ranked, *footers, *([copyright] if copyright else [])]
    return _corroborate(best, support).to_published()
