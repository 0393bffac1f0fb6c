"""Helpers for date tests: a CleanDocument over invented text, lines classed by hand."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from newstrace import ids
from newstrace.records import CleanDocument, Line, LineClass, RawDocument, Segment


def build_clean(
    text: str,
    *,
    published: str | None = None,
    fmt: str = "text",
    extra: dict[str, Any] | None = None,
    classes: dict[int, LineClass] | None = None,
    source_text: str | None = None,
) -> CleanDocument:
    """Every non-empty line is body unless ``classes`` (1-based line number -> class) says otherwise."""
    source = text if source_text is None else source_text
    raw = RawDocument(
        doc_id=ids.doc_id(text),
        name="fixture",
        text=text,
        format="html" if fmt == "html" else "text",
        published=published,
        extra=extra or {},
    )
    lines: list[Line] = []
    pos = 0
    for number, line_text in enumerate(source.split("\n"), start=1):
        stripped = line_text.strip()
        if stripped:
            start = pos + len(line_text) - len(line_text.lstrip())
            cls = (classes or {}).get(number, "body")
            lines.append(Line(number, start, start + len(stripped), stripped, cls))
        pos += len(line_text) + 1
    body = [ln for ln in lines if ln.cls == "body"]
    segments = []
    clean_pos = 0
    for ln in body:
        segments.append(Segment(clean_pos, ln.start, ln.end - ln.start))
        clean_pos += ln.end - ln.start + 1
    return CleanDocument(
        raw=raw,
        source_text=source,
        text="\n".join(ln.text for ln in body),
        lines=tuple(lines),
        segments=tuple(segments),
        title=None,
        outlet=None,
        origin=None,
    )


@pytest.fixture
def make_clean() -> Callable[..., CleanDocument]:
    return build_clean
