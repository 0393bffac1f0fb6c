"""Where an entry sits in time, and how that is shown without overstating it.

Most crawled articles carry no publication date the dating stage trusts, only
the crawl time (metadata ``seen``). A crawl time bounds publication from above,
so an entry placed by it is shown as "≤ 2022-03-01 (seen)": placed, but never
presented as a publication or event date. A copyright footer's year is the same
kind of bound (a 2016 article under a "© 2019" footer), shown as "≤ 2019 (copyright)".
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from sqlalchemy import text

from newstrace.store.rows import SignalRow

if TYPE_CHECKING:
    from newstrace.store.database import Store

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# Bases that bound a date from above: the crawl day, a copyright footer's year.
BOUND_BASES = frozenset({"seen", "copyright"})


def seen_days(store: Store) -> dict[str, str]:
    """Document ID -> the day it was first crawled (metadata ``seen``), where an input gave one."""
    out: dict[str, str] = {}
    with store.engine.connect() as conn:
        rows = conn.execute(text("SELECT id AS doc_id, extra_json FROM documents UNION ALL "
                                 "SELECT doc_id, extra_json FROM document_sources"))
        for doc_id, extra in rows:
            seen = json.loads(extra or "{}").get("seen")
            if isinstance(seen, str) and _DAY.match(seen):
                day = seen[:10]
                out[doc_id] = min(day, out.get(doc_id, day))
    return out


def placed(s: SignalRow, seen: dict[str, str],
           footer_dated: frozenset[str] | set[str] = frozenset()) -> tuple[str | None, str]:
    """The signal's event date and its basis; with no event date, its document's crawl day.

    A publication date read from a copyright footer (documents in ``footer_dated``) is
    the year the page was rendered, an upper bound: its basis is ``copyright``.
    """
    if s.event_date:
        if s.event_basis == "published" and s.doc_id in footer_dated:
            return s.event_date, "copyright"
        return s.event_date, s.event_basis
    day = seen.get(s.doc_id)
    return (day, "seen") if day else (None, "none")


def precision(date: str | None) -> str | None:
    if not date:
        return None
    return {4: "year", 7: "month"}.get(len(date), "day")


def date_label(date: str | None, basis: str) -> str:
    """"2024-01-26", "2023-09 (event)", "≤ 2022-03-01 (seen)" or "undated"."""
    if not date:
        return "undated"
    if basis in BOUND_BASES:
        return f"≤ {date} ({basis})"
    return date


def footer_dated(store: Store) -> set[str]:
    """Documents whose only publication date is a copyright footer's year."""
    return {d.id for d in store.documents() if d.published_method == "copyright"}
