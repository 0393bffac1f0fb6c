"""Rich rendering for the CLI: tables and highlighted evidence."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from newstrace.store.rows import AttributionRow, DocumentRow, SignalRow
    from newstrace.timeline import TimelineEntry


def highlight(sentence: str, evidence: str, style: str = "bold yellow") -> Text:
    """The sentence with the evidence span highlighted (whole evidence if not inside)."""
    i = sentence.find(evidence) if evidence else -1
    if i < 0:
        return Text(evidence or sentence, style=style)
    out = Text(sentence[:i])
    out.append(sentence[i : i + len(evidence)], style=style)
    out.append(sentence[i + len(evidence) :])
    return out


def table(title: str, columns: Iterable[str], rows: Iterable[Iterable[Any]]) -> Table:
    """A plain table; IDs and dates never wrap, so they can be copied and read whole."""
    t = Table(title=title, show_lines=False, header_style="bold")
    for c in columns:
        if c in ("id", "group", "claim", "published", "date"):
            t.add_column(c, no_wrap=True)
        else:
            t.add_column(c, overflow="fold")
    for r in rows:
        t.add_row(*(Text("" if v is None else str(v)) for v in r))
    return t


def signals_table(rows: Sequence[SignalRow]) -> Table:
    """Signals with their whole sentence (trigger highlighted); the ID column never wraps."""
    from newstrace.timeline.evidence import whole_sentence

    t = Table(title=f"Signals ({len(rows)})", header_style="bold", expand=True)
    t.add_column("date", no_wrap=True)
    t.add_column("actor · type", ratio=1, overflow="fold")
    t.add_column("evidence", ratio=4, overflow="fold")
    t.add_column("source", ratio=1, overflow="fold")
    t.add_column("id", no_wrap=True)
    for s in rows:
        ev = whole_sentence(s.sentence, s.evidence)
        src = s.source_kind.replace("_", " ") + (f": {s.source_by}" if s.source_by else "")
        if s.source_via:
            src += f" via {s.source_via}"
        t.add_row(s.event_date or "undated", f"{s.actor}\n{s.type} · {s.polarity}",
                  sentence_text(ev.sentence, ev.start, ev.end), src, Text(s.id, style="dim"))
    return t


def source_structure(a: AttributionRow) -> str:
    """'unnamed former Russian officials (anonymous, 2+, former, official, Russian) → via NYT'."""
    who = a.speaker or "(no speaker: agentless)"
    if a.named:
        bits = [a.speaker_kind]
        if a.speaker_canonical and a.speaker_canonical != a.speaker:
            bits.append(f"= {a.speaker_canonical}")
    else:
        bits = ["anonymous" if a.speaker_kind in ("anonymous", "person") else f"{a.speaker_kind}, unnamed"]
    if a.source_count:
        bits.append(a.source_count)
    bits += [q for q in a.source_qualifiers if a.named or q not in ("unnamed", "anonymous", "unidentified")]
    bits += a.source_roles + a.source_affiliation
    if a.source_proximity:
        bits.append(a.source_proximity)
    chain = f"{who} ({', '.join(bits)})"
    for outlet in a.via_chain or ([a.via] if a.via else []):
        chain += f" → via {outlet}"
    return chain


def show_document(
    console: Console, d: DocumentRow, lines: list[dict[str, Any]], sources: list[dict[str, Any]]
) -> None:
    console.print(f"[bold]{escape(d.title or d.name)}[/bold]  [dim]{d.id}[/dim]")
    console.print(f"file: {d.name}   outlet: {d.outlet or '-'}   origin: {d.origin or '-'}", markup=False)
    console.print(
        f"published: {d.published or 'undated'} ({d.published_precision or '-'}, "
        f"confidence {d.published_confidence:.2f}, {d.published_method}"
        + (f", evidence “{d.published_evidence}”" if d.published_evidence else "") + ")",
        markup=False,
    )
    console.print(f"{d.attributions} attributions, {d.signals} signals, language {d.language}", markup=False)
    if d.author:
        console.print(f"author: {d.author}", markup=False)
    if d.status_reason:
        console.print(f"not processed: {d.status_reason}", markup=False)
    if d.copy_group:
        role = "the original" if d.copy_kind == "original" else f"a {d.copy_kind} copy of {d.copy_original}"
        console.print(f"copy group {d.copy_group}: {role}", markup=False)
    for src in sources:
        console.print(f"input: {src['source_path'] or src['name']}", markup=False)
    for ln in lines:
        style = {"body": "", "title": "bold", "meta": "cyan", "junk": "dim strike"}[ln["cls"]]
        console.print(Text(f"{ln['number']:>4} {ln['cls']:<5} ", style="dim"), Text(ln["text"], style=style))


def show_attribution(console: Console, a: AttributionRow) -> None:
    console.print(f"[bold]attribution[/bold] [dim]{a.id}[/dim]  in {escape(a.doc_name)} ({a.doc_id})")
    console.print(highlight(a.sentence, a.evidence))
    console.print(f"source: {source_structure(a)}", markup=False)
    console.print(f"cue: {a.cue} ({a.force or '-'})   direct: {a.direct}   published by: {a.outlet or '-'}",
                  markup=False)
    if a.content:
        console.print(Text("content: ", style="dim"), Text(a.content))


def show_signal(console: Console, s: SignalRow) -> None:
    console.print(f"[bold]signal[/bold] [dim]{s.id}[/dim]  in {escape(s.doc_name)} ({s.doc_id})")
    console.print(highlight(s.sentence, s.evidence))
    console.print(
        f"actor: {s.actor} (as written: “{s.actor_text}”)   type: {s.type}   polarity: {s.polarity}",
        markup=False,
    )
    console.print(f"topics: {', '.join(s.topics) or '-'}   certainty: {s.certainty or '-'}", markup=False)
    for c in s.conditions:
        console.print(f"condition: {c['topic']} / “{c['detail']}” ({c['state']})", markup=False)
    when = s.when or "-"
    if s.when_evidence:
        when += f" (from “{s.when_evidence}”)"
    console.print(Text(f"event date: {s.event_date or 'unknown'} ({s.event_basis})   when: {when}"))
    src = s.source_kind + (f": {s.source_by}" if s.source_by else "")
    if s.source_via:
        src += f" → via {s.source_via}"
    where = f"outlet: {s.outlet or '-'}   origin: {s.origin or '-'}   published: {s.published or 'undated'}"
    console.print(f"source: {src}   {where}", markup=False)
    if s.attribution_id:
        console.print(f"attribution: {s.attribution_id}", markup=False)


def sentence_text(sentence: str, start: int, end: int, *, struck: bool = False) -> Text:
    """The whole sentence with the trigger ``sentence[start:end]`` highlighted."""
    out = Text(sentence[:start], style="strike" if struck else "")
    out.append(sentence[start:end], style="bold yellow" + (" strike" if struck else ""))
    out.append(sentence[end:], style="strike" if struck else "")
    return out


def _what(e: TimelineEntry) -> Text:
    head = Text(f"{e.type} · {e.polarity}")
    if e.certainty:
        head.append(f" · {e.certainty}", style="dim")
    for m in e.marks:
        head.append(f"\n{m.upper()}", style=MARK_STYLE.get(m, "bold"))
    if e.voiced_by:
        head.append(f"\n{e.voice_line()}", style="magenta")
    return head


MARK_STYLE = {"denied": "bold red", "doubted": "bold yellow", "confirmed": "bold green"}


def _date(e: TimelineEntry) -> Text:
    """The date as it may be read: a bound shows as "≤ … (seen)", a date with its basis under it."""
    date = Text(e.date_label, style="dim bold" if e.date_bound else "bold")
    if not e.date_bound and e.date_basis != "none":
        date.append(f"\n{e.date_basis}", style="dim")
    return date


def _details(e: TimelineEntry) -> Text:
    out = sentence_text(e.sentence, e.evidence_start, e.evidence_end, struck="denied" in e.marks)
    if e.when_evidence:
        out.append(f"\nwhen: “{e.when_evidence}”", style="dim")
    if e.conditions:
        out.append(f"\nconditions: {e.conditions_line()}", style="cyan")
    if e.answers:
        out.append(f"\n{e.marks_line()}", style="red" if "denied" in e.marks else "dim")
    return out


def timeline_table(actor: str, entries: list[TimelineEntry], width: int | None = None) -> Table:
    """One row per entry; dates and IDs never wrap, the sentence takes what is left."""
    t = Table(title=f"Timeline: {actor} ({len(entries)} entries)", header_style="bold",
              show_lines=True, expand=True, width=width)
    t.add_column("date", no_wrap=True)
    t.add_column("signal", no_wrap=False, min_width=18, max_width=28)
    t.add_column("evidence (whole sentence, trigger highlighted)", ratio=5, overflow="fold")
    t.add_column("source · outlet", ratio=2, overflow="fold")
    t.add_column("id", no_wrap=True)
    for e in entries:
        src = Text(e.source_line() + "\n", style="")
        src.append(e.outlet_line(), style="dim")
        t.add_row(_date(e), _what(e), _details(e), src, Text(e.signal_id, style="dim"))
    return t


def timeline_blocks(console: Console, actor: str, entries: list[TimelineEntry]) -> None:
    """One block per entry: readable on narrow terminals and in logs; IDs on their own line."""
    console.print(Text(f"Timeline: {actor} ({len(entries)} entries)", style="bold"))
    for e in entries:
        head = _date(e)
        head.append("  ")
        head.append_text(_what(e).copy())
        head.plain = head.plain.replace("\n", " · ")
        if e.topics:
            head.append(f" · {', '.join(e.topics)}")
        console.print(head)
        body = Text("    ")
        body.append_text(_details(e))
        console.print(body)
        console.print(Text(f"    {e.source_line()} · {e.outlet_line()} · {e.doc_name}", style="dim"))
        console.print(Text(f"    {e.signal_id}", style="dim"), no_wrap=True, overflow="ignore")
