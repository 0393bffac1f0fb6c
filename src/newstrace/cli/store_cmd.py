"""``newstrace copy-store``: move a store to another backend without processing articles again."""

from __future__ import annotations

from typing import Annotated

import typer

from newstrace.cli.checks import friendly


@friendly
def copy_store(
    source: Annotated[str, typer.Argument(help="The store to copy: SQLite file or postgresql:// URL.")],
    target: Annotated[str, typer.Argument(help="An empty store to fill (created if it is a new file).")],
) -> None:
    """Copy every row of a store into an empty one, e.g. a SQLite file onto a PostgreSQL server."""
    from newstrace.cli.checks import existing_store, new_or_existing_store
    from newstrace.store.copy import copy_store as run
    from newstrace.store.engine import display

    counts = run(existing_store(source), new_or_existing_store(target),
                 progress=lambda table, n: typer.echo(f"{table}: {n}", err=True))
    typer.echo(f"copied {counts.get('documents', 0)} documents, {sum(counts.values())} rows "
               f"→ {display(target)}", err=True)
