"""Exports: PLOVER JSON and CAMEO TSV from a store holding invented articles."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

import newstrace
from newstrace.cli.export_cmd import export
from newstrace.export import CAMEO_COLUMNS, cameo_rows, plover_events, write_cameo, write_plover
from newstrace.records import Condition, ExtractedDocument
from newstrace.store import Store

ARTICLES = Path(__file__).parent / "fixtures" / "articles.jsonl"


def _fixture_text(url: str) -> str:
    for line in ARTICLES.read_text("utf-8").splitlines():
        row = json.loads(line)
        if row["url"] == url:
            return str(row["text"])
    raise KeyError(url)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "export.db"
    # these tests check the export formats over known signals: the rule extractor keeps
    # them apart from the trained model's weights (whose own tests are in tests/extract)
    with pytest.MonkeyPatch.context() as mp, newstrace.open(path) as store:
        mp.setenv("NEWSTRACE_SIGNALS", "rules")
        report = store.ingest([ARTICLES])
    assert len(report.added) == 2 and not report.rejected
    return path


def _one(events: list[dict[str, Any]], typ: str, actor: str) -> dict[str, Any]:
    found = [e for e in events if e["signal_type"] == typ and e["actor"][0]["identifier_text"] == actor]
    assert len(found) == 1, [(e["signal_type"], e["actor"]) for e in events]
    return found[0]


# ------------------------------------------------------------------ PLOVER


def test_plover_one_record_per_signal(store: Store) -> None:
    events = plover_events(store)
    assert len(events) == len(store.signals()) >= 3
    assert len({e["id"] for e in events}) == len(events)
    for e in events:
        assert e["has_event"] is True and len(e["event"]) == 1
        assert e["quad_code"] in (1, 2, 3, 4)
        assert -10 <= e["event_scale"] <= 10
        assert e["event_text"][0] in e["anchor_quote"]
        assert e["polarity"] in ("positive", "negative", "hedged")
        assert e["provenance"]["signal_id"] == e["id"]
        assert e["coder"].startswith("newstrace")


def test_plover_rejection_values_and_offsets(store: Store) -> None:
    e = _one(plover_events(store), "reject", "Ardan Morvek")
    assert e["event"] == ["REJECT"]
    assert e["mode"] == ["yield"]  # a rejected ceasefire: REJECT 'yield', CAMEO 1246
    assert e["cameo"] == "1246"
    assert e["quad_code"] == 3 and e["event_scale"] == -2.0
    assert "military" in e["context"]
    assert e["actor"][0]["entity_text"] == "Kaldorian President Ardan Morvek"
    assert e["recipient"] is None
    # "on Tuesday" before a Wednesday publication: the event date, to the day
    assert (e["date"], e["date_precision"], e["date_basis"]) == ("2031-05-13", "day", "event")
    assert e["anchor_quote"].startswith("Kaldorian President Ardan Morvek on Tuesday rejected")
    p = e["provenance"]
    assert p["url"] == "https://example.org/news/kaldoria-rejects-truce"
    assert p["outlet"] == "Example Wire" and p["published"] == "2031-05-14"
    assert p["attribution"]["speaker"] == "Ardan Morvek"
    assert p["attribution"]["source_kind"] == "on_record"
    evidence = e["event_text"][0]
    source = _fixture_text(p["url"])
    assert source[p["source_start"]:p["source_end"]] == evidence
    clean = store.document_text(p["doc_id"])
    assert clean[p["clean_start"]:p["clean_end"]] == evidence


def test_plover_publication_date_when_text_gives_none(store: Store) -> None:
    e = _one(plover_events(store), "demand", "Lusavia")
    assert e["event"] == ["REQUEST"] and e["mode"] == ["meet"] and e["cameo"] == "106"
    assert (e["date"], e["date_precision"], e["date_basis"]) == ("2031-05-14", "day", "published")
    assert e["provenance"]["attribution"]["speaker"] == "Lusavian officials"
    assert e["topics"] == ["negotiations"]


def test_plover_actor_filter(store: Store) -> None:
    events = plover_events(store, actor="Lusavia")
    assert events and all(e["actor"][0]["identifier_text"] == "Lusavia" for e in events)
    assert {e["event"][0] for e in events} == {"REQUEST", "AGREE"}


def test_write_plover_is_a_json_array(store: Store) -> None:
    out = io.StringIO()
    n = write_plover(store, out)
    assert json.loads(out.getvalue()) == plover_events(store) and n == len(plover_events(store))


def test_statement_has_no_plover_event_and_partial_date(
    tmp_path: Path, make_extracted: Callable[..., ExtractedDocument]
) -> None:
    text = "Officials confirmed the convoy reached the river last month.\nNo one else said anything."
    evidence = "confirmed the convoy reached the river"
    doc = make_extracted(text, published=None, signals=[(evidence, "Lusavia", "confirm", "2031-04")])
    with newstrace.open(tmp_path / "s.db") as store:
        store.add(doc)
        [e] = plover_events(store)
        [row] = cameo_rows(store)
    assert e["has_event"] is False and e["event"] == [] and e["quad_code"] is None
    assert e["cameo"] == "010"
    assert (e["date"], e["date_precision"]) == ("2031-04", "month")
    assert (row["SQLDATE"], row["MonthYear"], row["Year"]) == ("203104", "203104", "2031")
    assert row["EventRootCode"] == "01" and row["QuadClass"] == "1" and row["PloverEvent"] == ""
    assert row["Via"] == "Example Wire" and row["Speaker"] == "officials"


def test_conditions_and_certainty_are_exported(
    tmp_path: Path, make_extracted: Callable[..., ExtractedDocument]
) -> None:
    text = "Lusavia would join talks only if Kaldoria first left the heights, officials said."
    doc = make_extracted(text, signals=[("Lusavia would join talks", "Lusavia", "intent_to_negotiate", None)])
    start = text.index("Kaldoria first left the heights")
    cond = Condition("withdrawal", "Kaldoria first left the heights", start, start + 31)
    [sig] = doc.signals
    sig = dataclasses.replace(sig, conditions=(cond,), certainty="reported")
    doc = dataclasses.replace(doc, signals=(sig,))
    with newstrace.open(tmp_path / "c.db") as store:
        store.add(doc)
        [e] = plover_events(store)
        [row] = cameo_rows(store)
    [c] = e["conditions"]
    assert (c["topic"], c["state"], c["detail"]) == ("withdrawal", "required", cond.detail)
    assert text[c["start"]:c["end"]] == cond.detail
    assert e["certainty"] == "reported" and row["Certainty"] == "reported"
    assert row["Conditions"] == "required:withdrawal"
    assert (e["event"], e["cameo"]) == (["AGREE"], "036")


# ------------------------------------------------------------------ CAMEO


def _read_tsv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text), delimiter="\t"))


def test_cameo_tsv_header_and_rows(store: Store) -> None:
    out = io.StringIO()
    n = write_cameo(store, out)
    header = out.getvalue().split("\n", 1)[0].split("\t")
    assert header == [name for name, _ in CAMEO_COLUMNS]
    rows = _read_tsv(out.getvalue())
    assert len(rows) == n == len(store.signals())
    for r in rows:
        assert r["EventRootCode"] == r["EventCode"][:2] and r["EventBaseCode"] == r["EventCode"][:3]
        assert r["SQLDATE"].isdigit() and len(r["SQLDATE"]) == 8


def test_cameo_aid_row_values(store: Store) -> None:
    out = io.StringIO()
    write_cameo(store, out)
    [row] = [r for r in _read_tsv(out.getvalue()) if r["SignalType"] == "aid"]
    assert (row["EventCode"], row["EventRootCode"], row["QuadClass"]) == ("070", "07", "2")
    assert (row["PloverEvent"], row["PloverScale"]) == ("AID", "10")
    assert row["SQLDATE"] == "20310602" and row["DateBasis"] == "event"  # "on Monday", published Monday
    assert row["SOURCEURL"] == "https://example.org/news/lusavia-aid"
    source = _fixture_text(row["SOURCEURL"])
    assert source[int(row["SourceStart"]):int(row["SourceEnd"])] == row["Evidence"]
    assert row["Evidence"].startswith("Solvenna delivered 40 tonnes of food aid")


# ------------------------------------------------------------------ CLI


def _app() -> typer.Typer:
    app = typer.Typer()
    app.command("export")(export)

    @app.command()
    def version() -> None:  # a second command, so typer keeps "export" as a subcommand
        pass

    return app


def test_cli_export_to_stdout_and_file(db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(_app(), ["export", "--format", "plover", "--db", str(db), "--actor", "Morvek"])
    assert result.exit_code == 0, result.output
    events = json.loads(result.stdout)
    assert [e["signal_type"] for e in events] == ["reject", "threaten"]  # the warning is a threat
    out = tmp_path / "events.tsv"
    result = runner.invoke(_app(), ["export", "--format", "cameo", "--db", str(db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert len(_read_tsv(out.read_text("utf-8"))) == len(json.loads(
        runner.invoke(_app(), ["export", "--format", "plover", "--db", str(db)]).stdout))


def test_cli_missing_store_is_an_error(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    result = CliRunner().invoke(_app(), ["export", "--format", "cameo", "--db", str(missing)])
    assert result.exit_code == 2 and not missing.exists()


def test_extended_types_and_group_actors_are_exported(
    tmp_path: Path, make_extracted: Callable[..., ExtractedDocument]
) -> None:
    """Extended types get their PLOVER category, quad and CAMEO root; a generic group
    actor ("police") the kind its extractor gave it and a stable ID."""
    text = ("Lusavia halted its aid to Kaldoria on Monday.\n"
            "Police arrested forty protesters in the capital.")
    doc = make_extracted(text, signals=[
        ("Lusavia halted its aid to Kaldoria", "Lusavia", "sanction", None),
        ("Police arrested forty protesters", "police", "coerce", None),
    ])
    aid = dataclasses.replace(doc.signals[0], topics=("aid",))
    police = dataclasses.replace(doc.signals[1], actor_kind="government")  # as extract resolves it
    doc = dataclasses.replace(doc, signals=(aid, police))
    with newstrace.open(tmp_path / "x.db") as store:
        store.add(doc)
        events = plover_events(store)
        rows = cameo_rows(store)
    sanction = _one(events, "sanction", "Lusavia")
    assert (sanction["event"], sanction["mode"], sanction["cameo"]) == (["SANCTION"], ["discontinue"], "162")
    assert sanction["quad_code"] == 3 and sanction["event_scale"] == -6.0
    coerce = _one(events, "coerce", "police")
    assert coerce["event"] == ["COERCE"] and coerce["quad_code"] == 4
    assert coerce["actor"][0]["kind"] == "government"
    by_type = {r["SignalType"]: r for r in rows}
    assert (by_type["coerce"]["EventRootCode"], by_type["coerce"]["QuadClass"]) == ("17", "4")
    assert by_type["coerce"]["Actor1Type"] == "government"
    assert by_type["coerce"]["Actor1Code"] == coerce["actor"][0]["identifier_id"]
    assert (by_type["sanction"]["EventBaseCode"], by_type["sanction"]["PloverEvent"]) == ("162", "SANCTION")
