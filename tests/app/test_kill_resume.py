"""An ingest SIGKILLed mid-run and started again leaves the store a clean run leaves.

Real processes, really killed (issue 16 item 3, at test scale; ``bench/kill_resume.py``
is the same at corpus scale). A run may finish before its kill: the test only asserts the end
state, so a fast machine makes it weaker, never flaky.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]

_PLACES = ["Harnwick", "Oster Bay", "Velmar", "Quillon", "Dunmere", "Sabrecourt"]
_PEOPLE = [("Foreign Minister", "Ilse Varnow"), ("Defence Minister", "Petr Calden"),
           ("President", "Mara Osterlund"), ("army spokesman", "Colonel Juno Feld")]


def _article(i: int) -> str:
    """One invented news report; each differs by place, speaker and figures."""
    place, other = _PLACES[i % 6], _PLACES[(i + 2) % 6]
    role, person = _PEOPLE[i % 4]
    return (
        f"{place} says talks with {other} will resume next week\n\n"
        f"By Staff Reporter {i}\n\n"
        f"{place.upper()}, March {i + 3} - {role} {person} said on Tuesday that {place} "
        f"would send a delegation of {10 + i} officials to {other} next week.\n\n"
        f"{person} said {place} was ready to hold talks with {other} if its troops withdrew "
        f"from the border, and threatened to close the {i + 2} crossings unless the shelling "
        f"stopped.\n\n"
        f"{other}'s government denied that any ceasefire had been agreed, according to a "
        f"statement released on Wednesday.\n\n"
        f"Observers warned that {40 + i} prisoners were still held near the border.\n"
    )


def _inputs(folder: Path) -> None:
    for i in range(10):
        (folder / f"report_{i:02d}.txt").write_text(_article(i), encoding="utf-8")
    # two near copies of the first report, as a syndicated wire story appears elsewhere
    (folder / "copy_a.txt").write_text(_article(0) + "\nCopyright Harnwick Courier.\n", encoding="utf-8")
    (folder / "copy_b.txt").write_text(_article(0).replace("Tuesday", "Tuesday evening"), encoding="utf-8")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    src = str(ROOT / "src")
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["NEWSTRACE_SIGNALS"] = "rules"
    env.setdefault("HF_HUB_OFFLINE", "1")
    return env


def _ingest(folder: Path, db: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "newstrace.cli.app", "ingest", str(folder), "--db", str(db),
         "--processes", "1"],
        env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def _complete(folder: Path, db: Path) -> float:
    t0 = time.monotonic()
    proc = _ingest(folder, db)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode(errors="replace")
    return time.monotonic() - t0


def _state(db: Path) -> dict[str, Counter[tuple[Any, ...]]]:
    """Every row ingest and linking write, as multisets (a duplicate counts); claims by members,
    since a claim's ID hashes the member written first, and two runs write at different times."""
    tables = {
        "documents": "SELECT id, status FROM documents",
        "sources": "SELECT doc_id, name FROM document_sources",
        "rejections": "SELECT name, code FROM rejections",
        "attributions": "SELECT id, doc_id FROM attributions",
        "signals": "SELECT id, doc_id FROM signals",
        "signal_actors": "SELECT signal_id, actor_id, role FROM signal_actors",
        "boilerplate": "SELECT grp, line, fingerprint FROM boilerplate_lines",
        "copy_members": "SELECT doc_id, group_id, original_id, kind FROM copy_members",
        "copy_links": "SELECT a, b, kind FROM copy_links",
        "pending": "SELECT doc_id FROM link_pending",
    }
    with sqlite3.connect(db) as conn:
        out = {name: Counter(tuple(r) for r in conn.execute(sql)) for name, sql in tables.items()}
        members: dict[str, list[str]] = {}
        for sig, cid in conn.execute("SELECT signal_id, claim_id FROM claim_members"):
            members.setdefault(cid, []).append(sig)
        key = {cid: "|".join(sorted(s)) for cid, s in members.items()}
        out["claims"] = Counter((key.get(r[0], r[0]), *r[1:]) for r in conn.execute(
            "SELECT id, reports, outlets_json, origins_json, status FROM claims"))
        out["claim_members"] = Counter((s, key[c], role) for s, c, role in conn.execute(
            "SELECT signal_id, claim_id, role FROM claim_members"))
        out["integrity"] = Counter([(conn.execute("PRAGMA integrity_check").fetchone()[0],)])
    return out


def test_an_ingest_killed_three_times_then_resumed_equals_a_clean_run(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _inputs(folder)
    clean_db, killed_db = tmp_path / "clean.db", tmp_path / "killed.db"
    took = _complete(folder, clean_db)

    rng = random.Random(16)
    for delay in sorted((rng.uniform(0.25, 0.85) * took for _ in range(3)), reverse=True):
        proc = _ingest(folder, killed_db)
        try:
            proc.wait(timeout=delay)  # finished before its kill: allowed, the end state is checked
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        finally:
            assert proc.stderr is not None
            proc.stderr.close()
    _complete(folder, killed_db)

    clean, resumed = _state(clean_db), _state(killed_db)
    assert sum(clean["documents"].values()) == 12 and clean["copy_members"] and clean["claims"]
    assert clean["signals"] and clean["signal_actors"]  # the articles give something to compare
    assert max(resumed["documents"].values()) == 1 and max(resumed["sources"].values()) == 1
    assert resumed == clean
    assert resumed["integrity"] == Counter([("ok",)]) and not resumed["pending"]
