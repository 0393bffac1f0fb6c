"""Cluster signals that state the same thing into claims (link stage, over the store).

A claim is one actor's signalled position as several reports carry it: same
canonical actor, a type of the same family, overlapping topics, no clashing
conditions or polarity, event dates close together, and similar words (MiniLM
cosine of the sentences plus content-word overlap). Written by hand because no
library clusters under these domain constraints; thresholds and type families
are data (``data/link/claims.toml``).

Near-linear: signals are blocked by (actor, type family) and, inside a block,
compared only with at most ``max_candidates`` earlier signals nearest in time
within the window. Assignment is greedy in report order (publication date, then
input order): a signal joins the claim of its best-matching earlier signal or
founds a new one, so one loose pair never chains two formed claims together.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt

from newstrace.knowledge.datafiles import load_toml

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+|\d+")


@dataclass(frozen=True, slots=True)
class ClaimConfig:
    answer_types: frozenset[str]
    negated_answer: dict[str, str]
    family: dict[str, str]
    window_days: int
    month_slack: int
    year_slack: int
    max_candidates: int
    strong_cosine: float
    min_cosine: float
    min_overlap: float
    same_article_cosine: float
    min_word_length: int
    min_evidence_words: int
    reporting_words: frozenset[str]
    condition_clash: frozenset[frozenset[str]]
    polarity_clash: frozenset[frozenset[str]]
    # act types, and the further polarity pairs that split claims about an act
    act_types: frozenset[str] = frozenset()
    act_clash: frozenset[frozenset[str]] = frozenset()
    links: dict[str, Any] = field(default_factory=dict)
    # answer kind -> the stance labels (link/stance.py) of its text that fit that kind
    answer_stances: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # claim types an answer never answers when the claim's actor is its own (answers.not_own)
    not_own_answer: frozenset[str] = frozenset()
    # answer kinds that never answer a claim voiced only by the answerer (answers.not_own_voice)
    not_own_voice: frozenset[str] = frozenset()
    # reports whose sentences match word for word at least this much share one origin
    same_text_ratio: float = 1.0
    same_text_min_words: int = 0


@functools.lru_cache(maxsize=1)
def config() -> ClaimConfig:
    raw = load_toml("link/claims.toml")
    family = {t: name for name, types in raw["families"].items() for t in types}
    t, s = raw["time"], raw["similarity"]
    return ClaimConfig(
        answer_types=frozenset(raw["answers"]["types"]),
        negated_answer=dict(raw["answers"].get("negated", {})),
        family=family,
        window_days=int(t["window_days"]),
        month_slack=int(t["month_slack_days"]),
        year_slack=int(t["year_slack_days"]),
        max_candidates=int(t["max_candidates"]),
        strong_cosine=float(s["strong_cosine"]),
        min_cosine=float(s["min_cosine"]),
        min_overlap=float(s["min_overlap"]),
        same_article_cosine=float(s["same_article_cosine"]),
        min_word_length=int(s["min_word_length"]),
        min_evidence_words=int(s["min_evidence_words"]),
        reporting_words=frozenset(w.casefold() for w in s["reporting_words"]),
        condition_clash=frozenset(frozenset(p) for p in raw["conditions"]["conflicting"]),
        polarity_clash=frozenset(frozenset(p) for p in raw["polarity"]["conflicting"]),
        act_types=frozenset(raw["polarity"].get("act_types", [])),
        act_clash=frozenset(frozenset(p) for p in raw["polarity"].get("act_conflicting", [])),
        links=dict(raw["links"]),
        answer_stances={k: tuple(v) for k, v in raw["answers"].get("stances", {}).items()},
        not_own_answer=frozenset(raw["answers"].get("not_own", [])),
        not_own_voice=frozenset(raw["answers"].get("not_own_voice", [])),
        same_text_ratio=float(raw["origins"]["same_text_ratio"]),
        same_text_min_words=int(raw["origins"]["same_text_min_words"]),
    )


def type_family(signal_type: str, cfg: ClaimConfig | None = None) -> str:
    """The family a type belongs to (its own name when in none)."""
    return (cfg or config()).family.get(signal_type, signal_type)


@functools.lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def content_words(text: str, cfg: ClaimConfig | None = None) -> frozenset[str]:
    """Case-folded content words and numbers of a sentence, reporting words left out."""
    c = cfg or config()
    stop = _stop_words()
    out = set()
    for m in _WORD.finditer(text):
        w = m.group(0).casefold().replace("’", "'").removesuffix("'s")
        if w.isdigit() or (len(w) >= c.min_word_length and w not in stop and w not in c.reporting_words):
            out.add(w)
    return frozenset(out)


def claim_text(evidence: str, sentence: str, cfg: ClaimConfig | None = None) -> str:
    """What a signal states: its evidence span when that says enough, else its whole sentence
    (the sentence also carries who reported it, which would make every report look alike)."""
    c = cfg or config()
    return evidence if len(content_words(evidence, c)) >= c.min_evidence_words else sentence


def day_span(value: str | None) -> tuple[int, int] | None:
    """(first, last) ordinal day an ISO date, month or year may denote; None when unparsable."""
    if not value:
        return None
    parts = value[:10].split("-")
    try:
        y = int(parts[0])
        if len(parts) == 1:
            return date(y, 1, 1).toordinal(), date(y, 12, 31).toordinal()
        m = int(parts[1])
        if len(parts) == 2:
            nxt = date(y + (m == 12), m % 12 + 1, 1).toordinal()
            return date(y, m, 1).toordinal(), nxt - 1
        d = date(y, m, int(parts[2])).toordinal()
        return d, d
    except (ValueError, IndexError):
        return None


@dataclass(frozen=True, slots=True)
class ClaimSignal:
    """One signal as claim clustering sees it. ``day`` is the event day (undated: the
    publication day) and ``slack`` how many days either way that date may be off."""

    id: str
    doc_id: str
    actor: str
    type: str
    topics: frozenset[str]
    polarity: str
    conditions: tuple[tuple[str, str], ...]  # (topic, state)
    day: int
    slack: int
    published_day: int
    order: tuple[Any, ...]  # report order: publication, then input order
    words: frozenset[str] = frozenset()


def signal_day(event_date: str | None, published: str | None,
               cfg: ClaimConfig | None = None) -> tuple[int, int, int]:
    """(day, slack, published_day): a point day for blocking and how imprecise it is."""
    c = cfg or config()
    pub = day_span(published)
    pub_day = (pub[0] + pub[1]) // 2 if pub else 0  # a month or year: its middle
    span = day_span(event_date) or pub
    if span is None:
        return 0, 0, pub_day
    first, last = span
    width = last - first
    if width == 0:
        return first, 0, pub_day
    slack = c.month_slack if width <= 31 else c.year_slack
    # a year-precision date that contains the publication day is read as that day
    day = pub_day if pub and first <= pub_day <= last else (first + last) // 2
    return day, slack, pub_day


def _clash(a_type: str, b_type: str, a_polarity: str, b_polarity: str, c: ClaimConfig) -> bool:
    """Polarities that make two signals different claims; an act also splits on hedging."""
    pair = frozenset((a_polarity, b_polarity))
    return pair in c.polarity_clash or (
        (a_type in c.act_types or b_type in c.act_types) and pair in c.act_clash)


def compatible(a: ClaimSignal, b: ClaimSignal, cfg: ClaimConfig | None = None) -> bool:
    """Whether two signals of one block may state the same thing (before content is compared)."""
    c = cfg or config()
    if _clash(a.type, b.type, a.polarity, b.polarity, c):
        return False
    if a.topics and b.topics and not (a.topics & b.topics):
        return False
    if abs(a.day - b.day) > c.window_days + a.slack + b.slack:
        return False
    states_b: dict[str, set[str]] = {}
    for topic, state in b.conditions:
        states_b.setdefault(topic, set()).add(state)
    for topic, state in a.conditions:
        for other in states_b.get(topic, ()):
            if frozenset((state, other)) in c.condition_clash:
                return False
    return True


def overlap(a: frozenset[str], b: frozenset[str], weight: dict[str, float] | None = None) -> float:
    """Jaccard of two word sets; with ``weight`` (IDF), shared rare words count for more
    than shared common ones ("Russia", "Ukraine", "war")."""
    if not a or not b:
        return 0.0
    if weight is None:
        return len(a & b) / len(a | b)
    union = sum(weight.get(w, 1.0) for w in a | b)
    return sum(weight.get(w, 1.0) for w in a & b) / union if union else 0.0


def idf(signals: Sequence[ClaimSignal]) -> dict[str, float]:
    """Inverse document frequency of each content word over the signals' texts."""
    df: dict[str, int] = {}
    for s in signals:
        for w in s.words:
            df[w] = df.get(w, 0) + 1
    n = max(len(signals), 1)
    return {w: math.log((n + 1) / (k + 0.5)) for w, k in df.items()}


