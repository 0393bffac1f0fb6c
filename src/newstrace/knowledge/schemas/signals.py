"""Schemas of the signal tables in ``data/extract/<lang>/``: triggers, codes, topics,
conditions, certainty and whose account a signal is."""

from __future__ import annotations

from typing import Annotated, Literal, Self, get_args

from pydantic import AfterValidator, Field, RootModel, model_validator

from newstrace.knowledge.schemas.attribution import Force
from newstrace.knowledge.schemas.base import (
    Pos,
    SignalType,
    State,
    Table,
    Topic,
    Words,
    member_of,
)
from newstrace.knowledge.schemas.errors import report
from newstrace.records import SIGNAL_TYPES, SpeakerKind

#: Word tests that are not word classes (extract.signals.types.in_class).
SPECIAL_CLASSES = ("@actor", "@party", "@place", "@infinitive")
Certainty = Literal["confirmed", "reported", "signalled", "speculative"]
CameoCode = Annotated[str, Field(pattern=r"^\d{2,4}$")]


# --------------------------------------------------------------------------- signals.toml


class TriggerRule(Table):
    type: SignalType | None = None
    lemmas: Words = []
    pos: list[Pos] = ["VERB"]
    mode: Literal["plain", "wrapper", "advice"] = "plain"
    #: wrapper rules: the class of the wrapped word -> the type it gives
    map: dict[str, SignalType] = {}
    requires: Words = []
    object: Literal["noun", "none"] | None = None
    object_not: Words = []
    inner: Literal["absorb", "defer"] | None = None
    actor: Literal["subject", "speaker"] = "subject"
    noun_actor: bool = False
    possessor: bool = True
    topic_scope: Literal["evidence", "sentence"] = "evidence"
    future_type: SignalType | None = None
    future_speaker: Literal["self", "any"] = "self"
    mood: Literal["future", "factual", "realis", "done"] | None = None
    subject: Words = []
    condition: bool = False
    restrictive: bool = False
    collective: bool = False
    depth: int = 3
    exclude: Words = []
    withholding: bool = False
    modifier: Words = []
    negation: Literal["drop"] | None = None
    reluctance: bool = False
    antecedent: Literal["named"] | None = None


class PhraseRule(Table):
    type: SignalType
    patterns: Words
    predicative: bool = False


class GroupNouns(Table):
    kind: SpeakerKind
    nouns: Words


class ActorWords(Table):
    agent_nouns: Words = []
    perspective_nouns: Words = []
    collective_nouns: Words = []
    drop_words: Words = []
    own_body_nouns: Words = []
    title_nouns: Words = []
    groups: dict[str, GroupNouns] = {}
    demonyms: dict[str, str] = {}


class Frames(Table):
    statement_verbs: Words = []
    accusation_verbs: Words = []
    reporting_verbs: Words = []
    light_verbs: Words = []
    condition_marks: Words = []
    report_time_min_days: int = 7
    unilateral_marks: Words = []
    demand_modals: Words = []
    reason_marks: Words = []


class Conditional(Table):
    marks: Words = []
    restrictive_marks: Words = []
    contrast_conj: Words = []
    strict_types: list[SignalType] = []
    temporal_marks: Words = []
    types: dict[SignalType, SignalType] = {}


class Datelines(Table):
    patterns: Words = []


class PolarityWords(Table):
    negators: Words = []
    negative_lemmas: Words = []
    hedge_modals: Words = []
    hedge_adverbs: Words = []
    hedge_verbs: Words = []
    hedge_modifiers: Words = []
    advice_aux: Words = []
    future_aux: Words = []
    claim_pronouns: Words = []
    reason_preps: Words = []
    pending_marks: Words = []


class Signals(Table):
    """``extract/<lang>/signals.toml``; every class a rule names must be defined."""

    negated_type: dict[SignalType, SignalType] = {}
    classes: dict[str, Words] = {}
    rule: list[TriggerRule]
    phrase: list[PhraseRule] = []
    actor: ActorWords = ActorWords()
    frames: Frames = Frames()
    conditional: Conditional = Conditional()
    dateline: Datelines = Datelines()
    polarity: PolarityWords = PolarityWords()

    @model_validator(mode="after")
    def _classes_known(self) -> Self:
        known = {*self.classes, *SPECIAL_CLASSES}
        problems: list[tuple[tuple[str | int, ...], str]] = []
        for i, rule in enumerate(self.rule):
            named = {
                "requires": rule.requires, "subject": rule.subject, "exclude": rule.exclude,
                "modifier": rule.modifier, "object_not": rule.object_not, "map": list(rule.map),
            }
            for key, names in named.items():
                for j, name in enumerate(names):
                    if name not in known:
                        at = ("rule", i, key, name) if key == "map" else ("rule", i, key, j)
                        problems.append((at, f"unknown word class {name!r}"))
        report(problems)
        return self


