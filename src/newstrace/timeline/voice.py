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

import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from sqlalchemy import text

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
    """The third party whose opinion ``s`` is, or None when it is the actor's (or a plain report).

    The cheap test (is it an assessment at all?) runs before any name lookup.
    """
    if attribution is not None or s.source_by:
        if not _assessment(s, attribution):
            return None  # a plain report by whoever voices it
        who = voice(s, attribution)
        if who is None:
            return None  # voiced by an outlet or an unknown source: a report, not an opinion
        return who if side(who) != side(_named_actor(s.actor) or s.actor) else None
    own: str | None = None
    for other in sentence_signals:
        if other.id == s.id or other.type not in _ASSESSING_TYPES:
            continue
        own = own or side(_named_actor(s.actor) or s.actor)  # "US officials" is the United States
        party = _named_actor(other.actor) or other.actor
        if side(party) != own:
            return party
    return None


def candidates(store: Store) -> set[str]:
    """IDs of the signals that may be a third party's opinion: assessments, and unvoiced reports
    sharing a sentence with a doubt, denial or accusation (one query, to skip the rest cheaply)."""
    kinds = ", ".join(f"'{t}'" for t in sorted(_ASSESSING_TYPES))
    sql = text(
        "SELECT s.id FROM signals s LEFT JOIN attributions a ON a.id = s.attribution_id "
        "WHERE s.certainty = 'speculative' OR s.polarity = 'hedged' OR a.force = 'hedged' "
        "OR (s.attribution_id IS NULL AND s.source_by IS NULL AND EXISTS (SELECT 1 FROM signals o "
        f"WHERE o.doc_id = s.doc_id AND o.sentence_start = s.sentence_start AND o.id != s.id "
        f"AND o.type IN ({kinds})))")
    with store.engine.connect() as conn:
        return {r[0] for r in conn.execute(sql)}


def _chunks(items: list[str], size: int = 400) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def third_party_map(store: Store, signals: Sequence[SignalRow]) -> dict[str, str]:
    """Signal ID -> third party, for the signals that are someone else's opinion.

    Two bulk reads (the signals' attributions, and the other signals of their
    documents) instead of one query per document: a timeline must stay fast.
    """
    from newstrace.store.rows import AttributionRow as _Att

    att_ids = sorted({s.attribution_id for s in signals if s.attribution_id})
    doc_ids = sorted({s.doc_id for s in signals if not s.attribution_id and not s.source_by})
    atts: dict[str, AttributionRow] = {}
    by_sentence: dict[tuple[str, str], list[SignalRow]] = {}
    with store.engine.connect() as conn:
        for chunk in _chunks(att_ids):
            marks = ", ".join(f":i{n}" for n in range(len(chunk)))
            sql = ("SELECT id, doc_id, speaker, speaker_canonical, speaker_kind, named, force, "
                   "source_affiliation_json, source_proximity FROM attributions "
                   f"WHERE id IN ({marks})")
            for r in conn.execute(text(sql), {f"i{n}": v for n, v in enumerate(chunk)}).mappings():
                atts[r["id"]] = _Att(
                    id=r["id"], doc_id=r["doc_id"], doc_name="", outlet=None, start=0, end=0, raw_start=0,
                    raw_end=0, evidence="", sentence="", speaker=r["speaker"],
                    speaker_canonical=r["speaker_canonical"], speaker_kind=r["speaker_kind"],
                    named=bool(r["named"]), cue="", direct=False, via=None, content=None, force=r["force"],
                    source_affiliation=json.loads(r["source_affiliation_json"] or "[]"),
                    source_proximity=r["source_proximity"])
        for chunk in _chunks(doc_ids):
            marks = ", ".join(f":i{n}" for n in range(len(chunk)))
            sql = ("SELECT s.id, s.doc_id, s.actor, s.type, substr(d.clean_text, "
                   "s.sentence_start + 1, s.sentence_end - s.sentence_start) AS sentence "
                   f"FROM signals s JOIN documents d ON d.id = s.doc_id WHERE s.doc_id IN ({marks})")
            for r in conn.execute(text(sql), {f"i{n}": v for n, v in enumerate(chunk)}).mappings():
                other = _cosignal(r["id"], r["doc_id"], r["actor"], r["type"])
                by_sentence.setdefault((r["doc_id"], r["sentence"]), []).append(other)
    out: dict[str, str] = {}
    for s in signals:
        att = atts.get(s.attribution_id) if s.attribution_id else None
        who = third_party(s, att, by_sentence.get((s.doc_id, s.sentence), ()))
        if who:
            out[s.id] = who
    return out


def _cosignal(signal_id: str, doc_id: str, actor: str, type_: str) -> SignalRow:
    """A co-occurring signal, with only the fields ``third_party`` reads."""
    return SignalRow(id=signal_id, doc_id=doc_id, doc_name="", outlet=None, origin=None, published=None,
                     start=0, end=0, raw_start=0, raw_end=0, evidence="", sentence="", actor=actor,
                     actor_text=actor, type=type_, topics=[], polarity="", when=None, when_precision=None,
                     when_evidence=None, source_kind="", source_by=None, source_via=None,
                     attribution_id=None, event_date=None, event_basis="none")
