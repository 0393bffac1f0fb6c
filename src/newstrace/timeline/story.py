"""A story's key developments: one dated sentence per date that most outlets reported.

Timeline summarisation by hand (no library does it over this store): the
signals matching a query (an actor and everyone who speaks for it, a topic, or
keywords matched by MiniLM cosine against the evidence sentence or by their
words) are grouped by event date at the precision it has; dates are ranked by
how many *independent origins* report them (the documents of a copy group count
once), the top N kept and shown in date order. Each date is told by one
sentence from its best-sourced report: on the record before anonymous before
only reported, then the claim more origins carry, then the earliest. Settings
live in ``data/timeline/story.toml``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newstrace.knowledge.datafiles import load_toml
from newstrace.knowledge.packs import known_topics
from newstrace.store.rows import Row, SignalRow
from newstrace.timeline.build import source_line
from newstrace.timeline.dates import date_label, footer_dated, placed, seen_days
from newstrace.timeline.evidence import whole_sentence
from newstrace.timeline.marks import ClaimMark, claim_marks
from newstrace.timeline.shifts import origin_keys

if TYPE_CHECKING:
    from newstrace.store.database import Store


@functools.lru_cache(maxsize=1)
def settings() -> dict[str, Any]:
    return load_toml("timeline/story.toml")


@dataclass(frozen=True, slots=True)
class StoryDate(Row):
    """One development: a date, how widely it was reported, and the sentence that tells it."""

    date: str
    precision: str
    bases: list[str]  # what the date rests on: event (the text), published, seen (crawl day)
    origins: int  # independent origins reporting anything matching on this date
    reports: int  # matching signals on this date
    sentence: str
    evidence: str
    signal_id: str
    doc_id: str
    doc_name: str
    outlet: str | None
    published: str | None
    actor: str
    type: str
    source_kind: str
    source_by: str | None
    source_via: str | None
    claim_origins: int  # independent origins of the chosen report's claim (actor, type, polarity)
    outlets: list[str] = field(default_factory=list)
    date_label: str = ""  # "≤ 2022-03-01 (seen)" when only the crawl day places it
    evidence_start: int = 0  # the trigger inside ``sentence``
    evidence_end: int = 0
    marks: list[str] = field(default_factory=list)  # denied, doubted, confirmed (the chosen report)
    answers: list[dict[str, Any]] = field(default_factory=list)

    def source_line(self) -> str:
        return source_line(self.source_kind, self.source_by, self.source_via)


@dataclass(slots=True)
class Story(Row):
    query: str
    kind: str  # actor, topic or keywords
    target: str  # the canonical actor, the topics, or the keywords
    matched: int  # signals that match
    undated: int  # of which could not be placed on a date
    dates: list[StoryDate] = field(default_factory=list)


def precision(date: str) -> str:
    return {4: "year", 7: "month"}.get(len(date), "day")


def _topics(query: str) -> list[str]:
    parts = [p.strip().lower() for p in query.replace(" and ", ",").split(",") if p.strip()]
    known = known_topics()
    return parts if parts and all(p in known for p in parts) else []


def _actor(store: Store, query: str) -> str | None:
    """The canonical actor a query names: from the alias table, else one the store holds."""
    from newstrace.knowledge import actors

    known = actors().find(query)
    if known is not None:
        return known.canonical
    name = " ".join(query.split())
    if store.signals(actor=name):
        return name
    return None


def _words(text: str, stop: set[str]) -> list[str]:
    return [w for w in re.findall(r"[\w'-]+", text.lower()) if w not in stop]


def keyword_matches(signals: Sequence[SignalRow], query: str) -> list[SignalRow]:
    """Signals whose sentence holds every content word of the query or is close to it in meaning."""
    from newstrace.nlp.embeddings import embed

    cfg = settings()["keywords"]
    stop = set(cfg["stop_words"])
    wanted = _words(query, stop)
    sentences = sorted({s.sentence for s in signals})
    close: set[str] = set()
    if sentences:
        vectors = embed(sentences)
        scores = vectors @ embed([query])[0]
        close = {s for s, v in zip(sentences, scores, strict=True) if float(v) >= cfg["min_cosine"]}
    out = []
    for s in signals:
        words = set(_words(s.sentence, stop))
        if s.sentence in close or (wanted and all(w in words for w in wanted)):
            out.append(s)
    return out


def select(store: Store, query: str) -> tuple[str, str, list[SignalRow]]:
    """The query's kind, its resolved target and the signals that match it."""
    topics = _topics(query)
    if topics:
        found = {s.id: s for t in topics for s in store.signals(topic=t)}
        return "topic", ", ".join(topics), list(found.values())
    canonical = _actor(store, query)
    if canonical is not None:
        return "actor", canonical, list(store.signals(actor=canonical))
    return "keywords", query, keyword_matches(store.signals(), query)


