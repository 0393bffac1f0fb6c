"""Run the per-document stages (clean → date → nlp → extract) in worker processes started once.

spaCy's own ``nlp.pipe(n_process=…)`` parses in workers but leaves cleaning, dating and
extraction to the parent, and starting it per batch forks new workers every batch
(issue 15 measured 1.6× slower on 2 processes). Here a ``ProcessPoolExecutor``
is started once for the whole stream; each worker loads the model once and runs a
chunk of documents through every stage (``pipeline.run_batch``), and the parent only
reads and writes. At most ``2 × workers`` chunks are in flight, so memory stays
bounded however long the stream is; results come back in input order.

Written by hand because no library offers an ordered, bounded, restartable map:
``Executor.map`` and ``Pool.imap`` both read their whole input first.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice
from typing import TYPE_CHECKING

from newstrace.records import ExtractedDocument, RawDocument, Rejected

if TYPE_CHECKING:
    from newstrace.clean.boilerplate import Boilerplate

Item = RawDocument | Rejected
Result = ExtractedDocument | Rejected

AUTO_AFTER = 64
"""With ``n_process=None`` a stream shorter than this runs in the parent (no pool to start)."""

_STATE: dict[str, object] = {}


def default_processes() -> int:
    """Both cores of a 2-core machine, at most 2 (more workers hold more models in memory)."""
    return max(1, min(2, os.cpu_count() or 1))


def _init(model: str | None, batch_size: int, boilerplate: Boilerplate) -> None:
    from newstrace.nlp import load_model

    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    _STATE.update(model=model, batch_size=batch_size, boilerplate=boilerplate)
    load_model(model)  # once per worker (inherited already loaded when the parent had it)


def _work(chunk: list[Item]) -> list[Result]:
    from newstrace.pipeline import run_batch

    model = _STATE["model"]
    batch_size = _STATE["batch_size"]
    assert model is None or isinstance(model, str)
    assert isinstance(batch_size, int)
    return list(run_batch(chunk, model=model, batch_size=batch_size,
                          boilerplate=_STATE["boilerplate"]))  # type: ignore[arg-type]


def _context() -> multiprocessing.context.BaseContext:
    # fork shares the parent's loaded model copy-on-write; macOS and Windows spawn
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)


def run_parallel(
    items: Iterable[Item],
    *,
    model: str | None,
    batch_size: int,
    n_process: int | None,
    boilerplate: Boilerplate,
) -> Iterator[Result]:
    """Results of ``items`` in input order, computed by ``n_process`` workers (None: auto)."""
    from newstrace.pipeline import run_serial

    it = iter(items)
    if n_process is None:
        head = list(islice(it, AUTO_AFTER))
        if len(head) < AUTO_AFTER or default_processes() == 1:
            yield from run_serial(chain(head, it), model=model, batch_size=batch_size,
                                  boilerplate=boilerplate)
            return
        n_process = default_processes()
        it = chain(head, it)
    if n_process <= 1:
        yield from run_serial(it, model=model, batch_size=batch_size, boilerplate=boilerplate)
        return
    yield from _pooled(it, model=model, batch_size=batch_size, n_process=n_process, boilerplate=boilerplate)


def _pooled(it: Iterator[Item], *, model: str | None, batch_size: int, n_process: int,
            boilerplate: Boilerplate) -> Iterator[Result]:
    from newstrace.nlp import load_model
    from newstrace.pipeline import run_batch

    load_model(model)  # load before forking, so the workers inherit it instead of loading it
    chunk_size = max(1, batch_size)

    def start() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(n_process, mp_context=_context(), initializer=_init,
                                   initargs=(model, batch_size, boilerplate))

    pool = start()
    flight: deque[tuple[list[Item], Future[list[Result]]]] = deque()

    def submit() -> bool:
        chunk = list(islice(it, chunk_size))
        if chunk:
            flight.append((chunk, pool.submit(_work, chunk)))
        return bool(chunk)

    try:
        for _ in range(2 * n_process):
            if not submit():
                break
        while flight:
            chunk, future = flight.popleft()
            try:
                results = future.result()
            except BrokenProcessPool:  # a worker died (killed, out of memory): redo its chunks here
                lost = [chunk] + [c for c, _ in flight]
                flight.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                for c in lost:
                    yield from run_batch(c, model=model, batch_size=batch_size, boilerplate=boilerplate)
                pool = start()
                for _ in range(2 * n_process):
                    if not submit():
                        break
                continue
            except Exception:
                results = list(run_batch(chunk, model=model, batch_size=batch_size, boilerplate=boilerplate))
            submit()
            yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
