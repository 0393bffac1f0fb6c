"""Link every signal to its canonical actor and to the actors it speaks for.

Putin's signal is also the Kremlin's and Russia's position (actor hierarchy in
the alias table), so a timeline for "Russia" finds it. Unknown actors get a
stable ID from their name. Idempotent: only signals without links are linked.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from newstrace import ids
from newstrace.knowledge import actors


def _ensure_actor(conn: Connection, canonical: str) -> str:
    table = actors()
    known = table.get(canonical)
    aid = ids.actor_id(canonical)
    conn.execute(
        text(
            "INSERT INTO actors (id, canonical, kind, qid, parent, known) "
            "VALUES (:id, :c, :k, :q, :p, :known) ON CONFLICT DO NOTHING"
        ),
        {
            "id": aid, "c": canonical, "k": known.kind if known else "unknown",
            "q": known.qid if known else None, "p": known.parent if known else None,
            "known": int(known is not None),
        },
    )
    return aid


def link_actors(conn: Connection) -> int:
    """Create missing actor rows and signal links; return how many signals were linked."""
    table = actors()
    rows = conn.execute(
        text(
            "SELECT id, actor FROM signals WHERE id NOT IN (SELECT DISTINCT signal_id FROM signal_actors)"
        )
    ).all()
    for signal_id, actor in rows:
        canonical = actor
        links = [(_ensure_actor(conn, canonical), "actor")]
        for ancestor in table.ancestors(canonical):
            links.append((_ensure_actor(conn, ancestor), "speaks_for"))
        for aid, role in links:
            conn.execute(
                text(
                    "INSERT INTO signal_actors (signal_id, actor_id, role) VALUES (:s, :a, :r) "
                    "ON CONFLICT DO NOTHING"
                ),
                {"s": signal_id, "a": aid, "r": role},
            )
    return len(rows)
