"""The ingest service: read → pipeline → write → link, as a stream.

Two passes over the inputs, neither holding their texts: the first decides which
inputs are new (not stored, first of their text in this run) and learns the
outlets' furniture from them (``clean/boilerplate.py`` keeps counts, not texts);
the second reads them again and streams them through the pipeline (in worker
processes when asked), writing each result as it arrives. Only document IDs and
the metadata of same-text duplicates are kept across the run. Linking runs once
at the end over what was written (``app/linking.py``); every written document
is marked pending in its own transaction, so a run killed before linking is
finished by the next write command.
"""

from __future__ import annotations

import dataclasses
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from newstrace.errors import Errors
from newstrace.records import ExtractedDocument, RawDocument, Rejected
from newstrace.store.rows import IngestReport, Rejection

if TYPE_CHECKING:
    from newstrace.clean.boilerplate import Boilerplate
    from newstrace.ingest.fetch import Fetcher, FetchPolicy
    from newstrace.store.database import Store

Progress = Callable[[int, int], None]
Runner = Callable[..., Iterable[ExtractedDocument | Rejected]]
Reader = Callable[[], Iterator[RawDocument | Rejected]]

_KNOWN_CHUNK = 500


@dataclasses.dataclass
class _Plan:
    """What the first pass decided: the new documents' IDs and the run's furniture model."""

    new: set[str]
    total: int
    boilerplate: Boilerplate


def _read(paths: list[str | Path], max_bytes: int,
          fetch: FetchPolicy | Fetcher | None = None) -> Iterator[RawDocument | Rejected]:
    from newstrace.ingest import read_paths

    return read_paths(paths, max_bytes=max_bytes, fetch=fetch)


def _reader(paths: list[str | Path], max_bytes: int, fetch: FetchPolicy | Fetcher | None) -> Reader:
    """How to read the inputs, once per pass. Fetched pages are read once and kept for
    the second pass (a page is not fetched twice); files are read again."""
    from newstrace.ingest.web import is_url

    if any(is_url(p) for p in paths):
        kept = list(_read(paths, max_bytes, fetch))
        return lambda: iter(kept)
    return lambda: _read(paths, max_bytes, fetch)


