"""Datelines at the start of a body paragraph ("KYIV, Ukraine (AP) —").

The clean stage may leave a dateline glued to the first sentence of a
paragraph. spaCy then parses the place name as a subject ("KELMORA — Kaldorian
President ... said"), so the signal components need to know which tokens are
dateline: they are never an actor and never part of the evidence. The
patterns are data (``[dateline]`` in ``signals.toml``); this module only
applies them at line starts, because no library marks datelines.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from newstrace.extract.signals.lexicon import Lexicon


@dataclass(frozen=True, slots=True)
class Datelines:
    """Character ranges of datelines in a document, and the tokens inside them."""

    spans: tuple[tuple[int, int], ...]
    tokens: frozenset[int]

    def clip(self, start: int, anchor: int) -> int:
        """``start`` moved past a dateline that lies between it and ``anchor``."""
        for lo, hi in self.spans:
            if start < hi <= anchor and lo < anchor:
                start = max(start, hi)
        return start


def find_datelines(doc: Doc, lex: Lexicon) -> Datelines:
    text: str = doc.text
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        stripped = len(line) - len(line.lstrip())
        for pattern in lex.datelines:
            m = pattern.match(line, stripped)
            if m is not None:
                spans.append((pos, pos + m.end()))
                break
        pos += len(line) + 1
    tokens = frozenset(
        t.i for lo, hi in spans for t in doc if lo <= t.idx < hi
    )
    return Datelines(tuple(spans), tokens)
