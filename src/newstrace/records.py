"""Typed records passed between pipeline stages.

Each stage consumes the record of the stage before it and returns a richer one;
nothing flows backwards. ``docs/pipeline.md`` is the prose version of this file
and must be kept in step with it.

Records are frozen dataclasses so that a stage cannot silently rewrite what an
earlier stage decided, and so that ``to_dict`` is the single place that defines
the JSON shape.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

LineClass = Literal["title", "meta", "body", "junk"]
Precision = Literal["day", "month", "year", "weekday"]
Direct = bool | Literal["mixed"]
SpeakerKind = Literal["person", "organization", "government", "media", "group", "anonymous"]
SourceKind = Literal["on_record", "anonymous", "reported"]
Polarity = Literal["positive", "negative", "hedged"]

# The gold vocabulary (../shared/gold/README.md): the types the seeds are scored on.
GOLD_SIGNAL_TYPES: tuple[str, ...] = (
    "intent_to_negotiate",
    "demand",
    "reject",
    "concession",
    "agree",
    "propose",
    "meet",
    "deny",
    "confirm",
    "doubt",
    "threaten",
    "military_action",
    "aid",
)
# Extension beyond the gold vocabulary (issue 5): further CAMEO/PLOVER event classes
# (accusations, investigations, protests, sanctions, coercion, implemented
# yielding, praise, mobilisation, material cooperation). Codes in
# data/extract/en/signal_codes.toml, triggers in data/extract/en/signals.toml.
EXTENDED_SIGNAL_TYPES: tuple[str, ...] = (
    "accuse",
    "investigate",
    "protest",
    "sanction",
    "coerce",
    "retreat",
    "support",
    "mobilize",
    "cooperate",
)
SIGNAL_TYPES: tuple[str, ...] = GOLD_SIGNAL_TYPES + EXTENDED_SIGNAL_TYPES
TOPICS: tuple[str, ...] = (
    "ceasefire",
    "negotiations",
    "territory",
    "withdrawal",
    "nato",
    "guarantees",
    "peace_plan",
    "aid",
    "attack",
    # generic topics of any foreign-policy story (issue 13)
    "diplomacy",
    "trade",
    "sanctions",
    "hostages",
    "nuclear",
    "humanitarian",
    "elections",
    "terrorism",
)


def to_dict(obj: Any) -> Any:
    """Turn a record (or nested records) into plain JSON-ready values."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, tuple | list):
        return [to_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_dict(v) for k, v in obj.items()}
    return obj


# --------------------------------------------------------------------------- ingest


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One input article after decoding, before any cleaning.

    ``text`` is the decoded input: for ``.txt`` the file itself, for HTML the
    page source. ``doc_id`` is a content hash of ``text`` (see ``ids.doc_id``),
    so re-ingesting the same bytes yields the same document.
    """

    doc_id: str
    name: str
    text: str
    format: Literal["text", "html"]
    source_path: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    title: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input that could not become a document, and why (never silently dropped)."""

    name: str
    reason: str
    code: str
    source_path: str | None = None


# --------------------------------------------------------------------------- clean


@dataclass(frozen=True, slots=True)
class Line:
    """One non-empty line of the source text with its class.

    ``start``/``end`` are offsets into ``CleanDocument.source_text``.
    ``number`` is 1-based over all lines of that text, empty ones included.
    """

    number: int
    start: int
    end: int
    text: str
    cls: LineClass
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of characters copied verbatim from source text into cleaned text."""

    clean_start: int
    source_start: int
    length: int


@dataclass(frozen=True, slots=True)
class CleanDocument:
    """A document reduced to its article body.

    ``source_text`` is the text whose lines are classified: the decoded file for
    plain text, trafilatura's extracted text for HTML. ``text`` is the body lines
    joined by newlines; ``segments`` map every character of ``text`` back to
    ``source_text`` (see ``clean.offsets``).
    """

    raw: RawDocument
    source_text: str
    text: str
    lines: tuple[Line, ...]
    segments: tuple[Segment, ...]
    title: str | None
    outlet: str | None
    origin: str | None
    language: str = "en"
    author: str | None = None


# --------------------------------------------------------------------------- date


@dataclass(frozen=True, slots=True)
class PublishedDate:
    """Publication date with the precision the evidence supports.

    ``value`` is ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or ``None`` (undated).
    ``method`` names the rule that produced it (metadata, header, dateline,
    inferred, copyright, ...). ``evidence_start``/``evidence_end`` are offsets into
    ``CleanDocument.source_text`` when the evidence is in the text.
    """

    value: str | None
    precision: Precision | None
    confidence: float
    evidence: str | None
    method: str
    evidence_start: int | None = None
    evidence_end: int | None = None


UNDATED = PublishedDate(value=None, precision=None, confidence=0.0, evidence=None, method="none")


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression in the cleaned text, resolved against the publication date.

    Offsets are into ``CleanDocument.text``. When the anchor is unknown the
    expression keeps ``value=None`` and its precision, rather than inventing a date.
    """

    start: int
    end: int
    text: str
    value: str | None
    precision: Precision | None


