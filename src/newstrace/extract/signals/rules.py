"""Signal extractor: positions, intentions and acts reported for an actor.

One pass over the sentences of a parsed document. Each component lives in its
own module and reads its cues from ``data/extract/en/signals.toml`` and
``topics.toml``:

- ``signal_types``    triggers and their type (lexicon + dependency patterns)
- ``signal_actor``    whose signal it is (subject, agent, possessor; pronouns)
- ``signal_polarity`` negation, hedging, negation turning into rejection
- ``signal_span``     the evidence clause
- ``signal_topics``   topic keywords
- ``signal_when``     attached time expression
- ``signal_source``   the attribution whose account it is
- ``signal_conditions`` what the actor ties the position to (``conditions.toml``)
- ``signal_certainty``  how firmly it is stated (``certainty.toml``)
- ``signal_dateline`` datelines glued to a paragraph ("KYIV (AP) —"): no actor, no evidence

Conventions of the gold data applied here: a speaker talking about the body he
speaks for ("Putin said Russia would ...", "his government would ...") is the
actor himself, and so is one announcing what another body of his state will do
("Putin said Russian troops would stay"); a stated future use of force by the
actor is a threat; a stated intention with a condition ("would enter talks only
if ...") is also a demand of that condition; a coordinated subject ("X and Y
agreed") gives one signal per actor.

Extended types (issue 5): beyond the gold vocabulary, acts reported as done
(accuse, investigate, protest, sanction, coerce, retreat, support, mobilize,
cooperate; ``records.EXTENDED_SIGNAL_TYPES``) come from the same lexicon, and a
common noun naming a group ("police", "rebels", "Israeli tanks") is an actor
kept as written (``[actor.groups]`` in ``signals.toml``).

Requirements (issue 6): an act refused or found hard unless a requirement is met
("cannot agree to a truce without guarantees", "would find it hard to halt the
war without guarantees") is the actor's demand of that requirement; a demand set
against an intention with "but" ("we are in favour of a truce, but we need
guarantees") is that intention's condition. A bare quoted paragraph continues
the speaker of the paragraph before, and an unknown speaker referred back to
("the source", "they") keeps the state of his first mention ("a senior Russian
source"), so that his "we" is that state.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from spacy.tokens import Span, Token

from newstrace import ids
from newstrace.extract.signals.actor import ActorRef, ActorResolver
from newstrace.extract.signals.certainty import certainty_of
from newstrace.extract.signals.conditions import conditions_for, merge_conditions
from newstrace.extract.signals.lexicon import Lexicon, lexicon
from newstrace.extract.signals.polarity import is_advice, is_future, is_negated, polarity
from newstrace.extract.signals.source import link_attribution, source_of, speaker_ref
from newstrace.extract.signals.span import evidence_span
from newstrace.extract.signals.syntax import chain
from newstrace.extract.signals.topics import refine, topics_for
from newstrace.extract.signals.types import Trigger, find_triggers, is_hard, restricted
from newstrace.extract.signals.when import TimedToken, attach_time, time_roots
from newstrace.knowledge import actors
from newstrace.nlp import ParsedDocument
from newstrace.records import TOPICS, Attribution, Polarity, Signal

_CONTEXT_SENTENCES = 2


def _antecedent_text(trig: Trigger) -> str:
    """Words of the noun a relative clause trigger refers back to ("an initiative ...")."""
    t = chain(trig.token)[-1]
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    if t.dep_ not in ("relcl", "acl"):
        return ""
    noun = t.head
    start = noun.left_edge.i
    if noun.dep_ in ("appos", "npadvmod", "dep"):
        # "a truce, an initiative Kyiv has accepted": the apposed noun before it
        start = max(noun.sent.start, start - 8)
    return str(noun.doc[start: noun.i + 1].text)


def named_ref(ref: ActorRef | None, resolver: ActorResolver) -> ActorRef | None:
    if ref is None or ref.known:
        return ref
    return replace(ref, canonical=resolver.plain_name(ref.canonical))


def speaks_for(speaker: ActorRef | None, actor: ActorRef, *, stated: bool) -> bool:
    """True when ``speaker`` talks about a body it belongs to (Putin about Russia).

    A stated intention of another body of the speaker's state ("Putin said
    Russian troops would stay") is his position too; a past act of it is not.
    """
    if speaker is None or not speaker.known or not actor.known or actor.kind == "person":
        return False
    table = actors()
    above = table.ancestors(speaker.canonical)
    if actor.canonical in above:
        return True
    if not stated or not above:
        return False
    return above[-1] in table.ancestors(actor.canonical)


def _advises_self(trig: Trigger, actor: ActorRef, resolver: ActorResolver) -> bool:
    """"We must be ready", "Russia must respond, Putin said": an exhortation, no demand.

    So is a "must" whose subject is no actor ("the rules must be clear"). A
    pronoun subject ("he must prove", "they must fight", "it must be borne in
    mind") is left out too: whom it stands for is too uncertain to demand of.
    """
    subj = resolver.subject(trig.token)
    if subj is None or subj.pos_ == "PRON":
        return True
    ref = resolver.mention(subj, speaker=actor)
    if ref is None:
        return True  # "the principles must be valid": no one is asked for anything
    return ref.canonical == actor.canonical or speaks_for(actor, ref, stated=True)


def _is_negated(trig: Trigger, lex: Lexicon) -> bool:
    """The trigger's own predicate is negated ("will not negotiate", "not willing to")."""
    typ, pol = polarity(trig, lex)
    return pol == "negative" or (typ != trig.type and typ in lex.negated_type.values())


def _types(trig: Trigger, lex: Lexicon) -> list[tuple[str, Polarity]]:
    """(type, polarity) of a trigger; a condition clause adds (or makes) a demand.

    A negated or hard act with its requirement ("will not accept a truce unless
    ...", "would find it hard to agree without guarantees") is only the demand.
    """
    typ, pol = polarity(trig, lex)
    if trig.rule.restrictive and pol == "negative":
        pol = "positive"  # "will not stop the war unless ...": the negation is the demand
    cond_type = lex.condition_types.get(trig.type)
    strict = trig.type in lex.strict_types
    if cond_type is None or trig.char_span is not None or not restricted(trig.token, lex, strict=strict):
        return [(typ, pol)]
    demand: tuple[str, Polarity] = (cond_type, "hedged" if pol == "hedged" else "positive")
    if pol == "negative" or typ != trig.type or is_hard(trig.token):
        return [demand]
    return [(typ, pol), demand]


_ANAPHORIC = frozenset({"the", "they", "he", "she", "this", "that"})
_SIDE_LOOKBACK = 3


def with_side(speaker: ActorRef | None, att: Attribution | None,
               attributions: Sequence[Attribution], resolver: ActorResolver) -> ActorRef | None:
    """An unknown speaker referred back to ("the source", "they") gets the state of
    the nearest earlier speaker written with a demonym ("a senior Russian source"),
    so that his "we" is that state. The walk stops at a known speaker."""
    if speaker is None or speaker.known or att is None or resolver.side_of(speaker.text):
        return speaker
    words = speaker.text.split()
    if not words or words[0].casefold() not in _ANAPHORIC:
        return speaker
    earlier = sorted((a for a in attributions if a.start < att.start), key=lambda a: -a.start)
    for a in earlier[:_SIDE_LOOKBACK]:
        if a.speaker_canonical is not None:
            return speaker
        side = resolver.side_of(a.speaker or "")
        if side is not None:
            return replace(speaker, side=side)
    return speaker


def _fold_demands(triggers: list[Trigger], lex: Lexicon) -> tuple[list[Trigger], dict[int, Trigger]]:
    """"We are in favour of a truce, but we need guarantees": the demand set against an
    intention ("but", "yet") is the intention's condition, not a signal of its own."""
    folded: dict[int, Trigger] = {}
    gone: set[int] = set()
    for a in triggers:
        if a.type not in lex.condition_types or a.char_span is not None:
            continue
        top = chain(a.token)[-1]
        for b in triggers:
            if b is a or id(b) in gone or b.type != lex.condition_types[a.type]:
                continue
            t = chain(b.token)[-1]
            if t.dep_ != "conj" or t.head.i != top.i or not any(
                c.dep_ == "cc" and c.lower_ in lex.contrast_conj and top.i < c.i < t.i
                for c in top.children
            ):
                continue
            if not _same_subject(top, t):
                continue  # "Russia is ready to talk, but Ukraine demands ...": two positions
            folded[id(a)] = b
            gone.add(id(b))
            break
    return [t for t in triggers if id(t) not in gone], folded


def _same_subject(first: Token, second: Token) -> bool:
    """The second clause has no subject, the same word, or a pronoun for the first's."""
    subj = [c for c in second.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subj:
        return True
    own = [c for c in first.children if c.dep_ in ("nsubj", "nsubjpass")]
    return subj[0].pos_ == "PRON" or bool(own and own[0].lower_ == subj[0].lower_)


def _build(trig: Trigger, sent: Span, parsed: ParsedDocument, attributions: Sequence[Attribution],
           resolver: ActorResolver, times: list[TimedToken], lex: Lexicon,
           context: tuple[str, ...] = (), folded: Trigger | None = None) -> list[Signal]:
    tok = trig.token
    advice = trig.rule.mode == "advice"
    if resolver.describes_speaker(tok) or (not advice and is_advice(trig, lex)):
        return []
    if trig.rule.negation == "drop" and trig.char_span is None and is_negated(trig, lex):
        return []  # "no doubt", "can't disagree": a negated doubt doubts nothing
    att = link_attribution(tok.idx, tok.idx + len(tok.text), attributions, text=parsed.text)
    speaker = resolver.frame_speaker(tok) or with_side(
        named_ref(speaker_ref(att), resolver), att, attributions, resolver)
    actor = resolver.agent(trig, speaker)
    if trig.rule.actor == "speaker":
        actor = resolver.perspective(tok, speaker) or actor
    if actor is None or (advice and _advises_self(trig, actor, resolver)):
        return []
    future = is_future(trig, lex)
    group = resolver.members(trig, speaker) if trig.rule.actor != "speaker" else []
    if not group and speaks_for(speaker, actor, stated=future) and speaker is not None:
        actor = speaker
    out: list[Signal] = []
    negated = _is_negated(trig, lex) or is_hard(tok)
    types = _types(trig, lex)
    if trig.type in lex.strict_types and any(t != trig.type and t in lex.condition_types.values()
                                             for t, _ in types):
        # a demand of a requirement only when one is named ("could not accept her
        # diploma without showing support" asks for nothing): else the act as it is
        made = make_signal(trig, types[-1][0], types[-1][1], actor, att, sent, parsed, resolver,
                       times, lex, negated=negated, context=context)
        if not _names_requirement(made):
            types = [polarity(trig, lex)]
    for typ, pol in types:
        if trig.rule.future_type and future:
            forecast = speaker is None or actor.canonical != speaker.canonical
            if forecast and trig.rule.future_speaker != "any":
                return []  # a forecast of someone's act is not a signal
            typ = trig.rule.future_type
        for who in group or [actor]:
            out.append(make_signal(trig, typ, pol, who, att, sent, parsed, resolver, times, lex,
                               negated=negated, context=context,
                               folded=folded if typ == trig.type else None))
    if trig.rule.restrictive:
        out = [s for s in out if _names_requirement(s)]
    return out


def _names_requirement(s: Signal) -> bool:
    """A condition is named: something required, or something to be given up."""
    return any(c.state != "none" for c in s.conditions)


def make_signal(trig: Trigger, typ: str, pol: Polarity, actor: ActorRef, att: Attribution | None,
            sent: Span, parsed: ParsedDocument, resolver: ActorResolver, times: list[TimedToken],
            lex: Lexicon, *, negated: bool = False, context: tuple[str, ...] = (),
            folded: Trigger | None = None) -> Signal:
    tok = trig.token
    start, end = evidence_span(trig, actor, sent, lex)
    if folded is not None:
        start, end = min(start, folded.token.idx), max(end, evidence_span(folded, actor, sent, lex)[1])
    start = resolver.datelines.clip(start, tok.idx)
    while start < end and parsed.text[start].isspace():
        start += 1
    text = parsed.text
    scope = _without_reasons(sent, lex) if trig.rule.topic_scope == "sentence" else text[start:end]
    # a denial or doubt with no topic of its own is about the claim said before it;
    # other types look no further than their sentence
    wider = (sent.text,) if trig.rule.topic_scope != "sentence" else context
    # a promise or threat made of an act ("will send grain") is about what the act is about
    topic_type = trig.type if typ == trig.rule.future_type else typ
    made = typ != trig.type and lex.condition_types.get(trig.type) == typ
    strict = trig.type in lex.strict_types
    topics = topics_for(topic_type, scope, _antecedent_text(trig), wider=wider)
    when = attach_time(trig, sent, times, parsed.dated.published, lex)
    source = source_of(att, parsed.text, tok.idx)
    return Signal(
        id=ids.item_id("signal", parsed.doc_id, start, end, actor.canonical, typ),
        start=start,
        end=end,
        actor=actor.canonical,
        actor_text=actor.text,
        actor_kind=actor.kind,
        type=typ,
        topics=topics,
        polarity=pol,
        when=when,
        source=source,
        attribution_id=att.id if att is not None else None,
        sentence_start=sent.start_char,
        sentence_end=sent.end_char,
        # a demand made of another act's requirement asks for the requirement, not the act
        conditions=merge_conditions(
            conditions_for(tok, sent, signal_type=trig.type if made else typ,
                           topics=topics, negated=negated, polarity=pol,
                           content=not (trig.rule.restrictive or (made and strict))),
            () if folded is None else conditions_for(
                folded.token, sent, signal_type=folded.type, topics=topics, negated=False)),
        certainty=certainty_of(tok, sent, actor=actor.canonical, att=att, source=source),
    )


def _without_reasons(sent: Span, lex: Lexicon) -> str:
    """The sentence less its reason clauses: "a trap because Putin would need guarantees"
    doubts the offer; the guarantees are the reason (and Putin's own signal)."""
    cut: set[int] = set()
    for t in sent:
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in lex.reason_marks
                                     for c in t.children):
            cut.update(x.i for x in t.subtree)
    return "".join(t.text_with_ws if t.i not in cut else " " for t in sent)


def _merge(signals: list[Signal], doc_id: str) -> list[Signal]:
    """One signal per actor, type, source and sentence ("drop X and even abandon Y")."""
    out: list[Signal] = []
    index: dict[tuple[str, str, str, int], int] = {}
    for s in signals:
        key = (s.actor, s.type, s.attribution_id or "", s.sentence_start)
        if key not in index:
            index[key] = len(out)
            out.append(s)
            continue
        first = out[index[key]]
        start, end = min(first.start, s.start), max(first.end, s.end)
        topics = refine(first.type, tuple(t for t in TOPICS if t in first.topics or t in s.topics))
        out[index[key]] = replace(
            first, start=start, end=end, topics=topics, when=first.when or s.when,
            conditions=merge_conditions(first.conditions, s.conditions),
            id=ids.item_id("signal", doc_id, start, end, first.actor, first.type),
        )
    return out


def extract_signals(parsed: ParsedDocument, attributions: Sequence[Attribution]) -> Iterator[Signal]:
    """Signals of one document, in text order."""
    lex = lexicon()
    doc = parsed.doc
    resolver = ActorResolver(doc, lex)
    times = time_roots(doc, parsed.dated.times)
    built: list[Signal] = []
    sents = list(doc.sents)
    for n, sent in enumerate(sents):
        # earlier sentences, nearest first: what "this is a wrong report" denies is said before
        context = tuple(s.text for s in sents[max(0, n - _CONTEXT_SENTENCES): n][::-1])
        triggers, folded = _fold_demands(find_triggers(sent, lex), lex)
        for trig in triggers:
            built += _build(trig, sent, parsed, attributions, resolver, times, lex, context,
                            folded.get(id(trig)))
    yield from _merge(built, parsed.doc_id)
