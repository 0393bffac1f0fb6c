"""Conditions of a signal: what the actor ties the position to, as structure.

Two sources, both read off the spaCy dependency tree with the cue words and
the topic detail lexicon of ``data/extract/en/conditions.toml``:

- condition clauses: a clause or phrase opened by a cue ("only if", "provided
  that", "in exchange for", "unless", "without") that hangs on the signal's
  predicate or below it;
- the signal's own content, for types whose content is a condition (what a
  demand asks for is required, what a rejection turns down is excluded).

Inside that region each hit of the detail lexicon gives one condition; its
detail is the phrase the hit heads ("the current front lines"), found on the
tree. A negation or a word like "renounce" above the hit turns its state
round. No library extracts conditions, hence this module.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, cast

from spacy.tokens import Doc, Span, Token

from newstrace.extract.signals.syntax import VERBAL, chain, is_relative
from newstrace.knowledge.datafiles import load_toml
from newstrace.records import TOPICS, Condition

State = Literal["required", "excluded", "none"]
_STATES = ("required", "excluded", "none")
_FLIP: dict[str, State] = {"required": "excluded", "excluded": "required", "none": "none"}

# Links out of the signal's clause: a cue clause below one of these is not its condition.
_BLOCKED = frozenset({"relcl", "parataxis", "acl"})
# Children left out of a condition's detail phrase.
_DETAIL_DROP = frozenset({
    "acl", "advcl", "nsubj", "nsubjpass", "csubj", "aux", "auxpass", "mark", "neg", "expl",
    "dep", "ccomp", "xcomp",
})
# Links from a modifier up to the noun it belongs to ("NATO" -> "NATO membership").
_MODIFIER = frozenset({"compound", "amod", "nmod", "nummod", "quantmod", "poss"})
# Children of the trigger that are not what the signal is about.
_NOT_CONTENT = frozenset({
    "nsubj", "nsubjpass", "csubj", "csubjpass", "relcl", "parataxis", "punct", "cc", "aux",
    "auxpass", "mark", "expl",
})
_EDGE_LEFT = frozenset({"punct", "cc"})
_EDGE_RIGHT = frozenset({"punct", "cc", "prep", "det", "case", "mark", "aux"})
_MAX_DETAIL = 12
_MAX_OPEN = 25  # tokens of a condition clause kept whole when no detail pattern names it
_OTHER_TOPIC = "other"
_QUOTES = "\"'“”‘’«»"


@dataclass(frozen=True, slots=True)
class Cue:
    words: tuple[str, ...]  # the cue as lower-case tokens ("on", "condition", "that")
    state: State
    negated: State | None
    none_words: frozenset[str]


@dataclass(frozen=True, slots=True)
class DetailPattern:
    topic: str
    kind: str | None
    rx: re.Pattern[str]
    not_after: frozenset[str] = frozenset()
    heads: frozenset[str] = frozenset()
    pos: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class ContentRule:
    state: State
    topics: frozenset[str]
    kinds: frozenset[str]

    def admits(self, pattern: DetailPattern) -> bool:
        return pattern.topic in self.topics or (pattern.kind is not None and pattern.kind in self.kinds)


@dataclass(frozen=True, slots=True)
class ConditionTable:
    cues: tuple[Cue, ...]  # longest first
    details: tuple[DetailPattern, ...]
    content: dict[str, ContentRule]
    none_topic: str
    hard_words: frozenset[str]
    flip_words: frozenset[str]
    flip_particles: dict[str, str]
    flip_keeps: frozenset[str]
    contrast_words: frozenset[str]
    adverse_types: frozenset[str]
    verb_preps: frozenset[str]
    adjunct_preps: frozenset[str]


def _state(value: object, where: str) -> State:
    if value not in _STATES:
        raise ValueError(f"conditions.toml: unknown state {value!r} in {where}")
    return cast(State, value)


def _topic(value: object, where: str) -> str:
    if value not in TOPICS:
        raise ValueError(f"conditions.toml: unknown topic {value!r} in {where}")
    return str(value)


def _words(values: Iterable[object]) -> frozenset[str]:
    return frozenset(str(v).casefold() for v in values)


@functools.lru_cache(maxsize=1)
def condition_table() -> ConditionTable:
    data = load_toml("extract/en/conditions.toml")
    cues: list[Cue] = []
    for i, row in enumerate(data.get("cue", [])):
        state = _state(row.get("state"), f"cue {i}")
        negated = _state(row["negated"], f"cue {i}") if "negated" in row else None
        none_words = _words(row.get("none_words", ()))
        cues += [Cue(tuple(str(w).casefold().split()), state, negated, none_words)
                 for w in row.get("words", ())]
    cues.sort(key=lambda c: -len(c.words))
    details = tuple(
        DetailPattern(
            topic=_topic(row.get("topic"), f"detail {i}"),
            kind=row.get("kind"),
            rx=re.compile(r"(?<![\w-])(?:" + "|".join(row.get("patterns", ())) + r")(?![\w-])", re.I),
            not_after=_words(row.get("not_after", ())),
            heads=_words(row.get("heads", ())),
            pos=frozenset(str(p) for p in row.get("pos", ())),
        )
        for i, row in enumerate(data.get("detail", []))
    )
    content = {
        str(row["type"]): ContentRule(
            state=_state(row.get("state"), f"content {row['type']}"),
            topics=frozenset(_topic(t, "content") for t in row.get("topics", ())),
            kinds=frozenset(str(k) for k in row.get("kinds", ())),
        )
        for row in data.get("content", [])
    }
    words = data.get("words", {})
    return ConditionTable(
        cues=tuple(cues),
        details=details,
        content=content,
        none_topic=_topic(words.get("none_topic", "negotiations"), "none_topic"),
        hard_words=_words(words.get("hard_words", ())),
        flip_words=_words(words.get("flip_words", ())),
        flip_particles={str(k): str(v) for k, v in dict(words.get("flip_particles", {})).items()},
        flip_keeps=frozenset(_topic(t, "flip_keeps") for t in words.get("flip_keeps", ())),
        contrast_words=_words(words.get("contrast_words", ())),
        adverse_types=frozenset(str(t) for t in words.get("adverse_types", ())),
        verb_preps=_words(words.get("verb_preps", ())),
        adjunct_preps=_words(words.get("adjunct_preps", ())),
    )


# --------------------------------------------------------------------------- tree helpers


def _anchors(tok: Token) -> set[int]:
    """The trigger and the predicates above it within its own clause.

    A cue clause is the signal's when it hangs on one of these (or below the
    trigger). The walk stops at a relative or loose clause, and at a clause
    coordinated with its own subject: those say something else.
    """
    out = {t.i for t in chain(tok)}  # "would find it hard to accept X unless ...": up to "find"
    t = tok
    while t.head.i != t.i:
        if (t.dep_ in _BLOCKED and (t.dep_ != "relcl" or is_relative(t))) or t.dep_ == "advcl":
            break
        if t.dep_ == "conj" and t.pos_ in VERBAL and any(
            c.dep_ in ("nsubj", "nsubjpass") for c in t.children
        ):
            break
        t = t.head
        out.add(t.i)
    return out


def _hangs_on(clause: Token, anchors: set[int]) -> bool:
    """The clause hangs on the signal's predicate, or below it outside a relative clause."""
    t = clause
    while t.head.i != t.i:
        if t.dep_ in ("relcl", "parataxis", "advcl") and t.i != clause.i:
            return False
        t = t.head
        if t.i in anchors:
            return True
    return False


