"""An actor's positions on a line of argument over time, and where they shift.

Written by hand: no library models political positions. A *position* is a
signal's type, polarity and conditions (topic and state); every report of the
same position merges into it, with its first date, the number of reports and
of independent origins (a document in a copy group counts as its group).
Positions are kept per *stream* (a named set of topics, ``data/timeline/shifts.toml``)
and ordered by the date they were first reported.

A *shift* is a position first reported at one date that differs from what the
actor was reported saying at the previous date of that stream: a condition
added, dropped or reversed, another polarity, or another stance
(conciliatory ↔ confrontational). Positions first reported at the same date are
facets of one statement, not shifts from each other. The explanation is built
from the structured difference with the templates of the data file, so the same
store always gives the same shifts.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newstrace.knowledge.datafiles import load_toml
from newstrace.store.rows import Row, Rows, SignalRow
from newstrace.timeline.build import source_line
from newstrace.timeline.dates import date_label, footer_dated, placed, seen_days
from newstrace.timeline.evidence import whole_sentence
from newstrace.timeline.marks import ClaimMark, claim_marks, within_document
from newstrace.timeline.voice import third_party_map

if TYPE_CHECKING:
    from newstrace.store.database import Store

UNSTATED = "unstated"


@dataclass(frozen=True, slots=True)
class Rules:
    """The comparison rules and wordings of ``data/timeline/shifts.toml``."""

    position_types: frozenset[str]
    streams: dict[str, frozenset[str]]
    stance: dict[str, str]
    blanket_words: tuple[str, ...]
    transitions: dict[str, tuple[str, bool]]
    polarity_shifts: frozenset[str]
    wording: dict[str, str]
    undated_by_seen: bool = False


@functools.lru_cache(maxsize=1)
def rules() -> Rules:
    data = load_toml("timeline/shifts.toml")
    stance = {t: name for name, types in data.get("stance", {}).items() for t in types}
    return Rules(
        position_types=frozenset(data["position_types"]),
        streams={k: frozenset(v) for k, v in data["streams"].items()},
        stance=stance,
        blanket_words=tuple(w.lower() for w in data.get("blanket", {}).get("detail_words", [])),
        transitions={k: (v["template"], bool(v.get("shift", True)))
                     for k, v in data["transitions"].items()},
        polarity_shifts=frozenset(data.get("polarity", {}).get("shifts", [])),
        wording=dict(data["wording"]),
        undated_by_seen=bool(data.get("undated_by_seen", False)),
    )


@dataclass(frozen=True, slots=True)
class Report(Row):
    """One signal as evidence of a position."""

    signal_id: str
    doc_id: str
    doc_name: str
    origin_key: str  # the copy group, else the document: what counts as one origin
    date: str | None
    date_basis: str
    actor: str
    sentence: str
    evidence: str
    source_kind: str
    source_by: str | None
    source_via: str | None
    outlet: str | None
    certainty: str | None
    date_label: str = "undated"  # "≤ 2022-03-01 (seen)" when only the crawl day places it
    evidence_start: int = 0  # the trigger inside ``sentence``
    evidence_end: int = 0
    marks: list[str] = dataclasses.field(default_factory=list)  # denied, doubted, confirmed
    answers: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    voiced_by: str | None = None  # a third party whose opinion about the actor this is

    def source_line(self) -> str:
        return source_line(self.source_kind, self.source_by, self.source_via)

    def set_aside_because(self) -> str | None:
        """Why no shift may rest on this report, or None when one may."""
        if "denied" in self.marks:
            return "denied"
        if self.voiced_by:
            return f"opinion of {self.voiced_by}"
        return None


@dataclass(slots=True)
class Position(Row):
    """Every report of one type + polarity + conditions, merged."""

    key: str
    stream: str
    type: str
    polarity: str
    conditions: list[dict[str, Any]]  # topic, state, detail (the first report's wording)
    topics: list[str]
    first_date: str | None
    last_date: str | None
    reports: int
    origins: int
    evidence: list[Report] = dataclasses.field(default_factory=list)

    def label(self) -> str:
        """"demand (positive) — requires guarantees: framework guarantees"."""
        verbs = {"required": "requires", "excluded": "rules out", "none": "none on"}
        conds = "; ".join(
            f"{verbs.get(c['state'], c['state'])} {_cond(c)}" for c in self.conditions)
        head = f"{self.type} ({self.polarity}) on {', '.join(self.topics) or '-'}"
        return f"{head} — {conds}" if conds else head


@dataclass(frozen=True, slots=True)
class Change(Row):
    """One structured difference between two positions."""

    kind: str  # condition, polarity, stance
    old: str
    new: str
    topic: str | None = None
    detail: str | None = None
    triggers: bool = True


@dataclass(frozen=True, slots=True)
class Shift(Row):
    """A new position that differs from the one the actor held at the previous date."""

    actor: str
    stream: str
    date: str | None
    explanation: str
    changes: list[Change]
    before: Position
    after: Position
    before_evidence: list[Report]  # the reports of ``before`` at the previous date
    after_evidence: list[Report]  # the reports of ``after`` at its first date


@dataclass(slots=True)
class PositionTimeline(Row):
    actor: str
    stream: str
    topics: list[str]
    positions: list[Position]
    shifts: list[Shift]
    set_aside: list[Report] = dataclasses.field(default_factory=list)  # denied or third-party reports


# ------------------------------------------------------------------ helpers


def _cond(c: dict[str, Any]) -> str:
    topic = str(c.get("topic") or "")
    detail = str(c.get("detail") or c.get("evidence") or "")
    return f"{topic}: {detail}" if detail else topic


def _date_key(date: str | None) -> tuple[bool, str]:
    """Undated last; a coarser date before the finer dates inside it (as the timeline does)."""
    return date is None, date or ""


def origin_keys(store: Store) -> dict[str, str]:
    """Document ID → its copy group (so copies count once), else the document itself."""
    return {d.id: d.copy_group or d.id for d in store.documents()}


def report_of(s: SignalRow, origins: dict[str, str], seen: dict[str, str] | None = None,
              mark: ClaimMark | None = None, voiced_by: str | None = None,
              footer: set[str] | None = None) -> Report:
    date, basis = placed(s, seen or {}, footer or set())
    ev = whole_sentence(s.sentence, s.evidence)
    return Report(
        signal_id=s.id, doc_id=s.doc_id, doc_name=s.doc_name,
        origin_key=origins.get(s.doc_id, s.doc_id), date=date, date_basis=basis,
        actor=s.actor, sentence=ev.sentence, evidence=s.evidence, source_kind=s.source_kind,
        source_by=s.source_by, source_via=s.source_via, outlet=s.outlet, certainty=s.certainty,
        date_label=date_label(date, basis), evidence_start=ev.start, evidence_end=ev.end,
        marks=mark.marks if mark else [], answers=[a.to_dict() for a in mark.answers] if mark else [],
        voiced_by=voiced_by)


def _conditions(s: SignalRow) -> list[dict[str, Any]]:
    """One condition per topic (the first stated), in text order."""
    seen: dict[str, dict[str, Any]] = {}
    for c in s.conditions:
        topic = str(c.get("topic") or "")
        if topic and topic not in seen:
            seen[topic] = {"topic": topic, "state": str(c.get("state") or "required"),
                           "detail": c.get("detail") or c.get("evidence")}
    return list(seen.values())


def _key(s: SignalRow, conds: list[dict[str, Any]]) -> str:
    parts = ",".join(sorted(f"{c['topic']}:{c['state']}" for c in conds))
    return f"{s.type}|{s.polarity}|{parts}"


def _blanket(conds: Iterable[dict[str, Any]], r: Rules) -> bool:
    return any(c["state"] == "none" and any(w in str(c.get("detail") or "").lower()
                                           for w in r.blanket_words) for c in conds)


def _stance(p: Position, r: Rules) -> str | None:
    stance = r.stance.get(p.type)
    if stance is None or p.polarity != "negative":
        return stance
    others = sorted(set(r.stance.values()) - {stance})
    return others[0] if len(others) == 1 else None


def _states(p: Position, topics: Iterable[str], r: Rules) -> dict[str, tuple[str, str | None]]:
    own = {c["topic"]: (c["state"], c.get("detail")) for c in p.conditions}
    fill = "none" if _blanket(p.conditions, r) else UNSTATED
    return {t: own.get(t, (fill, None)) for t in topics}


def compare(old: Position, new: Position, *, rule_set: Rules | None = None) -> list[Change]:
    """The structured differences from ``old`` to ``new``: conditions, polarity, stance."""
    r = rule_set or rules()
    order = [c["topic"] for c in old.conditions] + [c["topic"] for c in new.conditions]
    topics = list(dict.fromkeys(order))
    before, after = _states(old, topics, r), _states(new, topics, r)
    changes: list[Change] = []
    for t in topics:
        (o, o_detail), (n, n_detail) = before[t], after[t]
        if o == n:
            continue
        rule = r.transitions.get(f"{o}>{n}")
        changes.append(Change(kind="condition", old=o, new=n, topic=t, detail=o_detail or n_detail,
                              triggers=rule[1] if rule else True))
    o_st, n_st = _stance(old, r), _stance(new, r)
    # between two stance-bearing types, polarity is read through the stance ("does not refuse")
    if old.polarity != new.polarity and (old.type == new.type or not (o_st and n_st)):
        shared = [t for t in new.topics if t in old.topics] or new.topics
        changes.append(Change(kind="polarity", old=old.polarity, new=new.polarity,
                              topic=", ".join(shared),
                              triggers=f"{old.polarity}>{new.polarity}" in r.polarity_shifts))
    if o_st and n_st and o_st != n_st and old.type != new.type:  # same type: the polarity says it
        changes.append(Change(kind="stance", old=o_st, new=n_st, detail=f"{old.type}>{new.type}"))
    return changes


def explain(changes: Sequence[Change], *, rule_set: Rules | None = None) -> str:
    """One line from the structured changes, worded by the data file's templates."""
    r = rule_set or rules()
    lines: list[str] = []
    for c in changes:
        if c.kind == "condition":
            cond = f"{c.topic}: {c.detail}" if c.detail else str(c.topic)
            template = r.transitions.get(f"{c.old}>{c.new}", ("{cond} {old} → {new}", True))[0]
            lines.append(template.format(cond=cond, old=c.old, new=c.new))
        elif c.kind == "polarity":
            lines.append(r.wording["polarity"].format(old=c.old, new=c.new, topics=c.topic or "-"))
        else:
            old_type, _, new_type = str(c.detail).partition(">")
            lines.append(r.wording["stance"].format(old=c.old, new=c.new, old_type=old_type,
                                                    new_type=new_type))
    return r.wording["separator"].join(lines)


