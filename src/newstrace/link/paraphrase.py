"""Confirm paraphrase candidates by aligning sentences with embeddings.

The copy index finds spun-copy candidates from names and numbers alone; a
synonym spinner keeps each sentence's meaning, so a real spun copy aligns with
its original sentence by sentence in embedding space, while two independent
reports of one event (same names, different sentences) do not. The sentence
split is a plain punctuation split: the documents are cleaned text, and the
alignment only needs rough sentences.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from newstrace.knowledge.datafiles import load_toml
from newstrace.link.copies import CopyLink, PairConfirmer
from newstrace.nlp.embeddings import Vectors, embed

_SENTENCE_END = re.compile(r"(?<=[.!?…”\"])\s+(?=[A-Z“\"])|\n+")


def sentences(text: str, *, min_chars: int) -> list[str]:
    """Rough sentences of a cleaned text, long enough to carry content."""
    return [s.strip() for s in _SENTENCE_END.split(text) if len(s.strip()) >= min_chars]


def alignment(a: Vectors, b: Vectors) -> float:
    """Mean best cosine of the shorter side's sentences in the other (unit vectors)."""
    if len(a) == 0 or len(b) == 0:
        return 0.0
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return float(np.mean(np.max(short @ long_.T, axis=1)))


def embedding_confirmer(texts: Mapping[str, str], *,
                        embedder: Callable[[Sequence[str]], Vectors] | None = None) -> PairConfirmer:
    """A ``PairConfirmer`` over the given texts; embeddings are computed once per document
    (``embedder``, e.g. one that reads a store's cache, replaces the plain ``embed``)."""
    settings = load_toml("link/copies.toml").get("confirm", {})
    threshold = float(settings.get("min_alignment", 0.75))
    min_chars = int(settings.get("min_sentence_chars", 40))
    cache: dict[str, Vectors] = {}

    def vectors(doc_id: str) -> Vectors:
        if doc_id not in cache:
            cache[doc_id] = (embedder or embed)(sentences(texts.get(doc_id, ""), min_chars=min_chars))
        return cache[doc_id]

    def confirm(a: str, b: str, link: CopyLink) -> float | None:
        score = alignment(vectors(a), vectors(b))
        return round(score, 4) if score >= threshold else None

    return confirm
