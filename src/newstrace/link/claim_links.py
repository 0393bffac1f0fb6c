"""Link every deny / confirm / doubt signal to the claims it answers (link stage).

"The Kremlin denied a Bloomberg report that Putin …" answers the claim Bloomberg
carried: the answer is scored against every claim first reported at most
``max_lag_days`` before it (never after) on evidence that is data-weighted in
``data/link/claims.toml``: a claim member in the same sentence or earlier in the
same article, the outlet the answer names being one the claim rests on, a shared
actor (Peskov and Putin both speak for the Kremlin), the claim's actor named,
shared topics, and how the answer's text relates to the claim's closest member.

That last part is the claim-to-article relation of ``link/stance.py``, the code
bench/fnc1.py measures on FNC-1: the closest member is the claim, the answer's
sentence (read with the sentences before it when it is short) is the article.
Its relatedness is the content score, an ``unrelated`` verdict keeps the answer
off the claim unless they share a sentence, and a stance that fits the answer's
kind (a denial that *disagrees*, a confirmation that *agrees*, a doubt that
disagrees or only *discusses*) adds weight. Written by hand: the weighting is
specific to this record. Claims are sorted by first report, so each answer is
compared only with the claims inside its time window.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from newstrace.link.claims import ClaimConfig, config
from newstrace.link.stance import PreparedArticle, Relation, StanceParams, profile_params, relate

STATUS_UNCONFIRMED = "unconfirmed"
STATUS_CONFIRMED = "confirmed"
STATUS_DENIED = "denied"
STATUS_DISPUTED = "disputed"


@dataclass(frozen=True, slots=True)
class Answer:
    """A deny / confirm / doubt signal. ``actors`` is its actor and every actor it
    speaks for (case-folded); ``outlets`` the outlets its sentence names or its source
    cites; ``sentence`` the sentence as written, for finding the claim actor's name."""

    id: str
    doc_id: str
    type: str
    day: int  # publication day of its article
    sentence_start: int
    sentence_end: int
    actors: frozenset[str]
    topics: frozenset[str]
    outlets: frozenset[str]
    sentence: str


@dataclass(frozen=True, slots=True)
class MemberPlace:
    doc_id: str
    sentence_start: int
    vector_row: int


@dataclass(frozen=True, slots=True)
class ClaimTarget:
    """A claim as answers see it: ``actors`` its actor and whom that actor speaks for,
    ``names`` the ways its actor is written, ``outlets`` the outlets it rests on,
    ``voiced_by`` whom every member's source speaks for (empty when a member has none)."""

    key: str
    first_day: int
    actors: frozenset[str]
    names: frozenset[str]
    topics: frozenset[str]
    outlets: frozenset[str]
    members: tuple[MemberPlace, ...]
    type: str = ""  # the claim's most common signal type
    voiced_by: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class AnswerLink:
    answer_id: str
    claim_key: str
    kind: str  # deny, confirm, doubt
    score: float
    cosine: float
    reasons: tuple[str, ...] = field(default_factory=tuple)
    stance: str = ""  # the relation's label: agree, disagree, discuss or unrelated


def _score(a: Answer, c: ClaimTarget, rel: Relation, w: dict[str, float],
           fits: dict[str, tuple[str, ...]]) -> tuple[float, list[str]]:
    reasons: list[str] = [f"stance {rel.label}"]
    score = w["relatedness_weight"] * rel.score
    if rel.label in fits.get(a.type, ()):
        score += w["stance_fits"]
    same_doc = [m for m in c.members if m.doc_id == a.doc_id]
    if any(m.sentence_start == a.sentence_start for m in same_doc):
        score += w["same_sentence"]
        reasons.append("same sentence")
    elif any(m.sentence_start <= a.sentence_end for m in same_doc):
        score += w["same_document"]
        reasons.append("same article")
    if a.outlets & c.outlets:
        score += w["named_outlet"]
        reasons.append("outlet " + ", ".join(sorted(a.outlets & c.outlets)))
    if a.actors & c.actors:
        score += w["actor"]
        reasons.append("actor")
    low = a.sentence.casefold()
    if any(n and n in low for n in c.names):
        score += w["actor_named"]
        reasons.append("actor named")
    if a.topics and c.topics:
        if a.topics & c.topics:
            score += w["topic"]
            reasons.append("topic")
        else:
            score += w["topic_clash"]
    return score, reasons


