"""Fit the attribution acceptance model on our annotated train articles.

Candidates are what the ``candidates`` component proposes (rules plus tagged
cues down to a low tag probability); a candidate is positive when it matches
a gold attribution of ``annotations/*.train.json`` as ``newstrace eval``
matches them (overlapping span, shared speaker word). scikit-learn fits a
logistic regression on ``acceptance.features``; the threshold is the one that
gives the best attribution F1 on ``annotations/*.dev.json``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newstrace.extract.attribution.acceptance import AcceptanceModel, features


@dataclass(frozen=True, slots=True)
class Candidate:
    features: dict[str, float]
    label: bool
    doc: str
    gold_total: int  # gold attributions of the candidate's document (for F1 at a threshold)


def candidates(gold_files: list[Path]) -> Iterator[tuple[str, int, list[tuple[dict[str, float], bool]]]]:
    """Per gold document: (file, gold count, [(features, matched)]) for every candidate."""
    before = os.environ.get("NEWSTRACE_ATTRIBUTION")
    os.environ["NEWSTRACE_ATTRIBUTION"] = "candidates"
    try:
        yield from _candidates(gold_files)
    finally:
        if before is None:
            os.environ.pop("NEWSTRACE_ATTRIBUTION", None)
        else:
            os.environ["NEWSTRACE_ATTRIBUTION"] = before


def _candidates(gold_files: list[Path]) -> Iterator[tuple[str, int, list[tuple[dict[str, float], bool]]]]:
    from newstrace import pipeline
    from newstrace.contract import document_contract
    from newstrace.evaluate import load_gold
    from newstrace.evaluate.scoring import match_attributions
    from newstrace.ingest import read_paths
    from newstrace.records import ExtractedDocument

    for path in gold_files:
        gold = load_gold(path)
        by_file = {d["file"]: d for d in gold.documents}
        files = [gold.corpus / f for f in by_file]
        for item in pipeline.run(read_paths(files)):
            if not isinstance(item, ExtractedDocument):
                continue
            name = Path(item.dated.clean.raw.name).name
            g = by_file.get(name)
            if g is None:
                continue
            contract = document_contract(item)
            text = (gold.corpus / name).read_text("utf-8")
            pairs = match_attributions(contract["attributions"], g["attributions"], text)
            matched = {pi for pi, _ in pairs}
            clean = item.dated.clean.text
            rows = [(features(a, clean), i in matched) for i, a in enumerate(item.attributions)]
            yield name, len(g["attributions"]), rows


def _f1_at(threshold: float, model: AcceptanceModel, docs: list[tuple[str, int, list[Any]]]) -> float:
    tp = fp = fn = 0
    for _, n_gold, rows in docs:
        kept = [label for f, label in rows if model.score(f) >= threshold]
        t = sum(kept)
        tp += t
        fp += len(kept) - t
        fn += n_gold - t
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def fit(train_files: list[Path], dev_files: list[Path], *, seed: int = 0) -> tuple[AcceptanceModel, str]:
    """The fitted model and a short report (train size, dev F1 by threshold)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    train = list(candidates(train_files))
    dev = list(candidates(dev_files))
    xs = [f for _, _, rows in train for f, _ in rows]
    ys = [int(label) for _, _, rows in train for _, label in rows]
    vec = DictVectorizer(sparse=True)
    matrix = vec.fit_transform(xs)
    clf = LogisticRegression(C=1.0, max_iter=2000, random_state=seed)
    clf.fit(matrix, ys)
    names = vec.get_feature_names_out()
    weights = {str(n): float(w) for n, w in zip(names, clf.coef_[0], strict=True) if abs(w) > 1e-6}
    model = AcceptanceModel(weights, float(clf.intercept_[0]), 0.5)
    lines = [f"train: {len(train)} documents, {len(ys)} candidates, {sum(ys)} positive"]
    best = (0.0, 0.5)
    for step in range(10, 75, 5):
        th = step / 100
        f1 = _f1_at(th, model, dev)
        lines.append(f"  dev threshold {th:.2f}: attribution F1 {f1:.3f}")
        best = max(best, (f1, th))
    lines.append(f"  no filter: attribution F1 {_f1_at(0.0, model, dev):.3f}")
    return AcceptanceModel(weights, model.intercept, best[1]), "\n".join(lines)
