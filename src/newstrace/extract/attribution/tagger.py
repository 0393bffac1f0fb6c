"""The trained attribution tagger: a spaCy pipe that marks Source, Cue and Content spans.

It is spaCy's own ``Tagger`` (trained by ``spacy train`` from
``train/configs/attribution.cfg``) with two changes, because the tags it learns
are BIO roles and not part-of-speech tags:

* it never writes ``token.tag_`` (the parser's tags stay intact for the rules);
  it decodes its BIO tags into labelled spans in ``doc.spans[SPANS_KEY]``,
  with each span's mean tag probability in the group's ``attrs``;
* it is scored on role spans by overlap (the PolNeAR measure), not tag accuracy.

The factory and the scorer are registered on import, so importing this module
before ``spacy.load`` or ``add_pipe(source=…)`` is all a caller needs.
"""


from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy
from spacy.language import Language
from spacy.pipeline.tagger import Tagger
from spacy.tokens import Doc, SpanGroup
from spacy.training import Example
from spacy.util import registry
from thinc.api import Model

from newstrace.extract.attribution.tagged import SPANS_KEY

FACTORY = "newstrace_attribution_tagger"
ROLES = ("SOURCE", "CUE", "CONTENT")
OUTSIDE = "O"


def bio_labels() -> list[str]:
    """Every tag the tagger can give, in a fixed order."""
    return [OUTSIDE] + [f"{p}-{r}" for r in ROLES for p in ("B", "I")]


def decode(tags: Sequence[str]) -> Iterator[tuple[int, int, str]]:
    """(start, end, role) token spans from BIO tags; an ``I-`` after another role starts a span."""
    start, role = -1, ""
    for i, tag in enumerate([*tags, OUTSIDE]):
        prefix, _, this = tag.partition("-")
        if role and (tag == OUTSIDE or prefix == "B" or this != role):
            yield start, i, role
            start, role = -1, ""
        if tag != OUTSIDE and not role:
            start, role = i, this
    return


def repair(tags: list[str]) -> list[str]:
    """Each token's best tag, made valid BIO: an ``I-X`` that does not continue an ``X``
    starts one (``B-X``). Linear and cheap: a Viterbi pass over the tag probabilities
    cost a tenth of the parse for the same PolNeAR dev scores (±0.003)."""
    out = list(tags)
    for i, tag in enumerate(out):
        if tag.startswith("I-") and (i == 0 or out[i - 1][2:] != tag[2:]):
            out[i] = "B-" + tag[2:]
    return out


class AttributionTagger(Tagger):  # type: ignore[misc]
    """spaCy's tagger with role spans as output (see the module docstring)."""

    def predict(self, docs: Sequence[Doc]) -> list[Any]:
        n_labels = len(self.labels)
        if not any(len(doc) for doc in docs):
            return [numpy.zeros((0, n_labels), dtype="f") for _ in docs]
        scores = self.model.predict(docs)
        return [self.model.ops.to_numpy(s) for s in scores]

    def set_annotations(self, docs: Iterable[Doc], batch_scores: Sequence[Any]) -> None:
        if isinstance(docs, Doc):
            docs = [docs]
        labels = self.labels
        for doc, scores in zip(docs, batch_scores, strict=True):
            spans, confidence = [], []
            if len(doc):
                tags = repair([labels[int(i)] for i in scores.argmax(axis=1)])
                for start, end, role in decode(tags):
                    spans.append(doc[start:end])
                    spans[-1].label_ = role
                    confidence.append(float(scores[start:end].max(axis=1).mean()))
            group = SpanGroup(doc, name=SPANS_KEY, spans=spans, attrs={"confidence": confidence})
            doc.spans[SPANS_KEY] = group


def _overlap_f(pred: list[tuple[int, int]], gold: list[tuple[int, int]]) -> tuple[int, int, int]:
    """One-to-one greedy overlap matches, as bench/polnear.py scores roles."""
    used: set[int] = set()
    tp = 0
    for g0, g1 in gold:
        for i, (p0, p1) in enumerate(pred):
            if i not in used and p0 < g1 and g0 < p1:
                used.add(i)
                tp += 1
                break
    return tp, len(pred), len(gold)


def score_roles(examples: Iterable[Example], **_: Any) -> dict[str, float]:
    """Overlap F1 per role and their mean (``attribution_f``), for model selection."""
    counts = {r: [0, 0, 0] for r in ROLES}
    for eg in examples:
        for role in ROLES:
            pred = [(s.start, s.end) for s in eg.predicted.spans.get(SPANS_KEY, []) if s.label_ == role]
            gold = [(s.start, s.end) for s in eg.reference.spans.get(SPANS_KEY, []) if s.label_ == role]
            for k, v in enumerate(_overlap_f(pred, gold)):
                counts[role][k] += v
    out: dict[str, float] = {}
    for role, (tp, npred, ngold) in counts.items():
        p = tp / npred if npred else 0.0
        r = tp / ngold if ngold else 0.0
        out[f"attribution_{role.lower()}_f"] = 2 * p * r / (p + r) if p + r else 0.0
    out["attribution_f"] = sum(out.values()) / len(ROLES)
    return out


@registry.scorers("newstrace.attribution_scorer.v1")  # type: ignore[untyped-decorator]
def make_scorer() -> Any:
    return score_roles


@Language.factory(
    FACTORY,
    default_config={"scorer": {"@scorers": "newstrace.attribution_scorer.v1"}, "overwrite": False,
                    "neg_prefix": "!", "label_smoothing": 0.0},
    default_score_weights={"attribution_f": 1.0, "attribution_source_f": 0.0,
                           "attribution_cue_f": 0.0, "attribution_content_f": 0.0},
)
def make_attribution_tagger(
    nlp: Language, name: str, model: Model[Any, Any], overwrite: bool, scorer: Any,
    neg_prefix: str, label_smoothing: float,
) -> AttributionTagger:
    return AttributionTagger(nlp.vocab, model, name, overwrite=overwrite, scorer=scorer,
                             neg_prefix=neg_prefix, label_smoothing=label_smoothing)
