"""Schemas of the attribution word lists in ``data/extract/<lang>/``: cues, speakers, source profiles."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from newstrace.knowledge.schemas.base import Table, Words

#: A cue's force (extract.attribution.cues.Force).
Force = Literal["neutral", "assertive", "hedged", "confirming", "denying", "reporting"]
#: What a cue verb's object is (extract.attribution.cues.ObjectRole).
ObjectRole = Literal["content", "recipient", "none"]
#: spaCy's English entity labels.
EntityLabel = Literal[
    "PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
    "LANGUAGE", "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL",
]


class VerbCue(Table):
    lemma: str
    force: Force = "neutral"
    object: ObjectRole = "none"
    recipient: bool = False
    bare: bool = False
    passive: bool = False
    to_clause: bool = False
    naming: bool = False
    top_only: bool = False
    quote_only: bool = False
    as_only: bool = False
    far: bool = False
    particle: str | None = None
    also: Words = []
    content_preps: Words = []
    not_with: Words = []


class NounCue(Table):
    lemma: str
    cue: str


class PrepCue(Table):
    words: Annotated[Words, Field(min_length=1)]
    cue: str
    named_only: bool = False
    any_noun: bool = False
    heads: Words = []
    not_heads: Words = []


class CueLines(Table):
    label_documents: Words = []
    byline_dashes: Words = []


class CueStructure(Table):
    not_cues: Words = []
    clause_deps: Words = ["ccomp"]
    irrealis_heads: Words = []
    proform_objects: Words = []
    evidence_verbs: Words = []


class Cues(Table):
    """``extract/<lang>/cues.toml``."""

    verb: list[VerbCue]
    noun: list[NounCue] = []
    prep: list[PrepCue] = []
    lines: CueLines = CueLines()
    structure: CueStructure = CueStructure()


class Pronoun(Table):
    gender: Literal["m", "f", "n", "any"] = "any"
    number: Literal["sing", "plur"] = "sing"


class Speakers(Table):
    """``extract/<lang>/speakers.toml``."""

    source_heads: Words = []
    commentator_heads: Words = []
    group_heads: Words = []
    generic_quantifiers: Words = []
    generic_pronouns: Words = []
    document_heads: Words = []
    media_heads: Words = []
    human_heads: Words = []
    partitive_heads: Words = []
    non_speaker_subjects: Words = []
    pronouns: dict[str, Pronoun] = {}


class Quantifiers(Table):
    singular: Words
    plural: Words


class Qualifiers(Table):
    words: Words
    anonymity: Words


class Roles(Table):
    words: Words
    weak: Words = []


class ProximityPhrase(Table):
    word: str
    preps: Words = []


class Proximity(Table):
    phrases: list[ProximityPhrase]


class Affiliation(Table):
    preps: Words
    labels: list[EntityLabel]


class SourceProfile(Table):
    """``extract/<lang>/source_profile.toml``."""

    numbers: dict[str, int]
    quantifiers: Quantifiers
    qualifiers: Qualifiers
    roles: Roles
    proximity: Proximity
    affiliation: Affiliation


class ChannelFrames(Table):
    preps: list[str]
    settings: list[str]
    media_nouns: list[str]
    new_occasion: list[str]


class ChannelCarry(Table):
    cues: list[str]
    paragraphs: int


class Channels(Table):
    """``extract/<lang>/channels.toml``: platforms and the frames that name a statement's channel."""

    platforms: dict[str, list[str]]
    verb_platforms: dict[str, str]
    frames: ChannelFrames
    carry: ChannelCarry


class Names(Table):
    """``extract/<lang>/names.toml``: words around names (titles, party and office nouns)."""

    honorifics: list[str]
    party_nouns: list[str]
    party_words: list[str]
    office_nouns: list[str]
    body_nouns: list[str]
