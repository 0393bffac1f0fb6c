"""Query latency of the same store on SQLite and on PostgreSQL, side by side in one run.

Takes a SQLite store that already holds articles (``--db``; e.g. the one
``bench/api_latency.py`` ingests), copies it onto a throwaway PostgreSQL server that
``scripts/pg.sh`` starts (``newstrace.store.copy``: no article is processed again), then
calls ``timeline``, ``claims``, ``search`` and ``documents`` on each ``Store`` directly
(no API caching), alternating backends call by call so both see the same machine load.
Prints p50/p95 per call and backend and the PostgreSQL/SQLite ratio of the p50s.

    .venv/bin/python bench/store_latency.py --db big.db [--repeat 40]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ACTORS = ["Vladimir Putin", "Volodymyr Zelensky", "Russia", "Ukraine", "United States"]
QUERIES = ["ceasefire", "Putin talks", "grain deal", "NATO membership", "peace plan", "sanctions"]


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="a SQLite store holding articles")
    parser.add_argument("--repeat", type=int, default=40)
    args = parser.parse_args()
    import newstrace
    from newstrace.store.copy import copy_store
    from newstrace.store.search import ensure_index, search

    pg_dir = Path(tempfile.mkdtemp(prefix="ntpg-", dir="/tmp"))
    try:
        url = subprocess.run(["bash", str(ROOT / "scripts" / "pg.sh"), "start", str(pg_dir)],
                             capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
        started = time.perf_counter()
        counts = copy_store(args.db, url)
        print(f"copied {counts['documents']} documents, {sum(counts.values())} rows to PostgreSQL "
              f"in {time.perf_counter() - started:.1f} s")
        stores = {"sqlite": newstrace.open(args.db), "postgresql": newstrace.open(url)}
        calls: dict[str, Callable[[Any, int], Any]] = {
            "timeline": lambda st, i: st.timeline(ACTORS[i % len(ACTORS)]),
            "claims": lambda st, i: st.claims(actor=ACTORS[i % len(ACTORS)] if i % 2 else None),
            "search": lambda st, i: search(st, QUERIES[i % len(QUERIES)], limit=20),
            "documents": lambda st, i: st.documents(),
        }
        for st in stores.values():  # imports and first-use work are not timed
            ensure_index(st)
            for call in calls.values():
                call(st, 0)
        times: dict[tuple[str, str], list[float]] = {(b, c): [] for b in stores for c in calls}
        for i in range(args.repeat):
            for name, call in calls.items():
                for backend, st in stores.items():
                    t = time.perf_counter()
                    call(st, i)
                    times[(backend, name)].append((time.perf_counter() - t) * 1000)
        print(f"{'call':<10} {'sqlite p50':>11} {'p95':>8} {'postgres p50':>13} {'p95':>8} {'ratio p50':>10}")
        for name in calls:
            lite, pg = times[("sqlite", name)], times[("postgresql", name)]
            ratio = statistics.median(pg) / statistics.median(lite)
            print(f"{name:<10} {statistics.median(lite):>11.1f} {_pct(lite, 0.95):>8.1f} "
                  f"{statistics.median(pg):>13.1f} {_pct(pg, 0.95):>8.1f} {ratio:>10.2f}")
        for st in stores.values():
            st.close()
    finally:
        subprocess.run(["bash", str(ROOT / "scripts" / "pg.sh"), "stop", str(pg_dir)], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
