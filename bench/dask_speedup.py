"""Dask speed-up: the per-document stages on 2 workers against 1 worker, side by side in one run.

Reads the 447 articles of ../shared/corpus/ukraine-2022-2024 (``--corpus`` names
another folder; the bundled samples when neither exists), learns the boilerplate
once, then runs clean → date → nlp → extract through ``DaskRunner`` on a
LocalCluster of 1 worker process and of 2 (``threads_per_worker=1``), each warmed
first (cluster start and model load are not timed), and prints docs/s for each,
their ratio, and whether both gave the same records (IDs). With ``--baseline`` it
also times the plain in-process ``pipeline.run`` (no Dask), to show Dask's
overhead. Goal: 2 workers ≥ 1.7× one worker, which needs two free cores; on a
machine whose cores are shared with other work the ratio says so.

    .venv/bin/python bench/dask_speedup.py [--limit N] [--batch-size B] [--baseline] [--workers 1,2]
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path
from typing import Any

from newstrace.clean.boilerplate import Boilerplate
from newstrace.ingest import read_paths
from newstrace.records import ExtractedDocument, RawDocument, Rejected

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "corpus" / "ukraine-2022-2024"
SAMPLES = ROOT / "samples" / "corpus"


def _ids(results: list[ExtractedDocument | Rejected]) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = []
    for r in results:
        if isinstance(r, Rejected):
            out.append(("rejected", r.name, r.code))
        else:
            items = (*(a.id for a in r.attributions), *(s.id for s in r.signals))
            out.append((r.dated.clean.raw.doc_id, *items))
    return out


def _on_cluster(n: int, items: list[RawDocument | Rejected], bp: Boilerplate, batch: int) -> dict[str, Any]:
    from newstrace.distributed import dask_runner

    with dask_runner(f"local:{n}") as runner:
        list(runner(items[: batch * n], batch_size=batch, boilerplate=bp))  # warm every worker
        start = time.perf_counter()
        results = list(runner(items, batch_size=batch, boilerplate=bp))
        spent = time.perf_counter() - start
    return {"seconds": spent, "docs_per_s": len(items) / spent, "ids": _ids(results)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=None)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--batch-size", type=int, default=8)
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--baseline", action="store_true")
    args = ap.parse_args()
    corpus = args.corpus or (REAL if REAL.is_dir() else SAMPLES)
    items = list(read_paths([str(corpus)]))
    if args.limit:
        items = items[: args.limit]
    bp = Boilerplate.learn(i for i in items if isinstance(i, RawDocument))
    print(f"corpus {corpus} ({len(items)} inputs), batch size {args.batch_size}, "
          f"{os.cpu_count()} CPUs visible, load average {os.getloadavg()[0]:.2f}")
    runs: dict[int, dict[str, Any]] = {}
    for n in (int(w) for w in args.workers.split(",")):
        runs[n] = _on_cluster(n, items, bp, args.batch_size)
        print(f"{n} worker(s): {runs[n]['seconds']:.1f} s, {runs[n]['docs_per_s']:.2f} docs/s")
    if args.baseline:
        from newstrace import pipeline
        from newstrace.nlp import load_model

        load_model(None)
        start = time.perf_counter()
        base = list(pipeline.run(items, batch_size=args.batch_size, boilerplate=bp))
        spent = time.perf_counter() - start
        print(f"in process, no Dask: {spent:.1f} s, {len(items) / spent:.2f} docs/s")
        same = all(r["ids"] == _ids(base) for r in runs.values())
        print(f"same records as in process: {same}")
    if 1 in runs and 2 in runs:
        ratio = runs[1]["seconds"] / runs[2]["seconds"]
        print(f"speed-up 2 workers / 1 worker: {ratio:.2f}x (goal >= 1.7x); "
              f"same records: {runs[1]['ids'] == runs[2]['ids']}")


if __name__ == "__main__":
    main()
