"""One engine per store, SQLite file or PostgreSQL server, with the same write discipline.

A store is named by a path (SQLite, the default) or a ``postgresql://`` URL
(psycopg 3). Both backends get one writer at a time and readers that never wait:

* SQLite runs in WAL mode, so readers never block and are never blocked; a writer
  waits for the write lock up to the busy timeout instead of failing with
  "database is locked" (``NEWSTRACE_BUSY_TIMEOUT`` seconds, default 600: the link
  stage can hold the lock for minutes on a large store).
* PostgreSQL: every transaction takes a transaction-level advisory lock before its
  first write, waiting for it up to the same timeout (``lock_timeout``). The store
  rebuilds whole link tables (DELETE, then INSERT) and writes shared rows
  (boilerplate, sources) in input order; with a second ingest at the same time that
  would be unique-key races and deadlocks. Serialising writers, as SQLite does,
  removes both without rewriting those statements; the pipeline, not the writes,
  is where an ingest spends its time.

PostgreSQL text cannot hold NUL characters, which SQLite stores as they come. Inputs
with NUL bytes are rejected as binary (E003), but the clean stage learns boilerplate
from every input first; on PostgreSQL a NUL in a bound string becomes U+FFFD.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from newstrace.errors import Errors, NewstraceError

# a fixed key for pg_advisory_xact_lock: "newstrace store writer"
WRITE_LOCK_KEY = 0x6E657773
_WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|TRUNCATE)\b", re.IGNORECASE)
_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_PG_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")


def is_url(target: str | Path) -> bool:
    """Whether a store name is a database URL rather than a SQLite file path."""
    return isinstance(target, str) and bool(_URL.match(target))


def busy_timeout() -> float:
    """Seconds a writer waits for another writer's lock before giving up."""
    try:
        return max(0.0, float(os.environ.get("NEWSTRACE_BUSY_TIMEOUT", "600")))
    except ValueError:
        return 600.0


def display(target: str | Path) -> str:
    """The store's name as it may be printed: a URL without its password."""
    if is_url(str(target)):
        return make_url(str(target)).render_as_string(hide_password=True)
    return str(target)


def make_engine(target: str | Path) -> Engine:
    """An engine for a SQLite path or a PostgreSQL URL (E070 for any other URL)."""
    if not is_url(target):
        return _sqlite_engine(Path(target))
    url = make_url(str(target))
    if url.drivername not in _PG_SCHEMES:
        raise NewstraceError(Errors.E070, url=display(target))
    return _postgresql_engine(url.set(drivername="postgresql+psycopg"))


def _sqlite_engine(path: Path) -> Engine:
    timeout = busy_timeout()
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": timeout})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    return engine


def _postgresql_engine(url: Any) -> Engine:
    # writers wait for the advisory lock as long as SQLite's would for its write lock;
    # the pool serves the API's worker threads (the server's default allows 100 sessions).
    # No pre-ping: it doubles the round trips of every short query; a connection the
    # server dropped fails one query and the pool then reconnects.
    wait_ms = int(busy_timeout() * 1000)
    engine = create_engine(url, pool_size=5, max_overflow=20,
                           connect_args={"options": f"-c lock_timeout={wait_ms}"})

    @event.listens_for(engine, "begin")
    def _new_transaction(conn: Connection) -> None:
        conn.info["newstrace_writer"] = False

    @event.listens_for(engine, "before_cursor_execute", retval=True)
    def _one_writer(conn: Connection, cursor: Any, statement: str, parameters: Any,
                    _context: Any, executemany: bool) -> tuple[str, Any]:
        if not conn.info.get("newstrace_writer") and _WRITES.match(statement):
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK_KEY,))
            conn.info["newstrace_writer"] = True
        if executemany and isinstance(parameters, list | tuple):
            return statement, [_no_nul(p) for p in parameters]
        return statement, _no_nul(parameters)

    return engine


def _no_nul(params: Any) -> Any:
    if isinstance(params, dict):
        return {k: v.replace("\x00", "\ufffd") if isinstance(v, str) else v for k, v in params.items()}
    if isinstance(params, list | tuple):
        return type(params)(v.replace("\x00", "\ufffd") if isinstance(v, str) else v for v in params)
    return params


def take_write_lock(conn: Connection) -> None:
    """Become the one writer now, before reading what the write depends on.

    For a transaction that reads, then rewrites from what it read (migrations):
    SQLite's BEGIN IMMEDIATE, PostgreSQL's advisory lock. Safe to call twice.
    """
    if conn.dialect.name == "sqlite":
        dbapi = conn.connection.dbapi_connection
        if dbapi is not None and not dbapi.in_transaction:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
    elif not conn.info.get("newstrace_writer"):
        conn.exec_driver_sql("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK_KEY,))
        conn.info["newstrace_writer"] = True


def try_write_lock(conn: Connection) -> bool:
    """Become the one writer if nobody else is; False at once when another writer holds the
    store (for derived data, such as the search index, that can be filled later)."""
    if conn.dialect.name == "sqlite":
        dbapi = conn.connection.dbapi_connection
        if dbapi is None or dbapi.in_transaction:
            return True
        conn.exec_driver_sql("PRAGMA busy_timeout = 0")
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        except OperationalError:
            return False
        finally:
            conn.exec_driver_sql(f"PRAGMA busy_timeout = {int(busy_timeout() * 1000)}")
        return True
    if conn.info.get("newstrace_writer"):
        return True
    got = bool(conn.exec_driver_sql("SELECT pg_try_advisory_xact_lock(%s)", (WRITE_LOCK_KEY,)).scalar())
    conn.info["newstrace_writer"] = got
    return got
