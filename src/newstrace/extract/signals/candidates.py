"""Signal candidates and their features, for the trained signal model.

Every predicate of a body sentence (verb, clause-heading auxiliary, adjective
or noun) is a candidate. Its features describe the predicate and its
arguments (lemma, dependency, negation, modals, complements, subject), the
attribution it sits in, and what the rules say about it: the rules' signals
that cover it are features here, not gates. The actor is resolved with the
rules' own resolver (subject, agent, possessor, pronouns, the speaker a body
speaks for), so the model decides *whether* and *which type*, and the
resolver *who*. Feature extraction over a parse is specific to this product,
hence written here.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from newstrace.extract.signals.actor import ActorRef, ActorResolver
from newstrace.extract.signals.lexicon import Lexicon, Rule
from newstrace.extract.signals.polarity import is_future
from newstrace.extract.signals.source import link_attribution, speaker_ref
from newstrace.extract.signals.syntax import chain
from newstrace.extract.signals.types import Trigger
from newstrace.knowledge import actors
from newstrace.nlp import ParsedDocument
from newstrace.records import Attribution, Signal

# A rule with no conditions: the resolver's view of a bare predicate.
PLAIN_RULE = Rule(index=-1, type=None, forms=(), pos=frozenset())

_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "xcomp", "advcl", "conj", "relcl", "parataxis", "acl", "pcomp"})
_SUBJ = frozenset({"nsubj", "nsubjpass"})
_PRONOUNS = frozenset({"i", "we", "he", "she", "they", "it", "you"})


@dataclass(slots=True)
class Candidate:
    """One predicate that may state a signal, with what the model reads about it."""

    token: Token
    sent: Span
    features: dict[str, float]
    actor: ActorRef | None
    speaker: ActorRef | None
    att: Attribution | None
    rule_signals: tuple[Signal, ...]


def is_candidate(tok: Token, nouns: frozenset[str] | None) -> bool:
    """A predicate that can carry a signal: verbs, clause heads, and eventive nouns
    (those in ``nouns``; ``None`` takes every noun, as training does to learn them)."""
    if tok.is_punct or tok.is_space or not tok.text.strip():
        return False
    if tok.pos_ == "VERB":
        return True
    if tok.pos_ == "AUX":
        return tok.dep_ in _CLAUSE_DEPS
    if tok.pos_ == "ADJ":
        return any(c.dep_ in ("xcomp", "prep", "ccomp") for c in tok.children) or tok.dep_ in _CLAUSE_DEPS
    if tok.pos_ == "NOUN":
        return nouns is None or tok.lemma_.casefold() in nouns
    return False


def _subject(tok: Token) -> Token | None:
    for t in chain(tok):
        for c in t.children:
            if c.dep_ in _SUBJ:
                return c
    return None


def _window(tok: Token, sent: Span, lemmas: Sequence[str], f: dict[str, float]) -> None:
    for k in (-2, -1, 1, 2):
        j = tok.i + k
        if sent.start <= j < sent.end:
            f[f"w{k}={lemmas[j]}"] = 1.0


def _argument_features(tok: Token, lem: str, f: dict[str, float]) -> None:
    for c in tok.children:
        dep = c.dep_
        if dep in ("punct", "det", "cc"):
            continue
        cl = c.lemma_.casefold()
        f[f"c:{dep}={cl}"] = 1.0
        f[f"c:{dep}"] = 1.0
        if dep == "neg":
            f["neg"] = 1.0
            f[f"neg|{lem}"] = 1.0
        elif dep in ("aux", "auxpass"):
            if c.tag_ == "MD":
                f[f"md={cl}"] = 1.0
                f[f"md={cl}|{lem}"] = 1.0
        elif dep == "prep":
            for g in c.children:
                if g.dep_ in ("pobj", "pcomp"):
                    f[f"pp:{cl}={g.lemma_.casefold()}"] = 1.0
                    if g.ent_type_:
                        f[f"pp:{cl}=ENT:{g.ent_type_}"] = 1.0
        elif dep in ("dobj", "attr", "acomp", "xcomp", "ccomp"):
            f[f"{dep}|{lem}={cl}"] = 1.0
            if c.ent_type_:
                f[f"{dep}=ENT:{c.ent_type_}"] = 1.0
            if dep == "advcl" or dep == "ccomp":
                for m in c.children:
                    if m.dep_ == "mark":
                        f[f"mark={m.lower_}"] = 1.0
        elif dep == "advcl":
            for m in c.children:
                if m.dep_ == "mark":
                    f[f"advcl_mark={m.lower_}"] = 1.0


def _subject_features(tok: Token, f: dict[str, float]) -> None:
    subj = _subject(tok)
    if subj is None:
        f["subj=none"] = 1.0
        return
    f[f"subj_dep={subj.dep_}"] = 1.0
    f[f"subj_pos={subj.pos_}"] = 1.0
    if subj.ent_type_:
        f[f"subj_ent={subj.ent_type_}"] = 1.0
    sl = subj.lemma_.casefold()
    if subj.lower_ in _PRONOUNS or subj.pos_ == "PRON":
        f[f"subj_pron={subj.lower_}"] = 1.0
    else:
        f[f"subj_l={sl}"] = 1.0
        if actors().lookup(subj.text) is not None:
            f["subj_known"] = 1.0


def _ancestor_features(tok: Token, f: dict[str, float]) -> None:
    head = tok.head
    if head.i == tok.i:
        f["root"] = 1.0
        return
    f[f"h={head.lemma_.casefold()}"] = 1.0
    f[f"h|d={head.lemma_.casefold()}|{tok.dep_}"] = 1.0
    f[f"hpos={head.pos_}"] = 1.0
    up = chain(tok)
    if len(up) > 1:
        f[f"top={up[-1].lemma_.casefold()}"] = 1.0
        f[f"topdep={up[-1].dep_}"] = 1.0


def _lexicon_types(tok: Token, lex: Lexicon) -> set[str]:
    return {r.type for r, _ in lex.by_lemma.get(tok.lemma_.casefold(), ()) if r.type}


def _lexicon_features(tok: Token, lex: Lexicon, f: dict[str, float]) -> None:
    """The types the rules' word lists give the predicate, its complements and its
    governor, whether or not the rules' gates let them through."""
    from newstrace.extract.signals.types import match_token

    for typ in _lexicon_types(tok, lex):
        f[f"lex={typ}"] = 1.0
    trig = match_token(tok, lex)
    if trig is not None:
        f[f"lex_match={trig.type}"] = 1.0
    for c in tok.children:
        if c.dep_ in ("xcomp", "ccomp", "dobj", "pobj", "prep"):
            for typ in _lexicon_types(c, lex):
                f[f"child_lex={typ}"] = 1.0
    if tok.head.i != tok.i:
        for typ in _lexicon_types(tok.head, lex):
            f[f"head_lex={typ}"] = 1.0


