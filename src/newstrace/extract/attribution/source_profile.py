"""Describe each attribution's source as structure: count, standing, role, affiliation, proximity.

A reader weighs "two people close to the Kremlin" differently from "a former
official", so the description the text gives is kept, not only a name. This
reads the speaker phrase in the existing spaCy parse (no second parse); the word
lists are data (``data/extract/en/source_profile.toml``). No library describes
sources this way, so the walk over the phrase is written here, kept to the
phrase's own tokens. The cue's force comes from the cue lexicon, and the chain
of relaying outlets from the attributions of the same sentence ("X reported,
citing Y, which cited officials").
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from newstrace.extract.attribution.cues import cue_lexicon
from newstrace.knowledge import actors
from newstrace.knowledge.datafiles import load_toml
from newstrace.nlp import ParsedDocument
from newstrace.records import NO_PROFILE, Attribution, SourceProfile

_DETERMINERS = ("the ", "a ", "an ")
_REPORTING_CUES = frozenset({"according to", "cite", "quote"})
_CLAUSES = frozenset({"relcl", "acl", "advcl"})
_BODIES = frozenset({"organization", "government"})


@dataclass(frozen=True, slots=True)
class ProfileWords:
    numbers: dict[str, int]
    singular: frozenset[str]
    plural: frozenset[str]
    qualifiers: frozenset[str]
    anonymity: tuple[str, ...]
    roles: frozenset[str]
    multiword_roles: tuple[str, ...]
    weak_roles: frozenset[str]
    proximity: dict[str, frozenset[str]]
    affiliation_preps: frozenset[str]
    affiliation_labels: frozenset[str]


@functools.lru_cache(maxsize=1)
def profile_words() -> ProfileWords:
    """The process-wide word lists (the data file is read once)."""
    data = load_toml("extract/en/source_profile.toml")
    roles = [str(w).lower() for w in data["roles"]["words"]]
    return ProfileWords(
        numbers={str(k): int(v) for k, v in data["numbers"].items()},
        singular=frozenset(data["quantifiers"]["singular"]),
        plural=frozenset(data["quantifiers"]["plural"]),
        qualifiers=frozenset(data["qualifiers"]["words"]),
        anonymity=tuple(p.lower() for p in data["qualifiers"]["anonymity"]),
        roles=frozenset(r for r in roles if " " not in r),
        multiword_roles=tuple(r for r in roles if " " in r),
        weak_roles=frozenset(data["roles"].get("weak", ())),
        proximity={str(p["word"]): frozenset(p.get("preps", ())) for p in data["proximity"]["phrases"]},
        affiliation_preps=frozenset(data["affiliation"]["preps"]),
        affiliation_labels=frozenset(data["affiliation"]["labels"]),
    )


def with_profiles(parsed: ParsedDocument, found: Iterable[Attribution]) -> Iterator[Attribution]:
    """The attributions with ``force``, ``profile`` and ``via_chain`` filled in."""
    items = list(found)
    for a in items:
        yield dataclasses.replace(
            a, force=cue_force(a.cue), profile=describe(parsed, a), via_chain=via_chain(a, items)
        )


def cue_force(cue: str) -> str:
    """The cue's force in the lexicon; cues outside it (found by structure) are neutral."""
    if cue in _REPORTING_CUES:
        return "reporting"
    verb = cue_lexicon().verb(cue.split()[0]) if cue else None
    return verb.force if verb is not None else "neutral"


def via_chain(a: Attribution, sentence_items: list[Attribution]) -> tuple[str, ...]:
    """Relaying outlets, nearest the source first: an outlet that itself relays another's report."""
    if a.via is None:
        return ()
    chain = [a.via]
    for _ in range(3):
        relay = next(
            (m for m in sentence_items
             if m.sentence_start == a.sentence_start and m.speaker_kind == "media"
             and m.speaker_canonical == chain[-1] and m.via and m.via not in chain),
            None,
        )
        if relay is None or relay.via is None:
            break
        chain.append(relay.via)
    return tuple(chain)


def describe(parsed: ParsedDocument, a: Attribution) -> SourceProfile:
    """The source profile of one attribution, read from its speaker phrase."""
    if not a.speaker or a.speaker_kind == "media":
        return NO_PROFILE
    text = parsed.text
    lo = text.find(a.speaker, a.start, a.end)
    if lo < 0:
        return NO_PROFILE
    span = parsed.doc.char_span(lo, lo + len(a.speaker), alignment_mode="expand")
    if span is None or len(span) == 0 or span.root.pos_ == "PRON":
        return NO_PROFILE
    return _Phrase(list(span), span.root, named=a.named, body=a.speaker_kind in _BODIES,
                   canonical=a.speaker_canonical,
                   sentence=text[a.sentence_start : a.sentence_end]).profile()


