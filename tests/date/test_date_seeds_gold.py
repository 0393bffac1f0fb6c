"""The five seed articles' publication dates against the gold file (skipped without it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newstrace import ids
from newstrace.clean import clean_document
from newstrace.date import date_document
from newstrace.records import RawDocument

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
GOLD = SHARED / "gold" / "seeds.json"
SEEDS = SHARED / "corpus" / "seeds"


@pytest.mark.skipif(not GOLD.exists() or not SEEDS.exists(), reason="shared data absent")
def test_seed_publication_dates() -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    for doc in gold["documents"]:
        text = (SEEDS / doc["file"]).read_text(encoding="utf-8")
        raw = RawDocument(doc_id=ids.doc_id(text), name=doc["file"], text=text, format="text")
        dated = date_document(clean_document(raw))
        p = dated.published
        want = doc["published"]
        assert (p.value, p.precision) == (want["value"], want["precision"]), doc["file"]
        if p.evidence is not None and p.evidence_start is not None:
            assert dated.clean.source_text[p.evidence_start : p.evidence_end] == p.evidence
