"""The per-document stages on Dask workers, with the spaCy model loaded once per worker.

The client learns the boilerplate model from the whole batch (as a single
process would), sends it to every worker once, and submits the documents in
chunks of ``batch_size``; each worker runs ``pipeline.run`` on a chunk with that
model, so a document gives the same record, and the same IDs, as in one
process. Results come back in input order with a bounded number of chunks in
flight, so the client's memory does not grow with the corpus. A worker plugin
sets the client's knowledge folders and ``NEWSTRACE_*`` settings on each
worker and loads the spaCy pipeline at worker start, not per chunk.
"""

from __future__ import annotations

import os
import re
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from distributed import Client, Future, LocalCluster, WorkerPlugin

from newstrace.errors import Errors, NewstraceError
from newstrace.records import ExtractedDocument, RawDocument, Rejected

if TYPE_CHECKING:
    from newstrace.clean.boilerplate import Boilerplate

_LOCAL = re.compile(r"^local:(\d+)$")


class ModelPlugin(WorkerPlugin):
    """Gives each worker the client's settings and loads the spaCy model once, at worker start."""

    name = "newstrace-model"

    def __init__(self, model: str | None = None) -> None:
        from newstrace.knowledge.packs import active

        self.model = model
        self.knowledge = active()
        self.env = {k: v for k, v in os.environ.items() if k.startswith("NEWSTRACE_")}

    def setup(self, worker: Any) -> None:
        from newstrace.knowledge import configure
        from newstrace.nlp import load_model

        os.environ.update(self.env)
        configure(dirs=self.knowledge.dirs, packs=self.knowledge.packs)
        load_model(self.model)


def process_chunk(chunk: list[RawDocument | Rejected], model: str | None, batch_size: int,
                  boilerplate: Boilerplate) -> list[ExtractedDocument | Rejected]:
    """Run on a worker: clean → date → nlp → extract over one chunk, in order."""
    from newstrace import pipeline

    return list(pipeline.run(chunk, model=model, batch_size=batch_size, boilerplate=boilerplate))


class DaskRunner:
    """A drop-in for ``pipeline.run`` (``Store.ingest(runner=...)``) that runs on a Dask client."""

    def __init__(self, client: Client, *, in_flight: int | None = None) -> None:
        self.client = client
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        self.in_flight = in_flight or 2 * workers

    def __call__(self, items: Iterable[RawDocument | Rejected], *, model: str | None = None,
                 batch_size: int = 24, n_process: int = 1, boilerplate: Boilerplate | None = None,
                 ) -> Iterator[ExtractedDocument | Rejected]:
        from newstrace.clean.boilerplate import Boilerplate

        todo = list(items)
        if boilerplate is None:
            boilerplate = Boilerplate.learn(i for i in todo if isinstance(i, RawDocument))
        if not todo:
            return
        # a fresh key per call: re-scattering an equal object under its content hash can trip the scheduler
        shared = self.client.scatter(boilerplate, broadcast=True, hash=False)
        size = max(1, batch_size)
        chunks = [todo[i:i + size] for i in range(0, len(todo), size)]
        pending: deque[Future[list[ExtractedDocument | Rejected]]] = deque()
        for n, chunk in enumerate(chunks):
            pending.append(self.client.submit(process_chunk, chunk, model, size, shared, pure=False,
                                              key=f"newstrace-chunk-{n}-{id(chunk)}"))
            if len(pending) >= self.in_flight:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def open_client(spec: str) -> tuple[Client, LocalCluster | None]:
    """``local:N`` starts N single-threaded worker processes here; ``tcp://host:port`` joins a scheduler."""
    local = _LOCAL.match(spec.strip())
    if local:
        n = int(local.group(1))
        if n < 1:
            raise NewstraceError(Errors.E080, url=spec, detail="local:N needs at least one worker")
        cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None)
        return Client(cluster), cluster
    if not re.match(r"^(tcp|tls|ucx|inproc)://", spec.strip()):
        raise NewstraceError(Errors.E080, url=spec, detail="expected local:N or tcp://host:port")
    try:
        return Client(spec.strip(), timeout=30), None
    except OSError as exc:
        raise NewstraceError(Errors.E080, url=spec, detail=f"no Dask scheduler answered ({exc})") from None


@contextmanager
def dask_runner(spec: str, *, model: str | None = None) -> Iterator[DaskRunner]:
    """A runner on the cluster ``spec`` names, with the model plugin registered; closed on exit."""
    client, cluster = open_client(spec)
    try:
        client.register_plugin(ModelPlugin(model))
        yield DaskRunner(client)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