class _Phrase:
    """One speaker phrase; each method reads one aspect of it."""

    def __init__(self, tokens: list[Token], head: Token, *, named: bool, body: bool, canonical: str | None,
                 sentence: str) -> None:
        self.words = profile_words()
        self.tokens = tokens
        self.ids = {t.i for t in tokens}
        self.named = named
        self.body = body  # a named body has no role or head count of its own
        self.name_words = set(canonical.lower().split()) if canonical and named else set()
        self.sentence = sentence.lower()
        self.head = head
        self.partitive, self.core = self._partitive()
        self.prox_text, prox_ids = self._proximity()
        self.aff_ids: set[int] = set()
        # a relative clause tells what the source did, not what it is
        clauses = {x.i for t in tokens if t.dep_ in _CLAUSES and t.i != head.i for x in t.subtree}
        self.skip = prox_ids | (clauses - prox_ids)
        self.role_ids: set[int] = set()
        self.prep_affiliations = self._prep_affiliations()
        self.multi_roles = self._multiword_roles()

    def profile(self) -> SourceProfile:
        affiliation = self._affiliation()
        roles = () if self.body and self.named else self._roles()
        counted = not self.named and (roles or self.core.lemma_.lower() in self.words.roles)
        return SourceProfile(
            count=self._count() if counted else None,
            qualifiers=self._qualifiers(),
            roles=roles,
            affiliation=affiliation,
            proximity=self.prox_text,
        )

    # ------------------------------------------------------------------ parts

    def _partitive(self) -> tuple[Token | None, Token]:
        """"one of the officials": (the partitive word, the noun it picks from)."""
        h = self.head
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ == "of" and (
                    h.lower_ in self.words.numbers or h.lower_ in self.words.plural or h.like_num):
                obj = next((g for g in c.children if g.dep_ == "pobj" and g.i in self.ids), None)
                if obj is not None:
                    return h, obj
        return None, h

    def _number(self, tok: Token) -> int | None:
        if tok.lower_ in self.words.numbers:
            return self.words.numbers[tok.lower_]
        if tok.text.isdigit():
            return int(tok.text)
        return None

    def _count(self) -> str | None:
        if self.partitive is not None:
            n = self._number(self.partitive)
            return str(n) if n is not None else "2+"
        core = self.core
        for c in core.children:
            if c.dep_ in ("nummod", "quantmod") or (c.dep_ == "det" and c.lower_ in self.words.numbers):
                n = self._number(c)
                if n is not None:
                    return str(n)
        if core.tag_ in ("NNS", "NNPS") or core.lower_ == "people":
            return "2+"
        if core.pos_ in ("NOUN", "PROPN"):
            return "1"
        return None

    def _qualifiers(self) -> tuple[str, ...]:
        out: list[str] = []
        for t in self.tokens:
            if t.i in self.skip or t.i in self.aff_ids:
                continue
            w = t.lower_.rstrip("-")
            if w in self.words.qualifiers and t.dep_ in ("amod", "advmod", "det", "compound", "npadvmod",
                                                         "nmod", "prep") and w not in out:
                out.append(w)
        if not self.named and "anonymous" not in out \
                and any(p in self.sentence for p in self.words.anonymity):
            out.append("anonymous")
        return tuple(out)

    def _multiword_roles(self) -> list[str]:
        """"secretary of state", "prime minister": matched on the words before any other part."""
        toks = [t for t in self.tokens if t.i not in self.skip and t.i not in self.aff_ids]
        low = [t.lower_ for t in toks]
        found: list[str] = []
        for role in self.words.multiword_roles:
            parts = role.split()
            for k in range(len(low) - len(parts) + 1):
                if low[k : k + len(parts)] == parts:
                    found.append(role)
                    self.role_ids.update(t.i for t in toks[k : k + len(parts)])
                    break
        return found

    def _roles(self) -> tuple[str, ...]:
        found = list(self.multi_roles)
        for t in self.tokens:
            if t.i in self.skip or t.i in self.aff_ids or t.i in self.role_ids or t.ent_type_ == "PERSON":
                continue
            lemma = t.lemma_.lower()
            if lemma in self.words.roles and not any(lemma in r.split() for r in found) \
                    and lemma not in found:
                found.append(lemma)
        strong = [r for r in found if r not in self.words.weak_roles]
        return tuple(strong or found)

    def _proximity(self) -> tuple[str | None, set[int]]:
        for t in self.tokens:
            preps = self.words.proximity.get(t.lower_)
            if preps is None:
                continue
            if preps:
                prep = next((c for c in t.children if c.dep_ == "prep" and c.lower_ in preps), None)
                if prep is None:
                    nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
                    prep = nxt if nxt is not None and nxt.lower_ in preps else None
                if prep is None:
                    continue
                ids = {x.i for x in prep.subtree} | {t.i}
            else:
                ids = {x.i for x in t.subtree}
            # a clause hung on the object tells something else ("…, who spoke on condition …")
            ids -= {x.i for y in t.doc[min(ids) : max(ids) + 1]
                    if y.dep_ in _CLAUSES | {"appos"} and y.i != t.i for x in y.subtree}
            ids &= self.ids
            while ids and (t.doc[max(ids)].is_punct or t.doc[max(ids)].is_space):
                ids.discard(max(ids))
            if t.i not in ids:
                continue
            lo, hi = min(ids), max(ids)
            doc = t.doc
            return str(doc[lo : hi + 1].text), set(range(lo, hi + 1))
        return None, set()

    def _prep_affiliations(self) -> list[str]:
        """"officials from the ministry", "Bevz, adviser to the chief of staff"."""
        doc = self.core.doc
        out: list[str] = []
        holders = [self.core] + [c for c in self.core.children if c.dep_ == "appos" and c.i in self.ids]
        for h in holders:
            for c in h.children:
                if c.dep_ != "prep" or c.lower_ not in self.words.affiliation_preps \
                        or c.i not in self.ids or c.i in self.skip:
                    continue
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is None:
                    continue
                sub = [x for x in obj.subtree if x.i in self.ids and x.ent_type_ != "PERSON"]
                if not sub:
                    continue
                self.aff_ids.update(x.i for x in sub)
                self.aff_ids.add(c.i)
                out.append(_bare(str(doc[sub[0].i : sub[-1].i + 1].text)))
        return out

    def _entities(self) -> Iterator[Span]:
        """The named entities that lie wholly inside the phrase, in document order.

        Read from the tokens' IOB tags over the phrase's own range rather than by
        walking ``doc.ents``, so the cost is the phrase's length, not the
        document's (walking every entity per attribution made long documents
        quadratic).
        """
        if not self.ids:
            return
        doc = self.core.doc
        lo, hi = min(self.ids), max(self.ids) + 1
        i = lo
        while i < hi:
            tok = doc[i]
            if tok.ent_iob_ != "B":
                i += 1
                continue
            end = i + 1
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
            if end <= hi:
                yield Span(doc, i, end, label=tok.ent_type_)
            i = end

    def _affiliation(self) -> tuple[str, ...]:
        out = list(self.prep_affiliations)
        if self.body and self.named:
            out = []  # "Ministry of Defense": the preposition is part of the body's name
        # named entities and known actors modifying the source: "Russian", "Kremlin"
        for ent in self._entities():
            if ent.label_ not in self.words.affiliation_labels:
                continue
            ids = set(range(ent.start, ent.end))
            if not ids <= self.ids or ids & (self.skip | self.role_ids) or self.head.i in ids:
                continue
            if ids & self.aff_ids and not (self.body and self.named):
                continue
            if self.body and self.named and ent.root.head.i != self.head.i and ent.root.dep_ != "poss":
                continue  # a part of the body's own name
            if ent.root.dep_ == "appos" and ent.root.pos_ == "PROPN":
                continue  # "the spy chief, DNI Avril Haines": the apposition names the source
            out.append(_bare(ent.text))
            self.aff_ids.update(ids)
        table = actors()
        for t in self.tokens:
            if self.body and self.named:
                break  # a body's capitalised words are its name, not an affiliation
            if t.i in self.aff_ids or t.i in self.skip or t.i in self.role_ids \
                    or t.dep_ not in ("compound", "amod", "poss", "nmod"):
                continue
            if (t.ent_type_ == "PERSON" and t.pos_ != "ADJ") or t.lower_ in self.words.qualifiers \
                    or t.ent_type_ in ("DATE", "TIME"):
                continue
            found = table.lookup(t.text)
            # a capitalised modifier inside a sentence is a proper adjective ("Danish",
            # "Western") the recognizer missed
            proper = t.pos_ in ("ADJ", "PROPN") and t.text[:1].isupper() and not t.is_sent_start \
                and t.dep_ in ("amod", "compound") and t.lemma_.lower() not in self.words.roles
            if (found is not None and found.kind != "person") or proper:
                out.append(t.text)
                self.aff_ids.add(t.i)
        # the source's own name is not its affiliation ("DNI Avril Haines")
        out = [o for o in out if not (self.name_words and self.name_words & set(o.lower().split()))]
        kept: list[str] = []
        for item in out:
            if item and not any(item != o and item in o for o in out) and item not in kept:
                kept.append(item)
        return tuple(kept)


def _bare(phrase: str) -> str:
    """An affiliation without its article or possessive: "the Kremlin's" -> "Kremlin"."""
    for suffix in ("'s", "’s"):
        if phrase.endswith(suffix):
            phrase = phrase[: -len(suffix)]
    low = phrase.lower()
    for d in _DETERMINERS:
        if low.startswith(d):
            return phrase[len(d):]
    return phrase
