"""SIGKILL-and-resume: an ingest killed K times, then finished, must leave the store a clean run leaves.

Issue 16 item 3. Builds an input folder of ``--docs`` articles from the train split of
../shared/corpus/ukraine-2022-2024 (``splits.json``; test-split files are never
opened); past their number, distinct copies are made by appending a line "Copy k." to
each text, so every input has its own document ID. Then:

(a) one clean ``newstrace ingest DIR --db A`` subprocess, whose store is polled to learn
    its phases (start-up until the first document is written, the pipeline until the
    last, then linking);
(b) into store B, ``--kills`` times: start ``newstrace ingest DIR --db B``, SIGKILL its
    process group (the parent and any pipeline workers) after a delay drawn from a
    seeded RNG over the run's expected length (a third of the kills aimed at the link
    window), then run ingest once more to completion.

B is compared with A table by table as multisets (so a duplicated row counts): documents,
sources, rejections, attributions, signals, actor links, boilerplate counts, copy groups
and links, and claims with their members and answers. A claim's ID hashes its founding
signal, chosen by write time, so two runs written at different seconds may name the same
claim differently: claims are compared by their member signals, and whether the IDs also
agree is printed apart. ``PRAGMA integrity_check`` must say ok and no link mark may be left.

Prints the kills, the phase each landed in (told from the store: nothing new written →
start-up, some → pipeline, all written but link marks left → link), and lost, duplicated and
mismatched rows (all must be 0). Exit status 1 on any loss, duplicate, mismatch or damage.
Prints a note and exits 0 when ../shared is absent.

    .venv/bin/python bench/kill_resume.py [--docs 2000] [--kills 20] [--seed 16] [--processes P]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "ukraine-2022-2024"

# ID-stable content of each table (no write times, no run-specific paths beyond the shared folder)
_TABLES = {
    "documents": "SELECT id, status FROM documents",
    "sources": "SELECT doc_id, source_path, name FROM document_sources",
    "rejections": "SELECT name, code FROM rejections",
    "attributions": "SELECT id, doc_id FROM attributions",
    "signals": "SELECT id, doc_id FROM signals",
    "actors": "SELECT id FROM actors",
    "signal_actors": "SELECT signal_id, actor_id, role FROM signal_actors",
    "boilerplate": "SELECT grp, line, fingerprint FROM boilerplate_lines",
    "copy_members": "SELECT doc_id, group_id, original_id, kind FROM copy_members",
    "copy_links": "SELECT a, b, kind FROM copy_links",
}
# tables whose rows must each be unique (the key columns above name one thing)
_KEYED = ("documents", "sources", "attributions", "signals", "actors", "signal_actors",
          "boilerplate", "copy_members", "copy_links")


def build_inputs(folder: Path, n: int) -> int:
    """Write ``n`` inputs (train-split articles, then "Copy k." variants) and their sidecar."""
    splits = json.loads((CORPUS / "splits.json").read_text(encoding="utf-8"))
    train = sorted(splits["train"])
    meta = {}
    for line in (CORPUS / "metadata.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row.get("file") in set(train):
            meta[row["file"]] = row
    lines = []
    for i in range(n):
        name = train[i % len(train)]
        k = i // len(train)
        text = (CORPUS / name).read_text(encoding="utf-8")
        out = name if k == 0 else f"{Path(name).stem}_copy{k}.txt"
        if k:
            text = text.rstrip("\n") + f"\n\nCopy {k}.\n"
        (folder / out).write_text(text, encoding="utf-8")
        lines.append(json.dumps({**meta.get(name, {}), "file": out}))
    (folder / "metadata.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(train)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    src = str(ROOT / "src")
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.setdefault("HF_HUB_OFFLINE", "1")
    return env


def _command(folder: Path, db: Path, processes: int | None) -> list[str]:
    cmd = [sys.executable, "-m", "newstrace.cli.app", "ingest", str(folder), "--db", str(db)]
    return cmd + (["--processes", str(processes)] if processes else [])


def _start(folder: Path, db: Path, processes: int | None, log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:  # the child keeps its own copy of the descriptor
        return subprocess.Popen(_command(folder, db, processes), env=_env(), stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)


def _counts(db: Path) -> tuple[int, int]:
    """Documents written and link marks left (0, 0 before the schema exists)."""
    if not db.exists():
        return 0, 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30) as conn:
            docs = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
            pending = conn.execute("SELECT COUNT(*) FROM link_pending").fetchone()[0]
        return int(docs), int(pending)
    except sqlite3.Error:
        return 0, 0


@dataclass
class Phases:
    """The clean run's timeline: first document written, last written, process end (seconds)."""

    startup: float
    pipeline: float
    link: float
    total_docs: int