@dataclass(frozen=True, slots=True)
class DatedDocument:
    clean: CleanDocument
    published: PublishedDate
    times: tuple[TimeExpression, ...]


# --------------------------------------------------------------------------- extract


@dataclass(frozen=True, slots=True)
class SourceProfile:
    """What the text says about a source beyond its name.

    Users weigh a claim by how its source is described ("two people close to
    the Kremlin" is not "a former official"), so the description is kept as
    structure. ``count`` is "1", "2", "3", ... or "2+" for an unnumbered
    plural; ``None`` when the text does not say (a named source).
    """

    count: str | None = None
    qualifiers: tuple[str, ...] = ()  # "former", "senior", "unnamed", "third"
    roles: tuple[str, ...] = ()  # "official", "spokesman", "diplomat"
    affiliation: tuple[str, ...] = ()  # "Russian", "the Kremlin", "Reuters"
    proximity: str | None = None  # "close to the Kremlin", "familiar with the talks"


NO_PROFILE = SourceProfile()


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who is presented as the source of a statement, and through whom.

    ``start``/``end`` span the source and the cue in ``CleanDocument.text``;
    ``content_start``/``content_end`` span what is attributed (may be ``None``
    when the content could not be delimited).
    """

    id: str
    start: int
    end: int
    speaker: str | None
    speaker_canonical: str | None
    speaker_kind: SpeakerKind
    named: bool
    cue: str
    direct: Direct
    via: str | None
    content_start: int | None
    content_end: int | None
    sentence_start: int
    sentence_end: int
    force: str = "neutral"  # the cue's force in the lexicon: neutral, assertive, hedged, ...
    profile: SourceProfile = NO_PROFILE
    via_chain: tuple[str, ...] = ()  # relaying outlets, nearest the source first
    component: str = "rules"  # the extractor component that made it (extract/components.py)
    confidence: float = 1.0  # the component's confidence in [0, 1]


@dataclass(frozen=True, slots=True)
class When:
    value: str | None
    precision: Precision | None
    evidence: str | None


@dataclass(frozen=True, slots=True)
class SignalSource:
    kind: SourceKind
    by: str | None
    via: str | None


@dataclass(frozen=True, slots=True)
class Condition:
    """A condition attached to a signal: what the actor ties the position to.

    ``state`` is "required" (the actor demands or sets it), "excluded" (the
    actor rules it out: "not retreat 1 metre") or "none" ("without
    preconditions", itself a recorded position). ``start``/``end`` span the
    evidence in ``CleanDocument.text``.
    """

    topic: str
    detail: str
    start: int
    end: int
    state: Literal["required", "excluded", "none"] = "required"


@dataclass(frozen=True, slots=True)
class Signal:
    """A position, intention or act reported for an actor.

    ``start``/``end`` span the evidence in ``CleanDocument.text``.
    ``actor`` is canonical; ``actor_text`` is the actor as written.
    """

    id: str
    start: int
    end: int
    actor: str
    actor_text: str
    type: str
    topics: tuple[str, ...]
    polarity: Polarity
    when: When | None
    source: SignalSource
    attribution_id: str | None
    sentence_start: int
    sentence_end: int
    conditions: tuple[Condition, ...] = ()
    # how firmly the report states it: "confirmed" (on record, asserted), "reported"
    # (relayed), "signalled" (through intermediaries, hints), "speculative" (a reading)
    certainty: str | None = None
    # the actor's kind as the extractor resolved it (person, government, …, or a group
    # noun's kind such as "police"); None when unknown
    actor_kind: str | None = None
    component: str = "rules"  # the extractor component that made it (extract/components.py)
    confidence: float = 1.0  # the component's confidence in [0, 1]


@dataclass(frozen=True, slots=True)
class ExtractedDocument:
    """Everything the pipeline knows about one document; what the store persists."""

    dated: DatedDocument
    attributions: tuple[Attribution, ...]
    signals: tuple[Signal, ...]
    problem: str | None = None  # a stage failed on this document; it is kept, and this says why

    @property
    def doc_id(self) -> str:
        return self.dated.clean.raw.doc_id
