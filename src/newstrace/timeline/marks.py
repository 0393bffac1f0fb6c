"""What others said about a report: denied, doubted or confirmed, with a link to each answer.

A timeline that shows a denied report as a plain position misleads, so every
entry (timeline, shifts, story, API, UI) carries the answers of the claim it
belongs to. The answers come from the claim links of the link stage
(``Store.claims``); this module only reads them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newstrace.store.rows import Row

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
    """Signal ID -> the mark of the claim it reports (only claims that were answered)."""
    out: dict[str, ClaimMark] = {}
    for claim in store.claims(actor=actor):
        if not claim.answers:
            continue
        answers = [AnswerLink(kind=a.kind, mark=MARK_OF.get(a.kind, a.kind), actor=a.actor,
                              signal_id=a.signal_id, doc_id=a.doc_id, doc_name=a.doc_name,
                              published=a.published) for a in claim.answers]
        mark = ClaimMark(claim_id=claim.id, status=claim.status, answers=answers)
        for m in claim.members:
            out.setdefault(m.signal_id, mark)
    return out


def disqualified(mark: ClaimMark | None) -> bool:
    """True when the report's claim was denied (so no shift may rest on it)."""
    return mark is not None and bool(DISQUALIFYING & set(mark.marks))
