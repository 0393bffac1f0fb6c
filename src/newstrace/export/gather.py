"""One exported signal: the stored signal with its document, attribution, codes and date.

Shared by the format modules so PLOVER and CAMEO exports agree on what a
signal's date, codes and provenance are. Reads only the Store's public API.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newstrace import ids
from newstrace.extract.signals.codes import EventCodes, codes_for
from newstrace.knowledge import actors
from newstrace.store.rows import AttributionRow, DocumentRow, SignalRow

if TYPE_CHECKING:
    from newstrace.store import Store


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An actor as exporters name it: canonical name, table kind and Wikidata QID when known."""

    name: str
    id: str
    kind: str | None
    qid: str | None


@dataclass(frozen=True, slots=True)
class ExportedSignal:
    signal: SignalRow
    document: DocumentRow
    attribution: AttributionRow | None
    codes: EventCodes
    date: str | None  # event date when the text gives one, else the publication date
    date_precision: str | None
    date_basis: str  # "event", "published" or "none"
    actor: ActorRef
    target: ActorRef | None


def actor_ref(name: str, kind: str | None = None) -> ActorRef:
    """The actor as exported; one the table does not hold ("police", "rebels") keeps the
    kind the extractor gave its signal (``SignalRow.actor_kind``)."""
    known = actors().get(name)
    if known is not None:
        return ActorRef(name=name, id=ids.actor_id(name), kind=known.kind, qid=known.qid)
    return ActorRef(name=name, id=ids.actor_id(name), kind=kind, qid=None)


def _date(row: SignalRow, doc: DocumentRow) -> tuple[str | None, str | None, str]:
    if row.event_basis == "event" and row.when:
        return row.when, row.when_precision, "event"
    if row.published:
        return row.published, doc.published_precision, "published"
    return None, None, "none"


def _target(row: SignalRow) -> ActorRef | None:
    """The recipient when the store records one (it does not yet: signals carry no target)."""
    name = getattr(row, "target", None)
    return actor_ref(name) if isinstance(name, str) and name else None


def gather(store: Store, *, actor: str | None = None) -> Iterator[ExportedSignal]:
    """Every stored signal (of ``actor`` and those who speak for it), in the store's order."""
    docs: dict[str, DocumentRow] = {}
    atts: dict[str, dict[str, AttributionRow]] = {}
    for row in store.signals(actor=actor):
        if row.doc_id not in docs:
            docs[row.doc_id] = store.document(row.doc_id)
            atts[row.doc_id] = {a.id: a for a in store.attributions(doc_id=row.doc_id)}
        doc = docs[row.doc_id]
        att = atts[row.doc_id].get(row.attribution_id) if row.attribution_id else None
        date, precision, basis = _date(row, doc)
        yield ExportedSignal(
            signal=row, document=doc, attribution=att, codes=codes_for(row.type, row.topics),
            date=date, date_precision=precision, date_basis=basis,
            actor=actor_ref(row.actor, row.actor_kind), target=_target(row),
        )
