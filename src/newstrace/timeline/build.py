"""Order an actor's signals by when the event happened, not when it was reported.

The event date is the signal's resolved ``when`` if it has one, else the
publication date; entries without either go last rather than being guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newstrace.store.rows import Row, Rows

if TYPE_CHECKING:
    from newstrace.store.database import Store


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

    def source_line(self) -> str:
        """"anonymous: two officials via Reuters" style one-liner."""
        parts = [self.source_kind.replace("_", " ")]
        if self.source_by:
            parts.append(f": {self.source_by}")
        if self.source_via:
            parts.append(f" via {self.source_via}")
        return "".join(parts)

    def outlet_line(self) -> str:
        """"Hindustan Times (origin Reuters)": who published it, and whose reporting it rests on."""
        if self.origin and self.origin != self.outlet:
            return f"{self.outlet or '-'} (origin {self.origin})"
        return self.outlet or "-"


def _topics(topic: str | None) -> set[str]:
    if not topic:
        return set()
    return {t.strip() for t in topic.replace(" and ", ",").split(",") if t.strip()}


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
            signal_id=s.id,
        ))
    return out
