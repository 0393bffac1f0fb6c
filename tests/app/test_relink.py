"""``newstrace relink`` rebuilds the links to what ingest left; stored inputs stream page by page."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import text
from typer.testing import CliRunner

import newstrace
from newstrace.cli.app import app

from .conftest import snapshot

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "corpus"


def test_relink_command_rebuilds_the_same_links(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for f in sorted(SAMPLES.glob("*.txt"))[:5]:
        shutil.copy(f, folder / f.name)
    db = tmp_path / "s.db"
    store = newstrace.open(db)
    store.ingest([folder], n_process=1)
    before = snapshot(store)
    with store.engine.begin() as conn:  # links lost: the relink must bring them back
        for table in ("claim_answers", "claim_members", "claims", "copy_members", "copy_links",
                      "signal_actors"):
            conn.execute(text(f"DELETE FROM {table}"))
    result = CliRunner().invoke(app, ["relink", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "relinked 5 documents" in result.output
    assert snapshot(store) == before


def test_stored_inputs_come_a_page_at_a_time_and_all_of_them(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for f in sorted(SAMPLES.glob("*.txt"))[:5]:
        shutil.copy(f, folder / f.name)
    store = newstrace.open(tmp_path / "s.db")
    store.ingest([folder], n_process=1)
    paged = [(r.doc_id, r.name, r.text) for r in store.stored_inputs(page=2)]
    whole = [(r.doc_id, r.name, r.text) for r in store.stored_inputs(page=1000)]
    assert paged == whole and len(whole) == 5
    assert sorted(r[1] for r in whole) == sorted(f.name for f in folder.iterdir())
