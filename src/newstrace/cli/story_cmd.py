"""``newstrace shifts`` and ``newstrace story``: positions that changed, and a story's key dates.

Kept out of ``app.py`` so each command is registered with one line
(``app.command("shifts")(shifts)``, ``app.command("story")(story)``) and tested on its own.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from newstrace.cli import safe_output
from newstrace.cli.checks import friendly
from newstrace.cli.safe_output import SafeConsole

if TYPE_CHECKING:
    from newstrace.store.database import Store
    from newstrace.timeline.shifts import PositionTimeline, Report
    from newstrace.timeline.story import Story

DbOpt = Annotated[str | None, typer.Option("--db", help="SQLite file or postgresql:// URL (NEWSTRACE_DB).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
SinceOpt = Annotated[str | None, typer.Option("--since", help="From this date (YYYY[-MM[-DD]]).")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Up to this date (YYYY[-MM[-DD]]).")]


def _open(db: str | None) -> Store:
    """An existing store (E101 otherwise: opening would create an empty one)."""
    import newstrace
    from newstrace.cli.checks import existing_store

    return newstrace.open(existing_store(db))


def _print_json(obj: Any) -> None:
    sys.stdout.write(safe_output.dumps(obj, indent=2) + "\n")


def _evidence(reports: list[Report]) -> Text:
    from newstrace.cli.render import sentence_text

    out = Text()
    for i, r in enumerate(reports[:1]):
        if i:
            out.append("\n")
        out.append(f"{r.date_label} ", style="bold")
        out.append_text(sentence_text(r.sentence, r.evidence_start, r.evidence_end,
                                      struck="denied" in r.marks))
        for a in r.answers:
            out.append(f"\n{a['mark'].upper()} by {a['actor']} ({a['signal_id']})", style="bold red")
        if r.voiced_by:
            out.append(f"\nopinion of {r.voiced_by} about {r.actor}", style="magenta")
        out.append(f"\n{r.source_line()} · {r.outlet or '-'} · {r.doc_name} · ", style="dim")
        out.append(r.signal_id, style="dim")
    if len(reports) > 1:
        out.append(f"\n(+{len(reports) - 1} more reports: --json lists them)", style="dim")
    return out


def _shift_tables(timelines: list[PositionTimeline], *, positions: bool = True) -> list[Table]:
    tables: list[Table] = []
    for pt in timelines:
        if not positions:
            _shifts_only(pt, tables)
            continue
        p = Table(title=f"Positions: {pt.actor} — {pt.stream}", header_style="bold", show_lines=True)
        for col in ("first date", "position", "reports", "origins", "first report"):
            p.add_column(col, overflow="fold")
        for pos in pt.positions:
            p.add_row(pos.first_date or "undated", pos.label(), str(pos.reports), str(pos.origins),
                      _evidence(pos.evidence[:1]))
        tables.append(p)
        s = Table(title=f"Shifts: {pt.actor} — {pt.stream} ({len(pt.shifts)})", header_style="bold",
                  show_lines=True)
        for col in ("date", "shift", "before", "after"):
            s.add_column(col, overflow="fold")
        for sh in pt.shifts:
            s.add_row(sh.date or "undated", Text(sh.explanation, style="bold"),
                      Text(sh.before.label() + "\n").append_text(_evidence(sh.before_evidence)),
                      Text(sh.after.label() + "\n").append_text(_evidence(sh.after_evidence)))
        tables.append(s)
        if pt.set_aside:
            a = Table(title=f"Set aside: {pt.actor} — {pt.stream} (no shift rests on these)",
                      header_style="bold", show_lines=True)
            a.add_column("why", no_wrap=True)
            a.add_column("report", overflow="fold")
            for rep in pt.set_aside:
                a.add_row(rep.set_aside_because() or "", _evidence([rep]))
            tables.append(a)
    return tables


def _shifts_only(pt: PositionTimeline, tables: list[Table]) -> None:
    """The shifts and the reports set aside, without the full list of positions."""
    full = _shift_tables([pt], positions=True)
    tables.extend(full[1:])


@friendly
def shifts(
    actor: Annotated[str, typer.Option("--actor", help="Actor (and everyone who speaks for it).")],
    topic: Annotated[str | None, typer.Option(
        "--topic", help="Only these topics, one stream (\"ceasefire and negotiations\").")] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    positions: Annotated[bool, typer.Option("--positions/--no-positions",
                                            help="Also print every position (long).")] = False,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """An actor's positions per topic stream, and where they shifted, with the evidence of each."""
    from newstrace.cli import checks
    from newstrace.timeline.shifts import actor_shifts

    since, until = checks.check_range(since, until)
    topic = checks.check_topics(topic)
    with _open(db) as store:
        canonical = checks.check_actor(store, actor)
        assert canonical is not None
        timelines = actor_shifts(store, actor=canonical, topic=topic)
    for pt in timelines:
        pt.shifts = [sh for sh in pt.shifts if checks.in_range(sh.date, since, until)]
        pt.positions = [p for p in pt.positions if checks.in_range(p.first_date, since, until)]
    if as_json:
        _print_json(timelines.to_dicts())
        return
    console = SafeConsole()
    if not timelines:
        console.print(f"no positions for {actor}", markup=False)
        return
    for t in _shift_tables(list(timelines), positions=positions):
        console.print(t)


def _story_table(st: Story) -> Table:
    t = Table(title=f"Story: {st.target} ({st.kind}; {st.matched} signals, {st.undated} undated)",
              header_style="bold", show_lines=True)
    for col in ("date", "origins", "development", "source"):
        t.add_column(col, overflow="fold")
    from newstrace.cli.render import sentence_text

    for d in st.dates:
        date = Text(d.date_label or d.date, style="bold")
        if d.bases != ["event"]:
            date.append(f"\n{', '.join(d.bases)}", style="dim")
        src = Text(f"{d.source_line()}\n{d.outlet or '-'} · {d.doc_name}\n{d.signal_id}", style="dim")
        told = sentence_text(d.sentence, d.evidence_start, d.evidence_end, struck="denied" in d.marks)
        for a in d.answers:
            told.append(f"\n{a['mark'].upper()} by {a['actor']} ({a['signal_id']})", style="bold red")
        t.add_row(date, f"{d.origins} ({d.reports} reports)", told, src)
    return t


@friendly
def story(
    query: Annotated[str, typer.Argument(help="An actor, a topic (ceasefire, territory, …) or keywords.")],
    top: Annotated[int | None, typer.Option("--top", help="How many dates to keep.")] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """A story's key developments: the dates most independent outlets reported, one sentence each."""
    from newstrace.cli import checks
    from newstrace.timeline.story import story as build_story

    since, until = checks.check_range(since, until)
    with _open(db) as store:
        st = build_story(store, query, top=top)
    st.dates = [d for d in st.dates if checks.in_range(d.date, since, until)]
    if as_json:
        _print_json(st.to_dict())
        return
    SafeConsole().print(_story_table(st))
