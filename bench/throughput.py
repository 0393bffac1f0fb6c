"""Throughput: the whole pipeline against the bare spaCy parse, side by side in one run.

Prints documents/second for (1) bare ``nlp.pipe`` over the cleaned texts and
(2) the whole pipeline (ingest → clean → date → nlp → extract) over the same
documents, and their ratio, plus the per-stage share of the non-parse work.
Uses ../shared/corpus/ukraine-2022-2024 when present, else the bundled samples.

    .venv/bin/python bench/throughput.py [--limit N] [--repeat R] [--batch-size B]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from newstrace import pipeline
from newstrace.extract.components import attribution_component, default_attribution, signal_component
from newstrace.ingest import read_paths
from newstrace.nlp import ParsedDocument, load_model
from newstrace.records import DatedDocument, RawDocument

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "corpus" / "ukraine-2022-2024"
SAMPLES = ROOT / "samples" / "corpus"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=24)
    ap.add_argument("--corpus", type=Path, default=REAL if REAL.is_dir() else SAMPLES)
    args = ap.parse_args()

    raws = [d for d in read_paths([args.corpus]) if isinstance(d, RawDocument)][: args.limit]
    nlp = load_model(tagger=False)  # the bare parse: spaCy's own components only
    full = load_model()  # what the pipeline parses with (plus the attribution tagger when used)
    attribution, signals = attribution_component(), signal_component()
    print(f"attribution component: {default_attribution()}; spaCy pipes: {full.pipe_names}")
    prepared = [pipeline.prepare(r) for r in raws]
    dated = [p for p in prepared if isinstance(p, DatedDocument)]
    texts = [d.clean.text for d in dated]
    chars = sum(len(t) for t in texts)
    print(f"corpus: {args.corpus} — {len(raws)} documents, {len(dated)} with body, {chars:,} chars")

    bare: list[float] = []
    whole: list[float] = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=args.batch_size):
            pass
        bare.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        for _item in pipeline.run(raws, batch_size=args.batch_size):
            pass
        whole.append(time.perf_counter() - t0)

    # Stage shares on one pass: clean+date, parse, attribution, signals.
    t0 = time.perf_counter()
    prepared = [pipeline.prepare(r) for r in raws]
    t_prep = time.perf_counter() - t0
    t0 = time.perf_counter()
    docs = list(full.pipe(texts, batch_size=args.batch_size))
    t_full = time.perf_counter() - t0
    parsed = [ParsedDocument(dated=d, doc=doc) for d, doc in zip(dated, docs, strict=True)]
    t0 = time.perf_counter()
    # the attribution stage includes describing each source (count, role, proximity …)
    atts = [attribution(p) for p in parsed]
    t_att = time.perf_counter() - t0
    t0 = time.perf_counter()
    for p, a in zip(parsed, atts, strict=True):
        signals(p, a)
    t_sig = time.perf_counter() - t0

    b, w = statistics.median(bare), statistics.median(whole)
    n = len(dated)
    print(f"bare nlp.pipe     : {n / b:8.2f} docs/s  ({b:.2f} s)")
    print(f"whole pipeline    : {n / w:8.2f} docs/s  ({w:.2f} s)")
    print(f"ratio whole/bare  : {w / b:8.3f}x time   (throughput {b / w:.3f} of bare parse)")
    print(f"clean+date        : {t_prep / b:8.3f} of parse time")
    print(f"parse + tagger    : {t_full / b:8.3f} of bare parse time")
    print(f"attribution       : {t_att / b:8.3f} of parse time")
    print(f"signals           : {t_sig / b:8.3f} of parse time")


if __name__ == "__main__":
    main()
