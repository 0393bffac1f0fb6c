"""Scores described in the gold README: dates, body lines, attributions, signals.

Matching is one-to-one and greedy in document order: a prediction matches a
gold item when their spans overlap (and, for attributions, their speakers
share a content word), mirroring the README's definitions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from newstrace.evaluate.gold import find_spans

_STOP = {"the", "a", "an", "of", "and", "to", "in", "on", "who", "with", "his", "her", "its", "their"}


def _words(s: str | None) -> set[str]:
    if not s:
        return set()
    return {w for w in re.findall(r"[\w’']+", s.casefold()) if w not in _STOP}


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"precision": round(self.precision, 3), "recall": round(self.recall, 3),
                "f1": round(self.f1, 3), "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += int(ok)
        self.total += 1

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"accuracy": round(self.value, 3), "right": self.right, "total": self.total}


@dataclass
class Scores:
    dates: Accuracy = field(default_factory=Accuracy)
    confident_wrong_dates: int = 0
    body_lines: PRF = field(default_factory=PRF)
    outlet: Accuracy = field(default_factory=Accuracy)
    origin: Accuracy = field(default_factory=Accuracy)
    attributions: PRF = field(default_factory=PRF)
    attribution_fields: dict[str, Accuracy] = field(default_factory=dict)
    signals: PRF = field(default_factory=PRF)
    signal_fields: dict[str, Accuracy] = field(default_factory=dict)
    per_document: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "dates": {**self.dates.as_dict(), "confident_wrong": self.confident_wrong_dates},
            "body_lines": self.body_lines.as_dict(),
            "outlet": self.outlet.as_dict(),
            "origin": self.origin.as_dict(),
            "attributions": self.attributions.as_dict(),
            "attribution_fields": {k: v.as_dict() for k, v in self.attribution_fields.items()},
            "signals": self.signals.as_dict(),
            "signal_fields": {k: v.as_dict() for k, v in self.signal_fields.items()},
            "per_document": self.per_document,
        }


def _date_consistent(pred: str, gold: str) -> bool:
    """A prediction agrees with gold where both say something (prefix agreement)."""
    n = min(len(pred), len(gold))
    return pred[:n] == gold[:n]


def _score_date(pred: dict[str, Any], gold: dict[str, Any], scores: Scores) -> dict[str, Any]:
    pv, pp = pred.get("value"), pred.get("precision")
    gv, gp = gold.get("value"), gold.get("precision")
    correct = pv == gv and (pp == gp or gv is None)
    scores.dates.add(correct)
    confident_wrong = bool(
        pv and pp == "day" and float(pred.get("confidence") or 0) >= 0.5
        and (gv is None or not _date_consistent(pv, gv))
    )
    scores.confident_wrong_dates += int(confident_wrong)
    return {"predicted": pv, "precision": pp, "gold": gv, "correct": correct,
            "confident_wrong": confident_wrong}


def _match(
    preds: Sequence[dict[str, Any]],
    golds: Sequence[dict[str, Any]],
    text: str,
    compatible: Callable[[dict[str, Any], dict[str, Any]], bool],
) -> list[tuple[int, int]]:
    """Greedy one-to-one matching of predictions to gold by overlapping spans."""
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    for gi, g in enumerate(golds):
        spans = find_spans(text, g.get("evidence"))
        for pi, p in enumerate(preds):
            if pi in used or p.get("start") is None:
                continue
            pspan = (int(p["start"]), int(p["end"]))
            if any(_overlap(pspan, s) for s in spans) and compatible(p, g):
                pairs.append((pi, gi))
                used.add(pi)
                break
    return pairs


def _speaker_ok(p: dict[str, Any], g: dict[str, Any]) -> bool:
    gw, pw = _words(g.get("speaker")), _words(p.get("speaker"))
    if not gw:  # gold has no speaker (agentless passive): the span alone decides
        return True
    return bool(gw & pw)


def match_attributions(preds: Sequence[dict[str, Any]], golds: Sequence[dict[str, Any]],
                       text: str) -> list[tuple[int, int]]:
    """(prediction, gold) index pairs of matched attributions, as ``score_documents`` counts them."""
    return _match(preds, golds, text, _speaker_ok)


def _norm_via(v: Any) -> Any:
    return v.casefold() if isinstance(v, str) else v


def _when_value(w: Any) -> Any:
    return w.get("value") if isinstance(w, dict) else None


def score_documents(predictions: Sequence[dict[str, Any]], gold_docs: Sequence[dict[str, Any]],
                    texts: dict[str, str]) -> Scores:
    """Score contract dicts (``extract --json`` objects) against gold documents."""
    scores = Scores()
    af = scores.attribution_fields
    sf = scores.signal_fields
    for name in ("named", "speaker_kind", "speaker_canonical", "via", "via_given", "direct"):
        af[name] = Accuracy()
    for name in ("topics", "polarity", "source_kind", "when", "type", "actor"):
        sf[name] = Accuracy()
    by_file = {p["file"]: p for p in predictions}
    for g in gold_docs:
        fname = g["file"]
        p = by_file.get(fname)
        text = texts.get(fname, "")
        doc_report: dict[str, Any] = {"file": fname}
        if p is None:
            doc_report["missing"] = True
            scores.dates.add(False)
            scores.body_lines.fn += len(g.get("lines", {}).get("body", []))
            scores.attributions.fn += len(g.get("attributions", []))
            scores.signals.fn += len(g.get("signals", []))
            scores.per_document.append(doc_report)
            continue
        doc_report["date"] = _score_date(p.get("published", {}), g.get("published", {}), scores)
        gbody = set(g.get("lines", {}).get("body", []))
        pbody = set(p.get("lines", {}).get("body", []))
        scores.body_lines.tp += len(gbody & pbody)
        scores.body_lines.fp += len(pbody - gbody)
        scores.body_lines.fn += len(gbody - pbody)
        if g.get("outlet") is not None:
            scores.outlet.add(_norm_via(p.get("outlet")) == _norm_via(g.get("outlet")))
        if g.get("origin") is not None:
            scores.origin.add(_norm_via(p.get("origin")) == _norm_via(g.get("origin")))

        pa, ga = p.get("attributions", []), g.get("attributions", [])
        apairs = match_attributions(pa, ga, text)
        scores.attributions.tp += len(apairs)
        scores.attributions.fp += len(pa) - len(apairs)
        scores.attributions.fn += len(ga) - len(apairs)
        for pi, gi in apairs:
            pp, gg = pa[pi], ga[gi]
            af["named"].add(bool(pp.get("named")) == bool(gg.get("named")))
            af["speaker_kind"].add(pp.get("speaker_kind") == gg.get("speaker_kind"))
            af["speaker_canonical"].add(pp.get("speaker_canonical") == gg.get("speaker_canonical"))
            af["via"].add(_norm_via(pp.get("via")) == _norm_via(gg.get("via")))
            if gg.get("via"):  # where the text gives a channel: the harder half of via
                af["via_given"].add(_norm_via(pp.get("via")) == _norm_via(gg.get("via")))
            af["direct"].add(pp.get("direct") == gg.get("direct"))

        ps, gs = p.get("signals", []), g.get("signals", [])
        spairs = _match(ps, gs, text, lambda a, b: a.get("actor") == b.get("actor")
                        and a.get("type") == b.get("type"))
        scores.signals.tp += len(spairs)
        scores.signals.fp += len(ps) - len(spairs)
        scores.signals.fn += len(gs) - len(spairs)
        for pi, gi in spairs:
            pp, gg = ps[pi], gs[gi]
            sf["topics"].add(sorted(pp.get("topics") or []) == sorted(gg.get("topics") or []))
            sf["polarity"].add(pp.get("polarity") == gg.get("polarity"))
            kinds = ((pp.get("source") or {}).get("kind"), (gg.get("source") or {}).get("kind"))
            sf["source_kind"].add(kinds[0] == kinds[1])
            sf["when"].add(_when_value(pp.get("when")) == _when_value(gg.get("when")))
        # type and actor accuracy over the pairs matched by evidence alone
        for pi, gi in _match(ps, gs, text, lambda a, b: True):
            sf["type"].add(ps[pi].get("type") == gs[gi].get("type"))
            sf["actor"].add(ps[pi].get("actor") == gs[gi].get("actor"))
        doc_report.update(
            attributions={"tp": len(apairs), "pred": len(pa), "gold": len(ga)},
            signals={"tp": len(spairs), "pred": len(ps), "gold": len(gs)},
        )
        scores.per_document.append(doc_report)
    return scores
