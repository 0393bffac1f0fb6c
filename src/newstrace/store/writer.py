"""Persist one ExtractedDocument in one transaction.

Rows are derived only from the record, so writing the same document twice
would write identical rows. Every write is idempotent: a document another
process stored meanwhile (two ingests of overlapping folders) is kept as it is and
this input becomes one more of its sources, never a rejection. Inputs are keyed
by their normalised absolute path, so a folder named once relatively and once
absolutely is one source.
"""

from __future__ import annotations

import json
import os
import re
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, text

from newstrace.clean.offsets import span_to_source
from newstrace.records import Condition, ExtractedDocument, RawDocument, Rejected

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]+:")


def source_key(path: str | None) -> str:
    """An input's path as the store keys it: absolute and normalised (``./a/../b`` is
    ``$PWD/b``); empty for none; a URL or other scheme-named source as it is."""
    if not path or _SCHEME.match(path):
        return path or ""
    return os.path.abspath(path)


def _event(when_value: str | None, published: str | None) -> tuple[str | None, str]:
    if when_value:
        return when_value, "event"
    if published:
        return published, "published"
    return None, "none"


def _insert(conn: Connection, table: str, row: dict[str, Any]) -> None:
    cols = ", ".join(f'"{k}"' for k in row)
    params = ", ".join(f":{k}" for k in row)
    conn.execute(text(f"INSERT INTO {table} ({cols}) VALUES ({params})"), row)


def write_document(
    conn: Connection, ex: ExtractedDocument, *, status: str = "processed", status_reason: str | None = None
) -> bool:
    """Write the document and everything derived from it; False (and only its source
    recorded) when a document with this content is already stored."""
    dated = ex.dated
    clean = dated.clean
    raw = clean.raw
    pub = dated.published
    segs = clean.segments
    path = source_key(raw.source_path) if raw.source_path else raw.source_path
    written = _insert_new(conn, "documents", {
        "id": raw.doc_id, "name": raw.name, "source_path": path, "url": raw.url,
        "format": raw.format, "outlet": clean.outlet, "origin": clean.origin,
        "title": clean.title, "raw_title": raw.title, "language": clean.language, "status": status,
        "status_reason": status_reason, "author": clean.author,
        "published_value": pub.value, "published_precision": pub.precision,
        "published_confidence": pub.confidence, "published_evidence": pub.evidence,
        "published_method": pub.method, "raw_text": raw.text, "source_text": clean.source_text,
        "clean_text": clean.text,
        "segments_json": json.dumps([[s.clean_start, s.source_start, s.length] for s in segs]),
        "extra_json": json.dumps(raw.extra, sort_keys=True, default=str),
        "ingested_at": datetime.now(UTC).isoformat(timespec="seconds"),
    })
    write_source(conn, raw)
    if not written:
        return False
    for line in clean.lines:
        _insert(conn, "lines", {"doc_id": raw.doc_id, "number": line.number, "cls": line.cls,
                                "start": line.start, "end": line.end, "text": line.text,
                                "reason": line.reason})
    seen_times: set[tuple[int, int]] = set()
    for t in dated.times:
        if (t.start, t.end) in seen_times:
            continue
        seen_times.add((t.start, t.end))
        _insert(conn, "times", {"doc_id": raw.doc_id, "start": t.start, "end": t.end,
                                "text": t.text, "value": t.value, "precision": t.precision})
    for a in ex.attributions:
        rs, re_ = span_to_source(segs, a.start, a.end)
        _insert(conn, "attributions", {
            "id": a.id, "doc_id": raw.doc_id, "start": a.start, "end": a.end,
            "raw_start": rs, "raw_end": re_, "speaker": a.speaker,
            "speaker_canonical": a.speaker_canonical, "speaker_kind": a.speaker_kind,
            "named": int(a.named), "cue": a.cue, "direct": json.dumps(a.direct), "via": a.via,
            "content_start": a.content_start, "content_end": a.content_end,
            "sentence_start": a.sentence_start, "sentence_end": a.sentence_end,
            "force": a.force, "source_count": a.profile.count,
            "source_qualifiers_json": json.dumps(list(a.profile.qualifiers)),
            "source_roles_json": json.dumps(list(a.profile.roles)),
            "source_affiliation_json": json.dumps(list(a.profile.affiliation)),
            "source_proximity": a.profile.proximity,
            "via_chain_json": json.dumps(list(a.via_chain)),
            "component": a.component, "confidence": a.confidence,
        })
    for s in ex.signals:
        rs, re_ = span_to_source(segs, s.start, s.end)
        when = s.when
        event_date, basis = _event(when.value if when else None, pub.value)
        _insert(conn, "signals", {
            "id": s.id, "doc_id": raw.doc_id, "start": s.start, "end": s.end,
            "raw_start": rs, "raw_end": re_, "actor": s.actor, "actor_text": s.actor_text,
            "type": s.type, "topics_json": json.dumps(list(s.topics)), "polarity": s.polarity,
            "when_value": when.value if when else None,
            "when_precision": when.precision if when else None,
            "when_evidence": when.evidence if when else None,
            "source_kind": s.source.kind, "source_by": s.source.by, "source_via": s.source.via,
            "attribution_id": s.attribution_id, "sentence_start": s.sentence_start,
            "sentence_end": s.sentence_end, "event_date": event_date, "event_basis": basis,
            "conditions_json": json.dumps([_condition(c, clean.text) for c in s.conditions]),
            "certainty": s.certainty, "component": s.component, "confidence": s.confidence,
            "actor_kind": s.actor_kind,
        })
    return True


