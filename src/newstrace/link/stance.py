"""Claim-to-article relations: unrelated, or related and agreeing, denying or only discussing.

The store calls ``relate`` for (claim, article) pairs and for (denial signal,
claim) pairs: the second argument is any list of sentences. The same code is
measured on FNC-1 stance detection (bench/fnc1.py), headline = claim.

Method, zero-shot (nothing is trained):

* Relatedness mixes meaning and words: the best and the top-k sentence
  cosines from the packaged MiniLM embeddings (``newstrace.nlp.embeddings``),
  and the share of the claim's content words (names and numbers weighted up)
  found anywhere in the article.
* Stance comes from rules over the most relevant sentences (cosine plus word
  overlap with the claim; the lead sentence always counts a little): denial
  cues ("hoax", "not true", "no evidence", "denied"…) against the claim, a
  negation mismatch between the claim and its closest sentence, or a sentence
  whose embedding leans towards invented refuting example sentences
  (``data/link/stance_prototypes.toml``: two class means, no fitting) make
  ``disagree``; hedging or relaying cues ("reportedly", "according to",
  "unconfirmed"…) make ``discuss``; otherwise ``agree``. Denials count in the
  opening sentences even when those name nothing of the claim ("The story is
  a hoax."), and an article that calls something false in many sentences is
  read as a debunk wherever it says so. A cue right after a negation reads
  the other way ("not a hoax" confirms, "not confirmed" hedges); a denial cue
  in a question or beside a doubt ("it could be a fake") hedges. Denial cues
  count only in sentences about the claim (or in the opening); a party's
  denial ("X denied …") only where the sentence restates the claim. A claim
  that is itself a denial flips the reading: an article denying the same
  thing agrees; a claim negated only in a subordinate clause ("… so he won't
  …") is no denial.

Hand-written here (no library does it): the scoring and the decision rules.
Cue lists and every threshold live in ``data/link/stance.toml``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from newstrace.knowledge.datafiles import load_toml
from newstrace.link.sentences import split_sentences
from newstrace.link.stance_lexicon import ContentWords, PhraseSet, content_words, coverage, stem, tokens

Label = Literal["agree", "disagree", "discuss", "unrelated"]
LABELS: tuple[Label, ...] = ("agree", "disagree", "discuss", "unrelated")
Family = Literal["denying", "disputing", "hedged", "confirming"]
FAMILIES: tuple[Family, ...] = ("denying", "disputing", "hedged", "confirming")
DENIALS: tuple[Family, ...] = ("denying", "disputing")
Vectors = npt.NDArray[np.float32]


# --------------------------------------------------------------------------- parameters


@dataclass(frozen=True, slots=True)
class StanceParams:
    """Weights, thresholds and cue lists; ``from_data`` reads ``data/link/stance.toml``.

    Every value comes from the data file; there are no defaults in code to drift from it.
    """

    top_k: int
    weight_max_cosine: float
    weight_top_cosine: float
    weight_coverage: float
    name_weight: float
    threshold: float
    floor: float
    ceiling: float
    coverage_weight: float
    lead: int
    lead_relevance: float
    max_sentences: int
    min_relevance: float
    deny_min: float
    hedge_min: float
    hedge_over_confirm: float
    agree_min_cosine: float
    negation_min_cosine: float
    negation_mass: float
    claim_negation: bool
    dispute_weight: float
    dispute_min_cosine: float
    deny_strong: float
    deny_over_hedge: float
    deny_min_relevance: float
    negation_window: int
    negated_denial_confirms: bool
    negated_confirm_hedges: bool
    deny_lead: int
    deny_lead_relevance: float
    doubt_hedges: bool
    deny_count_min: int
    deny_count_mass: float
    # Embedding prototypes (a data file of invented example sentences; "" switches them off).
    prototypes: str
    proto_min: float
    proto_weight: float
    # (family, phrases) pairs: a tuple, not a dict, so the parameters stay hashable.
    cues: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @classmethod
    def from_data(cls, data: dict[str, Any] | None = None) -> StanceParams:
        data = load_toml("link/stance.toml") if data is None else data
        flat: dict[str, Any] = {}
        for section in ("relatedness", "evidence", "decision"):
            flat.update(data.get(section, {}))
        known = set(cls.__dataclass_fields__) - {"cues"}
        cues = tuple((name, tuple(str(c) for c in items)) for name, items in data.get("cues", {}).items())
        return cls(**{k: v for k, v in flat.items() if k in known}, cues=cues)

    def cue_list(self, family: str) -> tuple[str, ...]:
        return next((phrases for name, phrases in self.cues if name == family), ())

    def with_(self, **changes: Any) -> StanceParams:
        """A copy with some fields changed (for benchmarks that sweep a threshold)."""
        return dataclasses.replace(self, **changes)


@functools.lru_cache(maxsize=1)
def default_params() -> StanceParams:
    return StanceParams.from_data()


@functools.lru_cache(maxsize=4)
def profile_params(name: str) -> StanceParams:
    """The parameters with a ``[profiles.<name>]`` section of ``stance.toml`` applied: the same
    relation read on another unit of text (one answer sentence instead of an article)."""
    changes = load_toml("link/stance.toml").get("profiles", {}).get(name)
    if changes is None:
        raise KeyError(f"no stance profile {name!r} in data/link/stance.toml")
    return default_params().with_(**changes)


@dataclass(frozen=True, slots=True)
class _Axis:
    """The refuting-minus-reporting direction of the prototype sentences, and its midpoint."""

    direction: Vectors
    middle: Vectors


_PROTOTYPE_EMBEDDER: list[Callable[[Sequence[str]], Vectors]] = []


@contextlib.contextmanager
def prototype_embedder(embedder: Callable[[Sequence[str]], Vectors]) -> Iterator[None]:
    """Embed the prototype sentences with ``embedder`` inside the block (e.g. a store's cache,
    so a link run with every text cached never loads the embedding model)."""
    _PROTOTYPE_EMBEDDER.append(embedder)
    try:
        yield
    finally:
        _PROTOTYPE_EMBEDDER.pop()


@functools.lru_cache(maxsize=2)
def _axis(relpath: str) -> _Axis | None:
    if not relpath:
        return None
    from newstrace.nlp.embeddings import embed as plain

    embed = _PROTOTYPE_EMBEDDER[-1] if _PROTOTYPE_EMBEDDER else plain
    data = load_toml(relpath)
    refuting = embed([str(s) for s in data["refuting"]]).mean(axis=0)
    reporting = embed([str(s) for s in data["reporting"]]).mean(axis=0)
    direction = refuting - reporting
    direction = direction / max(float(np.linalg.norm(direction)), 1e-9)
    return _Axis(np.asarray(direction, np.float32), np.asarray((refuting + reporting) / 2, np.float32))


def refutation(vectors: Vectors, *, params: StanceParams | None = None) -> Vectors:
    """How far each sentence vector leans to the refuting prototypes (0 on the midpoint)."""
    params = params or default_params()
    axis = _axis(params.prototypes)
    vecs = np.asarray(vectors, np.float32)
    if axis is None or not len(vecs) or vecs.ndim != 2 or vecs.shape[1] != len(axis.direction):
        return np.zeros(len(vecs), dtype=np.float32)  # no prototypes, or vectors of another model
    return np.asarray((vecs - axis.middle) @ axis.direction, dtype=np.float32)


@dataclass(frozen=True, slots=True)
class _Matchers:
    families: dict[str, PhraseSet]
    negations: frozenset[str]
    doubting: PhraseSet
    clause_breaks: frozenset[str]


@functools.lru_cache(maxsize=8)
def _matchers(params: StanceParams) -> _Matchers:
    families: dict[str, PhraseSet] = {f: PhraseSet(params.cue_list(f)) for f in FAMILIES}

    def words(name: str) -> frozenset[str]:
        # matched on lower-cased words, not stems: "note" and "noted" stem to "not"
        return frozenset(w.lower() for w in params.cue_list(name))

    return _Matchers(families, words("negations"), PhraseSet(params.cue_list("doubting")),
                     words("clause_breaks"))


def claim_negated(claim: str, *, params: StanceParams | None = None) -> bool:
    """Whether the claim's own statement is negated ("X did not resign", "No, X is not …").

    Only a negation in the opening clause counts: "adopted a boy so he won't turn into a
    werewolf" and "an app that you don't use" state something positive.
    """
    params = params or default_params()
    m = _matchers(params)
    for word in tokens(claim):
        low = word.lower()
        if low in m.clause_breaks:
            return False
        if low in m.negations:
            return True
    return False


# --------------------------------------------------------------------------- prepared texts


@dataclass(frozen=True, slots=True)
class SentenceCues:
    """What one sentence says, word-wise: its stems, cue phrases per family, negation."""

    stems: frozenset[str]
    cues: dict[str, tuple[str, ...]]
    negated: bool
    # a denial cue read the other way ("not fake"): the text affirms, despite its negation
    denial_negated: bool = False


def sentence_cues(text: str, *, params: StanceParams | None = None) -> SentenceCues:
    """Cue phrases per family; a denial or confirmation cue right after a negation flips family.

    "not a hoax" and "can't be denied" confirm; "has not been confirmed" and "neither
    confirmed nor denied" hedge (each within ``negation_window`` tokens of the negation).
    """
    params = params or default_params()
    m = _matchers(params)
    words = [t.lower() for t in tokens(text)]
    seq = [stem(w) for w in words]
    negs = [w in m.negations for w in words]
    found: dict[str, list[str]] = {f: [] for f in FAMILIES}
    unconfirmed: list[str] = []
    denial_negated = False
    for fam in FAMILIES:
        for phrase, start in m.families[fam].spans(seq):
            if fam == "hedged" or not any(negs[max(0, start - params.negation_window):start]):
                found[fam].append(phrase)
            elif fam in DENIALS and params.negated_denial_confirms:
                found["confirming"].append(phrase)
                denial_negated = True
            elif fam == "confirming":
                unconfirmed.append(phrase)
    if unconfirmed and params.negated_confirm_hedges:
        # "not confirmed" hedges, and voids what it is paired with ("neither confirmed nor denied")
        found["hedged"].extend(unconfirmed)
        found["confirming"] = []
    if params.doubt_hedges and found["denying"] and (text.rstrip().endswith("?") or m.doubting.find(seq)):
        # "Hoax?", "it could be a fake", "some say it is a hoax": a doubt, not a debunk
        found["hedged"].extend(found["denying"])
        found["denying"] = []
    cues: dict[str, tuple[str, ...]] = {f: tuple(dict.fromkeys(found[f])) for f in FAMILIES}
    return SentenceCues(frozenset(seq), cues, any(negs), denial_negated)


@dataclass(frozen=True, slots=True)
class PreparedArticle:
    """An article's sentences with embeddings and cues computed once, for many claims."""

    sentences: tuple[str, ...]
    vectors: Vectors
    cues: tuple[SentenceCues, ...]
    stems: frozenset[str]
    refute: Vectors | None = None


