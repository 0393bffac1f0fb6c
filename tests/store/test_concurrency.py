"""Two writers at once, and readers while a writer works (issue 16 item 4), on both backends.

Articles are invented here. The first tests stage the race deterministically; the last
runs two real ``newstrace ingest`` processes over overlapping folders.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import Connection, text

import newstrace
from newstrace.records import ExtractedDocument, Rejected
from newstrace.store import Store
from newstrace.store.engine import take_write_lock
from newstrace.store.search import ensure_index, search

PLACES = ["Harwick", "Delmora", "Ostrava Bay", "Kelvin Ford", "Marrow Point", "Sundby", "Tolliver",
          "Quarry Hill", "Ashgrove", "Penhallow", "Brisk Water", "Lowmoor"]


def article(n: int) -> str:
    place = PLACES[n % len(PLACES)]
    return (f"Ferry strike ends in {place}\n\n"
            f"Union leader Mara Quist said on Monday that crews in {place} would return to work "
            f"after talks with the operator over pier {n}.\n\n"
            f"The operator said it would meet the union again in {n + 2} weeks to discuss wages.\n")


def write_folder(folder: Path, numbers: range) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for n in numbers:
        (folder / f"a{n:02d}.txt").write_text(article(n), "utf-8")
    return folder


@contextmanager
def writer_holding_the_store(store: Store) -> Iterator[Connection]:
    """Another writer in the middle of its transaction (as an ingest's link stage would be)."""
    with store.engine.connect() as conn:
        trans = conn.begin()
        take_write_lock(conn)
        conn.execute(text("INSERT INTO boilerplate_lines (grp, line, fingerprint) VALUES ('g', 'l', 'f')"))
        try:
            yield conn
        finally:
            trans.rollback()


def test_a_document_stored_meanwhile_is_no_rejection(
    store_target: str | Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The race of two ingests: both saw the text as new, the other stored it first."""
    folder = write_folder(tmp_path / "in", range(2))
    first = newstrace.open(store_target)
    first.ingest([folder])
    second = newstrace.open(store_target)
    monkeypatch.setattr(second, "known_ids", lambda ids: set())  # it looked before the first stored
    report = second.ingest([folder])
    assert report.rejected == []
    assert second.rejections() == []
    assert len(second.documents()) == 2
    names = sorted(s["name"] for d in second.documents() for s in second.sources(d.id))
    assert names == ["a00.txt", "a01.txt"]
    first.close()
    second.close()


def test_a_folder_named_relatively_is_the_same_source(
    store_target: str | Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_folder(tmp_path / "in", range(2))
    store = newstrace.open(store_target)
    store.ingest([tmp_path / "in"])
    monkeypatch.chdir(tmp_path)
    again = store.ingest([Path("in")])
    assert again.added == [] and sorted(again.unchanged) == ["a00.txt", "a01.txt"]
    paths = [s["source_path"] for d in store.documents() for s in store.sources(d.id)]
    assert sorted(paths) == [str(tmp_path / "in" / "a00.txt"), str(tmp_path / "in" / "a01.txt")]
    # no document became an "exact copy" of itself
    assert [m for g in store.copies() for m in g.members if m["kind"] == "exact"] == []
    store.close()


def test_a_stored_input_leaves_no_stale_rejection(
    store_target: str | Path, make_extracted: Callable[..., ExtractedDocument]
) -> None:
    store = newstrace.open(store_target)
    ex = make_extracted(article(1), name="a01.txt")
    clean = ex.dated.clean
    raw = replace(clean.raw, source_path="in/a01.txt")
    ex = replace(ex, dated=replace(ex.dated, clean=replace(clean, raw=raw)))
    store.add(Rejected("a01.txt", "[E010] Processing failed: database is locked", "E010", "in/a01.txt"))
    assert [r.code for r in store.rejections()] == ["E010"]
    store.add(ex)
    assert store.rejections() == []
    store.close()


def test_readers_never_wait_for_a_writer(
    store_target: str | Path, make_extracted: Callable[..., ExtractedDocument],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """While another writer holds the store: queries, opening the store and the search index
    answer from what is committed, and a second writer waits for its turn instead of failing."""
    monkeypatch.setenv("NEWSTRACE_BUSY_TIMEOUT", "30")  # a regression fails here instead of hanging
    store = newstrace.open(store_target)
    said = ("crews in Delmora would return to work", "Mara Quist", "agree", None)
    store.add(make_extracted(article(1), name="one.txt", signals=[said]))
    ensure_index(store)
    late = make_extracted(article(2), name="two.txt")
    done = threading.Event()
    with writer_holding_the_store(newstrace.open(store_target)):
        reader = newstrace.open(store_target)  # migrations are current: opening takes no lock
        assert [d.name for d in reader.documents()] == ["one.txt"]
        assert [s.actor for s in reader.signals()] == ["Mara Quist"]
        assert [h.name for h in search(reader, "Delmora")] == ["one.txt"]
        assert ensure_index(reader) == 0  # the index waits for the next call, the reader does not

        def second_writer() -> None:
            reader.add(late)
            done.set()

        thread = threading.Thread(target=second_writer)
        thread.start()
        assert not done.wait(0.5)  # its turn has not come
    thread.join(timeout=60)
    assert done.is_set()
    assert sorted(d.name for d in store.documents()) == ["one.txt", "two.txt"]
    assert ensure_index(store) == 1
    reader.close()
    store.close()


def test_two_ingest_processes_over_overlapping_folders(store_target: str | Path, tmp_path: Path) -> None:
    """Two real `newstrace ingest` processes at once: every text stored once, every input kept
    as a source, nothing rejected, both exit 0."""
    a = write_folder(tmp_path / "a", range(0, 8))
    b = write_folder(tmp_path / "b", range(4, 12))
    for n in range(4, 8):  # the overlap: the same files, read through both folders' copies
        (b / f"a{n:02d}.txt").write_text(article(n), "utf-8")
    newstrace.open(store_target).close()  # created first, as a user's ingest would have
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "NEWSTRACE_BUSY_TIMEOUT": "300"}
    cmd = [sys.executable, "-c", "from newstrace.cli.app import main; main()", "ingest", "--json",
           "--db", str(store_target)]
    procs = [subprocess.Popen([*cmd, str(folder)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=env) for folder in (a, b)]
    outs = [p.communicate(timeout=900) for p in procs]
    for p, (_out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err[-2000:]
    store = newstrace.open(store_target)
    docs = store.documents()
    assert len(docs) == 12 and len({d.id for d in docs}) == 12
    assert store.rejections() == []
    sources = sorted(s["source_path"] for d in docs for s in store.sources(d.id))
    expected = sorted([str(a / f"a{n:02d}.txt") for n in range(0, 8)]
                      + [str(b / f"a{n:02d}.txt") for n in range(4, 12)])
    assert sources == expected
    store.close()
