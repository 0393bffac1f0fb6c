"""Attribution extractor (placeholder until the real one lands)."""

from __future__ import annotations

from collections.abc import Iterator

from newstrace.nlp import ParsedDocument
from newstrace.records import Attribution


def extract_attributions(parsed: ParsedDocument) -> Iterator[Attribution]:
    yield from ()
