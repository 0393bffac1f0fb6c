"""Accept or drop candidate attributions with a classifier learned from our own annotations.

The attribution walk proposes candidates from the rules and from the tagger
(trained on PolNeAR, whose notion of attribution is wider than the gold
README's: beliefs, likes and wants count there, not here). This logistic
model, trained by ``python -m newstrace.train acceptance`` on our annotated
``train`` articles, scores each candidate from its record (component, tag
confidence, cue lemma, speaker kind, directness, content …) and the component
drops those below the threshold tuned on our dev annotations.

The weights ship as JSON (``models/attribution_acceptance.json``: feature
names, coefficients, intercept, threshold) and are applied with a dot product,
so loading needs no pickle; scikit-learn fits them.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newstrace.errors import Errors, NewstraceError
from newstrace.records import Attribution

SHIPPED = Path(__file__).resolve().parents[2] / "models" / "attribution_acceptance.json"


def features(a: Attribution, text: str) -> dict[str, float]:
    """The candidate's features, from its record and its own evidence only."""
    evidence = text[a.start : a.end]
    speaker = a.speaker or ""
    content = (a.content_end or 0) - (a.content_start or 0)
    f: dict[str, float] = {
        f"component={a.component}": 1.0,
        f"cue={a.cue}": 1.0,
        f"component_cue={a.component}:{a.cue}": 1.0,
        f"kind={a.speaker_kind}": 1.0,
        f"force={a.force}": 1.0,
        f"direct={a.direct}": 1.0,
        "named": float(a.named),
        "has_speaker": float(bool(a.speaker)),
        "has_via": float(bool(a.via)),
        "has_content": float(a.content_start is not None),
        "confidence": a.confidence,
        "low_confidence": float(a.confidence < 0.8),
        "evidence_words": min(len(evidence.split()), 30) / 30,
        "speaker_words": min(len(speaker.split()), 15) / 15,
        "content_chars": min(content, 600) / 600,
        "speaker_is_pronoun": float(speaker.lower() in {"he", "she", "they", "it", "we", "i", "you"}),
    }
    words = speaker.lower().split()
    if words:
        f[f"speaker_first={words[0]}"] = 1.0
        f[f"speaker_head={words[-1]}"] = 1.0
    sentence = text[a.sentence_start : a.sentence_end]
    before = text[a.sentence_start : a.start]
    f["sentence_has_quote"] = float(any(q in sentence for q in '"“”'))
    f["cue_inside_quote"] = float((before.count('"') + before.count("“") - before.count("”")) % 2 == 1)
    f["sentence_initial"] = float(not before.strip())
    prev = before.split()[-1:] or ["<s>"]
    f[f"previous={prev[0].lower().strip(',;:')}"] = 1.0
    return f


@dataclass(frozen=True, slots=True)
class AcceptanceModel:
    weights: dict[str, float]
    intercept: float
    threshold: float

    def score(self, f: dict[str, float]) -> float:
        """The acceptance probability of a candidate's features."""
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in f.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def probability(self, a: Attribution, text: str) -> float:
        return self.score(features(a, text))

    def accept(self, a: Attribution, text: str) -> bool:
        return self.probability(a, text) >= self.threshold

    def to_json(self) -> dict[str, Any]:
        return {"weights": self.weights, "intercept": self.intercept, "threshold": self.threshold}


def available(path: Path = SHIPPED) -> bool:
    return path.is_file()


@functools.lru_cache(maxsize=2)
def load(path: Path = SHIPPED) -> AcceptanceModel:
    try:
        data = json.loads(path.read_text("utf-8"))
        return AcceptanceModel({str(k): float(v) for k, v in data["weights"].items()},
                               float(data["intercept"]), float(data["threshold"]))
    except (OSError, KeyError, TypeError, ValueError) as exc:
        raise NewstraceError(Errors.E042, path=path, detail=exc) from exc
