"""Date a CleanDocument: its publication date, then the time expressions of its body."""

from __future__ import annotations

import dataclasses

from newstrace.date.mentions import Mention, find_mentions
from newstrace.date.published import published_date
from newstrace.date.resolve import times_from_mentions
from newstrace.records import CleanDocument, DatedDocument


def _body_mentions(clean: CleanDocument) -> list[Mention]:
    """The source text's mentions that lie in body lines, moved to cleaned-text offsets.

    The publication-date pass has already scanned the source text (the scan is
    cached), and the cleaned text is its body lines copied verbatim, so mapping
    spares a second scan. A mention is kept only if it lies inside one copied
    line and reads the same there; if a mention straddles the edge of a body
    line (it joined text across lines), the cleaned text is scanned after all.
    """
    out = []
    segs = clean.segments
    k = 0
    for m in find_mentions(clean.source_text):
        while k < len(segs) and segs[k].source_start + segs[k].length <= m.start:
            k += 1
        if k == len(segs):
            break
        seg = segs[k]
        seg_end = seg.source_start + seg.length
        if seg.source_start <= m.start and m.end <= seg_end:
            start = seg.clean_start + m.start - seg.source_start
            end = start + (m.end - m.start)
            if clean.text[start:end] != m.text:
                return list(find_mentions(clean.text))
            out.append(dataclasses.replace(m, start=start, end=end))
        elif m.end > seg.source_start:  # straddles a body line's edge
            return list(find_mentions(clean.text))
    return out


def date_document(clean: CleanDocument) -> DatedDocument:
    published = published_date(clean)
    times = times_from_mentions(_body_mentions(clean), published)
    return DatedDocument(clean=clean, published=published, times=tuple(times))
