"""Run the pipeline over a gold set's corpus and score it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newstrace import pipeline
from newstrace.contract import document_contract
from newstrace.evaluate.gold import GoldSet
from newstrace.evaluate.scoring import Scores, score_documents
from newstrace.ingest import read_paths
from newstrace.records import ExtractedDocument


def evaluate_gold(gold: GoldSet, *, model: str | None = None) -> tuple[Scores, list[dict[str, Any]]]:
    files = [gold.corpus / d["file"] for d in gold.documents]
    texts = {f.name: f.read_text("utf-8") for f in files if f.is_file()}
    preds: list[dict[str, Any]] = []
    for item in pipeline.run(read_paths([Path(f) for f in files if f.is_file()]), model=model):
        if isinstance(item, ExtractedDocument):
            preds.append(document_contract(item))
    return score_documents(preds, gold.documents, texts), preds