def prepare_article(sentences: Sequence[str] | str, *, vectors: Vectors | None = None,
                    params: StanceParams | None = None) -> PreparedArticle:
    """Split (when given one string), embed (unless ``vectors`` is given) and scan an article."""
    sents = tuple(split_sentences(sentences) if isinstance(sentences, str) else sentences)
    if vectors is None:
        from newstrace.nlp.embeddings import embed

        vectors = embed(sents)
    if len(vectors) != len(sents):
        raise ValueError(f"{len(vectors)} vectors for {len(sents)} sentences")
    cues = tuple(sentence_cues(s, params=params) for s in sents)
    stems: frozenset[str] = frozenset().union(*(c.stems for c in cues)) if cues else frozenset()
    vecs = np.asarray(vectors, dtype=np.float32)
    return PreparedArticle(sents, vecs, cues, stems, refutation(vecs, params=params))


# --------------------------------------------------------------------------- relation


@dataclass(frozen=True, slots=True)
class Relation:
    """How an article stands to a claim.

    ``score`` is the relatedness (0..1, comparable with the ``threshold``);
    ``evidence`` indexes the sentence that best supports the label (the closest
    sentence for ``unrelated``/plain ``agree``; -1 for an empty article);
    ``cues`` are the cue phrases found in that sentence; ``deny``, ``hedge``
    and ``confirm`` are the relevance-weighted cue masses behind the decision.
    """

    label: Label
    score: float
    evidence: int
    cues: tuple[str, ...] = ()
    deny: float = 0.0
    hedge: float = 0.0
    confirm: float = 0.0
    max_cosine: float = 0.0


