"""``newstrace actors`` and ``newstrace topics``: the names a query can use, with counts.

So a user can find the spelling the store knows instead of guessing at an empty table.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from newstrace.cli import safe_output
from newstrace.cli.checks import friendly
from newstrace.cli.safe_output import SafeConsole

DbOpt = Annotated[str | None, typer.Option("--db", help="SQLite file or postgresql:// URL (NEWSTRACE_DB).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]


@friendly
def actors(
    db: DbOpt = None,
    contains: Annotated[str | None, typer.Option("--contains", help="Only names containing this.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Actors in the store with the signals they made or that speak for them."""
    import newstrace
    from newstrace.cli import render
    from newstrace.cli.checks import existing_store
    from newstrace.store.catalog import actor_counts

    with newstrace.open(existing_store(db)) as store:
        rows = [a for a in actor_counts(store)
                if not contains or contains.casefold() in a.name.casefold()]
    if as_json:
        sys.stdout.write(safe_output.dumps([a.to_dict() for a in rows], indent=2) + "\n")
        return
    SafeConsole().print(render.table(f"Actors ({len(rows)})", ["name", "kind", "signals", "id"],
                                 [(a.name, a.kind, a.signals, a.id) for a in rows]))


@friendly
def topics(db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """Topics signals carry, with counts, and the signal types of the store."""
    import newstrace
    from newstrace.cli import render
    from newstrace.cli.checks import existing_store
    from newstrace.store.catalog import topic_counts, type_counts

    with newstrace.open(existing_store(db)) as store:
        tops, types = topic_counts(store), type_counts(store)
    if as_json:
        sys.stdout.write(safe_output.dumps({"topics": tops.to_dicts(), "types": types.to_dicts()},
                                           indent=2) + "\n")
        return
    console = SafeConsole()
    console.print(render.table("Topics", ["topic", "signals"], [(t.name, t.signals) for t in tops]))
    console.print(render.table("Signal types", ["type", "signals"], [(t.name, t.signals) for t in types]))
