"""Fit the trained signal model on our own annotated train articles.

Each annotated article (``annotations/*.train.json``, standoff resolved against
``../shared``) runs through the pipeline up to the rules' signals. Every
candidate predicate is labelled: the candidate highest in the parse inside a
gold signal's evidence is that signal's head and takes its type; the other
candidates inside the evidence are left out of training; all others are
``none``. scikit-learn fits a multinomial logistic regression on the type
features and a binary one on the actor options of the heads. The probability
thresholds are the ones that give the best signal F1 on ``annotations/*.dev.json``,
scored as ``newstrace eval`` scores (actor, type, overlapping evidence).
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from newstrace.extract.signals.candidates import Candidate

NOUN_MIN_COUNT = 2  # a noun lemma becomes a candidate once it heads this many gold signals
THRESHOLDS = (0.04, 0.06, 0.08, 0.12, 0.16, 0.2, 0.25, 0.3)
C_TYPE = 0.3  # inverse regularisation of the type model
C_ACTOR = 1.0  # and of the actor model
ACTOR_THRESHOLDS = (0.0, 0.1, 0.2, 0.3)


@dataclass
class Example:
    """One annotated article, parsed, with its candidates and their gold labels."""

    file: str
    raw_text: str
    parsed: Any
    attributions: list[Any]
    rules: list[Any]
    gold: list[dict[str, Any]]
    cands: list[Candidate] = field(default_factory=list)
    labels: list[list[dict[str, Any]]] = field(default_factory=list)
    inside: list[bool] = field(default_factory=list)


def _depth(tok: Any) -> int:
    d = 0
    while tok.head.i != tok.i and d < 64:
        tok = tok.head
        d += 1
    return d


def examples(gold_files: list[Path], *, limit: int = 0) -> Iterator[Example]:
    """The annotated articles of ``gold_files``, parsed and labelled (every noun a candidate);
    ``limit`` keeps the first N articles of each file."""
    from newstrace.clean.boilerplate import Boilerplate
    from newstrace.clean.offsets import span_to_source
    from newstrace.evaluate import load_gold
    from newstrace.evaluate.gold import find_spans
    from newstrace.extract.components import attribution_component
    from newstrace.extract.signals.actor import ActorResolver
    from newstrace.extract.signals.candidates import candidates
    from newstrace.extract.signals.lexicon import lexicon
    from newstrace.extract.signals.rules import extract_signals
    from newstrace.ingest import read_paths
    from newstrace.nlp import parse
    from newstrace.pipeline import prepare
    from newstrace.records import DatedDocument, RawDocument

    lex = lexicon()
    attribute = attribution_component()
    for path in gold_files:
        gold = load_gold(path)
        docs = gold.documents[:limit] if limit else gold.documents
        by_file = {d["file"]: d for d in docs}
        raws = [r for r in read_paths([gold.corpus / f for f in by_file]) if isinstance(r, RawDocument)]
        furniture = Boilerplate.learn(raws)
        dated = [d for d in (prepare(r, boilerplate=furniture) for r in raws) if isinstance(d, DatedDocument)]
        for parsed in parse(dated, batch_size=16):
            name = Path(parsed.dated.clean.raw.name).name
            raw_text = (gold.corpus / name).read_text("utf-8")
            signals = [dict(g, spans=find_spans(raw_text, g.get("evidence")))
                       for g in by_file[name]["signals"]]
            atts = attribute(parsed)
            ex = Example(name, raw_text, parsed, atts, list(extract_signals(parsed, atts)), signals)
            ex.cands = candidates(parsed, atts, ex.rules, ActorResolver(parsed.doc, lex), lex, None)
            segs = parsed.dated.clean.segments
            raw = [span_to_source(segs, c.token.idx, c.token.idx + len(c.token.text)) for c in ex.cands]
            ex.labels = [[] for _ in ex.cands]
            ex.inside = [False] * len(ex.cands)
            for g in signals:
                inside = [i for i, (a, b) in enumerate(raw) if any(s <= a and b <= e for s, e in g["spans"])]
                for i in inside:
                    ex.inside[i] = True
                if inside:
                    ex.labels[min(inside, key=lambda i: (_depth(ex.cands[i].token), i))].append(g)
            yield ex


def noun_vocabulary(train: list[Example]) -> frozenset[str]:
    heads: Counter[str] = Counter()
    for ex in train:
        for c, labels in zip(ex.cands, ex.labels, strict=True):
            if labels and c.token.pos_ == "NOUN":
                heads[c.token.lemma_.casefold()] += len(labels)
    return frozenset(w for w, n in heads.items() if n >= NOUN_MIN_COUNT)


def _kept(c: Candidate, nouns: frozenset[str]) -> bool:
    return c.token.pos_ != "NOUN" or c.token.lemma_.casefold() in nouns


def _linear(clf: Any, vec: Any) -> Any:
    from newstrace.extract.signals.learned import LinearModel

    vocab = {str(n): i for i, n in enumerate(vec.get_feature_names_out())}
    return LinearModel(vocab, np.asarray(clf.coef_, dtype=np.float64),
                       np.asarray(clf.intercept_, dtype=np.float64), tuple(str(c) for c in clf.classes_))


def _actor_rows(ex: Example) -> list[tuple[list[Any], set[str]]]:
    """Per labelled head: its actor options and the gold actors."""
    from newstrace.extract.actor_names import doc_names
    from newstrace.extract.signals.actor import ActorResolver
    from newstrace.extract.signals.candidates import actor_options
    from newstrace.extract.signals.learned import salience
    from newstrace.extract.signals.lexicon import lexicon

    lex = lexicon()
    person = doc_names(ex.parsed.doc).person
    resolver = ActorResolver(ex.parsed.doc, lex)
    sal = salience(ex.cands, person, lex)
    return [(actor_options(c, resolver, lex, person, sal), {g["actor"] for g in labels})
            for c, labels in zip(ex.cands, ex.labels, strict=True) if labels]


def fit_model(train: list[Example], *, seed: int = 0, c_type: float = C_TYPE,
              c_actor: float = C_ACTOR) -> Any:
    """Both linear models on ``train`` (thresholds left at their defaults)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from newstrace.extract.signals.learned import SignalModel

    nouns = noun_vocabulary(train)
    rows: list[dict[str, float]] = []
    ys: list[str] = []
    for ex in train:
        for c, labels, inside in zip(ex.cands, ex.labels, ex.inside, strict=True):
            if not _kept(c, nouns) or (inside and not labels):
                continue
            rows.append(c.features)
            ys.append(labels[0]["type"] if labels else "none")
    tvec = DictVectorizer()
    types = LogisticRegression(C=c_type, max_iter=400, random_state=seed).fit(tvec.fit_transform(rows), ys)
    arows: list[dict[str, float]] = []
    ay: list[int] = []
    for ex in train:
        for options, gold in _actor_rows(ex):
            for o in options:
                arows.append(o.features)
                ay.append(int(o.ref.canonical in gold))
    avec = DictVectorizer()
    actors = LogisticRegression(C=c_actor, max_iter=500, random_state=seed).fit(avec.fit_transform(arows), ay)
    meta = {"train_documents": len(train), "train_candidates": len(rows),
            "train_signals": sum(len(x.gold) for x in train), "seed": seed}
    return SignalModel(_linear(types, tvec), _linear(actors, avec), nouns, 0.16, 0.2, meta)