def _insert_new(conn: Connection, table: str, row: dict[str, Any]) -> bool:
    """Insert unless the primary key is taken (portable upsert); whether a row was added."""
    cols = ", ".join(f'"{k}"' for k in row)
    params = ", ".join(f":{k}" for k in row)
    result = conn.execute(text(f"INSERT INTO {table} ({cols}) VALUES ({params}) ON CONFLICT DO NOTHING"), row)
    return bool(result.rowcount)


def _condition(c: Condition, body: str) -> dict[str, Any]:
    return {"topic": c.topic, "detail": c.detail, "state": c.state, "start": c.start, "end": c.end,
            "evidence": body[c.start : c.end]}


def delete_document(conn: Connection, doc_id: str) -> list[dict[str, Any]]:
    """Remove a document and everything derived from it; return its input rows to put back."""
    sources = [dict(r) for r in conn.execute(
        text("SELECT * FROM document_sources WHERE doc_id = :d"), {"d": doc_id}).mappings()]
    conn.execute(text("DELETE FROM signal_actors WHERE signal_id IN "
                      "(SELECT id FROM signals WHERE doc_id = :d)"), {"d": doc_id})
    for table in ("signals", "attributions", "times", "lines", "document_sources"):
        conn.execute(text(f"DELETE FROM {table} WHERE doc_id = :d"), {"d": doc_id})
    conn.execute(text("DELETE FROM documents WHERE id = :d"), {"d": doc_id})
    return sources


def restore_sources(conn: Connection, sources: list[dict[str, Any]]) -> None:
    for row in sources:
        cols = ", ".join(f'"{k}"' for k in row)
        params = ", ".join(f":{k}" for k in row)
        conn.execute(text(f"INSERT INTO document_sources ({cols}) VALUES ({params}) ON CONFLICT DO NOTHING"),
                     row)


def write_source(conn: Connection, raw: RawDocument) -> None:
    """Record that this input carried the document's content (idempotent); an earlier
    rejection of the same input is dropped, since the input is now stored."""
    path = source_key(raw.source_path)
    conn.execute(
        text("DELETE FROM rejections WHERE source_path = :p AND name = :n"), {"p": path, "n": raw.name})
    conn.execute(
        text(
            "INSERT INTO document_sources (doc_id, source_path, name, url, outlet, published, extra_json) "
            "VALUES (:d, :p, :n, :u, :o, :pub, :x) ON CONFLICT DO NOTHING"
        ),
        {"d": raw.doc_id, "p": path, "n": raw.name, "u": raw.url, "o": raw.outlet,
         "pub": raw.published, "x": json.dumps(raw.extra, sort_keys=True, default=str)},
    )


def write_rejection(conn: Connection, rej: Rejected) -> None:
    conn.execute(
        text(
            "INSERT INTO rejections (name, source_path, code, reason, first_seen) "
            "VALUES (:name, :path, :code, :reason, :at) ON CONFLICT DO NOTHING"
        ),
        {"name": rej.name, "path": source_key(rej.source_path), "code": rej.code, "reason": rej.reason,
         "at": datetime.now(UTC).isoformat(timespec="seconds")},
    )
