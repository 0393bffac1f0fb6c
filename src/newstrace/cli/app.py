"""The ``newstrace`` command."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from newstrace.cli import claims_cmd, export_cmd, render, story_cmd
from newstrace.errors import NewstraceError

T = TypeVar("T")

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Sourced, dated record of who signalled what, when, according to whom.")
app.command("export")(export_cmd.export)
app.command("claims")(claims_cmd.claims)
app.command("shifts")(story_cmd.shifts)
app.command("story")(story_cmd.story)
console = Console()
err = Console(stderr=True)


@app.callback()
def _global(
    knowledge: Annotated[list[Path] | None, typer.Option(
        "--knowledge", metavar="DIR", help="Folder of your own actors/*.toml, outlets.toml, topics.toml "
                            "(repeatable; env NEWSTRACE_KNOWLEDGE, folders joined by the path separator).",
    )] = None,
    packs: Annotated[str | None, typer.Option(
        "--packs", metavar="NAMES",
        help="Packaged knowledge packs: comma-separated names, 'all' (default) or 'none' "
             "(env NEWSTRACE_PACKS).",
    )] = None,
) -> None:
    """Sourced, dated record of who signalled what, when, according to whom."""
    from newstrace.knowledge import configure

    try:
        configure(dirs=knowledge or None, packs=packs)
    except NewstraceError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from None

DbOpt = Annotated[Path, typer.Option("--db", help="SQLite store (env NEWSTRACE_DB).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
ModelOpt = Annotated[str | None, typer.Option("--model", help="spaCy model name.")]


def _db(db: Path | None) -> Path:
    return db or Path(os.environ.get("NEWSTRACE_DB", "newstrace.db"))


def _print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def _progress() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=err, transient=True)


def _with_progress(label: str, work: Callable[[Callable[[int, int], None]], T]) -> T:
    """Run ``work(tick)`` under a progress bar on stderr."""
    with _progress() as bar:
        task = bar.add_task(label, total=None)

        def tick(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        return work(tick)


def _open(db: Path | None) -> Any:
    import newstrace

    return newstrace.open(_db(db))


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or globs (.txt, .html, .jsonl).")],
    db: DbOpt = None,  # type: ignore[assignment]
    model: ModelOpt = None,
    batch_size: Annotated[int, typer.Option(help="Documents per nlp.pipe batch.")] = 24,
    processes: Annotated[int, typer.Option(help="spaCy processes.")] = 1,
    max_mb: Annotated[float, typer.Option(help="Reject input files larger than this (MB).")] = 20.0,
    as_json: JsonOpt = False,
) -> None:
    """Ingest articles into the store. Exit status 1 when any input was rejected."""
    store = _open(db)
    report = _with_progress("ingest", lambda tick: store.ingest(
        paths, model=model, batch_size=batch_size, n_process=processes, progress=tick,
        max_bytes=int(max_mb * 1024 * 1024)))
    if as_json:
        _print_json(report.to_dict())
    else:
        console.print(f"added {len(report.added)}, unchanged {len(report.unchanged)} "
                      f"({len(report.duplicates)} duplicates in this batch), "
                      f"rejected {len(report.rejected)} → {store.path}")
        for r in report.rejected:
            console.print(f"[red]rejected[/red] {r.source_path or r.name}: {r.reason}")
    raise typer.Exit(1 if report.rejected else 0)


@app.command()
def reprocess(
    db: DbOpt = None,  # type: ignore[assignment]
    model: ModelOpt = None,
    batch_size: Annotated[int, typer.Option(help="Documents per nlp.pipe batch.")] = 24,
    processes: Annotated[int, typer.Option(help="spaCy processes.")] = 1,
    as_json: JsonOpt = False,
) -> None:
    """Run the current pipeline again over every stored document (after upgrading newstrace)."""
    store = _open(db)
    report = _with_progress("reprocess", lambda tick: store.reprocess(
        model=model, batch_size=batch_size, n_process=processes, progress=tick))
    if as_json:
        _print_json({"reprocessed": report.added,
                     "kept": [r.to_dict() for r in report.rejected]})
    else:
        console.print(f"reprocessed {len(report.added)}, kept as stored {len(report.rejected)} "
                      f"→ {store.path}")
        for r in report.rejected:
            console.print(f"[yellow]kept[/yellow] {r.source_path or r.name}: {r.reason}")
    raise typer.Exit(1 if report.rejected else 0)


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or globs.")],
    model: ModelOpt = None,
    as_json: JsonOpt = True,
) -> None:
    """Run the pipeline without a store; one JSON object per document (output contract)."""
    from newstrace import pipeline
    from newstrace.contract import document_contract
    from newstrace.ingest import read_paths
    from newstrace.records import ExtractedDocument

    items = list(read_paths(paths))
    rejected = 0
    with _progress() as bar:
        task = bar.add_task("extract", total=len(items))
        for item in pipeline.run(items, model=model):
            bar.advance(task)
            if isinstance(item, ExtractedDocument):
                doc = document_contract(item)
                if as_json:
                    sys.stdout.write(json.dumps(doc, ensure_ascii=False) + "\n")
                else:
                    console.print(f"{doc['file']}: {len(doc['attributions'])} attributions, "
                                  f"{len(doc['signals'])} signals")
            else:
                rejected += 1
                err.print(f"[red]rejected[/red] {item.source_path or item.name}: {item.reason}")
    raise typer.Exit(1 if rejected else 0)


@app.command()
def docs(db: DbOpt = None, as_json: JsonOpt = False) -> None:  # type: ignore[assignment]
    """List stored documents."""
    rows = _open(db).documents()
    if as_json:
        _print_json(rows.to_dicts())
        return
    console.print(render.table(
        "Documents", ["id", "file", "published", "prec", "outlet", "origin", "attr", "sig"],
        [(d.id, d.name, d.published or "undated", d.published_precision, d.outlet, d.origin,
          d.attributions, d.signals) for d in rows]))


@app.command()
def signals(
    actor: Annotated[str | None, typer.Option(help="Actor (alias or canonical).")] = None,
    type: Annotated[str | None, typer.Option("--type", help="Signal type.")] = None,
    since: Annotated[str | None, typer.Option(help="Event date lower bound (YYYY[-MM[-DD]]).")] = None,
    topic: Annotated[str | None, typer.Option(help="Topic.")] = None,
    db: DbOpt = None,  # type: ignore[assignment]
    as_json: JsonOpt = False,
) -> None:
    """List signals."""
    rows = _open(db).signals(actor=actor, type=type, since=since, topic=topic)
    if as_json:
        _print_json(rows.to_dicts())
        return
    console.print(render.table(
        "Signals", ["date", "actor", "type", "pol", "topics", "evidence", "source", "id"],
        [(s.event_date or "undated", s.actor, s.type, s.polarity, ", ".join(s.topics), s.evidence,
          s.source_kind + (f" via {s.source_via}" if s.source_via else ""), s.id) for s in rows]))


@app.command()
def attributions(
    speaker: Annotated[str | None, typer.Option(help="Speaker (alias, canonical or text).")] = None,
    db: DbOpt = None,  # type: ignore[assignment]
    as_json: JsonOpt = False,
) -> None:
    """List attributions."""
    rows = _open(db).attributions(speaker=speaker)
    if as_json:
        _print_json(rows.to_dicts())
        return
    console.print(render.table(
        "Attributions", ["file", "evidence", "source", "cue", "direct", "id"],
        [(a.doc_name, a.evidence, render.source_structure(a), a.cue, a.direct, a.id) for a in rows]))


@app.command()
def timeline(
    actor: Annotated[str, typer.Option(help="Actor (alias or canonical).")],
    topic: Annotated[str | None, typer.Option(help="Topic(s), comma-separated.")] = None,
    db: DbOpt = None,  # type: ignore[assignment]
    as_json: JsonOpt = False,
) -> None:
    """An actor's signals in event-date order, with source kind and outlet."""
    from newstrace.knowledge import actors

    canonical = actors().resolve_query(actor)
    entries = _open(db).timeline(actor, topic=topic)
    if as_json:
        _print_json({"actor": canonical, "entries": entries.to_dicts()})
        return
    if console.width >= 140:
        console.print(render.timeline_table(canonical, entries))
    else:
        render.timeline_blocks(console, canonical, entries)


