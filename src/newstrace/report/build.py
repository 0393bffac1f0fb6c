"""An actor's report: the timeline chart, positions and shifts, denials, and where the reports came from.

Everything is gathered from the same functions the CLI and the web UI use, and
rendered to one file with nothing to fetch: HTML embeds the SVG chart and its
styles; Markdown embeds the chart as an SVG data URI image.
"""

from __future__ import annotations

import base64
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newstrace.store.database import Store
    from newstrace.timeline.build import TimelineEntry
    from newstrace.timeline.shifts import PositionTimeline


@dataclass
class Report:
    """What a report shows about one actor (and topic)."""

    actor: str
    topic: str | None
    entries: list[TimelineEntry]
    streams: list[PositionTimeline]
    chart_svg: str
    denied: list[TimelineEntry] = field(default_factory=list)
    sources: list[tuple[str, str, int]] = field(default_factory=list)  # kind, outlet, reports

    @property
    def shifts(self) -> int:
        return sum(len(pt.shifts) for pt in self.streams)


def gather(store: Store, actor: str, topic: str | None = None) -> Report:
    from newstrace.serve.chart import timeline_chart
    from newstrace.timeline import build_timeline
    from newstrace.timeline.shifts import actor_shifts

    entries = list(build_timeline(store, actor=actor, topic=topic))
    streams = list(actor_shifts(store, actor=actor, topic=topic))
    chart = str(timeline_chart([(actor, entries, streams)], link=False))
    counts: Counter[tuple[str, str]] = Counter()
    for e in entries:
        for outlet in e.outlets or [e.outlet or "(no outlet)"]:
            counts[(e.source_kind, outlet)] += 1
    sources = sorted(((k, o, n) for (k, o), n in counts.items()), key=lambda t: (-t[2], t[0], t[1]))
    return Report(actor=actor, topic=topic, entries=entries, streams=streams, chart_svg=chart,
                  denied=[e for e in entries if e.marks], sources=sources)


def render_html(report: Report) -> str:
    from jinja2 import Environment, PackageLoader

    env = Environment(loader=PackageLoader("newstrace.report", "templates"), autoescape=True)
    # one stylesheet for the web UI and the report: the report embeds the UI's own
    css = (Path(__file__).parents[1] / "serve" / "static" / "app.css").read_text("utf-8")
    from markupsafe import Markup

    return env.get_template("report.html").render(r=report, css=Markup(css), chart=Markup(report.chart_svg))


def _md(text: Any) -> str:
    """Markdown-safe table cell: pipes escaped, newlines folded, markup characters neutralised."""
    out = " ".join(str(text or "").split())
    for ch in ("\\", "|", "<", ">", "`", "*", "_", "[", "]"):
        out = out.replace(ch, "\\" + ch)
    return out


def _said(e: TimelineEntry) -> str:
    """The sentence with its trigger in bold, every part escaped."""
    s, a, b = e.sentence, e.evidence_start, e.evidence_end
    return _md(s[:a]) + "**" + _md(s[a:b]) + "**" + _md(s[b:])


def render_md(report: Report) -> str:
    svg = report.chart_svg.replace("<svg ", '<svg style="background:white" ', 1)
    data = base64.b64encode(svg.encode("utf-8")).decode()
    topic = f"; topic {_md(report.topic)}" if report.topic else ""
    lines = [f"# {_md(report.actor)}: positions, shifts and sources", "",
             f"{len(report.entries)} timeline entries, {report.shifts} shifts, "
             f"{len(report.denied)} answered reports{topic}", "",
             f"![timeline of {_md(report.actor)}](data:image/svg+xml;base64,{data})", "",
             "## Timeline", "", "| date | type | marks | sentence | source | outlets | signal |",
             "|---|---|---|---|---|---|---|"]
    for e in report.entries:
        marks = ", ".join(e.marks).upper() + (f" {e.voice_line()}" if e.voiced_by else "")
        lines.append(f"| {_md(e.date_label)} | {e.type} ({e.polarity}) | {_md(marks)} | {_said(e)} | "
                     f"{_md(e.source_line())} | {_md(e.outlet_line())} | `{e.signal_id}` |")
    lines += ["", "## Positions and shifts"]
    for pt in report.streams:
        lines += ["", f"### {_md(pt.stream)}", "", "| first date | position | reports | origins |",
                  "|---|---|---|---|"]
        lines += [f"| {_md(p.evidence[0].date_label if p.evidence else p.first_date)} | {_md(p.label())} | "
                  f"{p.reports} | {p.origins} |" for p in pt.positions]
        lines += ["", "Shifts:", ""]
        for sh in pt.shifts:
            before = sh.before_evidence[0].sentence if sh.before_evidence else ""
            after = sh.after_evidence[0].sentence if sh.after_evidence else ""
            lines.append(f"- **{_md(sh.date or 'undated')}** {_md(sh.explanation)} — before: “{_md(before)}”"
                         f" — after: “{_md(after)}”")
        if pt.set_aside:
            lines += ["", "Set aside (no shift rests on these):", ""]
            lines += [f"- {_md(r.set_aside_because())}: “{_md(r.sentence)}” (`{r.signal_id}`)"
                      for r in pt.set_aside]
    lines += ["", "## Denials, doubts and confirmations", ""]
    lines += [f"- {_md(e.date_label)} “{_md(e.sentence)}” — {_md(e.marks_line())}" for e in report.denied]
    if not report.denied:
        lines.append("None linked.")
    lines += ["", "## Sources", "", "| source kind | outlet | reports |", "|---|---|---|"]
    lines += [f"| {_md(k)} | {_md(o)} | {n} |" for k, o, n in report.sources]
    return "\n".join(lines) + "\n"
