"""The signal lexicon (``data/extract/en/signals.toml``), read once per process.

Trigger families, word classes, phrase patterns, actor and polarity cues are
data; this module only turns them into lookup structures: a lemma index from
trigger lemma to the rules that may fire on it, frozen word sets, and one
compiled regular expression per phrase family.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from newstrace.knowledge.datafiles import load_toml
from newstrace.records import SIGNAL_TYPES


@dataclass(frozen=True, slots=True)
class TriggerForm:
    """One trigger lemma, optionally with a particle child ("call" + "for")."""

    lemma: str
    particle: str | None


@dataclass(frozen=True, slots=True)
class Rule:
    index: int
    type: str | None
    forms: tuple[TriggerForm, ...]
    pos: frozenset[str]
    mode: str = "plain"
    mapping: dict[str, str] = field(default_factory=dict)
    requires: tuple[str, ...] = ()
    object: str | None = None
    inner: str | None = None
    actor: str = "subject"
    noun_actor: bool = False
    possessor: bool = True
    topic_scope: str = "evidence"
    future_type: str | None = None
    future_speaker: str = "self"
    mood: str | None = None
    subject: tuple[str, ...] = ()
    condition: bool = False
    restrictive: bool = False
    collective: bool = False
    depth: int = 3
    exclude: tuple[str, ...] = ()
    withholding: bool = False
    modifier: tuple[str, ...] = ()
    negation: str | None = None
    reluctance: bool = False
    object_not: tuple[str, ...] = ()
    antecedent: str | None = None


@dataclass(frozen=True, slots=True)
class GroupNoun:
    """A common noun that names a group actor ("police", "rebels") and what it is."""

    kind: str
    role: str


@dataclass(frozen=True, slots=True)
class PhraseRule:
    type: str
    pattern: re.Pattern[str]
    predicative: bool = False


@dataclass(frozen=True, slots=True)
class Lexicon:
    rules: tuple[Rule, ...]
    by_lemma: dict[str, tuple[tuple[Rule, TriggerForm], ...]]
    particles: frozenset[tuple[str, str]]
    classes: dict[str, frozenset[str]]
    phrases: tuple[PhraseRule, ...]
    agent_nouns: frozenset[str]
    drop_words: frozenset[str]
    demonyms: dict[str, str]
    statement_verbs: frozenset[str]
    reporting_verbs: frozenset[str]
    light_verbs: frozenset[str]
    condition_marks: frozenset[str]
    negators: frozenset[str]
    negative_lemmas: frozenset[str]
    hedge_modals: frozenset[str]
    hedge_adverbs: frozenset[str]
    hedge_verbs: frozenset[str]
    future_aux: frozenset[str]
    report_time_min_days: int
    negated_type: dict[str, str]
    hedge_modifiers: frozenset[str]
    advice_aux: frozenset[str]
    accusation_verbs: frozenset[str]
    own_body_nouns: frozenset[str] = frozenset()
    claim_pronouns: frozenset[str] = frozenset()
    reason_preps: frozenset[str] = frozenset()
    pending_marks: frozenset[str] = frozenset()
    title_nouns: frozenset[str] = frozenset()
    datelines: tuple[re.Pattern[str], ...] = ()
    condition_frames: tuple[str, ...] = ()
    condition_types: dict[str, str] = field(default_factory=dict)
    restrictive_marks: tuple[str, ...] = ()
    contrast_conj: frozenset[str] = frozenset()
    temporal_marks: frozenset[str] = frozenset()
    strict_types: frozenset[str] = frozenset()
    perspective_nouns: tuple[str, ...] = ()
    reason_marks: frozenset[str] = frozenset()
    unilateral_marks: tuple[str, ...] = ()
    demand_modals: frozenset[str] = frozenset()
    collective_nouns: frozenset[str] = frozenset()
    groups: dict[str, GroupNoun] = field(default_factory=dict)


def _words(values: Any) -> frozenset[str]:
    return frozenset(str(v).casefold() for v in (values or ()))


def _form(text: str) -> TriggerForm:
    head, _, particle = text.casefold().partition(" ")
    return TriggerForm(lemma=head, particle=particle or None)


def _check_type(name: str | None, where: str) -> None:
    if name is not None and name not in SIGNAL_TYPES:
        raise ValueError(f"signals.toml: unknown signal type {name!r} in {where}")


def build_lexicon(data: dict[str, Any]) -> Lexicon:
    rules: list[Rule] = []
    for i, row in enumerate(data.get("rule", [])):
        mapping = {str(k): str(v) for k, v in dict(row.get("map", {})).items()}
        for t in (row.get("type"), row.get("future_type"), *mapping.values()):
            _check_type(t, f"rule {i}")
        rules.append(
            Rule(
                index=i,
                type=row.get("type"),
                forms=tuple(_form(x) for x in row.get("lemmas", ())),
                pos=frozenset(row.get("pos", ("VERB",))),
                mode=row.get("mode", "plain"),
                mapping=mapping,
                requires=tuple(row.get("requires", ())),
                object=row.get("object"),
                inner=row.get("inner"),
                actor=row.get("actor", "subject"),
                noun_actor=bool(row.get("noun_actor", False)),
                possessor=bool(row.get("possessor", True)),
                topic_scope=row.get("topic_scope", "evidence"),
                future_type=row.get("future_type"),
                future_speaker=str(row.get("future_speaker", "self")),
                mood=row.get("mood"),
                subject=tuple(row.get("subject", ())),
                condition=bool(row.get("condition", False)),
                restrictive=bool(row.get("restrictive", False)),
                collective=bool(row.get("collective", False)),
                depth=int(row.get("depth", 3)),
                exclude=tuple(row.get("exclude", ())),
                withholding=bool(row.get("withholding", False)),
                modifier=tuple(row.get("modifier", ())),
                negation=row.get("negation"),
                reluctance=bool(row.get("reluctance", False)),
                object_not=tuple(row.get("object_not", ())),
                antecedent=row.get("antecedent"),
            )
        )
    index: dict[str, list[tuple[Rule, TriggerForm]]] = {}
    for rule in rules:
        for form in rule.forms:
            index.setdefault(form.lemma, []).append((rule, form))
    particles = frozenset(
        (f.lemma, f.particle) for r in rules for f in r.forms if f.particle is not None
    )
    phrases = tuple(
        PhraseRule(
            type=row["type"],
            pattern=re.compile(
                r"(?<![\w-])(?:" + "|".join(row.get("patterns", ())) + r")(?![\w-])", re.I
            ),
            predicative=bool(row.get("predicative", False)),
        )
        for row in data.get("phrase", [])
    )
    actor = data.get("actor", {})
    groups = {
        str(noun).casefold(): GroupNoun(kind=str(row["kind"]), role=str(role))
        for role, row in dict(actor.get("groups", {})).items() for noun in row.get("nouns", ())
    }
    frames = data.get("frames", {})
    pol = data.get("polarity", {})
    cond = data.get("conditional", {})
    for k, v in dict(cond.get("types", {})).items():
        _check_type(str(k), "[conditional]")
        _check_type(str(v), "[conditional]")
    return Lexicon(
        rules=tuple(rules),
        by_lemma={k: tuple(v) for k, v in index.items()},
        particles=particles,
        classes={k: _words(v) for k, v in data.get("classes", {}).items()},
        phrases=phrases,
        agent_nouns=_words(actor.get("agent_nouns")) | frozenset(groups),
        drop_words=_words(actor.get("drop_words")),
        demonyms={str(k).casefold(): str(v) for k, v in dict(actor.get("demonyms", {})).items()},
        statement_verbs=_words(frames.get("statement_verbs")),
        reporting_verbs=_words(frames.get("reporting_verbs")),
        light_verbs=_words(frames.get("light_verbs")),
        condition_marks=_words(frames.get("condition_marks")),
        negators=_words(pol.get("negators")),
        negative_lemmas=_words(pol.get("negative_lemmas")),
        hedge_modals=_words(pol.get("hedge_modals")),
        hedge_adverbs=_words(pol.get("hedge_adverbs")),
        hedge_verbs=_words(pol.get("hedge_verbs")),
        future_aux=_words(pol.get("future_aux")),
        report_time_min_days=int(frames.get("report_time_min_days", 7)),
        hedge_modifiers=_words(pol.get("hedge_modifiers")),
        advice_aux=_words(pol.get("advice_aux")),
        accusation_verbs=_words(frames.get("accusation_verbs")),
        negated_type={str(k): str(v) for k, v in dict(data.get("negated_type", {})).items()},
        own_body_nouns=_words(actor.get("own_body_nouns")),
        claim_pronouns=_words(pol.get("claim_pronouns")),
        reason_preps=_words(pol.get("reason_preps")),
        pending_marks=_words(pol.get("pending_marks")),
        title_nouns=_words(actor.get("title_nouns")),
        datelines=tuple(re.compile(p) for p in data.get("dateline", {}).get("patterns", ())),
        condition_frames=tuple(str(m).casefold() for m in cond.get("marks", ())),
        condition_types={str(k): str(v) for k, v in dict(cond.get("types", {})).items()},
        restrictive_marks=tuple(str(m).casefold() for m in cond.get("restrictive_marks", ())),
        contrast_conj=_words(cond.get("contrast_conj")),
        temporal_marks=_words(cond.get("temporal_marks")),
        strict_types=frozenset(str(t) for t in cond.get("strict_types", ())),
        perspective_nouns=tuple(str(w).casefold() for w in actor.get("perspective_nouns", ())),
        reason_marks=_words(frames.get("reason_marks")),
        unilateral_marks=tuple(str(m).casefold() for m in frames.get("unilateral_marks", ())),
        demand_modals=_words(frames.get("demand_modals")),
        collective_nouns=_words(actor.get("collective_nouns")),
        groups=groups,
    )


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The process-wide signal lexicon."""
    return build_lexicon(load_toml("extract/en/signals.toml"))


_PLURALS = (("men", "man"), ("ies", "y"), ("es", ""), ("s", ""))


def group_noun(name: str) -> GroupNoun | None:
    """The group a literal actor name stands for, from its last word ("riot police",
    "Israeli tanks", "gunmen"), or None. Plurals are undone by their spelling: the
    name is all that is stored of an actor the table does not hold."""
    words = name.replace("-", " ").split()
    if not words:
        return None
    last = words[-1].casefold()
    groups = lexicon().groups
    if last in groups:
        return groups[last]
    for end, repl in _PLURALS:
        if last.endswith(end) and last[: len(last) - len(end)] + repl in groups:
            return groups[last[: len(last) - len(end)] + repl]
    return None
