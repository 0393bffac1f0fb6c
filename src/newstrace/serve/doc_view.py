"""A document's cleaned text as HTML: every sentence addressable, every signal and attribution marked.

Each sentence that holds a signal or an attribution is a ``<span class="sentence">``
with an ``<a id="s-…">`` anchor per signal, so an Evidence link
``/documents/D#s-S`` scrolls to the sentence and CSS (``:has(> a:target)``)
highlights it. Triggers and attribution cues are nested spans whose ``title``
gives their structure on hover. Every run of article text is escaped.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from markupsafe import Markup, escape

from newstrace.store.rows import AttributionRow, SignalRow
from newstrace.store.search import HIT_CLOSE, HIT_OPEN


def _sentence_start(text: str, sentence: str, start: int) -> int:
    at = text.find(sentence, max(0, start - len(sentence)))
    return at if 0 <= at <= start else start


def _sig_title(s: SignalRow) -> str:
    src = s.source_kind + (f": {s.source_by}" if s.source_by else "")
    src += f" via {s.source_via}" if s.source_via else ""
    conds = "; ".join(f"{c.get('state')} {c.get('topic')}: {c.get('detail') or ''}" for c in s.conditions)
    return (f"signal {s.type} ({s.polarity}) by {s.actor} · {', '.join(s.topics) or '-'} · source {src}"
            + (f" · conditions {conds}" if conds else "") + f" · {s.id}")


def _att_title(a: AttributionRow) -> str:
    who = a.speaker or "(agentless)"
    via = " → ".join(a.via_chain) if a.via_chain else (a.via or "")
    return (f"attribution: {who} ({a.speaker_kind}{', named' if a.named else ', unnamed'}) · cue {a.cue}"
            + (f" · via {via}" if via else "") + f" · {a.id}")


def render_text(text: str, signals: Sequence[SignalRow], attributions: Sequence[AttributionRow]) -> Markup:
    """The cleaned text as paragraphs of escaped runs, with sentences, triggers and cues marked."""
    sentences: dict[tuple[int, int], list[str]] = {}
    for s in signals:
        at = _sentence_start(text, s.sentence, s.start)
        sentences.setdefault((at, at + len(s.sentence)), []).append(s.id)
    for a in attributions:
        at = _sentence_start(text, a.sentence, a.start)
        sentences.setdefault((at, at + len(a.sentence)), [])
    spans: list[tuple[int, int, str, str]] = []  # start, end, kind, title
    spans += [(s.start, s.end, "trigger t-" + s.type, _sig_title(s)) for s in signals]
    spans += [(a.start, a.end, "cue", _att_title(a)) for a in attributions]
    cuts = {0, len(text)} | {p for r in sentences for p in r} | {p for sp in spans for p in sp[:2]}
    breaks = [i for i, ch in enumerate(text) if ch == "\n"]
    cuts |= set(breaks) | {i + 1 for i in breaks}
    points = sorted(p for p in cuts if 0 <= p <= len(text))
    out: list[str] = ["<p>"]
    anchored: set[str] = set()
    open_sentence: tuple[int, int] | None = None
    for lo, hi in itertools.pairwise(points):
        piece = text[lo:hi]
        sent = next((r for r in sentences if r[0] <= lo and hi <= r[1]), None)
        if sent != open_sentence:
            if open_sentence is not None:
                out.append("</span>")
            if sent is not None:
                ids = sentences[sent]
                out.append(f'<span class="sentence" data-signals="{escape(" ".join(ids))}">')
                out += [f'<a class="anchor" id="s-{escape(i)}"></a>' for i in ids if i not in anchored]
                anchored.update(ids)
            open_sentence = sent
        if piece == "\n":
            if open_sentence is not None:
                out.append("</span>")
                open_sentence = None
            out.append("</p><p>")
            continue
        html = str(escape(piece))
        for start, end, kind, title in spans:
            if start <= lo and hi <= end:
                html = f'<span class="{kind}" title="{escape(title)}">{html}</span>'
        out.append(html)
    if open_sentence is not None:
        out.append("</span>")
    out.append("</p>")
    return Markup("".join(out))


def snippet_html(snippet: str) -> Markup:
    """An FTS5 snippet with its hit markers turned into <mark>, everything else escaped."""
    parts = []
    for i, chunk in enumerate(snippet.split(HIT_OPEN)):
        if i == 0:
            parts.append(str(escape(chunk)))
            continue
        hit, _, rest = chunk.partition(HIT_CLOSE)
        parts.append(f"<mark>{escape(hit)}</mark>{escape(rest)}")
    return Markup("".join(parts))
