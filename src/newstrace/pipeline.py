"""Run the stages in order: clean → date → nlp → extract.

Failures are per document: a document that breaks a stage becomes a
``Rejected`` record with the reason, and the batch goes on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from newstrace.clean import clean_document
from newstrace.date import date_document
from newstrace.errors import Errors
from newstrace.extract import extract_document
from newstrace.nlp import DEFAULT_BATCH_SIZE, parse
from newstrace.records import DatedDocument, ExtractedDocument, RawDocument, Rejected


def prepare(raw: RawDocument) -> DatedDocument | Rejected:
    """clean and date one document, turning any failure into a reason."""
    try:
        clean = clean_document(raw)
        if not clean.text.strip():
            return Rejected(raw.name, Errors.E009.format_msg(), "E009", raw.source_path)
        return date_document(clean)
    except Exception as exc:  # a bad article must never abort the batch
        return Rejected(
            raw.name, Errors.E010.format_msg(detail=f"{type(exc).__name__}: {exc}"), "E010",
            raw.source_path,
        )


def _empty(dated: DatedDocument) -> ExtractedDocument:
    return ExtractedDocument(dated=dated, attributions=(), signals=())


def run(
    items: Iterable[RawDocument | Rejected],
    *,
    model: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    n_process: int = 1,
) -> Iterator[ExtractedDocument | Rejected]:
    """Process documents in batches, yielding results in input order."""
    batch: list[RawDocument | Rejected] = []
    for item in items:
        batch.append(item)
        if len(batch) >= batch_size:
            yield from _run_batch(batch, model=model, batch_size=batch_size, n_process=n_process)
            batch = []
    if batch:
        yield from _run_batch(batch, model=model, batch_size=batch_size, n_process=n_process)


def _run_batch(
    batch: list[RawDocument | Rejected], *, model: str | None, batch_size: int, n_process: int
) -> Iterator[ExtractedDocument | Rejected]:
    prepared: list[DatedDocument | Rejected] = [
        item if isinstance(item, Rejected) else prepare(item) for item in batch
    ]
    english = [p for p in prepared if isinstance(p, DatedDocument) and p.clean.language == "en"]
    parsed = {id(p.dated): p for p in parse(english, model=model, batch_size=batch_size, n_process=n_process)}
    for item in prepared:
        if isinstance(item, Rejected):
            yield item
        elif id(item) in parsed:
            try:
                yield extract_document(parsed[id(item)])
            except Exception as exc:  # keep the batch going; the reason is recorded
                raw = item.clean.raw
                yield Rejected(
                    raw.name, Errors.E010.format_msg(detail=f"{type(exc).__name__}: {exc}"), "E010",
                    raw.source_path,
                )
        else:
            yield _empty(item)
