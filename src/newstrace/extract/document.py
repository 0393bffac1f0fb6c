"""Run the extractors over one parsed document, attributions first.

Signals need the attributions of their sentence (to know whose account they
are), so the order is fixed here rather than left to callers. IDs are re-keyed
here on source-text offsets: cleaning may drop or keep a line depending on what
else was ingested (learned boilerplate), and an item's ID must not change when
a line elsewhere in its document does.
"""

from __future__ import annotations

import dataclasses

from newstrace import ids
from newstrace.clean.offsets import span_to_source
from newstrace.extract.components import attribution_component, signal_component
from newstrace.nlp import ParsedDocument
from newstrace.records import Attribution, ExtractedDocument, Segment, Signal


def _attribution_id(doc: str, segs: tuple[Segment, ...], a: Attribution) -> str:
    s, e = span_to_source(segs, a.start, a.end)
    return ids.item_id("attribution", doc, s, e, a.cue, a.speaker)


def _signal_id(doc: str, segs: tuple[Segment, ...], s: Signal) -> str:
    start, end = span_to_source(segs, s.start, s.end)
    return ids.item_id("signal", doc, start, end, s.actor, s.type)


def extract_document(
    parsed: ParsedDocument, *, attribution: str | None = None, signals: str | None = None,
) -> ExtractedDocument:
    """Attributions, then signals, from the components named (defaults: ``components``)."""
    doc = parsed.doc_id
    segs = parsed.dated.clean.segments
    found = tuple(attribution_component(attribution)(parsed))
    sigs = tuple(signal_component(signals)(parsed, found))
    new_ids = {a.id: _attribution_id(doc, segs, a) for a in found}
    attributions = tuple(dataclasses.replace(a, id=new_ids[a.id]) for a in found)
    out = tuple(
        dataclasses.replace(
            s,
            id=_signal_id(doc, segs, s),
            attribution_id=new_ids.get(s.attribution_id, s.attribution_id) if s.attribution_id else None,
        )
        for s in sigs
    )
    return ExtractedDocument(dated=parsed.dated, attributions=attributions, signals=out)
