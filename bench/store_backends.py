"""Two ingests at once while readers read, then query latency: SQLite against PostgreSQL.

For each backend (a SQLite file; a PostgreSQL database on a throwaway server that
``scripts/pg.sh`` starts), side by side in one run:

1. Concurrency (issue 16 item 4): two ``newstrace ingest`` processes over overlapping
   folders of train-split articles of ../shared/corpus/ukraine-2022-2024 (the middle
   third is in both folders), while a load generator reads the store: HTTP requests to a
   ``newstrace serve`` process, direct ``Store`` reads in this process, and ``newstrace
   docs`` CLI runs. Reports requests served during the ingests, their errors (any
   "database is locked" is a failure), and whether every input was stored once.
   Goal: 0 read errors, 0 rejections caused by the other ingest, stored documents = the
   distinct texts that the pipeline accepts, one source row per input file.
2. Query latency on the store just built: p50/p95 of ``timeline``, ``claims`` and
   ``search`` called on the ``Store`` directly (no API caching), over ``--repeat`` calls.

Prints a note and exits 0 when ../shared is absent. Articles are copied to a temp folder
at run time (never into the repository).

    .venv/bin/python bench/store_backends.py [--articles 36] [--repeat 30] [--backends sqlite,postgresql]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "ukraine-2022-2024"
ACTORS = ["Vladimir Putin", "Volodymyr Zelensky", "Russia", "Ukraine", "United States"]
QUERIES = ["ceasefire", "Putin talks", "grain deal", "NATO membership", "peace plan", "sanctions"]
CLI = [sys.executable, "-c", "from newstrace.cli.app import main; main()"]


@dataclass
class Tally:
    """Reads of one kind: latencies and errors."""

    times: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    lock = threading.Lock()

    def run(self, call: Callable[[], Any]) -> None:
        started = time.perf_counter()
        try:
            call()
        except Exception as exc:  # every failure is counted, by its first words
            with self.lock:
                self.errors[f"{type(exc).__name__}: {str(exc)[:80]}"] += 1
            return
        with self.lock:
            self.times.append((time.perf_counter() - started) * 1000)

    def line(self, name: str) -> str:
        n = len(self.times) + sum(self.errors.values())
        p50 = statistics.median(self.times) if self.times else float("nan")
        return (f"  {name:<14} served {len(self.times):>5} of {n:>5}  errors {sum(self.errors.values()):>3}"
                f"  p50 {p50:7.1f} ms  p95 {_pct(self.times, 0.95):7.1f} ms"
                + "".join(f"\n      {k} ×{v}" for k, v in self.errors.most_common(3)))


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _folders(base: Path, n: int) -> tuple[Path, Path]:
    """Two folders of train articles with their metadata; the middle third is in both."""
    splits = json.loads((CORPUS / "splits.json").read_text("utf-8"))
    names = sorted(splits["train"])[:n]  # never a test-split file
    meta = {}
    for line in (CORPUS / "metadata.jsonl").read_text("utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            meta[row["file"]] = line
    third = n // 3
    out = []
    for label, chosen in (("a", names[: 2 * third]), ("b", names[third:])):
        folder = base / label
        folder.mkdir(parents=True)
        for name in chosen:
            shutil.copy(CORPUS / name, folder / name)
        (folder / "metadata.jsonl").write_text("".join(meta[m] + "\n" for m in chosen if m in meta), "utf-8")
        out.append(folder)
    return out[0], out[1]


def _expected(folders: tuple[Path, Path]) -> tuple[int, int]:
    """(distinct texts, input files) of both folders, read without the pipeline."""
    from newstrace.ingest import read_paths
    from newstrace.records import RawDocument

    raws = [r for r in read_paths(list(folders)) if isinstance(r, RawDocument)]
    return len({r.doc_id for r in raws}), len(raws)


def _wait_http(base: str, proc: subprocess.Popen[str], timeout: float = 300) -> None:
    import httpx

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"newstrace serve exited: {proc.stderr.read() if proc.stderr else ''}")
        try:
            if httpx.get(f"{base}/api/documents?limit=1", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError("newstrace serve did not answer")


def concurrency(target: str, folders: tuple[Path, Path], env: dict[str, str]) -> dict[str, Any]:
    import httpx

    import newstrace
    from newstrace.store.catalog import actor_counts
    from newstrace.store.search import search

    newstrace.open(target).close()  # the store exists before anyone reads it
    port = _free_port()
    serve = subprocess.Popen([*CLI, "serve", "--db", target, "--port", str(port)], env=env, text=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_http(base, serve)
        started = time.perf_counter()
        ingests = [subprocess.Popen([*CLI, "ingest", "--json", "--db", target, str(f)], env=env, text=True,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE) for f in folders]
        running = threading.Event()
        running.set()
        http, direct, cli = Tally(), Tally(), Tally()
        urls = ["/api/documents?limit=5", "/api/signals?limit=5", "/api/actors?limit=5"] + [
            f"/api/search?q={q}&limit=5" for q in QUERIES]
        store = newstrace.open(target)

        def http_reader() -> None:
            with httpx.Client(base_url=base, timeout=60) as client:
                i = 0
                while running.is_set():
                    url = urls[i % len(urls)]
                    http.run(lambda url=url: client.get(url).raise_for_status())
                    i += 1

        def store_reader() -> None:
            calls: list[Callable[[], Any]] = [
                store.documents, store.signals, store.rejections, lambda: actor_counts(store),
                lambda: search(store, "ceasefire talks"), store.copies]
            i = 0
            while running.is_set():
                direct.run(calls[i % len(calls)])
                i += 1
                time.sleep(0.05)

        def cli_reader() -> None:
            while running.is_set():
                cli.run(lambda: subprocess.run([*CLI, "docs", "--json", "--db", target], env=env,
                                               capture_output=True, text=True, check=True, timeout=120))

        threads = [threading.Thread(target=f) for f in (http_reader, http_reader, store_reader, cli_reader)]
        for t in threads:
            t.start()
        results = [p.communicate() for p in ingests]
        running.clear()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - started
        reports = []
        for p, (out, err) in zip(ingests, results, strict=True):
            try:
                reports.append({"exit": p.returncode, **json.loads(out)})
            except json.JSONDecodeError:
                reports.append({"exit": p.returncode, "error": err[-500:]})
        docs = store.documents()
        sources = sum(len(store.sources(d.id)) for d in docs)
        rejected = store.rejections()
        rejections = Counter(r.code for r in rejected)
        rejected_texts = len({(r.code, r.reason) for r in rejected})
        store.close()
    finally:
        serve.terminate()
        serve.wait(timeout=30)
    return {"elapsed": elapsed, "http": http, "direct": direct, "cli": cli, "reports": reports,
            "documents": len(docs), "sources": sources, "rejections": dict(rejections),
            "rejected_inputs": len(rejected), "rejected_texts": rejected_texts}


def latency(target: str, repeat: int) -> dict[str, Tally]:
    import newstrace
    from newstrace.store.search import ensure_index, search

    out = {"timeline": Tally(), "claims": Tally(), "search": Tally()}
    with newstrace.open(target) as store:
        ensure_index(store)
        store.timeline(ACTORS[0])  # first call imports the timeline code: not timed
        store.claims()
        for i in range(repeat):
            out["timeline"].run(lambda i=i: store.timeline(ACTORS[i % len(ACTORS)]))
            out["claims"].run(lambda i=i: store.claims(actor=ACTORS[i % len(ACTORS)] if i % 2 else None))
            out["search"].run(lambda i=i: search(store, QUERIES[i % len(QUERIES)], limit=20))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=36)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--backends", default="sqlite,postgresql")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print("../shared is not present: nothing to measure")
        return 0
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TQDM_DISABLE": "1",
           "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    os.environ.update({"HF_HUB_OFFLINE": "1", "TQDM_DISABLE": "1"})
    work = Path(tempfile.mkdtemp(prefix="nt-bench-"))
    pg_dir = Path(tempfile.mkdtemp(prefix="ntpg-", dir="/tmp"))
    try:
        folders = _folders(work / "in", args.articles)
        texts, inputs = _expected(folders)
        print(f"{args.articles} train articles in two folders ({inputs} inputs, {texts} distinct texts)")
        for backend in args.backends.split(","):
            if backend == "sqlite":
                target = str(work / "bench.db")
            else:
                run = subprocess.run(["bash", str(ROOT / "scripts" / "pg.sh"), "start", str(pg_dir)],
                                     capture_output=True, text=True, check=True)
                target = run.stdout.strip().splitlines()[-1]
            print(f"\n[{backend}] two ingests at once, readers reading")
            r = concurrency(target, folders, env)
            print(f"  ingests took {r['elapsed']:.0f} s; exits {[x['exit'] for x in r['reports']]}; "
                  f"added {[x.get('added') for x in r['reports']]}")
            for name in ("http", "direct", "cli"):
                print(r[name].line(name))
            print(f"  stored {r['documents']} documents (distinct texts {texts}), {r['sources']} source rows "
                  f"(inputs {inputs}), rejections {r['rejections'] or 'none'}")
            print(f"  every input accounted for: {r['sources'] + r['rejected_inputs'] == inputs} "
                  f"({r['sources']} stored + {r['rejected_inputs']} rejected of {inputs}); "
                  f"E010 (lost to the other ingest): {r['rejections'].get('E010', 0)}")
            print(f"[{backend}] store query latency, {args.repeat} calls each")
            for name, tally in latency(target, args.repeat).items():
                print(tally.line(name))
    finally:
        subprocess.run(["bash", str(ROOT / "scripts" / "pg.sh"), "stop", str(pg_dir)], check=False)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
