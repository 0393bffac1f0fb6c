"""Ingest on a local Dask cluster (2 worker processes) gives the same store as one process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import newstrace
from newstrace.distributed import dask_runner, open_client
from newstrace.errors import NewstraceError
from newstrace.ingest import read_paths
from newstrace.records import Rejected

# Short articles written for this test, in the fictional world of the sample actor pack.
ARTICLES = {
    "01_guarantees.txt": (
        "Morvek sets guarantees as condition for dam talks\n\nVESSGRAD, Oct 6 (Harbor Wire) - Kaldorian "
        "President Ardan Morvek said on Monday that Kaldoria was ready to negotiate with Lusavia only if "
        "Lusavia first gave written guarantees on the Kessel Gorge Dam.\n\nMorvek also rejected calls "
        "from Lusavia to stop work on the dam.\n"),
    "02_denial.txt": (
        "Morvek denies shelling claims\n\nTALMERE, Oct 7 (Harbor Wire) - Ardan Morvek denied that "
        "Kaldorian forces had shelled Lusavian villages near the border.\n"),
    "03_solvenna.txt": (
        "Solvenna offers to host dam talks\n\nARLENZ, Sept 12 (Harbor Wire) - Solvenna offered on Friday "
        "to host talks between Kaldoria and Lusavia on the Kessel Gorge Dam, its foreign minister said.\n"),
    "04_no_preconditions.txt": (
        "Morvek ready for dam talks without preconditions\n\nVESSGRAD, Oct 20 (Harbor Wire) - Kaldorian "
        "President Ardan Morvek said on Monday that Kaldoria was ready to negotiate with Lusavia on the "
        "Kessel Gorge Dam without preconditions.\n"),
    "05_copy.txt": (
        "Morvek denies shelling claims\n\nTALMERE, Oct 7 (Harbor Wire) - Ardan Morvek denied that "
        "Kaldorian forces had shelled Lusavian villages near the border.\n"),
    "06_empty.txt": "   \n",
    "07_valley.txt": (
        "Valley villages wait for water deal\n\nFarmers along the Orva said on Sunday that they had waited "
        "all summer for a water agreement between the two capitals, and that the river was lower than "
        "anyone could remember.\n"),
}


def _snapshot(store: Any) -> dict[str, Any]:
    return {
        "docs": sorted((d.id, d.name, d.status, d.published) for d in store.documents()),
        "attributions": sorted(a.id for a in store.attributions()),
        "signals": sorted((s.id, s.actor, s.type) for s in store.signals()),
        "claims": sorted((c.id, c.status, c.reports) for c in store.claims()),
        "rejections": sorted((r.name, r.code) for r in store.rejections()),
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("articles")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, "utf-8")
    return folder


@pytest.fixture(scope="module")
def single(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    with newstrace.open(tmp_path_factory.mktemp("one") / "one.db") as store:
        report = store.ingest([str(corpus)], batch_size=2)
        yield {"report": report, "store": _snapshot(store)}


def test_two_workers_give_the_same_ids_and_counts(
    corpus: Path, single: dict[str, Any], tmp_path: Path,
) -> None:
    from newstrace.nlp import model as nlp_model

    with dask_runner("local:2") as runner, newstrace.open(tmp_path / "dask.db") as store:
        workers = runner.client.scheduler_info()["workers"]
        assert len(workers) == 2 and all(w["nthreads"] == 1 for w in workers.values())
        report = store.ingest([str(corpus)], batch_size=2, runner=runner)
        # the same runner again (a second scatter of an equal boilerplate model must not trip Dask)
        items = list(read_paths([str(corpus)]))
        again = list(runner(items, batch_size=3))
        loads = runner.client.run(lambda: nlp_model._load.cache_info().misses)
        used = runner.client.run(lambda: nlp_model._load.cache_info().hits)
        distributed = _snapshot(store)
    expected = single["report"]
    assert sorted(report.added) == sorted(expected.added) and len(report.added) == 5
    assert sorted(report.unchanged) == sorted(expected.unchanged) == ["05_copy.txt"]
    assert [r.code for r in report.rejected] == [r.code for r in expected.rejected] == ["E002"]
    assert distributed == single["store"]
    stored = {d[0] for d in distributed["docs"]}
    assert {r.dated.clean.raw.doc_id for r in again if not isinstance(r, Rejected)} == stored
    assert [r.code for r in again if isinstance(r, Rejected)] == ["E002"]
    assert distributed["signals"] and distributed["claims"] and distributed["attributions"]
    # the plugin loaded the spaCy pipeline once on each worker, and every chunk reused it
    assert sorted(loads.values()) == [1, 1]
    assert sum(used.values()) >= 4  # 4 chunks of 2 documents, at least one lookup each


@pytest.mark.parametrize("spec", ["local:0", "local:two", "http://scheduler:8786", "scheduler"])
def test_bad_cluster_addresses(spec: str) -> None:
    with pytest.raises(NewstraceError) as info:
        open_client(spec)
    assert info.value.code == "E080"


def test_cli_ingest_on_dask(corpus: Path, single: dict[str, Any], tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from newstrace.cli.app import app

    db = tmp_path / "cli.db"
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(db), "--dask", "local:1",
                                      "--batch-size", "3", "--json"])
    assert result.exit_code == 1, result.output  # the empty article is rejected
    assert json.loads(result.stdout)["added"] == 5
    with newstrace.open(db) as store:
        assert _snapshot(store) == single["store"]
    bad = CliRunner().invoke(app, ["ingest", str(corpus), "--db", str(db), "--dask", "nowhere"])
    assert bad.exit_code == 2 and "[E080]" in bad.output
