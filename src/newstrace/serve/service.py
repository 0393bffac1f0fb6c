"""What the API and the UI read: the store's lists, computed once per store state.

A served store is read far more often than it is written, and a timeline or the
claim list costs hundreds of milliseconds to assemble; each list is therefore
kept per filter set and dropped whenever the store changes (``POST /documents``
bumps the generation). Filters that only narrow a list (dates, outlet, source
kind, status) are applied to the kept list, so they cost no query.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from newstrace.app.workspace import Workspace
    from newstrace.store.catalog import NameCount
    from newstrace.store.claim_rows import ClaimRow
    from newstrace.store.rows import AttributionRow, DocumentRow, SignalRow
    from newstrace.timeline.build import TimelineEntry
    from newstrace.timeline.shifts import PositionTimeline

T = TypeVar("T")


class Service:
    """One open store and the lists computed from it."""

    def __init__(self, db: str | Path) -> None:
        import newstrace
        from newstrace.store.search import ensure_index

        self.store: Workspace = newstrace.open(db)
        self.path = db
        self.generation = 0
        self._memo: dict[tuple[Hashable, ...], Any] = {}
        self._lock = threading.Lock()
        ensure_index(self.store)

    def changed(self) -> None:
        """The store was written: forget every kept list, refresh the search index."""
        from newstrace.store.search import ensure_index

        with self._lock:
            self.generation += 1
            self._memo.clear()
        ensure_index(self.store)

    def _kept(self, key: tuple[Hashable, ...], make: Callable[[], T]) -> T:
        with self._lock:
            if key in self._memo:
                return self._memo[key]  # type: ignore[no-any-return]
        value = make()
        with self._lock:
            self._memo[key] = value
        return value

    def documents(self) -> list[DocumentRow]:
        return self._kept(("documents",), lambda: list(self.store.documents()))

    def document_index(self) -> dict[str, DocumentRow]:
        return self._kept(("document_index",), lambda: {d.id: d for d in self.documents()})

    def signals(self, actor: str | None, type: str | None, topic: str | None) -> list[SignalRow]:
        return self._kept(("signals", actor, type, topic),
                          lambda: list(self.store.signals(actor=actor, type=type, topic=topic)))

    def attributions(self, speaker: str | None) -> list[AttributionRow]:
        return self._kept(("attributions", speaker), lambda: list(self.store.attributions(speaker=speaker)))

    def claims(self) -> list[ClaimRow]:
        return self._kept(("claims",), lambda: list(self.store.claims()))

    def claim_count(self) -> int:
        """How many claims, without loading them (the claim reader imports the linking code)."""
        from sqlalchemy import text

        def count() -> int:
            with self.store.engine.connect() as conn:
                return int(conn.execute(text("SELECT COUNT(*) FROM claims")).scalar() or 0)

        return self._kept(("claim_count",), count)

    def claim_index(self) -> dict[str, ClaimRow]:
        return self._kept(("claim_index",), lambda: {c.id: c for c in self.claims()})

    def timeline(self, actor: str, topic: str | None) -> list[TimelineEntry]:
        return self._kept(("timeline", actor, topic), lambda: list(self.store.timeline(actor, topic=topic)))

    def shifts(self, actor: str, topic: str | None) -> list[PositionTimeline]:
        from newstrace.timeline.shifts import actor_shifts

        return self._kept(("shifts", actor, topic),
                          lambda: list(actor_shifts(self.store, actor=actor, topic=topic)))

    def actors(self) -> list[NameCount]:
        from newstrace.store.catalog import actor_counts

        return self._kept(("actors",), lambda: list(actor_counts(self.store)))

    def outlets(self) -> list[str]:
        from newstrace.store.catalog import outlet_names

        return self._kept(("outlets",), lambda: outlet_names(self.store))

    def close(self) -> None:
        self.store.close()