def link_answers(
    answers: Sequence[Answer],
    answer_texts: Sequence[PreparedArticle],
    claims: Sequence[ClaimTarget],
    member_vectors: npt.NDArray[np.float32],
    member_texts: Sequence[str],
    *,
    cfg: ClaimConfig | None = None,
    params: StanceParams | None = None,
) -> list[AnswerLink]:
    """Every (answer, claim) link that clears the score, best claims per answer only.

    ``answer_texts[i]`` is what answer ``i`` is read as (its sentence, with the ones
    before it when short), prepared once for the stance relation; ``member_texts`` and
    ``member_vectors`` are each claim member's text and unit vector, by ``vector_row``.
    """
    c = cfg or config()
    w = {k: float(v) for k, v in c.links.items()}
    sp = params or profile_params("answer")  # the relation, read on one answer's text
    fits = c.answer_stances
    by_day = sorted(range(len(claims)), key=lambda k: claims[k].first_day)
    days = [claims[k].first_day for k in by_day]
    out: list[AnswerLink] = []
    for ai, a in enumerate(answers):
        article = answer_texts[ai]
        lo = bisect.bisect_left(days, a.day - int(w["max_lag_days"]))
        hi = bisect.bisect_right(days, a.day)
        scored: list[tuple[float, float, int, list[str], str]] = []
        for k in by_day[lo:hi]:
            claim = claims[k]
            # a denial by X answers an accusation against X, never one X makes itself
            if claim.type in c.not_own_answer and a.actors & claim.actors:
                continue
            # nobody denies or doubts what only they themselves said ("Biden warned …; he
            # could not verify reports …" doubts the reports, not his own warning)
            if a.type in c.not_own_voice and a.actors & claim.voiced_by:
                continue
            rows = [m.vector_row for m in claim.members]
            if not rows or not article.sentences:
                continue
            sims = member_vectors[rows] @ article.vectors.T
            closest = rows[int(np.argmax(np.max(sims, axis=1)))]
            in_article = any(m.doc_id == a.doc_id for m in claim.members)
            floor = w["min_cosine_in_article"] if in_article else w["min_cosine_elsewhere"]
            if float(np.max(sims)) < floor:
                continue
            rel = relate(member_texts[closest], article, claim_vector=member_vectors[closest], params=sp)
            same_sentence = any(m.doc_id == a.doc_id and m.sentence_start == a.sentence_start
                                for m in claim.members)
            if rel.label == "unrelated" and not same_sentence:
                continue
            score, reasons = _score(a, claim, rel, w, fits)
            if score < w["min_score"]:
                continue
            scored.append((score, rel.max_cosine, k, reasons, rel.label))
        if not scored:
            continue
        scored.sort(key=lambda t: (-t[0], claims[t[2]].key))
        top = scored[0][0]
        for score, cos, k, reasons, label in scored[: int(w["max_claims"])]:
            if score >= top - w["margin"]:
                out.append(AnswerLink(a.id, claims[k].key, a.type, round(score, 4), round(cos, 4),
                                      tuple(reasons), label))
    return out


def claim_status(kinds: Sequence[str]) -> str:
    """unconfirmed, confirmed, denied, or disputed (denied and confirmed); doubts leave it as is."""
    denied, confirmed = "deny" in kinds, "confirm" in kinds
    if denied and confirmed:
        return STATUS_DISPUTED
    if denied:
        return STATUS_DENIED
    if confirmed:
        return STATUS_CONFIRMED
    return STATUS_UNCONFIRMED
