"""The ``newstrace`` command.

Only typer and rich are imported at start-up; the store, the pipeline and the
models load inside the command that needs them, so ``--help`` and queries start
fast. Every failure the user can cause is a numbered error (``cli/checks.py``,
``errors.py``) printed in one line, never a traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from newstrace.cli import (
    checks,
    claims_cmd,
    export_cmd,
    listing_cmd,
    render,
    report_cmd,
    safe_output,
    store_cmd,
    story_cmd,
    watch_cmd,
)
from newstrace.cli.checks import CliError, CliErrors, friendly
from newstrace.cli.safe_output import SafeConsole
from newstrace.errors import NewstraceError

if TYPE_CHECKING:
    from rich.progress import Progress

    from newstrace.app.workspace import Workspace
    from newstrace.store.rows import DocumentRow, IngestReport

T = TypeVar("T")


def _version(value: bool) -> None:
    if value:
        from newstrace import __version__

        typer.echo(f"newstrace {__version__}")
        raise typer.Exit()


app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Sourced, dated record of who signalled what, when, according to whom.")


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
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
        err.print(str(exc), markup=False, style="red")
        raise typer.Exit(2) from None


app.command("export")(export_cmd.export)
app.command("claims")(claims_cmd.claims)
app.command("shifts")(story_cmd.shifts)
app.command("story")(story_cmd.story)
app.command("actors")(listing_cmd.actors)
app.command("topics")(listing_cmd.topics)
app.command("report")(report_cmd.report)
app.command("copy-store")(store_cmd.copy_store)
app.command("watch")(watch_cmd.watch)
console = SafeConsole()
err = SafeConsole(stderr=True)

DbOpt = Annotated[str | None, typer.Option("--db", help="SQLite file or postgresql:// URL (NEWSTRACE_DB).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
ModelOpt = Annotated[str | None, typer.Option("--model", help="spaCy model name.")]
SinceOpt = Annotated[str | None, typer.Option("--since", help="From this date (YYYY[-MM[-DD]]).")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Up to this date (YYYY[-MM[-DD]]).")]


def _print_json(obj: Any) -> None:
    sys.stdout.write(safe_output.dumps(obj, indent=2) + "\n")


def progress_bar() -> Progress:
    """A bar on stderr with count, rate and time left (third-party bars are silenced in ``main``)."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TaskProgressColumn(), TextColumn("[dim]{task.fields[rate]}"), TimeElapsedColumn(),
                    TextColumn("eta"), TimeRemainingColumn(), console=err, transient=True)


def with_progress(label: str, work: Callable[[Callable[[int, int], None]], T]) -> T:
    """Run ``work(tick)`` under a progress bar on stderr."""
    import time

    started = time.monotonic()
    with progress_bar() as bar:
        task = bar.add_task(label, total=None, rate="")

        def tick(done: int, total: int) -> None:
            spent = time.monotonic() - started
            rate = f"{done / spent:.1f} docs/s" if done and spent > 0 else ""
            bar.update(task, completed=done, total=total, rate=rate)

        return work(tick)


def open_store(db: str | None) -> Workspace:
    """An existing store (E101 when there is none: only ingest creates one)."""
    import newstrace

    return newstrace.open(checks.existing_store(db))


