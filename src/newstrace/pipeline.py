"""Run the stages in order: clean → date → nlp → extract.

Failures are per document and lose as little as possible: a document that
cannot be read or cleaned becomes a ``Rejected`` record with the reason; one
whose dating fails is kept undated, and one whose parse or extraction fails is
kept without attributions and signals, each with ``problem`` saying why. The
batch always goes on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from newstrace.clean import clean_document
from newstrace.clean.boilerplate import Boilerplate
from newstrace.date import date_document
from newstrace.errors import Errors
from newstrace.extract import extract_document
from newstrace.nlp import DEFAULT_BATCH_SIZE, ParsedDocument, load_model, parse, parse_one
from newstrace.records import UNDATED, DatedDocument, ExtractedDocument, RawDocument, Rejected


def prepare(raw: RawDocument, *, boilerplate: Boilerplate | None = None) -> DatedDocument | Rejected:
    """clean and date one document, turning any failure into a reason."""
    try:
        clean = clean_document(raw, boilerplate=boilerplate)
    except Exception as exc:  # a bad article must never abort the batch
        return Rejected(
            raw.name, Errors.E010.format_msg(detail=f"{type(exc).__name__}: {exc}"), "E010",
            raw.source_path,
        )
    if not clean.text.strip():
        return Rejected(raw.name, Errors.E009.format_msg(), "E009", raw.source_path)
    try:
        return date_document(clean)
    except Exception as exc:  # keep the document, undated, and say why
        failed = replace(UNDATED, method=f"failed: {type(exc).__name__}: {exc}"[:200])
        return DatedDocument(clean=clean, published=failed, times=())


def _empty(dated: DatedDocument) -> ExtractedDocument:
    return ExtractedDocument(dated=dated, attributions=(), signals=())


def run(
    items: Iterable[RawDocument | Rejected],
    *,
    model: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    n_process: int | None = 1,
    boilerplate: Boilerplate | None = None,
) -> Iterator[ExtractedDocument | Rejected]:
    """Process documents as a stream, yielding results in input order.

    At most a few batches are held at a time. ``n_process`` above 1 runs the
    stages in a pool of worker processes started once for the whole stream
    (``newstrace.parallel``); ``None`` picks the machine's cores (at most 2)
    once the stream proves longer than a few batches. ``boilerplate`` is the
    learned-furniture model; by default it is learned from the inputs themselves
    (which are then read into memory first: pass a model learned by
    ``learn_boilerplate`` to stream).
    """
    if boilerplate is None:
        items = list(items)
        boilerplate = Boilerplate.learn(i for i in items if isinstance(i, RawDocument))
    if n_process != 1:
        from newstrace.parallel import run_parallel

        yield from run_parallel(items, model=model, batch_size=batch_size, n_process=n_process,
                                boilerplate=boilerplate)
        return
    yield from run_serial(items, model=model, batch_size=batch_size, boilerplate=boilerplate)


def run_serial(
    items: Iterable[RawDocument | Rejected], *, model: str | None, batch_size: int, boilerplate: Boilerplate,
) -> Iterator[ExtractedDocument | Rejected]:
    """The stages in this process, one parse batch at a time."""
    batch: list[RawDocument | Rejected] = []
    for item in items:
        batch.append(item)
        if len(batch) >= batch_size:
            yield from run_batch(batch, model=model, batch_size=batch_size, boilerplate=boilerplate)
            batch = []
    if batch:
        yield from run_batch(batch, model=model, batch_size=batch_size, boilerplate=boilerplate)


def learn_boilerplate(items: Iterable[RawDocument | Rejected]) -> Boilerplate:
    """Learn the furniture model in one streaming pass, keeping counts but no texts."""
    return Boilerplate.learn(i for i in items if isinstance(i, RawDocument))


def _parse_all(
    docs: list[DatedDocument], *, model: str | None, batch_size: int
) -> dict[int, ParsedDocument | Exception]:
    """Parse in one batch; if the batch fails, parse one by one so only the bad document is lost."""
    try:
        return {id(p.dated): p for p in parse(docs, model=model, batch_size=batch_size)}
    except Exception:  # fall back to isolate the document that breaks the parser
        out: dict[int, ParsedDocument | Exception] = {}
        for d in docs:
            try:
                out[id(d)] = parse_one(d, model=model)
            except Exception as exc:
                out[id(d)] = exc
        return out


def run_batch(
    batch: list[RawDocument | Rejected], *, model: str | None, batch_size: int, boilerplate: Boilerplate,
) -> Iterator[ExtractedDocument | Rejected]:
    """One batch through every stage in this process (a worker of the pool runs the same)."""
    limit = int(load_model(model).max_length)
    prepared: list[DatedDocument | Rejected] = []
    for entry in batch:
        ready = entry if isinstance(entry, Rejected) else prepare(entry, boilerplate=boilerplate)
        if isinstance(ready, DatedDocument) and len(ready.clean.text) > limit:
            raw = ready.clean.raw
            ready = Rejected(raw.name, Errors.E017.format_msg(size=len(ready.clean.text), limit=limit),
                             "E017", raw.source_path)
        prepared.append(ready)
    english = [p for p in prepared if isinstance(p, DatedDocument) and p.clean.language == "en"]
    parsed = _parse_all(english, model=model, batch_size=batch_size)
    for doc in prepared:
        if isinstance(doc, Rejected):
            yield doc
            continue
        result = parsed.get(id(doc))
        if result is None:  # not English: stored and flagged, not extracted
            yield _empty(doc)
            continue
        try:
            if isinstance(result, Exception):
                raise result
            yield extract_document(result)
        except Exception as exc:  # keep the document without extractions, and say why
            problem = Errors.E010.format_msg(detail=f"{type(exc).__name__}: {exc}")
            yield ExtractedDocument(dated=doc, attributions=(), signals=(), problem=problem)
