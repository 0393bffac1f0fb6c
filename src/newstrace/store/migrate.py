"""Versioned schema migrations: numbered SQL files applied once each, on SQLite and PostgreSQL.

Hand-written because the schema is small and plain SQL files stay readable. The
files are written once for both backends; the only differences are applied here:

* column types SQLite accepts but PostgreSQL reads differently (``REAL`` is 4 bytes
  there, ``BLOB`` is ``BYTEA``) are translated word for word;
* a file ``NNNN_name.<dialect>.sql`` (e.g. ``0013_x.postgresql.sql``) replaces
  ``NNNN_name.sql`` on that backend, for SQL that cannot be shared.

``schema_version`` holds one row per applied version, so a version missing from the
middle (a migration merged later) is still applied. Migrating takes the store's
write lock only when something is pending, so opening an up-to-date store never
waits for a running ingest.
"""

from __future__ import annotations

import re
from importlib import resources

from sqlalchemy import Connection, inspect, text

from newstrace.errors import Errors, NewstraceError
from newstrace.store.engine import take_write_lock

_FILE = re.compile(r"(\d+)_([^.]+)(?:\.(\w+))?\.sql$")
_TYPES = {"postgresql": {"REAL": "DOUBLE PRECISION", "BLOB": "BYTEA"}}


def migrations(dialect: str = "sqlite") -> list[tuple[int, str, str]]:
    """(version, name, sql) for every migration on this backend, in version order."""
    folder = resources.files("newstrace.store") / "migrations"
    chosen: dict[int, tuple[str, str]] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        m = _FILE.match(entry.name)
        if not m or m.group(3) not in (None, dialect):
            continue
        version = int(m.group(1))
        if m.group(3) is None and version in chosen:
            continue  # the dialect's own variant was already taken
        chosen[version] = (entry.name, entry.read_text("utf-8"))
    return [(v, name, _translate(sql, dialect)) for v, (name, sql) in sorted(chosen.items())]


def _translate(sql: str, dialect: str) -> str:
    for word, replacement in _TYPES.get(dialect, {}).items():
        sql = re.sub(rf"\b{word}\b", replacement, sql)
    return sql


def latest_version() -> int:
    return max(v for v, _, _ in migrations())


def applied_versions(conn: Connection) -> set[int]:
    if not inspect(conn).has_table("schema_version"):
        return set()
    return {int(v) for (v,) in conn.execute(text("SELECT version FROM schema_version"))}


def current_version(conn: Connection) -> int:
    return max(applied_versions(conn), default=0)


def _statements(sql: str) -> list[str]:
    no_comments = "\n".join(line for line in sql.splitlines() if not line.strip().startswith("--"))
    return [s.strip() for s in no_comments.split(";") if s.strip()]


def migrate(conn: Connection) -> int:
    """Bring the schema up to date inside the caller's transaction; return the version."""
    todo = migrations(conn.dialect.name)
    known = max(v for v, _, _ in todo)
    applied = applied_versions(conn)
    if applied and max(applied) > known:
        raise NewstraceError(Errors.E011, found=max(applied), known=known)
    if all(v in applied for v, _, _ in todo):
        return max(applied)
    take_write_lock(conn)  # then look again: another process may have migrated meanwhile
    conn.execute(text("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"))
    applied = applied_versions(conn)
    for number, _name, sql in todo:
        if number in applied:
            continue
        for stmt in _statements(sql):
            conn.execute(text(stmt))
        conn.execute(text("INSERT INTO schema_version (version) VALUES (:v)"), {"v": number})
        applied.add(number)
    return max(applied)