def _flips(tok: Token, table: ConditionTable) -> bool:
    lemma = tok.lemma_.casefold()
    if lemma not in table.flip_words and tok.lower_ not in table.flip_words:
        return False
    particle = table.flip_particles.get(lemma)
    return particle is None or any(c.dep_ == "prt" and c.lower_ == particle for c in tok.children)


def _turned(root: Token, top: Token, topic: str, table: ConditionTable, *, include_top: bool) -> bool:
    """True when a negation or a flip word between the hit and ``top`` reverses it.

    The trigger's own negation is the signal's polarity, so for content
    conditions ``top`` (the trigger) is left out; a cue clause's own verb counts.
    """
    count = 0
    t = root
    coordinate = False  # reached through "and": the word is a partner, not a governor
    while True:
        at_top = t.i == top.i
        if at_top and not include_top:
            break
        if not coordinate:
            if any(c.dep_ == "neg" for c in t.children):
                count += 1
            if t.i != root.i and topic not in table.flip_keeps and _flips(t, table):
                count += 1
        if at_top or t.head.i == t.i:
            break
        coordinate = t.dep_ == "conj"
        t = t.head
    return count % 2 == 1


def _detail_root(tok: Token) -> Token:
    t = tok
    for _ in range(4):
        if t.dep_ in _MODIFIER and t.head.pos_ in ("NOUN", "PROPN") and t.head.i != t.i:
            t = t.head
        else:
            break
    return t


