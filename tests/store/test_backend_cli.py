"""The command line on a PostgreSQL store: the same queries, and numbered errors for bad URLs."""

from __future__ import annotations

import json
from collections.abc import Callable

from typer.testing import CliRunner

from newstrace.cli.app import app
from newstrace.records import ExtractedDocument
from newstrace.store import Store


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def test_queries_read_a_postgresql_store(
    pg_databases: object, make_extracted: Callable[..., ExtractedDocument],
    store_of: Callable[[str, list[ExtractedDocument]], Store],
) -> None:
    url = pg_databases.fresh()  # type: ignore[attr-defined]
    doc = make_extracted("Putin offered talks without preconditions.", name="a.txt",
                         signals=[("Putin offered talks", "Vladimir Putin", "intent_to_negotiate", None)])
    store_of(url, [doc]).close()
    code, out = _run("signals", "--db", url, "--json")
    assert code == 0 and [s["actor"] for s in json.loads(out)] == ["Vladimir Putin"]
    code, out = _run("actors", "--db", url, "--json")
    assert code == 0 and "Vladimir Putin" in [a["name"] for a in json.loads(out)]
    code, out = _run("topics", "--db", url, "--json")
    assert code == 0 and "ceasefire" in out


def test_a_server_database_without_a_store_is_e101(pg_databases: object) -> None:
    url = pg_databases.fresh()  # type: ignore[attr-defined]
    code, out = _run("docs", "--db", url)
    assert code == 2 and "[E101]" in out


def test_unreachable_server_and_unknown_scheme_are_numbered_errors() -> None:
    code, out = _run("docs", "--db", "postgresql://nobody:secret@127.0.0.1:1/none")
    assert code == 2 and "[E071]" in out and "secret" not in out
    code, out = _run("docs", "--db", "mysql://u@h/db")
    assert code == 2 and "[E070]" in out


def test_copy_store_moves_a_sqlite_store_to_postgresql(
    tmp_path: object, pg_databases: object, make_extracted: Callable[..., ExtractedDocument],
    store_of: Callable[[object, list[ExtractedDocument]], Store],
) -> None:
    from pathlib import Path

    db = Path(str(tmp_path)) / "s.db"
    doc = make_extracted("Putin offered talks without preconditions.", name="a.txt",
                         signals=[("Putin offered talks", "Vladimir Putin", "intent_to_negotiate", None)])
    store_of(db, [doc]).close()
    url = pg_databases.fresh()  # type: ignore[attr-defined]
    code, out = _run("copy-store", str(db), url)
    assert code == 0 and "copied 1 documents" in out
    code, out = _run("timeline", "--actor", "Putin", "--db", url, "--json")
    assert code == 0 and "Putin offered talks" in out
    code, out = _run("copy-store", str(db), url)
    assert code == 2 and "[E073]" in out
