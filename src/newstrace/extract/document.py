"""Run the extractors over one parsed document, attributions first.

Signals need the attributions of their sentence (to know whose account they
are), so the order is fixed here rather than left to callers.
"""

from __future__ import annotations

from newstrace.extract.attribution import extract_attributions
from newstrace.extract.signals import extract_signals
from newstrace.nlp import ParsedDocument
from newstrace.records import ExtractedDocument


def extract_document(parsed: ParsedDocument) -> ExtractedDocument:
    attributions = tuple(extract_attributions(parsed))
    signals = tuple(extract_signals(parsed, attributions))
    return ExtractedDocument(dated=parsed.dated, attributions=attributions, signals=signals)