def _phrase_ids(tok: Token, out: set[int], table: ConditionTable, *, top: bool) -> None:
    out.add(tok.i)
    verb = top and tok.pos_ in VERBAL
    for c in tok.children:
        if c.dep_ in ("conj", "cc", "punct", "relcl", "appos", "parataxis"):
            continue
        if top and (c.dep_ in _DETAIL_DROP or (c.dep_ in ("advmod", "npadvmod") and c.i < tok.i)):
            continue
        if verb and c.dep_ in ("prep", "advmod", "npadvmod") and c.lower_ not in table.verb_preps:
            continue
        _phrase_ids(c, out, table, top=False)


def _detail_span(root: Token, allowed: set[int], table: ConditionTable) -> tuple[int, int]:
    """Token range [lo, hi] of the phrase headed by ``root``, inside ``allowed``."""
    keep: set[int] = set()
    _phrase_ids(root, keep, table, top=True)
    keep &= allowed | {root.i}
    lo = hi = root.i
    while lo - 1 in keep and root.i - (lo - 1) < _MAX_DETAIL:
        lo -= 1
    while hi + 1 in keep and hi + 1 - lo < _MAX_DETAIL:
        hi += 1
    doc = root.doc
    while lo < root.i and (doc[lo].dep_ in _EDGE_LEFT or doc[lo].is_space):
        lo += 1
    while hi > root.i and (doc[hi].dep_ in _EDGE_RIGHT or doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    return lo, hi


def _governing_head(root: Token, heads: frozenset[str]) -> Token | None:
    """``root`` or the word it hangs on ("membership in NATO", "joining NATO"), if in ``heads``."""
    if root.lemma_.casefold() in heads:
        return root
    h = root.head
    if h.pos_ == "ADP" and h.head.i != h.i:
        h = h.head
    return h if h.lemma_.casefold() in heads else None


@dataclass(frozen=True, slots=True)
class _Hit:
    pattern: DetailPattern
    root: Token


def _hits(doc: Doc, region: set[int], start: int, end: int, table: ConditionTable) -> list[_Hit]:
    """Detail-lexicon hits whose tokens lie in ``region`` (text ``start:end``), one per root."""
    text = doc.text[start:end]
    out: list[_Hit] = []
    seen: set[tuple[str, int]] = set()
    for pattern in table.details:
        for m in pattern.rx.finditer(text):
            span = doc.char_span(start + m.start(), start + m.end(), alignment_mode="expand")
            if span is None or any(t.i not in region for t in span):
                continue
            root = _detail_root(span.root)
            if root.dep_ == "pobj" and root.head.lower_ in pattern.not_after:
                continue
            if pattern.pos and root.pos_ not in pattern.pos:
                continue
            if pattern.heads:
                head = _governing_head(root, pattern.heads)
                if head is None or head.i not in region:
                    continue
                root = head
            if (pattern.topic, root.i) in seen:
                continue
            seen.add((pattern.topic, root.i))
            out.append(_Hit(pattern, root))
    return out


def _condition(hit: _Hit, allowed: set[int], state: State, table: ConditionTable) -> Condition:
    doc = hit.root.doc
    lo, hi = _detail_span(hit.root, allowed, table)
    start, end = doc[lo].idx, doc[hi].idx + len(doc[hi].text)
    while end > start + 1 and doc.text[end - 1] in _QUOTES:
        end -= 1
    while start < end - 1 and doc.text[start] in _QUOTES:
        start += 1
    return Condition(topic=hit.pattern.topic, detail=doc.text[start:end], start=start, end=end,
                     state=state)


# --------------------------------------------------------------------------- regions


@functools.lru_cache(maxsize=8)
def _by_first_word(cues: tuple[Cue, ...]) -> dict[str, list[Cue]]:
    """Cues indexed by their first word (in table order), built once per table: every
    token of every signal sentence is tried as a cue start."""
    index: dict[str, list[Cue]] = {}
    for cue in cues:
        index.setdefault(cue.words[0], []).append(cue)
    return index


def _cue_at(sent: Span, i: int, table: ConditionTable) -> Cue | None:
    doc = sent.doc
    for cue in _by_first_word(table.cues).get(doc[i].lower_, ()):
        n = len(cue.words)
        if i + n > sent.end:
            continue
        if all(doc[i + k].lower_ == w for k, w in enumerate(cue.words)):
            if i > sent.start and cue.words[0] != "only" and any(
                c.words[0] == "only" and c.words[1:] == cue.words[: len(c.words) - 1]
                and doc[i - 1].lower_ == "only" for c in table.cues
            ):
                continue  # "only if" is matched from "only"
            return cue
    return None


@dataclass(frozen=True, slots=True)
class _Clause:
    cue: Cue
    first: int  # first token of the cue
    last: int  # last token of the cue
    root: Token
    tokens: set[int]  # the clause's own words, after the cue


def _cue_clauses(sent: Span, table: ConditionTable) -> list[_Clause]:
    doc = sent.doc
    out: list[_Clause] = []
    i = sent.start
    while i < sent.end:
        cue = _cue_at(sent, i, table)
        if cue is None:
            i += 1
            continue
        last = i + len(cue.words) - 1
        root = doc[last]
        for _ in range(4):
            if root.right_edge.i > last or root.head.i == root.i:
                break
            root = root.head
        tokens = {t.i for t in root.subtree if t.i > last}
        if tokens:
            out.append(_Clause(cue, i, last, root, tokens))
        i = last + 1
    return out


def _set_against(tok: Token, table: ConditionTable) -> set[int]:
    """Conjuncts set against the first ("the status quo rather than a cessation")."""
    out: set[int] = set()
    for t in tok.subtree:
        cut = next((c.i for c in t.children if c.dep_ == "cc" and c.lower_ in table.contrast_words), None)
        if cut is None:
            continue
        for c in t.children:
            if c.dep_ == "conj" and c.i > cut:
                out.update(x.i for x in c.subtree)
    return out


def _content_region(tok: Token, table: ConditionTable) -> set[int]:
    """What the trigger is about: its subtree less subject, side clauses and punctuation.

    A pseudo-cleft ("what Moscow wants is the old border") adds the predicate noun.
    """
    region = {tok.i}
    for c in tok.children:
        if c.dep_ in _NOT_CONTENT:
            continue
        if c.dep_ == "advcl":
            continue
        if c.dep_ == "conj" and c.pos_ in VERBAL:
            continue
        region.update(t.i for t in c.subtree)
    if tok.dep_ in ("csubj", "csubjpass"):
        for c in tok.head.children:
            if c.dep_ in ("attr", "acomp"):
                region.update(t.i for t in c.subtree)
                region -= _set_against(c, table)
    return region - _set_against(tok, table)


def _side_clauses(doc: Doc, ids: set[int], table: ConditionTable,
                  keep: set[int] | frozenset[int] = frozenset()) -> set[int]:
    """Asides inside a region: relative and loose clauses ("Crimea, which Moscow
    annexed"), adjuncts of time or cause ("following the annexation")."""
    out: set[int] = set()
    for i in ids:
        t = doc[i]
        if t.i in out:
            continue
        if t.dep_ == "relcl" and t.head.i in keep:
            continue
        if t.dep_ in ("relcl", "parataxis") or (t.dep_ == "prep" and t.lower_ in table.adjunct_preps):
            out.update(x.i for x in t.subtree)
    return out


def _char_range(doc: Doc, ids: set[int]) -> tuple[int, int]:
    lo, hi = min(ids), max(ids)
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


def _is_hard(anchors: set[int], doc: Doc, table: ConditionTable) -> bool:
    for i in anchors:
        t = doc[i]
        if t.lower_ in table.hard_words:
            return True
        if any(c.lower_ in table.hard_words and c.dep_ in ("acomp", "oprd", "aux", "advmod", "neg")
               for c in t.children):
            return True
    return False


# --------------------------------------------------------------------------- entry point


def conditions_for(
    trigger: Token, sent: Span, *, signal_type: str, topics: tuple[str, ...], negated: bool,
    polarity: str = "positive", content: bool = True,
) -> tuple[Condition, ...]:
    """Conditions of the signal whose trigger is ``trigger`` in sentence ``sent``.

    ``negated`` says the signal's own predicate is negated ("will not negotiate
    unless ..."), which reverses the sense of some cues, as does an adverse
    type ("will strike unless ..."). A negative signal ("not demanding X") sets
    no condition through its content, and neither does one whose content is
    what the actor refuses or finds hard unless his requirement is met
    (``content=False``: "will never agree to freeze the lines without guarantees").
    """
    table = condition_table()
    doc = sent.doc
    anchors = _anchors(trigger)
    hard = negated or signal_type in table.adverse_types or _is_hard(anchors, doc, table)
    found: list[Condition] = []
    in_clauses: set[int] = set()
    for clause in _cue_clauses(sent, table):
        if trigger.i in clause.tokens or not (clause.root.i in anchors or _hangs_on(clause.root, anchors)):
            continue
        in_clauses |= clause.tokens
        tokens = clause.tokens - _side_clauses(doc, clause.tokens, table)
        cue = clause.cue
        state = cue.negated if hard and cue.negated is not None else cue.state
        head = next((doc[i] for i in sorted(clause.tokens) if doc[i].pos_ in ("NOUN", "PROPN")), None)
        if cue.none_words and head is not None and head.lower_ in cue.none_words:
            start = doc[clause.first].idx
            end = head.idx + len(head.text)
            topic = topics[0] if topics else table.none_topic
            found.append(Condition(topic=topic, detail=doc.text[start:end], start=start, end=end,
                                   state="none"))
            continue
        if not tokens:
            continue
        start, end = _char_range(doc, tokens)
        hits = _hits(doc, tokens, start, end, table)
        for hit in hits:
            turned = _turned(hit.root, clause.root, hit.pattern.topic, table, include_top=True)
            s = _FLIP[state] if turned else state
            found.append(_condition(hit, tokens, s, table))
        if not hits:
            found.append(_open_condition(doc, tokens, state, topics))
    rule = table.content.get(signal_type)
    if rule is not None and polarity != "negative" and content:  # "not demanding X" sets no condition
        region = _content_region(trigger, table) - in_clauses
        region = {i for i in region if sent.start <= i < sent.end}
        # what a rejection turns down or a demand asks for may be defined by a relative
        # clause of its object ("rejected any deal that would cede territory",
        # "demanded guarantees that would block ..."); elsewhere relatives are asides
        own = ({c.i for c in trigger.children if c.dep_ in ("dobj", "pobj")}
               if signal_type in ("reject", "demand") else set())
        region -= _side_clauses(doc, region, table, keep=own)
        if signal_type == "reject" and not negated:
            region.discard(trigger.i)  # "withdraw from the treaty" is the rejection itself
        if region:
            start, end = _char_range(doc, region)
            for hit in _hits(doc, region, start, end, table):
                if not rule.admits(hit.pattern):
                    continue
                turned = _turned(hit.root, trigger, hit.pattern.topic, table, include_top=False)
                s = _FLIP[rule.state] if turned else rule.state
                found.append(_condition(hit, region, s, table))
    return _dedupe(found)


def _open_condition(doc: Doc, tokens: set[int], state: State, topics: tuple[str, ...]) -> Condition:
    """A condition clause whose words the detail lexicon does not know ("only if Israel
    withdrew its forces", "as long as Washington lifts the export controls"): kept
    whole, on any story, under the topic its own words name, else the signal's."""
    from newstrace.extract.signals.topics import topic_table

    first = min(tokens)
    ids = sorted(i for i in tokens if i - first <= _MAX_OPEN)
    start, end = doc[ids[0]].idx, doc[ids[-1]].idx + len(doc[ids[-1]].text)
    detail = doc.text[start:end].strip(" ,;:" + _QUOTES)
    named = topic_table().find(detail)
    topic = named[0] if named else (topics[0] if topics else _OTHER_TOPIC)
    return Condition(topic=topic, detail=detail, start=start, end=end, state=state)


def _dedupe(found: list[Condition]) -> tuple[Condition, ...]:
    """One condition per topic and place; a phrase inside another of its topic goes."""
    out: list[Condition] = []
    for c in sorted(found, key=lambda c: (c.start, -c.end)):
        if any(o.topic == c.topic and o.start <= c.start and c.end <= o.end for o in out):
            continue
        out.append(c)
    return tuple(out)


def merge_conditions(a: tuple[Condition, ...], b: tuple[Condition, ...]) -> tuple[Condition, ...]:
    return _dedupe([*a, *b])
