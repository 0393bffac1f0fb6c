"""Find signal triggers in a sentence and decide their type.

A trigger is a token whose lemma the lexicon lists for a type, with the
argument structure the rule asks for (a complement of the right class, a noun
object, a particle). Attitude words ("willing", "ready") take their type from
their complement. When one trigger sits inside another's complement, the rule
of the outer one decides which survives ("refused to make concessions" is one
rejection; "agreed to resume aid" is aid). spaCy's Matcher cannot express
"some word of class X within three dependency steps", hence this module.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from newstrace.extract.signals.conditions import condition_table
from newstrace.extract.signals.lexicon import Lexicon, Rule, TriggerForm
from newstrace.extract.signals.syntax import (
    COMPLEMENT_DEPS,
    VERBAL,
    chain,
    clause_opening_with,
    complement,
    hard_frame,
    in_condition,
    opening,
)
from newstrace.knowledge import actors

_ENT_ACTOR = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_ENT_PLACE = frozenset({"GPE", "LOC", "FAC"})
# Complement links that do not belong to the "inner" region of a trigger.
_NOT_INNER = frozenset({"nsubj", "nsubjpass", "advcl", "relcl", "parataxis", "conj", "cc", "punct"})


_WRAPPER_START = frozenset({"xcomp", "prep", "acl", "ccomp", "dobj", "pobj"})
_WRAPPER_STEP = frozenset({"xcomp", "prep", "pobj", "dobj", "ccomp", "compound", "pcomp", "nsubj", "acl"})


@dataclass(slots=True)
class Trigger:
    token: Token
    rule: Rule
    type: str
    path: tuple[Token, ...] = ()
    char_span: tuple[int, int] | None = None
    double_negation: bool = False


def in_class(tok: Token, name: str, lex: Lexicon) -> bool:
    if name == "@actor":
        return tok.ent_type_ in _ENT_ACTOR or (
            tok.pos_ == "PROPN" and actors().lookup(tok.text) is not None
        )
    if name == "@party":
        if tok.ent_type_ in ("PERSON", "ORG", "NORP"):
            return True
        return tok.pos_ == "PROPN" and actors().lookup(tok.text) is not None
    if name == "@place":
        return tok.ent_type_ in _ENT_PLACE
    words = lex.classes.get(name, frozenset())
    return tok.lemma_.casefold() in words or tok.lower_ in words


def _has_particle(tok: Token, particle: str) -> bool:
    return any(c.dep_ in ("prep", "prt", "agent") and c.lower_ == particle for c in tok.children)


def _wrapper_type(tok: Token, rule: Rule, lex: Lexicon) -> tuple[str, tuple[Token, ...]] | None:
    """Type from the complement of an attitude word, walking only through light verbs.

    "ready to have talks" reaches "talks" through "have"; "ready to fight until
    the end" stops at "fight", which is neither a class word nor a light verb.
    """
    # a fronted phrase ("Ahead of the talks, Kyiv wants to rally support") is no complement
    frontier: list[tuple[Token, tuple[Token, ...]]] = [
        (c, (c,)) for c in tok.children
        if c.dep_ in _WRAPPER_START and (c.i > tok.i or c.dep_ not in ("prep", "npadvmod"))
    ]
    for _ in range(4):
        nxt: list[tuple[Token, tuple[Token, ...]]] = []
        for t, path in frontier:
            for cls, typ in rule.mapping.items():
                if in_class(t, cls, lex):
                    return typ, path
            lemma = t.lemma_.casefold()
            if t.pos_ in VERBAL and lemma not in lex.light_verbs and lemma not in lex.hedge_verbs:
                continue
            nxt += [(c, (*path, c)) for c in t.children if c.dep_ in _WRAPPER_STEP]
        frontier = nxt
    return None


def _has_infinitive(tok: Token) -> bool:
    """A to-infinitive complement: "agreed to set up", "offered to hand over"."""
    return any(
        c.dep_ in ("xcomp", "ccomp") and c.pos_ in VERBAL and c.i > tok.i
        and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        for c in tok.children
    )


def _excluded(tok: Token, rule: Rule, lex: Lexicon) -> bool:
    """A modifier that makes the trigger another thing ("hunger strike", "general strike")."""
    return any(
        c.dep_ in ("compound", "amod", "nmod") and in_class(c, cls, lex)
        for c in tok.children for cls in rule.exclude
    )


_PARTIES = frozenset({"PERSON", "GPE", "ORG", "NORP"})


def _withholds(tok: Token, lex: Lexicon) -> bool:
    """"denying Kyiv the weapons": a party as the object is withholding, not denying a claim.

    So is a double object however the parser hangs it: a dative, two objects, an
    object with an uncommaed apposition ("denied the president one of his aims"),
    a person's name glued to the thing withheld ("deny Putin victory"), or a
    person as the object ("denied the president").
    """
    objects = [c for c in tok.children if c.dep_ in ("dobj", "dative")]
    if len(objects) >= 2 or any(c.dep_ == "dative" for c in objects):
        return True
    for c in objects:
        if any(g.dep_ == "case" for g in c.children) or c.lower_ in lex.claim_pronouns:
            continue  # "denied it", "denied the minister's claim": a denial
        if c.pos_ in ("PROPN", "PRON") or c.ent_type_ in _PARTIES:
            return True  # a name or a person as the object
        if c.pos_ == "NOUN" and c.lemma_.casefold() in lex.agent_nouns:
            return True
        if any(g.dep_ == "compound" and g.ent_type_ == "PERSON" for g in c.children):
            return True
        if any(g.dep_ == "appos" and g.i > c.i and not _comma_before(g) for g in c.children):
            return True
    return False


def _comma_before(tok: Token) -> bool:
    """The phrase headed by ``tok`` follows a punctuation mark ("the report, a story ...")."""
    i = tok.left_edge.i
    return i > 0 and bool(tok.doc[i - 1].is_punct)


def _own_act(tok: Token) -> bool:
    """The trigger's complement is the actor's own act: a gerund or to-infinitive with
    no subject of its own ("wary of escalating", "sceptical about sending tanks")."""
    for c in tok.children:
        targets = [g for g in c.children if g.dep_ == "pcomp"] if c.dep_ == "prep" else [c]
        for t in targets:
            if t.pos_ not in VERBAL or any(g.dep_ in ("nsubj", "nsubjpass") for g in t.children):
                continue
            if t.tag_ == "VBG" and c.dep_ == "prep":
                return True
            if c.dep_ in ("xcomp", "advcl") and any(g.dep_ == "aux" and g.lower_ == "to"
                                                     for g in t.children):
                return True
    return False


def _object_is(tok: Token, classes: tuple[str, ...], lex: Lexicon) -> bool:
    """The direct object is from one of ``classes`` ("confirmed its commitment")."""
    return any(c.dep_ == "dobj" and in_class(c, cls, lex) for c in tok.children for cls in classes)


def _vague_antecedent(tok: Token) -> bool:
    """A relative clause answering a bare pronoun ("those with which he disagrees"):
    what is answered is named nowhere. A pronoun set off after a clause
    ("..., something Moscow has denied") stands for that clause, and is kept."""
    top = chain(tok)[-1]
    if top.dep_ != "relcl":
        return False
    head = top.head
    return bool(head.pos_ == "PRON") and not _comma_before(head) \
        and head.dep_ not in ("appos", "npadvmod", "dep")


def _requires(tok: Token, rule: Rule, lex: Lexicon) -> bool:
    if not rule.requires:
        return True
    if "@infinitive" in rule.requires and _has_infinitive(tok):
        return True
    return any(
        in_class(t, cls, lex)
        for t, path in complement(tok, depth=rule.depth) for cls in rule.requires
        if cls != "@party" or len(path) <= 2  # the party met is an object, not any name below
    )


def is_stated_future(tok: Token, lex: Lexicon) -> bool:
    """"will/would ..." on the trigger's predicate chain: an intention, not a report."""
    return any(c.dep_ == "aux" and c.lower_ in lex.future_aux
               for t in chain(tok) for c in t.children)


