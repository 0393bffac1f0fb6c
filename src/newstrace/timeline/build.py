"""Order an actor's signals by when the event happened, not when it was reported.

The event date is the signal's resolved ``when`` if it has one, else the
publication date, else (marked as an upper bound) the day the document was
first crawled; entries with none of these go last rather than being guessed.
A coarser date sorts before the finer dates inside it ("2025" before
"2025-04-26"): it is all that is known, not a later event.

Each entry carries what a reader needs to weigh the position: its conditions,
polarity, certainty, source kind, the outlets that carried it (copies of one
story collapse into one entry), whether it was denied, doubted or confirmed and
by whom, and whether it is really a third party's opinion about the actor.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newstrace.store.rows import Row, Rows, SignalRow
from newstrace.timeline.dates import BOUND_BASES, date_label, placed, precision, seen_days
from newstrace.timeline.evidence import whole_sentence
from newstrace.timeline.marks import ClaimMark, claim_marks, within_document

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
    date_bound: str | None = None  # an upper bound (crawl day) when there is no date
    date_label: str = "undated"  # how the date must be shown: "2024-01-26", "≤ 2022-03-01 (seen)"
    date_precision: str | None = None
    evidence_start: int = 0  # the trigger inside ``sentence``
    evidence_end: int = 0
    claim_id: str | None = None
    claim_status: str | None = None
    marks: list[str] = dataclasses.field(default_factory=list)  # denied, doubted, confirmed
    answers: list[dict[str, Any]] = dataclasses.field(default_factory=list)  # AnswerLink dicts
    voiced_by: str | None = None  # a third party whose opinion about the actor this is
    outlets: list[str] = dataclasses.field(default_factory=list)  # every outlet that carried it
    copies: list[str] = dataclasses.field(default_factory=list)  # signal IDs of the collapsed copies

    def date_note(self) -> str:
        """What the date rests on: the text's time ("Since last September"), or publication."""
        if self.date_basis == "seen":
            return "crawl time: an upper bound, not the publication date"
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
        """"Hindustan Times (origin Reuters)", "AFP copies: A, B": who carried it, whose reporting it is."""
        head = self.outlet or "-"
        others = [o for o in self.outlets if o != self.outlet]
        if others:
            head += " + " + ", ".join(others)
        if self.origin and self.origin != self.outlet:
            return f"{head} (origin {self.origin})"
        return head

    def marks_line(self) -> str:
        """"denied by Kremlin (2024-01-26, s…); doubted by …" (empty when never answered)."""
        lines = []
        for a in self.answers:
            when = (a.get("published") or "undated")[:10]
            lines.append(f"{a['mark']} by {a['actor']} ({when}, {a['signal_id']})")
        return "; ".join(lines)

    def voice_line(self) -> str:
        """"opinion of United States about Vladimir Putin" (empty for the actor's own signal)."""
        return f"opinion of {self.voiced_by} about {self.actor}" if self.voiced_by else ""


def _topics(topic: str | None) -> set[str]:
    if not topic:
        return set()
    return {t.strip() for t in topic.replace(" and ", ",").split(",") if t.strip()}


def _order(e: TimelineEntry) -> tuple[bool, str]:
    when = e.date or e.date_bound
    return when is None, when or ""