def _closeness(old: Position, new: Position, r: Rules) -> tuple[int, int, int]:
    """How directly ``new`` answers ``old``: shared condition topics, shared topics, same type."""
    old_c = {c["topic"] for c in old.conditions}
    new_c = {c["topic"] for c in new.conditions}
    if _blanket(new.conditions, r):
        new_c |= old_c
    if _blanket(old.conditions, r):
        old_c |= new_c
    return len(old_c & new_c), len(set(old.topics) & set(new.topics)), int(old.type == new.type)


# ------------------------------------------------------------------ building


def _in_stream(s: SignalRow, topics: frozenset[str]) -> bool:
    mentioned = set(s.topics) | {str(c.get("topic")) for c in s.conditions}
    return bool(mentioned & topics)


def position_timeline(
    signals: Sequence[SignalRow], *, actor: str, stream: str, topics: frozenset[str],
    origins: dict[str, str], seen: dict[str, str] | None = None, rule_set: Rules | None = None,
    marks: dict[str, ClaimMark] | None = None, voices: dict[str, str] | None = None,
    footer: set[str] | None = None,
) -> PositionTimeline:
    """Merge the stream's signals into positions and find the shifts between dates.

    ``seen`` (document → crawl day) places signals that have no event date.
    ``marks`` (signal → its claim's answers) and ``voices`` (signal → third party)
    set aside the reports no position may rest on: denied ones, and a third
    party's opinion about the actor. They are kept, with the reason, in ``set_aside``.
    """
    r = rule_set or rules()
    marks, voices = marks or {}, voices or {}
    candidates = [report_of(s, origins, seen, marks.get(s.id), voices.get(s.id), footer) for s in signals
                  if s.type in r.position_types and _in_stream(s, topics)]
    set_aside = [rep for rep in candidates if rep.set_aside_because()]
    chosen = [rep for rep in candidates if not rep.set_aside_because()]
    by_id = {s.id: s for s in signals}
    chosen.sort(key=lambda rep: _date_key(rep.date))  # stable: the store's order within a date
    positions: dict[str, Position] = {}
    origin_sets: dict[str, set[str]] = {}
    first_moment: dict[str, int] = {}
    moments: list[tuple[str | None, dict[str, list[Report]]]] = []
    for rep in chosen:
        s = by_id[rep.signal_id]
        conds = _conditions(s)
        key = _key(s, conds)
        if not moments or moments[-1][0] != rep.date:
            moments.append((rep.date, {}))
        moments[-1][1].setdefault(key, []).append(rep)
        p = positions.get(key)
        if p is None:
            p = positions[key] = Position(
                key=key, stream=stream, type=s.type, polarity=s.polarity, conditions=conds,
                topics=[t for t in s.topics if t in topics] or list(s.topics),
                first_date=rep.date, last_date=rep.date, reports=0, origins=0)
            origin_sets[key] = set()
            first_moment[key] = len(moments) - 1
        p.reports += 1
        p.last_date = rep.date
        p.topics += [t for t in s.topics if t in topics and t not in p.topics]
        origin_sets[key].add(rep.origin_key)
        p.origins = len(origin_sets[key])
        p.evidence.append(rep)
    shifts: list[Shift] = []
    for i in range(1, len(moments)):
        date, reported = moments[i]
        previous = moments[i - 1][1]
        for key, reps in reported.items():
            if first_moment[key] != i:
                continue
            new = positions[key]
            old_key = max(previous, key=lambda k: _closeness(positions[k], new, r))
            old = positions[old_key]
            changes = compare(old, new, rule_set=r)
            if not any(c.triggers for c in changes):
                continue
            shifts.append(Shift(actor=actor, stream=stream, date=date,
                                explanation=explain(changes, rule_set=r), changes=changes,
                                before=old, after=new, before_evidence=list(previous[old_key]),
                                after_evidence=list(reps)))
    return PositionTimeline(actor=actor, stream=stream, topics=sorted(topics),  # first-report order
                            positions=list(positions.values()), shifts=shifts, set_aside=set_aside)


