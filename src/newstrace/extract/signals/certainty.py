"""How firmly a signal is stated: confirmed, reported, signalled or speculative.

Read from three things, in this order (``data/extract/en/certainty.toml``): a
third party's reading or a possibility above the signal ("Trump thinks Putin
is serious", "it could be an attempt") makes it speculative; a verb of
signalling or a phrase of indirect channels ("signalled through
intermediaries") makes it signalled; otherwise the linked attribution decides,
through its source (outlet, anonymous, relayed) and its cue's force.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from newstrace.extract.attribution.cues import cue_lexicon
from newstrace.extract.signals.syntax import is_relative
from newstrace.knowledge.datafiles import load_toml
from newstrace.records import Attribution, SignalSource

CERTAINTIES = ("confirmed", "reported", "signalled", "speculative")
_BOUNDARY = frozenset({"relcl", "advcl", "parataxis", "acl", "appos"})


@dataclass(frozen=True, slots=True)
class CertaintyTable:
    reading_lemmas: frozenset[str]
    modals: frozenset[str]
    modal_heads: frozenset[str]
    copula_with_noun: bool
    signal_lemmas: frozenset[str]
    signal_phrases: re.Pattern[str] | None
    force: dict[str, str]
    source: dict[str, str]


def _check(value: object, where: str) -> str:
    if value not in CERTAINTIES:
        raise ValueError(f"certainty.toml: unknown certainty {value!r} in {where}")
    return str(value)


def _words(values: Iterable[object] | None) -> frozenset[str]:
    return frozenset(str(v).casefold() for v in (values or ()))


@functools.lru_cache(maxsize=1)
def certainty_table() -> CertaintyTable:
    data = load_toml("extract/en/certainty.toml")
    spec = data.get("speculative", {})
    sig = data.get("signalled", {})
    phrases = list(sig.get("phrases", ()))
    return CertaintyTable(
        reading_lemmas=_words(spec.get("lemmas")),
        modals=_words(spec.get("modals")),
        modal_heads=_words(spec.get("modal_heads")),
        copula_with_noun=bool(spec.get("copula_with_noun", True)),
        signal_lemmas=_words(sig.get("lemmas")),
        signal_phrases=(
            re.compile(r"(?<![\w-])(?:" + "|".join(phrases) + r")(?![\w-])", re.I) if phrases else None
        ),
        force={str(k): _check(v, f"force.{k}") for k, v in dict(data.get("force", {})).items()},
        source={str(k): _check(v, f"source.{k}") for k, v in dict(data.get("source", {})).items()},
    )


def _above(tok: Token) -> list[Token]:
    """The predicates above the trigger, nearest first, within its own clause chain.

    Complement clauses lead up to their frame ("Trump says he thinks Putin is
    serious"); relative, adverbial, loose and coordinated clauses with their own
    subject say something else, and the walk stops there.
    """
    out: list[Token] = []
    t = tok
    while t.head.i != t.i:
        if (t.dep_ in _BOUNDARY and (t.dep_ != "relcl" or is_relative(t))) or (t.dep_ == "conj" and any(
            c.dep_ in ("nsubj", "nsubjpass") for c in t.children
        )):
            break
        t = t.head
        out.append(t)
    return out


def _possible(t: Token, table: CertaintyTable) -> bool:
    if not any(c.dep_ == "aux" and c.lower_ in table.modals for c in t.children):
        return False
    lemma = t.lemma_.casefold()
    if lemma in table.modal_heads:
        return True
    return table.copula_with_noun and lemma == "be" and any(c.dep_ == "attr" for c in t.children)


def _frame_phrase(trigger: Token, sent: Span, above: list[Token], rx: re.Pattern[str]) -> bool:
    """A phrase of ``rx`` in the sentence that hangs on the trigger or a predicate above it."""
    frame = {t.i for t in above} | {trigger.i}
    doc = sent.doc
    for m in rx.finditer(sent.text):
        span = doc.char_span(sent.start_char + m.start(), sent.start_char + m.end(),
                             alignment_mode="expand")
        if span is not None and any(t.i in frame or t.head.i in frame for t in span):
            return True
    return False


def _speaker_is_actor(att: Attribution | None, actor: str) -> bool:
    return att is not None and att.speaker_canonical == actor


def certainty_of(trigger: Token, sent: Span, *, actor: str, att: Attribution | None,
                 source: SignalSource) -> str:
    """Certainty of the signal whose trigger is ``trigger`` (see the module docstring)."""
    table = certainty_table()
    above = _above(trigger)
    if not _speaker_is_actor(att, actor) and any(
        t.lemma_.casefold() in table.reading_lemmas for t in above
    ):
        return "speculative"
    if any(_possible(t, table) for t in (trigger, *above)):
        return "speculative"
    if any(t.lemma_.casefold() in table.signal_lemmas for t in above):
        return "signalled"
    if table.signal_phrases is not None and _frame_phrase(trigger, sent, above, table.signal_phrases):
        return "signalled"
    if att is None:
        return table.source.get("none", "reported")
    if att.speaker_kind == "media" or source.kind == "reported":
        return table.source.get("media", "reported")
    if not att.named or source.kind == "anonymous":
        return table.source.get("anonymous", "reported")
    if att.via:
        return table.source.get("via", "reported")
    force = att.force if att.force != "neutral" else cue_lexicon().force(att.cue)
    if force == "hedged" and not _speaker_is_actor(att, actor):
        return table.force.get("hedged_other", "speculative")
    return table.force.get(force, "confirmed")
