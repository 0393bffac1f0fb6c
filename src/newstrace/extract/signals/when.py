"""When a signal happened, from the time expressions the date stage resolved.

A time expression dates a signal when it hangs on the signal's predicate chain
through non-clausal links only ("met ... on Tuesday", "Since ... in February
2022, Moscow has seized"). A time on the verb that reports the signal
("Reuters reported in November that ...") dates it only when it lies well
before publication; a recent one is the news peg, i.e. publication time, and
gives None. A time fronted before the subject of a coordination ("Since last
September, Putin has been looking to stop ..., and he may even be willing
to ...") scopes over every conjunct, unless a conjunct has a time of its own.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Span, Token

from newstrace.extract.signals.lexicon import Lexicon
from newstrace.extract.signals.syntax import CLAUSAL, VERBAL, chain
from newstrace.extract.signals.types import Trigger
from newstrace.records import PublishedDate, TimeExpression, When

TimedToken = tuple[TimeExpression, Token]


def time_roots(doc: Doc, times: tuple[TimeExpression, ...]) -> list[TimedToken]:
    """Each time expression with the root token of its span (unalignable ones dropped)."""
    out: list[TimedToken] = []
    for te in times:
        span = doc.char_span(te.start, te.end, alignment_mode="expand")
        if span is not None and len(span):
            out.append((te, span.root))
    return out


def _attached(root: Token, targets: set[int]) -> bool:
    t = root
    for _ in range(12):
        if t.i in targets:
            return True
        if t.dep_ in CLAUSAL or t.head.i == t.i:
            return False
        t = t.head
    return False


def _parse(value: str) -> tuple[int, int | None, int | None] | None:
    parts = value.split("-")
    try:
        nums = [int(p) for p in parts]
    except ValueError:
        return None
    if not nums:
        return None
    return nums[0], nums[1] if len(nums) > 1 else None, nums[2] if len(nums) > 2 else None


def _well_before(te: TimeExpression, published: PublishedDate, min_days: int) -> bool:
    if te.value is None:
        # an unresolved month or year ("in November") is rarely the news peg
        return te.precision in ("month", "year")
    if published.value is None:
        return False
    t, p = _parse(te.value), _parse(published.value)
    if t is None or p is None:
        return False
    if t[2] is not None and p[1] is not None and p[2] is not None and t[1] is not None:
        return (date(p[0], p[1], p[2]) - date(t[0], t[1], t[2])).days >= min_days
    if t[1] is not None and p[1] is not None:
        return (t[0], t[1]) < (p[0], p[1])
    return t[0] < p[0]


def _predicate(trig: Trigger) -> list[Token]:
    tok = trig.token
    tokens = chain(tok)
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "attr") and tok.head.pos_ in VERBAL:
        tokens = [tok, *chain(tok.head)]
    return tokens


def _conj_heads(tok: Token) -> list[Token]:
    """The predicates a coordinated predicate is a conjunct of, nearest first."""
    out: list[Token] = []
    t = tok
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
        out.append(t)
    return out


def _fronted(root: Token, head: Token) -> bool:
    """The time stands before ``head``'s subject: it opens the whole coordination."""
    return root.i < head.i and any(
        c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i > root.i for c in head.children
    )


def attach_time(trig: Trigger, sent: Span, times: list[TimedToken],
                published: PublishedDate, lex: Lexicon) -> When | None:
    local = [(te, root) for te, root in times if sent.start <= root.i < sent.end]
    if not local:
        return None
    pred = _predicate(trig)
    targets = {t.i for t in pred}
    for te, root in local:
        if _attached(root, targets):
            return When(value=te.value, precision=te.precision, evidence=te.text)
    for head in _conj_heads(pred[-1]):
        for te, root in local:
            if _attached(root, {head.i}) and _fronted(root, head):
                return When(value=te.value, precision=te.precision, evidence=te.text)
    t = pred[-1]
    while t.head.i != t.i:
        t = t.head
        if t.lemma_.casefold() in lex.reporting_verbs:
            for te, root in local:
                if _attached(root, {t.i}) and _well_before(te, published, lex.report_time_min_days):
                    return When(value=te.value, precision=te.precision, evidence=te.text)
            break
    return None
