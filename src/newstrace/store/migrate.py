"""Versioned schema migrations: numbered SQL files applied in order, once each.

Hand-written because the schema is small and plain SQL files stay readable for
PostgreSQL later; the applied version lives in ``schema_version``.
"""

from __future__ import annotations

import re
from importlib import resources

from sqlalchemy import Connection, text

from newstrace.errors import Errors, NewstraceError


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) for every migration file, in version order."""
    folder = resources.files("newstrace.store") / "migrations"
    out = []
    for entry in folder.iterdir():
        m = re.match(r"(\d+)_.*\.sql$", entry.name)
        if m:
            out.append((int(m.group(1)), entry.name, entry.read_text("utf-8")))
    return sorted(out)


def latest_version() -> int:
    return max(v for v, _, _ in migrations())


def current_version(conn: Connection) -> int:
    conn.execute(text("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"))
    row = conn.execute(text("SELECT MAX(version) FROM schema_version")).scalar()
    return int(row or 0)


def _statements(sql: str) -> list[str]:
    no_comments = "\n".join(line for line in sql.splitlines() if not line.strip().startswith("--"))
    return [s.strip() for s in no_comments.split(";") if s.strip()]


def migrate(conn: Connection) -> int:
    """Bring the schema up to date inside the caller's transaction; return the version."""
    version = current_version(conn)
    known = latest_version()
    if version > known:
        raise NewstraceError(Errors.E011, found=version, known=known)
    for number, _name, sql in migrations():
        if number <= version:
            continue
        for stmt in _statements(sql):
            conn.execute(text(stmt))
        conn.execute(text("INSERT INTO schema_version (version) VALUES (:v)"), {"v": number})
        version = number
    return version