def reference_run(folder: Path, db: Path, processes: int | None, log: Path) -> Phases:
    t0 = time.monotonic()
    proc = _start(folder, db, processes, log)
    first = last = None
    seen = 0
    while proc.poll() is None:
        docs, _ = _counts(db)
        now = time.monotonic() - t0
        if docs and first is None:
            first = now
        if docs > seen:
            seen, last = docs, now
        time.sleep(0.25)
    end = time.monotonic() - t0
    if proc.returncode not in (0, 1):  # 1: some input rejected, still a complete run
        raise SystemExit(f"reference ingest failed ({proc.returncode}); see {log}")
    total, _ = _counts(db)
    first = end if first is None else first
    last = first if last is None else last
    return Phases(startup=first, pipeline=last - first, link=end - last, total_docs=total)


def _delay(rng: random.Random, phases: Phases, docs_now: int, link_only: float | None) -> float:
    """A kill time over this run's expected length: start-up, the documents still to write, linking.

    Half the kills aim at the pipeline while documents are left, a quarter at the link window,
    the rest anywhere. A run with nothing left to write only links; once one such run has
    finished on its own, its length is the estimate (the vectors cached by an earlier, killed
    link make later links shorter than the clean run's)."""
    left = max(0, phases.total_docs - docs_now) / max(1, phases.total_docs)
    work = phases.startup + left * phases.pipeline
    link = phases.link
    if not left and link_only is not None:
        link = max(0.5, link_only - phases.startup)
    aim = rng.random()
    if left and aim < 0.5:
        return rng.uniform(phases.startup, work)
    if aim < 0.75:
        return work + rng.uniform(0.0, max(link, 0.5))
    return rng.uniform(0.3 * phases.startup, work + link)


def _phase(before: tuple[int, int], after: tuple[int, int], total: int, finished: bool,
           delay: float, startup: float) -> str:
    if finished:
        return "finished"
    if after[0] < total:
        return "pipeline" if after[0] > before[0] else "startup"
    if after[0] > before[0]:
        return "link"  # it wrote the last documents and died before the links were committed
    if after[1]:
        return "link" if delay >= startup else "startup"
    return "finished"


def killed_runs(folder: Path, db: Path, processes: int | None, kills: int, seed: int,
                phases: Phases, log: Path) -> list[tuple[float, str]]:
    rng = random.Random(seed)
    done: list[tuple[float, str]] = []
    link_only: float | None = None
    for _ in range(kills):
        before = _counts(db)
        delay = _delay(rng, phases, before[0], link_only)
        t0 = time.monotonic()
        proc = _start(folder, db, processes, log)
        try:
            proc.wait(timeout=delay)
            finished = True
            if before[0] >= phases.total_docs:
                link_only = time.monotonic() - t0
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            finished = False
        _reap(proc.pid)
        done.append((delay, _phase(before, _counts(db), phases.total_docs, finished, delay,
                                   phases.startup)))
    return done


def _reap(pgid: int) -> None:
    """Wait until no process of the killed group is left (workers die with their parent)."""
    for _ in range(100):
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)


def _rows(conn: sqlite3.Connection) -> dict[str, Counter[tuple[Any, ...]]]:
    out = {name: Counter(tuple(r) for r in conn.execute(sql)) for name, sql in _TABLES.items()}
    members: dict[str, list[str]] = {}
    for sig, cid in conn.execute("SELECT signal_id, claim_id FROM claim_members"):
        members.setdefault(cid, []).append(sig)
    key = {cid: "|".join(sorted(sigs)) for cid, sigs in members.items()}  # a claim = its members
    out["claims"] = Counter(
        (key.get(r[0], r[0]), *r[1:]) for r in conn.execute(
            "SELECT id, reports, outlets_json, origins_json, status, denials, confirmations, "
            "doubts FROM claims"))
    out["claim_members"] = Counter(
        (s, key[c], role, origin) for s, c, role, origin in
        conn.execute("SELECT signal_id, claim_id, role, origin FROM claim_members"))
    out["claim_answers"] = Counter(
        (key.get(c, c), s, kind) for c, s, kind in
        conn.execute("SELECT claim_id, signal_id, kind FROM claim_answers"))
    out["claim_ids"] = Counter((r[0],) for r in conn.execute("SELECT id FROM claims"))
    return out


