"""The trained signal component: which predicates state a signal, of which type, whose.

Two linear models, fitted by ``python -m newstrace.train signals`` on our own
annotated train articles (``annotations/*.train.json``) and shipped as arrays
(``models/signals/model.npz``, loaded with ``allow_pickle=False``):

* the **type model** reads each candidate predicate (``candidates``) and gives a
  probability per gold signal type and ``none``; the rules' signals over the
  predicate are among its features, not gates;
* the **actor model** scores each actor the text offers for a kept predicate
  (agent, speaker, the rules' actor, the nearest named actor, the main
  subject) and keeps the best.

``predict`` decides; ``set_annotations`` builds the ``Signal`` records with the
rules' own topic, condition, time, source and certainty logic, so a trained
signal reads like a rule-made one downstream.
"""

from __future__ import annotations

import functools
import json
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from newstrace.errors import Errors, NewstraceError
from newstrace.extract.actor_names import doc_names
from newstrace.extract.signals.actor import ActorRef, ActorResolver
from newstrace.extract.signals.candidates import (
    PLAIN_RULE,
    Candidate,
    actor_options,
    candidates,
    normalise,
)
from newstrace.extract.signals.lexicon import Lexicon, lexicon
from newstrace.extract.signals.polarity import polarity
from newstrace.extract.signals.types import Trigger
from newstrace.extract.signals.when import time_roots
from newstrace.nlp import ParsedDocument
from newstrace.records import Attribution, Signal

SHIPPED = Path(__file__).resolve().parents[2] / "models" / "signals" / "model.npz"


@dataclass(frozen=True, slots=True)
class LinearModel:
    """A fitted linear model over named sparse features (softmax over ``classes``,
    or a sigmoid when there is one row of weights)."""

    vocab: dict[str, int]
    coef: NDArray[np.float64]  # (classes or 1) × features
    intercept: NDArray[np.float64]
    classes: tuple[str, ...]

    def scores(self, rows: Sequence[dict[str, float]]) -> NDArray[np.float64]:
        # a sparse dot product: each row sums the weight columns of its own features
        z = np.tile(self.intercept, (len(rows), 1))
        for i, f in enumerate(rows):
            idx = [(j, v) for k, v in f.items() if (j := self.vocab.get(k)) is not None]
            if idx:
                cols = np.fromiter((j for j, _ in idx), dtype=np.intp, count=len(idx))
                vals = np.fromiter((v for _, v in idx), dtype=np.float64, count=len(idx))
                z[i] += self.coef[:, cols] @ vals
        if z.shape[1] == 1:
            out: NDArray[np.float64] = 1.0 / (1.0 + np.exp(-z[:, 0]))
            return out
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        probs: NDArray[np.float64] = e / e.sum(axis=1, keepdims=True)
        return probs


@dataclass(frozen=True, slots=True)
class SignalModel:
    types: LinearModel
    actors: LinearModel
    nouns: frozenset[str]
    threshold: float
    actor_threshold: float
    meta: dict[str, Any]
    # the type threshold where the rules' signals are kept beside the model's (``combined``),
    # tuned on our dev annotations for that union
    combined_threshold: float = 0.0

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        arrays: dict[str, Any] = {}
        for key, m in (("type", self.types), ("actor", self.actors)):
            names = sorted(m.vocab, key=m.vocab.__getitem__)
            arrays[f"{key}_vocab"] = np.array(names, dtype=str)
            arrays[f"{key}_coef"] = m.coef.astype(np.float32)
            arrays[f"{key}_intercept"] = m.intercept.astype(np.float32)
            arrays[f"{key}_classes"] = np.array(m.classes, dtype=str)
        arrays["nouns"] = np.array(sorted(self.nouns), dtype=str)
        arrays["meta"] = np.array(json.dumps(
            {**self.meta, "threshold": self.threshold, "actor_threshold": self.actor_threshold,
             "combined_threshold": self.combined_threshold or self.threshold},
            sort_keys=True))
        np.savez_compressed(path, **arrays)


def _linear(data: Any, key: str) -> LinearModel:
    vocab = {str(n): i for i, n in enumerate(data[f"{key}_vocab"])}
    return LinearModel(vocab, data[f"{key}_coef"].astype(np.float64),
                       data[f"{key}_intercept"].astype(np.float64),
                       tuple(str(c) for c in data[f"{key}_classes"]))


def model_path() -> Path:
    return Path(os.environ.get("NEWSTRACE_SIGNAL_MODEL") or SHIPPED)


def available() -> bool:
    return model_path().is_file()


