"""A cheap rule-based sentence splitter for whole article bodies.

spaCy's parser is the project's sentence segmenter, but it costs seconds per
long article; claim-to-article relations only need sentence-sized windows to
embed and score, so a regular-expression splitter (hand-written: end
punctuation followed by a capital, a quote or a digit, unless the word before
is a known abbreviation) is enough here. Line breaks always end a sentence.
"""

from __future__ import annotations

import re

_BOUNDARY = re.compile(r"(?<=[.!?…])([\"”’')\]]*)\s+(?=[\"“‘'(\[]?[A-Z0-9])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Sr|Jr|St|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|Rev|No|vs|etc|Inc|Corp|Ltd|Co"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z](?:\.[A-Z])*)\.$"
)
_SPACE = re.compile(r"\s+")


def split_sentences(text: str, *, min_chars: int = 2) -> list[str]:
    """Sentences of ``text`` in order, whitespace-normalised; fragments shorter than ``min_chars`` dropped."""
    out: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        pending = ""
        start = 0
        for match in _BOUNDARY.finditer(line):
            piece = line[start:match.end(1)]
            start = match.end()
            candidate = f"{pending} {piece}".strip() if pending else piece.strip()
            if not match.group(1) and _ABBREVIATION.search(candidate):
                pending = candidate
                continue
            out.append(candidate)
            pending = ""
        tail = line[start:].strip()
        last = f"{pending} {tail}".strip() if pending else tail
        if last:
            out.append(last)
    return [_SPACE.sub(" ", s) for s in out if len(s) >= min_chars]
