"""Classify the lines of a text as title, meta, body or junk.

Two passes over the ordered rules of ``data/clean/lines.toml``: the first runs
the rules that need no context, so that captions, prompts and copyright lines
are known before the article's extent is drawn; the zones (head, body, tail)
are then bounded by the first and last remaining prose lines, and the second
pass runs every rule in order, first match wins, with body as the default.
"""

from __future__ import annotations

from collections.abc import Sequence

from newstrace.clean.features import LineFeatures, SourceLine, compute
from newstrace.clean.rules import Rule, rules
from newstrace.records import Line

DEFAULT_REASON = "default_body"


def _zones(feats: Sequence[LineFeatures], decided: Sequence[bool]) -> list[str]:
    prose = [i for i, f in enumerate(feats) if "prose" in f.flags and not decided[i]]
    if not prose:
        return ["head"] * len(feats)
    first, last = prose[0], prose[-1]
    return ["head" if i < first else "tail" if i > last else "body" for i in range(len(feats))]


def classify(lines: Sequence[SourceLine], *, known_title: str | None = None) -> list[Line]:
    """Class and deciding rule name for every non-empty line."""
    feats = compute(list(lines), known_title=known_title)
    table = rules()
    first_rules = [r for r in table if r.first_pass and r.cls in ("junk", "meta")]
    decided = [_first(first_rules, f) is not None for f in feats]
    zones = _zones(feats, decided)
    _mark_best_headline(feats, zones, decided)
    out: list[Line] = []
    title_key: str | None = None
    for f, zone in zip(feats, zones, strict=True):
        flags = set(f.flags)
        if title_key is not None:
            flags.add("title_found")
            if f.key == title_key:
                flags.add("equals_title")
        rule = _first(table, f, zone=zone, flags=flags)
        cls = rule.cls if rule else "body"
        reason = rule.name if rule else DEFAULT_REASON
        if cls == "title" and title_key is None:
            title_key = f.key
        ln = f.line
        out.append(Line(ln.number, ln.start, ln.end, ln.text, cls, reason))
    return out


def _mark_best_headline(
    feats: Sequence[LineFeatures], zones: Sequence[str], decided: Sequence[bool]
) -> None:
    """Flag the longest headline-looking line above the article: a masthead or a
    section label above the real headline is shorter than the headline."""
    candidates = [
        i for i, f in enumerate(feats) if zones[i] == "head"
        and not decided[i]
        and "headline" in f.flags
        and "outlet_name" not in f.flags
    ]
    if candidates:
        best = max(candidates, key=lambda i: (feats[i].n_words, -i))
        feats[best].flags.add("best_headline")


def _first(
    table: Sequence[Rule], f: LineFeatures, *, zone: str = "", flags: set[str] | None = None
) -> Rule | None:
    use = f.flags if flags is None else flags
    for rule in table:
        if rule.matches(f, zone, use):
            return rule
    return None
