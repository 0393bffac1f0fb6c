"""Deterministic content-hash identifiers.

IDs are derived only from content (document text, offsets, key fields), never
from clocks, counters or insertion order, so the same input always yields the
same IDs on every machine and in every run.
"""

from __future__ import annotations

import hashlib

_PREFIX = {"document": "d", "attribution": "a", "signal": "s", "actor": "p", "time": "t"}


def _digest(*parts: object, size: int = 16) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(repr(part).encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:size]


def doc_id(text: str) -> str:
    """ID of a document: a hash of its decoded text with line endings normalised."""
    norm = text.replace("\r\n", "\n").replace("\r", "\n")
    return "d" + hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


def item_id(kind: str, document: str, start: int, end: int, *key: object) -> str:
    """ID of an extracted item: its document, its span and the fields that define it."""
    return _PREFIX.get(kind, "x") + _digest(kind, document, start, end, *key)


def actor_id(canonical: str) -> str:
    """ID of an actor from its canonical (or longest written) name, case-folded."""
    return "p" + _digest("actor", " ".join(canonical.casefold().split()), size=12)


def copy_group_id(original: str) -> str:
    """ID of a copy group: a hash of its original's doc_id, nothing else (so a rebuild keeps it)."""
    return "g" + hashlib.sha256(f"copies\x1f{original}".encode()).hexdigest()[:16]
