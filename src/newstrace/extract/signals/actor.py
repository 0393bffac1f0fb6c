"""Whose signal it is: the agent of a trigger, canonicalised through the actor table.

The agent is found on the dependency tree (subject of the predicate chain,
"by"-agent of a passive, possessor or governing verb of a noun trigger, head
noun of "Ukrainian leaders ready for ..."), then named through
``knowledge.actors()``. Pronouns are resolved by a deliberately small rule,
written here because spaCy has no coreference in the small model: "he/she" is
the most recent person who was a grammatical subject (else the most recent
person named), "they" the most recent group or government subject, "I/we" the
speaker of the clause. Names no table lists, titles ("the president") and "the two
sides" come from the document's name table (``extract.actor_names``), which
attribution shares, so a person gets one name in both.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newstrace.extract.actor_names import doc_names, name_words
from newstrace.extract.signals.dateline import find_datelines
from newstrace.extract.signals.lexicon import Lexicon
from newstrace.extract.signals.syntax import VERBAL, chain
from newstrace.extract.signals.types import Trigger
from newstrace.knowledge import actors, outlets
from newstrace.knowledge.actor_table import Actor

_PERSON_PRON = frozenset({"he", "him", "his", "she", "her"})
_GROUP_PRON = frozenset({"they", "them", "their"})
_BODY_PRON = frozenset({"it", "its"})
_BODY_KINDS = frozenset({"government", "organization", "state", "country", "group", "alliance"})
_SELF_PRON = frozenset({"i", "me", "my"})
_WE_PRON = frozenset({"we", "us", "our"})
_RELATIVE = frozenset({"who", "which", "that", "whom", "whose"})
_LEFT_MODS = frozenset({"compound", "amod", "det", "poss", "case", "nmod", "nummod", "quantmod",
                        "predet", "punct", "cc", "conj"})
_SUBJ = frozenset({"nsubj", "nsubjpass"})
_AGENT_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An actor as resolved: canonical name, written form, and where it is written."""

    canonical: str
    text: str
    kind: str | None
    known: bool
    start: int | None = None
    end: int | None = None
    # the state or body an unknown speaker belongs to, learnt from an earlier mention
    # of the same speaker ("a senior Russian source ... the source ... they")
    side: str | None = None


def _written(actor: Actor, text: str) -> bool:
    """The alias found in ``text`` is written with its own capitals ("Un" is not "UN")."""
    return any(form in text for form in (actor.canonical, *actor.aliases, *actor.titles)) \
        or (len(text) > 4 and actor.canonical.casefold() in text.casefold())


def _from_table(actor: Actor, text: str, start: int | None, end: int | None) -> ActorRef:
    return ActorRef(actor.canonical, text, actor.kind, True, start, end)


