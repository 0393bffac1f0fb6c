"""Standoff gold: annotations kept as offsets and labels, never the article's text.

Our own annotations of the shared corpora may not copy publishers' text into
the repository. A ``newstrace-standoff/1`` file is a ``newstrace-gold/1`` file
in which every string taken from the article (evidence, speaker, source ``by``,
``when`` and ``published`` evidence) is replaced by ``[start, end]`` character
offsets into the article file. ``resolve`` turns it back into
``newstrace-gold/1`` documents by reading the article at run time, so scoring
code sees one format. Hand-written: no library stores BRAT-like standoff for
this schema.
"""

from __future__ import annotations

import copy
from typing import Any

from newstrace.errors import Errors, NewstraceError

SCHEMA = "newstrace-standoff/1"
# (record list, field) pairs whose values are article text
_ATTRIBUTION_TEXT = ("evidence", "speaker")
_SIGNAL_TEXT = ("evidence",)


def _line_bounds(text: str, line: int | None) -> tuple[int, int]:
    if not line:
        return 0, len(text)
    start = 0
    for _ in range(line - 1):
        nl = text.find("\n", start)
        if nl < 0:
            return 0, len(text)
        start = nl + 1
    end = text.find("\n", start)
    return start, len(text) if end < 0 else end


def _locate(text: str, needle: str, lo: int, hi: int, near: int | None = None) -> list[int]:
    """Offsets of ``needle`` in ``text[lo:hi]`` (nearest to ``near`` when it occurs more than once)."""
    hits = []
    i = text.find(needle, lo, hi)
    while i >= 0:
        hits.append(i)
        i = text.find(needle, i + 1, hi)
    if not hits:
        raise NewstraceError(Errors.E040, detail=f"text not found at the given line: {needle[:40]!r}")
    best = min(hits, key=lambda h: abs(h - near)) if near is not None else hits[0]
    return [best, best + len(needle)]


def to_standoff(doc: dict[str, Any], text: str) -> dict[str, Any]:
    """Replace article strings of one gold document by offsets into ``text``."""
    out = copy.deepcopy(doc)
    out.pop("note", None)
    out.pop("line_notes", None)
    pub = out.get("published") or {}
    if pub.get("evidence"):
        pub["evidence"] = _locate(text, pub["evidence"], 0, len(text))
    pub.pop("note", None)
    for a in out.get("attributions", []):
        a.pop("note", None)
        lo, hi = _line_bounds(text, a.get("line"))
        ev = _locate(text, a["evidence"], lo, hi)
        a["evidence"] = ev
        if a.get("speaker"):
            a["speaker"] = _locate(text, a["speaker"], ev[0], ev[1])
    for s in out.get("signals", []):
        s.pop("note", None)
        lo, hi = _line_bounds(text, s.get("line"))
        ev = _locate(text, s["evidence"], lo, hi)
        s["evidence"] = ev
        src = s.get("source") or {}
        if src.get("by"):
            src["by"] = _locate(text, src["by"], 0, len(text), near=ev[0])
        when = s.get("when")
        if when:
            when.pop("note", None)
            if when.get("evidence"):
                when["evidence"] = _locate(text, when["evidence"], 0, len(text), near=ev[0])
    return out


def _cut(text: str, span: Any) -> Any:
    if isinstance(span, list) and len(span) == 2 and all(isinstance(x, int) for x in span):
        if not 0 <= span[0] <= span[1] <= len(text):
            raise NewstraceError(Errors.E040, detail=f"offsets {span} outside the article")
        return text[span[0] : span[1]]
    return span


def from_standoff(doc: dict[str, Any], text: str) -> dict[str, Any]:
    """The ``newstrace-gold/1`` document for one standoff document and its article text."""
    out = copy.deepcopy(doc)
    pub = out.get("published") or {}
    if "evidence" in pub:
        pub["evidence"] = _cut(text, pub["evidence"])
    for a in out.get("attributions", []):
        for key in _ATTRIBUTION_TEXT:
            if key in a:
                a[key] = _cut(text, a[key])
    for s in out.get("signals", []):
        for key in _SIGNAL_TEXT:
            s[key] = _cut(text, s[key])
        src = s.get("source") or {}
        if "by" in src:
            src["by"] = _cut(text, src["by"])
        when = s.get("when")
        if when and "evidence" in when:
            when["evidence"] = _cut(text, when["evidence"])
    return out