def _norm(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def collapse_copies(signals: Sequence[SignalRow], origins: dict[str, str]) -> list[list[SignalRow]]:
    """Signals grouped so that copies of one story are one group, first seen first.

    Two reports are copies when they give the same type and polarity in the same
    sentence word for word, or the same trigger in two documents of one copy group.
    """
    groups: list[list[SignalRow]] = []
    index: dict[tuple[str, ...], int] = {}
    for s in signals:
        keys: list[tuple[str, ...]] = [("sentence", s.type, s.polarity, _norm(s.sentence))]
        group = origins.get(s.doc_id, s.doc_id)
        if group != s.doc_id:
            keys.append(("group", group, s.type, s.polarity, _norm(s.evidence)))
        hit = next((index[k] for k in keys if k in index), None)
        if hit is None or any(m.doc_id == s.doc_id for m in groups[hit]):
            hit = len(groups)  # a second report in the same document is not a copy
            groups.append([])
        groups[hit].append(s)
        for k in keys:
            index.setdefault(k, hit)
    return groups


def _entry(members: list[SignalRow], seen: dict[str, str], footer: set[str], mark: ClaimMark | None,
           voiced_by: str | None) -> TimelineEntry:
    s = members[0]
    date, basis = placed(s, seen, footer)
    bound = date if basis in BOUND_BASES else None
    ev = whole_sentence(s.sentence, s.evidence)
    outlets = list(dict.fromkeys(m.outlet for m in members if m.outlet))
    return TimelineEntry(
        date=None if bound else date, date_basis=basis, actor=s.actor, type=s.type,
        polarity=s.polarity, topics=s.topics, evidence=s.evidence, sentence=ev.sentence,
        source_kind=s.source_kind, source_by=s.source_by, source_via=s.source_via,
        outlet=s.outlet, origin=s.origin, published=s.published, doc_name=s.doc_name, doc_id=s.doc_id,
        signal_id=s.id, when_evidence=s.when_evidence, certainty=s.certainty,
        conditions=list(s.conditions), date_bound=bound, date_label=date_label(date, basis),
        date_precision=precision(date), evidence_start=ev.start, evidence_end=ev.end,
        claim_id=mark.claim_id if mark else None, claim_status=mark.status if mark else None,
        marks=mark.marks if mark else [], answers=[a.to_dict() for a in mark.answers] if mark else [],
        voiced_by=voiced_by, outlets=outlets, copies=[m.id for m in members[1:]],
    )


def build_timeline(store: Store, *, actor: str, topic: str | None = None,
                   since: str | None = None, until: str | None = None) -> Rows[TimelineEntry]:
    """The actor's entries in date order; ``since``/``until`` bound the date (or crawl bound)."""
    from newstrace.timeline.voice import third_party_map

    wanted = _topics(topic)
    signals = [s for s in store.signals(actor=actor) if not wanted or wanted & set(s.topics)]
    seen = seen_days(store)
    marks = within_document(signals, claim_marks(store, actor=actor))
    voices = third_party_map(store, signals)
    opinions, opinion_voices = _opinions_by(store, actor)
    signals += [s for s in opinions if not wanted or wanted & set(s.topics)]
    voices.update(opinion_voices)
    docs = store.documents()
    origins = {d.id: d.copy_group or d.id for d in docs}
    footer = {d.id for d in docs if d.published_method == "copyright"}
    ordered = sorted(signals, key=lambda s: _order_key(placed(s, seen)[0]))
    out: Rows[TimelineEntry] = Rows()
    for members in collapse_copies(ordered, origins):
        mark = next((marks[m.id] for m in members if m.id in marks), None)
        voice = next((voices[m.id] for m in members if m.id in voices), None)
        e = _entry(members, seen, footer, mark, voice)
        when = e.date or e.date_bound
        if since and (when is None or when[: len(since)] < since[: len(when)]):
            continue
        if until and (when is None or when[: len(until)] > until[: len(when)]):
            continue
        out.append(e)
    out.sort(key=_order)  # stable: the store's order (publication, document, offset) within a date
    return out


def _opinions_by(store: Store, actor: str) -> tuple[list[SignalRow], dict[str, str]]:
    """Signals filed under another actor that are this actor's opinion about them: such an
    opinion is this actor's signal too, about the other (shown as "opinion of A about B")."""
    from newstrace.knowledge import actors
    from newstrace.timeline.voice import candidates, third_party_map

    table = actors()
    canonical = table.resolve_query(actor)
    own = table.members(canonical) | {canonical}
    maybe = candidates(store)
    voiced = [s for s in store.signals() if s.id in maybe and s.actor not in own]
    found = {sid: who for sid, who in third_party_map(store, voiced).items() if who in own}
    return [s for s in voiced if s.id in found], found


def _order_key(date: str | None) -> tuple[bool, str]:
    return date is None, date or ""
