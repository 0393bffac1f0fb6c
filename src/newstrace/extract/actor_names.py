"""Canonical names for actors that no table lists, decided once per document.

A story about anything but the packaged packs' conflicts names people the actor
table does not know. News copy names a person in full once ("U.S. Treasury
Secretary Scott Bessent") and by surname after ("Bessent"), so the document itself
is the reference: every person entity is read once, stripped of titles, and a
later short form maps to the one full name it can stand for.

* a surname, or a leading family name ("Xi" of "Xi Jinping"), maps to the unique
  full name that ends (else starts) with it; two candidates leave it as written;
* a name is read from the entity, not the parse, so "He Lifeng" never loses
  "He" (a pronoun to the tagger) and "Leung Chun-ying" keeps its hyphen;
* "the prime minister" is the latest person written with those title words;
* datelines ("DOHA —", which the tagger may call a person) name nobody;
* "<owner>'s office" is the owner's body, and says whom it speaks for.

The words (honorifics, party and office nouns) are data in
``data/extract/en/names.toml``; attribution (speakers, pronouns) and signals
(actors) both ask this one index, so one person gets one name in both.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newstrace.knowledge import actors
from newstrace.knowledge.datafiles import load_toml

_KEY = "newstrace.actor_names"
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_LEFT = frozenset({"compound", "amod", "nmod", "poss", "case", "det", "punct", "nummod"})
_BODY_WINDOW = 5  # sentences back (as for pronouns) that "the group" may look for its organisation


@dataclass(frozen=True, slots=True)
class NameWords:
    honorifics: frozenset[str]
    party_nouns: frozenset[str]
    party_words: frozenset[str]
    office_nouns: frozenset[str]
    body_nouns: frozenset[str]


@functools.lru_cache(maxsize=1)
def name_words() -> NameWords:
    """The English word lists (validated on load: an unknown key or a non-list fails loudly)."""
    data = load_toml("extract/en/names.toml")  # checked against knowledge/schemas (E016)

    def words(key: str) -> frozenset[str]:
        return frozenset(w.casefold() for w in data.get(key, ()))

    return NameWords(words("honorifics"), words("party_nouns"), words("party_words"),
                     words("office_nouns"), words("body_nouns"))


def _fold(word: str) -> str:
    return word.casefold().rstrip(".")


@dataclass(frozen=True, slots=True)
class PersonMention:
    """A person entity as written: token range of the bare name, its name, its title words."""

    start: int
    end: int
    name: str
    titles: frozenset[str]


@dataclass(slots=True)
class DocNames:
    """The document's own name table (built by ``doc_names``)."""

    mentions: list[PersonMention] = field(default_factory=list)
    dateline_tokens: frozenset[int] = frozenset()
    _by_token: dict[int, PersonMention] = field(default_factory=dict)
    _full: list[str] = field(default_factory=list)  # full names, first written first
    _acronyms: dict[str, str] = field(default_factory=dict)
    _initials: dict[str, str] = field(default_factory=dict)  # "IMF" -> a name with those initials
    _orgs: dict[int, str] = field(default_factory=dict)  # token -> organisation name as written
    _bodies: list[tuple[int, int, str]] = field(default_factory=list)  # (token, sentence, name)

    # ------------------------------------------------------------------ building

    def _add_person(self, doc: Doc, ent: Span) -> None:
        words = name_words()
        toks = list(ent)
        # "Chae Yeon-seok": the tagger may stop the entity at a hyphen inside the name
        end = ent.end
        while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
                and not doc[end].whitespace_ and doc[end + 1].is_alpha:
            toks += [doc[end], doc[end + 1]]
            end += 2
        stripped: list[str] = []
        while toks and (_fold(toks[0].text) in words.honorifics or toks[0].is_lower
                        or toks[0].is_punct):
            stripped.append(toks[0].lower_)
            toks.pop(0)
        while toks and (toks[-1].text in _POSSESSIVE or toks[-1].is_punct):
            toks.pop()
        if not toks:
            return
        name = " ".join(doc[toks[0].i: toks[-1].i + 1].text.split())
        titles = set(stripped) | _title_words(doc, ent)
        known = actors().lookup(name)
        if known is not None:  # the table's titles ("the Russian head of state") count too
            titles |= {w.casefold() for title in known.titles for w in title.split()}
        mention = PersonMention(toks[0].i, toks[-1].i + 1, name, frozenset(titles))
        self.mentions.append(mention)
        for t in [*ent, *toks]:
            self._by_token[t.i] = mention
        if len(name.split()) > 1 and name not in self._full:
            self._full.append(name)

    def _add_org(self, doc: Doc, ent: Span) -> None:
        toks = [t for t in ent if t.i not in self.dateline_tokens]
        while toks and (toks[0].lower_ == "the" or toks[0].is_punct):
            toks.pop(0)
        while toks and (toks[-1].text in _POSSESSIVE or toks[-1].is_punct):
            toks.pop()
        if not toks:
            return
        poss = [i for i, t in enumerate(toks) if t.text in _POSSESSIVE]
        if poss and len(toks) - poss[-1] > 2 and all(t.pos_ == "PROPN" for t in toks[poss[-1] + 1:]):
            # "Labour's Jeremy Corbyn", tagged an organisation: the owner's person
            self._add_person(doc, doc[toks[poss[-1] + 1].i: toks[-1].i + 1])
            return
        name = doc[toks[0].i: toks[-1].i + 1].text
        for t in toks:
            self._orgs[t.i] = name
        if ent.label_ == "ORG":
            self._bodies.append((toks[0].i, toks[0].sent.start, name))
        initials = "".join(w[0] for w in name.split() if w[0].isupper())
        if len(initials) >= 3:
            self._initials.setdefault(initials, name)
        # "the International Monetary Fund (IMF)": the acronym stands for the name
        end = toks[-1].i + 1
        if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
            short = doc[end + 1].text
            if short.isupper() and 2 <= len(short) <= 8:
                self._acronyms.setdefault(short, name)

    # ------------------------------------------------------------------ queries

    def person(self, written: str) -> str:
        """The full name a person's written name stands for in this document."""
        bare = self.bare(written)
        words = bare.split()
        if not words:
            return written
        if len(words) > 1:
            longer = [f for f in self._full
                      if len(f.split()) > len(words) and f.split()[-len(words):] == words]
            return _one(longer) or bare
        w = words[0]
        ends = [f for f in self._full if f.split()[-1] == w]
        if ends:
            return _one(ends) or bare
        starts = [f for f in self._full if f.split()[0] == w]
        return _one(starts) or bare

    def bare(self, written: str) -> str:
        """A written person name without leading titles and a trailing possessive."""
        words = written.replace("’", "'").split()
        honorifics = name_words().honorifics
        while len(words) > 1 and (_fold(words[0]) in honorifics or words[0].islower()):
            words.pop(0)
        if words and words[-1].endswith("'s"):
            words[-1] = words[-1][:-2]
        elif words and words[-1].endswith("'"):
            words[-1] = words[-1][:-1]
        return " ".join(w for w in words if w)

    def knows_person(self, written: str) -> bool:
        """``written`` is, or is part of, a person's name written in this document."""
        bare = self.bare(written)
        return bool(bare) and any(
            f == bare or f.split()[-len(bare.split()):] == bare.split() for f in self._full
        )

    def person_at(self, token: Token) -> str | None:
        """Canonical name of the person entity holding ``token`` (None: none, or a dateline)."""
        if token.i in self.dateline_tokens:
            return None
        mention = self._by_token.get(token.i)
        return self.person(mention.name) if mention is not None else None

    def org_at(self, token: Token) -> str | None:
        """The organisation or place entity holding ``token``, as written in full."""
        name = self._orgs.get(token.i)
        if name is None:
            return None
        return self._acronyms.get(name, name)

    def expand(self, written: str) -> str:
        """An acronym the document spelt out ("IMF" → "International Monetary Fund")."""
        short = written.strip()
        if short in self._acronyms:
            return self._acronyms[short]
        if short.isupper() and short.isalpha() and 3 <= len(short) <= 6:
            return self._initials.get(short, written)
        return written

    def body_before(self, head: Token) -> str | None:
        """"the group": the organisation named last before ``head``, a few sentences back
        at most; an outlet is never the one meant."""
        from newstrace.knowledge import outlets

        if head.lemma_.casefold() not in name_words().body_nouns or head.tag_ != "NN" or any(
                c.dep_ != "det" or c.lower_ != "the" for c in head.children if c.i < head.i):
            return None
        sents = [s.start for s in head.doc.sents if s.start <= head.i][-_BODY_WINDOW - 1:]
        for i, sent, name in reversed(self._bodies):
            if i < head.i and sent >= sents[0] and outlets().lookup(name) is None:
                return self._acronyms.get(name, name)
        return None

    def titled(self, words: frozenset[str], before: int) -> str | None:
        """"the prime minister": the latest person before token ``before`` written with all
        of ``words`` as title words, else the only such person in the document."""
        if not words:
            return None
        fitting = [m for m in self.mentions if words <= m.titles]
        earlier = [m for m in fitting if m.start < before]
        if earlier:
            return self.person(earlier[-1].name)
        return _one([self.person(m.name) for m in fitting])


