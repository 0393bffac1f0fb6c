"""Typed rows returned by the store: plain dataclasses that turn into dicts and frames."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class Rows(list[T], Generic[T]):
    """A list of rows with notebook helpers."""

    def to_dicts(self) -> list[dict[str, Any]]:
        """Each row as a dict (rows that already are dicts, such as lines, are copied)."""
        return [dict(r) if isinstance(r, dict) else dataclasses.asdict(r)  # type: ignore[call-overload]
                for r in self]

    def to_frame(self) -> Any:
        """A pandas DataFrame with one row per item."""
        import pandas as pd

        return pd.DataFrame(self.to_dicts())

    def to_pandas(self) -> Any:
        """The same frame under the name pandas users expect (issue 14)."""
        return self.to_frame()


class Row:
    """Base of every row: one way to become a dict."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = dataclasses.asdict(self)  # type: ignore[call-overload]
        return out


@dataclass(frozen=True, slots=True)
class DocumentRow(Row):
    id: str
    name: str
    outlet: str | None
    origin: str | None
    title: str | None
    author: str | None
    url: str | None
    source_path: str | None
    language: str
    status: str
    status_reason: str | None
    published: str | None
    published_precision: str | None
    published_confidence: float
    published_evidence: str | None
    published_method: str
    attributions: int
    signals: int
    copy_group: str | None = None  # the copy group this document belongs to, if any
    copy_original: str | None = None  # that group's original (earliest) document
    copy_kind: str | None = None  # original, exact, syndicated, near, paraphrase



@dataclass(frozen=True, slots=True)
class AttributionRow(Row):
    id: str
    doc_id: str
    doc_name: str
    outlet: str | None
    start: int
    end: int
    raw_start: int
    raw_end: int
    evidence: str
    sentence: str
    speaker: str | None
    speaker_canonical: str | None
    speaker_kind: str
    named: bool
    cue: str
    direct: bool | str
    via: str | None
    content: str | None
    force: str | None = None
    source_count: str | None = None
    source_qualifiers: list[str] = dataclasses.field(default_factory=list)
    source_roles: list[str] = dataclasses.field(default_factory=list)
    source_affiliation: list[str] = dataclasses.field(default_factory=list)
    source_proximity: str | None = None
    via_chain: list[str] = dataclasses.field(default_factory=list)
    component: str = "rules"
    confidence: float = 1.0



@dataclass(frozen=True, slots=True)
class SignalRow(Row):
    id: str
    doc_id: str
    doc_name: str
    outlet: str | None
    origin: str | None
    published: str | None
    start: int
    end: int
    raw_start: int
    raw_end: int
    evidence: str
    sentence: str
    actor: str
    actor_text: str
    type: str
    topics: list[str]
    polarity: str
    when: str | None
    when_precision: str | None
    when_evidence: str | None
    source_kind: str
    source_by: str | None
    source_via: str | None
    attribution_id: str | None
    event_date: str | None
    event_basis: str
    conditions: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    certainty: str | None = None
    component: str = "rules"
    confidence: float = 1.0
    actor_kind: str | None = None



@dataclass(slots=True)
class CopyGroupRow(Row):
    """A group of copies of one text; ``members`` are dicts with doc_id, name, outlet,
    published, kind (original first) and similarity to the group."""

    id: str
    original: str
    original_rule: str
    members: list[dict[str, Any]] = dataclasses.field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Rejection(Row):
    name: str
    source_path: str
    code: str
    reason: str



@dataclass
class IngestReport:
    """What an ingest did: new documents, unchanged ones, and every rejection with its reason."""

    added: list[str] = dataclasses.field(default_factory=list)
    unchanged: list[str] = dataclasses.field(default_factory=list)
    rejected: list[Rejection] = dataclasses.field(default_factory=list)
    duplicates: dict[str, str] = dataclasses.field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Counts, plus every rejection and every same-content duplicate inside this batch."""
        return {
            "added": len(self.added),
            "unchanged": len(self.unchanged),
            "rejected": [r.to_dict() for r in self.rejected],
            "duplicates": dict(self.duplicates),
        }
