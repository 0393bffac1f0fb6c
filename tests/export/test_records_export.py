"""export --format jsonl|csv|parquet: every table, read back with pandas, one row per item."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from newstrace.cli.app import app
from newstrace.records import ExtractedDocument
from newstrace.store import Store

StoreOf = Callable[[Path, list[ExtractedDocument]], Store]


def _db(tmp_path: Path, make: Callable[..., ExtractedDocument], store_of: StoreOf) -> Path:
    docs = [make("Putin offered talks. Zelensky rejected the plan.", name="a.txt",
                 signals=[("Putin offered talks", "Vladimir Putin", "intent_to_negotiate", None),
                          ("Zelensky rejected the plan", "Volodymyr Zelensky", "reject", None)]),
            make("Peskov denied the report.", name="b.txt",
                 signals=[("Peskov denied the report", "Dmitry Peskov", "deny", None)])]
    store_of(tmp_path / "e.db", docs).close()
    return tmp_path / "e.db"


def test_csv_and_parquet_write_one_file_per_table(
    tmp_path: Path, make_extracted: Callable[..., ExtractedDocument], store_of: StoreOf
) -> None:
    db = _db(tmp_path, make_extracted, store_of)
    for fmt in ("csv", "parquet"):
        out = tmp_path / fmt
        result = CliRunner().invoke(app, ["export", "--format", fmt, "--db", str(db), "--out", str(out)])
        assert result.exit_code == 0, result.output
        read = pd.read_csv if fmt == "csv" else pd.read_parquet
        signals = read(out / f"signals.{fmt}")
        assert len(signals) == 3 and set(signals["type"]) == {"intent_to_negotiate", "reject", "deny"}
        assert len(read(out / f"documents.{fmt}")) == 2
        assert len(read(out / f"attributions.{fmt}")) == 3
        assert (out / f"claims.{fmt}").exists()
    topics = pd.read_parquet(tmp_path / "parquet" / "signals.parquet")["topics"].iloc[0]
    assert list(topics) == ["ceasefire"]  # lists stay lists in Parquet
    assert json.loads(pd.read_csv(tmp_path / "csv" / "signals.csv")["topics"].iloc[0]) == ["ceasefire"]


def test_jsonl_goes_to_stdout_with_its_table_name(
    tmp_path: Path, make_extracted: Callable[..., ExtractedDocument], store_of: StoreOf
) -> None:
    db = _db(tmp_path, make_extracted, store_of)
    result = CliRunner().invoke(app, ["export", "--format", "jsonl", "--db", str(db), "--table", "signals",
                                      "--table", "documents"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [r["table"] for r in rows].count("signals") == 3
    assert [r["table"] for r in rows].count("documents") == 2
    bad = CliRunner().invoke(app, ["export", "--format", "csv", "--db", str(db)])
    assert bad.exit_code == 2 and "[E116]" in bad.output
    bad = CliRunner().invoke(app, ["export", "--format", "csv", "--db", str(db), "--out", str(tmp_path / "x"),
                                   "--table", "sigs"])
    assert bad.exit_code == 2 and "[E117]" in bad.output and "signals" in bad.output
