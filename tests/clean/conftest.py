"""Shared fixture for the clean-stage tests: load and clean an invented fixture article."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from newstrace.clean import clean_document
from newstrace.records import CleanDocument, RawDocument

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def clean_fixture() -> Callable[[str], CleanDocument]:
    def load(name: str) -> CleanDocument:
        text = (FIXTURES / name).read_text(encoding="utf-8")
        return clean_document(RawDocument(doc_id="test", name=name, text=text, format="text"))

    return load
