"""Cleaned text maps back to the source text exactly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from newstrace.clean.offsets import span_to_source, to_source
from newstrace.records import CleanDocument

Loader = Callable[[str], CleanDocument]


FIXTURES = Path(__file__).parent / "fixtures"



@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.txt")))
def test_segments_round_trip(clean_fixture: Loader, name: str) -> None:
    doc = clean_fixture(name)
    for seg in doc.segments:
        source = doc.source_text[seg.source_start : seg.source_start + seg.length]
        assert source == doc.text[seg.clean_start : seg.clean_start + seg.length]
    body = [ln.text for ln in doc.lines if ln.cls == "body"]
    assert doc.text == "\n".join(body)


def test_lines_point_into_source(clean_fixture: Loader) -> None:
    doc = clean_fixture("courier_page.txt")
    for ln in doc.lines:
        assert doc.source_text[ln.start : ln.end] == ln.text
        assert doc.source_text.split("\n")[ln.number - 1].strip() == ln.text


def test_span_maps_back(clean_fixture: Loader) -> None:
    doc = clean_fixture("courier_page.txt")
    word = "Prisoner exchange"
    start = doc.text.index(word)
    s, e = span_to_source(doc.segments, start, start + len(word))
    assert doc.source_text[s:e] == word
    assert to_source(doc.segments, 0) == doc.source_text.index("Negotiators")
