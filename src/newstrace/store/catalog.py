"""What a store holds, by name: actors, topics, types and outlets with their counts.

Read-only queries for the CLI's ``actors`` and ``topics`` commands, the input
checks that suggest close names, and the HTTP API's facets. A new module so the
store's writer and main reader stay as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import text

from newstrace.store.dialect import json_items
from newstrace.store.rows import Row, Rows

if TYPE_CHECKING:
    from newstrace.store.database import Store


@dataclass(frozen=True, slots=True)
class NameCount(Row):
    """A name the store knows and how many signals carry it."""

    name: str
    signals: int
    kind: str | None = None  # an actor's kind (person, government, …) where known
    id: str | None = None  # an actor's stable ID


def actor_counts(store: Store) -> Rows[NameCount]:
    """Every linked actor with the signals it made or that speak for it, most first."""
    sql = text("SELECT a.id, a.canonical, a.kind, COUNT(sa.signal_id) AS n FROM actors a "
               "LEFT JOIN signal_actors sa ON sa.actor_id = a.id GROUP BY a.id "
               "ORDER BY n DESC, a.canonical")
    with store.engine.connect() as conn:
        return Rows(NameCount(name=r[1], signals=r[3], kind=r[2], id=r[0]) for r in conn.execute(sql))


def topic_counts(store: Store) -> Rows[NameCount]:
    """Every topic signals carry, with how many carry it."""
    items = json_items(store.engine.dialect.name, "s.topics_json", "j")
    sql = text(f"SELECT j.value, COUNT(*) FROM signals s, {items} "
               "GROUP BY j.value ORDER BY COUNT(*) DESC, j.value")
    with store.engine.connect() as conn:
        return Rows(NameCount(name=r[0], signals=r[1]) for r in conn.execute(sql))


def type_counts(store: Store) -> Rows[NameCount]:
    sql = text("SELECT type, COUNT(*) FROM signals GROUP BY type ORDER BY COUNT(*) DESC, type")
    with store.engine.connect() as conn:
        return Rows(NameCount(name=r[0], signals=r[1]) for r in conn.execute(sql))


def outlet_names(store: Store) -> list[str]:
    sql = text("SELECT DISTINCT outlet FROM documents WHERE outlet IS NOT NULL ORDER BY outlet")
    with store.engine.connect() as conn:
        return [r[0] for r in conn.execute(sql)]
