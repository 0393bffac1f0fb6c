"""Who a speaker noun phrase denotes: canonical name, kind, named or not.

Built on the spaCy parse plus the shared actor and outlet tables; the word lists
(source nouns, commentators, groups, documents, pronouns) are data in
``data/extract/en/speakers.toml``. Pronouns and anaphoric descriptions ("the
official") are resolved elsewhere (``attribution_context``) because they need
the document's history; this module classifies one phrase, naming a person or body
no table lists from the document's own name table (``extract.actor_names``:
"Bessent" is the "Scott Bessent" written earlier).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from typing import Literal

from spacy.tokens import Token

from newstrace.extract.actor_names import doc_names, name_words
from newstrace.knowledge import actors, outlets
from newstrace.knowledge.actor_table import Actor
from newstrace.knowledge.datafiles import load_toml
from newstrace.records import SpeakerKind

Role = Literal[
    "named",  # a name, a title or a known body
    "media",  # an outlet
    "source",  # an unnamed source an outlet cites ("a senior Russian source")
    "commentator",  # unnamed commentators ("analysts")
    "group",  # a collective of people ("military bloggers")
    "generic",  # a quantified generic group ("few US officials")
    "pronoun",  # to be resolved from context
    "anaphor",  # a definite description to be resolved from context ("the official")
    "unknown",  # a common noun phrase outside the lists
]

# Dependency labels of material that belongs to the phrase as written but not to its core.
_NON_CORE = frozenset({"relcl", "appos", "acl", "prep", "punct", "cc", "conj", "advcl", "poss"})
_CLAUSAL = frozenset({"relcl", "appos", "acl", "advcl"})
_ENT_KIND: dict[str, SpeakerKind] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "government",
    "NORP": "group",
}
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})


@dataclass(frozen=True, slots=True)
class SpeakerWords:
    source_heads: frozenset[str]
    commentator_heads: frozenset[str]
    group_heads: frozenset[str]
    generic_quantifiers: frozenset[str]
    document_heads: frozenset[str]
    media_heads: frozenset[str]
    human_heads: frozenset[str]
    pronouns: dict[str, tuple[str, str]]  # word -> (gender, number)
    partitive_heads: frozenset[str]
    non_speaker_subjects: frozenset[str]
    generic_pronouns: frozenset[str] = frozenset()

    def person_like(self, lemma: str) -> bool:
        return (lemma in self.source_heads or lemma in self.commentator_heads
                or lemma in self.group_heads or lemma in self.human_heads
                or lemma in self.document_heads)


@functools.lru_cache(maxsize=1)
def speaker_words() -> SpeakerWords:
    """The process-wide speaker word lists (the data file is read once)."""
    data = load_toml("extract/en/speakers.toml")

    def words(key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in data.get(key, ()))

    pronouns = {
        w: (str(v.get("gender", "any")), str(v.get("number", "sing")))
        for w, v in data.get("pronouns", {}).items()
    }
    return SpeakerWords(
        source_heads=words("source_heads"),
        commentator_heads=words("commentator_heads"),
        group_heads=words("group_heads"),
        generic_quantifiers=words("generic_quantifiers"),
        document_heads=words("document_heads"),
        media_heads=words("media_heads"),
        human_heads=words("human_heads"),
        pronouns=pronouns,
        partitive_heads=words("partitive_heads"),
        non_speaker_subjects=words("non_speaker_subjects"),
        generic_pronouns=words("generic_pronouns"),
    )


@dataclass(frozen=True, slots=True)
class Speaker:
    """A classified speaker phrase. ``start``/``end`` are character offsets of the phrase."""

    text: str | None
    canonical: str | None
    kind: SpeakerKind
    named: bool
    role: Role
    start: int
    end: int
    head_lemma: str = ""
    gender: str = "any"
    plural: bool = False

    def resolved(self, other: Speaker) -> Speaker:
        """This phrase as written, standing for ``other`` (pronoun or anaphor resolution)."""
        return replace(self, canonical=other.canonical, kind=other.kind, named=other.named,
                       role=other.role if other.role not in ("pronoun", "anaphor") else "source",
                       gender=other.gender)


NO_SPEAKER = Speaker(None, None, "anonymous", False, "unknown", -1, -1)


def phrase_tokens(head: Token) -> list[Token]:
    """The speaker phrase of ``head``: its subtree, minus trailing clauses after a comma.

    Relative clauses stay ("the source, who spoke on condition of anonymity"), as
    written; a phrase of more than 40 tokens is cut back to its head's own words.
    """
    toks = list(head.subtree)
    # A time phrase the parser hung on the speaker ("the office on Wednesday denied")
    # belongs to the cue, never to the speaker.
    timed = {
        x.i
        for c in head.children
        if (c.dep_ == "prep" and any(g.ent_type_ in ("DATE", "TIME") for g in c.children))
        or (c.dep_ == "npadvmod" and c.ent_type_ in ("DATE", "TIME"))
        for x in c.subtree
    }
    if timed:
        toks = [t for t in toks if t.i not in timed]
    if len(toks) > 40:
        toks = [t for t in toks if t.i <= head.i and t.head.i >= toks[0].i] or [head]
    while toks and (toks[-1].is_punct or toks[-1].is_space or toks[-1].dep_ in ("cc",)):
        toks.pop()
    while toks and (toks[0].is_punct or toks[0].is_space or toks[0].dep_ == "cc"
                    or toks[0].lower_ in ("but", "and")):
        toks.pop(0)
    return toks or [head]


def core_tokens(head: Token) -> list[Token]:
    """The head with its compounds, modifiers and determiners, no clauses or prepositions."""
    keep = {head.i}
    stack = [c for c in head.children if c.dep_ not in _NON_CORE]
    while stack:
        t = stack.pop()
        keep.add(t.i)
        stack.extend(c for c in t.children if c.dep_ not in _NON_CORE)
    doc = head.doc
    lo, hi = min(keep), max(keep)
    return [doc[i] for i in range(lo, hi + 1) if i in keep]


def _text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    return str(doc[tokens[0].i : tokens[-1].i + 1].text)


def _plain_text(tokens: list[Token]) -> str:
    """The phrase without its clausal parts (relative clauses, appositions)."""
    if not tokens:
        return ""
    drop: set[int] = set()
    for t in tokens:
        if t.dep_ in _CLAUSAL and t.i not in drop:
            drop.update(x.i for x in t.subtree)
    kept = [t for t in tokens if t.i not in drop]
    while kept and kept[-1].is_punct:
        kept.pop()
    return "".join(t.text_with_ws for t in kept).strip()


def _actor_suffix(core: list[Token], head: Token) -> Actor | None:
    """Longest known actor form ending at the head ("German Defence Minister Boris Pistorius")."""
    table = actors()
    upto = [t for t in core if t.i <= head.i]
    for k in range(len(upto)):
        found = table.lookup("".join(t.text_with_ws for t in upto[k:]).strip())
        if found is not None:
            return found
    return None


def _name_chain(head: Token) -> str:
    """A proper name: the head with its adjacent proper-noun compounds ("Dmitry Peskov")."""
    lo = head.i
    doc = head.doc
    person = head.ent_type_ == "PERSON"
    while lo > 0 and doc[lo - 1].pos_ == "PROPN" and doc[lo - 1].head.i == head.i and (
            not person or doc[lo - 1].ent_type_ == "PERSON"):
        lo -= 1
    return str(doc[lo : head.i + 1].text)


def classify(head: Token, tokens: list[Token] | None = None) -> Speaker:
    """Classify the speaker phrase headed by ``head`` (a spaCy token)."""
    words = speaker_words()
    tokens = tokens or phrase_tokens(head)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    text = _text(tokens)
    lower = head.lower_
    plural = head.tag_ in ("NNS", "NNPS")
    base = Speaker(text, None, "anonymous", False, "unknown", start, end, head.lemma_.lower(),
                   plural=plural)

    # "one of the officials", "some of the sources": the partitive's object is the head.
    if lower in speaker_words().partitive_heads:
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs:
                    inner = classify(objs[0], phrase_tokens(objs[0]))
                    return replace(inner, text=text, start=start, end=end, plural=plural)

    # "some say", "others argue", "everyone agrees": an unnamed generic group, no antecedent
    if lower in words.generic_pronouns:
        return replace(base, role="generic", plural=True)

    if head.pos_ == "PRON" or lower in words.pronouns:
        gender, number = words.pronouns.get(lower, ("any", "sing"))
        return replace(base, role="pronoun", gender=gender, plural=number == "plur")

    core = core_tokens(head)
    plain = _plain_text(tokens)
    reg = outlets()
    outlet = reg.lookup(plain) or reg.lookup(_text(core))
    if outlet is not None:
        return replace(base, canonical=outlet.name, kind="media", named=True, role="media")

    lemma = head.lemma_.lower()
    if head.pos_ == "PROPN" or lemma in words.media_heads:
        named_by = [_text(core)] + [_text(core_tokens(c)) for c in head.children
                                    if c.dep_ == "appos" and lemma in words.media_heads]
        found = [f for part in named_by for f in reg.find_all(part)]
        if found:
            return replace(base, canonical=found[-1][2].name, kind="media", named=True,
                           role="media")
    if lemma in words.document_heads:
        author = _document_author(head)
        if author is not None:
            inner = classify(author)
            return replace(inner, text=text, start=start, end=end, head_lemma=lemma)
        found = reg.find_all(_text(core))
        if found:
            return replace(base, canonical=found[0][2].name, kind="media", named=True, role="media")

    has_name = head.pos_ == "PROPN" or head.ent_type_ == "PERSON"
    titled = actors().lookup(plain)
    if titled is not None and titled.kind == "person":  # "the Kremlin leader"
        return replace(base, canonical=titled.canonical, kind="person", named=True,
                       role="named", gender=titled.gender or "any")
    if head.ent_type_ != "PERSON" and titled is None:
        apposed = _apposed_person(head, tokens)
        if apposed is not None:  # "Russia's ambassador to the US Anatoly Antonov"
            known = actors().lookup(apposed)
            return replace(base, canonical=known.canonical if known else apposed, kind="person",
                           named=True, role="named",
                           gender=known.gender if known and known.gender else "any")
        if head.pos_ == "PROPN" and head.lower_.rstrip(".") in name_words().honorifics and any(
                t.lower_ == "the" and t.dep_ == "det" for t in core):
            return replace(base, role="anaphor")  # "the Chairman of the Committee": a title
    if not has_name:
        # "the premier's aide and trade adviser Ola Brenn": the name is a conjunct
        for c in head.children:
            if c.dep_ in ("conj", "appos") and c.pos_ == "PROPN" and c.ent_type_ == "PERSON":
                inner = classify(c, [c])
                return replace(inner, text=text, start=start, end=end)
        quant = {t.lower_ for t in core if t.dep_ in ("det", "amod", "nummod", "advmod")}
        if lemma in words.source_heads or lemma in words.commentator_heads:
            if quant & words.generic_quantifiers:
                return replace(base, role="generic")
            definite = any(t.lower_ in _DEFINITE and t.dep_ == "det" for t in core)
            if definite and lemma in words.source_heads:
                return replace(base, role="anaphor")
            role: Role = "source" if lemma in words.source_heads else "commentator"
            return replace(base, role=role)
        if lemma in words.group_heads:
            return replace(base, kind="group", role="group")

    table = actors()
    actor = table.lookup(plain) or _actor_suffix(core, head)
    if actor is not None:
        kind = actor.kind if actor.kind in _ENT_KIND.values() or actor.kind == "media" else "person"
        return replace(base, canonical=actor.canonical, kind=kind, named=True,  # type: ignore[arg-type]
                       role="named", gender=actor.gender or "any")
    body = doc_names(head.doc).body_before(head)
    if body is not None:  # "the group said", just after "Hamas"
        known = actors().lookup(body)
        kind = known.kind if known is not None and known.kind in _ENT_KIND.values() else "organization"
        return replace(base, canonical=known.canonical if known else body, kind=kind,  # type: ignore[arg-type]
                       named=True, role="named")
    office = _office(head, lemma)
    if office is not None:
        return replace(base, canonical=office[0], kind=office[1], named=True, role="named")
    if head.pos_ == "PROPN" or head.ent_type_ in _ENT_KIND:
        names = doc_names(head.doc)
        if head.i in names.dateline_tokens:  # "GENEVA —" is where, never who
            return base
        kind_: SpeakerKind = _ENT_KIND.get(head.ent_type_, "person")
        found = reg.find_all(_name_chain(head))
        if found:
            return replace(base, canonical=found[0][2].name, kind="media", named=True, role="media")
        canonical, kind_ = _unlisted_name(head, kind_)
        return replace(base, canonical=canonical, kind=kind_, named=True, role="named")
    definite = any(t.lower_ in _DEFINITE and t.dep_ == "det" for t in core)
    if definite and words.person_like(lemma):
        return replace(base, role="anaphor")
    return base


def _unlisted_name(head: Token, kind: SpeakerKind) -> tuple[str, SpeakerKind]:
    """Canonical name and kind of a name no table lists, from the document's own names:
    "Bessent" is the "Scott Bessent" named earlier, even where the tagger calls it an
    organisation; an organisation keeps its whole written name ("Permanent Court of
    Arbitration"), an acronym the text spelt out its long form."""
    names = doc_names(head.doc)
    person = names.person_at(head)
    if person is not None:
        return person, "person"
    chain = _name_chain(head)
    if names.knows_person(chain):
        return names.person(chain), "person"
    spelt = names.expand(chain)
    if spelt != chain:  # an acronym of a body the text names in full
        return spelt, "organization" if kind == "person" else kind
    org = names.org_at(head)
    if org is not None:
        return org, kind
    return (names.person(chain) if kind == "person" else chain), kind


def _apposed_person(head: Token, tokens: list[Token]) -> str | None:
    """The one person named at the end of a title phrase, not after a preposition
    ("The US Deputy Minister of Defense, Colin Kahl"; never "a spokesman for Netanyahu")."""
    names = doc_names(head.doc)
    plain = [t for t in tokens if t.i > head.i]
    drop = {x.i for t in plain if t.dep_ in ("relcl", "acl", "advcl") for x in t.subtree}
    plain = [t for t in plain if t.i not in drop]
    while plain and plain[-1].is_punct:
        plain.pop()
    if not plain or head.lemma_.casefold() not in speaker_words().human_heads | \
            speaker_words().source_heads | name_words().honorifics:
        return None
    person = names.person_at(plain[-1])
    if person is None:
        return None
    first = plain[-1]
    while first.i - 1 > head.i and names.person_at(head.doc[first.i - 1]) == person:
        first = head.doc[first.i - 1]
    before = head.doc[first.i - 1]
    if before.pos_ == "ADP" or before.lower_ in ("and", "or", "with"):
        return None
    others = {names.person_at(t) for t in plain if t.i < first.i} - {None}
    return person if not others else None


def _office(head: Token, lemma: str) -> tuple[str, SpeakerKind] | None:
    """"Israeli Prime Minister Benjamin Netanyahu's office": the office of a named owner,
    named "<owner>'s office" (the link stage makes it speak for the owner)."""
    if lemma not in name_words().office_nouns or head.pos_ != "NOUN":
        return None
    owner = next((c for c in head.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
    if owner is None:
        return None
    inner = classify(owner, [owner])
    if not inner.named or inner.canonical is None or inner.kind == "media":
        return None
    kind: SpeakerKind = "organization" if inner.kind == "organization" else "government"
    return f"{inner.canonical}'s {lemma}", kind


def _document_author(head: Token) -> Token | None:
    """The author of a document noun: "by X", "X's report", "the Bloomberg report"."""
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ == "by":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
        if c.dep_ == "acl":
            for g in c.children:
                if g.dep_ == "agent":
                    for p in g.children:
                        if p.dep_ == "pobj":
                            return p
    for c in head.children:
        if c.dep_ == "poss":
            return c
    for c in head.children:
        if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN":
            return c
    return None


def speaker_like(head: Token) -> bool:
    """Whether a subject can be the source of a statement (a person, body, outlet or text)."""
    if head.ent_type_ in _ENT_KIND or head.pos_ == "PROPN":
        return True
    lemma = head.lemma_.lower()
    words = speaker_words()
    if head.lower_ in words.generic_pronouns:
        return True
    if head.pos_ == "PRON":  # "he", "they", and "those" (when described, see attribution)
        return head.lower_ in words.pronouns or head.lower_ in words.human_heads
    if words.person_like(lemma) or lemma in speaker_words().partitive_heads:
        return True
    core = core_tokens(head)
    if actors().lookup(_text(core)) is not None or outlets().lookup(_text(core)) is not None:
        return True
    return any(t.pos_ == "PROPN" for t in core)
