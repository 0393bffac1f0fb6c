"""An HTML page's claims about its publication day, cross-checked.

htmldate finds the date; this module decides how far to believe it. htmldate
returns one day and no account of where it came from, and on news pages it is
wrong in a few known ways: it takes a last-modified date, a date from a
sidebar or comment (extensive search), or fills a bare year as 1 January. So
the page's structured metadata (JSON-LD, ``<meta>``, ``<time>``), its URL and
the article text are read as independent witnesses: agreement raises the
confidence, a conflicting published date or a far modified date lowers it
below the confident threshold. Reading the structured fields is hand-written
(a few XPath lookups) because htmldate keeps them internal; the field names
and weights are data (``data/date/publication.toml`` [page]).
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from newstrace.date.parse import parse_in
from newstrace.date.tables import publication_table
from newstrace.records import Precision


@dataclass(frozen=True, slots=True)
class PageDates:
    """Days the page states: published and modified (structured), and its URL's date."""

    published: frozenset[str]
    modified: frozenset[str]
    url_value: str | None
    url_precision: Precision | None


@dataclass(frozen=True, slots=True)
class PageClaim:
    value: str
    precision: Precision
    confidence: float
    method: str
    evidence: str


def _table() -> dict[str, Any]:
    table: dict[str, Any] = publication_table()["page"]
    return table


@functools.cache
def _url_regexes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    t = _table()
    return re.compile(t["url_day"]), re.compile(t["url_month"])


def url_date(url: str | None) -> tuple[str, Precision] | None:
    """The day (or month) written in a URL path: ``/2020/05/17/``, ``2020-05-17``."""
    if not url:
        return None
    day_re, month_re = _url_regexes()
    m = day_re.search(url)
    if m is not None:
        try:
            d = date(int(m.group(1)), int(m.group(3)), int(m.group(4)))
        except ValueError:
            d = None
        if d is not None:
            return d.isoformat(), "day"
    m = month_re.search(url)
    if m is not None:
        return f"{m.group(1)}-{m.group(2)}", "month"
    return None


def _day(value: str | None) -> str | None:
    if not value:
        return None
    parsed = parse_in(value[:40])  # the data file's formats only: dateparser is slow
    return parsed.value if parsed is not None and parsed.precision == "day" else None


def _jsonld(node: Any, pub_keys: set[str], mod_keys: set[str], pub: set[str], mod: set[str]) -> None:
    if isinstance(node, list):
        for item in node:
            _jsonld(item, pub_keys, mod_keys, pub, mod)
    elif isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, str):
                target = pub if key in pub_keys else mod if key in mod_keys else None
                d = _day(value) if target is not None else None
                if d is not None and target is not None:
                    target.add(d)
            elif isinstance(value, list | dict):
                _jsonld(value, pub_keys, mod_keys, pub, mod)


def structured_dates(tree: Any, url: str | None) -> PageDates:
    """Published and modified days from JSON-LD, ``<meta>`` and ``<time>``; the URL's date."""
    t = _table()
    pub: set[str] = set()
    mod: set[str] = set()
    if tree is not None:
        pub_keys, mod_keys = set(t["jsonld_published"]), set(t["jsonld_modified"])
        for script in tree.xpath('.//script[@type="application/ld+json"]'):
            try:
                data = json.loads(script.text_content() or "")
            except ValueError:
                continue
            _jsonld(data, pub_keys, mod_keys, pub, mod)
        meta_pub = {k.casefold() for k in t["meta_published"]}
        meta_mod = {k.casefold() for k in t["meta_modified"]}
        for meta in tree.xpath(".//meta[@content]"):
            key = (
                meta.get("property")
                or meta.get("name")
                or meta.get("itemprop")
                or meta.get("http-equiv")
                or ""
            ).casefold()
            target = pub if key in meta_pub else mod if key in meta_mod else None
            if target is not None:
                d = _day(meta.get("content"))
                if d is not None:
                    target.add(d)
        classes = tuple(c.casefold() for c in t["time_published_classes"])
        for el in tree.xpath(".//time[@datetime]"):
            cls = (el.get("class") or "").casefold()
            marked = (
                el.get("pubdate") is not None
                or (el.get("itemprop") or "").casefold() == "datepublished"
                or any(c in cls for c in classes)
            )
            if marked:
                d = _day(el.get("datetime"))
                if d is not None:
                    pub.add(d)
    found = url_date(url)
    return PageDates(
        published=frozenset(pub),
        modified=frozenset(mod),
        url_value=found[0] if found else None,
        url_precision=found[1] if found else None,
    )


