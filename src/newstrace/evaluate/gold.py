"""Load a gold file and locate every gold evidence span in its article."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newstrace.errors import Errors, NewstraceError


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
    if not isinstance(data, dict) or data.get("schema") != "newstrace-gold/1":
        raise NewstraceError(Errors.E014, path=p)
    corpus_dir = Path(corpus) if corpus else (p.parent.parent / str(data.get("corpus", "")))
    return GoldSet(
        path=p,
        corpus=corpus_dir,
        documents=list(data.get("documents", [])),
        cross_document=dict(data.get("cross_document", {})),
    )


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
