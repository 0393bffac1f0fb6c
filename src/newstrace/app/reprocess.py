"""Run the current pipeline again over every stored document, as a stream.

For an upgraded newstrace: ingest skips known content, so new extractors reach
old documents only this way. The stored input text is the input, so document
and item IDs stay the same. The stored inputs are read a page at a time
(``Store.stored_inputs``); each document is replaced in its own transaction, and
a document that now fails is kept as it was and reported.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from newstrace.errors import Errors
from newstrace.records import RawDocument, Rejected
from newstrace.store.rows import IngestReport, Rejection

if TYPE_CHECKING:
    from newstrace.clean.boilerplate import Boilerplate
    from newstrace.store.database import Store

Progress = Callable[[int, int], None]


def _furniture(store: Store) -> Boilerplate:
    """The stored furniture counts of every outlet, updated with the stored inputs (one pass)."""
    from newstrace.clean.boilerplate import Boilerplate, outlet_key

    model = Boilerplate()
    loaded: set[str] = set()
    fresh: list[tuple[str, str, str]] = []
    for raw in store.stored_inputs():
        group = outlet_key(raw)
        if group not in loaded:
            loaded.add(group)
            model.add(store.boilerplate_rows(group))
        fresh.extend(model.observe(raw))
    store.add_boilerplate_rows(fresh)
    return model


def reprocess(
    store: Store,
    *,
    model: str | None = None,
    batch_size: int = 24,
    n_process: int | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Replace what the pipeline derived from every stored document; return what happened."""
    from newstrace import pipeline
    from newstrace.app.linking import link_pending

    report = IngestReport()
    boilerplate = _furniture(store)
    total = store.count_documents()
    flight: deque[tuple[str, str]] = deque()

    def inputs() -> Iterator[RawDocument]:
        for raw in store.stored_inputs():
            flight.append((raw.name, raw.source_path or ""))
            yield raw

    if progress:
        progress(0, total)
    results = pipeline.run(inputs(), model=model, batch_size=batch_size, n_process=n_process,
                           boilerplate=boilerplate)
    for done, result in enumerate(results, start=1):
        name, path = flight.popleft()
        if isinstance(result, Rejected):
            report.rejected.append(Rejection(name, path, result.code, f"kept as stored: {result.reason}"))
        else:
            try:
                store.replace(result)
                report.added.append(name)
            except Exception as exc:
                report.rejected.append(Rejection(name, path, "E010", Errors.E010.format_msg(detail=exc)))
        if progress:
            progress(done, total)
    link_pending(store)
    return report