@dataclass
class Comparison:
    lost: int
    duplicates: int
    mismatches: dict[str, int]
    claim_ids_equal: bool
    integrity: str
    pending: int
    counts: dict[str, int]


def compare(ref: Path, got: Path) -> Comparison:
    with sqlite3.connect(ref) as a, sqlite3.connect(got) as b:
        ra, rb = _rows(a), _rows(b)
        integrity = str(b.execute("PRAGMA integrity_check").fetchone()[0])
        pending = int(b.execute("SELECT COUNT(*) FROM link_pending").fetchone()[0])
    lost = len(set(ra["documents"]) - set(rb["documents"]))
    duplicates = sum(n - 1 for name in _KEYED for n in rb[name].values() if n > 1)
    mismatches = {name: sum(((ra[name] - rb[name]) + (rb[name] - ra[name])).values())
                  for name in ra if name != "claim_ids"}
    return Comparison(lost, duplicates, {k: v for k, v in mismatches.items() if v},
                      ra["claim_ids"] == rb["claim_ids"], integrity, pending,
                      {name: sum(c.values()) for name, c in rb.items()})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--processes", type=int, default=None,
                        help="worker processes for each ingest (default: the CLI's own choice)")
    args = parser.parse_args()
    if not (CORPUS / "splits.json").exists():
        print(f"no corpus at {CORPUS}: nothing to measure")
        return 0
    with tempfile.TemporaryDirectory(prefix="kill-resume-") as tmp:
        work = Path(tmp)
        folder = work / "in"
        folder.mkdir()
        n_train = build_inputs(folder, args.docs)
        log = work / "ingest.log"
        print(f"inputs: {args.docs} ({min(args.docs, n_train)} train-split articles, "
              f"{max(0, args.docs - n_train)} 'Copy k.' variants); kills {args.kills}, "
              f"seed {args.seed}, processes {args.processes or 'CLI default'}")
        t0 = time.monotonic()
        phases = reference_run(folder, work / "a.db", args.processes, log)
        print(f"clean run A: {time.monotonic() - t0:.1f} s (start-up {phases.startup:.1f} s, "
              f"pipeline {phases.pipeline:.1f} s, link {phases.link:.1f} s), "
              f"{phases.total_docs} documents")
        t1 = time.monotonic()
        kills = killed_runs(folder, work / "b.db", args.processes, args.kills, args.seed, phases, log)
        final = subprocess.run(_command(folder, work / "b.db", args.processes), env=_env(),
                               capture_output=True, check=False)
        print(f"store B: {len(kills)} killed runs + 1 final run, {time.monotonic() - t1:.1f} s "
              f"(final exit {final.returncode})")
        result = compare(work / "a.db", work / "b.db")
    print()
    print("| kill | delay (s) | landed in |")
    print("|---:|---:|---|")
    for i, (delay, phase) in enumerate(kills, start=1):
        print(f"| {i} | {delay:.1f} | {phase} |")
    by_phase = Counter(p for _, p in kills)
    print()
    print("| measure | value | goal |")
    print("|---|---:|---:|")
    print(f"| kills done | {sum(1 for _, p in kills if p != 'finished')} of {len(kills)} | |")
    for phase in ("startup", "pipeline", "link", "finished"):
        print(f"| landed in {phase} | {by_phase.get(phase, 0)} | |")
    print(f"| documents lost | {result.lost} | 0 |")
    print(f"| duplicate rows | {result.duplicates} | 0 |")
    print(f"| mismatched rows | {sum(result.mismatches.values())} "
          f"{result.mismatches or ''} | 0 |")
    print(f"| link marks left | {result.pending} | 0 |")
    print(f"| integrity_check | {result.integrity} | ok |")
    print(f"| claim IDs equal A | {'yes' if result.claim_ids_equal else 'no (write times differ)'} | |")
    print()
    print("rows in B: " + ", ".join(f"{k} {v}" for k, v in result.counts.items() if k != "claim_ids"))
    bad = (result.lost or result.duplicates or result.mismatches or result.pending
           or result.integrity != "ok" or final.returncode not in (0, 1))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
