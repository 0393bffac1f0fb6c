"""Run a write again when another writer was in the way.

A busy timeout (SQLite) or a lock wait (PostgreSQL) covers most contention; this
covers what they cannot: SQLite's "database is locked" when the timeout ran out,
and PostgreSQL's deadlock and serialisation failures, which abort the transaction
and ask the client to retry it. Anything else is a real failure and is raised at once.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError

from newstrace.errors import Errors, NewstraceError

T = TypeVar("T")

# PostgreSQL SQLSTATEs that mean "try the transaction again": serialization_failure,
# deadlock_detected, lock_not_available
_PG_RETRY = frozenset({"40001", "40P01", "55P03"})
_SQLITE_RETRY = ("database is locked", "database is busy", "database table is locked")


def is_contention(exc: BaseException) -> bool:
    """Whether a database error means another writer was in the way (worth retrying)."""
    if not isinstance(exc, DBAPIError):
        return False
    state = getattr(exc.orig, "sqlstate", None)
    if state in _PG_RETRY:
        return True
    message = str(exc.orig).lower()
    return any(m in message for m in _SQLITE_RETRY)


def retrying(work: Callable[[], T], *, where: str, tries: int = 6, first_wait: float = 0.05) -> T:
    """``work()``, run again (with growing, jittered waits) while it fails on contention;
    E072 when it still does after ``tries`` runs. ``where`` names the store in that error."""
    for attempt in range(1, tries + 1):
        try:
            return work()
        except DBAPIError as exc:
            if not is_contention(exc):
                raise
            if attempt == tries:
                detail = str(exc.orig).strip()
                raise NewstraceError(Errors.E072, url=where, tries=tries, detail=detail) from exc
            time.sleep(first_wait * (2 ** (attempt - 1)) * (1 + random.random()))
    raise AssertionError("unreachable")  # pragma: no cover
