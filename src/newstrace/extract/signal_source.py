"""Whose account a signal is: the attribution it lies in, and the source it gives.

A signal is sourced by the attribution whose content span holds its trigger
(the tightest one), else by an attribution whose cue is in the same sentence.
The source kind follows the attribution: a named non-media speaker is on
record, an unnamed one anonymous, an outlet's own report (or no attribution)
is "reported".
"""

from __future__ import annotations

from collections.abc import Sequence

from newstrace.extract.cues import cue_lexicon
from newstrace.extract.signal_actor import ActorRef
from newstrace.knowledge import actors, outlets
from newstrace.records import Attribution, SignalSource

REPORTED = SignalSource(kind="reported", by=None, via=None)


def link_attribution(start: int, end: int, attributions: Sequence[Attribution]) -> Attribution | None:
    """The attribution that covers the trigger at ``start:end`` (document offsets)."""
    inside = [
        a for a in attributions
        if a.content_start is not None and a.content_end is not None
        and a.content_start <= start and end <= a.content_end
    ]
    if inside:
        return min(inside, key=lambda a: (a.content_end or 0) - (a.content_start or 0))
    same = [a for a in attributions if a.sentence_start <= start < a.sentence_end]
    cue = [a for a in same if a.start <= start < a.end]
    if cue:
        return cue[0]
    # a delimited content that does not hold the trigger says the trigger is not its
    open_ended = [a for a in same if a.content_start is None]
    if not open_ended:
        return None
    return min(open_ended, key=lambda a: abs(a.start - start))


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