def _one(names: list[str]) -> str | None:
    """The single name meant, when every candidate is the same person written alike."""
    unique = list(dict.fromkeys(names))
    if len(unique) == 1:
        return unique[0]
    # "Philip Breedlove" and "Philip M. Breedlove": same first and last word, first written wins
    keys = {(n.split()[0], n.split()[-1]) for n in unique}
    return unique[0] if len(keys) == 1 else None


def _title_words(doc: Doc, ent: Span) -> set[str]:
    """Words written as the person's title: before the name in its noun phrase
    ("Israeli Prime Minister ..."), or in an apposition ("Naim, a Hamas official")."""
    root = ent.root
    start = ent.start
    for c in root.children:
        if c.i < ent.start and c.dep_ in _LEFT:
            start = min(start, c.left_edge.i)
    words = {t.lower_ for t in doc[start: ent.start] if not t.is_punct and t.dep_ not in ("det", "case")}
    phrases = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        phrases.append(root.head)
    for p in phrases:
        words |= {t.lower_ for t in p.subtree if t.i < ent.start or t.i >= ent.end
                  if not t.is_punct and t.dep_ not in ("det", "case", "relcl")}
    return {re.sub(r"[’']s$", "", w) for w in words}


def doc_names(doc: Doc) -> DocNames:
    """The document's name table, built on first use and kept on the ``Doc``."""
    cached = doc.user_data.get(_KEY)
    if isinstance(cached, DocNames):
        return cached
    from newstrace.extract.signals.dateline import find_datelines
    from newstrace.extract.signals.lexicon import lexicon

    names = DocNames(dateline_tokens=find_datelines(doc, lexicon()).tokens)
    for ent in doc.ents:
        if any(t.i in names.dateline_tokens for t in ent):
            continue
        if ent.label_ == "PERSON":
            names._add_person(doc, ent)
        elif ent.label_ in ("ORG", "GPE", "FAC"):
            names._add_org(doc, ent)
    doc.user_data[_KEY] = names
    return names