def _claim(s: SignalRow) -> tuple[str, str, str]:
    return s.actor, s.type, s.polarity


def summarise(signals: Sequence[SignalRow], *, origins: dict[str, str], top: int | None = None,
              seen: dict[str, str] | None = None, marks: dict[str, ClaimMark] | None = None,
              footer: set[str] | None = None) -> list[StoryDate]:
    """The top dates by independent origins, in date order, each told by its best-sourced report.

    ``seen`` (document → crawl day) places reports that have no event date.
    """
    cfg = settings()
    keep = set(cfg["precisions"])
    rank = {k: i for i, k in enumerate(cfg["source_rank"])}
    by_date: dict[str, list[SignalRow]] = {}
    basis: dict[str, set[str]] = {}
    for s in signals:
        date, why = placed(s, seen or {}, footer or set())
        if date and precision(date) in keep:
            by_date.setdefault(date, []).append(s)
            basis.setdefault(date, set()).add(why)

    def origin(s: SignalRow) -> str:
        return origins.get(s.doc_id, s.doc_id)

    counted = {d: len({origin(s) for s in group}) for d, group in by_date.items()}
    limit = cfg["top"] if top is None else top
    chosen = sorted(by_date, key=lambda d: (-counted[d], -len(by_date[d]), d))[:limit]
    out = []
    for d in sorted(chosen):
        group = by_date[d]
        claims: dict[tuple[str, str, str], set[str]] = {}
        for s in group:
            claims.setdefault(_claim(s), set()).add(origin(s))
        best = min(group, key=lambda s: (rank.get(s.source_kind, len(rank)), -len(claims[_claim(s)]),
                                         s.published or "9999", s.doc_name, s.start))
        outlets = sorted({s.outlet or s.doc_name for s in group})
        ev = whole_sentence(best.sentence, best.evidence)
        mark = (marks or {}).get(best.id)
        out.append(StoryDate(
            date=d, precision=precision(d), bases=sorted(basis[d]), origins=counted[d], reports=len(group),
            sentence=ev.sentence, evidence=best.evidence, signal_id=best.id, doc_id=best.doc_id,
            doc_name=best.doc_name, outlet=best.outlet, published=best.published, actor=best.actor,
            type=best.type, source_kind=best.source_kind, source_by=best.source_by,
            source_via=best.source_via, claim_origins=len(claims[_claim(best)]), outlets=outlets,
            date_label=date_label(d, next(iter(basis[d])) if len(basis[d]) == 1 else "event"),
            evidence_start=ev.start, evidence_end=ev.end, marks=mark.marks if mark else [],
            answers=[a.to_dict() for a in mark.answers] if mark else []))
    return out


def story(store: Store, query: str, *, top: int | None = None) -> Story:
    """The dated key developments of the story a query names (actor, topic or keywords)."""
    kind, target, signals = select(store, query)
    seen = seen_days(store) if settings()["undated_by_seen"] else {}
    return Story(query=query, kind=kind, target=target, matched=len(signals),
                 undated=sum(1 for s in signals if placed(s, seen)[0] is None),
                 dates=summarise(signals, origins=origin_keys(store), top=top, seen=seen,
                                 marks=claim_marks(store, actor=target if kind == "actor" else None),
                                 footer=footer_dated(store)))