def relate(claim: str, article: Sequence[str] | PreparedArticle, *, claim_vector: Vectors | None = None,
           params: StanceParams | None = None) -> Relation:
    """The relation of ``article`` (its sentences, or a ``PreparedArticle``) to ``claim``."""
    params = params or default_params()
    art = article if isinstance(article, PreparedArticle) else prepare_article(article, params=params)
    if not art.sentences:
        return Relation("unrelated", 0.0, -1)
    if claim_vector is None:
        from newstrace.nlp.embeddings import embed

        claim_vector = embed([claim])[0]
    words = content_words(claim)
    cos = art.vectors @ np.asarray(claim_vector, dtype=np.float32).reshape(-1)
    best = int(np.argmax(cos))
    k = min(params.top_k, len(cos))
    top = float(np.mean(np.sort(cos)[-k:]))
    article_cov = coverage(words, art.stems, name_weight=params.name_weight)
    score = (params.weight_max_cosine * float(cos[best]) + params.weight_top_cosine * top
             + params.weight_coverage * article_cov)
    if score < params.threshold:
        return Relation("unrelated", score, best, max_cosine=float(cos[best]))
    return _stance(claim, words, art, cos, score, params)


def _relevance(words: ContentWords, art: PreparedArticle, cos: Vectors, params: StanceParams) -> Vectors:
    span = max(params.ceiling - params.floor, 1e-6)
    rel = np.clip((cos - params.floor) / span, 0.0, 1.0)
    covs = np.array([coverage(words, c.stems, name_weight=params.name_weight) for c in art.cues],
                    dtype=np.float32)
    rel = rel + params.coverage_weight * covs
    lead = min(params.lead, len(rel))
    rel[:lead] = np.maximum(rel[:lead], params.lead_relevance)
    return np.asarray(rel, dtype=np.float32)


