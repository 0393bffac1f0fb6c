"""Date a CleanDocument (first cut: undated, no time expressions)."""

from __future__ import annotations

from newstrace.records import UNDATED, CleanDocument, DatedDocument


def date_document(clean: CleanDocument) -> DatedDocument:
    return DatedDocument(clean=clean, published=UNDATED, times=())