def token_features(tok: Token, sent: Span, lex: Lexicon,
                   lemmas: Sequence[str] | None = None) -> dict[str, float]:
    """What the predicate and its arguments say, independent of the rules."""
    lem = tok.lemma_.casefold()
    f: dict[str, float] = {
        "bias": 1.0,
        f"l={lem}": 1.0,
        f"p={tok.pos_}": 1.0,
        f"t={tok.tag_}": 1.0,
        f"d={tok.dep_}": 1.0,
        f"l|d={lem}|{tok.dep_}": 1.0,
        f"l|t={lem}|{tok.tag_}": 1.0,
    }
    _window(tok, sent, lemmas if lemmas is not None else [t.lemma_.casefold() for t in tok.doc], f)
    _argument_features(tok, lem, f)
    _subject_features(tok, f)
    _ancestor_features(tok, f)
    _lexicon_features(tok, lex, f)
    trig = Trigger(tok, PLAIN_RULE, "")
    if is_future(trig, lex):
        f["future"] = 1.0
        f[f"future|{lem}"] = 1.0
    if sent.start == 0:
        f["first_sentence"] = 1.0
    if any(t.lower_ in ("?",) for t in sent[-2:]):
        f["question"] = 1.0
    if any(t.is_quote for t in sent):
        f["quoted_sentence"] = 1.0
    return f


