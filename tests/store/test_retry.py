"""Retrying a write that met another writer: only contention is retried, and not forever."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy.exc import OperationalError

from newstrace.errors import NewstraceError
from newstrace.store.retry import is_contention, retrying


class _PgError(Exception):
    def __init__(self, sqlstate: str) -> None:
        super().__init__("pg")
        self.sqlstate = sqlstate


def _locked() -> OperationalError:
    return OperationalError("INSERT …", {}, sqlite3.OperationalError("database is locked"))


def test_contention_is_recognised_on_both_backends() -> None:
    assert is_contention(_locked())
    assert is_contention(OperationalError("x", {}, _PgError("40P01")))  # deadlock detected
    assert is_contention(OperationalError("x", {}, _PgError("40001")))  # serialization failure
    assert not is_contention(OperationalError("x", {}, _PgError("23505")))  # unique violation
    assert not is_contention(OperationalError("x", {}, sqlite3.OperationalError("no such table: x")))
    assert not is_contention(ValueError("database is locked"))


def test_a_write_is_retried_until_it_gets_through() -> None:
    calls = []

    def work() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise _locked()
        return "written"

    assert retrying(work, where="s.db", first_wait=0.001) == "written"
    assert len(calls) == 3


def test_endless_contention_is_e072_and_other_errors_are_not_retried() -> None:
    calls = []

    def busy() -> None:
        calls.append(1)
        raise _locked()

    with pytest.raises(NewstraceError, match=r"E072.*s\.db.*3 tries.*database is locked"):
        retrying(busy, where="s.db", tries=3, first_wait=0.001)
    assert len(calls) == 3

    def broken() -> None:
        calls.append(1)
        raise OperationalError("x", {}, sqlite3.OperationalError("no such table: documents"))

    calls.clear()
    with pytest.raises(OperationalError):
        retrying(broken, where="s.db", first_wait=0.001)
    assert len(calls) == 1
