"""Which documents still wait for the link stage (table ``link_pending``).

A document is marked in the transaction that writes it, and the marks are
cleared in the transaction that links it, so a run killed between the two
leaves marks behind and the next write command links first: the store is never
left half-linked without knowing it.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, text


def mark_pending(conn: Connection, doc_id: str) -> None:
    conn.execute(text("INSERT INTO link_pending (doc_id) VALUES (:d) ON CONFLICT DO NOTHING"), {"d": doc_id})


def pending_ids(conn: Connection) -> list[str]:
    return [r[0] for r in conn.execute(text("SELECT doc_id FROM link_pending ORDER BY doc_id"))]


def clear_pending(conn: Connection, doc_ids: Iterable[str]) -> None:
    for doc_id in doc_ids:
        conn.execute(text("DELETE FROM link_pending WHERE doc_id = :d"), {"d": doc_id})