def similar(cosine: float, word_overlap: float, cfg: ClaimConfig | None = None) -> bool:
    c = cfg or config()
    return cosine >= c.strong_cosine or (cosine >= c.min_cosine and word_overlap >= c.min_overlap)


def block_key(s: ClaimSignal, cfg: ClaimConfig | None = None) -> tuple[str, str, str]:
    """(actor, type family, ""); a signal with no date at all is compared within its article only."""
    return s.actor.casefold(), type_family(s.type, cfg), "" if s.day else s.doc_id


@dataclass
class _Profile:
    """The polarities and condition states a claim's members carry."""

    polarities: set[tuple[str, str]] = field(default_factory=set)  # (type, polarity)
    conditions: dict[str, set[str]] = field(default_factory=dict)

    def add(self, s: ClaimSignal) -> None:
        self.polarities.add((s.type, s.polarity))
        for topic, state in s.conditions:
            self.conditions.setdefault(topic, set()).add(state)


def _agrees(s: ClaimSignal, p: _Profile, c: ClaimConfig) -> bool:
    if any(_clash(s.type, t, s.polarity, q, c) for t, q in p.polarities):
        return False
    return not any(frozenset((state, other)) in c.condition_clash
                   for topic, state in s.conditions for other in p.conditions.get(topic, ()))