def _gapped_future(tok: Token, lex: Lexicon) -> bool:
    """A verbless conjunct shares the first one's auxiliary: "allies will be emboldened and
    partners further sceptical" is as much a forecast as its first half."""
    top = chain(tok)[-1]
    if top.dep_ != "conj" or top.pos_ in VERBAL or top.head.i == top.i:
        return False
    if any(c.dep_ in ("aux", "auxpass", "cop") for c in top.children):
        return False
    return any(c.dep_ == "aux" and c.lower_ in lex.future_aux for c in top.head.children)


def has_condition(tok: Token, lex: Lexicon, *, strict: bool = False) -> bool:
    """The predicate carries a condition clause ("only if ...", "until ...", "while ...").

    ``strict``: not a merely temporal one ("until", "while": "will not stop until
    he destroys ..." names no requirement).
    """
    marks = lex.condition_frames
    if strict:
        marks = tuple(m for m in marks if m not in lex.temporal_marks)
    return clause_opening_with(chain(tok), marks) is not None


def is_hard(tok: Token) -> bool:
    """Someone finds the trigger's act hard to do ("would find it hard to agree")."""
    return hard_frame(tok, condition_table().hard_words)


def _negated_here(tok: Token, lex: Lexicon) -> bool:
    return any(c.dep_ == "neg" or (c.lower_ in lex.negators and c.dep_ in ("neg", "advmod"))
               for t in chain(tok) for c in t.children) or any(
        t.lemma_.casefold() in lex.negative_lemmas for t in chain(tok))


