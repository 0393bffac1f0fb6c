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
  cues ("hoax", "not true", "no evidence", "denied"…) against the claim, or a
  negation mismatch between the claim and its closest sentence, make
  ``disagree``; hedging or relaying cues ("reportedly", "according to",
  "unconfirmed"…) make ``discuss``; otherwise ``agree``. A claim that is
  itself a denial flips the reading: an article denying the same thing agrees.

Hand-written here (no library does it): the scoring and the decision rules.
Cue lists and every threshold live in ``data/link/stance.toml``.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from newstrace.knowledge.datafiles import load_toml
from newstrace.link.sentences import split_sentences
from newstrace.link.stance_lexicon import ContentWords, PhraseSet, content_words, coverage, stems_of

Label = Literal["agree", "disagree", "discuss", "unrelated"]
LABELS: tuple[Label, ...] = ("agree", "disagree", "discuss", "unrelated")
Family = Literal["denying", "disputing", "hedged", "confirming"]
FAMILIES: tuple[Family, ...] = ("denying", "disputing", "hedged", "confirming")
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
    deny_strong: float
    deny_over_hedge: float
    deny_min_relevance: float
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


@dataclass(frozen=True, slots=True)
class _Matchers:
    families: dict[str, PhraseSet]
    negations: frozenset[str]


@functools.lru_cache(maxsize=8)
def _matchers(params: StanceParams) -> _Matchers:
    families: dict[str, PhraseSet] = {f: PhraseSet(params.cue_list(f)) for f in FAMILIES}
    negations = frozenset(s for n in params.cue_list("negations") for s in stems_of(n))
    return _Matchers(families, negations)


# --------------------------------------------------------------------------- prepared texts


@dataclass(frozen=True, slots=True)
class SentenceCues:
    """What one sentence says, word-wise: its stems, cue phrases per family, negation."""

    stems: frozenset[str]
    cues: dict[str, tuple[str, ...]]
    negated: bool


def sentence_cues(text: str, *, params: StanceParams | None = None) -> SentenceCues:
    params = params or default_params()
    m = _matchers(params)
    seq = stems_of(text)
    cues: dict[str, tuple[str, ...]] = {f: tuple(m.families[f].find(seq)) for f in FAMILIES}
    return SentenceCues(frozenset(seq), cues, any(s in m.negations for s in seq))


@dataclass(frozen=True, slots=True)
class PreparedArticle:
    """An article's sentences with embeddings and cues computed once, for many claims."""

    sentences: tuple[str, ...]
    vectors: Vectors
    cues: tuple[SentenceCues, ...]
    stems: frozenset[str]


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
    return PreparedArticle(sents, np.asarray(vectors, dtype=np.float32), cues, stems)


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


def _stance(claim: str, words: ContentWords, art: PreparedArticle, cos: Vectors, score: float,
            params: StanceParams) -> Relation:
    rel = _relevance(words, art, cos, params)
    order = [int(i) for i in np.argsort(-rel, kind="stable")[: params.max_sentences]
             if rel[i] >= params.min_relevance]
    mass = dict.fromkeys(FAMILIES, 0.0)
    first: dict[str, int] = {}
    for i in order:
        for fam in FAMILIES:
            if not art.cues[i].cues[fam]:
                continue
            if fam in ("denying", "disputing") and rel[i] < params.deny_min_relevance:
                continue
            mass[fam] += float(rel[i])
            first.setdefault(fam, i)
    # A party's denial ("X denied …") is weaker evidence than the article calling the claim false.
    mass["denying"] += params.dispute_weight * mass.pop("disputing")
    if "disputing" in first and "denying" not in first:
        first["denying"] = first["disputing"]
    best = int(np.argmax(cos))
    claim_cues = sentence_cues(claim, params=params)
    # A claim that denies ("X is a hoax", "X did not …") is answered by the article's polarity.
    claim_denies = bool(claim_cues.cues["denying"] or claim_cues.cues["disputing"]) or (
        params.claim_negation and claim_cues.negated)
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