# --------------------------------------------------------------------------- signal_codes.toml


class TopicCodes(Table):
    cameo: CameoCode | None = None
    mode: str | None = None


class SignalCodes(Table):
    cameo: CameoCode
    plover: str | None = None
    mode: str | None = None
    by_topic: dict[Topic, TopicCodes] = {}


class SignalCodeTable(RootModel[dict[SignalType, SignalCodes]]):
    """``extract/<lang>/signal_codes.toml``: codes for every signal type."""

    @model_validator(mode="after")
    def _complete(self) -> Self:
        report([((typ,), "missing signal type") for typ in SIGNAL_TYPES if typ not in self.root])
        return self


# --------------------------------------------------------------------------- topics.toml


class TopicPatterns(Table):
    patterns: Words


class Topics(Table):
    """``extract/<lang>/topics.toml``."""

    topic: dict[Topic, TopicPatterns]
    defaults: dict[SignalType, list[Topic]] = {}
    implied: dict[SignalType, list[Topic]] = {}


# --------------------------------------------------------------------------- conditions.toml


class ConditionWords(Table):
    none_topic: Topic = "negotiations"
    hard_words: Words = []
    flip_words: Words = []
    flip_particles: dict[str, str] = {}
    contrast_words: Words = []
    flip_keeps: list[Topic] = []
    adverse_types: list[SignalType] = []
    adjunct_preps: Words = []
    verb_preps: Words = []


class ConditionCue(Table):
    words: Words
    state: State
    negated: State | None = None
    none_words: Words = []


class ContentRule(Table):
    type: SignalType
    state: State
    topics: list[Topic] = []
    kinds: Words = []


class DetailPattern(Table):
    topic: Topic
    kind: str | None = None
    patterns: Words
    not_after: Words = []
    heads: Words = []
    pos: list[Pos] = []


class ConditionTable(Table):
    """``extract/<lang>/conditions.toml``; a content rule's kinds are those its details give."""

    words: ConditionWords = ConditionWords()
    cue: list[ConditionCue]
    content: list[ContentRule] = []
    detail: list[DetailPattern] = []

    @model_validator(mode="after")
    def _kinds_known(self) -> Self:
        kinds = {d.kind for d in self.detail if d.kind is not None}
        report([(("content", i, "kinds", j), f"no detail gives kind {kind!r}")
                for i, rule in enumerate(self.content)
                for j, kind in enumerate(rule.kinds) if kind not in kinds])
        return self


# --------------------------------------------------------------------------- certainty.toml

#: What certainty.toml's [force] may key: a cue force, or a hedge on someone else's act.
ForceKey = Annotated[
    str, AfterValidator(member_of((*get_args(Force), "hedged_other"), "cue force"))
]


class Speculative(Table):
    lemmas: Words = []
    modals: Words = []
    modal_heads: Words = []
    copula_with_noun: bool = True


class Signalled(Table):
    lemmas: Words = []
    phrases: Words = []


class CertaintyTable(Table):
    """``extract/<lang>/certainty.toml``."""

    speculative: Speculative = Speculative()
    signalled: Signalled = Signalled()
    force: dict[ForceKey, Certainty] = {}
    source: dict[Literal["none", "media", "anonymous", "via"], Certainty] = {}


# --------------------------------------------------------------------------- signal_source.toml


class Background(Table):
    aux: Words = []
    clause_openers: Words = []
    clause_verbs: Words = []
    clause_window: int = 4


class Embedding(Table):
    max_gap_chars: int = 6
    max_trail_gap_chars: int = 3


class Quote(Table):
    marks: Words = []


class SignalSource(Table):
    """``extract/<lang>/signal_source.toml``."""

    background: Background = Background()
    embedding: Embedding = Embedding()
    quote: Quote = Quote()