def restrictive_clause(tok: Token, lex: Lexicon) -> Token | None:
    """A "without ..."/"unless ..." phrase below the trigger, in its own clause.

    Under a negated or hard predicate ("cannot agree to a truce without
    guarantees", "would find it hard to halt the war without guarantees") it
    names what the act requires. Found anywhere below the trigger (the parser
    hangs "without" on the verb or on its object), not inside another clause.
    """
    for t in tok.subtree:
        if t.i <= tok.i or t.dep_ not in ("prep", "mark", "advmod", "cc"):
            continue
        words = opening(t) + " "
        if not any(words.startswith(m + " ") for m in lex.restrictive_marks):
            continue
        up = t.head
        while up.i != tok.i and up.dep_ not in ("relcl", "advcl", "ccomp", "parataxis", "acl"):
            up = up.head
        if up.i == tok.i:
            return t
    return None


def restricted(tok: Token, lex: Lexicon, *, strict: bool = False) -> bool:
    """The act is tied to a requirement: "only if/unless ..." or a negated/hard "without ..."."""
    if has_condition(tok, lex, strict=strict):
        return True
    return (_negated_here(tok, lex) or is_hard(tok)) and restrictive_clause(tok, lex) is not None


def _subject(tok: Token) -> Token | None:
    top = chain(tok)[-1]
    subj = next((c for c in top.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None and top.dep_ == "acl" and top.tag_ == "VBG":
        return top.head  # "demonstrators protesting election results"
    return subj


def _fits(tok: Token, rule: Rule, lex: Lexicon) -> bool:
    """Mood, subject and condition constraints of a rule (see signals.toml)."""
    if rule.mood == "future" and not is_stated_future(tok, lex):
        return False
    if rule.mood in ("factual", "realis") and any(
        c.dep_ == "aux" and c.lower_ in lex.future_aux | lex.hedge_modals | lex.advice_aux
        for t in chain(tok) for c in t.children
    ):
        return False  # "could be blamed", "would condemn": no act of disapproval yet
    if rule.mood == "realis" and not _realised(tok, lex):
        return False
    if rule.mood == "done" and (is_stated_future(tok, lex) or _gapped_future(tok, lex)) \
            and not _negated_here(tok, lex):
        return False  # "will vote to confirm": not done yet ("would not confirm" is a refusal)
    if rule.condition and not has_condition(tok, lex):
        return False
    if rule.restrictive and not restricted(tok, lex, strict=True):
        return False
    if rule.subject or rule.collective:
        subj = _subject(tok)
        if subj is None:
            return False
        if rule.subject and not any(in_class(subj, cls, lex) for cls in rule.subject):
            return False
        if rule.collective and not any(c.dep_ == "conj" for c in subj.children):
            return False
    return True


def _realised(tok: Token, lex: Lexicon) -> bool:
    """The trigger reports an act done, not one intended, described or pending.

    Not: a to-infinitive on the predicate chain ("agreed to release", "important
    for them to condemn"); an act considered ("was considering imposing"); a
    participle describing a noun ("the banned movement", "sanctions imposed on
    Russia", unless its agent is named:
    "sanctioned by the United Kingdom"); a gerund giving a reason or a charge
    ("sanctioned for supporting the invasion"); a present-tense act in a
    "when/once ..." clause ("will end when the forces withdraw").
    """
    ch = chain(tok)
    if any(c.dep_ == "aux" and c.lower_ == "to" for t in ch for c in t.children) and not any(
            t.lemma_.casefold() in lex.negative_lemmas for t in ch[1:]):
        return False  # ("declined to resign" is a refusal done: negation makes it one)
    if any(t.lemma_.casefold() in lex.hedge_verbs for t in ch[1:]):
        return False  # "was considering imposing sanctions"
    top = ch[-1]
    if top.dep_ == "amod" or (top.dep_ == "acl" and top.tag_ == "VBN"
                              and not any(c.dep_ == "agent" for c in top.children)):
        return False
    if any(t.dep_ == "pcomp" and t.head.lower_ in lex.reason_preps for t in ch):
        return False
    return not any(t.dep_ == "advcl" and t.tag_ in ("VB", "VBP", "VBZ") and any(
        c.dep_ in ("mark", "advmod") and c.lower_ in lex.pending_marks for c in t.children)
        for t in ch)


def _modified(tok: Token, rule: Rule, lex: Lexicon) -> bool:
    """A compound or adjective modifier from the rule's classes ("hunger strike")."""
    return any(
        c.dep_ in ("compound", "amod", "nmod") and in_class(c, cls, lex)
        for c in tok.children for cls in rule.modifier
    )


def match_token(tok: Token, lex: Lexicon) -> Trigger | None:
    """The first rule (in file order) whose lemma, POS and argument structure fit."""
    keys = {tok.lemma_.casefold(), tok.lower_}
    candidates: list[tuple[Rule, TriggerForm]] = []
    for key in keys:
        candidates += lex.by_lemma.get(key, ())
    # phrasal forms first ("call for" before "call"), then file order
    candidates.sort(key=lambda rf: (rf[1].particle is None, rf[0].index))
    for rule, form in candidates:
        if tok.pos_ not in rule.pos:
            continue
        if form.particle is not None and not _has_particle(tok, form.particle):
            continue
        if rule.object == "noun" and not any(
            c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") for c in tok.children
        ):
            continue
        if rule.object == "none" and any(c.dep_ in ("dobj", "ccomp") for c in tok.children):
            continue  # "demonstrated its resolve", "demonstrated that ...": no protest
        if rule.modifier and not _modified(tok, rule, lex):
            continue
        if not _fits(tok, rule, lex) or (rule.exclude and _excluded(tok, rule, lex)):
            continue
        if rule.withholding and _withholds(tok, lex):
            continue
        if rule.reluctance and _own_act(tok):
            continue  # "wary of escalating": reluctance to act, no doubt about a claim
        if rule.object_not and _object_is(tok, rule.object_not, lex):
            continue
        if rule.antecedent == "named" and _vague_antecedent(tok):
            continue
        if rule.mode == "wrapper":
            found = _wrapper_type(tok, rule, lex)
            if found is None:
                continue
            return Trigger(token=tok, rule=rule, type=found[0], path=found[1])
        if not _requires(tok, rule, lex) or rule.type is None:
            continue
        return Trigger(token=tok, rule=rule, type=rule.type)
    return None


def _phrase_rule(typ: str) -> Rule:
    return Rule(index=-1, type=typ, forms=(), pos=frozenset(), actor="speaker",
                topic_scope="sentence")


def _negated_outside(root: Token, start: int, end: int, lex: Lexicon) -> bool:
    """A negation of the phrase's predicate outside the phrase ("this is not a bluff")."""
    return any(
        not (start <= c.idx < end)
        and (c.dep_ == "neg" or (c.dep_ in ("advmod", "det") and c.lower_ in lex.negators))
        for t in chain(root) for c in t.children
    )


_ARGUMENT_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "pobj", "dative", "poss", "compound"})


