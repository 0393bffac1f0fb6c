"""The evidence span of a signal: the clause or phrase that states it.

The trigger's subtree, without coordinated clauses, parenthetical or causal
side clauses that say something else, stretched left over the predicate chain
to the actor when the actor is written in the same clause ("Russia had so far
resisted"). Conditions stay in: they qualify the signal ("without
preconditions", "only if ...").
"""

from __future__ import annotations

from itertools import pairwise

from spacy.tokens import Span, Token

from newstrace.extract.signals.actor import ActorRef
from newstrace.extract.signals.lexicon import Lexicon
from newstrace.extract.signals.syntax import VERBAL, chain, clause_opening_with
from newstrace.extract.signals.types import Trigger

_EDGE = frozenset({"punct", "cc", "mark", "prep"})
_MAX_TOKENS = 60


def _kept(tok: Token, lex: Lexicon, out: set[int], *, top: bool = True) -> None:
    out.add(tok.i)
    cond = clause_opening_with([tok], lex.condition_frames)
    for c in tok.children:
        if c.dep_ in ("cc", "parataxis") and c.i > tok.i:
            continue
        if c.dep_ == "relcl" and top:
            continue
        # a coordinated clause says something else; coordinated gerunds under a
        # preposition are one phrase ("without settling terms and getting guarantees")
        if c.dep_ == "conj" and c.pos_ in VERBAL and tok.pos_ in VERBAL | {"ADJ"} \
                and tok.dep_ != "pcomp":
            continue
        if c.dep_ == "advcl" and not any(
            m.dep_ == "mark" and m.lower_ in lex.condition_marks | {"only"} for m in c.children
        ) and c.i > tok.i and (cond is None or cond.i != c.i):
            continue
        _kept(c, lex, out, top=False)


def evidence_span(trig: Trigger, actor: ActorRef, sent: Span, lex: Lexicon) -> tuple[int, int]:
    """Character offsets of the evidence in the document text."""
    if trig.char_span is not None:
        return trig.char_span
    doc = sent.doc
    tok = trig.token
    ids: set[int] = set()
    _kept(tok, lex, ids)
    own = set(ids)
    up = chain(tok)
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "attr") and tok.head.pos_ in VERBAL:
        up = [tok, *chain(tok.head)]
        if tok.head.lemma_.casefold() in lex.light_verbs:
            # "conduct talks ... on a plan": the light verb's phrases are the noun's
            for c in tok.head.children:
                if c.dep_ == "prep" and c.i > tok.i:
                    ids.update(t.i for t in c.subtree)
    for below, t in pairwise(up):
        if below.dep_ == "conj":  # a coordinated clause does not take in its partner
            break
        ids.add(t.i)
        ids.update(c.i for c in t.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < tok.i)
        strict = tuple(m for m in lex.condition_frames if m not in lex.temporal_marks)
        cond = clause_opening_with([t], strict)
        if cond is not None and cond.i > tok.i:
            # "would find it hard to accept a truce unless ...": the condition qualifies it
            ids.update(x.i for x in cond.subtree)
    if actor.start is not None and actor.end is not None and sent.start_char <= actor.start < sent.end_char:
        first = doc.char_span(actor.start, actor.end, alignment_mode="expand")
        chain_ids = {t.i for t in up}
        if first is not None and first.root.head.i in chain_ids and first.start <= min(ids) \
                and min(ids) - first.start <= 25:
            ids.update(range(first.start, first.end))
    lo, hi = min(ids), max(ids)
    if hi - lo > _MAX_TOKENS:
        lo, hi = min(own), min(max(own), min(own) + _MAX_TOKENS)
    lo = max(lo, sent.start)
    hi = min(hi, sent.end - 1)
    if doc[hi].dep_ == "case" and hi + 1 < sent.end and doc[hi + 1].left_edge.i == hi + 1:
        # never end on a possessive marker: "... and Ukraine's" takes in what is Ukraine's
        hi = min(doc[hi + 1].right_edge.i, sent.end - 1, lo + _MAX_TOKENS)
    while lo < hi and (doc[lo].dep_ in _EDGE or doc[lo].is_space) and doc[lo].i != tok.i:
        lo += 1
    while hi > lo and (doc[hi].is_punct or doc[hi].is_space) and doc[hi].i != tok.i:
        hi -= 1
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)