def _streams(topic: str | None, r: Rules) -> dict[str, frozenset[str]]:
    """The configured streams, or one stream of the asked topics ("ceasefire and negotiations")."""
    if not topic:
        return r.streams
    wanted = frozenset(t.strip() for t in topic.replace(" and ", ",").split(",") if t.strip())
    return {" and ".join(sorted(wanted)): wanted}


def actor_shifts(store: Store, *, actor: str, topic: str | None = None) -> Rows[PositionTimeline]:
    """Per stream, the positions of the actor (and everyone who speaks for it) and their shifts."""
    from newstrace.knowledge import actors

    r = rules()
    canonical = actors().resolve_query(actor)
    signals = store.signals(actor=actor)
    origins = origin_keys(store)
    seen = seen_days(store) if r.undated_by_seen else {}
    marks = within_document(signals, claim_marks(store, actor=actor))
    voices = third_party_map(store, [s for s in signals if s.type in r.position_types])
    out: Rows[PositionTimeline] = Rows()
    for name, topics in _streams(topic, r).items():
        pt = position_timeline(signals, actor=canonical, stream=name, topics=topics, origins=origins,
                               seen=seen, rule_set=r, marks=marks, voices=voices,
                               footer=footer_dated(store))
        if pt.positions or pt.set_aside:
            out.append(pt)
    return out