def _chunks(items: Iterable[RawDocument | Rejected], size: int) -> Iterator[list[RawDocument | Rejected]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _plan(store: Store, read: Reader) -> _Plan:
    """First pass: which inputs are new, and the furniture counts (stored ones plus theirs)."""
    from newstrace.clean.boilerplate import Boilerplate, outlet_key

    model = Boilerplate()
    loaded: set[str] = set()
    new: set[str] = set()
    total = 0
    fresh: list[tuple[str, str, str]] = []
    for chunk in _chunks(read(), _KNOWN_CHUNK):
        known = store.known_ids([i.doc_id for i in chunk if isinstance(i, RawDocument)])
        for item in chunk:
            if not isinstance(item, RawDocument):
                total += 1
                continue
            if item.doc_id in known or item.doc_id in new:
                continue
            new.add(item.doc_id)
            total += 1
            group = outlet_key(item)
            if group not in loaded:
                loaded.add(group)
                model.add(store.boilerplate_rows(group))
            fresh.extend(model.observe(item))
    store.add_boilerplate_rows(fresh)
    return _Plan(new=new, total=total, boilerplate=model)


def _light(raw: RawDocument) -> RawDocument:
    """An input's metadata without its text (a duplicate only adds a source row)."""
    return dataclasses.replace(raw, text="")


def ingest(
    store: Store,
    paths: Iterable[str | Path],
    *,
    model: str | None = None,
    batch_size: int = 24,
    n_process: int | None = None,
    progress: Progress | None = None,
    max_bytes: int | None = None,
    link: bool = True,
    fetch: FetchPolicy | Fetcher | None = None,
    runner: Runner | None = None,
) -> IngestReport:
    """Read, process and store every input; already-stored content is left untouched.

    ``runner`` replaces ``pipeline.run`` (a Dask cluster's, ``newstrace.distributed``)."""
    from newstrace import pipeline
    from newstrace.app.linking import link_pending
    from newstrace.ingest import DEFAULT_MAX_BYTES

    limit = DEFAULT_MAX_BYTES if max_bytes is None else max_bytes
    read = _reader(list(paths), limit, fetch)
    plan = _plan(store, read)
    report = IngestReport()
    first_name: dict[str, str] = {}
    later: list[RawDocument] = []  # copies of a text first read in this run: recorded at the end
    flight: deque[RawDocument | Rejected] = deque()

    def todo() -> Iterator[RawDocument | Rejected]:
        sources: list[RawDocument] = []
        for item in read():
            if isinstance(item, RawDocument):
                if item.doc_id not in plan.new:  # stored before this run
                    report.unchanged.append(item.name)
                    sources.append(_light(item))
                    if len(sources) >= _KNOWN_CHUNK:
                        _add_sources(store, sources, report)
                        sources = []
                    continue
                if item.doc_id in first_name:  # same content twice in this run: stored once
                    report.unchanged.append(item.name)
                    report.duplicates[item.source_path or item.name] = first_name[item.doc_id]
                    later.append(_light(item))
                    continue
                first_name[item.doc_id] = item.source_path or item.name
            flight.append(_light(item) if isinstance(item, RawDocument) else item)
            yield item
        _add_sources(store, sources, report)

    if progress:
        progress(0, plan.total)
    rejected_ids: dict[str, Rejected] = {}
    run = runner or pipeline.run
    results = run(todo(), model=model, batch_size=batch_size, n_process=n_process,
                  boilerplate=plan.boilerplate)
    for done, result in enumerate(results, start=1):
        item = flight.popleft()
        result, fresh = _write(store, result)
        if isinstance(result, ExtractedDocument) and not fresh:
            # another ingest stored the same text meanwhile: this input only became its source
            report.unchanged.append(result.dated.clean.raw.name)
        elif isinstance(result, Rejected):
            report.rejected.append(
                Rejection(result.name, result.source_path or "", result.code, result.reason))
            if isinstance(item, RawDocument):
                rejected_ids[item.doc_id] = result
        else:
            report.added.append(result.dated.clean.raw.name)
        if progress:
            progress(done, plan.total)
    _record_duplicates(store, later, rejected_ids, report)
    if link:
        link_pending(store)
    return report


def _write(store: Store, result: ExtractedDocument | Rejected) -> tuple[ExtractedDocument | Rejected, bool]:
    """Persist one result (and whether it was new); a store failure turns it into a
    rejection and loses only it."""
    try:
        return result, store.add(result)
    except Exception as exc:
        name = result.name if isinstance(result, Rejected) else result.dated.clean.raw.name
        result = Rejected(name, Errors.E010.format_msg(detail=exc), "E010", None)
        store.add(result)
    return result, True


def _add_sources(store: Store, sources: list[RawDocument], report: IngestReport) -> None:
    """Inputs whose text is stored become sources of it; one whose file changed between the two
    passes (its text neither stored nor read the first time) is rejected, E060, not lost silently."""
    known = store.known_ids([s.doc_id for s in sources])
    store.add_sources(s for s in sources if s.doc_id in known)
    for s in sources:
        if s.doc_id not in known:
            rej = Rejected(s.name, Errors.E060.format_msg(), "E060", s.source_path)
            store.add(rej)
            report.unchanged.remove(s.name)
            report.rejected.append(Rejection(rej.name, rej.source_path or "", rej.code, rej.reason))


def _record_duplicates(store: Store, duplicates: list[RawDocument], rejected_ids: dict[str, Rejected],
                       report: IngestReport) -> None:
    """A copy of a stored text becomes a source of it; a copy of a rejected text is rejected too."""
    sources: list[RawDocument] = []
    for dup in duplicates:
        first = rejected_ids.get(dup.doc_id)
        if first is None:
            sources.append(dup)
            continue
        rej = Rejected(dup.name, first.reason, first.code, dup.source_path)
        store.add(rej)
        report.unchanged.remove(dup.name)
        report.rejected.append(Rejection(rej.name, rej.source_path or "", rej.code, rej.reason))
    store.add_sources(sources)
