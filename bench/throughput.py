"""Throughput: end-to-end ``newstrace ingest`` against the bare spaCy parse, side by side in one run.

Both on the same number of processes (default 2): (1) bare ``nlp.pipe(n_process=P)`` over
the cleaned texts (spaCy's own components, no attribution tagger), and (2) the whole
ingest into a fresh store — read, clean, date, parse, extract, write and link — the way
``newstrace ingest --processes P`` runs it. Prints documents/second for both, the ratio
bare time / ingest time (goal ≥ 0.8: ingest costs at most 1.25× the bare parse) and
where the ingest's time went (pipeline and writes, link stage).
Uses ../shared/corpus/ukraine-2022-2024 when present, else the bundled samples.

    .venv/bin/python bench/throughput.py [--processes 2] [--batch-size 24] [--limit N]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import newstrace
from newstrace import pipeline
from newstrace.app.ingest import ingest
from newstrace.ingest import read_paths
from newstrace.nlp import load_model
from newstrace.records import DatedDocument, RawDocument

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "corpus" / "ukraine-2022-2024"
SAMPLES = ROOT / "samples" / "corpus"


def _inputs(corpus: Path, limit: int | None, folder: Path) -> Path:
    """The first ``limit`` input files, copied into one folder (the corpus itself when no limit)."""
    if limit is None:
        return corpus
    folder.mkdir(parents=True, exist_ok=True)
    files = sorted(p for p in corpus.iterdir() if p.is_file() and p.suffix in {".txt", ".html", ".htm"})
    for f in files[:limit]:
        shutil.copy(f, folder / f.name)
    return folder


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=24)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--corpus", type=Path, default=REAL if REAL.is_dir() else SAMPLES)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="newstrace-throughput-") as tmp:
        corpus = _inputs(args.corpus, args.limit, Path(tmp) / "in")
        raws = [d for d in read_paths([corpus]) if isinstance(d, RawDocument)]
        model = pipeline.learn_boilerplate(raws)
        prepared = (pipeline.prepare(r, boilerplate=model) for r in raws)
        dated = [p for p in prepared if isinstance(p, DatedDocument)]
        texts = [d.clean.text for d in dated]
        print(f"corpus: {args.corpus} — {len(raws)} documents, {len(texts)} with body, "
              f"{sum(map(len, texts)):,} chars; processes {args.processes}, batch {args.batch_size}")
        bare_nlp = load_model(tagger=False)
        load_model()  # the ingest's model, loaded before timing as the bare one is

        t0 = time.perf_counter()
        for _doc in bare_nlp.pipe(texts, batch_size=args.batch_size, n_process=args.processes):
            pass
        bare = time.perf_counter() - t0

        store = newstrace.open(Path(tmp) / "bench.db")
        t0 = time.perf_counter()
        report = ingest(store, [corpus], batch_size=args.batch_size, n_process=args.processes, link=False)
        written = time.perf_counter() - t0
        t0 = time.perf_counter()
        store.link()
        linked = time.perf_counter() - t0
        store.close()

    whole = written + linked
    n = len(texts)
    print(f"bare nlp.pipe ({args.processes} proc)  : {n / bare:8.2f} docs/s  ({bare:.1f} s)")
    print(f"newstrace ingest ({args.processes} proc): {n / whole:8.2f} docs/s  ({whole:.1f} s; "
          f"read+pipeline+write {written:.1f} s, link {linked:.1f} s; added {len(report.added)})")
    print(f"ratio bare / ingest          : {bare / whole:8.2f}   (goal ≥ 0.8)")
    print(f"ratio bare / ingest w/o link : {bare / written:8.2f}")


if __name__ == "__main__":
    main()
