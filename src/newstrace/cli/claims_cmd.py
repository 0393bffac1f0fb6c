"""``newstrace claims``: what several reports state, how independently, and who denied it.

Kept out of ``app.py`` so the command can be registered with one line
(``app.command("claims")(claims)``) and tested on its own.
"""

from __future__ import annotations

import json
import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from newstrace.store.claim_rows import ClaimRow


class ClaimStatus(StrEnum):
    unconfirmed = "unconfirmed"
    confirmed = "confirmed"
    denied = "denied"
    disputed = "disputed"


def _sources(c: ClaimRow) -> str:
    """'anonymous only', 'on record', or the kinds with their counts."""
    kinds = c.source_kinds
    if set(kinds) == {"anonymous"}:
        return "anonymous only"
    return ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))


def _answers(c: ClaimRow) -> str:
    parts = []
    for a in c.answers:
        parts.append(f"{a.kind} by {a.actor} ({(a.published or '?')[:10]})")
    return "; ".join(parts)


def claims_table(rows: list[ClaimRow]) -> Table:
    t = Table(title=f"{len(rows)} claims", show_lines=True)
    for col in ("claim", "actor", "type", "status", "first report", "reports", "outlets",
                "origins", "sources", "answers", "representative"):
        t.add_column(col, overflow="fold")
    for c in rows:
        t.add_row(c.id, c.actor, c.type, c.status, (c.first_report or "")[:10], str(c.reports),
                  str(len(c.outlets)), str(c.independent_origins), _sources(c), _answers(c),
                  c.representative)
    return t


def claims(
    status: Annotated[ClaimStatus | None, typer.Option(help="Only claims with this status.")] = None,
    min_origins: Annotated[int, typer.Option("--min-origins", help="At least N independent origins.")] = 0,
    actor: Annotated[str | None, typer.Option(help="Only this actor and those who speak for it.")] = None,
    db: Annotated[Path | None, typer.Option("--db", help="SQLite store (env NEWSTRACE_DB).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the rows as JSON.")] = False,
) -> None:
    """Claims across articles: reports, outlets, independent origins, status and answers."""
    import newstrace
    from newstrace.store.claims_store import read_claims

    path = db or Path(os.environ.get("NEWSTRACE_DB", "newstrace.db"))
    if not path.exists():  # opening would create an empty store
        typer.echo(f"no store at {path}", err=True)
        raise typer.Exit(2)
    with newstrace.open(path) as store, store.engine.connect() as conn:
        rows = read_claims(conn, status=status.value if status else None, min_origins=min_origins,
                           actor=actor)
    if as_json:
        typer.echo(json.dumps([r.to_dict() for r in rows], ensure_ascii=False, indent=2))
        return
    Console(width=200).print(claims_table(list(rows)))
