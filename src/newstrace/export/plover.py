"""PLOVER-style JSON: one event record per stored signal.

Field names follow the PLOVER manual (draft 0.8, Tables 6.1 and 6.2) in
snake_case (``event_text``, ``quad_code``, ``event_scale``, ``has_event``,
entity ``entity_text`` / ``identifier_id`` / ``identifier_text``); newstrace
adds what PLOVER has no field for: ``anchor_quote`` (the evidence sentence),
``polarity``, ``topics``, ``conditions`` (topic, detail, state, evidence and
its offsets into the cleaned text), ``certainty``, the signal type and CAMEO
code, the date's precision and basis, and ``provenance`` (document, outlet,
URL, character offsets, attribution). Written by hand: no library writes PLOVER records; the JSON
itself is the standard library's.

A signal whose type has no PLOVER event (a public statement, CAMEO 01) is
kept with ``has_event: false`` and an empty ``event`` list, as the manual's
``has event`` field allows, so the export still has one record per signal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TextIO

from newstrace import __version__
from newstrace.export.gather import ActorRef, ExportedSignal, gather
from newstrace.export.tables import plover_categories, plover_contexts
from newstrace.safe_text import dumps

if TYPE_CHECKING:
    from newstrace.store import Store


def _entity(ref: ActorRef, written: str | None = None) -> dict[str, Any]:
    return {
        "entity_text": written or ref.name,
        "identifier_text": ref.name,
        "identifier_id": ref.qid or ref.id,
        "kind": ref.kind,
    }


def _contexts(topics: list[str]) -> list[str]:
    table = plover_contexts()
    out: list[str] = []
    for topic in topics:
        out.extend(c for c in table.get(topic, ()) if c not in out)
    return out


def _provenance(ex: ExportedSignal) -> dict[str, Any]:
    s, doc, att = ex.signal, ex.document, ex.attribution
    return {
        "signal_id": s.id,
        "doc_id": s.doc_id,
        "doc_name": s.doc_name,
        "outlet": s.outlet,
        "origin": s.origin,
        "url": doc.url,
        "source_path": doc.source_path,
        "published": doc.published,
        "published_precision": doc.published_precision,
        # offsets of the evidence: into the cleaned text, and into the source text it came from
        "clean_start": s.start,
        "clean_end": s.end,
        "source_start": s.raw_start,
        "source_end": s.raw_end,
        "attribution": {
            "id": s.attribution_id,
            "source_kind": s.source_kind,
            "speaker": (att.speaker_canonical or att.speaker) if att else s.source_by,
            "speaker_text": att.speaker if att else None,
            "cue": att.cue if att else None,
            "via": s.source_via or (att.via if att else None),
        },
    }


def plover_event(ex: ExportedSignal) -> dict[str, Any]:
    """The PLOVER record of one signal."""
    s, codes = ex.signal, ex.codes
    category = plover_categories().get(codes.plover) if codes.plover else None
    return {
        "id": s.id,
        "has_event": category is not None,
        "date": ex.date,
        "date_precision": ex.date_precision,
        "date_basis": ex.date_basis,
        "actor": [_entity(ex.actor, s.actor_text)],
        "recipient": [_entity(ex.target)] if ex.target else None,
        "event": [codes.plover] if codes.plover else [],
        "mode": [codes.mode] if codes.mode else [],
        "context": _contexts(s.topics),
        "quad_code": category.quad if category else None,
        "event_scale": category.scale(codes.mode) if category else None,
        "event_text": [s.evidence],
        "anchor_quote": s.sentence.strip(),
        "signal_type": s.type,
        "cameo": codes.cameo,
        "polarity": s.polarity,
        "topics": list(s.topics),
        "conditions": [dict(c) for c in s.conditions],
        "certainty": s.certainty,
        "provenance": _provenance(ex),
        "coder": f"newstrace {__version__}",
    }


def plover_events(store: Store, *, actor: str | None = None) -> list[dict[str, Any]]:
    """One PLOVER record per stored signal (of ``actor`` and those who speak for it)."""
    return [plover_event(ex) for ex in gather(store, actor=actor)]


def write_plover(store: Store, out: TextIO, *, actor: str | None = None) -> int:
    """Write the records as one JSON array; returns how many."""
    events = plover_events(store, actor=actor)
    out.write(dumps(events, indent=2) + "\n")
    return len(events)
