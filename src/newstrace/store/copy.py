"""Copy a whole store into another, empty one: a SQLite file onto a PostgreSQL server, or back.

Moving to a server should not mean processing every article again. Both stores are
migrated to the same schema first, then every table is copied row by row in
foreign-key order, in batches, inside one transaction on the target (a failure leaves
the target as it was). Derived search indexes are not copied; they are rebuilt on
first use. Hand-written because it is a loop over the schema: SQLAlchemy reflects the
tables, and no tool we pin copies between the two backends.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import MetaData, inspect, text

from newstrace.errors import Errors, NewstraceError
from newstrace.store.database import Store

_SKIP = {"schema_version", "search_index"}


def copy_store(source: str | Path, target: str | Path, *, batch: int = 1000,
               progress: Callable[[str, int], None] | None = None) -> dict[str, int]:
    """Copy every row of ``source`` into the empty store ``target``; rows copied per table.

    E073 when the target already holds documents (the copy never merges two stores)."""
    src, dst = Store(source), Store(target)
    try:
        with dst.engine.connect() as conn:
            if conn.execute(text("SELECT COUNT(*) FROM documents")).scalar():
                raise NewstraceError(Errors.E073, url=dst.location)
        meta = MetaData()
        meta.reflect(bind=dst.engine)
        with src.engine.connect() as sconn:
            present = {t: {c["name"] for c in inspect(sconn).get_columns(t)}
                       for t in inspect(sconn).get_table_names()}
        counts: dict[str, int] = {}
        quote = src.engine.dialect.identifier_preparer.quote
        with dst.engine.begin() as dconn, src.engine.connect() as sconn:
            for table in meta.sorted_tables:
                if table.name in _SKIP or table.name.startswith("search_fts") or table.name not in present:
                    continue
                cols = [c.name for c in table.columns if c.name in present[table.name]]
                sql = f"SELECT {', '.join(quote(c) for c in cols)} FROM {quote(table.name)}"
                counts[table.name] = 0
                for chunk in sconn.execute(text(sql)).partitions(batch):
                    dconn.execute(table.insert(), [dict(zip(cols, row, strict=True)) for row in chunk])
                    counts[table.name] += len(chunk)
                if progress:
                    progress(table.name, counts[table.name])
        return counts
    finally:
        src.close()
        dst.close()
