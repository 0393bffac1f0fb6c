"""Reports of one claim that carry it in the same words share one origin.

Two articles that state a claim in the same sentence, word for word, copied it from
each other or from a common source, even when the rest of the two articles differs
too much for a copy group (one wire paragraph inside a longer story, a re-run under
a new top, a lightly edited translation). Counting them as independent origins
would inflate the claim, so they are merged here.

Written by hand: a word-sequence ratio (difflib) between the report sentences of one
claim, joined by union-find. Exact repeats are collapsed first, and only pairs that
share enough word trigrams (an inverted index) are compared, so a claim with
thousands of reports does not cost a ratio per pair.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Hashable, Sequence

_WORD = re.compile(r"\w+")


def _words(text: str) -> tuple[str, ...]:
    return tuple(w.casefold() for w in _WORD.findall(text))


def verbatim_groups(texts: Sequence[str], *, min_ratio: float, min_words: int,
                    owners: Sequence[Hashable] | None = None) -> list[int]:
    """For each text, the index of the first text in its group of near-verbatim repeats.

    Two texts are one group when both have at least ``min_words`` words and their word
    sequences match with a ratio of at least ``min_ratio``; groups are closed under this
    (A~B and B~C puts A, B and C together). With ``owners``, the texts of one owner are
    one group too (one article's reports share its origin). A text in no group maps to itself.
    """
    parent = list(range(len(texts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    if owners is not None:
        first_of: dict[Hashable, int] = {}
        for i, owner in enumerate(owners):
            union(first_of.setdefault(owner, i), i)
    words = [_words(t) for t in texts]
    first: dict[tuple[str, ...], int] = {}
    distinct: list[int] = []
    for i, w in enumerate(words):
        if len(w) < min_words:
            continue
        if w in first:
            union(first[w], i)
        else:
            first[w] = i
            distinct.append(i)
    # candidates: two sequences within the ratio share most of their word trigrams
    postings: dict[tuple[str, ...], list[int]] = {}
    grams_of = [_trigrams(words[i]) for i in distinct]
    for x, i in enumerate(distinct):
        grams = grams_of[x]
        shared: dict[int, int] = {}
        for g in grams:
            for y in postings.get(g, ()):
                shared[y] = shared.get(y, 0) + 1
            postings.setdefault(g, []).append(x)
        matcher = difflib.SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(words[i])
        for y, n in shared.items():
            j = distinct[y]
            if n < min_ratio * min(len(grams), len(grams_of[y])) / 2:
                continue
            matcher.set_seq1(words[j])
            if matcher.real_quick_ratio() >= min_ratio and matcher.quick_ratio() >= min_ratio \
                    and matcher.ratio() >= min_ratio:
                union(i, j)
    return [find(i) for i in range(len(texts))]


def _trigrams(words: tuple[str, ...]) -> set[tuple[str, ...]]:
    return {words[k:k + 3] for k in range(len(words) - 2)}
