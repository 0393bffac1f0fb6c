"""Cheap language check: share of tokens that are function words of a language.

Hand-written because the pipeline only needs "is this English?" for the stages
that run an English spaCy model; a full language identifier is not needed for
that. Word lists live in ``data/clean/language.toml``.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass

from newstrace.clean.features import word_tokens
from newstrace.knowledge.datafiles import load_toml

#: Tokens looked at; the opening of an article decides its language.
MAX_TOKENS = 2000


@dataclass(frozen=True, slots=True)
class LanguageTable:
    stopwords: dict[str, frozenset[str]]
    min_ratio: float
    min_tokens: int
    undetermined: str


@functools.lru_cache(maxsize=1)
def table() -> LanguageTable:
    data = load_toml("clean/language.toml")
    return LanguageTable(
        stopwords={k: frozenset(v) for k, v in data.get("stopwords", {}).items()},
        min_ratio=float(data.get("min_ratio", 0.15)),
        min_tokens=int(data.get("min_tokens", 8)),
        undetermined=str(data.get("undetermined", "und")),
    )


def ratios(text: str) -> dict[str, float]:
    """Share of tokens that are stopwords, per language."""
    tokens = word_tokens(text)[:MAX_TOKENS]
    if not tokens:
        return {}
    counts = Counter(tokens)
    return {
        lang: sum(counts[w] for w in words if w in counts) / len(tokens)
        for lang, words in table().stopwords.items()
    }


def detect_language(text: str) -> str:
    """ISO 639-1 code of the best-scoring language, or ``und``.

    Short texts (fewer than ``min_tokens`` tokens) count as English when any
    English function word occurs, so that a one-line brief is not flagged.
    """
    t = table()
    tokens = word_tokens(text)[:MAX_TOKENS]
    if not tokens:
        return t.undetermined
    scores = ratios(text)
    best = max(scores, key=lambda k: scores[k])
    if len(tokens) < t.min_tokens:
        return "en" if scores.get("en", 0.0) > 0 else t.undetermined
    if scores[best] < t.min_ratio:
        return t.undetermined
    return best
