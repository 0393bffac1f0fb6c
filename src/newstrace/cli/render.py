"""Rich rendering for the CLI: tables and highlighted evidence."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

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
    t = Table(title=title, show_lines=False, header_style="bold")
    for c in columns:
        t.add_column(c, overflow="fold")
    for r in rows:
        t.add_row(*(Text("" if v is None else str(v)) for v in r))
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


def timeline_table(actor: str, entries: list[TimelineEntry]) -> Table:
    t = Table(title=f"Timeline: {actor}", header_style="bold", show_lines=True, expand=True)
    t.add_column("date", no_wrap=False, ratio=1)
    t.add_column("type", no_wrap=True)
    t.add_column("polarity", no_wrap=True)
    t.add_column("certainty", no_wrap=True)
    t.add_column("topics", ratio=1, overflow="fold")
    t.add_column("evidence", ratio=4, overflow="fold")
    t.add_column("conditions", ratio=2, overflow="fold")
    t.add_column("source", ratio=2, overflow="fold")
    t.add_column("outlet", ratio=1, overflow="fold")
    t.add_column("id", no_wrap=True)
    for e in entries:
        cells = (e.type, e.polarity, e.certainty or "-", ", ".join(e.topics), e.evidence,
                 e.conditions_line() or "-", e.source_line(), e.outlet_line(), e.signal_id)
        date = Text(e.date or "undated", style="bold")
        if e.date_note():
            date.append(f"\n{e.date_note()}", style="dim")
        t.add_row(date, *(Text(c) for c in cells))
    return t


def timeline_blocks(console: Console, actor: str, entries: list[TimelineEntry]) -> None:
    """One block per entry: readable on narrow terminals and in logs."""
    console.print(Text(f"Timeline: {actor} ({len(entries)} signals)", style="bold"))
    for e in entries:
        head = Text(e.date or "undated", style="bold")
        if e.date_note():
            head.append(f" ({e.date_note()})", style="dim")
        head.append(f"  {e.type} · {e.polarity}")
        if e.certainty:
            head.append(f" · {e.certainty}")
        if e.topics:
            head.append(f" · {', '.join(e.topics)}")
        console.print(head)
        console.print(Text(f"    “{e.evidence}”"))
        if e.conditions:
            console.print(Text(f"    conditions: {e.conditions_line()}"))
        console.print(Text(f"    {e.source_line()} · outlet {e.outlet_line()} · {e.doc_name} · {e.signal_id}",
                           style="dim"))
