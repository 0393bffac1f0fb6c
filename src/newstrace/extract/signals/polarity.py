"""Polarity of a signal: positive, negative or hedged, and the type negation gives.

Negation counts only when it hangs on the signal's own predicate chain
("Russia is not ready to negotiate"), not on a verb that reports it. Some types
turn into a rejection when negated ("did not agree", "not willing to retreat");
the lexicon says which. Hedges are modal auxiliaries, hedging adverbs and
tentative verbs between the actor and the signal ("may be willing to consider").
"""

from __future__ import annotations

from spacy.tokens import Token

from newstrace.extract.signals.lexicon import Lexicon
from newstrace.extract.signals.syntax import chain
from newstrace.extract.signals.types import Trigger
from newstrace.records import Polarity


def _predicate_tokens(trig: Trigger) -> list[Token]:
    tok = trig.token
    tokens = chain(tok)
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "attr", "pobj"):
        governor = tok.head.head if tok.dep_ == "pobj" else tok.head
        tokens = [tok, *chain(governor)]
    return tokens


def _negations(tokens: list[Token], lex: Lexicon) -> int:
    count = 0
    for t in tokens:
        if t.lemma_.casefold() in lex.negative_lemmas:
            count += 1
        for c in t.children:
            if c.dep_ == "neg" or (c.dep_ in ("advmod", "det") and c.lower_ in lex.negators):
                count += 1
            elif c.dep_ in ("nsubj", "nsubjpass") and any(
                    g.dep_ in ("preconj", "det") and g.lower_ in ("neither", "no") for g in c.children):
                count += 1  # "Neither X nor Y confirmed", "No official confirmed": the subject negates
    return count


def _hedged(tokens: list[Token], path: tuple[Token, ...], lex: Lexicon) -> bool:
    for t in (*tokens, *path):
        if t.lemma_.casefold() in lex.hedge_verbs and t.i != tokens[0].i:
            return True
    if any(c.dep_ == "amod" and c.lower_ in lex.hedge_modifiers for c in tokens[0].children):
        return True
    for t in tokens:
        for c in t.children:
            if c.dep_ == "aux" and c.lower_ in lex.hedge_modals:
                return True
            if c.dep_ == "advmod" and c.lower_ in lex.hedge_adverbs:
                return True
    return False


def is_advice(trig: Trigger, lex: Lexicon) -> bool:
    """True for "X should/must do Y": the signal is whoever gives the advice."""
    return any(c.dep_ == "aux" and c.lower_ in lex.advice_aux
               for t in _predicate_tokens(trig) for c in t.children)


def is_future(trig: Trigger, lex: Lexicon) -> bool:
    """True when the signal's predicate carries a future or intention auxiliary."""
    return any(c.dep_ == "aux" and c.lower_ in lex.future_aux
               for t in _predicate_tokens(trig) for c in t.children)


def is_negated(trig: Trigger, lex: Lexicon) -> bool:
    """The trigger's own predicate is negated, hedged or not ("can't disagree", "no doubt")."""
    return (_negations(_predicate_tokens(trig), lex) + int(trig.double_negation)) % 2 == 1


def polarity(trig: Trigger, lex: Lexicon) -> tuple[str, Polarity]:
    """(type, polarity): the type may change when negation turns it into a rejection."""
    if trig.char_span is not None or trig.rule.mode == "advice":
        # fixed phrases carry their own polarity; "X must not attack" is still a demand
        return trig.type, "positive"
    tokens = _predicate_tokens(trig)
    negated = (_negations(tokens, lex) + int(trig.double_negation)) % 2 == 1
    typ = trig.type
    if negated and typ in lex.negated_type:
        typ, negated = lex.negated_type[typ], False
    if _hedged(tokens, trig.path, lex):
        return typ, "hedged"
    return typ, "negative" if negated else "positive"
