"""Date a CleanDocument: its publication date, then the time expressions of its body."""

from __future__ import annotations

from newstrace.date.published import published_date
from newstrace.date.resolve import find_times
from newstrace.records import CleanDocument, DatedDocument


def date_document(clean: CleanDocument) -> DatedDocument:
    published = published_date(clean)
    times = find_times(clean.text, published)
    return DatedDocument(clean=clean, published=published, times=tuple(times))
