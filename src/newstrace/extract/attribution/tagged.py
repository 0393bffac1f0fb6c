"""Read the attribution tagger's role spans off a parsed ``Doc``, grouped by sentence.

The tagger (``tagger.py``) runs inside the spaCy pipeline and leaves labelled
spans in ``doc.spans``; the attribution walk turns its cues into attributions
with the same speaker, pronoun, content and via logic as the rules' cues.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

SPANS_KEY = "newstrace_attribution"  # where the tagger leaves its spans (tagger.py writes them)


@dataclass(frozen=True, slots=True)
class Tagged:
    """One role span: token range, role (SOURCE, CUE, CONTENT) and mean tag probability."""

    start: int
    end: int
    role: str
    confidence: float


def tagged_by_sentence(doc: Doc, sents: list[Span]) -> dict[int, list[Tagged]]:
    """Sentence index -> the tagger's spans starting in that sentence (empty without a tagger)."""
    group = doc.spans.get(SPANS_KEY) if hasattr(doc, "spans") else None
    if not group:
        return {}
    conf = list(group.attrs.get("confidence", []))
    starts = [s.start for s in sents]
    out: dict[int, list[Tagged]] = {}
    k = 0
    for n, span in enumerate(sorted(group, key=lambda s: s.start)):
        while k + 1 < len(starts) and starts[k + 1] <= span.start:
            k += 1
        c = conf[n] if n < len(conf) else 1.0
        out.setdefault(k, []).append(Tagged(span.start, span.end, span.label_, c))
    return out
