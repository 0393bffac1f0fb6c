"""Scale: peak memory, the cost of adding documents to a large store, and query latency.

For each N in ``--docs``:

1. a store of N documents is built from a base store of real articles (ingested once;
   the last ``--add`` articles of the corpus are held out of it): every round of
   clones copies each base document's rows with new IDs and its texts passed through
   a letter rotation that keeps every offset valid, so the clones are new texts
   (no copies of the originals or of each other) with the originals' signals; then
   ``newstrace relink`` links the whole store (timed, peak RSS);
2. the held-out articles are ingested into that store and, in the same run, into an
   empty store: the ratio of the two times is the cost of a store of N (goal ≤ 2×),
   each with its peak RSS (goal ≤ 1.5 GB, flat in N);
3. p95 latency of timeline, claims and search queries on the store of N (goal ≤ 50 ms).

Every measured step runs in its own process (``--child``), so peak RSS is that step's
(workers included). Uses ../shared/corpus/ukraine-2022-2024.

    .venv/bin/python bench/scale.py --docs 1000 [10000] [--add 100] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newstrace.app.workspace import Workspace

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "corpus" / "ukraine-2022-2024"

# rows of one document, and the ID columns a clone renames
_CLONE: dict[str, dict[str, str]] = {
    "documents": {"id": "id"},
    "lines": {"doc_id": "doc_id"},
    "times": {"doc_id": "doc_id"},
    "document_sources": {"doc_id": "doc_id"},
    "attributions": {"id": "id", "doc_id": "doc_id"},
    "signals": {"id": "id", "doc_id": "doc_id", "attribution_id": "attribution_id"},
}
_TEXT = {"documents": ("raw_text", "source_text", "clean_text", "title", "raw_title", "name"),
         "lines": ("text",), "times": ("text",), "document_sources": ("name", "source_path")}


def _rotate(value: str | None, r: int) -> str | None:
    """Letters rotated by r places (lengths and offsets unchanged, words no longer shared)."""
    if value is None:
        return None
    out = []
    for ch in value:
        if "a" <= ch <= "z":
            out.append(chr((ord(ch) - 97 + r) % 26 + 97))
        elif "A" <= ch <= "Z":
            out.append(chr((ord(ch) - 65 + r) % 26 + 65))
        else:
            out.append(ch)
    return "".join(out)


def grow(db: Path, n_docs: int) -> int:
    """Add rounds of rotated clones of the base documents until the store holds n_docs."""
    con = sqlite3.connect(db)
    con.create_function("rot", 2, _rotate, deterministic=True)
    base = [r[0] for r in con.execute("SELECT id FROM documents WHERE id NOT LIKE '%~%'")]
    have = con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    r = 0
    while have < n_docs:
        r += 1
        shift = r % 25 + 1
        take = base[: n_docs - have]
        con.execute("CREATE TEMP TABLE IF NOT EXISTS pick (id TEXT PRIMARY KEY)")
        con.execute("DELETE FROM pick")
        con.executemany("INSERT INTO pick VALUES (?)", [(d,) for d in take])
        for table, ids in _CLONE.items():
            cols = [c[1] for c in con.execute(f"PRAGMA table_info({table})")]
            exprs = []
            for c in cols:
                if c in ids:
                    exprs.append(f"CASE WHEN \"{c}\" IS NULL THEN NULL ELSE \"{c}\" || '~{r}' END")
                elif c in _TEXT.get(table, ()):
                    exprs.append(f"rot(\"{c}\", {shift})")
                else:
                    exprs.append(f'"{c}"')
            key = "id" if table == "documents" else "doc_id"
            quoted = ", ".join(f'"{c}"' for c in cols)
            con.execute(f"INSERT INTO {table} ({quoted}) SELECT {', '.join(exprs)} FROM {table} "
                        f"WHERE {key} IN (SELECT id FROM pick)")
        con.execute("INSERT INTO link_pending (doc_id) SELECT id || '~' || ? FROM pick", (r,))
        con.commit()
        have = con.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    con.close()
    return int(have)


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def child(args: list[str]) -> None:
    """One measured step in this process; prints {"seconds", "rss_mb", ...} as JSON."""
    import newstrace

    what, db = args[0], Path(args[1])
    store = newstrace.open(db)
    t0 = time.perf_counter()
    out: dict[str, object] = {}
    if what == "relink":
        store.relink()
    elif what == "ingest":
        report = store.ingest([args[2]], n_process=2)
        out["added"] = len(report.added)
    elif what == "queries":
        out.update(_queries(store, int(args[2])))
    out.update(seconds=round(time.perf_counter() - t0, 2), rss_mb=round(_peak_mb(), 1))
    print(json.dumps(out))


def _queries(store: Workspace, repeat: int) -> dict[str, float]:
    from sqlalchemy import text

    from newstrace.store.search import ensure_index, search
    from newstrace.timeline import build_timeline

    ensure_index(store)
    with store.engine.connect() as conn:
        actor = str(conn.execute(text(
            "SELECT actor FROM signals GROUP BY actor ORDER BY COUNT(*) DESC LIMIT 1")).scalar())
    runs: dict[str, Callable[[], object]] = {
        "timeline": lambda: build_timeline(store, actor=actor),
        "claims": lambda: store.claims(),
        "claims_actor": lambda: store.claims(actor=actor),
        "search": lambda: search(store, "ceasefire talks"),
    }
    out: dict[str, float] = {}
    for name, run in runs.items():
        run()  # warm: the first call builds module caches
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            run()
            times.append((time.perf_counter() - t0) * 1000)
        out[f"{name}_p95_ms"] = round(statistics.quantiles(times, n=20)[-1], 1)
    return out


def _num(value: object) -> float:
    assert isinstance(value, int | float)
    return float(value)


def _run(*args: str) -> dict[str, object]:
    cmd = [sys.executable, __file__, "--child", *args]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2:])
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, nargs="+", default=[1000])
    ap.add_argument("--add", type=int, default=100)
    ap.add_argument("--queries", type=int, default=40)
    ap.add_argument("--corpus", type=Path, default=REAL)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/newstrace-scale"))
    args = ap.parse_args()
    if not args.corpus.is_dir():
        raise SystemExit(f"no corpus at {args.corpus}")
    work = args.workdir
    files = sorted(p for p in args.corpus.iterdir() if p.suffix == ".txt")
    held, kept = work / "held", work / "base-in"
    if not (work / "base.db").exists():
        for folder, part in ((held, files[-args.add:]), (kept, files[: -args.add])):
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            for f in part:
                shutil.copy(f, folder / f.name)
        base = _run("ingest", str(work / "base.db"), str(kept))
        print(f"base store: {base['added']} documents ingested in {base['seconds']} s")
    empty = work / "empty.db"
    for p in work.glob("empty.db*"):
        p.unlink()
    zero = _run("ingest", str(empty), str(held))
    print(f"add {zero['added']} to an empty store: {zero['seconds']} s, peak RSS {zero['rss_mb']} MB")
    rows = []
    for n in args.docs:
        db = work / f"n{n}.db"
        for p in work.glob(f"n{n}.db*"):
            p.unlink()
        shutil.copy(work / "base.db", db)
        t0 = time.perf_counter()
        have = grow(db, n)
        built = time.perf_counter() - t0
        relink = _run("relink", str(db))
        add = _run("ingest", str(db), str(held))
        queries = _run("queries", str(db), str(args.queries))
        rows.append((have, built, relink, add, queries))
        print(f"N={have}: clones {built:.1f} s; relink {relink['seconds']} s (RSS {relink['rss_mb']} MB); "
              f"add {add['added']}: {add['seconds']} s (RSS {add['rss_mb']} MB), "
              f"ratio to empty {_num(add['seconds']) / _num(zero['seconds']):.2f} (goal ≤ 2); "
              + ", ".join(f"{k} {v}" for k, v in queries.items() if k.endswith("_ms")) + " (goal ≤ 50 ms)",
              flush=True)


if __name__ == "__main__":
    main()
