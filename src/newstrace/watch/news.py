"""What a round added for the followed actors: new claims, denials and position shifts.

The store is read before and after the round's ingest and the two readings are
compared by ID. Claim IDs survive re-clustering (a rebuilt cluster keeps its
oldest ID) and signal IDs are content hashes, so an ID that was not there before
is news; a shift is keyed by its stream, date, explanation and evidence.
Without followed actors, claims and denials of every actor are reported (shifts
need an actor).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newstrace.store.claim_rows import ClaimRow
    from newstrace.store.database import Store
    from newstrace.store.rows import SignalRow
    from newstrace.timeline.shifts import Shift


@dataclass
class Snapshot:
    claims: dict[str, ClaimRow] = field(default_factory=dict)
    denials: dict[str, SignalRow] = field(default_factory=dict)
    shifts: dict[tuple[str, ...], tuple[str, Shift]] = field(default_factory=dict)

    @classmethod
    def read(cls, store: Store, follow: list[str]) -> Snapshot:
        from newstrace.timeline.shifts import actor_shifts

        snap = cls()
        for actor in follow or [None]:  # type: ignore[list-item]
            for c in store.claims(actor=actor):
                snap.claims[c.id] = c
            for s in store.signals(actor=actor, type="deny"):
                snap.denials[s.id] = s
            if actor is None:
                continue
            for pt in actor_shifts(store, actor=actor):
                for sh in pt.shifts:
                    key = (pt.actor, pt.stream, sh.date or "", sh.explanation,
                           *sorted(r.signal_id for r in sh.after_evidence))
                    snap.shifts[key] = (pt.actor, sh)
        return snap


def _claim(c: ClaimRow, kind: str) -> dict[str, Any]:
    return {"kind": kind, "actor": c.actor, "id": c.id, "type": c.type, "topics": c.topics,
            "status": c.status, "first_report": c.first_report, "reports": c.reports,
            "outlets": c.outlets, "text": c.representative, "signal_id": c.representative_signal}


def _denial(s: SignalRow) -> dict[str, Any]:
    return {"kind": "denial", "actor": s.actor, "id": s.id, "topics": s.topics, "date": s.event_date,
            "text": s.sentence or s.evidence, "evidence": s.evidence, "doc_id": s.doc_id,
            "doc": s.doc_name, "outlet": s.outlet, "source": s.source_kind}


def _shift(followed: str, sh: Shift) -> dict[str, Any]:
    first = sh.after_evidence[0] if sh.after_evidence else None
    return {"kind": "shift", "actor": followed, "stream": sh.stream, "date": sh.date,
            "explanation": sh.explanation, "before": sh.before.label(), "after": sh.after.label(),
            "text": first.sentence if first else None,
            "signal_ids": [r.signal_id for r in sh.after_evidence]}


def new_events(before: Snapshot, after: Snapshot) -> list[dict[str, Any]]:
    """Events for what ``after`` holds and ``before`` did not, claims first, in a stable order."""
    events: list[dict[str, Any]] = []
    for cid in sorted(after.claims, key=lambda i: (after.claims[i].first_report or "", i)):
        c = after.claims[cid]
        old = before.claims.get(cid)
        if old is None:
            events.append(_claim(c, "claim"))
        elif old.status != c.status:
            events.append({**_claim(c, "claim_status"), "was": old.status})
    for sid in sorted(set(after.denials) - set(before.denials)):
        events.append(_denial(after.denials[sid]))
    for key in sorted(set(after.shifts) - set(before.shifts)):
        events.append(_shift(*after.shifts[key]))
    return events
