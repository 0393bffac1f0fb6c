"""Escape sequences in article text never reach the terminal raw, nor an export; --json stays lossless."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newstrace.cli.app import app
from newstrace.records import ExtractedDocument
from newstrace.safe_text import cell, dumps, neutralise
from newstrace.store import Store

TITLE_SET = "\x1b]0;owned\x07"  # retitles the terminal and rings
CLEAR = "\x1b[2J"  # clears the screen
C1_CSI = "\x9b31m"  # an 8-bit CSI some terminals honour
ACTOR = f"Ola{CLEAR}Brenn"
HOSTILE = (TITLE_SET, CLEAR, C1_CSI, "\x07", "\x1b", "\x9b")


def _hostile_docs(make: Callable[..., ExtractedDocument]) -> list[ExtractedDocument]:
    import dataclasses

    sentence = f"Envoy {ACTOR} said {TITLE_SET}the ferry talks{CLEAR} would resume{C1_CSI} soon."
    out = []
    for n, outlet in enumerate((f"Harbour{TITLE_SET}Post", f"Rail{C1_CSI}Times")):
        text = f"{sentence}\nLine {n} of the report."
        doc = make(text, name=f"esc{n}{CLEAR}.txt", outlet=outlet,
                   signals=[(sentence, ACTOR, "intent_to_negotiate", None)])
        clean = dataclasses.replace(doc.dated.clean, title=f"Talks{TITLE_SET} resume [bold]x[/]")
        atts = tuple(dataclasses.replace(a, speaker=ACTOR, via=f"Wire{CLEAR}") for a in doc.attributions)
        out.append(dataclasses.replace(doc, dated=dataclasses.replace(doc.dated, clean=clean),
                                       attributions=atts))
    return out


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory,
               store_of: Callable[[Path, list[ExtractedDocument]], Store]) -> Iterator[Path]:
    from tests.conftest import build_extracted

    path = tmp_path_factory.mktemp("hostile") / "h.db"
    store = store_of(path, _hostile_docs(build_extracted))
    store.link()
    store.close()
    yield path


def _ids(db: Path) -> dict[str, str]:
    import newstrace

    with newstrace.open(db) as store:
        return {"doc": store.documents()[0].id, "signal": store.signals()[0].id,
                "attribution": store.attributions()[0].id}


def _commands(db: Path) -> list[list[str]]:
    ids = _ids(db)
    d = ["--db", str(db)]
    return [
        ["docs", *d], ["signals", *d], ["attributions", *d], ["timeline", "--actor", ACTOR, *d],
        ["claims", *d], ["copies", *d], ["story", "talks", *d], ["shifts", "--actor", ACTOR, *d],
        ["actors", *d], ["rejections", *d],
        ["show", ids["doc"], *d], ["show", ids["signal"], *d], ["show", ids["attribution"], *d],
        ["export", "--format", "cameo", *d], ["export", "--format", "plover", *d],
        ["report", "--actor", ACTOR, *d],
    ]


@pytest.mark.parametrize("columns", ["200", "70"])
def test_no_escape_sequence_reaches_the_terminal(hostile_db: Path, columns: str) -> None:
    runner = CliRunner()
    for args in _commands(hostile_db):
        result = runner.invoke(app, args, env={"COLUMNS": columns, "NO_COLOR": "1"})
        assert result.exit_code == 0, (args, result.output, result.exception)
        for bad in HOSTILE:
            assert bad not in result.output, (args, repr(bad))


def test_escapes_stay_out_even_on_a_colour_terminal(hostile_db: Path) -> None:
    """With colours on, rich adds its own style codes, but never the article's sequences."""
    runner = CliRunner()
    for args in _commands(hostile_db)[:13]:
        result = runner.invoke(app, args, env={"COLUMNS": "160", "FORCE_COLOR": "1", "TERM": "xterm"})
        assert result.exit_code == 0, (args, result.output)
        for bad in (TITLE_SET, CLEAR, C1_CSI, "\x07", "\x9b", "\x1b]"):
            assert bad not in result.output, (args, repr(bad))


def test_the_escapes_are_shown_as_visible_stand_ins(hostile_db: Path) -> None:
    ids = _ids(hostile_db)
    out = CliRunner().invoke(app, ["show", ids["signal"], "--db", str(hostile_db)],
                             env={"COLUMNS": "300"}).output
    assert "␛[2J" in out and "␛]0;owned" in out and "\\x9b31m" in out  # rich itself drops BEL


def test_json_output_is_lossless(hostile_db: Path) -> None:
    runner = CliRunner()
    for args in (["signals", "--json"], ["docs", "--json"], ["attributions", "--json"]):
        result = runner.invoke(app, [*args, "--db", str(hostile_db)])
        assert result.exit_code == 0
        for bad in HOSTILE:
            assert bad not in result.output, (args, repr(bad))
        rows = json.loads(result.output)
        joined = json.dumps(rows, ensure_ascii=False)
        assert CLEAR in joined or TITLE_SET in joined or "\x9b" in joined, args
    signals = json.loads(runner.invoke(app, ["signals", "--json", "--db", str(hostile_db)]).output)
    assert signals[0]["actor"] == ACTOR and TITLE_SET in signals[0]["sentence"]


def test_table_exports_escape_controls_and_guard_formulas(hostile_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    args = ["export", "--format", "csv", "--out", str(out), "--db", str(hostile_db)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    for table in out.glob("*.csv"):
        text = table.read_text("utf-8")
        for bad in HOSTILE:
            assert bad not in text, (table.name, repr(bad))
        list(csv.DictReader(io.StringIO(text)))  # still a well-formed CSV
    jsonl = tmp_path / "t.jsonl"
    CliRunner().invoke(app, ["export", "--format", "jsonl", "--out", str(jsonl), "--db", str(hostile_db)])
    raw = jsonl.read_text("utf-8")
    assert "\x1b" not in raw and "\x9b" not in raw
    rows = [json.loads(line) for line in raw.splitlines()]
    assert any(r.get("actor") == ACTOR for r in rows)  # lossless after parsing


def test_safe_text_helpers() -> None:
    assert neutralise("a\x1b[2Jb\x07c\td\ne\x7f\x9b") == "a␛[2Jb␇c\td\ne\\x7f\\x9b"
    assert json.loads(dumps({"k": "x\x1b\x9b\ud800"})) == {"k": "x\x1b\x9b\ud800"}
    assert "\x9b" not in dumps("\x9b") and "\x1b" not in dumps("\x1b")
    dumps("\ud800").encode("utf-8")
    assert cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert cell("-5") == "-5" and cell("-0.25") == "-0.25" and cell(3) == 3
    assert cell("@SUM(A1)") == "'@SUM(A1)" and cell("+1+1") == "'+1+1"
    assert cell("+cmd|' /C calc'!A0") == "'+cmd|' /C calc'!A0"