def load_tree(html: str) -> Any:
    """The page parsed once, for htmldate and the structured lookups; None if unparsable."""
    from htmldate.utils import load_html

    try:
        return load_html(html)
    except (ValueError, TypeError):
        return None


def htmldate_answer(page: Any, *, url: str | None, max_date: str | None = None) -> tuple[str | None, bool]:
    """htmldate's day for ``page`` (HTML text or a parsed tree) with the settings of
    the data file, and whether it took the extensive search to find it."""
    import htmldate

    t = _table()
    extra: dict[str, Any] = {"outputformat": "%Y-%m-%d"}
    if max_date is not None:
        extra["max_date"] = max_date
    for settings, searched in ((t["htmldate"], False), (t["htmldate_search"], True)):
        try:
            found = htmldate.find_date(page, url=url, **settings, **extra)
        except (ValueError, TypeError):
            found = None
        if found:
            return str(found), searched
    return None, False


def written_in(html: str, day: str) -> bool:
    """Whether the page source writes ``day`` out in one of the numeric forms of the data file."""
    d = date.fromisoformat(day)
    parts = {
        "Y": f"{d.year:04d}",
        "m": f"{d.month:02d}",
        "d": f"{d.day:02d}",
        "n": str(d.month),
        "j": str(d.day),
    }
    for form in _table()["written_forms"]:
        if re.sub(r"\{(\w)\}", lambda m: parts[m.group(1)], form) in html:
            return True
    return False


def _coarse(found: str, witnessed: bool, html: str) -> tuple[str, Precision]:
    """A 1 January or first of a month nobody else states may be htmldate filling a
    bare year or month: keep only what is sure."""
    d = date.fromisoformat(found)
    if witnessed or d.day != 1 or written_in(html, found):
        return found, "day"
    if d.month == 1:
        return f"{d.year:04d}", "year"
    return f"{d.year:04d}-{d.month:02d}", "month"


def page_claim(
    found: str | None,
    searched: bool,
    dates: PageDates,
    *,
    text_days: frozenset[str],
    html: str = "",
) -> PageClaim | None:
    """How far to believe htmldate's ``found`` day given the page's other witnesses.

    ``text_days`` are the days written in the article text (header or body);
    ``html`` is the page source, searched for a first of the month written out.
    Without an htmldate answer the URL's date stands alone.
    """
    t = _table()
    if found is None:
        if dates.url_value is None or dates.url_precision is None:
            return None
        conf = float(t["url_confidence"][dates.url_precision])
        return PageClaim(dates.url_value, dates.url_precision, conf, "url", dates.url_value)
    bonus, penalty = t["bonus"], t["penalty"]
    by_url = dates.url_value == found
    by_text = found in text_days
    structured = found in dates.published
    conf = float(t["confidence_search" if searched else "confidence_fast"])
    conf += float(bonus["structured"]) * structured
    conf += float(bonus["url"]) * by_url + float(bonus["text"]) * by_text
    if dates.published and not structured:
        conf -= float(penalty["other_published"])
    if found in dates.modified and not structured:
        conf -= float(penalty["modified_only"])
    gap = int(t["modified_gap_days"])
    d = date.fromisoformat(found)
    far = any(abs((date.fromisoformat(m) - d).days) > gap for m in dates.modified)
    if far and not (by_url or by_text):
        conf -= float(penalty["modified_far"])
    conf = max(0.0, min(conf, float(t["max_confidence"])))
    witnessed = structured or by_url or by_text or found in dates.modified
    value, precision = _coarse(found, witnessed, html)
    method = "htmldate-search" if searched else "htmldate"
    return PageClaim(value, precision, conf, method, found)
