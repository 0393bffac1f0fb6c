"""Helpers for the application-layer tests: a store's whole content as comparable sets."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

import pytest
from sqlalchemy import text

from newstrace.store.database import Store

_TABLES = {
    "documents": "SELECT id, status FROM documents",
    "sources": "SELECT doc_id, source_path, name FROM document_sources",
    "rejections": "SELECT name, code FROM rejections",
    "attributions": "SELECT id, doc_id FROM attributions",
    "signals": "SELECT id, doc_id FROM signals",
    "signal_actors": "SELECT signal_id, actor_id, role FROM signal_actors",
    "copy_members": "SELECT doc_id, group_id, original_id, kind FROM copy_members",
    "copy_links": "SELECT a, b, kind FROM copy_links",
    "claims": "SELECT id, reports, outlets_json, origins_json, status FROM claims",
    "claim_members": "SELECT signal_id, claim_id, role, origin FROM claim_members",
    "claim_answers": "SELECT claim_id, signal_id, kind FROM claim_answers",
}


def snapshot(store: Store) -> dict[str, set[tuple[Any, ...]]]:
    """IDs and counts of everything ingest and linking write (not times or paths of the run)."""
    with store.engine.connect() as conn:
        return {name: {tuple(r) for r in conn.execute(text(sql))} for name, sql in _TABLES.items()}


@pytest.fixture
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """One write time for every document: a claim's ID hashes its first-stored member, so two
    runs compared ID for ID must not differ only in which second each document was written."""
    from newstrace.store import writer

    class _Fixed(datetime):
        @classmethod
        def now(cls, tz: tzinfo | None = None) -> _Fixed:
            return cls(2026, 1, 1, tzinfo=tz)

    monkeypatch.setattr(writer, "datetime", _Fixed)