@app.command()
def show(
    item_id: Annotated[str, typer.Argument(metavar="ID", help="Document, attribution or signal ID.")],
    db: DbOpt = None,  # type: ignore[assignment]
    as_json: JsonOpt = False,
) -> None:
    """Show one document, attribution or signal with its evidence highlighted."""
    from newstrace.store.rows import AttributionRow, DocumentRow

    store = _open(db)
    try:
        item = store.get(item_id)
    except NewstraceError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from None
    if as_json:
        out = item.to_dict()
        out["kind"] = type(item).__name__.replace("Row", "").lower()
        if isinstance(item, DocumentRow):
            out["sources"] = store.sources(item.id)
        _print_json(out)
        return
    if isinstance(item, DocumentRow):
        render.show_document(console, item, store.lines(item.id), store.sources(item.id))
    elif isinstance(item, AttributionRow):
        render.show_attribution(console, item)
    else:
        render.show_signal(console, item)


@app.command()
def copies(
    db: DbOpt = None,  # type: ignore[assignment]
    as_json: JsonOpt = False,
) -> None:
    """Copy groups: the same text in several inputs or outlets, with the original first."""
    groups = _open(db).copies()
    if as_json:
        _print_json(groups.to_dicts())
        return
    rows = [(g.id, len(g.members), m["kind"], m["name"], m["outlet"] or "-", m["published"] or "undated",
             "" if m["similarity"] is None else f"{m['similarity']:.2f}")
            for g in groups for m in g.members]
    console.print(render.table(f"Copy groups ({len(groups)})",
                               ["group", "size", "kind", "file", "outlet", "published", "similarity"], rows))


@app.command()
def rejections(db: DbOpt = None, as_json: JsonOpt = False) -> None:  # type: ignore[assignment]
    """Inputs that were rejected, with their reasons."""
    rows = _open(db).rejections()
    if as_json:
        _print_json(rows.to_dicts())
        return
    console.print(render.table("Rejected inputs", ["path", "code", "reason"],
                               [(r.source_path or r.name, r.code, r.reason) for r in rows]))


@app.command("eval")
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold file (newstrace-gold/1).")],
    corpus: Annotated[Path | None, typer.Option(help="Folder holding the gold's articles.")] = None,
    model: ModelOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Score the pipeline against a gold file."""
    from newstrace.evaluate import load_gold
    from newstrace.evaluate.report import print_scores
    from newstrace.evaluate.runner import evaluate_gold

    try:
        gold_set = load_gold(gold, corpus)
    except NewstraceError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from None
    with err.status("evaluating…"):
        scores, _ = evaluate_gold(gold_set, model=model)
    if as_json:
        _print_json(scores.as_dict())
        return
    print_scores(console, scores)


def main() -> None:
    try:
        app()
    except NewstraceError as exc:
        err.print(f"[red]{exc}[/red]")
        sys.exit(2)


if __name__ == "__main__":
    main()
