"""Whose account a signal is: the attribution it lies in, and the source it gives.

A signal is sourced by the attribution whose cue span holds its trigger (the
signal is that speaker's act: "other Western leaders disagree"), unless that
attribution is itself reported inside another one's content; else by the
tightest attribution whose content holds the trigger, else by an attribution
whose cue is in the same sentence, else (given the text) by the one speaker
of a sentence whose quotation holds the trigger. An act of speaking that is
itself reported inside another attribution ("the Kremlin confirmed that Putin
has expressed willingness") is the outer speaker's account.

The source kind follows the attribution: a named non-media speaker is on
record, an unnamed one anonymous, an outlet's own report (or no attribution)
is "reported". A speaker's own act told in the perfect as background ("Trump
has called for a ceasefire", "Russia has sent peace overtures") is the
outlet's summary, hence "reported" (``data/extract/en/signal_source.toml``).
Hand-written: no library links reported speech to the events inside it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from newstrace.extract.attribution.cues import cue_lexicon
from newstrace.extract.signals.actor import ActorRef
from newstrace.knowledge import actors, outlets
from newstrace.knowledge.datafiles import load_toml
from newstrace.records import Attribution, SignalSource

REPORTED = SignalSource(kind="reported", by=None, via=None)
_WORD = re.compile(r"[\w'’]+|[^\w\s]")


@dataclass(frozen=True, slots=True)
class SourceRules:
    background_aux: frozenset[str]
    clause_openers: frozenset[str]
    quote_marks: frozenset[str]
    clause_verbs: frozenset[str] = frozenset()
    clause_window: int = 4
    embed_gap: int = 6
    trail_gap: int = 3


@functools.lru_cache(maxsize=1)
def source_rules() -> SourceRules:
    data = load_toml("extract/en/signal_source.toml")
    bg = data.get("background", {})
    return SourceRules(
        background_aux=frozenset(str(w).casefold() for w in bg.get("aux", ())),
        clause_openers=frozenset(str(w).casefold() for w in bg.get("clause_openers", ())),
        quote_marks=frozenset(str(w) for w in data.get("quote", {}).get("marks", ())),
        clause_verbs=frozenset(str(w).casefold() for w in bg.get("clause_verbs", ())),
        clause_window=int(bg.get("clause_window", 4)),
        embed_gap=int(data.get("embedding", {}).get("max_gap_chars", 6)),
        trail_gap=int(data.get("embedding", {}).get("max_trail_gap_chars", 3)),
    )


def _extent(a: Attribution) -> tuple[int, int]:
    lo = min(a.start, a.content_start if a.content_start is not None else a.start)
    hi = max(a.end, a.content_end if a.content_end is not None else a.end)
    return lo, hi


def _holds(outer: Attribution, inner: Attribution) -> bool:
    """``inner`` (cue and content) lies inside ``outer``'s content.

    ``inner`` must lie wholly before the outer cue ("Lusavia demanded ...,
    officials said") or open the content after it ("the Kremlin confirmed that
    Putin has expressed ..."). One that runs into the outer cue ("Moscow
    claimed ... and bloggers said ...") or starts deep into its content ("X
    said ..., but others have expressed ...") is a clause of its own that an
    over-long content span swallowed.
    """
    if outer is inner or outer.content_start is None or outer.content_end is None:
        return False
    lo, hi = _extent(inner)
    if not (outer.content_start <= lo and hi <= outer.content_end):
        return False
    if hi <= outer.start and (
        outer.content_end <= outer.end or outer.start - hi <= source_rules().trail_gap
    ):
        # "Lusavia demanded ..., officials said": the outer cue trails it. A content
        # running on past the cue as well must end right before it ("X calls on Y,
        # the ambassador said in his message ..."), not at "and" ("X claimed ... and
        # bloggers said ...")
        return True
    if inner.content_start is not None and inner.content_start < inner.start:
        return False  # "..., though others disagree": a reaction to what precedes, not embedded
    if lo - outer.content_start > source_rules().embed_gap:
        return False  # "X said ..., but others have expressed ...": a clause of its own
    return outer.end <= lo


def _object_cue(att: Attribution) -> bool:
    """The cue takes what is said as its object ("expressed willingness", "called for")."""
    verb = cue_lexicon().verb(att.cue.split()[0]) if att.cue else None
    return verb is not None and (verb.object == "content" or verb.particle is not None)


def _nominal_content(att: Attribution, text: str) -> bool:
    """The content is the cue's object noun phrase, not a clause the speaker says."""
    if att.content_start is None or att.content_end is None or not _object_cue(att):
        return False
    if att.content_start < att.start:  # content before the cue ("..., officials said"): a clause
        return False
    rules = source_rules()
    words = [w.casefold() for w in _WORD.findall(text[att.content_start : att.content_end])]
    head = words[: rules.clause_window]
    return bool(words) and words[0] not in rules.clause_openers and not rules.clause_verbs & set(head)


def _predicate_start(att: Attribution, text: str) -> int:
    """Where the words after the speaker begin in the attribution's span."""
    span = text[att.start : att.end]
    if att.speaker and att.speaker in span:
        return att.start + span.index(att.speaker) + len(att.speaker)
    return att.start


def _words_between(text: str, lo: int, hi: int) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text[lo:hi])]