def _cue_tokens(doc: Doc, attributions: Sequence[Attribution]) -> set[int]:
    """Indices of the tokens that start inside an attribution's cue (found once per document)."""
    starts = [t.idx for t in doc]
    out: set[int] = set()
    for a in attributions:
        out.update(range(bisect_left(starts, a.start), bisect_left(starts, a.end)))
    return out


def _context_features(tok: Token, att: Attribution | None, cue_tokens: set[int],
                      rules: Sequence[Signal], f: dict[str, float]) -> tuple[Signal, ...]:
    start, end = tok.idx, tok.idx + len(tok.text)
    if att is not None:
        f["in_content"] = 1.0
        f[f"att_kind={att.speaker_kind}"] = 1.0
        f[f"cue={(att.cue or '').casefold()}"] = 1.0
    if tok.i in cue_tokens:
        f["is_cue"] = 1.0
        f[f"is_cue|{tok.lemma_.casefold()}"] = 1.0
    covering = tuple(s for s in rules if s.start <= start and end <= s.end)
    for s in covering:
        f[f"rule={s.type}"] = 1.0
        f[f"rule_pol={s.polarity}"] = 1.0
    if not covering:
        f["rule=none"] = 1.0
    return covering


def resolve_actor(tok: Token, att: Attribution | None, attributions: Sequence[Attribution],
                  resolver: ActorResolver, lex: Lexicon) -> tuple[ActorRef | None, ActorRef | None]:
    """(actor, speaker) of a predicate as the rules resolve them."""
    from newstrace.extract.signals.rules import named_ref, speaks_for, with_side

    trig = Trigger(tok, PLAIN_RULE, "")
    speaker = resolver.frame_speaker(tok) or with_side(
        named_ref(speaker_ref(att), resolver), att, attributions, resolver)
    actor = resolver.agent(trig, speaker)
    if actor is not None and speaker is not None and speaks_for(speaker, actor, stated=is_future(trig, lex)):
        actor = speaker
    return actor, speaker


def actor_features(cand: Candidate, f: dict[str, float]) -> None:
    """How the resolved actor relates to the speaker and to the rules' actors."""
    actor, speaker = cand.actor, cand.speaker
    if actor is None:
        f["actor=none"] = 1.0
    else:
        f[f"actor_kind={actor.kind}"] = 1.0
        f["actor_known" if actor.known else "actor_unknown"] = 1.0
        if speaker is not None and speaker.canonical == actor.canonical:
            f["actor=speaker"] = 1.0
        if any(s.actor == actor.canonical for s in cand.rule_signals):
            f["actor=rule_actor"] = 1.0
    if speaker is None:
        f["speaker=none"] = 1.0


def candidates(parsed: ParsedDocument, attributions: Sequence[Attribution], rules: Sequence[Signal],
               resolver: ActorResolver, lex: Lexicon, nouns: frozenset[str] | None) -> list[Candidate]:
    """Every candidate predicate of the document, with its features and resolved actor."""
    out: list[Candidate] = []
    text = parsed.text
    lemmas = [t.lemma_.casefold() for t in parsed.doc]
    cue_tokens = _cue_tokens(parsed.doc, attributions)
    for sent in parsed.doc.sents:
        for tok in sent:
            if not is_candidate(tok, nouns):
                continue
            f = token_features(tok, sent, lex, lemmas)
            att = link_attribution(tok.idx, tok.idx + len(tok.text), attributions, text=text)
            covering = _context_features(tok, att, cue_tokens, rules, f)
            actor, speaker = resolve_actor(tok, att, attributions, resolver, lex)
            cand = Candidate(tok, sent, f, actor, speaker, att, covering)
            actor_features(cand, f)
            out.append(cand)
    return out


def with_actor(cand: Candidate, actor: ActorRef) -> Candidate:
    return replace(cand, actor=actor)


