"""Map offsets in cleaned text back to the source text.

Cleaning only drops whole lines and joins the kept ones with newlines, so the
mapping is a sorted list of verbatim segments; a bisect finds the segment.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from newstrace.records import Segment


def to_source(segments: Sequence[Segment], offset: int) -> int:
    """Source-text offset of cleaned-text ``offset`` (an end offset maps past its char)."""
    if not segments:
        return offset
    starts = [s.clean_start for s in segments]
    i = max(0, bisect.bisect_right(starts, offset) - 1)
    seg = segments[i]
    if offset > seg.clean_start + seg.length and i + 1 < len(segments):
        # In the newline joining two segments: snap to the next segment start.
        return segments[i + 1].source_start
    return seg.source_start + min(offset - seg.clean_start, seg.length)


def span_to_source(segments: Sequence[Segment], start: int, end: int) -> tuple[int, int]:
    """Map a half-open cleaned span; the end is mapped from its last character."""
    if end <= start:
        s = to_source(segments, start)
        return s, s
    return to_source(segments, start), to_source(segments, end - 1) + 1


def join_lines(pieces: Sequence[tuple[int, str]]) -> tuple[str, tuple[Segment, ...]]:
    """Join ``(source_start, text)`` pieces with newlines and record their segments."""
    out: list[str] = []
    segs: list[Segment] = []
    pos = 0
    for source_start, text in pieces:
        if out:
            out.append("\n")
            pos += 1
        segs.append(Segment(clean_start=pos, source_start=source_start, length=len(text)))
        out.append(text)
        pos += len(text)
    return "".join(out), tuple(segs)
