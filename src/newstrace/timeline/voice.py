"""Whose voice a signal is: the actor's own side, or a third party's opinion about the actor.

"US officials opine that the overtures do not reflect genuine willingness by
Putin" is the US officials' signal about Putin, not Putin's: it must not be
read as Putin's position nor build a shift in it. A report is a third party's
opinion when the one who voices it belongs to another side than the actor
(sides follow the alias table's ``parent`` chain: Peskov -> Kremlin -> Russia)
and the report is an assessment (speculative, hedged or voiced with a hedging
cue), or when the sentence carries no voice of its own but holds that third
party's doubt, denial or accusation. A media outlet relaying a report is not a
voice: it reports, it does not opine.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from newstrace.knowledge import actors
from newstrace.store.rows import AttributionRow, SignalRow

if TYPE_CHECKING:
    from newstrace.store.database import Store

_ASSESSING_TYPES = frozenset({"doubt", "deny", "accuse"})


def side(canonical: str) -> str:
    """The top of an actor's ``parent`` chain: everyone on one side shares it."""
    chain = actors().ancestors(canonical)
    return chain[-1] if chain else canonical


def _named_actor(text: str | None) -> str | None:
    if not text:
        return None
    found = actors().find(text)
    return found.canonical if found is not None else None


def voice(s: SignalRow, attribution: AttributionRow | None) -> str | None:
    """The known actor who voices the signal, if any (the attribution's speaker or affiliation)."""
    if attribution is not None:
        if attribution.speaker_kind == "media":
            return None
        if attribution.named:
            return attribution.speaker_canonical or _named_actor(attribution.speaker)
        for clue in (attribution.source_proximity, *attribution.source_affiliation, attribution.speaker):
            named = _named_actor(clue)
            if named:
                return named
        return None
    if s.source_kind == "on_record":
        return _named_actor(s.source_by)
    return None


def _assessment(s: SignalRow, attribution: AttributionRow | None) -> bool:
    hedged_cue = attribution is not None and attribution.force == "hedged"
    return s.certainty == "speculative" or s.polarity == "hedged" or hedged_cue


def third_party(
    s: SignalRow, attribution: AttributionRow | None, sentence_signals: Iterable[SignalRow] = ()
) -> str | None:
    """The third party whose opinion ``s`` is, or None when it is the actor's (or a plain report)."""
    own = side(s.actor)
    who = voice(s, attribution)
    if who is not None:
        return who if side(who) != own and _assessment(s, attribution) else None
    if attribution is not None or s.source_by:
        return None  # voiced, by an outlet or an unknown source: a report, not an opinion
    for other in sentence_signals:
        if other.id != s.id and other.type in _ASSESSING_TYPES and side(other.actor) != own:
            return other.actor
    return None


def third_party_map(store: Store, signals: Sequence[SignalRow]) -> dict[str, str]:
    """Signal ID -> third party, for the signals that are someone else's opinion.

    Reads the attributions and co-occurring signals of the signals' documents only.
    """
    out: dict[str, str] = {}
    by_doc: dict[str, list[SignalRow]] = {}
    for s in signals:
        by_doc.setdefault(s.doc_id, []).append(s)
    for doc_id, mine in sorted(by_doc.items()):
        atts = {a.id: a for a in store.attributions(doc_id=doc_id)}
        by_sentence: dict[str, list[SignalRow]] = {}
        for other in store.signals(doc_id=doc_id):
            by_sentence.setdefault(other.sentence, []).append(other)
        for s in mine:
            att = atts.get(s.attribution_id) if s.attribution_id else None
            who = third_party(s, att, by_sentence.get(s.sentence, ()))
            if who:
                out[s.id] = who
    return out
