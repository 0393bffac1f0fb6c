"""Dependency-tree walks shared by the signal components.

spaCy gives the tree; what it does not give is the notion of "the predicate
chain" of a trigger (from "negotiate" up through "ready" and "is" to the verb
that carries the subject) or of a trigger's complement (what it is about).
Those two walks are written here once, by hand, because every signal
component (actor, polarity, span, time) needs the same answer.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
# Links that keep a trigger inside the clause of the predicate above it.
CHAIN_DEPS = frozenset({"xcomp", "acomp", "pcomp", "conj", "attr", "oprd", "prep", "pobj"})
# Links from a trigger down to what it is about.
COMPLEMENT_DEPS = frozenset({
    "dobj", "xcomp", "ccomp", "prep", "pobj", "pcomp", "acomp", "attr", "acl", "compound",
    "amod", "dative", "oprd", "conj", "nsubj", "agent", "npadvmod", "advmod", "appos",
    "nummod", "quantmod", "nmod", "poss",
})
# Clause-introducing links: a walk that crosses one has left the signal's clause.
CLAUSAL = frozenset({"ccomp", "advcl", "relcl", "parataxis", "csubj", "acl", "xcomp"})
VERBAL = frozenset({"VERB", "AUX"})


def is_relative(tok: Token) -> bool:
    """A true relative clause: not a "that"-complement the parser hung on a noun.

    In "signalling through intermediaries that Russia is willing" the parser
    makes the that-clause a relative of "intermediaries"; a real relative's
    "that" fills a role (subject, object), a complement's is a mere mark.
    """
    return bool(tok.dep_ == "relcl") and not any(
        c.dep_ == "mark" and c.lower_ == "that" for c in tok.children
    )


def has_subject(tok: Token) -> bool:
    return any(c.dep_ in SUBJECTS or c.dep_ == "agent" for c in tok.children)


def _is_infinitive(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _adjective_infinitive(tok: Token) -> bool:
    """"hard to agree", parsed as an adverbial clause of the adjective.

    Only when the adjective is not the predicate of a dummy-"it" copula ("it is
    hard to accept ..." says nothing about whose position it is), and the
    infinitive has no subject of its own ("hard for Kyiv to accept").
    """
    head = tok.head
    if tok.dep_ != "advcl" or head.pos_ != "ADJ" or tok.i < head.i or not _is_infinitive(tok):
        return False
    return not has_subject(tok) and head.dep_ in ("ccomp", "oprd", "xcomp")


def _dummy_it_small_clause(tok: Token) -> bool:
    """"Putin would find it hard ...": the adjective's "it" is a dummy; the finder is the subject."""
    head = tok.head
    if tok.pos_ != "ADJ" or tok.dep_ not in ("ccomp", "oprd", "xcomp") or head.pos_ != "VERB":
        return False
    subjects = [c for c in tok.children if c.dep_ in SUBJECTS]
    return (len(subjects) == 1 and subjects[0].lower_ == "it" and subjects[0].i < tok.i
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children))


def hard_frame(tok: Token, words: frozenset[str]) -> bool:
    """The trigger is what someone finds hard to do ("would find it hard to agree",
    "it would be difficult for Kyiv to accept", "is unable to sign").

    ``words`` are the adjectives and modals of difficulty (``conditions.toml``).
    """
    for t in chain(tok):
        if t.lower_ in words or any(
            c.lower_ in words and c.dep_ in ("acomp", "oprd", "aux", "advmod", "neg")
            for c in t.children
        ):
            return True
    top = chain(tok)[-1]
    if top.dep_ in ("advcl", "xcomp", "ccomp") and _is_infinitive(top) and top.head.i != top.i:
        head = top.head
        return head.lower_ in words or any(
            c.lower_ in words and c.dep_ in ("acomp", "oprd") for c in head.children
        )
    return False