@functools.lru_cache(maxsize=4)
def load(path: Path | None = None) -> SignalModel:
    """The shipped (or ``NEWSTRACE_SIGNAL_MODEL``) signal model; E042 when unreadable."""
    where = path or model_path()
    try:
        with np.load(where, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            threshold = float(meta["threshold"])
            return SignalModel(_linear(data, "type"), _linear(data, "actor"),
                               frozenset(str(n) for n in data["nouns"]),
                               threshold, float(meta["actor_threshold"]), meta,
                               float(meta.get("combined_threshold", threshold)))
    except (OSError, KeyError, ValueError) as exc:
        raise NewstraceError(Errors.E042, path=str(where), detail=f"{type(exc).__name__}: {exc}") from exc


@dataclass(frozen=True, slots=True)
class Decision:
    """A predicate the model keeps: its type, its actor and how sure it is."""

    cand: Candidate
    type: str
    actor: ActorRef
    confidence: float


def salience(cands: Sequence[Candidate], person: Any, lex: Lexicon) -> dict[str, int]:
    """How often each actor is a predicate's agent in the document."""
    seen: Counter[str] = Counter()
    for c in cands:
        if c.actor is not None:
            seen[normalise(c.actor, person, lex).canonical] += 1
    return dict(seen)


def predict(model: SignalModel, parsed: ParsedDocument, attributions: Sequence[Attribution],
            rules: Sequence[Signal], resolver: ActorResolver | None = None) -> list[Decision]:
    """The model's decisions for one document (no records built yet); ``resolver`` is the
    document's, when the caller shares it with ``set_annotations``."""
    lex = lexicon()
    resolver = resolver or ActorResolver(parsed.doc, lex)
    cands = candidates(parsed, attributions, rules, resolver, lex, model.nouns)
    return decide(model, parsed, cands, resolver)


def model_signals(model: SignalModel, parsed: ParsedDocument, attributions: Sequence[Attribution],
                  rules: Sequence[Signal], component: str) -> list[Signal]:
    """predict, then set_annotations, over one resolver (its pronoun scan is the costly part)."""
    resolver = ActorResolver(parsed.doc, lexicon())
    decisions = predict(model, parsed, attributions, rules, resolver)
    return set_annotations(decisions, parsed, attributions, component, resolver)


def decide(model: SignalModel, parsed: ParsedDocument, cands: Sequence[Candidate],
           resolver: ActorResolver, *, cache: dict[Any, Any] | None = None) -> list[Decision]:
    """Decisions over given candidates; ``cache`` keeps the scores between calls that
    differ only in thresholds (training tunes them on the same candidates)."""
    if not cands:
        return []
    lex = lexicon()
    cache = {} if cache is None else cache
    if "types" not in cache:
        cache["types"] = model.types.scores([c.features for c in cands])
        person = doc_names(parsed.doc).person
        cache["person"] = person
        cache["salience"] = salience(cands, person, lex)
    probs = cache["types"]
    classes = model.types.classes
    none = classes.index("none")
    best: dict[tuple[str, str, int], Decision] = {}
    for i, (cand, row) in enumerate(zip(cands, probs, strict=True)):
        p = row.copy()
        p[none] = 0.0
        k = int(p.argmax())
        if p[k] < model.threshold:
            continue
        if i not in cache:
            options = actor_options(cand, resolver, lex, cache["person"], cache["salience"])
            cache[i] = (options, model.actors.scores([o.features for o in options]) if options else None)
        options, ascores = cache[i]
        if not options:
            continue
        j = int(ascores.argmax())
        if ascores[j] < model.actor_threshold:
            continue
        d = Decision(cand, classes[k], options[j].ref, float(p[k]))
        key = (d.actor.canonical, d.type, cand.sent.start)
        if key not in best or best[key].confidence < d.confidence:
            best[key] = d
    return sorted(best.values(), key=lambda d: d.cand.token.i)


def set_annotations(decisions: Sequence[Decision], parsed: ParsedDocument,
                    attributions: Sequence[Attribution], component: str,
                    resolver: ActorResolver | None = None) -> list[Signal]:
    """Signal records for the decisions, built by the rules' own record builder."""
    from newstrace.extract.signals.rules import make_signal

    lex = lexicon()
    resolver = resolver or ActorResolver(parsed.doc, lex)
    times = time_roots(parsed.doc, parsed.dated.times)
    out: list[Signal] = []
    for d in decisions:
        trig = Trigger(d.cand.token, PLAIN_RULE, d.type)
        _, pol = polarity(trig, lex)
        made = make_signal(trig, d.type, pol, d.actor, d.cand.att, d.cand.sent, parsed, resolver, times,
                           lex, negated=pol == "negative")
        out.append(replace(made, component=component, confidence=round(d.confidence, 4)))
    return out


def _overlaps(a: Signal, b: Signal) -> bool:
    return a.start < b.end and b.start < a.end


def combine(trained: Sequence[Signal], rules: Sequence[Signal]) -> list[Signal]:
    """The model's signals plus every rule signal that no model signal of the same actor
    and type overlaps, in text order."""
    kept = [s for s in rules if not any(
        t.actor == s.actor and t.type == s.type and _overlaps(t, s) for t in trained)]
    return sorted([*trained, *kept], key=lambda s: (s.start, s.end, s.actor, s.type))
