"""Typed rows for claims: what several reports state, who answered it, how independent it is."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from newstrace.store.rows import Row


@dataclass(frozen=True, slots=True)
class ClaimMemberRow(Row):
    """One signal that states the claim, in one article."""

    signal_id: str
    doc_id: str
    doc_name: str
    outlet: str | None
    published: str | None
    role: str  # report, or answered (only mentioned in a denial / confirmation / doubt)
    origin: str  # independent origin key: outlet:NAME, copy:GROUP or doc:ID
    type: str
    polarity: str
    source_kind: str
    source_by: str | None
    source_via: str | None
    event_date: str | None
    evidence: str
    sentence: str


@dataclass(frozen=True, slots=True)
class ClaimAnswerRow(Row):
    """A denial, confirmation or doubt linked to the claim, and why it was linked."""

    signal_id: str
    kind: str  # deny, confirm, doubt
    actor: str
    doc_id: str
    doc_name: str
    outlet: str | None
    published: str | None
    source_kind: str
    score: float
    cosine: float
    reasons: list[str]
    sentence: str


@dataclass(frozen=True, slots=True)
class ClaimRow(Row):
    """A claim: ``reports`` counts the inputs carrying it, ``outlets`` their distinct
    outlets, ``origins`` the independent origins (copies of one text and reports of one
    wire count once); ``source_kinds`` counts on_record / anonymous / reported members."""

    id: str
    actor: str
    type: str
    topics: list[str]
    status: str  # unconfirmed, confirmed, denied, disputed
    first_report: str | None
    first_doc: str
    reports: int
    outlets: list[str]
    origins: list[str]
    source_kinds: dict[str, int]
    representative: str
    representative_signal: str
    denials: int
    confirmations: int
    doubts: int
    members: list[ClaimMemberRow] = dataclasses.field(default_factory=list)
    answers: list[ClaimAnswerRow] = dataclasses.field(default_factory=list)

    @property
    def independent_origins(self) -> int:
        return len(self.origins)

    @property
    def anonymous_only(self) -> bool:
        """No member names its source on record."""
        return self.source_kinds.get("on_record", 0) == 0

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = dataclasses.asdict(self)
        out["independent_origins"] = self.independent_origins
        out["anonymous_only"] = self.anonymous_only
        return out
