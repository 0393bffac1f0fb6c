"""Signal extractor (placeholder until the real one lands)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from newstrace.nlp import ParsedDocument
from newstrace.records import Attribution, Signal


def extract_signals(parsed: ParsedDocument, attributions: Sequence[Attribution]) -> Iterator[Signal]:
    yield from ()
