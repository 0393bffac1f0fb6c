"""Schemas of ``data/link/*.toml``: copy detection, claims, stance and its prototypes."""

from __future__ import annotations

import difflib
from typing import Annotated, Any, Literal, Self

from pydantic import Field, TypeAdapter, ValidationError, model_validator

from newstrace.knowledge.schemas.base import Polarity, SignalType, State, Table, Words
from newstrace.knowledge.schemas.errors import report

#: Stance labels (link.stance.Label).
StanceLabel = Literal["agree", "disagree", "discuss", "unrelated"]
StatePair = Annotated[list[State], Field(min_length=2, max_length=2)]
PolarityPair = Annotated[list[Polarity], Field(min_length=2, max_length=2)]


# --------------------------------------------------------------------------- copies.toml


class Tokens(Table):
    shingle_size: int
    min_tokens: int
    min_paragraph_tokens: int


class MinHash(Table):
    num_perm: int
    seed: int


class Near(Table):
    lsh_threshold: float
    min_jaccard: float
    min_containment: float
    max_candidates: int


class Paragraphs(Table):
    min_shared: int
    max_document_frequency: int


class Paraphrase(Table):
    anchor_shingle_size: int
    min_anchor_shingles: int
    lsh_threshold: float
    min_anchor_jaccard: float
    max_word_jaccard: float


class Original(Table):
    #: outlet kinds whose report is taken as the original of its copies
    wire_kinds: Words


class Confirm(Table):
    min_alignment: float
    min_sentence_chars: int


class Copies(Table):
    """``link/copies.toml``."""

    tokens: Tokens
    minhash: MinHash
    near: Near
    paragraphs: Paragraphs
    paraphrase: Paraphrase
    original: Original
    confirm: Confirm


# --------------------------------------------------------------------------- claims.toml


class Answers(Table):
    types: list[SignalType]
    not_own: list[SignalType] = []
    not_own_voice: list[SignalType] = []
    negated: dict[SignalType, SignalType] = {}
    stances: dict[SignalType, list[StanceLabel]] = {}


class Time(Table):
    window_days: int
    month_slack_days: int
    year_slack_days: int
    max_candidates: int


class Similarity(Table):
    min_evidence_words: int
    strong_cosine: float
    min_cosine: float
    min_overlap: float
    same_article_cosine: float
    min_word_length: int
    reporting_words: Words


class Conditions(Table):
    conflicting: list[StatePair]


class PolarityClash(Table):
    conflicting: list[PolarityPair]
    act_types: list[SignalType] = []
    act_conflicting: list[PolarityPair] = []


class Origins(Table):
    same_text_ratio: float
    same_text_min_words: int


class Links(Table):
    max_lag_days: int
    same_sentence: float
    same_document: float
    named_outlet: float
    actor: float
    actor_named: float
    topic: float
    topic_clash: float
    relatedness_weight: float
    stance_fits: float
    min_score: float
    min_cosine_in_article: float
    min_cosine_elsewhere: float
    margin: float
    max_claims: int
    short_sentence_words: int
    context_chars: int


class Claims(Table):
    """``link/claims.toml``."""

    answers: Answers
    families: dict[str, list[SignalType]]
    time: Time
    similarity: Similarity
    conditions: Conditions
    polarity: PolarityClash
    origins: Origins
    links: Links


# --------------------------------------------------------------------------- stance.toml


class Relatedness(Table):
    top_k: int
    weight_max_cosine: float
    weight_top_cosine: float
    weight_coverage: float
    name_weight: float
    threshold: float


class Evidence(Table):
    floor: float
    ceiling: float
    coverage_weight: float
    lead: int
    lead_relevance: float
    max_sentences: int
    min_relevance: float


class Decision(Table):
    deny_min: float
    deny_strong: float
    deny_over_hedge: float
    hedge_min: float
    hedge_over_confirm: float
    agree_min_cosine: float
    negation_min_cosine: float
    negation_mass: float
    claim_negation: bool
    dispute_weight: float
    dispute_min_cosine: float
    deny_min_relevance: float
    negation_window: int
    negated_denial_confirms: bool
    negated_confirm_hedges: bool
    deny_lead: int
    deny_lead_relevance: float
    deny_count_min: int
    deny_count_mass: float
    doubt_hedges: bool
    #: a data file of prototype sentences (``""`` switches them off)
    prototypes: str
    proto_min: float
    proto_weight: float


class StanceCues(Table):
    denying: Words
    disputing: Words
    hedged: Words
    confirming: Words
    doubting: Words
    negations: Words
    clause_breaks: Words


_PARAMS = {**Relatedness.model_fields, **Evidence.model_fields, **Decision.model_fields}


class Stance(Table):
    """``link/stance.toml``; a profile changes some of the parameters above."""

    relatedness: Relatedness
    evidence: Evidence
    decision: Decision
    profiles: dict[str, dict[str, float | int | bool | str]] = {}
    cues: StanceCues

    @model_validator(mode="after")
    def _profiles_known(self) -> Self:
        problems: list[tuple[tuple[str, ...], str]] = []
        for name, changes in self.profiles.items():
            for key, value in changes.items():
                field = _PARAMS.get(key)
                if field is None:
                    near = difflib.get_close_matches(key, list(_PARAMS), n=1)
                    hint = f", did you mean {near[0]!r}?" if near else ""
                    problems.append((("profiles", name, key), f"unknown stance parameter{hint}"))
                    continue
                expected: Any = field.annotation
                try:
                    TypeAdapter(expected).validate_python(value, strict=True)
                except ValidationError:
                    problems.append((("profiles", name, key), f"expected {expected.__name__}, got {value!r}"))
        report(problems)
        return self


class StancePrototypes(Table):
    """``link/stance_prototypes.toml``: invented sentences on either side of the axis."""

    refuting: Words
    reporting: Words
