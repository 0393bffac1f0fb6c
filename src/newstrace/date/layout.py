"""Where in a document dates are trusted: header zone, lead, body, junk.

Works with whatever line classes the clean stage gives: with title/meta lines
the header zone is those; with every line marked body it is the lines above
the first prose line. Sizes come from ``data/date/publication.toml``.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from newstrace.date.tables import publication_table
from newstrace.records import CleanDocument, Line


@dataclass(frozen=True, slots=True)
class Layout:
    lines: tuple[Line, ...]
    header: frozenset[int]  # indexes into ``lines``
    lead: frozenset[int]
    first_prose: int | None
    starts: tuple[int, ...]

    def line_at(self, offset: int) -> int | None:
        """Index of the line holding source offset ``offset``."""
        i = bisect.bisect_right(self.starts, offset) - 1
        if i >= 0 and offset <= self.lines[i].end:
            return i
        return None

    def is_junk(self, index: int | None) -> bool:
        return index is not None and self.lines[index].cls == "junk"


def _lines_of(clean: CleanDocument) -> tuple[Line, ...]:
    if clean.lines:
        return clean.lines
    out = []
    pos = 0
    for number, text in enumerate(clean.source_text.split("\n"), start=1):
        stripped = text.strip()
        if stripped:
            start = pos + len(text) - len(text.lstrip())
            out.append(Line(number, start, start + len(stripped), stripped, "body"))
        pos += len(text) + 1
    return tuple(out)


def layout(clean: CleanDocument) -> Layout:
    zones = publication_table()["zones"]
    top_lines = int(zones["top_lines"])
    prose_min = int(zones["prose_min_chars"])
    lead_lines = int(zones["lead_lines"])
    lead_min = int(zones["lead_min_chars"])
    lines = _lines_of(clean)
    first_prose = next(
        (i for i, ln in enumerate(lines) if ln.cls == "body" and len(ln.text) >= prose_min), None
    )
    header = set()
    for i, ln in enumerate(lines):
        above_prose = first_prose is None or i < first_prose
        if ln.cls in ("title", "meta") or (i < top_lines and above_prose and ln.cls != "junk"):
            header.add(i)
    lead: list[int] = []
    for i, ln in enumerate(lines):
        if len(lead) >= lead_lines:
            break
        if ln.cls == "body" and len(ln.text) >= lead_min:
            lead.append(i)
    return Layout(
        lines=lines,
        header=frozenset(header),
        lead=frozenset(lead),
        first_prose=first_prose,
        starts=tuple(ln.start for ln in lines),
    )
