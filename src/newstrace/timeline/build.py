"""Order an actor's signals by when the event happened, not when it was reported.

The event date is the signal's resolved ``when`` if it has one, else the
publication date; entries without either go last rather than being guessed.
A coarser date sorts before the finer dates inside it ("2025" before
"2025-04-26"): it is all that is known, not a later event.

Each entry carries what a reader needs to weigh the position: its conditions
(what the actor ties it to), polarity, certainty, source kind and the outlet
it came through.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newstrace.store.rows import Row, Rows

if TYPE_CHECKING:
    from newstrace.store.database import Store


def source_line(kind: str, by: str | None, via: str | None) -> str:
    """"anonymous: two officials via Reuters": how one report is sourced, in one line."""
    out = kind.replace("_", " ")
    if by:
        out += f": {by}"
    if via:
        out += f" via {via}"
    return out


@dataclass(frozen=True, slots=True)
class TimelineEntry(Row):
    date: str | None
    date_basis: str
    actor: str
    type: str
    polarity: str
    topics: list[str]
    evidence: str
    sentence: str
    source_kind: str
    source_by: str | None
    source_via: str | None
    outlet: str | None
    origin: str | None
    published: str | None
    doc_name: str
    doc_id: str
    signal_id: str
    when_evidence: str | None = None
    certainty: str | None = None
    conditions: list[dict[str, Any]] = dataclasses.field(default_factory=list)

    def date_note(self) -> str:
        """What the date rests on: the text's time ("Since last September"), or publication."""
        if self.date_basis == "event":
            return f"“{self.when_evidence}”" if self.when_evidence else ""
        basis = "" if self.date_basis == "none" else self.date_basis
        if self.when_evidence:  # a time the text gives but that could not be placed
            said = f"text says “{self.when_evidence}”"
            return f"{basis}; {said}" if basis else said
        return basis

    def conditions_line(self) -> str:
        """"requires territory: Donbas; rules out withdrawal: retreat" (empty when none)."""
        verbs = {"required": "requires", "excluded": "rules out", "none": "without"}
        parts = []
        for c in self.conditions:
            state = str(c.get("state") or "required")
            topic = str(c.get("topic") or "")
            detail = str(c.get("detail") or c.get("evidence") or "")
            head = f"{verbs.get(state, state)} {topic}".strip()
            parts.append(f"{head}: {detail}" if detail else head)
        return "; ".join(parts)

    def source_line(self) -> str:
        return source_line(self.source_kind, self.source_by, self.source_via)

    def outlet_line(self) -> str:
        """"Hindustan Times (origin Reuters)": who published it, and whose reporting it rests on."""
        if self.origin and self.origin != self.outlet:
            return f"{self.outlet or '-'} (origin {self.origin})"
        return self.outlet or "-"


def _topics(topic: str | None) -> set[str]:
    if not topic:
        return set()
    return {t.strip() for t in topic.replace(" and ", ",").split(",") if t.strip()}


def _order(e: TimelineEntry) -> tuple[bool, str]:
    return e.date is None, e.date or ""


def build_timeline(store: Store, *, actor: str, topic: str | None = None) -> Rows[TimelineEntry]:
    wanted = _topics(topic)
    out: Rows[TimelineEntry] = Rows()
    for s in store.signals(actor=actor):
        if wanted and not wanted & set(s.topics):
            continue
        out.append(TimelineEntry(
            date=s.event_date, date_basis=s.event_basis, actor=s.actor, type=s.type,
            polarity=s.polarity, topics=s.topics, evidence=s.evidence, sentence=s.sentence,
            source_kind=s.source_kind, source_by=s.source_by, source_via=s.source_via,
            outlet=s.outlet, origin=s.origin, published=s.published, doc_name=s.doc_name, doc_id=s.doc_id,
            signal_id=s.id, when_evidence=s.when_evidence,
            certainty=s.certainty, conditions=list(s.conditions),
        ))
    out.sort(key=_order)  # stable: the store's order (publication, document, offset) within a date
    return out
