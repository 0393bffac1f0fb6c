"""CAMEO / GDELT-1.0-like TSV: one row per stored signal, with a header row.

Column names follow GDELT 1.0 where a GDELT column means the same thing
(GLOBALEVENTID, SQLDATE, MonthYear, Year, Actor1Code, Actor1Name, EventCode,
EventBaseCode, EventRootCode, QuadClass, SOURCEURL); the others are
newstrace's, listed with their meaning in ``CAMEO_COLUMNS``. Differences from
GDELT, on purpose:

- SQLDATE keeps the precision the text supports: YYYYMMDD, YYYYMM or YYYY.
- Actor codes are Wikidata QIDs (or newstrace actor IDs), not CAMEO actor codes.
- The scale is PLOVER's conflict-cooperation score (manual Table 2.2), a
  Goldstein-like -10..+10 scale, named PloverScale rather than GoldsteinScale.

Codes come from ``data/extract/en/signal_codes.toml`` and ``data/export/*.toml``.
The row layout is written by hand (no library writes GDELT rows); the TSV
itself is the standard library's ``csv`` (fields holding a tab, newline or
quote are quoted, so ``csv`` and pandas read it back).
"""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING, TextIO

from newstrace.export.gather import ExportedSignal, gather
from newstrace.export.tables import cameo_quad_classes, plover_categories
from newstrace.safe_text import cell

if TYPE_CHECKING:
    from newstrace.store import Store

CAMEO_COLUMNS: tuple[tuple[str, str], ...] = (
    ("GLOBALEVENTID", "signal ID"),
    ("SQLDATE", "event date (publication date when the text gives none): YYYYMMDD, YYYYMM or YYYY"),
    ("MonthYear", "YYYYMM when the month is known"),
    ("Year", "YYYY"),
    ("DatePrecision", "day, month, year or weekday"),
    ("DateBasis", "event (a date in the text), published (publication date) or none"),
    ("Actor1Code", "Wikidata QID of the actor when known, else its newstrace actor ID"),
    ("Actor1Name", "canonical actor"),
    ("Actor1Text", "actor as written"),
    ("Actor1Type", "person, organization, government, media or group (actor table)"),
    ("Actor2Code", "recipient code (empty: the store records no recipient)"),
    ("Actor2Name", "recipient name"),
    ("EventCode", "CAMEO code (topic-specific where the data file has one)"),
    ("EventBaseCode", "CAMEO 3-digit code"),
    ("EventRootCode", "CAMEO 2-digit root code"),
    ("QuadClass", "GDELT quad class of the root (1-4, see data/export/cameo.toml)"),
    ("PloverScale", "PLOVER conflict-cooperation score of category and mode (-10..+10)"),
    ("PloverEvent", "PLOVER category (empty for public statements)"),
    ("PloverMode", "PLOVER mode"),
    ("SignalType", "newstrace signal type"),
    ("Polarity", "positive, negative or hedged"),
    ("Topics", "comma-separated topics"),
    ("Conditions", "the signal's conditions, ';'-separated, each state:topic (required, excluded, none)"),
    ("Certainty", "confirmed, reported, signalled or speculative"),
    ("SourceKind", "on_record, anonymous or reported"),
    ("Speaker", "who is presented as the source"),
    ("Via", "relaying outlet or person"),
    ("DocID", "newstrace document ID"),
    ("DocName", "input file name"),
    ("Outlet", "outlet"),
    ("SOURCEURL", "document URL, else its source path, else its name"),
    ("CleanStart", "evidence start offset in the cleaned text"),
    ("CleanEnd", "evidence end offset in the cleaned text"),
    ("SourceStart", "evidence start offset in the source text"),
    ("SourceEnd", "evidence end offset in the source text"),
    ("Evidence", "the evidence span"),
)


def _digits(date: str | None) -> str:
    return date.replace("-", "") if date else ""


def _scale(ex: ExportedSignal) -> str:
    cat = plover_categories().get(ex.codes.plover) if ex.codes.plover else None
    return f"{cat.scale(ex.codes.mode):g}" if cat else ""


def cameo_row(ex: ExportedSignal) -> dict[str, str]:
    s, doc, att, codes = ex.signal, ex.document, ex.attribution, ex.codes
    digits = _digits(ex.date)
    speaker = (att.speaker_canonical or att.speaker) if att else s.source_by
    row = {
        "GLOBALEVENTID": s.id,
        "SQLDATE": digits,
        "MonthYear": digits[:6] if len(digits) >= 6 else "",
        "Year": digits[:4],
        "DatePrecision": ex.date_precision or "",
        "DateBasis": ex.date_basis,
        "Actor1Code": ex.actor.qid or ex.actor.id,
        "Actor1Name": ex.actor.name,
        "Actor1Text": s.actor_text,
        "Actor1Type": ex.actor.kind or "",
        "Actor2Code": (ex.target.qid or ex.target.id) if ex.target else "",
        "Actor2Name": ex.target.name if ex.target else "",
        "EventCode": codes.cameo,
        "EventBaseCode": codes.cameo[:3],
        "EventRootCode": codes.cameo[:2],
        "QuadClass": str(cameo_quad_classes()[codes.cameo[:2]]),
        "PloverScale": _scale(ex),
        "PloverEvent": codes.plover or "",
        "PloverMode": codes.mode or "",
        "SignalType": s.type,
        "Polarity": s.polarity,
        "Topics": ",".join(s.topics),
        "Conditions": ";".join(f"{c.get('state', 'required')}:{c.get('topic', '')}" for c in s.conditions),
        "Certainty": s.certainty or "",
        "SourceKind": s.source_kind,
        "Speaker": speaker or "",
        "Via": s.source_via or (att.via if att and att.via else ""),
        "DocID": s.doc_id,
        "DocName": s.doc_name,
        "Outlet": s.outlet or "",
        "SOURCEURL": doc.url or doc.source_path or doc.name,
        "CleanStart": str(s.start),
        "CleanEnd": str(s.end),
        "SourceStart": str(s.raw_start),
        "SourceEnd": str(s.raw_end),
        "Evidence": s.evidence,
    }
    return row


def cameo_rows(store: Store, *, actor: str | None = None) -> list[dict[str, str]]:
    """One row per stored signal (of ``actor`` and those who speak for it)."""
    return [cameo_row(ex) for ex in gather(store, actor=actor)]


def write_cameo(store: Store, out: TextIO, *, actor: str | None = None) -> int:
    """Write the header and one tab-separated row per signal; returns how many rows."""
    writer = csv.DictWriter(out, fieldnames=[name for name, _ in CAMEO_COLUMNS], delimiter="\t",
                            lineterminator="\n")
    writer.writeheader()
    rows = cameo_rows(store, actor=actor)
    writer.writerows({k: cell(v) for k, v in row.items()} for row in rows)
    return len(rows)
