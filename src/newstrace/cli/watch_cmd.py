"""``newstrace watch``: poll RSS/Atom feeds, ingest what they announce, report what is new.

Each round fetches every feed with a conditional GET, fetches the entries not seen
before through the safe fetcher (``ingest/fetch.py``), ingests them, and reports
the new claims, denials and shifts of the followed actors: printed, appended to a
JSONL file, and/or POSTed to a webhook (one JSON object per round that has news).
Kept out of ``app.py`` so the command is registered with one line.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from newstrace.cli.checks import friendly

if TYPE_CHECKING:
    from newstrace.ingest.fetch import Fetcher, FetchPolicy
    from newstrace.watch.rounds import RoundResult

console = Console()
err = Console(stderr=True)
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def fetch_policy(*, allow_private: bool = False, max_mb: float = 20.0, delay: float = 1.0) -> FetchPolicy:
    """The fetch policy the CLI options ask for."""
    from newstrace.ingest.fetch import FetchPolicy

    return FetchPolicy(allow_private=allow_private, max_bytes=int(max_mb * 1024 * 1024), host_delay=delay)


def parse_duration(value: str) -> float:
    """``90``, ``30s``, ``10m``, ``1h``, ``1d`` as seconds."""
    m = _DURATION.match(value)
    if not m:
        raise typer.BadParameter(f"'{value}' is not a duration such as 30s, 10m or 1h", param_hint="--every")
    return float(m.group(1)) * _UNIT[m.group(2)]


def _line(event: dict[str, Any]) -> str:
    kind = event["kind"]
    date = event.get("date") or "undated"
    if kind == "shift":
        return f"shift   {event['actor']} [{event['stream']}] {date}: {event['explanation']}"
    if kind == "denial":
        return f"denial  {event['actor']} {date}: {event['text']} ({event['outlet'] or '-'})"
    status = f" (was {event['was']})" if kind == "claim_status" else ""
    return (f"{'claim' if kind == 'claim' else 'status'}   {event['actor']} {event['type']} "
            f"[{', '.join(event['topics'])}] {event['status']}{status}: {event['text']}")


def _deliver(result: RoundResult, *, jsonl: Path | None, webhook: str | None, fetcher: Fetcher) -> None:
    summary = result.summary()
    for p in result.problems:
        err.print(f"feed {p.name}: {p.reason}", markup=False, style="red")
    if summary["rejected"]:
        for r in summary["rejected"]:
            err.print(f"rejected {r['name']}: {r['reason']}", markup=False, style="yellow")
    console.print(f"round {result.number}: {summary['new_links']} new links, added {summary['added']}, "
                  f"rejected {len(summary['rejected'])}, {len(result.events)} new items", markup=False)
    for e in result.events:
        console.print("  " + _line(e), markup=False)
    if jsonl is not None:
        with jsonl.open("a", encoding="utf-8") as out:
            for e in [*result.events, summary]:
                out.write(json.dumps({"round": result.number, **e}, ensure_ascii=False) + "\n")
    if webhook and result.events:
        failed = fetcher.post_json(webhook, {"round": result.number, "summary": summary,
                                             "events": result.events})
        if failed is not None:
            err.print(failed.reason, markup=False, style="red")


@friendly
def watch(
    feeds: Annotated[list[str], typer.Argument(help="RSS or Atom feed URLs.")],
    db: Annotated[str | None, typer.Option(
        "--db", help="SQLite file or postgresql:// URL (NEWSTRACE_DB).")] = None,
    every: Annotated[str, typer.Option("--every", help="Time between rounds (30s, 10m, 1h).")] = "10m",
    rounds: Annotated[int, typer.Option("--rounds", help="Stop after N rounds (0: run until stopped).")] = 0,
    follow: Annotated[list[str] | None, typer.Option(
        "--follow", metavar="ACTOR", help="Report news for this actor (repeatable; default: all claims "
                                          "and denials, no shifts).")] = None,
    jsonl: Annotated[Path | None, typer.Option("--jsonl", help="Append each round's news to this JSONL file.")
                     ] = None,
    webhook: Annotated[str | None, typer.Option("--webhook", help="POST each round's news as JSON here.")
                       ] = None,
    state: Annotated[Path | None, typer.Option(
        "--state", help="Where seen entries are remembered (default: <db>.watch.json, or "
                        "newstrace.watch.json for a postgresql:// store).")] = None,
    allow_private: Annotated[bool, typer.Option(
        "--allow-private", help="Let URLs reach loopback, private and link-local addresses.")] = False,
    delay: Annotated[float, typer.Option("--delay", help="Seconds between requests to one host.")] = 1.0,
    max_mb: Annotated[float, typer.Option(help="Refuse pages larger than this (MB).")] = 20.0,
    model: Annotated[str | None, typer.Option("--model", help="spaCy model name.")] = None,
) -> None:
    """Poll feeds, ingest new articles, and report new claims, denials and shifts."""
    import newstrace
    from newstrace.cli.checks import new_or_existing_store
    from newstrace.ingest.fetch import Fetcher
    from newstrace.watch import WatchState, run_round

    pause = parse_duration(every)
    store = newstrace.open(new_or_existing_store(db))
    if state is None:  # beside a SQLite file; for a server store, in the working folder
        state = (store.path.with_name(store.path.name + ".watch.json") if store.path is not None
                 else Path("newstrace.watch.json"))
    saved = WatchState.load(state)
    wanted = list(follow or [])
    with Fetcher(fetch_policy(allow_private=allow_private, max_mb=max_mb, delay=delay)) as fetcher:
        number = 0
        while True:
            number += 1
            result = run_round(number, store, feeds, saved, fetcher, follow=wanted, model=model)
            _deliver(result, jsonl=jsonl, webhook=webhook, fetcher=fetcher)
            if rounds and number >= rounds:
                break
            time.sleep(pause)