def _self_act(att: Attribution, text: str, at: int) -> bool:
    """The trigger is the speaker's act of speaking itself, or the cue's object.

    In the span it must be the speaker's own predicate ("Russia has sent peace
    overtures and expressed"), not inside a clause it opens ("Germany has
    declared that it is prepared ..., arguing").
    """
    lo = _predicate_start(att, text)
    if lo <= at < att.end:
        return not source_rules().clause_openers & set(_words_between(text, lo, at))
    return (
        att.content_start is not None and att.content_end is not None
        and att.content_start <= at < att.content_end and _nominal_content(att, text)
    )


def _background(att: Attribution, text: str, at: int) -> bool:
    """The act is told in the perfect ("has called for", "has sent ... and expressed")."""
    hi = min(at, att.end)
    return bool(source_rules().background_aux & set(_words_between(text, _predicate_start(att, text), hi)))


def _quoted(text: str, at: int, lo: int) -> bool:
    """An odd number of double quotation marks between the sentence start and ``at``."""
    marks = source_rules().quote_marks
    return sum(1 for ch in text[lo:at] if ch in marks) % 2 == 1


def link_attribution(start: int, end: int, attributions: Sequence[Attribution],
                     *, text: str | None = None) -> Attribution | None:
    """The attribution that covers the trigger at ``start:end`` (document offsets).

    ``text`` (the document text) lets a quotation in a sentence with one speaker
    be linked to that speaker even when the content span stops short of it, and
    tells a cue's object ("expressed willingness") from a clause it introduces;
    without it any content after an object-taking cue counts as its object.
    """
    inside = [
        a for a in attributions
        if a.content_start is not None and a.content_end is not None
        and a.content_start <= start and end <= a.content_end
    ]
    cue_of = [a for a in attributions if a.start <= start < a.end]
    if cue_of:
        own = cue_of[0]
        outer = [a for a in inside if _holds(a, own)]
        if not outer:
            return own
        return min(outer, key=lambda a: (a.content_end or 0) - (a.content_start or 0))
    if inside:
        best = min(inside, key=lambda a: (a.content_end or 0) - (a.content_start or 0))
        nominal = (_nominal_content(best, text) if text is not None
                   else _object_cue(best) and (best.content_start or 0) >= best.start)
        if nominal:
            outer = [a for a in inside if _holds(a, best)]
            if outer:
                return min(outer, key=lambda a: (a.content_end or 0) - (a.content_start or 0))
        return best
    same = [a for a in attributions if a.sentence_start <= start < a.sentence_end]
    # a delimited content that does not hold the trigger says the trigger is not its
    open_ended = [a for a in same if a.content_start is None]
    if open_ended:
        return min(open_ended, key=lambda a: abs(a.start - start))
    speakers = {a.speaker_canonical or a.speaker for a in same}
    if text is not None and len(speakers) == 1 and _quoted(text, start, same[0].sentence_start):
        return same[0]
    return None


def source_of(att: Attribution | None, text: str | None = None, at: int | None = None) -> SignalSource:
    """Source of a signal whose trigger starts at ``at`` and lies in ``att``."""
    if att is None:
        return REPORTED
    if (
        text is not None and at is not None and att.content_start is not None
        and att.content_start <= at and at >= att.end
        and cue_lexicon().force(att.cue) == "denying"
    ):
        return _denied_claim_source(att, text, at)
    if att.speaker_kind == "media":
        outlet = outlets().lookup(att.speaker or "") if att.speaker else None
        via = att.speaker_canonical or (outlet.name if outlet else None) or att.speaker
        return SignalSource(kind="reported", by=att.speaker, via=via)
    if text is not None and at is not None and _self_act(att, text, at) and _background(att, text, at):
        return REPORTED
    if att.named:
        return SignalSource(kind="on_record", by=att.speaker_canonical or att.speaker, via=att.via)
    return SignalSource(kind="anonymous", by=att.speaker, via=att.via)


def _denied_claim_source(att: Attribution, text: str, at: int) -> SignalSource:
    """The content of a denial is the claim denied, not the denier's position.

    "The Kremlin denied a Bloomberg report that Putin …": the claim rests on
    Bloomberg's report, so it is sourced as reported by the outlet named between
    the cue and the content; with no outlet named it is simply reported.
    """
    window = text[att.start : at]
    found = [o for _s, _e, o in outlets().find_all(window)]
    if found:
        name = found[-1].name
        return SignalSource(kind="reported", by=name, via=name)
    return REPORTED


def speaker_ref(att: Attribution | None) -> ActorRef | None:
    """The attribution's speaker as an actor (media outlets are not actors here)."""
    if att is None or att.speaker_kind == "media" or not (att.speaker or att.speaker_canonical):
        return None
    text = att.speaker or att.speaker_canonical or ""
    canonical = att.speaker_canonical or text
    actor = actors().get(canonical) if att.speaker_canonical else None
    if actor is not None:
        return ActorRef(actor.canonical, text, actor.kind, True, att.start, att.end)
    kind = "person" if att.speaker_kind == "person" else att.speaker_kind
    return ActorRef(canonical, text, kind, False, None, None)
