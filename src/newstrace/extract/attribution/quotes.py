"""Quoted regions of a text: where direct speech starts and ends.

Written by hand because no installed library pairs news quotation marks:
curly and straight marks are mixed in real copy, quotes nest (‘…’ inside “…”),
and marks are often unbalanced. Rules:

* a double mark opens when it looks like an opener (“, or " after a space or
  start of line) and closes at the next closer (”, or any "); single marks
  (‘ or ' after a space) open an inner or scare quote only at the top level
  and only when they close before the paragraph ends, so apostrophes in
  "Putin’s" never open anything;
* a double quote left open at the end of a paragraph runs to that paragraph's
  end (news style for quotes that continue into the next paragraph);
* a stray closer with no opener is ignored.

Everything is a single pass over the characters of each paragraph.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_DOUBLE_OPEN = "“„«"
_DOUBLE_CLOSE = "”»"
_STRAIGHT = '"'
_SINGLE_OPEN = "‘"
_SINGLE_CLOSE = "’'"
_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quoted region: ``start``/``end`` include the marks; ``closed`` is False when open-ended."""

    start: int
    end: int
    closed: bool = True

    @property
    def inner(self) -> tuple[int, int]:
        return (self.start + 1, self.end - 1 if self.closed else self.end)


def _opens_straight(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-:,") and not after.isspace()


def _single_closes(text: str, i: int) -> bool:
    after = text[i + 1] if i + 1 < len(text) else " "
    return not after.isalnum()


def _scan_paragraph(text: str, lo: int, hi: int, out: list[Quote]) -> None:
    i = lo
    # A single opener that finds no closer before position ``dead`` proves that no
    # later opener before ``dead`` can close either (the closer test does not depend
    # on the opener), so those are skipped: the scan stays linear even in a long
    # paragraph full of apostrophes typed as ‘.
    dead = lo
    while i < hi:
        ch = text[i]
        if ch in _DOUBLE_OPEN or (ch == _STRAIGHT and _opens_straight(text, i)):
            j = i + 1
            while j < hi and text[j] not in _DOUBLE_CLOSE and text[j] != _STRAIGHT:
                j += 1
            if j < hi:
                out.append(Quote(i, j + 1))
                i = j + 1
            else:
                out.append(Quote(i, hi, closed=False))
                i = hi
            continue
        if i >= dead and (ch == _SINGLE_OPEN or (ch == "'" and _opens_straight(text, i))):
            j = i + 1
            while j < hi and not (text[j] in _SINGLE_CLOSE and _single_closes(text, j)):
                if text[j] in _DOUBLE_OPEN or text[j] == _STRAIGHT:
                    break
                j += 1
            if j < hi and text[j] in _SINGLE_CLOSE:
                out.append(Quote(i, j + 1))
                i = j + 1
                continue
            dead = j
        i += 1


class QuoteMap:
    """All top-level quoted regions of a text, with fast point lookup."""

    def __init__(self, text: str) -> None:
        quotes: list[Quote] = []
        for m in _PARAGRAPH.finditer(text):
            _scan_paragraph(text, m.start(), m.end(), quotes)
        self.quotes: tuple[Quote, ...] = tuple(quotes)
        self._starts = [q.start for q in self.quotes]

    def at(self, offset: int) -> Quote | None:
        """The quote whose inside (marks excluded) contains ``offset``."""
        k = bisect.bisect_right(self._starts, offset) - 1
        if k >= 0:
            q = self.quotes[k]
            lo, hi = q.inner
            if lo <= offset < hi:
                return q
        return None

    def inside(self, offset: int) -> bool:
        return self.at(offset) is not None

    def within(self, start: int, end: int) -> list[Quote]:
        """Quotes that overlap ``[start, end)``."""
        k = max(bisect.bisect_right(self._starts, start) - 1, 0)
        found: list[Quote] = []
        for q in self.quotes[k:]:
            if q.start >= end:
                break
            if q.end > start:
                found.append(q)
        return found
