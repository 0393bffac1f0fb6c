"""API latency on the real corpus: p50 and p95 of the timeline, claims and search endpoints.

The store holds the 447 articles of ../shared/corpus/ukraine-2022-2024 plus the 5
seeds (ingested here unless ``--db`` names a store that already holds them;
ingest takes several minutes on two cores). Requests go through FastAPI's
TestClient, in process, so the numbers are the app's own time without network.
Each endpoint is asked once cold (first request after start: its lists are
computed and kept; the first claims request also imports the claim-linking code,
which ``newstrace serve`` warms in the background at start) and then
``--repeat`` times warm, with varying queries and pages; p50/p95 are over the
warm requests. Goal: p95 ≤ 50 ms.

Prints a note and exits 0 when ../shared is absent.

    .venv/bin/python bench/api_latency.py [--db big.db] [--repeat 200]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPORA = [SHARED / "corpus" / "ukraine-2022-2024", SHARED / "corpus" / "seeds"]
ACTORS = ["Vladimir Putin", "Volodymyr Zelensky", "Russia", "Ukraine", "United States", "Kremlin"]
QUERIES = ["ceasefire", "Putin talks", "grain deal", "NATO membership", "Zaporizhzhia nuclear plant",
           "peace plan", "prisoner exchange", "sanctions"]


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _store(db: Path | None) -> Path:
    if db is not None:
        return db
    import newstrace

    path = Path(tempfile.mkdtemp(prefix="newstrace-bench-")) / "big.db"
    print(f"ingesting {', '.join(str(c) for c in CORPORA)} into {path} (several minutes)…", flush=True)
    with newstrace.open(path) as store:
        report = store.ingest(CORPORA)
    print(f"added {len(report.added)}, rejected {len(report.rejected)}", flush=True)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="a store already holding the 447 + 5 articles")
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    if args.db is None and not all(c.is_dir() for c in CORPORA):
        print("../shared is not present: nothing to measure")
        return 0
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TQDM_DISABLE", "1")
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

    from newstrace.serve.app import create_app

    db = _store(args.db)
    started = time.perf_counter()
    client = TestClient(create_app(db))
    print(f"app over {db} ready in {(time.perf_counter() - started) * 1000:.0f} ms")
    docs = client.get("/api/documents?limit=1").json()["total"]
    print(f"{docs} documents in the store")
    endpoints = {
        "timeline": lambda i: f"/api/timeline?actor={ACTORS[i % len(ACTORS)]}&limit=50"
                              + ("&since=2023" if i % 3 == 0 else ""),
        "claims": lambda i: "/api/claims?limit=50" + ("&status=denied" if i % 4 == 0 else "")
                            + (f"&actor={ACTORS[i % len(ACTORS)]}" if i % 2 else ""),
        "search": lambda i: f"/api/search?q={QUERIES[i % len(QUERIES)]}&limit=20",
    }
    print(f"{'endpoint':<10} {'cold ms':>9} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  n")
    worst = 0.0
    for name, url in endpoints.items():
        cold_start = time.perf_counter()
        for i in range(len(ACTORS)):  # first request of each distinct query: lists computed
            r = client.get(url(i))
            r.raise_for_status()
            if i == 0:
                cold = (time.perf_counter() - cold_start) * 1000
        times = []
        for i in range(args.repeat):
            t = time.perf_counter()
            r = client.get(url(i))
            times.append((time.perf_counter() - t) * 1000)
            r.raise_for_status()
        p95 = _percentile(times, 0.95)
        worst = max(worst, p95)
        print(f"{name:<10} {cold:>9.1f} {statistics.median(times):>8.1f} {p95:>8.1f} {max(times):>8.1f}  "
              f"{len(times)}")
    print(f"goal p95 ≤ 50 ms: {'met' if worst <= 50 else 'NOT met'} (worst p95 {worst:.1f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
