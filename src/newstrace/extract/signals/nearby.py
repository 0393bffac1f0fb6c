"""Which attributions a signal trigger can belong to, found without scanning them all.

A trigger is linked to an attribution whose cue, content or sentence holds it,
so only the attributions whose reach overlaps the trigger's sentence matter.
Sentences are visited in order, so one sweep over the attributions sorted by
where their reach begins finds them all: linear in the document instead of
attributions × triggers. Written by hand: it is a few lines of interval sweep
over our own records.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from newstrace.records import Attribution


def _reach(a: Attribution) -> tuple[int, int]:
    starts = [a.start, a.sentence_start] + ([a.content_start] if a.content_start is not None else [])
    ends = [a.end, a.sentence_end] + ([a.content_end] if a.content_end is not None else [])
    return min(starts), max(ends)


class AttributionIndex:
    """The attributions of one document, asked for sentence by sentence in text order."""

    def __init__(self, attributions: Sequence[Attribution]) -> None:
        self.items = list(attributions)
        reach = [(*_reach(a), n) for n, a in enumerate(self.items)]
        self._pending = sorted(reach)  # by where the reach begins
        self._next = 0
        self._active: list[tuple[int, int, int]] = []
        order = sorted(range(len(self.items)), key=lambda n: (self.items[n].start, -n))
        self._by_start = [self.items[n] for n in order]
        self._starts = [a.start for a in self._by_start]

    def overlapping(self, lo: int, hi: int) -> list[Attribution]:
        """Attributions whose reach overlaps ``lo:hi``, in their original order.

        Calls must come with non-decreasing ``lo`` (sentences in text order).
        """
        while self._next < len(self._pending) and self._pending[self._next][0] < hi:
            self._active.append(self._pending[self._next])
            self._next += 1
        self._active = [r for r in self._active if r[1] > lo or r[0] >= lo]
        hits = sorted(n for start, end, n in self._active if start < hi and (end > lo or start >= lo))
        return [self.items[n] for n in hits]

    def before(self, start: int, count: int) -> list[Attribution]:
        """The ``count`` attributions that start nearest before ``start``, nearest first."""
        k = bisect.bisect_left(self._starts, start)
        return self._by_start[max(0, k - count):k][::-1]