def _deny_relevance(rel: Vectors, params: StanceParams) -> Vectors:
    """Relevance for denial cues: a debunk often names nothing of the claim ("The story is a
    hoax."), so the opening sentences count whatever they name."""
    out = rel.copy()
    lead = min(params.deny_lead, len(out))
    out[:lead] = np.maximum(out[:lead], params.deny_lead_relevance)
    return np.asarray(out, dtype=np.float32)


def _most_relevant(rel: Vectors, params: StanceParams) -> list[int]:
    return [int(i) for i in np.argsort(-rel, kind="stable")[: params.max_sentences]
            if rel[i] >= params.min_relevance]


def _stance(claim: str, words: ContentWords, art: PreparedArticle, cos: Vectors, score: float,
            params: StanceParams) -> Relation:
    rel = _relevance(words, art, cos, params)
    rel_deny = _deny_relevance(rel, params)
    mass = dict.fromkeys(FAMILIES, 0.0)
    first: dict[str, int] = {}
    order = _most_relevant(rel, params)
    for i in order:
        for fam in ("hedged", "confirming"):
            if art.cues[i].cues[fam]:
                mass[fam] += float(rel[i])
                first.setdefault(fam, i)
    refute = art.refute if art.refute is not None else np.zeros(len(rel), np.float32)
    for i in _most_relevant(rel_deny, params):
        if rel_deny[i] < params.deny_min_relevance:
            continue
        for fam in DENIALS:
            if art.cues[i].cues[fam] and (fam == "denying" or float(cos[i]) >= params.dispute_min_cosine):
                mass[fam] += float(rel_deny[i])
                first.setdefault(fam, i)
        if refute[i] >= params.proto_min:
            # reads like a debunk to the embedding prototypes, cue words or not
            mass["denying"] += params.proto_weight * float(rel_deny[i])
            first.setdefault("denying", i)
    # An article that calls something false again and again is a debunk, wherever it says so.
    debunks = [i for i, c in enumerate(art.cues) if c.cues["denying"]]
    if params.deny_count_min > 0 and len(debunks) >= params.deny_count_min:
        mass["denying"] += params.deny_count_mass
        first.setdefault("denying", debunks[0])
    # A party's denial ("X denied …") is weaker evidence than the article calling the claim false.
    mass["denying"] += params.dispute_weight * mass.pop("disputing")
    if "disputing" in first and "denying" not in first:
        first["denying"] = first["disputing"]
    best = int(np.argmax(cos))
    claim_cues = sentence_cues(claim, params=params)
    # A claim that denies ("X is a hoax", "X did not …") is answered by the article's polarity.
    # "They're not fake" affirms: its negation is spent on the denial cue.
    claim_denies = bool(claim_cues.cues["denying"] or claim_cues.cues["disputing"]) or (
        params.claim_negation and not claim_cues.denial_negated and claim_negated(claim, params=params))
    # The closest sentence negated where the claim is not ("X did not resign" against "X
    # resigned") is a denial; the reverse case is a negated claim, handled by the flip below.
    if (float(cos[best]) >= params.negation_min_cosine and art.cues[best].negated
            and not claim_cues.negated):
        mass["denying"] += params.negation_mass
        first.setdefault("denying", best)
    deny, hedge, confirm = mass["denying"], mass["hedged"], mass["confirming"]

    label: Label
    family: str | None
    denies = deny >= params.deny_strong or (deny >= params.deny_min and deny > confirm
                                             and deny >= hedge * params.deny_over_hedge)
    if denies:
        label, family = ("agree" if claim_denies else "disagree"), "denying"
    elif claim_denies and confirm >= hedge:
        label, family = "disagree", "confirming"
    elif hedge >= params.hedge_min and hedge >= confirm * params.hedge_over_confirm:
        label, family = "discuss", "hedged"
    elif float(cos[best]) >= params.agree_min_cosine:
        label, family = "agree", ("confirming" if "confirming" in first else None)
    else:
        label, family = "discuss", None
    # agree: the sentence closest to the claim; otherwise the most relevant one carrying the cue.
    if label != "agree" and family is not None and family in first:
        evidence = first[family]
    else:
        evidence = order[0] if order else best
    cues = art.cues[evidence].cues.get(family, ()) if family else ()
    return Relation(label, score, evidence, tuple(cues), deny, hedge, confirm, float(cos[best]))
