"""``Workspace``: a store plus the application services that fill and link it.

``newstrace.open`` returns one. The store (``store/database.py``) only persists
and queries; reading, processing, linking and timelines are here so that the
store imports none of those stages and they may all import the store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from newstrace.store.database import Store
from newstrace.store.rows import IngestReport, Rows

if TYPE_CHECKING:
    from newstrace.app.ingest import Runner
    from newstrace.ingest.fetch import Fetcher, FetchPolicy
    from newstrace.timeline.build import TimelineEntry

Progress = Callable[[int, int], None]


class Workspace(Store):
    """A newstrace database with ingest, reprocess, linking and timelines (the Python API)."""

    def ingest(
        self,
        paths: Iterable[str | Path],
        *,
        model: str | None = None,
        batch_size: int = 24,
        n_process: int | None = None,
        progress: Progress | None = None,
        max_bytes: int | None = None,
        fetch: FetchPolicy | Fetcher | None = None,
        runner: Runner | None = None,
    ) -> IngestReport:
        """Read, process and store every input, then link; already-stored content is left untouched.

        ``n_process``: worker processes; ``None`` uses both cores of the machine
        once the input is longer than a few batches. URLs are fetched under ``fetch``
        (``ingest/fetch.py``); ``runner`` replaces ``pipeline.run`` (same arguments,
        results in input order), e.g. a Dask cluster's (``newstrace.distributed``).
        """
        from newstrace.app.ingest import ingest

        return ingest(self, paths, model=model, batch_size=batch_size, n_process=n_process,
                      progress=progress, max_bytes=max_bytes, fetch=fetch, runner=runner)

    def reprocess(
        self,
        *,
        model: str | None = None,
        batch_size: int = 24,
        n_process: int | None = None,
        progress: Progress | None = None,
    ) -> IngestReport:
        """Run the current pipeline again over every stored document and replace what it derived."""
        from newstrace.app.reprocess import reprocess

        return reprocess(self, model=model, batch_size=batch_size, n_process=n_process, progress=progress)

    def link(self) -> bool:
        """Finish any linking a write left pending; return whether it ran."""
        from newstrace.app.linking import link_pending

        return link_pending(self)

    def relink(self) -> None:
        """Rebuild every link (actors, copy groups, claims) from the stored documents."""
        from newstrace.app.linking import relink

        relink(self)

    def timeline(self, actor: str, *, topic: str | None = None, since: str | None = None,
                 until: str | None = None) -> Rows[TimelineEntry]:
        from newstrace.timeline import build_timeline

        return build_timeline(self, actor=actor, topic=topic, since=since, until=until)
