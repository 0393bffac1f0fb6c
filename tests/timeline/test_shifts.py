"""Position timelines and shifts over a store of invented articles (Kaldoria, Lusavia, Solvenna)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

import newstrace
from newstrace.cli import story_cmd
from newstrace.records import EXTENDED_SIGNAL_TYPES, GOLD_SIGNAL_TYPES
from newstrace.store import Store
from newstrace.store.rows import SignalRow
from newstrace.timeline.shifts import (
    Position,
    PositionTimeline,
    actor_shifts,
    compare,
    explain,
    rules,
)

WriteJsonl = Callable[[Path, list[dict[str, Any]]], Path]

GUARANTEES = ("Morvek wants guarantees before truce\n\nKaldorian President Ardan Morvek said on Monday "
              "that Kaldoria would agree to a ceasefire only with security guarantees from Solvenna.\n\n"
              "The Orva River dispute has lasted three years.")
TALKS = ("Morvek offers talks\n\nArdan Morvek said on Sunday that Kaldoria was ready to hold talks with "
         "Lusavia without preconditions.\n\nLusavian officials welcomed the offer cautiously.\n\n"
         "The two countries have disputed the waters of the Orva River and the Kessel Gorge Dam for "
         "three years. Farmers on both banks depend on the river for irrigation, and water levels "
         "fell sharply last summer.")
TALKS_AGAIN = ("Kaldoria open to talks\n\nSpeaking in Vessgrad, Ardan Morvek said that Kaldoria was ready "
               "to hold talks with Lusavia without preconditions.\n\nSolvenna offered to host a meeting.")
THREAT = ("Morvek threatens force\n\nArdan Morvek threatened on Wednesday to break off negotiations and "
          "seize the Dravic Heights by force. He insisted that Lusavia withdraw its troops from the "
          "Dravic Heights before any talks.\n\nThe warning came after a week of shelling.")

ARTICLES = [
    ("guarantees.txt", "Example Wire", "2031-03-10", GUARANTEES),
    ("talks.txt", "Lusavia Daily", "2031-04-20", TALKS),
    # the same report again: a copy of the talks article, and another outlet's own report
    ("talks_copy.txt", "River Herald", "2031-04-20",
     TALKS + "\n\nThis article first appeared in the Lusavia Daily."),
    ("talks_again.txt", "Solvenna Times", "2031-04-21", TALKS_AGAIN),
    ("threat.txt", "Kelmora Post", "2031-05-14", THREAT),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, write_jsonl: WriteJsonl) -> Path:
    folder = tmp_path_factory.mktemp("shifts")
    rows = [{"file": name, "url": f"https://example.org/{name}", "outlet": outlet,
             "published": published, "title": body.split("\n")[0], "text": body}
            for name, outlet, published, body in ARTICLES]
    path = folder / "s.db"
    with newstrace.open(path) as store:
        report = store.ingest([write_jsonl(folder / "in" / "articles.jsonl", rows)])
    assert len(report.added) == len(ARTICLES) and not report.rejected
    return path


def _settlement(store: Store) -> PositionTimeline:
    found = [t for t in actor_shifts(store, actor="Morvek") if t.stream == "settlement"]
    assert len(found) == 1
    return found[0]


def test_positions_merge_repeated_reports_and_count_copies_once(store: Store) -> None:
    pt = _settlement(store)
    assert pt.actor == "Ardan Morvek"
    first = pt.positions[0]
    assert first.first_date == "2031-03-10"
    assert [c["topic"] for c in first.conditions] == ["guarantees"]
    assert first.conditions[0]["state"] == "required"
    talks = [p for p in pt.positions if any(c["state"] == "none" for c in p.conditions)]
    assert len(talks) == 1  # three reports of one position
    assert talks[0].type == "intent_to_negotiate" and talks[0].first_date == "2031-04-20"
    assert talks[0].last_date == "2031-04-21"
    assert talks[0].reports == 3
    assert talks[0].origins == 2  # the copy counts with its original


def test_shifts_in_order_with_explanations(store: Store) -> None:
    shifts = _settlement(store).shifts
    assert [s.date for s in shifts] == ["2031-04-20", "2031-05-14", "2031-05-14"]
    dropped, threat, demand = shifts
    # guarantees → without preconditions: a blanket "none" drops the earlier condition
    assert "dropped the condition guarantees" in dropped.explanation
    assert "(required → none)" in dropped.explanation
    assert dropped.before.type == "agree" and dropped.after.type == "intent_to_negotiate"
    # the repeat on 2031-04-21 is no new position, so the threat is compared with the talks offer
    assert threat.before.key == dropped.after.key
    assert threat.after.type == "threaten"
    assert "intent_to_negotiate → threaten (conciliatory → confrontational)" in threat.explanation
    assert demand.after.type == "demand"
    assert "added the condition withdrawal" in demand.explanation
    assert "(none → required)" in demand.explanation


def test_shift_evidence_names_both_positions_reports(store: Store) -> None:
    dropped = _settlement(store).shifts[0]
    (before,) = dropped.before_evidence
    assert before.date == "2031-03-10" and before.source_kind == "on_record"
    assert "security guarantees" in before.sentence and before.signal_id.startswith("s")
    after_docs = {e.doc_id for e in dropped.after_evidence}
    assert len(dropped.after_evidence) == 2 and len(after_docs) == 2  # the talks article and its copy
    assert all("without preconditions" in e.sentence for e in dropped.after_evidence)
    assert all(e.date == "2031-04-20" for e in dropped.after_evidence)
    assert {e.outlet for e in dropped.after_evidence} == {"Lusavia Daily", "River Herald"}
    # the evidence is the store's: the IDs lead back to the signals
    row = store.get(before.signal_id)
    assert isinstance(row, SignalRow) and row.doc_id == before.doc_id


def test_topic_option_makes_one_stream(store: Store) -> None:
    (pt,) = actor_shifts(store, actor="Ardan Morvek", topic="negotiations")
    assert pt.stream == "negotiations"
    assert all("guarantees" not in p.topics for p in pt.positions)
    assert actor_shifts(store, actor="Ardan Morvek", topic="aid") == []


def _position(polarity: str, conditions: list[dict[str, str]], type_: str = "demand") -> Position:
    return Position(key="k", stream="s", type=type_, polarity=polarity, conditions=conditions,
                    topics=["territory"], first_date=None, last_date=None, reports=1, origins=1)


def test_polarity_and_silence_rules() -> None:
    old = _position("positive", [{"topic": "territory", "state": "required", "detail": "the Heights"}])
    new = _position("negative", [])
    changes = compare(old, new)
    assert [(c.kind, c.old, c.new, c.triggers) for c in changes] == [
        ("condition", "required", "unstated", False), ("polarity", "positive", "negative", True)]
    assert explain(changes) == ("no longer states the condition territory: the Heights "
                                "(required → unstated); polarity positive → negative on territory")
    # "does not refuse talks" after "ready to talk": the stance is the same, so no change
    ready = _position("positive", [], "intent_to_negotiate")
    assert compare(ready, _position("negative", [], "reject")) == []
    # the same type negated: one polarity change, no second stance line
    flipped = compare(_position("positive", [], "reject"), _position("negative", [], "reject"))
    assert [c.kind for c in flipped] == ["polarity"] and flipped[0].triggers
    # hedging alone is worded but does not make a shift
    assert not any(c.triggers for c in compare(_position("positive", []), _position("hedged", [])))


def test_positions_are_stated_terms_not_events() -> None:
    r = rules()
    assert r.position_types <= set(GOLD_SIGNAL_TYPES)  # a timeline of terms, not of acts
    assert not r.position_types & set(EXTENDED_SIGNAL_TYPES)
    assert {"military_action", "meet", "aid", "deny", "confirm"}.isdisjoint(r.position_types)
    # every type with a stance is a position, so a stance change can be seen at all
    assert set(r.stance) <= r.position_types


def test_cli_shifts_json_and_table(db: Path) -> None:
    app = typer.Typer()
    app.command("shifts")(story_cmd.shifts)
    app.command("story")(story_cmd.story)
    runner = CliRunner()
    out = runner.invoke(app, ["shifts", "--actor", "Ardan Morvek", "--db", str(db), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    settlement = next(t for t in data if t["stream"] == "settlement")
    assert len(settlement["shifts"]) == 3
    assert settlement["shifts"][0]["before_evidence"][0]["doc_name"].endswith(":1")
    table = runner.invoke(app, ["shifts", "--actor", "Ardan Morvek", "--db", str(db)],
                          terminal_width=200)
    assert table.exit_code == 0 and "Shifts: Ardan Morvek" in table.output
    assert "dropped" in table.output and "guarantees" in table.output
    missing = runner.invoke(app, ["shifts", "--actor", "X", "--db", str(db.parent / "none.db")])
    assert missing.exit_code == 2
