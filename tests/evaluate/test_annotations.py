"""Our standoff annotations: offsets only for article text, and they resolve on the shared corpora."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newstrace.evaluate import load_gold

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted((ROOT / "annotations").rglob("*.json"))
SHARED = ROOT.parent / "shared" / "corpus"


def _is_span(v: Any) -> bool:
    return isinstance(v, list) and len(v) == 2 and all(isinstance(x, int) for x in v)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_article_text_is_kept_as_offsets(path: Path) -> None:
    data = json.loads(path.read_text("utf-8"))
    assert data["schema"] == "newstrace-standoff/1"
    for doc in data["documents"]:
        for a in doc["attributions"]:
            assert _is_span(a["evidence"])
            assert a.get("speaker") is None or _is_span(a["speaker"])
            assert "note" not in a
        for s in doc["signals"]:
            assert _is_span(s["evidence"])
            by = (s.get("source") or {}).get("by")
            assert by is None or _is_span(by)


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is absent")
@pytest.mark.parametrize("path", [p for p in FILES if p.parent.name == "annotations"], ids=lambda p: p.name)
def test_annotations_resolve_on_the_shared_corpus(path: Path) -> None:
    gold = load_gold(path)
    splits = json.loads((gold.corpus / "splits.json").read_text("utf-8"))
    test_files = set(splits["test"])
    for doc in gold.documents:
        assert doc["file"] not in test_files  # never annotate the test split
        text = (gold.corpus / doc["file"]).read_text("utf-8")
        for a in doc["attributions"]:
            assert a["evidence"] in text and (a["speaker"] is None or a["speaker"] in a["evidence"])