def _mentioned(root: Token) -> bool:
    """A noun phrase that is an argument of some verb or preposition ("make false
    claims", "a list of fake news") names content; it is not said of anything.
    Said of something: a copula's predicate, "called it X", "dismissed it as X"."""
    t = root
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    if t.pos_ not in ("NOUN", "PROPN") or t.dep_ not in _ARGUMENT_DEPS:
        return False
    if t.dep_ == "dobj" and (
        any(c.dep_ in ("npadvmod", "nsubj") and c.i < t.i for c in t.subtree)
        or any(c.dep_ in ("dobj", "dative") and c.i != t.i for c in t.head.children)
    ):
        return False  # "called the story fake news": a small clause, however it is parsed
    return not (t.dep_ == "pobj" and t.head.lower_ == "as")


def phrase_triggers(sent: Span, lex: Lexicon) -> list[Trigger]:
    """Fixed phrases. A negated one says the opposite ("not a bluff" asserts) and is
    no signal; a ``predicative`` one must be said of something, not mentioned."""
    out: list[Trigger] = []
    doc = sent.doc
    for phrase in lex.phrases:
        for m in phrase.pattern.finditer(sent.text):
            start, end = sent.start_char + m.start(), sent.start_char + m.end()
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            if _negated_outside(span.root, start, end, lex):
                continue
            if phrase.predicative and _mentioned(span.root):
                continue
            out.append(Trigger(token=span.root, rule=_phrase_rule(phrase.type), type=phrase.type,
                               char_span=(start, end)))
    return out


_ADVICE = Rule(index=-3, type="demand", forms=(), pos=frozenset(VERBAL), mode="advice",
               actor="speaker")


