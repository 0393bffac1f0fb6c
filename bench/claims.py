"""Claim clustering at scale: time per signal at 1k, 10k and 50k signals, side by side.

The real signals of ../shared/corpus/ukraine-2022-2024 (ingested into a temporary
store, or read from ``--db``) are scaled up: each synthetic signal copies a random
real one (actor, type, topics, polarity, conditions, content words) with its
sentence vector jittered by Gaussian noise and renormalised, and its date moved
to a random day of a period that grows with N (about as many signals per day as
the real corpus has), so blocks by (actor, type family) and time stay as dense as
in real news. Only ``cluster_signals`` is timed (vectors are computed once and
cached in the store). Near-linear scaling shows as flat ms/signal across sizes;
ratios to the smallest size are printed beside them. Nothing from the corpus is
written anywhere but the temporary store.

Prints a note and exits 0 when ../shared is absent.

    .venv/bin/python bench/claims.py [--sizes 1000,10000,50000] [--db STORE]
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import numpy.typing as npt

import newstrace
from newstrace.link.claim_build import load_claim_signals
from newstrace.link.claims import ClaimSignal, cluster_signals

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "ukraine-2022-2024"


def _real(db: Path | None) -> tuple[list[ClaimSignal], npt.NDArray[np.float32]]:
    if db is None:
        tmp = Path(tempfile.mkdtemp(prefix="bench-claims-")) / "corpus.db"
        print(f"ingesting {CORPUS} into {tmp} (about a minute) …", file=sys.stderr)
        with newstrace.open(tmp) as store:
            store.ingest([CORPUS])
        db = tmp
    with newstrace.open(db) as store, store.engine.begin() as conn:
        return load_claim_signals(conn)


def _scale(real: list[ClaimSignal], vectors: npt.NDArray[np.float32], n: int, rng: random.Random,
           ) -> tuple[list[ClaimSignal], npt.NDArray[np.float32]]:
    dated = [s.day for s in real if s.day]
    first, last = min(dated), max(dated)
    per_day = len(real) / max(last - first, 1)
    span = max(int(n / per_day), 1)
    picks = [rng.randrange(len(real)) for _ in range(n)]
    noise = np.random.default_rng(rng.randrange(1 << 30)).normal(0, 0.02, (n, vectors.shape[1]))
    out_vecs = vectors[picks] + noise.astype(np.float32)
    out_vecs /= np.linalg.norm(out_vecs, axis=1, keepdims=True)
    out: list[ClaimSignal] = []
    for k, i in enumerate(picks):
        day = first + rng.randrange(span)
        out.append(dataclasses.replace(real[i], id=f"x{k}", doc_id=f"doc{k // 5}", day=day,
                                       published_day=day, order=(day, k)))
    return out, np.asarray(out_vecs, dtype=np.float32)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--db", type=Path, default=None, help="a store holding the ingested corpus")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if not CORPUS.exists() and args.db is None:
        print(f"skipped: {CORPUS} not found (needs ../shared)")
        return 0
    real, vectors = _real(args.db)
    print(f"{len(real)} real signals")
    rng = random.Random(args.seed)
    base: float | None = None
    print(f"{'signals':>8} {'claims':>8} {'seconds':>8} {'ms/signal':>10} {'ratio':>6}")
    for n in (int(x) for x in args.sizes.split(",")):
        sigs, vecs = _scale(real, vectors, n, rng)
        start = time.perf_counter()
        clusters = cluster_signals(sigs, vecs)
        took = time.perf_counter() - start
        per = 1000 * took / n
        base = base or per
        print(f"{n:>8} {len(clusters):>8} {took:>8.2f} {per:>10.3f} {per / base:>6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
