"""Read the stored claims back, with their members and answers (``claims``, ``claim_members``,
``claim_answers``, ``claim_aliases``); ``link/claim_build.py`` writes them."""

from __future__ import annotations

import json

from sqlalchemy import Connection, text

from newstrace.knowledge import actors
from newstrace.store.claim_rows import ClaimAnswerRow, ClaimMemberRow, ClaimRow
from newstrace.store.rows import Rows

# ------------------------------------------------------------------ reading

_SNIP = "substr(d.clean_text, s.sentence_start + 1, s.sentence_end - s.sentence_start)"


_CHUNK = 500


def read_claims(
    conn: Connection,
    *,
    status: str | None = None,
    min_origins: int = 0,
    actor: str | None = None,
    claim_id: str | None = None,
) -> Rows[ClaimRow]:
    """Claims with members and answers, most independent origins first.

    ``actor`` matches the claim's actor or anyone it speaks for (a query for
    "Russia" finds Putin's claims); ``claim_id`` also finds a claim by a retired ID.
    """
    clauses, params = [], {}
    if status:
        clauses.append("c.status = :st")
        params["st"] = status
    if claim_id:
        alias = conn.execute(text("SELECT claim_id FROM claim_aliases WHERE old_id = :i"),
                             {"i": claim_id}).scalar()
        clauses.append("c.id = :id")
        params["id"] = alias or claim_id
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    sql = ("SELECT c.*, " + _SNIP + " AS rep_sentence FROM claims c "
           "JOIN signals s ON s.id = c.representative_signal JOIN documents d ON d.id = s.doc_id " + where)
    wanted = actors().members(actors().resolve_query(actor)) if actor else None
    out: list[ClaimRow] = []
    for r in conn.execute(text(sql), params).mappings():
        origins = json.loads(r["origins_json"])
        if len(origins) < min_origins:
            continue
        if wanted is not None and r["actor"] not in wanted \
                and r["actor"].casefold() != (actor or "").casefold():
            continue
        out.append(ClaimRow(
            id=r["id"], actor=r["actor"], type=r["type"], topics=json.loads(r["topics_json"]),
            status=r["status"], first_report=r["first_report"], first_doc=r["first_doc"],
            reports=r["reports"], outlets=json.loads(r["outlets_json"]), origins=origins,
            source_kinds=json.loads(r["source_kinds_json"]), representative=r["rep_sentence"],
            representative_signal=r["representative_signal"], denials=r["denials"],
            confirmations=r["confirmations"], doubts=r["doubts"]))
    if out:
        _attach(conn, out)
    out.sort(key=lambda c: (-len(c.origins), -c.reports, c.first_report or "9999", c.id))
    return Rows(out)


def _attach(conn: Connection, claims: list[ClaimRow]) -> None:
    """Members and answers of exactly these claims (in chunks: SQLite limits bound parameters)."""
    for k in range(0, len(claims), _CHUNK):
        _attach_chunk(conn, {c.id: c for c in claims[k : k + _CHUNK]})


def _attach_chunk(conn: Connection, by_id: dict[str, ClaimRow]) -> None:
    marks = ", ".join(f":c{n}" for n in range(len(by_id)))
    params = {f"c{n}": cid for n, cid in enumerate(by_id)}
    sql = ("SELECT m.claim_id, m.role, m.origin, s.id, s.doc_id, s.type, s.polarity, s.source_kind, "
           "s.source_by, s.source_via, s.event_date, d.name, d.outlet, d.published_value, "
           "substr(d.clean_text, s.start + 1, s.\"end\" - s.start) AS evidence, " + _SNIP + " AS sentence "
           "FROM claim_members m JOIN signals s ON s.id = m.signal_id JOIN documents d ON d.id = s.doc_id "
           f"WHERE m.claim_id IN ({marks}) ORDER BY COALESCE(d.published_value, '9999'), d.name, s.start")
    for r in conn.execute(text(sql), params).mappings():
        c = by_id.get(r["claim_id"])
        if c is not None:
            c.members.append(ClaimMemberRow(
                signal_id=r["id"], doc_id=r["doc_id"], doc_name=r["name"], outlet=r["outlet"],
                published=r["published_value"], role=r["role"], origin=r["origin"], type=r["type"],
                polarity=r["polarity"], source_kind=r["source_kind"], source_by=r["source_by"],
                source_via=r["source_via"], event_date=r["event_date"], evidence=r["evidence"],
                sentence=r["sentence"]))
    sql = ("SELECT a.claim_id, a.kind, a.score, a.cosine, a.reasons_json, s.id, s.actor, s.doc_id, "
           "s.source_kind, d.name, d.outlet, d.published_value, " + _SNIP + " AS sentence "
           "FROM claim_answers a JOIN signals s ON s.id = a.signal_id JOIN documents d ON d.id = s.doc_id "
           f"WHERE a.claim_id IN ({marks}) ORDER BY COALESCE(d.published_value, '9999'), d.name, s.start")
    for r in conn.execute(text(sql), params).mappings():
        c = by_id.get(r["claim_id"])
        if c is not None:
            c.answers.append(ClaimAnswerRow(
                signal_id=r["id"], kind=r["kind"], actor=r["actor"], doc_id=r["doc_id"], doc_name=r["name"],
                outlet=r["outlet"], published=r["published_value"], source_kind=r["source_kind"],
                score=r["score"], cosine=r["cosine"], reasons=json.loads(r["reasons_json"]),
                sentence=r["sentence"]))


def claims_of_signal(conn: Connection, signal_id: str) -> list[str]:
    """The claim a signal states, or the claims it answers."""
    rows = conn.execute(text(
        "SELECT claim_id FROM claim_members WHERE signal_id = :s UNION "
        "SELECT claim_id FROM claim_answers WHERE signal_id = :s ORDER BY 1"), {"s": signal_id}).all()
    return [r[0] for r in rows]
