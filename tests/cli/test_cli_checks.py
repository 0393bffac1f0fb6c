"""The command line refuses bad input with numbered errors, suggests names, and starts light."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newstrace.cli.app import app
from newstrace.cli.checks import in_range, suggest
from newstrace.records import ExtractedDocument
from newstrace.store import Store

StoreOf = Callable[[Path, list[ExtractedDocument]], Store]


@pytest.fixture
def db(tmp_path: Path, make_extracted: Callable[..., ExtractedDocument], store_of: StoreOf) -> Path:
    doc = make_extracted(
        "Putin offered talks without preconditions. Zelensky rejected the plan.", name="a.txt",
        signals=[("Putin offered talks", "Vladimir Putin", "intent_to_negotiate", None),
                 ("Zelensky rejected the plan", "Volodymyr Zelensky", "reject", None)])
    store_of(tmp_path / "s.db", [doc]).close()
    return tmp_path / "s.db"


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def test_version() -> None:
    code, out = _run("--version")
    assert code == 0 and out.startswith("newstrace ")


def test_unknown_actor_type_topic_suggest_the_closest_names(db: Path) -> None:
    code, out = _run("timeline", "--actor", "Putn", "--db", str(db))
    assert code == 2 and "[E102]" in out and "Vladimir Putin" in out
    code, out = _run("signals", "--type", "rejekt", "--db", str(db))
    assert code == 2 and "[E103]" in out and "reject" in out
    code, out = _run("signals", "--topic", "ceasfire", "--db", str(db))
    assert code == 2 and "[E104]" in out and "ceasefire" in out
    assert suggest("zzzzqqq", ["Vladimir Putin"]) == ""


def test_dates_are_validated(db: Path) -> None:
    code, out = _run("signals", "--since", "2024-13-45", "--db", str(db))
    assert code == 2 and "[E105]" in out
    code, out = _run("timeline", "--actor", "Putin", "--since", "2025", "--until", "2024-06", "--db", str(db))
    assert code == 2 and "[E106]" in out
    code, out = _run("signals", "--since", "2025-03", "--until", "2025-03-04", "--db", str(db), "--json")
    assert code == 0 and len(json.loads(out)) == 2
    code, out = _run("signals", "--until", "2025-02", "--db", str(db), "--json")
    assert code == 0 and json.loads(out) == []
    assert in_range("2025", "2025-03-01", None) and not in_range(None, "2025", None)


def test_db_is_never_created_except_by_ingest(tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    for cmd in (["docs"], ["signals"], ["timeline", "--actor", "Putin"], ["claims"],
                ["shifts", "--actor", "x"], ["actors"], ["topics"], ["copies"],
                ["export", "--format", "plover"]):
        code, out = _run(*cmd, "--db", str(missing))
        assert code == 2 and "[E101]" in out, (cmd, out)
    assert not missing.exists()
    code, out = _run("ingest", "nothing.txt", "--db", str(tmp_path / "no" / "such" / "folder.db"))
    assert code == 2 and "[E107]" in out and "Traceback" not in out
    not_sqlite = tmp_path / "notes.db"
    not_sqlite.write_text("hello")
    code, out = _run("docs", "--db", str(not_sqlite))
    assert code == 2 and "[E109]" in out


def test_eval_with_missing_gold_says_so() -> None:
    code, out = _run("eval", "no-such-gold.json")
    assert code == 2 and "[E108]" in out and "not a newstrace-gold" not in out


def test_actors_and_topics_list_what_the_store_knows(db: Path) -> None:
    code, out = _run("actors", "--db", str(db), "--json")
    names = {a["name"] for a in json.loads(out)}
    assert code == 0 and {"Vladimir Putin", "Volodymyr Zelensky", "Russia"} <= names
    code, out = _run("topics", "--db", str(db), "--json")
    data = json.loads(out)
    assert code == 0 and data["topics"] == [{"name": "ceasefire", "signals": 2, "kind": None, "id": None}]
    assert {t["name"] for t in data["types"]} == {"intent_to_negotiate", "reject"}


def test_ids_never_wrap_on_a_narrow_terminal(db: Path) -> None:
    result = CliRunner().invoke(app, ["signals", "--db", str(db)], terminal_width=70)
    ids = [s["id"] for s in json.loads(_run("signals", "--db", str(db), "--json")[1])]
    assert result.exit_code == 0 and all(i in result.output for i in ids)


def test_help_and_queries_do_not_import_the_models(db: Path) -> None:
    """Start-up stays light: neither --help nor a query imports spaCy or torch."""
    probe = (
        "import sys\n"
        "from newstrace.cli.app import app\n"
        "for args in (['--help'], ['timeline', '--actor', 'Putin', '--db', sys.argv[1]]):\n"
        "    try:\n"
        "        app(args)\n"
        "    except SystemExit as e:\n"
        "        assert e.code == 0, (args, e.code)\n"
        "heavy = sorted(m for m in ('spacy', 'torch', 'sentence_transformers', 'trafilatura')"
        " if m in sys.modules)\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe, str(db)], capture_output=True, text=True, check=True)
    assert "HEAVY []" in out.stdout, out.stdout[-500:] + out.stderr[-2000:]


def test_docs_shows_the_crawl_time_as_a_bound(
    tmp_path: Path, make_extracted: Callable[..., ExtractedDocument], store_of: StoreOf
) -> None:
    import dataclasses

    doc = make_extracted("Putin offered talks.", name="a.txt", published=None,
                         signals=[("Putin offered talks", "Vladimir Putin", "intent_to_negotiate", None)])
    raw = dataclasses.replace(doc.dated.clean.raw, extra={"seen": "2022-03-01T10:00:00Z"})
    doc = dataclasses.replace(doc, dated=dataclasses.replace(
        doc.dated, clean=dataclasses.replace(doc.dated.clean, raw=raw)))
    store_of(tmp_path / "d.db", [doc]).close()
    result = CliRunner().invoke(app, ["docs", "--db", str(tmp_path / "d.db")], terminal_width=160)
    assert result.exit_code == 0 and "≤ 2022-03-01 (seen)" in result.output
