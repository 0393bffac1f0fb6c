"""End to end: the CLI ingests the bundled sample corpus and prints the main actor's timeline."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newstrace.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples" / "corpus"
MAIN_ACTOR = tomllib.loads((ROOT / "samples" / "story.toml").read_text())["main_actor"]


def _expected_rows() -> list[dict[str, str]]:
    """The hand-made timeline rows of samples/EXPECTED.md (type and evidence)."""
    rows = []
    for line in (ROOT / "samples" / "EXPECTED.md").read_text("utf-8").splitlines():
        m = re.match(r"\| (\d+) \| ([\d-]+) \| (\S+) .*?\| `(.+?)` \| (\w+) \| (\w+) \|", line)
        if m:
            rows.append({"date": m.group(2), "file": m.group(3), "evidence": m.group(4),
                         "type": m.group(5), "polarity": m.group(6)})
    return rows


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("e2e") / "sample.db"
    result = CliRunner().invoke(app, ["ingest", str(SAMPLES), "--db", str(path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["added"] == 14 and report["rejected"] == []
    return path


def test_reingest_changes_nothing(db: Path) -> None:
    result = CliRunner().invoke(app, ["ingest", str(SAMPLES), "--db", str(db), "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"added": 0, "unchanged": 14, "rejected": [], "duplicates": {}}


def test_timeline_of_main_actor(db: Path) -> None:
    surname = MAIN_ACTOR.split()[-1]
    result = CliRunner().invoke(app, ["timeline", "--actor", surname, "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["actor"] == MAIN_ACTOR
    entries = out["entries"]
    dates = [e["date"] for e in entries if e["date"]]
    assert dates == sorted(dates), "timeline must be in event-date order"
    expected = _expected_rows()
    assert len(expected) >= 15

    def found(row: dict[str, str]) -> bool:
        return any(
            e["type"] == row["type"]
            and (row["evidence"] in e["sentence"] or e["evidence"] in row["evidence"])
            for e in entries
        )

    hits = [r for r in expected if found(r)]
    assert len(hits) / len(expected) >= 0.5, [r["evidence"] for r in expected if not found(r)]
    # The hedged concession (later denied) and the no-preconditions offer are both there.
    concession = [e for e in entries if e["type"] == "concession"]
    assert concession and concession[0]["polarity"] == "hedged"
    assert concession[0]["source_kind"] == "anonymous"
    assert any("without preconditions" in e["sentence"] for e in entries)
    # Every entry carries its source and where it was published.
    assert all(e["source_kind"] in {"on_record", "anonymous", "reported"} for e in entries)


def test_read_commands_json_and_show(db: Path) -> None:
    runner = CliRunner()
    docs = json.loads(runner.invoke(app, ["docs", "--db", str(db), "--json"]).stdout)
    assert len(docs) == 14
    assert [d["status_reason"] for d in docs if d["status"] != "processed"] == []
    undated = [d for d in docs if d["name"].startswith("12_")]
    assert undated[0]["published"] is None
    sigs = json.loads(runner.invoke(app, ["signals", "--actor", MAIN_ACTOR, "--type", "concession",
                                           "--db", str(db), "--json"]).stdout)
    assert sigs and all(s["type"] == "concession" for s in sigs)
    shown = runner.invoke(app, ["show", sigs[0]["id"], "--db", str(db)])
    assert shown.exit_code == 0
    assert "concession" in shown.stdout and sigs[0]["doc_name"] in shown.stdout
    att_id = sigs[0]["attribution_id"]
    if att_id:
        att = json.loads(runner.invoke(app, ["show", att_id, "--db", str(db), "--json"]).stdout)
        assert att["kind"] == "attribution"
    doc_shown = runner.invoke(app, ["show", docs[0]["id"], "--db", str(db), "--json"])
    assert json.loads(doc_shown.stdout)["id"] == docs[0]["id"]
    missing = runner.invoke(app, ["show", "s0000", "--db", str(db)])
    assert missing.exit_code == 2


def test_show_prints_the_source_structure_and_chain(db: Path) -> None:
    runner = CliRunner()
    atts = json.loads(runner.invoke(app, ["attributions", "--db", str(db), "--json"]).stdout)
    speaker = "A Kaldorian official, speaking on condition of anonymity"
    officials = [a for a in atts if a["speaker"] == speaker]
    assert officials, sorted({a["speaker"] or "" for a in atts})
    a = officials[0]
    assert a["source_count"] == "1" and a["source_roles"] == ["official"]
    assert a["source_affiliation"] == ["Kaldorian"] and "anonymous" in a["source_qualifiers"]
    assert a["via_chain"] == ["Agence France-Presse"]
    shown = runner.invoke(app, ["show", a["id"], "--db", str(db)])
    assert shown.exit_code == 0
    flat = " ".join(shown.stdout.split())  # the console wraps long lines
    assert "(anonymous, 1, official, Kaldorian) → via Agence France-Presse" in flat
    familiar = [a for a in atts if a["source_proximity"] == "familiar with his thinking"]
    assert familiar and familiar[0]["source_count"] == "2"
    relayed = [a for a in atts if a["via_chain"] and not a["named"]]
    assert relayed and all(a["via_chain"][0] == a["via"] for a in relayed)
    line = runner.invoke(app, ["show", relayed[0]["id"], "--db", str(db)]).stdout
    assert f"→ via {relayed[0]['via']}" in " ".join(line.split())


def test_extract_json_contract(tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text(
        "Harbor talks stall\n\nBy Staff Writer\n\n"
        "Minister Ola Brenn said on Monday that her government was ready to negotiate.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["extract", str(article), "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout.strip().splitlines()[0])
    for key in ("file", "id", "published", "outlet", "origin", "lines", "attributions", "signals"):
        assert key in doc
    assert set(doc["lines"]) == {"title", "meta", "body", "junk"}
    text = article.read_text("utf-8")
    for item in doc["attributions"] + doc["signals"]:
        assert text[item["start"] : item["end"]] == item["evidence"]


def test_ingest_reports_rejections_and_carries_on(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Envoy Tomas Reel said the talks would resume soon.\n", "utf-8")
    (tmp_path / "empty.txt").write_text("", "utf-8")
    (tmp_path / "blob.txt").write_bytes(b"\x00\xff\x00binary")
    (tmp_path / "cut.html").write_text(
        "<html><body><article><p>Envoy Tomas Reel said on Monday that the harbour board would "
        "meet again next week to settle the ferry dispute.</p><p>The board denied a", "utf-8")
    (tmp_path / "fr.txt").write_text(
        "Le ministre a déclaré lundi que les négociations reprendraient la semaine prochaine "
        "avec les représentants du port et de la ville.\n", "utf-8")
    (tmp_path / "big.txt").write_text("Minister Ola Brenn spoke. " * 50_000, "utf-8")
    # the store lives outside the input folder: every file in a folder is an input
    # (an unsupported one, such as the store itself, would be rejected E005)
    db = tmp_path.parent / f"{tmp_path.name}-r.db"
    result = CliRunner().invoke(app, ["ingest", str(tmp_path), "--db", str(db), "--json", "--max-mb", "1"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["added"] == 3
    assert sorted(r["code"] for r in report["rejected"]) == ["E002", "E003", "E006"]
    listed = json.loads(CliRunner().invoke(app, ["rejections", "--db", str(db), "--json"]).stdout)
    assert len(listed) == 3
    listing = CliRunner().invoke(app, ["docs", "--db", str(db), "--json"]).stdout
    docs = {d["name"]: d for d in json.loads(listing)}
    assert docs["fr.txt"]["status"] == "not_english" and docs["fr.txt"]["language"] == "fr"
    assert "E015" in docs["fr.txt"]["status_reason"]
    assert docs["cut.html"]["status"] == "processed"


def test_timeline_marks_denials_and_collapses_copies(db: Path) -> None:
    """The denied exclusive is marked with a link to the denial; the AFP copies are one entry."""
    out = json.loads(CliRunner().invoke(app, ["timeline", "--actor", MAIN_ACTOR, "--db", str(db),
                                              "--json"]).stdout)
    entries = out["entries"]
    exclusive = [e for e in entries if e["doc_name"].startswith("04_") and e["type"] == "concession"]
    assert exclusive and exclusive[0]["marks"] == ["denied"]
    assert exclusive[0]["answers"][0]["doc_name"].startswith("05_")
    truce = [e for e in entries if "30-day ceasefire" in e["sentence"]]
    assert len(truce) == 1, "the two AFP copies must collapse into one entry"
    assert set(truce[0]["outlets"]) == {"The Northern Dispatch", "Arlenz Morning Star"}
    assert len({e["signal_id"] for e in entries}) == len(entries)


def test_readme_python_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's Python block runs as written from a checkout (it used to raise TypeError)."""
    readme = (ROOT / "README.md").read_text("utf-8")
    block = readme.split("## Python API", 1)[1].split("```python", 1)[1].split("```", 1)[0]
    (tmp_path / "samples").symlink_to(ROOT / "samples")
    monkeypatch.chdir(tmp_path)
    scope: dict[str, object] = {}
    exec(compile(block, "README.md", "exec"), scope)
    frame = scope["entries"].to_pandas()  # type: ignore[attr-defined]
    assert len(frame) > 10 and {"date_label", "marks", "outlets"} <= set(frame.columns)
    docs = scope["docs"]
    assert isinstance(docs, list) and docs[0]["signals"]


def test_show_signal_prints_its_denial(db: Path) -> None:
    out = json.loads(CliRunner().invoke(app, ["timeline", "--actor", MAIN_ACTOR, "--db", str(db),
                                              "--json"]).stdout)
    denied = next(e for e in out["entries"] if e["doc_name"].startswith("04_") and e["marks"])
    shown = CliRunner().invoke(app, ["show", denied["signal_id"], "--db", str(db)], terminal_width=200)
    assert shown.exit_code == 0 and "denied by" in shown.output
    assert denied["answers"][0]["signal_id"] in shown.output