def chain(tok: Token, *, limit: int = 8) -> list[Token]:
    """The trigger and the predicates above it, up to the one carrying its subject.

    "Russia is not ready to negotiate": negotiate -> ready -> is. A prepositional
    climb only continues from a verb or adjective ("persist in refusing"), so a
    noun inside a prepositional phrase does not borrow a far-away subject.
    """
    out = [tok]
    t = tok
    for _ in range(limit):
        if t.head.i != t.i and (_adjective_infinitive(t) or _dummy_it_small_clause(t)):
            t = t.head  # "would find it hard to agree": agree -> hard -> find
            out.append(t)
            continue
        if has_subject(t) or t.dep_ not in CHAIN_DEPS or t.head.i == t.i:
            break
        head = t.head
        if t.dep_ == "conj" and head.pos_ not in VERBAL and head.pos_ != "ADJ":
            break
        if t.dep_ in ("prep", "pobj") and head.pos_ not in VERBAL and head.pos_ not in ("ADP", "ADJ"):
            break
        if t.dep_ == "pobj" and head.dep_ != "prep":
            break
        t = head
        out.append(t)
    return out


def complement(tok: Token, *, depth: int = 3) -> Iterator[tuple[Token, tuple[Token, ...]]]:
    """Tokens a trigger is about, breadth first, each with the path leading to it.

    Subjects, auxiliaries and adverbial clauses are left out: "Kyiv rejected the
    plan because ..." is about the plan. A pseudo-cleft ("what the minister
    wants is the old border") also reaches the predicate noun of the copula.
    """
    frontier: list[tuple[Token, tuple[Token, ...]]] = [
        (c, (c,)) for c in tok.children if c.dep_ in COMPLEMENT_DEPS and c.dep_ != "nsubj"
    ]
    # "the prisoners whom Kyiv freed" are what was freed; "soldiers who freed the camp" are not
    if tok.dep_ in ("acl", "relcl") and tok.tag_ != "VBG" and not any(
        c.dep_ == "nsubj" and c.lower_ in ("who", "which", "that") for c in tok.children
    ):
        frontier.insert(0, (tok.head, (tok.head,)))
    if tok.dep_ in ("csubj", "csubjpass"):
        frontier += [(c, (c,)) for c in tok.head.children if c.dep_ in ("attr", "acomp")]
    seen = {tok.i}
    for _ in range(depth):
        nxt: list[tuple[Token, tuple[Token, ...]]] = []
        for t, path in frontier:
            if t.i in seen:
                continue
            seen.add(t.i)
            yield t, path
            nxt += [(c, (*path, c)) for c in t.children if c.dep_ in COMPLEMENT_DEPS]
        frontier = nxt


def subtree_ids(tok: Token) -> set[int]:
    return {t.i for t in tok.subtree}


def clause_path(tok: Token, top: Token) -> list[Token]:
    """Tokens from ``tok`` up to (excluding) ``top``; empty if ``top`` is not above it."""
    out: list[Token] = []
    t = tok
    while t.i != top.i:
        out.append(t)
        if t.head.i == t.i:
            return []
        t = t.head
    return out


def in_condition(tok: Token, condition_marks: frozenset[str]) -> bool:
    """True when the token sits in an "if/unless/whether ..." clause (hypothetical)."""
    t = tok
    while t.head.i != t.i:
        if any(c.dep_ == "mark" and c.lower_ in condition_marks for c in t.children):
            return True
        if t.i != tok.i and t.lower_ in condition_marks and t.dep_ in ("prep", "advcl"):
            return True  # "provided that X ...", parsed as a preposition with its clause
        t = t.head
    return False


def opening(tok: Token, *, words: int = 4) -> str:
    """The first words of the phrase headed by ``tok``, lower case ("only if kelmora")."""
    doc = tok.doc
    start = tok.left_edge.i
    return " ".join(t.lower_ for t in doc[start: min(start + words, tok.right_edge.i + 1)])


def clause_opening_with(tokens: list[Token], marks: tuple[str, ...]) -> Token | None:
    """A side clause or phrase of ``tokens`` that opens with one of ``marks``.

    "would enter talks only if X": the advcl "only if X" opens with "only if".
    """
    for t in tokens:
        for c in t.children:
            if c.dep_ not in ("advcl", "ccomp", "prep", "advmod", "npadvmod") or c.i < t.i:
                continue
            head = opening(c) + " "
            if any(head.startswith(m + " ") for m in marks):
                return c
    return None
