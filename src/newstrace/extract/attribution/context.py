"""Discourse state for attribution: pronouns, anaphoric sources, the outlet being relayed.

Hand-written because spaCy's small model has no coreference. The rules are the
ones news copy relies on:

* "he"/"she" is the nearest compatible speaker or person subject before it,
  in the same sentence first, then in the few sentences before;
* "they" is a plural subject earlier in the same sentence, else the last
  unnamed source (news uses singular "they" for anonymous sources);
* "it" is a recent outlet, report or organisation that spoke, else the body or text
  that is the subject of the sentence before, else expletive;
* "the official", "the source" continue the last speaker described with that
  noun, keeping its name (or its anonymity) and its outlet;
* unnamed sources of an article built on "X reported, citing …" or "… told X"
  are relayed through X until another outlet takes over.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from newstrace.extract.actor_names import doc_names
from newstrace.extract.attribution.speakers import Speaker, classify, core_tokens, speaker_like
from newstrace.knowledge import actors

_WINDOW = 5  # sentences a pronoun may look back
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_SOURCE_ROLES = frozenset({"source", "anaphor"})


@dataclass(slots=True)
class Draft:
    """An attribution being built; becomes a records.Attribution once the document is done."""

    start: int
    end: int
    speaker: Speaker
    cue: str
    cue_i: int
    sent_index: int
    para_index: int
    sentence_start: int
    sentence_end: int
    direct: bool | str = False
    via: str | None = None
    via_explicit: bool = False
    content_start: int | None = None
    content_end: int | None = None
    antecedent: Draft | None = None
    component: str = "rules"
    confidence: float = 1.0
    new_occasion: bool = False  # the cue names another setting ("told reporters"): no carried via


@dataclass(frozen=True, slots=True)
class Mention:
    i: int
    sent_index: int
    dep: str
    speaker: Speaker


@dataclass(slots=True)
class Discourse:
    """What the document has said so far, in reading order."""

    mentions: list[Mention] = field(default_factory=list)
    drafts: list[Draft] = field(default_factory=list)
    source_outlet: str | None = None

    @classmethod
    def for_doc(cls, doc: Doc, sent_of: list[int]) -> Discourse:
        table = actors()
        names = doc_names(doc)
        mentions: list[Mention] = []
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            root = ent.root
            actor = table.lookup(ent.text)
            if actor is not None and actor.kind != "person":
                continue
            canonical = actor.canonical if actor else names.person_at(root)
            if canonical is None:  # a dateline the tagger took for a person ("DOHA —")
                continue
            sp = Speaker(
                ent.text,
                canonical,
                "person",
                True,
                "named",
                ent.start_char,
                ent.end_char,
                root.lemma_.lower(),
                gender=(actor.gender if actor and actor.gender else "any"),
            )
            mentions.append(Mention(root.i, sent_of[root.i], root.dep_, sp))
        return cls(mentions=mentions)

    # ------------------------------------------------------------------ pronouns

    def resolve(self, sp: Speaker, head: Token, sent_index: int, sent_start_i: int,
                ) -> tuple[Speaker, Draft | None] | None:
        """Resolve a pronoun or anaphor. ``None`` means "not a speaker" (expletive "it")."""
        if sp.role == "anaphor":
            return self._anaphor(sp, head)
        if sp.role != "pronoun":
            return sp, None
        if sp.gender == "n":
            return self._it(sp, head, sent_index, sent_start_i)
        if sp.plural:
            return self._they(sp, head, sent_index, sent_start_i)
        return self._person(sp, head, sent_index, sent_start_i)

    def _compatible(self, gender: str, cand: Speaker) -> bool:
        if cand.plural or cand.kind in ("media", "government", "organization", "group"):
            return False
        return cand.gender in ("any", gender)

    def _person(self, sp: Speaker, head: Token, sent_index: int, sent_start_i: int,
                ) -> tuple[Speaker, Draft | None]:
        best: tuple[int, Speaker, Draft | None] | None = None
        for d in self.drafts:
            if d.sent_index >= sent_index - _WINDOW and d.cue_i < head.i and d.speaker.text \
                    and self._compatible(sp.gender, d.speaker) and (best is None or d.cue_i > best[0]):
                best = (d.cue_i, d.speaker, d)
        same_poss: Mention | None = None
        for m in self.mentions:
            if m.i >= head.i or m.sent_index < sent_index - _WINDOW:
                continue
            if not self._compatible(sp.gender, m.speaker):
                continue
            if m.dep in _SUBJECT_DEPS and (best is None or m.i > best[0]):
                best = (m.i, m.speaker, None)
            elif m.dep == "poss" and m.sent_index == sent_index and same_poss is None:
                same_poss = m
        if same_poss is not None and (best is None or best[0] < sent_start_i):
            return sp.resolved(same_poss.speaker), None
        if best is None:
            for d in reversed(self.drafts):
                if d.cue_i < head.i and self._compatible(sp.gender, d.speaker):
                    return sp.resolved(d.speaker), d
            return sp, None
        return sp.resolved(best[1]), best[2]

    def _they(self, sp: Speaker, head: Token, sent_index: int, sent_start_i: int,
              ) -> tuple[Speaker, Draft | None]:
        doc = head.doc
        for d in reversed(self.drafts):
            if d.sent_index == sent_index and d.cue_i < head.i:
                return sp.resolved(d.speaker), d
        for i in range(head.i - 1, sent_start_i - 1, -1):
            t = doc[i]
            if t.dep_ in _SUBJECT_DEPS and t.tag_ in ("NNS", "NNPS"):
                other = classify(t)
                if not other.named:  # a group the sentence talks about, not a cited source
                    other = replace(other, role="commentator")
                return sp.resolved(other), None
        for d in reversed(self.drafts):
            if d.sent_index < sent_index - _WINDOW:
                break
            if d.speaker.role in ("source", "anaphor", "commentator", "group", "generic") \
                    or d.speaker.plural or d.speaker.kind in ("government", "organization"):
                return sp.resolved(d.speaker), d
        return sp, None

    def _it(self, sp: Speaker, head: Token, sent_index: int, sent_start_i: int,
            ) -> tuple[Speaker, Draft | None] | None:
        for d in reversed(self.drafts):
            if d.sent_index < sent_index - 2:
                break
            if d.speaker.kind in ("media", "organization", "government") and d.speaker.named:
                return sp.resolved(d.speaker), d
        # "The city sent a letter. It says …": the subject of the sentence before, when
        # it is a body or a text rather than a person
        doc = head.doc
        if sent_start_i == 0:
            return None
        prev = doc[sent_start_i - 1].sent
        for t in prev:
            if t.dep_ in _SUBJECT_DEPS and t.tag_ in ("NN", "NNP") and t.ent_type_ != "PERSON" \
                    and speaker_like(t):
                other = classify(t)
                if other.kind != "person" or other.role in ("unknown", "media"):
                    return sp.resolved(other), None
        return None

    def _anaphor(self, sp: Speaker, head: Token) -> tuple[Speaker, Draft | None]:
        """"the official" continues the last speaker described with the same noun;
        "the prime minister" is the person last written with that title, when no
        speaker described with the noun came after that person."""
        lemma = sp.head_lemma
        titled = self._titled(sp, head)
        for d in reversed(self.drafts):
            written = (d.speaker.text or "").lower()
            if lemma and lemma in written:
                if titled is not None and titled[1] > d.cue_i:
                    break
                return sp.resolved(d.speaker), d
        if titled is not None:
            return titled[0], None
        return Speaker(sp.text, None, "anonymous", False, "source", sp.start, sp.end,
                       sp.head_lemma, plural=sp.plural), None

    def _titled(self, sp: Speaker, head: Token) -> tuple[Speaker, int] | None:
        """The named person whose written title holds every word of the phrase, and
        the token where that person was last written before ``head``."""
        names = doc_names(head.doc)
        words = frozenset(t.lower_ for t in core_tokens(head)
                          if t.dep_ not in ("det", "poss", "case", "punct") and not t.is_punct)
        person = names.titled(words, head.i) if head.tag_ in ("NN", "NNP") else None
        if person is None:
            return None
        last = max((m.start for m in names.mentions if m.start < head.i
                    and names.person(m.name) == person), default=-1)
        actor = actors().lookup(person)
        gender = actor.gender if actor is not None and actor.gender else "any"
        resolved = replace(sp, canonical=actor.canonical if actor else person, kind="person",
                           named=True, role="named", gender=gender)
        return resolved, last

    # ------------------------------------------------------------------ via

    def settle_via(self, d: Draft) -> None:
        """Give a draft without an explicit outlet the one its context implies."""
        if d.via is None and d.speaker.kind != "media":
            if d.antecedent is not None:
                d.via = d.antecedent.via
            elif d.speaker.role in _SOURCE_ROLES and not d.speaker.named:
                d.via = self.source_outlet
        if d.via and d.speaker.role in _SOURCE_ROLES and not d.speaker.named:
            self.source_outlet = d.via
