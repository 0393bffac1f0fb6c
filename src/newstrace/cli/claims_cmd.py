"""``newstrace claims``: what several reports state, how independently, and who denied it.

Kept out of ``app.py`` so the command can be registered with one line
(``app.command("claims")(claims)``) and tested on its own.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer
from rich.table import Table

from newstrace.cli import safe_output
from newstrace.cli.checks import friendly
from newstrace.cli.safe_output import SafeConsole
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
    """Fits the terminal: the claim ID never wraps, the representative sentence takes the rest."""
    t = Table(title=f"{len(rows)} claims", show_lines=True, expand=True)
    t.add_column("claim", no_wrap=True)
    for col in ("actor", "type", "status", "first report"):
        t.add_column(col, overflow="fold", ratio=1)
    for col in ("reports", "outlets", "origins"):
        t.add_column(col, no_wrap=True)
    t.add_column("sources", overflow="fold", ratio=1)
    t.add_column("answers", overflow="fold", ratio=2)
    t.add_column("representative", overflow="fold", ratio=4)
    for c in rows:
        t.add_row(c.id, c.actor, c.type, c.status, (c.first_report or "")[:10], str(c.reports),
                  str(len(c.outlets)), str(c.independent_origins), _sources(c), _answers(c),
                  c.representative)
    return t


@friendly
def claims(
    status: Annotated[ClaimStatus | None, typer.Option(help="Only claims with this status.")] = None,
    min_origins: Annotated[int, typer.Option("--min-origins", help="At least N independent origins.")] = 0,
    actor: Annotated[str | None, typer.Option(help="Only this actor and those who speak for it.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="First reported from (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option("--until", help="First reported up to (YYYY-MM-DD).")] = None,
    db: Annotated[str | None, typer.Option(
        "--db", help="SQLite file or postgresql:// URL (env NEWSTRACE_DB).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the rows as JSON.")] = False,
) -> None:
    """Claims across articles: reports, outlets, independent origins, status and answers."""
    import newstrace
    from newstrace.cli import checks

    since, until = checks.check_range(since, until)
    with newstrace.open(checks.existing_store(db)) as store:
        actor = checks.check_actor(store, actor)
        rows = [c for c in store.claims(status=status.value if status else None, min_origins=min_origins,
                                        actor=actor)
                if checks.in_range((c.first_report or "")[:10] or None, since, until)]
    if as_json:
        typer.echo(safe_output.dumps([r.to_dict() for r in rows], indent=2))
        return
    console = SafeConsole()
    if console.width >= 120:
        console.print(claims_table(rows))
        return
    console.print(f"{len(rows)} claims", style="bold")
    for c in rows:  # one block per claim on a narrow terminal; the ID on its own line
        console.print(f"{c.actor} · {c.type} · {c.status.upper()} · first {(c.first_report or '?')[:10]}",
                      markup=False, style="bold")
        console.print(f"    {c.representative.strip()}", markup=False)
        console.print(f"    {c.reports} reports, {len(c.outlets)} outlets, {c.independent_origins} origins"
                      f" · {_sources(c)}", markup=False, style="dim")
        if c.answers:
            console.print(f"    {_answers(c)}", markup=False, style="red")
        console.print(f"    {c.id}", markup=False, style="dim", no_wrap=True, overflow="ignore")
