"""Build a CleanDocument from a RawDocument (first cut: every non-empty line is body)."""

from __future__ import annotations

from newstrace.clean.offsets import join_lines
from newstrace.records import CleanDocument, Line, RawDocument


def clean_document(raw: RawDocument) -> CleanDocument:
    source = raw.text
    lines: list[Line] = []
    pos = 0
    for number, text in enumerate(source.split("\n"), start=1):
        stripped = text.strip()
        if stripped:
            lead = len(text) - len(text.lstrip())
            start = pos + lead
            lines.append(Line(number, start, start + len(stripped), stripped, "body"))
        pos += len(text) + 1
    body = [(ln.start, ln.text) for ln in lines if ln.cls == "body"]
    text, segments = join_lines(body)
    return CleanDocument(
        raw=raw, source_text=source, text=text, lines=tuple(lines), segments=segments,
        title=raw.title, outlet=raw.outlet, origin=None,
    )