def cluster_signals(
    signals: Sequence[ClaimSignal],
    vectors: npt.NDArray[np.float32],
    *,
    cfg: ClaimConfig | None = None,
) -> list[list[int]]:
    """Clusters of signal indices (answer types left out), each in report order, the
    clusters ordered by their first report. ``vectors[i]`` is signal i's unit vector."""
    c = cfg or config()
    order = sorted((i for i, s in enumerate(signals) if s.type not in c.answer_types),
                   key=lambda i: signals[i].order)
    # per block: assigned signals sorted by day, and the block's largest slack
    weight = idf(signals)
    days: dict[tuple[str, str, str], list[tuple[int, int]]] = {}
    max_slack: dict[tuple[str, str, str], int] = {}
    cluster_of: dict[int, int] = {}
    clusters: list[list[int]] = []
    profile: list[_Profile] = []
    for i in order:
        s = signals[i]
        key = block_key(s, c)
        placed = days.setdefault(key, [])
        radius = c.window_days + s.slack + max_slack.get(key, 0)
        lo = bisect.bisect_left(placed, (s.day - radius, -1))
        hi = bisect.bisect_right(placed, (s.day + radius, len(signals)))
        mid = bisect.bisect_left(placed, (s.day, -1))
        k = c.max_candidates
        cands = [j for _, j in placed[max(lo, mid - k):min(hi, mid + k)]]
        if len(cands) > k:
            cands = sorted(cands, key=lambda j: abs(signals[j].day - s.day))[:k]
        scored: list[tuple[float, int]] = []
        if cands:
            cos = vectors[cands] @ vectors[i]
            for j, cj in zip(cands, cos.tolist(), strict=True):
                t = signals[j]
                if not compatible(s, t, c):
                    continue
                ov = overlap(s.words, t.words, weight)
                same_article = t.doc_id == s.doc_id and cj >= c.same_article_cosine
                if same_article or similar(cj, ov, c):
                    scored.append((cj + ov, j))
        # join the best-matching claim whose members all agree with this signal's
        # polarity and conditions (one member's match must not override another's clash)
        cid = -1
        for _, j in sorted(scored, key=lambda t: (-t[0], t[1])):
            if _agrees(s, profile[cluster_of[j]], c):
                cid = cluster_of[j]
                break
        if cid < 0:
            cid = len(clusters)
            clusters.append([])
            profile.append(_Profile())
        profile[cid].add(s)
        cluster_of[i] = cid
        clusters[cid].append(i)
        bisect.insort(placed, (s.day, i))
        max_slack[key] = max(max_slack.get(key, 0), s.slack)
    return clusters


def representative(members: Sequence[int], vectors: npt.NDArray[np.float32],
                   preferred: set[int] | None = None) -> int:
    """The member closest to the claim's centroid (among ``preferred`` ones when any)."""
    pool = [m for m in members if preferred and m in preferred] or list(members)
    centroid = vectors[list(members)].mean(axis=0)
    scores = vectors[pool] @ centroid
    return pool[int(np.argmax(scores))]