_ARMED = ("armed forces", "military", "army", "navy", "air force")
_FORCE_NOUNS = frozenset({"troops", "forces", "military", "army", "soldiers", "navy", "jets", "tanks",
                          "missiles", "drones", "warplanes", "artillery"})
_ENT_ACTORS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def normalise(ref: ActorRef, doc_names_person: Callable[[str], str], lex: Lexicon) -> ActorRef:
    """An actor at the level the gold conventions keep: an army's act is its state's
    ("Russian troops", "Russian Armed Forces" → Russia), and a person written by
    surname is the full name the document gives ("Obama" → "Barack Obama")."""
    table = actors()
    known = table.get(ref.canonical)
    if known is not None:
        if any(m in ref.canonical.casefold() for m in _ARMED):
            above = table.ancestors(ref.canonical)
            if above:
                return replace(ref, canonical=above[-1], kind="government")
        return ref
    words = ref.text.casefold().replace("’s", "").replace("'s", "").split()
    if _FORCE_NOUNS.intersection(words):
        for w in words:
            state = lex.demonyms.get(w)
            if state is not None:
                return replace(ref, canonical=state, kind="government")
    if ref.kind == "person":
        return replace(ref, canonical=doc_names_person(ref.canonical))
    return ref


@dataclass(frozen=True, slots=True)
class ActorOption:
    """One actor a signal may belong to, with why it was proposed."""

    ref: ActorRef
    features: dict[str, float]


def actor_options(cand: Candidate, resolver: ActorResolver, lex: Lexicon,
                  person: Callable[[str], str], salience: dict[str, int]) -> list[ActorOption]:
    """Every actor the text offers for a predicate: its agent, the speaker, the rules'
    actors, the nearest named actor before it in the sentence, and the subject of
    the sentence's main clause. A trained scorer picks one (``learned``)."""
    found: dict[str, tuple[ActorRef, dict[str, float]]] = {}

    def offer(ref: ActorRef | None, why: str, distance: int | None = None) -> None:
        if ref is None:
            return
        ref = normalise(ref, person, lex)
        name = ref.canonical
        if not name or name.casefold() in _PRONOUNS:
            return
        entry = found.setdefault(name, (ref, {}))
        f = entry[1]
        f[f"by={why}"] = 1.0
        if distance is not None:
            f[f"dist={min(distance, 30) // 5}"] = 1.0

    tok = cand.token
    offer(cand.actor, "agent")
    offer(cand.speaker, "speaker")
    for s in cand.rule_signals:
        if s.actor:
            offer(ActorRef(s.actor, s.actor_text, s.actor_kind, actors().get(s.actor) is not None), "rules")
    sent = cand.sent
    before = [t for t in sent if t.i < tok.i and t.ent_type_ in _ENT_ACTORS and t.ent_iob_ == "B"]
    for n, t in enumerate(reversed(before[-3:])):
        head = t
        while head.head.i != head.i and head.head.ent_type_ == t.ent_type_ and head.head.i < tok.i:
            head = head.head
        offer(resolver.mention(head, speaker=cand.speaker), f"before{n}", tok.i - t.i)
    root = sent.root
    for c in root.children:
        if c.dep_ in _SUBJ:
            offer(resolver.mention(c, speaker=cand.speaker), "root_subject")
    out: list[ActorOption] = []
    for name, (ref, f) in found.items():
        f = dict(f)
        f["bias"] = 1.0
        f[f"kind={ref.kind}"] = 1.0
        f["known" if ref.known else "unknown"] = 1.0
        f["multiword" if " " in name else "oneword"] = 1.0
        f[f"salience={min(salience.get(name, 0), 8)}"] = 1.0
        f[f"n_by={sum(1 for k in f if k.startswith('by='))}"] = 1.0
        for k in [k for k in f if k.startswith("by=")]:
            f[f"{k}|pos={tok.pos_}"] = 1.0
            f[f"{k}|quoted={int('in_content' in cand.features)}"] = 1.0
            f[f"{k}|kind={ref.kind}"] = 1.0
        out.append(ActorOption(ref, f))
    return out
