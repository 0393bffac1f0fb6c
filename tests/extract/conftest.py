"""Shared helpers for extract tests: build a ParsedDocument from invented text.

``make_parsed(text)`` treats every non-empty line as a body line and the
document as undated, so extractor tests need nothing but the text itself.
The spaCy model is loaded once per session (``nlp`` fixture). The project runs
pytest with ``--import-mode=importlib``, where a conftest cannot be imported by
name, so tests get the helper as the ``make_parsed`` fixture.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from newstrace import ids
from newstrace.extract.signals.rules import extract_signals
from newstrace.nlp import ParsedDocument, load_model
from newstrace.records import (
    UNDATED,
    Attribution,
    CleanDocument,
    DatedDocument,
    Line,
    RawDocument,
    Segment,
    Signal,
)


def make_parsed(text: str) -> ParsedDocument:
    """A ParsedDocument over ``text``: all non-empty lines body, undated, no time expressions."""
    raw = RawDocument(doc_id=ids.doc_id(text), name="fixture.txt", text=text, format="text")
    lines: list[Line] = []
    body: list[str] = []
    segments: list[Segment] = []
    offset = 0
    clean_pos = 0
    for number, line_text in enumerate(text.split("\n"), start=1):
        if line_text.strip():
            if body:
                clean_pos += 1  # the joining newline
            end = offset + len(line_text)
            lines.append(Line(number=number, start=offset, end=end, text=line_text, cls="body"))
            size = end - offset
            segments.append(Segment(clean_start=clean_pos, source_start=offset, length=size))
            body.append(line_text)
            clean_pos += len(line_text)
        offset += len(line_text) + 1
    clean_text = "\n".join(body)
    clean = CleanDocument(
        raw=raw,
        source_text=text,
        text=clean_text,
        lines=tuple(lines),
        segments=tuple(segments),
        title=None,
        outlet=None,
        origin=None,
    )
    dated = DatedDocument(clean=clean, published=UNDATED, times=())
    return ParsedDocument(dated=dated, doc=load_model()(clean_text))


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The spaCy pipeline, loaded once for the whole test session."""
    return load_model()


@pytest.fixture(name="make_parsed", scope="session")
def make_parsed_fixture(nlp: Any) -> Callable[[str], ParsedDocument]:
    """``make_parsed`` as a fixture (the model is loaded first, once)."""
    return make_parsed


@pytest.fixture
def run(make_parsed: Callable[[str], ParsedDocument]) -> Callable[..., list[Signal]]:
    """Signals of invented text, given the attributions the extractor may use (none by default)."""

    def _run(text: str, attributions: tuple[Attribution, ...] = ()) -> list[Signal]:
        return list(extract_signals(make_parsed(text), attributions))

    return _run
