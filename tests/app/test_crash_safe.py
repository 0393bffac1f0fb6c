"""Crash-safe linking: written documents stay marked until linked; the next write links them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import text

import newstrace
from newstrace.link import claim_build
from newstrace.store.link_state import pending_ids

from .conftest import snapshot

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "link" / "fixtures" / "copies"
SAMPLES = ROOT / "samples" / "corpus"


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for f in sorted(SAMPLES.glob("*.txt"))[:6]:
        shutil.copy(f, folder / f.name)
    for name in ("original.txt", "near.txt"):
        shutil.copy(FIXTURES / name, folder / name)
    return folder


@pytest.mark.usefixtures("fixed_clock")
def test_a_run_killed_before_linking_is_finished_by_the_next_ingest(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path)
    store = newstrace.open(tmp_path / "crash.db")

    def killed(*args: object, **kwargs: object) -> int:
        raise KeyboardInterrupt  # the process dies while linking

    with monkeypatch.context() as patched, pytest.raises(KeyboardInterrupt):
        patched.setattr(claim_build, "rebuild_claims", killed)
        store.ingest([folder], n_process=1)
    with store.engine.connect() as conn:
        assert len(pending_ids(conn)) == 8  # every written document still waits for its links
        # the link transaction rolled back as a whole: no half-built copy groups or actor links
        assert conn.execute(text("SELECT COUNT(*) FROM copy_members")).scalar() == 0
        assert conn.execute(text("SELECT COUNT(*) FROM signal_actors")).scalar() == 0

    again = store.ingest([folder], n_process=1)  # nothing new to read: it only finishes the links
    assert again.added == [] and len(again.unchanged) == 8
    with store.engine.connect() as conn:
        assert pending_ids(conn) == []

    fresh = newstrace.open(tmp_path / "fresh.db")
    fresh.ingest([folder], n_process=1)
    assert snapshot(store) == snapshot(fresh)
    assert snapshot(store)["copy_members"] and snapshot(store)["claims"]


def test_nothing_pending_means_no_link_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path)
    store = newstrace.open(tmp_path / "s.db")
    store.ingest([folder], n_process=1)
    calls: list[int] = []
    monkeypatch.setattr(claim_build, "rebuild_claims", lambda *a, **k: calls.append(1) or 0)
    assert store.link() is False
    store.ingest([folder], n_process=1)
    assert calls == []
    store.relink()  # the full rebuild runs whatever is pending
    assert calls == [1]
