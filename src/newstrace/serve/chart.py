"""The story timeline as inline SVG: one lane per actor on a shared date axis.

Marks are coloured by signal type and shaped by source kind (circle on record,
diamond anonymous, square only reported); a denied report is struck through, a
shift is ringed, a third party's opinion is hollow. Each mark links to its
evidence sentence. Built as text here (no plotting library in the page), with
every label escaped, so the web UI and the HTML report draw the same chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from markupsafe import Markup, escape

from newstrace.timeline.build import TimelineEntry
from newstrace.timeline.shifts import PositionTimeline

TYPE_COLOURS = {
    "intent_to_negotiate": "#2a9d8f", "agree": "#2a9d8f", "concession": "#8ab17d", "propose": "#52b69a",
    "demand": "#e9c46a", "reject": "#e76f51", "threaten": "#d62828", "military_action": "#9d0208",
    "doubt": "#8d99ae", "deny": "#6c757d", "confirm": "#495057", "meet": "#4361ee", "aid": "#7209b7",
}
OTHER_COLOUR = "#adb5bd"
SHAPES = {"on_record": "circle", "anonymous": "diamond", "reported": "square"}
WIDTH, LANE, LEFT, TOP, UNDATED_W = 1000, 80, 170, 30, 90
STACK = (0, -17, 17, -34, 34)  # vertical offsets of marks that share a day


def day_of(value: str) -> date:
    """A date string of any precision as its first day, as the timeline orders it: a coarser
    date comes before the finer dates inside it ("2025" before "2025-04-26")."""
    parts = [int(p) for p in value[:10].split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _shape(kind: str, x: float, y: float, fill: str, hollow: bool) -> str:
    paint = f'fill="{"white" if hollow else fill}" stroke="{fill}" stroke-width="2"'
    shape = SHAPES.get(kind, "circle")
    if shape == "diamond":
        return f'<polygon points="{x},{y - 8} {x + 8},{y} {x},{y + 8} {x - 8},{y}" {paint}/>'
    if shape == "square":
        return f'<rect x="{x - 6.5}" y="{y - 6.5}" width="13" height="13" {paint}/>'
    return f'<circle cx="{x}" cy="{y}" r="7" {paint}/>'


def timeline_chart(lanes: Sequence[tuple[str, Sequence[TimelineEntry], Sequence[PositionTimeline]]],
                   *, link: bool = True) -> Markup:
    """The SVG for these lanes; ``link`` wraps each mark in its evidence link (off in reports)."""
    days = [day_of(e.date or e.date_bound or "") for _, entries, _ in lanes for e in entries
            if e.date or e.date_bound]
    lo, hi = (min(days), max(days)) if days else (date(2000, 1, 1), date(2000, 12, 31))
    span = max((hi - lo).days, 30)
    plot_w = WIDTH - LEFT - UNDATED_W - 20
    height = TOP + LANE * len(lanes) + 30

    def x_of(d: date) -> float:
        return round(LEFT + (d - lo).days / span * plot_w, 1)

    out = [f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
           f'data-width="{WIDTH}" role="img" aria-label="timeline">']
    for year in range(lo.year, hi.year + 2):
        for month in (1, 7):
            tick = date(year, month, 1)
            if lo <= tick <= hi:
                x = x_of(tick)
                out.append(f'<line class="grid" x1="{x}" x2="{x}" y1="{TOP - 10}" y2="{height - 25}"/>'
                           f'<text class="tick" x="{x}" y="{height - 8}">{tick:%Y-%m}</text>')
    undated_x = WIDTH - UNDATED_W / 2 - 10
    out.append(f'<text class="tick" x="{undated_x}" y="{height - 8}">undated</text>')
    for i, (actor, entries, streams) in enumerate(lanes):
        y = TOP + LANE * i + LANE / 2
        shifted = {r.signal_id for pt in streams for sh in pt.shifts for r in sh.after_evidence}
        out.append(f'<g class="lane" data-actor="{escape(actor)}">'
                   f'<line class="lane-line" x1="{LEFT}" x2="{WIDTH - 10}" y1="{y}" y2="{y}"/>'
                   f'<text class="lane-label" x="8" y="{y + 4}">{escape(actor)}</text>')
        stacked: dict[int, int] = {}
        for e in entries:
            when = e.date or e.date_bound
            x = x_of(day_of(when)) if when else undated_x
            # marks on one day stack up and down the lane, then step right, so none hides another
            n = stacked.get(round(x / 14), 0)
            stacked[round(x / 14)] = n + 1
            x += (n // len(STACK)) * 14
            yy = y + STACK[n % len(STACK)]
            colour = TYPE_COLOURS.get(e.type, OTHER_COLOUR)
            denied = "denied" in e.marks
            classes = " ".join(["mark", f"t-{e.type}", f"k-{e.source_kind}"] + (["denied"] if denied else [])
                               + (["shift"] if e.signal_id in shifted else [])
                               + (["opinion"] if e.voiced_by else []))
            title = f"{e.date_label} · {e.type} ({e.polarity}) · {e.source_line()} · {e.outlet_line()}"
            if e.marks:
                title += f" · {', '.join(e.marks).upper()}"
            if e.voiced_by:
                title += f" · {e.voice_line()}"
            title += f" — {e.sentence}"
            mark = [f'<g class="{classes}" data-signal="{escape(e.signal_id)}" data-type="{escape(e.type)}">',
                    f"<title>{escape(title)}</title>"]
            if e.signal_id in shifted:
                mark.append(f'<circle class="shift-ring" cx="{x}" cy="{yy}" r="12"/>')
            mark.append(_shape(e.source_kind, x, yy, colour, bool(e.voiced_by)))
            if denied:
                mark.append(f'<line class="strike" x1="{x - 11}" y1="{yy}" x2="{x + 11}" y2="{yy}"/>')
            mark.append("</g>")
            body = "".join(mark)
            if link:
                href = f"/documents/{escape(e.doc_id)}#s-{escape(e.signal_id)}"
                body = f'<a href="{href}" class="evidence-link">{body}</a>'
            out.append(body)
        out.append("</g>")
    out.append("</svg>")
    return Markup("".join(out))


def legend() -> Markup:
    """Colour per type and shape per source kind, as a small SVG."""
    items = [*TYPE_COLOURS.items(), ("other", OTHER_COLOUR)]
    out = ['<svg class="legend" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1000 75">']
    for i, (name, colour) in enumerate(items):
        x = 10 + (i % 7) * 140
        y = 15 + (i // 7) * 20
        out.append(f'<circle cx="{x}" cy="{y}" r="6" fill="{colour}"/>'
                   f'<text class="tick" x="{x + 10}" y="{y + 4}" text-anchor="start">{escape(name)}</text>')
    for j, kind in enumerate(SHAPES):
        x = 10 + j * 170
        label = kind.replace("_", " ")
        out.append(_shape(kind, x, 62, "#333", False)
                   + f'<text class="tick" x="{x + 12}" y="66" text-anchor="start">{label}</text>')
    out.append("</svg>")
    return Markup("".join(out))
