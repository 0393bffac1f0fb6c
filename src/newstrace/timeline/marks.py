"""What others said about a report: denied, doubted or confirmed, with a link to each answer.

A timeline that shows a denied report as a plain position misleads, so every
entry (timeline, shifts, story, API, UI) carries the answers of the claim it
belongs to. The answers come from the claim links of the link stage
(the claim tables); this module only reads them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import text

from newstrace.store.rows import Row, SignalRow

if TYPE_CHECKING:
    from newstrace.store.database import Store

# answer kind -> the mark it puts on the report it answers
MARK_OF = {"deny": "denied", "doubt": "doubted", "confirm": "confirmed"}
# marks that keep a report out of shifts: a shift is never built on a denied report
DISQUALIFYING = frozenset({"denied"})


@dataclass(frozen=True, slots=True)
class AnswerLink(Row):
    """One denial, doubt or confirmation of a report, and where to read it."""

    kind: str  # deny, doubt, confirm
    mark: str  # denied, doubted, confirmed
    actor: str
    signal_id: str
    doc_id: str
    doc_name: str
    published: str | None

    def line(self) -> str:
        """"denied by Kremlin (2024-01-26, s…)"."""
        when = (self.published or "undated")[:10]
        return f"{self.mark} by {self.actor} ({when}, {self.signal_id})"


@dataclass(frozen=True, slots=True)
class ClaimMark(Row):
    """The claim a report belongs to, its status and its answers."""

    claim_id: str
    status: str
    answers: list[AnswerLink] = field(default_factory=list)

    @property
    def marks(self) -> list[str]:
        """Distinct marks in a fixed order: denied, doubted, confirmed."""
        found = {a.mark for a in self.answers}
        return [m for m in MARK_OF.values() if m in found]


def claim_marks(store: Store, *, actor: str | None = None) -> dict[str, ClaimMark]:
    """Signal ID -> the mark of the claim it reports (only claims that were answered).

    Reads the link stage's claim tables directly (one query, no claim rebuilding code
    imported) so a query command stays fast; ``actor`` is accepted for symmetry with
    ``Store.claims`` but every answered claim is read: there are few.
    """
    del actor
    sql = text(
        "SELECT m.signal_id AS member, c.id AS claim_id, c.status, a.kind, s.actor, a.signal_id, "
        "s.doc_id, d.name AS doc_name, d.published_value AS published "
        "FROM claim_answers a JOIN claims c ON c.id = a.claim_id "
        "JOIN claim_members m ON m.claim_id = c.id "
        "JOIN signals s ON s.id = a.signal_id JOIN documents d ON d.id = s.doc_id "
        "ORDER BY COALESCE(d.published_value, '9999'), d.name, s.start")
    answers: dict[str, dict[str, AnswerLink]] = {}
    status: dict[str, str] = {}
    members: dict[str, str] = {}
    with store.engine.connect() as conn:
        for r in conn.execute(sql).mappings():
            link = AnswerLink(kind=r["kind"], mark=MARK_OF.get(r["kind"], r["kind"]), actor=r["actor"],
                              signal_id=r["signal_id"], doc_id=r["doc_id"], doc_name=r["doc_name"],
                              published=r["published"])
            answers.setdefault(r["claim_id"], {})[link.signal_id] = link
            status[r["claim_id"]] = r["status"]
            members[r["member"]] = r["claim_id"]
    marks = {cid: ClaimMark(claim_id=cid, status=status[cid], answers=list(links.values()))
             for cid, links in answers.items()}
    return {sid: marks[cid] for sid, cid in members.items()}


def disqualified(mark: ClaimMark | None) -> bool:
    """True when the report's claim was denied (so no shift may rest on it)."""
    return mark is not None and bool(DISQUALIFYING & set(mark.marks))


def within_document(signals: Sequence[SignalRow], marks: dict[str, ClaimMark]) -> dict[str, ClaimMark]:
    """Marks spread to the restatements of a denied report inside the same article.

    An article about a denial restates the report in other words ("the president may
    be prepared to consider dropping the demand"); the claim links may not join the
    two wordings, yet it is the same denied report. Within one document, a report by
    the same actor and of the same type as a denied one takes that denial.
    """
    out = dict(marks)
    denied: dict[tuple[str, str, str], ClaimMark] = {}
    for s in signals:
        mark = marks.get(s.id)
        if mark is not None and "denied" in mark.marks:
            denied.setdefault((s.doc_id, s.actor, s.type), mark)
    for s in signals:
        if s.id not in out and (s.doc_id, s.actor, s.type) in denied:
            out[s.id] = denied[(s.doc_id, s.actor, s.type)]
    return out
