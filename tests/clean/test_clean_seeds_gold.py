"""Body-line precision and recall on the five gold seed articles (skipped without ../shared)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

import pytest

from newstrace.clean import clean_document
from newstrace.records import RawDocument

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
GOLD = SHARED / "gold" / "seeds.json"
SEEDS = SHARED / "corpus" / "seeds"


def make_raw(text: str, *, fmt: Literal["text", "html"] = "text", **kwargs: Any) -> RawDocument:
    return RawDocument(doc_id="test", name="test", text=text, format=fmt, **kwargs)



def body_scores(gold_path: Path, corpus: Path) -> tuple[float, float, float]:
    """Micro precision, recall and F1 of body lines over the gold documents."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    tp = fp = fn = 0
    for entry in gold["documents"]:
        text = (corpus / entry["file"]).read_text(encoding="utf-8")
        doc = clean_document(make_raw(text))
        predicted = {ln.number for ln in doc.lines if ln.cls == "body"}
        expected = set(entry["lines"]["body"])
        tp += len(predicted & expected)
        fp += len(predicted - expected)
        fn += len(expected - predicted)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@pytest.mark.skipif(not GOLD.exists(), reason="shared gold data not available")
def test_seed_body_lines_f1() -> None:
    p, r, f1 = body_scores(GOLD, SEEDS)
    assert p >= 0.95 and r >= 0.95 and f1 >= 0.95, (p, r, f1)