@app.command()
@friendly
def ingest(
    paths: Annotated[list[str], typer.Argument(
        help="Files, folders or globs (.txt, .html, .jsonl, .warc, .warc.gz) or http(s) URLs.")],
    db: DbOpt = None,
    model: ModelOpt = None,
    batch_size: Annotated[int, typer.Option(help="Documents per nlp.pipe batch.")] = 24,
    processes: Annotated[int | None, typer.Option(
        help="Worker processes (default: both cores once the input is longer than a few batches).")] = None,
    max_mb: Annotated[float, typer.Option(help="Reject input files larger than this (MB).")] = 20.0,
    allow_private: Annotated[bool, typer.Option(
        "--allow-private", help="Let URLs reach loopback, private and link-local addresses.")] = False,
    dask: Annotated[str | None, typer.Option(
        "--dask", metavar="local:N|tcp://HOST:PORT",
        help="Run clean, date, nlp and extract on a Dask cluster (docs/scale.md).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Ingest articles into the store (creating it). Exit status 1 when any input was rejected."""
    import newstrace
    from newstrace.cli.watch_cmd import fetch_policy

    store = newstrace.open(checks.new_or_existing_store(db))
    policy = fetch_policy(allow_private=allow_private, max_mb=max_mb)

    def work(tick: Callable[[int, int], None]) -> IngestReport:
        if dask is None:
            return store.ingest(paths, model=model, batch_size=batch_size, n_process=processes,
                                progress=tick, max_bytes=int(max_mb * 1024 * 1024), fetch=policy)
        from newstrace.distributed import dask_runner

        with dask_runner(dask, model=model) as runner:
            return store.ingest(paths, model=model, batch_size=batch_size, progress=tick,
                                max_bytes=int(max_mb * 1024 * 1024), fetch=policy, runner=runner)

    report = with_progress("ingest", work)
    if as_json:
        _print_json(report.to_dict())
    else:
        console.print(f"added {len(report.added)}, unchanged {len(report.unchanged)} "
                      f"({len(report.duplicates)} duplicates in this batch), "
                      f"rejected {len(report.rejected)} → {store.location}", markup=False)
        for r in report.rejected:
            console.print(f"rejected {r.source_path or r.name}: {r.reason}", markup=False, style="red")
    raise typer.Exit(1 if report.rejected else 0)


@app.command()
@friendly
def reprocess(
    db: DbOpt = None,
    model: ModelOpt = None,
    batch_size: Annotated[int, typer.Option(help="Documents per nlp.pipe batch.")] = 24,
    processes: Annotated[int | None, typer.Option(
        help="Worker processes (default: both cores once the store is larger than a few batches).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Run the current pipeline again over every stored document (after upgrading newstrace)."""
    store = open_store(db)
    report = with_progress("reprocess", lambda tick: store.reprocess(
        model=model, batch_size=batch_size, n_process=processes, progress=tick))
    if as_json:
        _print_json({"reprocessed": report.added,
                     "kept": [r.to_dict() for r in report.rejected]})
    else:
        console.print(f"reprocessed {len(report.added)}, kept as stored {len(report.rejected)} "
                      f"→ {store.location}", markup=False)
        for r in report.rejected:
            console.print(f"kept {r.source_path or r.name}: {r.reason}", markup=False, style="yellow")
    raise typer.Exit(1 if report.rejected else 0)


@app.command()
@friendly
def relink(db: DbOpt = None) -> None:
    """Rebuild every link (actors, copy groups, claims) from the stored documents."""
    import time

    store = open_store(db)
    started = time.monotonic()
    store.relink()
    console.print(f"relinked {store.count_documents()} documents in {time.monotonic() - started:.1f} s "
                  f"→ {store.path}", markup=False)


@app.command()
@friendly
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
    with progress_bar() as bar:
        task = bar.add_task("extract", total=len(items), rate="")
        for item in pipeline.run(items, model=model):
            bar.advance(task)
            if isinstance(item, ExtractedDocument):
                doc = document_contract(item)
                if as_json:
                    sys.stdout.write(safe_output.dumps(doc) + "\n")
                else:
                    console.print(f"{doc['file']}: {len(doc['attributions'])} attributions, "
                                  f"{len(doc['signals'])} signals", markup=False)
            else:
                rejected += 1
                err.print(f"rejected {item.source_path or item.name}: {item.reason}", markup=False,
                          style="red")
    raise typer.Exit(1 if rejected else 0)


@app.command()
@friendly
def docs(db: DbOpt = None, since: SinceOpt = None, until: UntilOpt = None,
         outlet: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
         as_json: JsonOpt = False) -> None:
    """List stored documents (publication date, or ≤ crawl day when undated)."""
    from newstrace.store.catalog import outlet_names

    since, until = checks.check_range(since, until)
    store = open_store(db)
    outlet = checks.check_choice(outlet, outlet_names(store), CliErrors.E110)
    rows = [d for d in store.documents() if checks.in_range(d.published, since, until)
            and (outlet is None or d.outlet == outlet)]
    if as_json:
        _print_json([d.to_dict() for d in rows])
        return
    from newstrace.timeline.dates import date_label, seen_days

    seen = seen_days(store)

    def shown(d: DocumentRow) -> str:
        """The publication date, else the crawl day as a bound; a footer's year is a bound too."""
        if d.published:
            return date_label(d.published, "copyright" if d.published_method == "copyright" else "published")
        return date_label(seen.get(d.id), "seen")

    console.print(render.table(
        f"Documents ({len(rows)})", ["id", "file", "published", "prec", "outlet", "origin", "attr", "sig"],
        [(d.id, d.name, shown(d), d.published_precision, d.outlet, d.origin,
          d.attributions, d.signals) for d in rows]))


@app.command()
@friendly
def signals(
    actor: Annotated[str | None, typer.Option(help="Actor (alias or canonical).")] = None,
    type: Annotated[str | None, typer.Option("--type", help="Signal type.")] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    topic: Annotated[str | None, typer.Option(help="Topic.")] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List signals."""
    since, until = checks.check_range(since, until)
    type, topic = checks.check_type(type), checks.check_topics(topic)
    store = open_store(db)
    actor = checks.check_actor(store, actor)
    rows = [s for s in store.signals(actor=actor, type=type, topic=topic)
            if checks.in_range(s.event_date, since, until)]
    if as_json:
        _print_json([s.to_dict() for s in rows])
        return
    console.print(render.signals_table(rows))


@app.command()
@friendly
def attributions(
    speaker: Annotated[str | None, typer.Option(help="Speaker (alias, canonical or text).")] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List attributions (dated by their document's publication)."""
    since, until = checks.check_range(since, until)
    store = open_store(db)
    published = {d.id: d.published for d in store.documents()} if since or until else {}
    rows = [a for a in store.attributions(speaker=speaker)
            if checks.in_range(published.get(a.doc_id), since, until) or not (since or until)]
    if as_json:
        _print_json([a.to_dict() for a in rows])
        return
    console.print(render.table(
        f"Attributions ({len(rows)})", ["file", "evidence", "source", "cue", "direct", "id"],
        [(a.doc_name, a.evidence, render.source_structure(a), a.cue, a.direct, a.id) for a in rows]))


@app.command()
@friendly
def timeline(
    actor: Annotated[str, typer.Option(help="Actor (alias or canonical).")],
    topic: Annotated[str | None, typer.Option(help="Topic(s), comma-separated.")] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """An actor's signals in event-date order: whole sentences, sources, outlets, denials."""
    since, until = checks.check_range(since, until)
    topic = checks.check_topics(topic)
    store = open_store(db)
    canonical = checks.check_actor(store, actor)
    assert canonical is not None
    from newstrace.timeline import build_timeline

    entries = build_timeline(store, actor=canonical, topic=topic, since=since, until=until)
    if as_json:
        _print_json({"actor": canonical, "entries": entries.to_dicts()})
        return
    if console.width >= 110:
        console.print(render.timeline_table(canonical, entries, console.width))
    else:
        render.timeline_blocks(console, canonical, entries)


@app.command()
@friendly
def show(
    item_id: Annotated[str, typer.Argument(metavar="ID", help="Document, attribution or signal ID.")],
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Show one document, attribution or signal with its evidence highlighted."""
    from newstrace.store.rows import AttributionRow, DocumentRow

    store = open_store(db)
    item = store.get(item_id)
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
        from newstrace.timeline.marks import claim_marks
        from newstrace.timeline.voice import third_party_map

        render.show_signal(console, item)
        mark = claim_marks(store).get(item.id)
        for a in mark.answers if mark else []:
            console.print(a.line(), markup=False, style="bold red")
        voice = third_party_map(store, [item]).get(item.id)
        if voice:
            console.print(f"opinion of {voice} about {item.actor}: not {item.actor}'s own signal",
                          markup=False, style="magenta")


@app.command()
@friendly
def copies(
    since: SinceOpt = None,
    until: UntilOpt = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Copy groups: the same text in several inputs or outlets, with the original first."""
    since, until = checks.check_range(since, until)
    groups = [g for g in open_store(db).copies()
              if checks.in_range(g.members[0]["published"] if g.members else None, since, until)]
    if as_json:
        _print_json([g.to_dict() for g in groups])
        return
    rows = [(g.id, len(g.members), m["kind"], m["name"], m["outlet"] or "-", m["published"] or "undated",
             "" if m["similarity"] is None else f"{m['similarity']:.2f}")
            for g in groups for m in g.members]
    console.print(render.table(f"Copy groups ({len(groups)})",
                               ["group", "size", "kind", "file", "outlet", "published", "similarity"], rows))


@app.command()
@friendly
def rejections(db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """Inputs that were rejected, with their reasons."""
    rows = open_store(db).rejections()
    if as_json:
        _print_json(rows.to_dicts())
        return
    console.print(render.table("Rejected inputs", ["path", "code", "reason"],
                               [(r.source_path or r.name, r.code, r.reason) for r in rows]))


@app.command("eval")
@friendly
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold file (newstrace-gold/1).")],
    corpus: Annotated[Path | None, typer.Option(help="Folder holding the gold's articles.")] = None,
    model: ModelOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Score the pipeline against a gold file."""
    if not gold.is_file():
        raise CliError(CliErrors.E108, path=gold)
    from newstrace.evaluate import load_gold
    from newstrace.evaluate.report import print_scores
    from newstrace.evaluate.runner import evaluate_gold

    gold_set = load_gold(gold, corpus)
    with err.status("evaluating…"):
        scores, _ = evaluate_gold(gold_set, model=model)
    if as_json:
        _print_json(scores.as_dict())
        return
    print_scores(console, scores)


@app.command()
@friendly
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
) -> None:
    """HTTP API (/api, OpenAPI at /docs) and web UI over a store. Read-only unless
    NEWSTRACE_API_TOKEN is set, which enables POST /api/documents with that bearer token."""
    import threading

    import uvicorn

    from newstrace.serve.app import create_app

    api = create_app(checks.existing_store(db))
    # the claim list needs the claim-linking code (seconds to import): load it before the first request
    threading.Thread(target=api.state.service.claims, daemon=True).start()
    where = api.state.service.store.location
    err.print(f"newstrace serving {where} on http://{host}:{port}/ (API docs: /docs)", markup=False)
    uvicorn.run(api, host=host, port=port, log_level="warning")


def _quiet_third_parties() -> None:
    """Model loaders draw their own tqdm bars ("Loading weights 0%|…"); ours is the only one."""
    for key, value in (("TQDM_DISABLE", "1"), ("HF_HUB_DISABLE_PROGRESS_BARS", "1"),
                       ("TRANSFORMERS_VERBOSITY", "error"), ("TOKENIZERS_PARALLELISM", "false")):
        os.environ.setdefault(key, value)


def main() -> None:
    _quiet_third_parties()
    try:
        app()
    except NewstraceError as exc:
        err.print(str(exc), markup=False, style="red", soft_wrap=True)
        sys.exit(2)
    except Exception as exc:  # a typed one-line error, not a 290-line traceback
        if os.environ.get("NEWSTRACE_DEBUG"):
            raise
        err.print(CliErrors.E100.format_msg(detail=f"{type(exc).__name__}: {exc}"), markup=False,
                  style="red", soft_wrap=True)
        sys.exit(2)


if __name__ == "__main__":
    main()
