"""Load a gold file and locate every gold evidence span in its article."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newstrace.errors import Errors, NewstraceError
from newstrace.evaluate import standoff


@dataclass(frozen=True, slots=True)
class GoldSet:
    path: Path
    corpus: Path
    documents: list[dict[str, Any]]
    cross_document: dict[str, Any]


def load_gold(path: str | Path, corpus: str | Path | None = None) -> GoldSet:
    p = Path(path)
    try:
        data = json.loads(p.read_text("utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise NewstraceError(Errors.E014, path=p) from exc
    if not isinstance(data, dict) or data.get("schema") not in ("newstrace-gold/1", standoff.SCHEMA):
        raise NewstraceError(Errors.E014, path=p)
    folder = Path(corpus) if corpus else corpus_dir(p, str(data.get("corpus", "")))
    documents = list(data.get("documents", []))
    if data["schema"] == standoff.SCHEMA:
        documents = [_resolve(folder, d) for d in documents]
    return GoldSet(
        path=p,
        corpus=folder,
        documents=documents,
        cross_document=dict(data.get("cross_document", {})),
    )


def corpus_dir(gold: Path, corpus: str) -> Path:
    """The gold's corpus folder: beside the gold's folder (``shared/gold`` → ``shared/corpus``),
    else in the ``shared`` folder next to the repository (our standoff annotations)."""
    near = gold.parent.parent / corpus
    if near.is_dir():
        return near
    for parent in gold.resolve().parents:
        candidate = parent / "shared" / corpus
        if candidate.is_dir():
            return candidate
    return near


def _resolve(corpus: Path, doc: dict[str, Any]) -> dict[str, Any]:
    try:
        text = (corpus / str(doc["file"])).read_text("utf-8")
    except OSError as exc:
        raise NewstraceError(Errors.E040, detail=f"article {doc.get('file')} not readable: {exc}") from exc
    return standoff.from_standoff(doc, text)


def find_spans(text: str, needle: str | None) -> list[tuple[int, int]]:
    """Every occurrence of a gold evidence string (gold promises exact substrings)."""
    if not needle:
        return []
    out = []
    i = text.find(needle)
    while i >= 0:
        out.append((i, i + len(needle)))
        i = text.find(needle, i + 1)
    return out