def advice_triggers(sent: Span, lex: Lexicon) -> list[Trigger]:
    """"X must stop the shelling", said by someone else: the speaker's demand of X.

    Only inside a reported clause (a ``ccomp`` or ``parataxis``), so that the
    writer's own "must" is no one's signal; whether the speaker is someone
    other than the subject is decided when the actor is known.
    """
    out: list[Trigger] = []
    for tok in sent:
        if tok.pos_ not in VERBAL or tok.dep_ not in ("ccomp", "parataxis", "ROOT"):
            continue
        if not any(c.dep_ == "aux" and c.lower_ in lex.demand_modals for c in tok.children):
            continue
        if not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            continue
        out.append(Trigger(token=tok, rule=_ADVICE, type="demand"))
    return out


_UNILATERAL = Rule(index=-2, type="threaten", forms=(), pos=frozenset(VERBAL), mood="future")


def unilateral_triggers(sent: Span, lex: Lexicon) -> list[Trigger]:
    """"X will fill the reservoir whether or not Y agrees": an act imposed, a threat."""
    out: list[Trigger] = []
    for tok in sent:
        if tok.pos_ != "VERB" or not is_stated_future(tok, lex):
            continue
        if clause_opening_with([tok], lex.unilateral_marks) is not None:
            out.append(Trigger(token=tok, rule=_UNILATERAL, type="threaten"))
    return out


def _inner_region(tok: Token) -> set[int]:
    ids: set[int] = set()
    for c in tok.children:
        if c.dep_ in COMPLEMENT_DEPS and c.dep_ not in _NOT_INNER:
            ids.update(t.i for t in c.subtree)
    return ids


def _reached_clausally(inner: Token, outer: Token) -> bool:
    """True when ``inner`` hangs from ``outer`` through verb complements only."""
    t = inner
    while t.i != outer.i and t.head.i != t.i:
        if t.dep_ not in ("xcomp", "ccomp", "conj", "aux"):
            return False
        t = t.head
    return bool(t.i == outer.i)


def _own_clause_between(inner: Token, outer: Token) -> bool:
    """True when ``inner`` is in a clause of its own below ``outer``.

    Relative, adverbial and loosely attached clauses, and coordinated clauses
    with their own subject, state something else ("called for a ceasefire, an
    initiative Kyiv has accepted").
    """
    t = inner
    while t.i != outer.i and t.head.i != t.i:
        if t.dep_ in ("relcl", "advcl", "parataxis"):
            return True
        if t.dep_ == "conj" and t.pos_ in VERBAL and any(
            c.dep_ in ("nsubj", "nsubjpass") for c in t.children
        ):
            return True
        t = t.head
    return False


def resolve_nesting(triggers: list[Trigger]) -> list[Trigger]:
    """Keep one signal per nested pair, as the outer trigger's rule says."""
    dropped: set[int] = set()
    for a in triggers:
        if a.rule.inner is None and a.rule.mode != "wrapper":
            continue
        region = _inner_region(a.token)
        for b in triggers:
            if b is a or b.token.i not in region or id(b) in dropped:
                continue
            if _own_clause_between(b.token, a.token):
                continue
            if a.rule.inner == "defer" and b.token.pos_ in VERBAL and _reached_clausally(b.token, a.token):
                dropped.add(id(a))
                break
            dropped.add(id(b))
            if a.type == "reject" and b.type == "reject":
                a.double_negation = not b.double_negation
    return [t for t in triggers if id(t) not in dropped]


def _is_question(sent: Span) -> bool:
    return bool(sent.text.rstrip(" \"'”’)").endswith("?"))


def _is_mark_word(tok: Token, lex: Lexicon) -> bool:
    """"provided that ...": a conjunction; "the US provided aid": the verb itself."""
    return tok.lower_ in lex.condition_marks and not any(
        c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in tok.children
    )


def find_triggers(sent: Span, lex: Lexicon) -> list[Trigger]:
    """Triggers of one sentence, hypothetical ("if ...") and interrogative ones left out."""
    if _is_question(sent):
        return []
    # "provided that ...", "providing ...": a conjunction, not the verb "provide"
    found = [t for tok in sent if not _is_mark_word(tok, lex)
             and (t := match_token(tok, lex)) is not None]
    found += phrase_triggers(sent, lex)
    taken = {t.token.i for t in found}
    found += [t for t in unilateral_triggers(sent, lex) if t.token.i not in taken]
    found += advice_triggers(sent, lex)
    found = [t for t in found if not in_condition(t.token, lex.condition_marks)]
    found.sort(key=lambda t: t.token.i)
    return resolve_nesting(found)
