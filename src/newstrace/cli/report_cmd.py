"""``newstrace report``: one self-contained file on an actor (HTML or Markdown)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from newstrace.cli.checks import friendly
from newstrace.cli.safe_output import neutralise


class ReportFormat(StrEnum):
    html = "html"
    md = "md"


@friendly
def report(
    actor: Annotated[str, typer.Option("--actor", help="Actor (alias or canonical).")],
    format: Annotated[ReportFormat, typer.Option("--format", help="html or md.")] = ReportFormat.html,
    topic: Annotated[str | None, typer.Option("--topic", help="Only these topics.")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="File to write (default: stdout).")] = None,
    db: Annotated[str | None, typer.Option(
        "--db", help="SQLite file or postgresql:// URL (env NEWSTRACE_DB).")] = None,
) -> None:
    """A report on an actor: timeline chart, positions and shifts, denials, and a sources table."""
    import newstrace
    from newstrace.cli import checks
    from newstrace.report.build import gather, render_html, render_md

    topic = checks.check_topics(topic)
    with newstrace.open(checks.existing_store(db)) as store:
        canonical = checks.check_actor(store, actor)
        assert canonical is not None
        data = gather(store, canonical, topic)
    # a report is a rendering, not data: no control character of an article survives into it
    text = neutralise(render_html(data) if format is ReportFormat.html else render_md(data))
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, "utf-8")
        done = f"report on {canonical} ({len(data.entries)} entries, {data.shifts} shifts) → {out}"
        typer.echo(neutralise(done), err=True)