def score(model: Any, dev: list[Example], caches: dict[str, dict[Any, Any]] | None = None, *,
          combined: bool = False) -> dict[str, Any]:
    """Signal P/R/F1 of ``model`` on ``dev``, scored as ``newstrace eval`` scores; with
    ``combined``, of its signals joined with the rules' as the ``combined`` component joins them.

    ``caches`` (per file) keeps the model's scores across threshold trials."""
    from newstrace.clean.offsets import span_to_source
    from newstrace.evaluate.scoring import score_documents
    from newstrace.extract.signals.actor import ActorResolver
    from newstrace.extract.signals.learned import combine, decide, set_annotations
    from newstrace.extract.signals.lexicon import lexicon

    preds: list[dict[str, Any]] = []
    golds: list[dict[str, Any]] = []
    texts: dict[str, str] = {}
    caches = {} if caches is None else caches
    for ex in dev:
        cands = [c for c in ex.cands if _kept(c, model.nouns)]
        resolver = ActorResolver(ex.parsed.doc, lexicon())
        decisions = decide(model, ex.parsed, cands, resolver, cache=caches.setdefault(ex.file, {}))
        segs = ex.parsed.dated.clean.segments
        sigs = []
        made = set_annotations(decisions, ex.parsed, ex.attributions, "trained")
        for s in combine(made, ex.rules) if combined else made:
            start, end = span_to_source(segs, s.start, s.end)
            sigs.append({"start": start, "end": end, "actor": s.actor, "type": s.type,
                         "topics": list(s.topics), "polarity": s.polarity,
                         "source": {"kind": s.source.kind},
                         "when": {"value": s.when.value} if s.when is not None else None})
        preds.append({"file": ex.file, "signals": sigs})
        golds.append({"file": ex.file, "signals": ex.gold, "attributions": []})
        texts[ex.file] = ex.raw_text
    scores = score_documents(preds, golds, texts)
    prf = scores.signals
    return {"precision": prf.precision, "recall": prf.recall, "f1": prf.f1,
            "fields": {k: v.value for k, v in scores.signal_fields.items()}}


def tune(model: Any, dev: list[Example]) -> tuple[Any, dict[str, Any]]:
    """The thresholds with the best dev F1, and that score."""
    from dataclasses import replace

    best: tuple[float, Any, dict[str, Any]] | None = None
    caches: dict[str, dict[Any, Any]] = {}
    for t in THRESHOLDS:
        for a in ACTOR_THRESHOLDS:
            m = replace(model, threshold=t, actor_threshold=a)
            s = score(m, dev, caches)
            if best is None or s["f1"] > best[0]:
                best = (s["f1"], m, s)
    assert best is not None
    return best[1], best[2]


def subset(train: list[Example], fraction: float, seed: int) -> list[Example]:
    """A seeded share of the training articles (for the learning curve)."""
    order = list(range(len(train)))
    random.Random(seed).shuffle(order)
    n = max(1, round(len(train) * fraction))
    return [train[i] for i in sorted(order[:n])]


COMBINED_THRESHOLDS = (*THRESHOLDS, 0.35, 0.4, 0.5, 0.6)


def tune_combined(model: Any, dev: list[Example]) -> tuple[Any, dict[str, Any]]:
    """The type threshold with the best dev F1 for the union with the rules' signals."""
    from dataclasses import replace

    best: tuple[float, float, dict[str, Any]] | None = None
    caches: dict[str, dict[Any, Any]] = {}
    for t in COMBINED_THRESHOLDS:
        s = score(replace(model, threshold=t), dev, caches, combined=True)
        if best is None or s["f1"] > best[0]:
            best = (s["f1"], t, s)
    assert best is not None
    return replace(model, combined_threshold=best[1]), best[2]
