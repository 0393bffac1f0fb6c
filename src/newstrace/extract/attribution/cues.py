"""The reporting-cue lexicon, loaded once per process from ``data/extract/en/cues.toml``.

Which words can introduce reported speech, and how (addressee, object, particle,
passive), is data; this module only turns the file into typed lookups.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Literal

from newstrace.knowledge.datafiles import load_toml

Force = Literal["neutral", "assertive", "hedged", "confirming", "denying", "reporting"]
ObjectRole = Literal["content", "recipient", "none"]


@dataclass(frozen=True, slots=True)
class VerbCue:
    lemma: str
    force: Force
    recipient: bool = False
    object: ObjectRole = "none"
    bare: bool = False
    particle: str | None = None
    also: tuple[str, ...] = ()
    naming: bool = False
    quote_only: bool = False
    content_preps: frozenset[str] = frozenset()
    to_clause: bool = False
    passive: bool = False
    not_with: frozenset[str] = frozenset()
    top_only: bool = False
    as_only: bool = False
    far: bool = False

    @property
    def cue(self) -> str:
        return f"{self.lemma} {self.particle}" if self.particle else self.lemma

    @property
    def particles(self) -> tuple[str, ...]:
        """Every particle that frames the verb as a cue ("call for", "call on")."""
        return (self.particle, *self.also) if self.particle else self.also


@dataclass(frozen=True, slots=True)
class NounCue:
    lemma: str
    cue: str


@dataclass(frozen=True, slots=True)
class PrepCue:
    words: tuple[str, ...]
    cue: str
    named_only: bool = False
    heads: frozenset[str] = frozenset()
    any_noun: bool = False
    not_heads: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class CueLexicon:
    verbs: dict[str, VerbCue]
    nouns: dict[str, NounCue]
    preps: dict[str, PrepCue]  # keyed by the first word
    not_cues: frozenset[str]
    clause_deps: frozenset[str]
    irrealis_heads: frozenset[str]
    proform_objects: frozenset[str] = frozenset()
    evidence_verbs: frozenset[str] = frozenset()
    label_documents: frozenset[str] = frozenset()
    byline_dashes: str = ""

    def verb(self, lemma: str) -> VerbCue | None:
        return self.verbs.get(lemma.lower())

    def force(self, cue: str) -> Force:
        v = self.verbs.get(cue.split()[0])
        return v.force if v is not None else "reporting"


@functools.lru_cache(maxsize=1)
def cue_lexicon() -> CueLexicon:
    """The process-wide cue lexicon (the data file is read once)."""
    data = load_toml("extract/en/cues.toml")
    verbs: dict[str, VerbCue] = {}
    for row in data.get("verb", []):
        verbs[row["lemma"]] = VerbCue(
            lemma=row["lemma"],
            force=row.get("force", "neutral"),
            recipient=bool(row.get("recipient", False)),
            object=row.get("object", "none"),
            bare=bool(row.get("bare", False)),
            particle=row.get("particle"),
            also=tuple(row.get("also", ())),
            naming=bool(row.get("naming", False)),
            quote_only=bool(row.get("quote_only", False)),
            content_preps=frozenset(row.get("content_preps", ())),
            to_clause=bool(row.get("to_clause", False)),
            passive=bool(row.get("passive", False)),
            not_with=frozenset(row.get("not_with", ())),
            top_only=bool(row.get("top_only", False)),
            as_only=bool(row.get("as_only", False)),
            far=bool(row.get("far", False)),
        )
    nouns = {row["lemma"]: NounCue(row["lemma"], row["cue"]) for row in data.get("noun", [])}
    preps = {
        row["words"][0]: PrepCue(tuple(row["words"]), row["cue"], bool(row.get("named_only")),
                                 frozenset(row.get("heads", ())), bool(row.get("any_noun")),
                                 frozenset(row.get("not_heads", ())))
        for row in data.get("prep", [])
    }
    structure = data.get("structure", {})
    lines = data.get("lines", {})
    return CueLexicon(
        verbs=verbs,
        nouns=nouns,
        preps=preps,
        not_cues=frozenset(structure.get("not_cues", ())),
        clause_deps=frozenset(structure.get("clause_deps", ("ccomp",))),
        irrealis_heads=frozenset(structure.get("irrealis_heads", ())),
        proform_objects=frozenset(structure.get("proform_objects", ())),
        evidence_verbs=frozenset(structure.get("evidence_verbs", ())),
        label_documents=frozenset(lines.get("label_documents", ())),
        byline_dashes="".join(lines.get("byline_dashes", ())),
    )
