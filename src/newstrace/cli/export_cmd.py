"""``newstrace export``: the store's signals as PLOVER JSON or a CAMEO/GDELT-like TSV.

Kept out of ``app.py`` so the command can be registered with one line
(``app.command("export")(export)``) and tested on its own.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer

from newstrace.cli.checks import friendly


class ExportFormat(StrEnum):
    plover = "plover"
    cameo = "cameo"
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


TABLE_FORMATS = (ExportFormat.jsonl, ExportFormat.csv, ExportFormat.parquet)


def _write(fmt: ExportFormat, db: str | Path, out: TextIO, actor: str | None) -> int:
    import newstrace
    from newstrace.export import write_cameo, write_plover

    with newstrace.open(db) as store:
        writer = write_plover if fmt is ExportFormat.plover else write_cameo
        return writer(store, out, actor=actor)


def _tables(fmt: ExportFormat, db: str | Path, out: Path | None, tables: list[str]) -> None:
    import newstrace
    from newstrace.cli.app import with_progress
    from newstrace.export.records import export_tables

    if fmt is not ExportFormat.jsonl and out is None:
        from newstrace.cli.checks import CliError, CliErrors

        raise CliError(CliErrors.E116, fmt=fmt.value)
    with newstrace.open(db) as store:
        counts = with_progress("export", lambda tick: export_tables(
            store, fmt.value, tables=tables, out=out, stdout=sys.stdout, progress=tick))
    done = ", ".join(f"{n} {t}" for t, n in counts.items())
    typer.echo(f"exported {done} ({fmt.value})" + (f" → {out}" if out else ""), err=True)


@friendly
def export(
    format: Annotated[ExportFormat, typer.Option(
        "--format", help="plover (JSON) or cameo (TSV) events; jsonl, csv or parquet tables.")],
    db: Annotated[str | None, typer.Option(
        "--db", help="SQLite file or postgresql:// URL (env NEWSTRACE_DB).")] = None,
    out: Annotated[Path | None, typer.Option(
        "--out", help="File (plover, cameo, jsonl) or folder (csv, parquet: one file per table).")] = None,
    actor: Annotated[str | None, typer.Option(help="Only this actor (plover, cameo).")] = None,
    table: Annotated[list[str] | None, typer.Option(
        "--table", help="documents, attributions, signals or claims (repeatable; default all).")] = None,
) -> None:
    """Export the store: signals as PLOVER/CAMEO event data, or its tables as JSONL, CSV or Parquet."""
    from newstrace.cli.checks import CliErrors, check_choice, existing_store
    from newstrace.export.records import TABLES

    path = existing_store(db)  # E101: opening would create an empty store and export nothing
    if format in TABLE_FORMATS:
        chosen = [str(check_choice(t, list(TABLES), CliErrors.E117)) for t in table or TABLES]
        _tables(format, path, out, chosen)
        return
    if out is None:
        count = _write(format, path, sys.stdout, actor)
    else:
        with out.open("w", encoding="utf-8", newline="") as fh:
            count = _write(format, path, fh, actor)
    typer.echo(f"exported {count} signals ({format.value})" + (f" → {out}" if out else ""), err=True)
