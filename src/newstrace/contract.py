"""The ``extract --json`` output contract: one JSON object per document.

Offsets in the contract are into the decoded input text (``source_text``), while
records keep offsets into the cleaned text; this module is the single place
that maps one to the other. Later work may add keys but never remove or rename
them.
"""

from __future__ import annotations

from typing import Any

from newstrace.clean.offsets import span_to_source
from newstrace.records import ExtractedDocument, to_dict


def document_contract(ex: ExtractedDocument) -> dict[str, Any]:
    clean = ex.dated.clean
    raw = clean.raw
    segs = clean.segments
    pub = ex.dated.published
    lines: dict[str, list[int]] = {"title": [], "meta": [], "body": [], "junk": []}
    for line in clean.lines:
        lines[line.cls].append(line.number)

    def src(start: int | None, end: int | None) -> tuple[int | None, int | None]:
        if start is None or end is None:
            return None, None
        return span_to_source(segs, start, end)

    attributions = []
    for a in ex.attributions:
        s, e = src(a.start, a.end)
        cs, ce = src(a.content_start, a.content_end)
        attributions.append(
            {
                "id": a.id,
                "start": s,
                "end": e,
                "speaker": a.speaker,
                "speaker_canonical": a.speaker_canonical,
                "speaker_kind": a.speaker_kind,
                "named": a.named,
                "cue": a.cue,
                "direct": a.direct,
                "via": a.via,
                "via_chain": list(a.via_chain),
                "force": a.force,
                "source": to_dict(a.profile),
                "content_start": cs,
                "content_end": ce,
                "evidence": clean.text[a.start : a.end],
                "component": a.component,
                "confidence": round(a.confidence, 3),
            }
        )
    signals = []
    for sig in ex.signals:
        s, e = src(sig.start, sig.end)
        signals.append(
            {
                "id": sig.id,
                "start": s,
                "end": e,
                "actor": sig.actor,
                "actor_text": sig.actor_text,
                "type": sig.type,
                "topics": list(sig.topics),
                "polarity": sig.polarity,
                "when": to_dict(sig.when),
                "source": to_dict(sig.source),
                "attribution_id": sig.attribution_id,
                "conditions": [
                    {"topic": c.topic, "detail": c.detail, "state": c.state,
                     "start": src(c.start, c.end)[0], "end": src(c.start, c.end)[1],
                     "evidence": clean.text[c.start : c.end]}
                    for c in sig.conditions
                ],
                "certainty": sig.certainty,
                "evidence": clean.text[sig.start : sig.end],
                "component": sig.component,
                "confidence": round(sig.confidence, 3),
            }
        )
    return {
        "file": raw.name,
        "id": raw.doc_id,
        "published": {
            "value": pub.value,
            "precision": pub.precision,
            "confidence": round(pub.confidence, 3),
            "evidence": pub.evidence,
            "method": pub.method,
        },
        "outlet": clean.outlet,
        "origin": clean.origin,
        "title": clean.title,
        "author": clean.author,
        "language": clean.language,
        "problem": ex.problem,
        "lines": lines,
        "attributions": attributions,
        "signals": signals,
    }