class ActorResolver:
    """Resolves trigger agents in one document (pronoun antecedents computed once)."""

    def __init__(self, doc: Doc, lex: Lexicon) -> None:
        self.doc = doc
        self.lex = lex
        self.table = actors()
        self.names = doc_names(doc)
        self.datelines = find_datelines(doc, lex)
        self._pronoun: dict[int, ActorRef] = {}
        self._scan_pronouns()

    # ------------------------------------------------------------------ titles

    def _titled_person(self, head: Token, start: int, end: int) -> ActorRef | None:
        """"the president": the latest person before ``head`` written with that title
        (the document's name table, shared with attribution)."""
        words = frozenset(t.lower_ for t in self.doc[start:end] if t.dep_ not in ("det", "punct"))
        name = self.names.titled(words, head.i)
        if name is None:
            return None
        actor = self.table.lookup(name)
        span = self.doc[start:end]
        return ActorRef(actor.canonical if actor else name, span.text, "person", actor is not None,
                        span.start_char, span.end_char)

    def title_holder(self, title: str, state: str) -> ActorRef | None:
        """The one person in the table who speaks for ``state`` with a ``title`` title."""
        found = [
            a for a in self.table
            if a.kind == "person" and state in self.table.ancestors(a.canonical)
            and any(title in t.casefold().split() for t in a.titles)
        ]
        if len(found) != 1:
            return None
        return ActorRef(found[0].canonical, found[0].canonical, "person", True)

    # ------------------------------------------------------------------ pronouns

    def _scan_pronouns(self) -> None:
        person_ends = {ent.end - 1: ent.root for ent in self.doc.ents if ent.label_ == "PERSON"}
        last_subject: ActorRef | None = None
        last_person: ActorRef | None = None
        last_group: ActorRef | None = None
        last_body: tuple[int, ActorRef] | None = None  # (sentence start, actor)
        for tok in self.doc:
            low = tok.lower_
            if tok.pos_ == "PRON" and low in _BODY_PRON and tok.dep_ in ("nsubj", "poss"):
                # "it": the latest named government or organisation subject of the same
                # sentence (farther back, "it" is too often a report or a plan)
                if last_body is not None and tok.sent.start == last_body[0]:
                    self._pronoun[tok.i] = last_body[1]
                continue
            if tok.pos_ == "PRON" and low in _PERSON_PRON:
                ref = last_subject or last_person
                if ref is not None:
                    self._pronoun[tok.i] = ref
                    if tok.dep_ in _SUBJ:
                        last_subject = ref
                continue
            if tok.pos_ == "PRON" and low in _GROUP_PRON:
                if last_group is not None:
                    self._pronoun[tok.i] = last_group
                continue
            # "Yuri Ushakov confirming they ...": the head of a participle acts as a subject
            if tok.dep_ in _SUBJ or any(c.dep_ == "acl" and c.tag_ == "VBG" for c in tok.children):
                ref = self.mention(tok, resolve=False)
                if ref is not None and ref.kind == "person":
                    last_subject = last_person = ref
                elif ref is not None and (tok.tag_ in ("NNS", "NNPS") or ref.kind in (
                        "government", "organization", "group")):
                    last_group = ref
                if ref is not None and ref.kind in _BODY_KINDS and tok.tag_ in ("NNP", "NN") \
                        and (ref.known or tok.ent_type_ in ("ORG", "GPE")):
                    last_body = (tok.sent.start, ref)
            elif tok.i in person_ends:
                ref = self.mention(person_ends[tok.i], resolve=False)
                if ref is not None and ref.kind == "person":
                    last_person = ref

    # ------------------------------------------------------------------ mentions

    def _phrase(self, head: Token) -> tuple[int, int]:
        """Token range of the noun phrase left of and including ``head`` (no dateline)."""
        start = head.i
        for c in head.children:
            if c.i < head.i and c.dep_ in _LEFT_MODS:
                start = min(start, c.left_edge.i)
        while start < head.i and start in self.datelines.tokens:
            start += 1
        return start, head.i + 1

    def subject(self, verb: Token, deps: frozenset[str] = _SUBJ) -> Token | None:
        """The subject of ``verb``, looking past a dateline parsed as one.

        "Sochi (AFP) - President Putin said": spaCy makes "Sochi" the subject and
        hangs "Putin" from it; the subject is the first word after the dateline.
        """
        for c in verb.children:
            if c.dep_ not in deps:
                continue
            if c.i not in self.datelines.tokens:
                return c
            after = [d for d in c.children if d.i not in self.datelines.tokens and d.i > c.i
                     and d.pos_ in ("PROPN", "NOUN", "PRON")]
            if after:
                return after[0]
        return None

    def _own_body(self, head: Token, speaker: ActorRef | None) -> ActorRef | None:
        """"his government", "her country": the body the person speaks for.

        An unknown person stands for his government himself (the gold convention
        makes a speaker talking about the body he speaks for the actor).
        """
        poss = [c for c in head.children if c.dep_ == "poss" and c.lower_ in _PERSON_PRON | _SELF_PRON]
        if not poss or head.lemma_.casefold() not in self.lex.own_body_nouns:
            return None
        low = poss[0].lower_
        person = speaker if low in _SELF_PRON else self._pronoun.get(poss[0].i)
        if person is None or person.kind != "person":
            return None
        s, e = self._phrase(head)
        span = self.doc[s:e]
        body = self.collective(person) if person.known else None
        ref = body or person
        return ActorRef(ref.canonical, span.text, ref.kind, ref.known, span.start_char, span.end_char)

    def _unknown(self, head: Token, text: str, start: int, end: int) -> ActorRef | None:
        lemma = head.lemma_.casefold()
        if head.ent_type_ == "NORP":
            country = self.lex.demonyms.get(head.lower_.rstrip("s")) or self.lex.demonyms.get(head.lower_)
            actor = self.table.get(country) if country else None
            if actor is not None:
                return _from_table(actor, text, start, end)
        agentive = head.ent_type_ in _AGENT_ENTS or head.pos_ == "PROPN" or lemma in self.lex.agent_nouns
        if not agentive:
            return None
        if head.ent_type_ == "PERSON":
            name = self.names.person_at(head)
            return ActorRef(name, text, "person", False, start, end) if name else None
        if head.pos_ == "PROPN" and self.names.knows_person(head.text):
            # "Bessent", tagged an organisation: the person named in full earlier
            return ActorRef(self.names.person(head.text), text, "person", False, start, end)
        canonical = self.plain_name(text)
        if head.pos_ == "PROPN" and head.ent_type_ in ("ORG", "GPE", "FAC"):
            canonical = self.names.org_at(head) or self.names.expand(canonical)
        group = self.lex.groups.get(lemma) or self.lex.groups.get(head.lower_)
        if group is not None:
            # "police", "the rebels", "Israeli tanks": a generic group, kept as written;
            # a capital that only opens the sentence ("Police arrested") is dropped so
            # that the name, and the actor ID made of it, stays the same
            first = self.doc.char_span(start, end, alignment_mode="expand")
            if canonical and first is not None and first[0].i == first.sent.start \
                    and first[0].pos_ == "NOUN" and not first[0].ent_type_:
                canonical = canonical[0].lower() + canonical[1:]
            return ActorRef(canonical, text, group.kind, False, start, end)
        kind = "group" if head.tag_ in ("NNS", "NNPS") else "organization"
        return ActorRef(canonical, text, kind, False, start, end)

    def plain_name(self, text: str) -> str:
        """An unknown actor's written form without leading determiners and quantifiers."""
        words = text.split()
        while len(words) > 1 and words[0].casefold() in self.lex.drop_words:
            words.pop(0)
        return " ".join(words)

    def mention(self, head: Token, *, resolve: bool = True,
                speaker: ActorRef | None = None) -> ActorRef | None:
        """The actor named by the noun phrase headed by ``head``, or None."""
        if head.i in self.datelines.tokens:
            return None
        low = head.lower_
        # "US" is a name, not "us"
        if head.pos_ == "PRON" or (low in _PERSON_PRON | _GROUP_PRON | _SELF_PRON | _WE_PRON
                                   and head.pos_ != "PROPN"):
            if not resolve:
                return None
            if low in _PERSON_PRON or low in _GROUP_PRON:
                return self._pronoun.get(head.i)
            if low in _BODY_PRON:
                # "Syria says it is willing": the body that speaks, else the latest one
                if speaker is not None and speaker.kind in _BODY_KINDS:
                    return speaker
                return self._pronoun.get(head.i)
            if low in _SELF_PRON:
                return speaker
            if low in _WE_PRON:
                return self.collective(speaker)
            if low in _RELATIVE and head.head.dep_ == "relcl":
                return self.mention(head.head.head, resolve=resolve, speaker=speaker)
            return None
        if low in _RELATIVE and head.head.dep_ == "relcl":
            return self.mention(head.head.head, resolve=resolve, speaker=speaker)
        doc = self.doc
        if head.lemma_.casefold() in self.lex.collective_nouns:
            # "a group of Moroccan diplomats" are the diplomats
            of = [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                  for g in c.children if g.dep_ == "pobj"]
            if of:
                return self.mention(of[0], resolve=resolve, speaker=speaker)
        if self._is_parties(head):  # "the two sides": the parties, never an actor "sides"
            parties = self.parties(head)
            return parties[0] if parties else None
        office = self._office(head, resolve=resolve, speaker=speaker)
        if office is not None:
            return office
        names = [c for c in head.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"]
        if names and head.pos_ != "PROPN":  # "the US secretary of state, Antony Blinken"
            return self.mention(names[0], resolve=resolve, speaker=speaker)
        s, e = self._phrase(head)
        span = doc[s:e]
        # conjoined actors ("Ukraine and European authorities"): the first one
        cut = [t.i for t in span if t.dep_ in ("cc", "conj") and t.head.i >= s]
        if cut:
            e = min(cut)
            span = doc[s:e]
            if head.i >= e:
                return self.mention(doc[e - 1], resolve=resolve, speaker=speaker) if e > s else None
        text = span.text
        start, end = span.start_char, span.end_char
        if resolve:
            own = self._own_body(head, speaker)
            if own is not None:
                return own
        of = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"]
        forms = [text]
        if of:
            forms.insert(0, doc[s:of[0].right_edge.i + 1].text)
        for form in forms:
            actor = self.table.lookup(form)
            if actor is not None:
                return _from_table(actor, text, start, end)
        if head.pos_ == "PROPN":
            n = head.i
            while n - 1 >= s and doc[n - 1].pos_ == "PROPN":
                n -= 1
            name = doc[n:head.i + 1].text
            actor = self.table.lookup(name) or self.table.find(name)
            if actor is not None and _written(actor, name):
                return _from_table(actor, text, start, end)
        body = self.names.body_before(head) if head.pos_ == "NOUN" else None
        if body is not None:  # "the group": the organisation just named
            known = self.table.lookup(body)
            return _from_table(known, text, start, end) if known is not None else \
                ActorRef(body, text, "organization", False, start, end)
        if head.pos_ == "NOUN" and head.lemma_.casefold() in self.lex.title_nouns and not of \
                and head.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            titled = self._titled_person(head, s, e)
            if titled is not None:
                return titled
        return self._unknown(head, text, start, end)

    def _is_parties(self, head: Token) -> bool:
        """"the two sides", "both parties": a pair of parties written as one noun."""
        words = name_words()
        return head.lemma_.casefold() in words.party_nouns and head.tag_ == "NNS" and any(
            c.lower_ in words.party_words for c in head.children)

    def parties(self, head: Token) -> list[ActorRef]:
        """The two states or bodies last named before ``head``, first named first.

        Only names the tagger marks as a place, organisation or nationality count,
        an outlet never; fewer than two leave the pair unresolved (no actor).
        """
        found: list[ActorRef] = []
        for ent in reversed([e for e in self.doc.ents if e.end <= head.i]):
            if ent.label_ not in ("GPE", "ORG", "NORP") or ent.start in self.datelines.tokens:
                continue
            ref = self._party(ent)
            if ref is not None and ref.canonical not in {f.canonical for f in found}:
                found.append(ref)
            if len(found) == 2:
                return found[::-1]
        return []

    def _party(self, ent: Span) -> ActorRef | None:
        if outlets().lookup(ent.text) is not None:
            return None
        if ent.label_ == "NORP":
            country = self.lex.demonyms.get(ent.text.casefold())
            actor = self.table.get(country) if country else None
            if actor is not None:
                return _from_table(actor, ent.text, ent.start_char, ent.end_char)
            return ActorRef(country, ent.text, "government", False, ent.start_char, ent.end_char) \
                if country else None
        actor = self.table.lookup(ent.text) or self.table.find(ent.text)
        if actor is not None and actor.kind in ("government", "organization", "group"):
            return _from_table(actor, ent.text, ent.start_char, ent.end_char)
        if actor is not None:
            return None
        name = self.names.org_at(ent.root) or ent.text
        kind = "government" if ent.label_ == "GPE" else "organization"
        return ActorRef(name, ent.text, kind, False, ent.start_char, ent.end_char)

    def _office(self, head: Token, *, resolve: bool, speaker: ActorRef | None) -> ActorRef | None:
        """"Benjamin Netanyahu's office": the owner's office, a body that speaks for him."""
        lemma = head.lemma_.casefold()
        if lemma not in name_words().office_nouns or head.pos_ != "NOUN":
            return None
        owner = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
        ref = self.mention(owner, resolve=resolve, speaker=speaker) if owner is not None else None
        if ref is None or ref.kind not in ("person", "government", "organization"):
            return None
        s, e = self._phrase(head)
        span = self.doc[s:e]
        canonical = f"{ref.canonical}'s {lemma}"
        known = self.table.lookup(canonical)
        if known is not None:
            return _from_table(known, span.text, span.start_char, span.end_char)
        kind = "organization" if ref.kind == "organization" else "government"
        return ActorRef(canonical, span.text, kind, False, span.start_char, span.end_char)

    def collective(self, speaker: ActorRef | None) -> ActorRef | None:
        """Whom "we" stands for: the speaker's government, or its nationality."""
        if speaker is None:
            return None
        if speaker.known:
            chain_up = self.table.ancestors(speaker.canonical)
            top = self.table.get(chain_up[-1]) if chain_up else self.table.get(speaker.canonical)
            if top is not None:
                return ActorRef(top.canonical, "we", top.kind, True)
            return None
        country = self.side_of(speaker.text) or speaker.side
        actor = self.table.get(country) if country else None
        if actor is not None:
            return ActorRef(actor.canonical, "we", actor.kind, True)
        return None

    def side_of(self, text: str) -> str | None:
        """The state a demonym in a written speaker names ("a senior Russian source")."""
        for word in text.replace("-", " ").split():
            country = self.lex.demonyms.get(word.casefold())
            if country and self.table.get(country) is not None:
                return country
        return None

    # ------------------------------------------------------------------ agents

    def _verb_agent(self, tok: Token, speaker: ActorRef | None) -> ActorRef | None:
        ch = chain(tok)
        top = ch[-1]
        # "Reuters reported that Putin was ready ..., but would refuse ...": a modal
        # conjunct of a reporting verb continues the reported clause.
        if top.dep_ != "conj" and len(ch) > 1 and ch[-2].dep_ == "conj" \
                and top.lemma_.casefold() in self.lex.reporting_verbs \
                and any(c.dep_ == "aux" and c.lower_ in self.lex.future_aux | self.lex.hedge_modals
                        for c in ch[-2].children):
            content = [c for c in top.children if c.dep_ == "ccomp"]
            if content:
                return self._verb_agent(content[0], speaker)
        # "Russia accused Ukraine of carrying out strikes": the accused did it
        if len(ch) > 1 and ch[-2].dep_ == "prep" and top.lemma_.casefold() in self.lex.accusation_verbs:
            objs = [c for c in top.children if c.dep_ == "dobj"]
            if objs:
                return self.mention(objs[0], speaker=speaker)
        for c in top.children:
            if c.dep_ == "agent":
                objs = [g for g in c.children if g.dep_ == "pobj"]
                ref = self.mention(objs[0], speaker=speaker) if objs else None
                # "shortened by one hour": a measure parsed as an agent; the subject acts
                if ref is not None or not any(g.dep_ == "nsubj" for g in top.children):
                    return ref
        subj = self.subject(top, frozenset({"nsubj"}))
        if subj is not None:
            return self.mention(subj, speaker=speaker)
        subj = self.subject(top, frozenset({"nsubjpass"}))
        if subj is not None:
            controlled = len(ch) > 1 and ch[-2].dep_ == "xcomp"
            return self.mention(subj, speaker=speaker) if controlled else None
        if top.dep_ == "acl" and top.tag_ == "VBG":
            return self.mention(top.head, speaker=speaker)
        if top.dep_ == "advcl" and top.tag_ == "VBG" and top.head.i != top.i:
            return self._verb_agent(top.head, speaker)
        if top.dep_ == "amod" and top.pos_ == "ADJ":
            return self.mention(top.head, speaker=speaker)
        return None

    def _between(self, noun: Token, speaker: ActorRef | None) -> ActorRef | None:
        """First party of "a meeting (on April 25) between X and Y", however attached."""
        sent = noun.sent
        for t in self.doc[noun.i + 1: min(noun.i + 8, sent.end)]:
            if t.lower_ == "between" and t.dep_ == "prep":
                objs = [g for g in t.children if g.dep_ == "pobj"]
                return self.mention(objs[0], speaker=speaker) if objs else None
        return None

    def _noun_agent(self, noun: Token, speaker: ActorRef | None, *,
                    possessor: bool = True) -> ActorRef | None:
        if noun.dep_ == "compound" and noun.head.lemma_.casefold() in self.lex.classes.get(
                "frame_nouns", frozenset()):
            noun = noun.head  # "launched a mediation effort": the effort stands for it
        head = noun.head
        if noun.dep_ in ("dobj", "attr", "nsubjpass") and head.lemma_.casefold() in self.lex.statement_verbs:
            return self._verb_agent(head, speaker)
        if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in VERBAL:
            verb = head.head
            # "engage in talks", "we are in favour of": the verb's subject owns the noun
            if (verb.lemma_.casefold() in self.lex.light_verbs and head.lower_ in ("in", "into", "on"))\
                    or (verb.lemma_ == "be" and head.lower_ == "in"):
                return self._verb_agent(verb, speaker)
        between = self._between(noun, speaker)
        if between is not None:
            return between
        if not possessor:
            return None
        for c in noun.children:
            # "her assault": a possessive pronoun is too weak a clue to resolve
            if c.dep_ == "poss" and c.pos_ != "PRON":
                return self.mention(c, speaker=speaker)
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ in ("by", "from"):
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs:
                    ref = self.mention(objs[0], speaker=speaker)
                    if ref is not None:
                        return ref
        for c in noun.children:
            if c.i < noun.i and c.dep_ in ("amod", "compound"):
                country = self.lex.demonyms.get(c.lower_)
                actor = self.table.get(country) if country else (
                    self.table.lookup(c.text) if c.pos_ == "PROPN" else None)
                if actor is not None:
                    return _from_table(actor, c.text, c.idx, c.idx + len(c.text))
                if country:  # "Israeli air raids": a state the table does not hold yet
                    return ActorRef(country, c.text, "government", False, c.idx, c.idx + len(c.text))
        return None

    def perspective(self, tok: Token, speaker: ActorRef | None) -> ActorRef | None:
        """Whose view a speaker's judgement renders: "the offer looked, from Moscow's
        perspective, to be a trap" is Moscow's doubt, not the speaker's.

        The phrase must hang on the trigger's own clause (up to the reported verb).
        """
        t = tok
        for _ in range(6):
            for c in t.children:
                if c.dep_ != "prep" or c.lower_ != "from":
                    continue
                for noun in (g for g in c.children if g.dep_ == "pobj"):
                    if not self._is_perspective(noun):
                        continue
                    owner = [g for g in noun.children if g.dep_ == "poss"]
                    if owner:
                        return self.mention(owner[0], speaker=speaker)
            if t.dep_ in ("ccomp", "ROOT", "advcl", "relcl", "parataxis") or t.head.i == t.i:
                break
            t = t.head
        return None

    def _is_perspective(self, noun: Token) -> bool:
        after = noun.doc[noun.i + 1: noun.i + 3].text.casefold()
        for phrase in self.lex.perspective_nouns:
            head, _, rest = phrase.partition(" ")
            if noun.lemma_.casefold() == head and (not rest or after == rest):
                return True
        return False

    def agent(self, trig: Trigger, speaker: ActorRef | None) -> ActorRef | None:
        """The actor of a trigger, or None when the text does not say who."""
        tok = trig.token
        if trig.rule.actor == "speaker":
            return speaker
        # a noun mis-tagged as verb ("restated Russia's needs that ...") is still a noun
        if tok.pos_ in ("NOUN", "PROPN") or (tok.dep_ in ("dobj", "nsubjpass") and tok.tag_ != "VBG"):
            return self._noun_agent(tok, speaker, possessor=trig.rule.possessor)
        return self._verb_agent(tok, speaker)

    def _conjuncts(self, head: Token, speaker: ActorRef | None) -> list[ActorRef]:
        """Each actor of "X and Y" (known actors only; else empty; "X or Y" is neither)."""
        if any(c.dep_ == "cc" and c.lower_ not in ("and", "&") for c in head.subtree):
            return []
        heads = [head]
        for t in heads:
            heads += [c for c in t.children if c.dep_ == "conj"]
        if len(heads) < 2:
            return []
        refs = [self.mention(h, speaker=speaker) for h in heads]
        known = [r for r in refs if r is not None and r.known]
        return known if len(known) == len(heads) else []

    def members(self, trig: Trigger, speaker: ActorRef | None) -> list[ActorRef]:
        """Every actor of a coordinated subject ("Kaldoria and Lusavia agreed"), else [].

        "the leaders of X and Y" are the title holders of X and of Y when the
        table knows exactly one each, else X and Y themselves.
        """
        tok = trig.token
        if tok.pos_ not in VERBAL and tok.pos_ != "ADJ":
            return []
        top = chain(tok)[-1]
        head = self.subject(top, frozenset({"nsubj"}))
        if head is None:
            return []
        if self._is_parties(head):
            return self.parties(head)
        direct = self._conjuncts(head, speaker)
        if direct:
            return direct
        title = head.lemma_.casefold()
        of = [c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"]
        objs = [g for g in of[0].children if g.dep_ == "pobj"] if of else []
        if title not in self.lex.title_nouns or head.tag_ != "NNS" or not objs:
            return []
        states = self._conjuncts(objs[0], speaker)
        return [self.title_holder(title, st.canonical) or st for st in states]

    def describes_speaker(self, tok: Token) -> bool:
        """True for a relative clause on the subject of a reporting verb.

        "one official who met with top Russians, told the NYT": the meeting
        describes the source, it is not the news.
        """
        top = chain(tok)[-1]
        if top.dep_ not in ("relcl", "acl"):
            return False
        noun = top.head
        return noun.dep_ == "nsubj" and noun.head.lemma_.casefold() in self.lex.reporting_verbs

    def frame_speaker(self, tok: Token) -> ActorRef | None:
        """Subject of the nearest reporting verb above ``tok`` in its sentence."""
        t = tok
        while t.head.i != t.i:
            t = t.head
            if t.lemma_.casefold() in self.lex.reporting_verbs and t.pos_ in VERBAL:
                subj = self.subject(t, frozenset({"nsubj"}))
                if subj is not None:
                    return self.mention(subj)
        return None
