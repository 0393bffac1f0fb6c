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


def _write(fmt: ExportFormat, db: Path, out: TextIO, actor: str | None) -> int:
    import newstrace
    from newstrace.export import write_cameo, write_plover

    with newstrace.open(db) as store:
        writer = write_plover if fmt is ExportFormat.plover else write_cameo
        return writer(store, out, actor=actor)


@friendly
def export(
    format: Annotated[ExportFormat, typer.Option("--format", help="plover (JSON) or cameo (TSV).")],
    db: Annotated[Path | None, typer.Option("--db", help="SQLite store (env NEWSTRACE_DB).")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="File to write (default: stdout).")] = None,
    actor: Annotated[str | None, typer.Option(help="Only this actor and those who speak for it.")] = None,
) -> None:
    """Export stored signals as event data: one PLOVER event or one CAMEO row per signal."""
    from newstrace.cli.checks import existing_store

    path = existing_store(db)  # E101: opening would create an empty store and export nothing
    if out is None:
        count = _write(format, path, sys.stdout, actor)
    else:
        with out.open("w", encoding="utf-8", newline="") as fh:
            count = _write(format, path, fh, actor)
    typer.echo(f"exported {count} signals ({format.value})" + (f" → {out}" if out else ""), err=True)
